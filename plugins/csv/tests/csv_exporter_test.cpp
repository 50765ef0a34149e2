// The csv exporter through the real chain runner, on hand-written Documents
// (tests/data/exporters). The files it writes are read back by Python's csv module, an
// independent RFC 4180 reader, rather than by a parser written alongside the writer.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <memory>

#include "chain_harness.hpp"
#include "gongwen/json.hpp"
#include "test_paths.hpp"

using namespace gongwen;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

Document fixture(const std::string& name) {
    return document_from_json(test::read_file(test::data_dir() / "exporters" / (name + ".json")));
}

std::string toml(const fs::path& dir, const std::string& extra = "") {
    return "[plugins.csv]\ndir = \"" + dir.string() + "\"\n" + extra;
}

fs::path export_csv(const test::TempDir& out, Document doc, const std::string& extra = "") {
    test::ChainHarness chain({"csv"}, toml(out.path(), extra));
    const auto failure = chain.try_run(doc);
    EXPECT_FALSE(failure) << failure->message;
    return out / (doc.source.sha256 + ".csv");
}

// Rows as Python's csv module reads them ("utf-8-sig" drops a BOM, as Excel does).
std::vector<std::vector<std::string>> read_back(const fs::path& file, const std::string& delim) {
    const std::string cmd =
        "python3 -c 'import csv, json, sys; "
        "f = open(sys.argv[1], encoding=\"utf-8-sig\", newline=\"\"); "
        "print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2]))))' '" +
        file.string() + "' '" + delim + "'";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(cmd.c_str(), "r"), ::pclose);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
    std::vector<std::vector<std::string>> rows;
    const json::value parsed = json::parse(out);
    for (const auto& row : parsed.as_array()) {
        rows.emplace_back();
        for (const auto& cell : row.as_array()) rows.back().emplace_back(cell.as_string());
    }
    return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    ADD_FAILURE() << "no column " << name;
    return 0;
}

class CsvExporter : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!fs::exists("/usr/bin/python3"))
            GTEST_SKIP() << "python3 not installed: it is the independent CSV reader here";
    }
    test::TempDir out;
};

}  // namespace

TEST_F(CsvExporter, WritesOneRowPerMetricWithAllItsFields) {
    const Document doc = fixture("report_2021");
    const auto rows = read_back(export_csv(out, doc), ",");
    ASSERT_EQ(rows.size(), doc.metrics.size() + 1);
    const auto& h = rows[0];
    for (const char* name :
         {"sha256",          "title", "source_path", "source_member", "metric", "section",
          "section_heading", "text",  "value",       "value_max",     "unit",   "approx",
          "qualifier",       "kind",  "subject",     "modality",      "start",  "end",
          "period",          "scope", "direction",   "basis"})
        EXPECT_NO_FATAL_FAILURE(column(h, name));
    EXPECT_EQ(h.size(), 22u);

    for (std::size_t i = 0; i < doc.metrics.size(); ++i) {
        const auto& row = rows[i + 1];
        const Metric& m = doc.metrics[i];
        ASSERT_EQ(row.size(), h.size()) << "row " << i;
        EXPECT_EQ(row[column(h, "sha256")], doc.source.sha256);
        EXPECT_EQ(row[column(h, "title")], doc.title);
        EXPECT_EQ(row[column(h, "source_path")], doc.source.path);
        EXPECT_EQ(row[column(h, "metric")], std::to_string(i));
        EXPECT_EQ(row[column(h, "text")], m.text);
        EXPECT_EQ(std::stod(row[column(h, "value")]), m.value) << row[column(h, "value")];
        EXPECT_EQ(row[column(h, "unit")], m.unit);
        EXPECT_EQ(row[column(h, "kind")], m.kind);
        EXPECT_EQ(row[column(h, "subject")], m.subject);
        EXPECT_EQ(row[column(h, "modality")], m.modality);
        EXPECT_EQ(row[column(h, "start")], std::to_string(m.start));
        EXPECT_EQ(row[column(h, "end")], std::to_string(m.end));
        EXPECT_EQ(row[column(h, "period")], m.period);
        EXPECT_EQ(row[column(h, "direction")], m.direction);
        EXPECT_EQ(row[column(h, "basis")], m.basis);
        EXPECT_EQ(row[column(h, "approx")], m.approx ? "true" : "false");
        if (m.section < 0) {
            EXPECT_EQ(row[column(h, "section")], "");
            EXPECT_EQ(row[column(h, "section_heading")], "");
        } else {
            EXPECT_EQ(row[column(h, "section")], std::to_string(m.section));
            EXPECT_EQ(row[column(h, "section_heading")], doc.sections[m.section].heading);
        }
    }
    // Numbers are written in full, never as 1.2e+08, and without trailing zeros.
    EXPECT_EQ(rows[4][column(h, "value")], "120000000");
    EXPECT_EQ(rows[3][column(h, "value")], "12.5");
    EXPECT_EQ(rows[11][column(h, "value_max")], "50");
    EXPECT_EQ(rows[11][column(h, "value")], "30");
    EXPECT_EQ(rows[1][column(h, "value_max")], "");
    EXPECT_EQ(rows[5][column(h, "qualifier")], "余");
}

TEST_F(CsvExporter, QuotesSeparatorsQuotesAndLineBreaksPerRfc4180) {
    const Document doc = fixture("hostile");
    const fs::path file = export_csv(out, doc);
    const std::string bytes = test::read_file(file);
    // CRLF ends records; the line break inside the quoted subject stays a bare LF.
    EXPECT_NE(bytes.find("\"主体,含\"\"引号\"\"\n换行\""), std::string::npos) << bytes;
    EXPECT_EQ(bytes.substr(bytes.size() - 2), "\r\n");
    EXPECT_NE(bytes.rfind("\xEF\xBB\xBF", 0), 0u) << "no BOM unless asked for";

    const auto rows = read_back(file, ",");
    ASSERT_EQ(rows.size(), doc.metrics.size() + 1);
    const auto& h = rows[0];
    EXPECT_EQ(rows[1][column(h, "subject")], "主体,含\"引号\"\n换行");
    EXPECT_EQ(rows[1][column(h, "title")], doc.title);
    // A section index with no section keeps its number but has no heading.
    EXPECT_EQ(rows[3][column(h, "section")], "99");
    EXPECT_EQ(rows[3][column(h, "section_heading")], "");
    // Without the guard, text that looks like a formula is written as it is.
    EXPECT_EQ(rows[3][column(h, "subject")], "=HYPERLINK(\"http://x\")");
    EXPECT_EQ(rows[4][column(h, "value")], "-25000");
}

TEST_F(CsvExporter, BomOptionForExcel) {
    const Document doc = fixture("report_2021");
    const fs::path file = export_csv(out, doc, "bom = true\n");
    const std::string bytes = test::read_file(file);
    ASSERT_GE(bytes.size(), 3u);
    EXPECT_EQ(bytes.substr(0, 10), "\xEF\xBB\xBFsha256,");
    EXPECT_EQ(read_back(file, ",")[0][0], "sha256");
}

TEST_F(CsvExporter, GuardFormulasPrefixesTextCellsOnly) {
    const Document doc = fixture("hostile");
    const auto rows = read_back(export_csv(out, doc, "guard_formulas = true\n"), ",");
    const auto& h = rows[0];
    EXPECT_EQ(rows[3][column(h, "subject")], "'=HYPERLINK(\"http://x\")");
    EXPECT_EQ(rows[4][column(h, "subject")], "'-负数主体");
    EXPECT_EQ(rows[4][column(h, "value")], "-25000") << "numbers are not text: never guarded";
    EXPECT_EQ(rows[1][column(h, "subject")], "主体,含\"引号\"\n换行");
}

TEST_F(CsvExporter, SemicolonsLineFeedsAndNoHeaderOnRequest) {
    const Document doc = fixture("report_2021");
    const fs::path file =
        export_csv(out, doc, "delimiter = \";\"\nline_ending = \"lf\"\nheader = false\n");
    const std::string bytes = test::read_file(file);
    EXPECT_EQ(bytes.find('\r'), std::string::npos);
    const auto rows = read_back(file, ";");
    ASSERT_EQ(rows.size(), doc.metrics.size());
    EXPECT_EQ(rows[0][0], doc.source.sha256);
    EXPECT_EQ(rows[0].size(), 22u);
}

TEST_F(CsvExporter, ADocumentWithoutMetricsGetsAHeaderOnlyFile) {
    const auto rows = read_back(export_csv(out, fixture("bare")), ",");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], "sha256");
}

TEST_F(CsvExporter, ReplacesTheFileAtomicallyLeavingNoTemporaries) {
    Document doc = fixture("report_2021");
    const fs::path file = out / (doc.source.sha256 + ".csv");
    test::write_file(file, "stale");
    export_csv(out, doc);
    export_csv(out, doc);
    EXPECT_NE(test::read_file(file), "stale");
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(out.path())) {
        ++entries;
        EXPECT_EQ(e.path(), file);
    }
    EXPECT_EQ(entries, 1u);
}

TEST_F(CsvExporter, FailsTheDocumentWithAClearReason) {
    Document doc = fixture("report_2021");
    doc.source.sha256.clear();
    test::ChainHarness chain({"csv"}, toml(out.path()));
    auto failure = chain.try_run(doc);
    ASSERT_TRUE(failure);
    EXPECT_EQ(failure->plugin, "csv");
    EXPECT_NE(failure->message.find("no sha256"), std::string::npos) << failure->message;

    // The output folder is a file: the message names the path.
    test::write_file(out / "not_a_dir", "x");
    Document doc2 = fixture("report_2021");
    test::ChainHarness blocked({"csv"}, toml(out / "not_a_dir"));
    failure = blocked.try_run(doc2);
    ASSERT_TRUE(failure);
    EXPECT_NE(failure->message.find("not_a_dir"), std::string::npos) << failure->message;
}

TEST_F(CsvExporter, RejectsBadConfigNamingTheKey) {
    for (const std::string bad :
         {"delimiter = \"|\"\n", "bom = \"yes\"\n", "line_end = \"lf\"\n"}) {
        try {
            test::ChainHarness chain({"csv"}, toml(out.path(), bad));
            ADD_FAILURE() << "accepted " << bad;
        } catch (const std::exception& e) {
            const std::string key = bad.substr(0, bad.find(' '));
            EXPECT_NE(std::string(e.what()).find("plugins.csv." + key), std::string::npos)
                << e.what();
        }
    }
}
