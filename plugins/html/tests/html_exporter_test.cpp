// The html exporter through the real chain runner, on hand-written Documents
// (tests/data/exporters): the page markup, the corpus index under concurrent writers, and the
// config. The pages are checked in a real browser by html_chromium_test.cpp.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <thread>

#include "chain_harness.hpp"
#include "gongwen/json.hpp"
#include "html_page_text.hpp"
#include "test_paths.hpp"

using namespace gongwen;
namespace fs = std::filesystem;

namespace {

Document fixture(const std::string& name) {
    return document_from_json(test::read_file(test::data_dir() / "exporters" / (name + ".json")));
}

std::string toml(const fs::path& dir, const std::string& extra = "") {
    return "[plugins.html]\ndir = \"" + dir.string() + "\"\n" + extra;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size()))
        ++n;
    return n;
}

// The same document with other text, hence another sha256: a corpus made from one fixture.
Document variant(const Document& base, int n) {
    Document d = base;
    d.title = base.title + " #" + std::to_string(n);
    d.source.sha256 = std::string(64 - std::to_string(n).size(), 'a') + std::to_string(n);
    return d;
}

class HtmlExporter : public ::testing::Test {
  protected:
    std::string page(Document& doc, const std::string& extra = "") {
        test::ChainHarness chain({"html"}, toml(out.path(), extra));
        const auto failure = chain.try_run(doc);
        EXPECT_FALSE(failure) << failure->message;
        return test::read_file(out / (doc.source.sha256 + ".html"));
    }
    test::TempDir out;
};

}  // namespace

TEST_F(HtmlExporter, TheTextReadsBackExactlyWithEveryMetricHighlightedInPlace) {
    Document doc = fixture("report_2021");
    const std::string html = page(doc);
    // Strip the markup from the text element: what is left is the document text, unchanged.
    EXPECT_EQ(test::page_text(html), doc.text);
    for (std::size_t i = 0; i < doc.metrics.size(); ++i) {
        const Metric& m = doc.metrics[i];
        const std::string mark = test::mark_text(html, i);
        EXPECT_EQ(mark, m.text) << "metric " << i;
        const std::string cls = "class=\"m m-" + m.modality + "\" id=\"m" + std::to_string(i);
        EXPECT_EQ(count(html, cls), 1u) << cls;
    }
    for (std::size_t s = 0; s < doc.sections.size(); ++s) {
        EXPECT_EQ(count(html, "<a href=\"#s" + std::to_string(s) + "\">"), 1u);
        EXPECT_EQ(count(html, "id=\"s" + std::to_string(s) + "\""), 1u);
    }
    // Nested outline: 一、 holds （一） and （二）.
    EXPECT_NE(
        html.find("一、公共法律服务体系建设</a><ol>\n<li><a href=\"#s1\">（一）法律援助</a></li>"
                  "\n<li><a href=\"#s2\">（二）人民调解</a></li></ol></li>"),
        std::string::npos)
        << html;
    EXPECT_NE(html.find("<dt>发布日期</dt><dd>2022-01-15</dd>"), std::string::npos);
    EXPECT_NE(html.find("<dt>发布单位</dt><dd>某市司法局</dd>"), std::string::npos);
    EXPECT_NE(html.find("<a href=\"index.html\">"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("http://"), std::string::npos) << "no external resource";
    EXPECT_EQ(html.find("https://"), std::string::npos) << "no external resource";
}

TEST_F(HtmlExporter, ChartsTheLargestFiguresGroupedByUnit) {
    Document doc = fixture("report_2021");
    const std::string html = page(doc);
    // 件 has four achieved counts, so it is the first chart; 人次 and 元 one bar each; plans
    // (5000人次, 30至50个) and percentages are not charted by default.
    EXPECT_EQ(count(html, "<rect class=\"bar bar-g0\""), 4u);
    EXPECT_EQ(count(html, "<rect class=\"bar bar-g1\""), 1u);
    EXPECT_EQ(count(html, "<rect class=\"bar bar-g2\""), 1u);
    EXPECT_EQ(count(html, " bar-plan\""), 0u);
    EXPECT_NE(html.find("<figcaption>数量（件）</figcaption>"), std::string::npos);
    EXPECT_NE(html.find("<figcaption>金额（元）</figcaption>"), std::string::npos);
    // Longest bar first, full length; each bar links to its highlight.
    const std::regex bar(
        "<a href=\"#m(\\d+)\"><title>[^<]*</title><text[^>]*>[^<]*</text>"
        "<rect class=\"bar bar-g0\" x=\"220\" y=\"\\d+\" width=\"([0-9.]+)\"");
    std::vector<std::pair<int, double>> bars;
    for (std::sregex_iterator it(html.begin(), html.end(), bar), end; it != end; ++it)
        bars.emplace_back(std::stoi((*it)[1]), std::stod((*it)[2]));
    ASSERT_EQ(bars.size(), 4u);
    EXPECT_EQ(bars[0].first, 4);  // 2.3万余件
    EXPECT_DOUBLE_EQ(bars[0].second, 380.0);
    EXPECT_EQ(bars[1].first, 1);  // 3562件
    EXPECT_NEAR(bars[1].second, 380.0 * 3562 / 23000, 0.06);

    Document more = fixture("report_2021");
    const std::string limited =
        page(more, "chart_groups = 1\nchart_bars = 2\nchart_plans = true\n");
    EXPECT_EQ(count(limited, "<rect class=\"bar"), 2u);
    EXPECT_EQ(count(limited, "<figure class=\"chart\">"), 1u);

    Document none = fixture("report_2021");
    EXPECT_EQ(page(none, "chart_groups = 0\n").find("<svg"), std::string::npos);
}

TEST_F(HtmlExporter, HostileTextStaysTextAndBadOffsetsAreReportedNotFatal) {
    Document doc = fixture("hostile");
    const std::string html = page(doc);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<b>不是标签"), std::string::npos);
    EXPECT_EQ(html.find("</td><td>注入"), std::string::npos);
    EXPECT_NE(html.find("<title>&lt;script&gt;alert(&quot;标题&quot;)&lt;/script&gt; &amp; "
                        "&quot;引号&quot; | 竖线 *星号*</title>"),
              std::string::npos);
    EXPECT_EQ(html.find('\x01'), std::string::npos);

    std::string expected = doc.text;
    expected.replace(expected.find('\x01'), 1, "\xEF\xBF\xBD");  // HTML forbids control chars
    EXPECT_EQ(test::page_text(html), expected);

    // The range and the figure inside it overlap: one highlight covering both, both linkable.
    EXPECT_EQ(test::mark_text(html, 0), "3至5个百分点");
    EXPECT_NE(html.find("id=\"m0\" title=\""), std::string::npos);
    EXPECT_NE(html.find("<span id=\"m1\"></span>"), std::string::npos);
    EXPECT_EQ(test::mark_text(html, 3), "-2.5万元");
    // Offsets past the end and backwards: listed, not highlighted, and a diagnostic.
    EXPECT_EQ(html.find("id=\"m4\""), std::string::npos);
    EXPECT_EQ(html.find("id=\"m5\""), std::string::npos);
    EXPECT_NE(html.find("2 个指标的位置超出正文，未能标出: #5 7个, #6 7个"), std::string::npos);
    ASSERT_FALSE(doc.diagnostics.empty());
    EXPECT_EQ(doc.diagnostics.back().plugin, "html");
    EXPECT_EQ(doc.diagnostics.back().severity, Severity::warning);
}

TEST_F(HtmlExporter, ADocumentWithoutAnalysisStillGetsAPage) {
    Document doc = fixture("bare");
    const std::string html = page(doc, "language = \"en\"\n");
    EXPECT_EQ(test::page_text(html), doc.text);
    EXPECT_NE(html.find("<h1>Untitled document — bare.txt</h1>"), std::string::npos);
    EXPECT_NE(html.find("No sections were found."), std::string::npos);
    EXPECT_EQ(html.find("<svg"), std::string::npos);
    EXPECT_EQ(html.find("<mark"), std::string::npos);
    EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
}

TEST_F(HtmlExporter, IndexListsEveryDocumentNewestFirst) {
    for (const char* name : {"bare", "report_2021", "hostile"}) {
        Document doc = fixture(name);
        page(doc);
    }
    const std::string index = test::read_file(out / "index.html");
    EXPECT_NE(index.find("共 3 篇文档"), std::string::npos);
    const auto report = index.find(fixture("report_2021").source.sha256 + ".html");
    const auto hostile = index.find(fixture("hostile").source.sha256 + ".html");
    const auto bare = index.find(fixture("bare").source.sha256 + ".html");
    ASSERT_NE(report, std::string::npos);
    ASSERT_NE(hostile, std::string::npos);
    ASSERT_NE(bare, std::string::npos);
    EXPECT_LT(report, hostile);
    EXPECT_LT(hostile, bare) << "undated documents come last";
    EXPECT_NE(index.find(">某市司法局2021年工作总结</a></td><td>2022-01-15</td><td>某市司法局</td>"
                         "<td>2021</td><td>工作总结</td><td class=\"num\">12</td>"
                         "<td class=\"num\">5</td>"),
              std::string::npos)
        << index;
    EXPECT_EQ(index.find("<script"), std::string::npos);
    EXPECT_FALSE(fs::exists(out / "index.d" / ".pending"));

    // A page removed by hand leaves the index; a broken manifest is skipped and counted.
    fs::remove(out / (fixture("hostile").source.sha256 + ".html"));
    test::write_file(out / "index.d" / "broken.json", "{not json");
    Document again = fixture("bare");
    page(again);
    const std::string rebuilt = test::read_file(out / "index.html");
    EXPECT_NE(rebuilt.find("共 2 篇文档"), std::string::npos);
    EXPECT_EQ(rebuilt.find(fixture("hostile").source.sha256), std::string::npos);
    EXPECT_NE(rebuilt.find("有 1 个清单文件无法读取，已跳过。"), std::string::npos);
}

TEST_F(HtmlExporter, IndexStaysCompleteWithConcurrentInstancesAndProcesses) {
    const Document base = fixture("report_2021");
    constexpr int processes = 3, threads = 4, per_worker = 12;
    // Children first, while this process has no threads of its own yet.
    std::vector<pid_t> children;
    for (int p = 0; p < processes; ++p) {
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            int failed = 0;
            {
                test::ChainHarness chain({"html"}, toml(out.path()));
                for (int i = 0; i < per_worker; ++i) {
                    Document d = variant(base, 1000 * (p + 1) + i);
                    failed += chain.try_run(d) ? 1 : 0;
                }
            }
            ::_exit(failed == 0 ? 0 : 1);
        }
        children.push_back(pid);
    }
    std::vector<std::thread> workers;
    std::vector<int> failures(threads, 0);
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            // Threads rebuild after every export (the most lock contention); the processes
            // space their rebuilds by the default delay and flush when they stop.
            test::ChainHarness chain({"html"}, toml(out.path(), "index_delay_ms = 0\n"));
            for (int i = 0; i < per_worker; ++i) {
                Document d = variant(base, 100 * (t + 1) + i);
                failures[static_cast<std::size_t>(t)] += chain.try_run(d) ? 1 : 0;
            }
        });
    for (auto& w : workers) w.join();
    for (pid_t pid : children) {
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child " << pid;
    }
    for (int f : failures) EXPECT_EQ(f, 0);

    const std::string index = test::read_file(out / "index.html");
    const int total = (processes + threads) * per_worker;
    EXPECT_NE(index.find("共 " + std::to_string(total) + " 篇文档"), std::string::npos);
    for (int t = 0; t < threads; ++t)
        for (int i = 0; i < per_worker; ++i)
            EXPECT_NE(index.find(variant(base, 100 * (t + 1) + i).source.sha256 + ".html"),
                      std::string::npos);
    for (int p = 0; p < processes; ++p)
        for (int i = 0; i < per_worker; ++i)
            EXPECT_NE(index.find(variant(base, 1000 * (p + 1) + i).source.sha256 + ".html"),
                      std::string::npos);
    EXPECT_EQ(count(index, "<tr><td><a href="), static_cast<std::size_t>(total));
    for (const auto& e : fs::recursive_directory_iterator(out.path()))
        EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << e.path();
    EXPECT_FALSE(fs::exists(out / "index.d" / ".pending"));
}

TEST_F(HtmlExporter, IndexRebuildsAreSpacedByTheDelayAndFlushedAtTheEnd) {
    const Document first = fixture("report_2021");
    const Document second = fixture("hostile");
    {
        test::ChainHarness chain({"html"}, toml(out.path(), "index_delay_ms = 3600000\n"));
        Document a = first, b = second;
        ASSERT_FALSE(chain.try_run(a));
        // The first export after a quiet spell rebuilds at once; the next waits for the delay.
        EXPECT_NE(test::read_file(out / "index.html").find(first.source.sha256), std::string::npos);
        ASSERT_FALSE(chain.try_run(b));
        EXPECT_EQ(test::read_file(out / "index.html").find(second.source.sha256),
                  std::string::npos);
        EXPECT_TRUE(fs::exists(out / "index.d" / ".pending"));
    }
    // Stopping the chain (finish) performs the rebuild that was due.
    const std::string index = test::read_file(out / "index.html");
    EXPECT_NE(index.find(first.source.sha256), std::string::npos);
    EXPECT_NE(index.find(second.source.sha256), std::string::npos);
    EXPECT_FALSE(fs::exists(out / "index.d" / ".pending"));

    // With a short delay the background thread catches up without any further export.
    test::TempDir other;
    test::ChainHarness chain({"html"}, toml(other.path(), "index_delay_ms = 50\n"));
    Document a = first, b = second;
    ASSERT_FALSE(chain.try_run(a));
    ASSERT_FALSE(chain.try_run(b));
    auto listed = [&] {
        return test::read_file(other / "index.html").find(second.source.sha256) !=
               std::string::npos;
    };
    for (int i = 0; i < 400 && !listed(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_TRUE(listed()) << "the background rebuild did not happen within 20 s";
}

TEST_F(HtmlExporter, IndexCanBeTurnedOff) {
    Document doc = fixture("report_2021");
    const std::string html = page(doc, "index = false\n");
    EXPECT_EQ(html.find("index.html"), std::string::npos);
    EXPECT_FALSE(fs::exists(out / "index.html"));
    EXPECT_FALSE(fs::exists(out / "index.d"));
}

TEST_F(HtmlExporter, RejectsBadConfigNamingTheKeyAndTheReason) {
    test::write_file(out / "bad.css", "body { color: red }\n</STYLE><script>alert(1)</script>");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"chart_groups = 99\n", "plugins.html.chart_groups"},
        {"chart_bars = 0\n", "plugins.html.chart_bars"},
        {"chart_kinds = \"count\"\n", "plugins.html.chart_kinds"},
        {"index_delay_ms = -1\n", "plugins.html.index_delay_ms"},
        {"language = \"de\"\n", "available: en, zh"},
        {"stylesheet = \"" + (out / "absent.css").string() + "\"\n", "cannot read"},
        {"stylesheet = \"" + (out / "bad.css").string() + "\"\n", "</style"},
        {"colour = \"red\"\n", "plugins.html.colour: unknown key"},
    };
    for (const auto& [bad, expected] : cases) {
        try {
            test::ChainHarness chain({"html"}, toml(out.path(), bad));
            ADD_FAILURE() << "accepted " << bad;
        } catch (const std::exception& e) {
            EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
        }
    }
}

TEST_F(HtmlExporter, FailsADocumentWithoutSha256) {
    Document doc = fixture("bare");
    doc.source.sha256.clear();
    test::ChainHarness chain({"html"}, toml(out.path()));
    const auto failure = chain.try_run(doc);
    ASSERT_TRUE(failure);
    EXPECT_NE(failure->message.find("no sha256"), std::string::npos);
    EXPECT_FALSE(fs::exists(out / "index.html"));
}
