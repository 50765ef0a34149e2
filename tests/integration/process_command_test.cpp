// `gongwen process`: the real binary, run once on files, printing JSON Lines.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>

#include "daemon_process.hpp"
#include "inbox/sha256.hpp"
#include "test_paths.hpp"

using namespace gongwen;
namespace fs = std::filesystem;

namespace {

std::vector<boost::json::object> json_lines(const std::string& out) {
    std::vector<boost::json::object> docs;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);)
        docs.push_back(boost::json::parse(line).as_object());
    return docs;
}

const std::vector<std::string> document_fields = {
    "source", "encoding", "script",   "original_text", "text",        "title", "published",
    "issuer", "period",   "sections", "metrics",       "diagnostics", "chain"};

}  // namespace

TEST(ProcessCommand, PrintsOneJsonDocumentPerCorpusFile) {
    GONGWEN_REQUIRE_CORPUS();
    test::TempDir out;
    std::vector<std::string> argv = {test::gongwen_binary().string(), "process", "--chain",
                                     "encoding_fix,json"};
    const auto files = test::corpus_files();
    for (const auto& f : files) argv.push_back(f.string());
    // Run from a folder without a config: --chain is enough.
    const auto r = test::run_command(argv, out.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto docs = json_lines(r.out);
    ASSERT_EQ(docs.size(), files.size());
    for (std::size_t i = 0; i < docs.size(); ++i) {
        for (const auto& field : document_fields)
            EXPECT_TRUE(docs[i].contains(field)) << field << " missing for " << files[i];
        const std::string bytes = test::read_file(files[i]);
        EXPECT_EQ(docs[i].at("source").at("sha256").as_string(), sha256_hex(bytes));
        EXPECT_EQ(docs[i].at("source").at("bytes").as_int64(),
                  static_cast<std::int64_t>(bytes.size()));
        EXPECT_EQ(docs[i].at("chain").as_array().size(), 2u);
        EXPECT_TRUE(fs::exists(out / "var" / "out" / (sha256_hex(bytes) + ".json")));
    }
}

TEST(ProcessCommand, RunsTheConfiguredChainByDefault) {
    const auto r = test::run_command(
        {test::gongwen_binary().string(), "process", "--config",
         (test::source_dir() / "config" / "gongwen.toml").string(),
         (test::source_dir() / "examples" / "reports" / "sample_summary.txt").string()},
        test::TempDir().path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto docs = json_lines(r.out);
    ASSERT_EQ(docs.size(), 1u);
    const auto& chain = docs[0].at("chain").as_array();
    ASSERT_EQ(chain.size(), 5u);
    EXPECT_EQ(chain[0].at("plugin").as_string(), "encoding_fix");
    EXPECT_EQ(chain[4].at("plugin").as_string(), "json");
}

TEST(ProcessCommand, AnUnreadableFileIsNamedAndTheOthersStillRun) {
    test::TempDir dir;
    test::write_file(dir / "ok.txt", "工作总结");
    const auto r =
        test::run_command({test::gongwen_binary().string(), "process", "--chain", "encoding_fix",
                           (dir / "missing.txt").string(), (dir / "ok.txt").string()},
                          dir.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("missing.txt"), std::string::npos) << r.err;
    ASSERT_EQ(json_lines(r.out).size(), 1u);
    EXPECT_EQ(json_lines(r.out)[0].at("text").as_string(), "工作总结");
}

TEST(ProcessCommand, AnUnknownPluginIsAUsageError) {
    const auto r = test::run_command(
        {test::gongwen_binary().string(), "process", "--chain", "no_such_plugin", "x.txt"},
        test::TempDir().path());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no_such_plugin.so"), std::string::npos) << r.err;
}

TEST(ProcessCommand, EverySubcommandHasHelp) {
    for (const char* sub : {"run", "process", "status"}) {
        const auto r = test::run_command({test::gongwen_binary().string(), sub, "--help"});
        EXPECT_EQ(r.exit_code, 0) << sub;
        EXPECT_NE(r.out.find("--config"), std::string::npos) << sub << ": " << r.out;
    }
    const auto none = test::run_command({test::gongwen_binary().string()});
    EXPECT_EQ(none.exit_code, 2);
}
