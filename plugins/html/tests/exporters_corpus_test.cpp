// All three exporters in one chain on the real reports of the sample corpus (skipped when it
// is absent). The analysis plugins are not in the chain, so that this test does not depend on
// what they find today: the text is the file as it is (page furniture, damage and all), and
// every run of digits becomes a metric. What is checked holds for any report: each format has
// every metric, and the page gives back the text unchanged.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <regex>

#include "chain_harness.hpp"
#include "gongwen/utf8.hpp"
#include "html_page_text.hpp"
#include "test_paths.hpp"

using namespace gongwen;
namespace fs = std::filesystem;

namespace {

void add_digit_runs_as_metrics(Document& doc) {
    const utf8::Index index(doc.text);
    const std::regex number("[0-9]+(\\.[0-9]+)?%?");
    for (std::sregex_iterator it(doc.text.begin(), doc.text.end(), number), end; it != end; ++it) {
        Metric m;
        m.text = it->str();
        m.value = std::stod(it->str());
        m.kind = m.text.back() == '%' ? "percent" : "count";
        m.unit = m.text.back() == '%' ? "%" : "";
        m.start = index.code_point_offset(static_cast<std::size_t>(it->position()));
        m.end = index.code_point_offset(static_cast<std::size_t>(it->position() + it->length()));
        doc.metrics.push_back(m);
    }
}

std::size_t lines_in(const std::string& s) {
    return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

TEST(ExportersOnTheCorpus, EveryReportGoesOutInAllThreeFormats) {
    GONGWEN_REQUIRE_CORPUS();
    test::TempDir out;
    std::string toml;
    for (const char* name : {"csv", "markdown", "html"})
        toml += std::string("[plugins.") + name + "]\ndir = \"" + out.path().string() + "\"\n";
    auto chain = std::make_unique<test::ChainHarness>(
        std::vector<std::string>{"csv", "markdown", "html"}, toml);
    std::size_t exported = 0;
    for (const auto& file : test::corpus_files()) {
        Document doc = test::document_from_bytes(test::read_file(file), file.string());
        if (!utf8::valid(doc.bytes)) {
            ADD_FAILURE() << file << ": the corpus is documented as UTF-8";
            continue;
        }
        doc.text = doc.original_text = doc.bytes;
        add_digit_runs_as_metrics(doc);
        ASSERT_FALSE(doc.metrics.empty()) << file;
        const auto failure = chain->try_run(doc);
        ASSERT_FALSE(failure) << file << ": " << failure->plugin << ": " << failure->message;
        ++exported;

        const std::string html = test::read_file(out / (doc.source.sha256 + ".html"));
        EXPECT_EQ(test::page_text(html), doc.text) << file;
        for (std::size_t i = 0; i < doc.metrics.size(); ++i)
            ASSERT_EQ(test::mark_text(html, i), doc.metrics[i].text) << file << " metric " << i;
        const std::string csv = test::read_file(out / (doc.source.sha256 + ".csv"));
        // One header line plus one per metric: no field of these has a line break.
        EXPECT_EQ(lines_in(csv), doc.metrics.size() + 1) << file;
        const std::string md = test::read_file(out / (doc.source.sha256 + ".md"));
        std::string name = file.filename().string();  // as Markdown writes it: _ escaped
        for (auto at = name.find('_'); at != std::string::npos; at = name.find('_', at + 2))
            name.insert(at, 1, '\\');
        EXPECT_NE(md.find("# 无标题文档 — " + name + "\n"), std::string::npos) << name;
    }
    // The index may lag while documents stream in (index_delay_ms); stopping the chain flushes.
    chain.reset();
    const std::string index = test::read_file(out / "index.html");
    EXPECT_NE(index.find("共 " + std::to_string(exported) + " 篇文档"), std::string::npos);
}
