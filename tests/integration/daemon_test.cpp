// The real `gongwen run` process, real inotify, real plugin .so files and a real SQLite file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <csignal>
#include <fstream>
#include <thread>

#include "daemon_process.hpp"
#include "inbox/sha256.hpp"
#include "store/database.hpp"
#include "test_paths.hpp"

using namespace gongwen;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const fs::path sample_report() {
    return test::source_dir() / "examples" / "reports" / "sample_summary.txt";
}

}  // namespace

TEST(Daemon, ProcessesReportsDroppedIntoTheInbox) {
    GONGWEN_REQUIRE_CORPUS();
    test::DaemonProcess d;
    d.start();
    ASSERT_TRUE(test::wait_until([&] { return fs::exists(d.database()); })) << d.log();
    const auto corpus = test::corpus_files();
    for (const auto& f : corpus) fs::copy_file(f, d.inbox() / f.filename());
    fs::copy_file(sample_report(), d.inbox() / "sample.txt");
    const auto expected = static_cast<std::int64_t>(corpus.size() + 1);

    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == expected; }))
        << d.log();
    EXPECT_EQ(d.stop(), 0) << d.log();

    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM documents"), expected);
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM runs WHERE outcome = 'done'"),
              expected);
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM files WHERE sha256 IS NULL"), 0);
    // Each document exported as <sha256>.json, with its text and the chain that made it.
    for (const auto& f : corpus) {
        const std::string sha = sha256_hex(test::read_file(f));
        const fs::path out = d.output() / (sha + ".json");
        ASSERT_TRUE(fs::exists(out)) << out;
        const auto v = boost::json::parse(test::read_file(out)).as_object();
        EXPECT_EQ(v.at("source").at("sha256").as_string(), sha);
        EXPECT_FALSE(v.at("text").as_string().empty());
        // An exporter sees the steps that ran before it: the four stages ahead of json.
        ASSERT_EQ(v.at("chain").as_array().size(), 4u);
        EXPECT_EQ(v.at("chain").at(0).at("plugin").as_string(), "encoding_fix");
    }
}

TEST(Daemon, TakesAFileWrittenInChunksOnceWhenComplete) {
    test::TestConfig cfg;
    cfg.settle_ms = 300;
    test::DaemonProcess d(cfg);
    d.start();
    ASSERT_TRUE(test::wait_until([&] { return fs::exists(d.database()); })) << d.log();

    const std::string content = test::read_file(sample_report());
    const fs::path target = d.inbox() / "chunked.txt";
    {
        // One open file written in pieces with pauses, like a slow crawler.
        std::ofstream out(target, std::ios::binary);
        const std::size_t step = content.size() / 4 + 1;
        for (std::size_t off = 0; off < content.size(); off += step) {
            out.write(content.data() + off,
                      static_cast<std::streamsize>(std::min(step, content.size() - off)));
            out.flush();
            std::this_thread::sleep_for(150ms);
        }
    }
    // Then appended to by a second writer that opens, writes and closes twice.
    for (int i = 0; i < 2; ++i) {
        std::ofstream out(target, std::ios::binary | std::ios::app);
        out << "\n补充" << i << "\n";
        out.close();
        std::this_thread::sleep_for(100ms);
    }
    const std::string full = test::read_file(target);
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") >= 1; })) << d.log();
    std::this_thread::sleep_for(1s);  // give a wrongly early second take time to show up
    EXPECT_EQ(d.stop(), 0);
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM files"), 1) << d.log();
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM documents WHERE sha256 = '" +
                                                sha256_hex(full) + "'"),
              1);
}

TEST(Daemon, PicksUpFilesPresentAtStartAndWatchesNewSubfolders) {
    test::DaemonProcess d;
    fs::create_directories(d.inbox() / "old");
    fs::copy_file(sample_report(), d.inbox() / "old" / "before.txt");
    test::write_file(d.inbox() / ".hidden.txt", "skipped: dotfile");
    test::write_file(d.inbox() / "partial.txt.part", "skipped: partial download");
    d.start();
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 1; })) << d.log();

    fs::create_directories(d.inbox() / "new" / "deeper");
    std::this_thread::sleep_for(200ms);
    test::write_file(d.inbox() / "new" / "deeper" / "after.txt", "2022年工作总结\n新的报告。\n");
    // mv into the inbox arrives as IN_MOVED_TO.
    test::write_file(d.root() / "staging.txt", "2023年工作要点\n搬进来的报告。\n");
    fs::rename(d.root() / "staging.txt", d.inbox() / "moved.txt");

    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 3; })) << d.log();
    EXPECT_EQ(d.stop(), 0);
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM files"), 3) << d.log();
    EXPECT_EQ(
        test::sql_count(d.database(),
                        "SELECT count(*) FROM files WHERE path LIKE '%/new/deeper/after.txt'"),
        1);
}

TEST(Daemon, ARestartDoesNotProcessDoneFilesAgain) {
    test::DaemonProcess d;
    fs::create_directories(d.inbox());
    fs::copy_file(sample_report(), d.inbox() / "a.txt");
    d.start();
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 1; })) << d.log();
    ASSERT_EQ(d.stop(), 0);

    test::write_file(d.inbox() / "b.txt", "2024年工作总结\n另一份报告。\n");
    d.start();
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 2; })) << d.log();
    ASSERT_EQ(d.stop(), 0);
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM runs"), 2) << d.log();
}

// systemd may stop a unit the moment it started. While the daemon starts it holds SIGINT,
// SIGTERM and SIGHUP back (its signal mask is those three alone: Asio blocks every signal for a
// moment when it starts a thread); sent then, SIGTERM must stop it as cleanly as later.
TEST(Daemon, AStopWhileItStartsIsAStopNotAKill) {
    test::DaemonProcess d;
    d.start();
    const std::uint64_t held_signals =
        1ull << (SIGHUP - 1) | 1ull << (SIGINT - 1) | 1ull << (SIGTERM - 1);
    const auto holds_sigterm = [&] { return test::signal_set(d.pid(), "SigBlk") == held_signals; };
    // Looked at without pause: the daemon holds it back only while it loads its plugins.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    bool held = false;
    while (!held && std::chrono::steady_clock::now() < deadline) held = holds_sigterm();
    ASSERT_TRUE(held) << "never saw the starting daemon hold SIGTERM back\n" << d.log();
    EXPECT_EQ(d.stop(), 0) << d.log();
    EXPECT_NE(d.log().find("gongwen stopped"), std::string::npos) << d.log();
}

TEST(Daemon, IdenticalContentIsLinkedNotProcessedAgain) {
    test::DaemonProcess d;
    fs::create_directories(d.inbox());
    fs::copy_file(sample_report(), d.inbox() / "one.txt");
    d.start();
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 1; })) << d.log();
    fs::copy_file(sample_report(), d.inbox() / "copy.txt");
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 2; })) << d.log();
    ASSERT_EQ(d.stop(), 0);
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM documents"), 1);
    EXPECT_EQ(
        test::sql_count(d.database(), "SELECT count(*) FROM runs WHERE outcome = 'duplicate'"), 1);
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(DISTINCT document_id) FROM files"), 1);
}

TEST(Daemon, AFailingDocumentIsRecordedAndTheRestContinue) {
    test::TestConfig cfg;
    cfg.chain = {"encoding_fix", "throws", "json"};
    cfg.extra_plugin_dirs = {test::build_dir() / "tests" / "broken_plugins"};
    test::DaemonProcess d(cfg);
    d.start();
    ASSERT_TRUE(test::wait_until([&] { return fs::exists(d.database()); })) << d.log();
    test::write_file(d.inbox() / "bad.txt", "this one says FAIL");
    test::write_file(d.inbox() / "good.txt", "this one is fine");
    ASSERT_TRUE(test::wait_until([&] {
        return test::files_in_state(d, "done") == 1 && test::files_in_state(d, "failed") == 1;
    })) << d.log();
    ASSERT_EQ(d.stop(), 0);
    Database db(d.database(), Database::Mode::read_only);
    auto st = db.prepare(
        "SELECT f.path, f.error, r.failed_plugin FROM files f JOIN runs r ON r.file_id = f.id "
        "WHERE f.state = 'failed'");
    ASSERT_TRUE(st.step());
    EXPECT_NE(st.text(0).find("bad.txt"), std::string::npos);
    EXPECT_NE(st.text(1).find("asks to fail"), std::string::npos);
    EXPECT_EQ(st.text(2), "throws");
    // The original is kept, moved aside with the reason beside it.
    EXPECT_TRUE(fs::exists(d.inbox() / "failed" / "bad.txt"));
    EXPECT_TRUE(fs::exists(d.inbox() / "failed" / "bad.txt.error.json"));
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM documents"), 1);
}

TEST(Daemon, ABadConfigStopsItBeforeAnythingStarts) {
    test::DaemonProcess d;
    test::write_file(d.config_file(), "[daemon]\nworkers = \"many\"\n");
    const auto r = test::run_command(
        {test::gongwen_binary().string(), "run", "--config", d.config_file().string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("daemon.workers"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(":2:"), std::string::npos) << r.err;
}

TEST(Daemon, APluginForAnotherAbiIsRefusedNamingTheFile) {
    test::TestConfig cfg;
    const fs::path wrong = test::build_dir() / "tests" / "broken_plugins" / "wrong_abi.so";
    cfg.chain = {"encoding_fix", wrong.string()};
    test::DaemonProcess d(cfg);
    const auto r = test::run_command(
        {test::gongwen_binary().string(), "run", "--config", d.config_file().string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(wrong.string()), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("ABI"), std::string::npos) << r.err;
}

TEST(Daemon, StatusReportsWhatWasProcessed) {
    test::DaemonProcess d;
    fs::create_directories(d.inbox());
    fs::copy_file(sample_report(), d.inbox() / "a.txt");
    d.start();
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 1; })) << d.log();
    ASSERT_EQ(d.stop(), 0);
    const auto r = test::run_command({test::gongwen_binary().string(), "status", "--config",
                                      d.config_file().string(), "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto v = boost::json::parse(r.out).as_object();
    EXPECT_EQ(v.at("files").at("done").as_int64(), 1);
    EXPECT_EQ(v.at("documents").as_int64(), 1);
}
