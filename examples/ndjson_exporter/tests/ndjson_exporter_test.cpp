// Unit tests of the ndjson exporter through the SDK test kit: the real .so, real files, real
// concurrent writers.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gongwen/testkit.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
namespace tk = gongwen::testkit;

namespace {

class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "ndjson_test.XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() { fs::remove_all(path_); }
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

std::vector<json::object> read_lines(const fs::path& file) {
    std::ifstream in(file);
    std::vector<json::object> out;
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line).as_object());
    return out;
}

// A document as the chain leaves it before the exporter: sections and metrics filled in.
gongwen::Document report(const std::string& sha, int metrics = 2) {
    auto doc = tk::make_document("一、执法监督\n全年办理行政复议案件1200件，同比增长15%。");
    doc.source.sha256 = sha;
    doc.title = "2021年法治政府建设工作总结";
    doc.issuer = "某市司法局";
    doc.period = "2021";
    doc.sections.push_back({1, "一、", "执法监督", 0, 28});
    for (int i = 0; i < metrics; ++i) {
        gongwen::Metric m;
        m.text = i == 0 ? "1200件" : "15%";
        m.value = i == 0 ? 1200 : 15;
        m.unit = i == 0 ? "件" : "%";
        m.kind = i == 0 ? "count" : "percent";
        m.subject = "行政复议案件";
        m.section = 0;
        m.start = 12;
        m.end = 17;
        doc.metrics.push_back(m);
    }
    return doc;
}

gongwen::ConfigTable config(const fs::path& file, const std::string& per = "") {
    gongwen::ConfigTable c("plugins.ndjson_exporter", {});
    c.set("file", file.string());
    c.set("sync", false);
    if (!per.empty()) c.set("one_line_per", per);
    return c;
}

}  // namespace

TEST(NdjsonExporter, WritesOneLinePerMetricWithItsDocumentAndSection) {
    TempDir dir;
    const fs::path file = dir.path() / "sub" / "metrics.ndjson";
    auto exporter = tk::LoadedPlugin(PLUGIN_FILE).create(config(file));
    auto doc = report("ab12");
    const auto result = exporter.run(doc);
    ASSERT_TRUE(result.ok()) << *result.failure;

    const auto lines = read_lines(file);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].at("document").at("sha256").as_string(), "ab12");
    EXPECT_EQ(lines[0].at("document").at("issuer").as_string(), "某市司法局");
    EXPECT_TRUE(lines[0].at("document").at("member").is_null());
    EXPECT_EQ(lines[0].at("metric").at("value").as_double(), 1200.0);
    EXPECT_EQ(lines[0].at("metric").at("section").as_string(), "执法监督");
    EXPECT_EQ(lines[1].at("metric").at("kind").as_string(), "percent");
    EXPECT_TRUE(lines[1].at("metric").at("value_max").is_null());
}

TEST(NdjsonExporter, WritesOneLinePerDocumentWhenConfigured) {
    TempDir dir;
    const fs::path file = dir.path() / "docs.ndjson";
    auto exporter = tk::LoadedPlugin(PLUGIN_FILE).create(config(file, "document"));
    auto with = report("d1");
    auto without = report("d2", 0);
    ASSERT_TRUE(exporter.run(with).ok());
    ASSERT_TRUE(exporter.run(without).ok());

    const auto lines = read_lines(file);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].at("metrics").as_array().size(), 2u);
    EXPECT_EQ(lines[1].at("document").at("sha256").as_string(), "d2");
    EXPECT_TRUE(lines[1].at("metrics").as_array().empty());
}

TEST(NdjsonExporter, AppendsToWhatIsThereAndWritesNothingForADocumentWithoutMetrics) {
    TempDir dir;
    const fs::path file = dir.path() / "metrics.ndjson";
    std::ofstream(file) << R"({"earlier":true})"
                        << "\n";
    auto exporter = tk::LoadedPlugin(PLUGIN_FILE).create(config(file));
    auto empty = report("e0", 0);
    auto doc = report("e1", 1);
    ASSERT_TRUE(exporter.run(empty).ok());
    ASSERT_TRUE(exporter.run(doc).ok());
    const auto lines = read_lines(file);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_TRUE(lines[0].at("earlier").as_bool());
    EXPECT_EQ(lines[1].at("document").at("sha256").as_string(), "e1");
}

TEST(NdjsonExporter, DefaultsToMetricsNdjsonInTheOutputFolder) {
    TempDir dir;
    gongwen::ConfigTable c("plugins.ndjson_exporter", {});
    c.set("sync", false);
    auto exporter = tk::LoadedPlugin(PLUGIN_FILE).create(c, dir.path());
    auto doc = report("f1", 1);
    ASSERT_TRUE(exporter.run(doc).ok());
    EXPECT_EQ(read_lines(dir.path() / "metrics.ndjson").size(), 1u);
}

// Instances in different threads stand for the daemon's chain runners and worker processes:
// each document's lines must stay together and whole.
TEST(NdjsonExporter, ConcurrentWritersNeverInterleaveLines) {
    TempDir dir;
    const fs::path file = dir.path() / "metrics.ndjson";
    tk::LoadedPlugin plugin(PLUGIN_FILE);
    constexpr int writers = 4, docs = 150, per_doc = 3;
    std::vector<std::thread> threads;
    std::vector<std::string> failures(writers);
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            auto exporter = plugin.create(config(file));
            for (int i = 0; i < docs; ++i) {
                auto doc = report(std::to_string(w) + "-" + std::to_string(i), per_doc);
                if (auto r = exporter.run(doc); !r.ok()) failures[w] = *r.failure;
            }
        });
    for (auto& t : threads) t.join();
    for (const auto& f : failures) ASSERT_EQ(f, "");

    const auto lines = read_lines(file);
    ASSERT_EQ(lines.size(), static_cast<std::size_t>(writers * docs * per_doc));
    std::map<std::string, int> count;
    std::set<std::string> finished;
    std::string current;
    for (const auto& line : lines) {
        const std::string sha(line.at("document").at("sha256").as_string());
        if (sha != current) {
            ASSERT_FALSE(finished.count(sha)) << "lines of " << sha << " are split";
            if (!current.empty()) finished.insert(current);
            current = sha;
        }
        ++count[sha];
    }
    EXPECT_EQ(count.size(), static_cast<std::size_t>(writers * docs));
    for (const auto& [sha, n] : count) EXPECT_EQ(n, per_doc) << sha;
}

TEST(NdjsonExporter, FailsTheDocumentNamingAFileItCannotWrite) {
    TempDir dir;
    const fs::path file = dir.path() / "is_a_folder";
    fs::create_directory(file);
    auto exporter = tk::LoadedPlugin(PLUGIN_FILE).create(config(file));
    auto doc = report("g1");
    const auto result = exporter.run(doc);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.failure->find(file.string()), std::string::npos) << *result.failure;
    EXPECT_NE(result.failure->find("cannot open"), std::string::npos) << *result.failure;
    EXPECT_EQ(doc.diagnostics.back().plugin, "ndjson_exporter");
}

TEST(NdjsonExporter, RefusesAnUnknownLineModeNamingTheKey) {
    TempDir dir;
    tk::LoadedPlugin plugin(PLUGIN_FILE);
    try {
        plugin.create(config(dir.path() / "m.ndjson", "row"));
        FAIL() << "accepted one_line_per = \"row\"";
    } catch (const tk::PluginError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("plugins.ndjson_exporter.one_line_per"), std::string::npos) << msg;
        EXPECT_NE(msg.find("document"), std::string::npos) << msg;  // lists the choices
    }
}
