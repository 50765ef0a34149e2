// The markdown exporter through the real chain runner, on hand-written Documents
// (tests/data/exporters).
#include <gtest/gtest.h>

#include <sstream>

#include "chain_harness.hpp"
#include "gongwen/json.hpp"
#include "test_paths.hpp"

using namespace gongwen;
namespace fs = std::filesystem;

namespace {

Document fixture(const std::string& name) {
    return document_from_json(test::read_file(test::data_dir() / "exporters" / (name + ".json")));
}

std::string toml(const fs::path& dir, const std::string& extra = "") {
    return "[plugins.markdown]\ndir = \"" + dir.string() + "\"\n" + extra;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// Pipes that GFM reads as cell separators: those not escaped with a backslash.
std::size_t separators(const std::string& row) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (row[i] == '\\') {
            ++i;
            continue;
        }
        n += row[i] == '|';
    }
    return n;
}

std::size_t line_index(const std::vector<std::string>& lines, const std::string& wanted) {
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (lines[i] == wanted) return i;
    ADD_FAILURE() << "no line: " << wanted;
    return lines.size();
}

class MarkdownExporter : public ::testing::Test {
  protected:
    std::string digest(Document doc, const std::string& extra = "") {
        test::ChainHarness chain({"markdown"}, toml(out.path(), extra));
        const auto failure = chain.try_run(doc);
        EXPECT_FALSE(failure) << failure->message;
        return test::read_file(out / (doc.source.sha256 + ".md"));
    }
    test::TempDir out;
};

}  // namespace

TEST_F(MarkdownExporter, DigestHasTitleMetadataOutlineAndMetricsPerSection) {
    const Document doc = fixture("report_2021");
    const std::string md = digest(doc);
    const auto lines = lines_of(md);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0], "# 某市司法局2021年工作总结");
    for (const char* row :
         {"| 发布日期 | 2022-01-15 |", "| 发布单位 | 某市司法局 |", "| 期间 | 2021 |",
          "| 类型 | 工作总结 |", "| 编码 | GB18030 (置信度 0.98) |", "| 字形 | 简体 |",
          "| 来源 | /srv/inbox/report\\_2021.txt |"})
        EXPECT_LT(line_index(lines, row), lines.size());
    EXPECT_LT(line_index(lines, "| SHA-256 | `" + doc.source.sha256 + "` |"), lines.size());

    // The outline nests by level.
    const std::size_t outline = line_index(lines, "## 目录");
    EXPECT_EQ(lines[outline + 2], "- 一、公共法律服务体系建设");
    EXPECT_EQ(lines[outline + 3], "  - （一）法律援助");
    EXPECT_EQ(lines[outline + 4], "  - （二）人民调解");
    EXPECT_EQ(lines[outline + 5], "- 二、行政复议与应诉");

    // Every metric is one table row, under the heading of its own section.
    std::vector<std::size_t> heading_at;
    for (const auto& s : doc.sections)
        heading_at.push_back(line_index(
            lines,
            std::string(static_cast<std::size_t>(s.level) + 2, '#') + " " + s.marker + s.heading));
    const std::size_t outside = line_index(lines, "### 章节之外");
    for (const Metric& m : doc.metrics) {
        std::vector<std::size_t> rows;
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (lines[i].find("| " + m.text + " |") != std::string::npos) rows.push_back(i);
        ASSERT_EQ(rows.size(), 1u) << m.text << "\n" << md;
        const std::size_t start = m.section < 0 ? outside : heading_at[m.section];
        EXPECT_GT(rows[0], start) << m.text;
        for (std::size_t h : heading_at)
            if (h > start) {
                EXPECT_LT(rows[0], h) << m.text << " is under a later heading";
            }
        EXPECT_EQ(separators(lines[rows[0]]), 9u) << lines[rows[0]];
    }
    EXPECT_NE(md.find("| 挽回经济损失 | 120,000,000元 | 金额 | 2021 |  |  | 实际 | 1.2亿元 |"),
              std::string::npos)
        << md;
    EXPECT_NE(md.find("| 调解矛盾纠纷 | ≈23,000件 | 数量 | 2021 | 全市 |  | 实际 | 2.3万余件 |"),
              std::string::npos);
    EXPECT_NE(md.find("| 法律援助案件 | 12.5% | 百分比 | 2021 |  | ↑ 同比 | 实际 | 12.5% |"),
              std::string::npos);
    EXPECT_NE(md.find("| 新建公共法律服务工作站 | 30–50个 | 数量 | 2022 |  |  | 计划 | 30至50个 |"),
              std::string::npos);
    // The section without metrics of its own is kept as the parent of two that have some.
    EXPECT_LT(line_index(lines, "### 一、公共法律服务体系建设"), heading_at[1]);
    EXPECT_EQ(md.back(), '\n');
    EXPECT_EQ(md.find("\n\n\n"), std::string::npos);
}

TEST_F(MarkdownExporter, EnglishLabelsOnRequest) {
    const std::string md = digest(fixture("report_2021"), "language = \"en\"\n");
    EXPECT_NE(md.find("| Published | 2022-01-15 |"), std::string::npos) << md;
    EXPECT_NE(md.find("## Outline"), std::string::npos);
    EXPECT_NE(md.find("### Outside any section"), std::string::npos);
    EXPECT_NE(md.find("| GB18030 (confidence 0.98) |"), std::string::npos);
}

TEST_F(MarkdownExporter, ReportTextNeverBecomesMarkup) {
    const Document doc = fixture("hostile");
    const std::string md = digest(doc);
    const auto lines = lines_of(md);
    EXPECT_EQ(lines[0],
              "# \\<script\\>alert(\"标题\")\\</script\\> \\& \"引号\" \\| 竖线 \\*星号\\*");
    // Every < and | in the digest is escaped, except the table pipes themselves.
    for (std::size_t i = 0; i < md.size(); ++i)
        if (md[i] == '<') {
            EXPECT_EQ(md[i - 1], '\\') << md.substr(i, 20);
        }
    EXPECT_LT(line_index(lines, "| 发布单位 | 某局\\</td\\>\\<td\\>注入 |"), lines.size());
    // A heading that looks like a list item stays one item; the level 3 section after a level 1
    // one nests one step, not two (four spaces would start a code block).
    EXPECT_LT(line_index(lines, "- 一、\\<b\\>不是标签\\</b\\>"), lines.size());
    EXPECT_LT(line_index(lines, "  - 1\\. 看起来像列表的行 \\| 竖线"), lines.size());
    // Line breaks inside a subject stay inside its cell; the unknown section 99 counts as none.
    const std::size_t outside = line_index(lines, "### 章节之外");
    const std::size_t unknown_section =
        line_index(lines, "| =HYPERLINK(\"http://x\") | 7个 | 数量 | 2021 |  |  | 实际 | 7个 |");
    EXPECT_GT(unknown_section, outside);
    EXPECT_LT(unknown_section, line_index(lines, "### 一、\\<b\\>不是标签\\</b\\>"));
    std::size_t rows = 0;
    for (const auto& line : lines)
        if (line.rfind("| ", 0) == 0 && separators(line) == 9) ++rows;
    EXPECT_EQ(rows, doc.metrics.size() + 3) << "one row per metric plus a header row per table";
    EXPECT_NE(md.find("| 主体,含\"引号\" 换行 | 3–5个百分点 |"), std::string::npos) << md;
    EXPECT_NE(md.find("| -负数主体 | -25,000元 |"), std::string::npos) << md;
    EXPECT_EQ(md.find('\x01'), std::string::npos);
    EXPECT_NE(md.find("- **warning** (encoding\\_fix): 1 character lost \\<U+FFFD\\>"),
              std::string::npos);
}

TEST_F(MarkdownExporter, ADocumentWithoutAnalysisStillGetsADigest) {
    const std::string md = digest(fixture("bare"));
    const auto lines = lines_of(md);
    EXPECT_EQ(lines[0], "# 无标题文档 — bare.txt");
    EXPECT_LT(line_index(lines, "未识别出章节。"), lines.size());
    EXPECT_LT(line_index(lines, "未提取到指标。"), lines.size());
    EXPECT_EQ(md.find("处理提示"), std::string::npos);
}

TEST_F(MarkdownExporter, DiagnosticsCanBeLeftOut) {
    const std::string md = digest(fixture("hostile"), "diagnostics = false\n");
    EXPECT_EQ(md.find("处理提示"), std::string::npos);
    EXPECT_EQ(md.find("**warning**"), std::string::npos);
}

TEST_F(MarkdownExporter, AnUnknownLanguageNamesTheOnesAvailable) {
    try {
        test::ChainHarness chain({"markdown"}, toml(out.path(), "language = \"fr\"\n"));
        FAIL() << "accepted language fr";
    } catch (const std::exception& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("plugins.markdown.language"), std::string::npos) << msg;
        EXPECT_NE(msg.find("available: en, zh"), std::string::npos) << msg;
    }
}

TEST_F(MarkdownExporter, FailsADocumentWithoutSha256) {
    Document doc = fixture("bare");
    doc.source.sha256.clear();
    test::ChainHarness chain({"markdown"}, toml(out.path()));
    const auto failure = chain.try_run(doc);
    ASSERT_TRUE(failure);
    EXPECT_NE(failure->message.find("no sha256"), std::string::npos);
    EXPECT_TRUE(fs::is_empty(out.path()));
}
