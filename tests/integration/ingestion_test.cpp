// Ingestion that never loses or doubles a report: polling, disposal of finished files, and
// the ledger surviving kill -9 in the middle of a burst. Real daemon, real files.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "daemon_process.hpp"
#include "index_segments.hpp"
#include "store/database.hpp"
#include "test_paths.hpp"

using namespace gongwen;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A light chain: the ledger's guarantees do not depend on what the plugins do.
test::TestConfig light_config() {
    test::TestConfig cfg;
    cfg.chain = {"misbehaving", "json"};
    cfg.extra_plugin_dirs = {test::build_dir() / "tests" / "broken_plugins"};
    return cfg;
}

bool has_inotify_fd(pid_t pid) {
    for (const auto& e : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
        std::error_code ec;
        if (fs::read_symlink(e.path(), ec).string().find("inotify") != std::string::npos)
            return true;
    }
    return false;
}

}  // namespace

TEST(Ingestion, PollingModeWorksWithoutInotify) {
    test::TestConfig cfg = light_config();
    cfg.inbox_extra = "mode = \"poll\"\npoll_interval_ms = 150\n";
    test::DaemonProcess d(cfg);
    fs::create_directories(d.inbox() / "sub");
    test::write_file(d.inbox() / "before.txt", "already there");
    d.start();
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 1; })) << d.log();
    EXPECT_FALSE(has_inotify_fd(d.pid())) << "poll mode must not rely on inotify";
    test::write_file(d.inbox() / "sub" / "later.txt", "arrived while polling");
    fs::create_directories(d.inbox() / "new" / "deep");
    test::write_file(d.inbox() / "new" / "deep" / "nested.txt", "in a new folder");
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 3; })) << d.log();
    // A poll sees a file once per version, not once per scan.
    std::this_thread::sleep_for(600ms);
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM runs"), 3);
    EXPECT_EQ(d.stop(), 0);
}

TEST(Ingestion, TheIdleDaemonMergesTheFullTextIndex) {
    test::TestConfig cfg;
    cfg.chain = {"encoding_fix", "json"};  // text to index
    test::DaemonProcess d(cfg);
    d.start();
    // Documents' commits merge no index segments (automerge is off) and FTS5 would merge by
    // itself only at 16 on a level: below that, only the daemon's idle upkeep merges.
    constexpr int reports = 12;
    for (int i = 0; i < reports; ++i)
        test::write_file(d.inbox() / ("r" + std::to_string(i) + ".txt"),
                         "第" + std::to_string(i) + "份报告：全年办理法律援助案件" +
                             std::to_string(100 + i) + "件。\n");
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == reports; }))
        << d.log();
    Database db(d.database(), Database::Mode::read_only);
    // A level is merged once it holds usermerge (4) segments: fewer than 4 are left.
    EXPECT_TRUE(test::wait_until([&] { return test::index_segments(db) < 4; }))
        << test::index_segments(db) << " segments for " << reports << " documents\n"
        << d.log();
    EXPECT_EQ(test::sql_count(d.database(),
                              "SELECT count(*) FROM section_bodies_fts WHERE section_bodies_fts "
                              "MATCH '\"法律援助\"'"),
              reports);
    EXPECT_EQ(d.stop(), 0);
}

TEST(Ingestion, FinishedFilesAreMovedAndFailedOnesExplained) {
    test::TestConfig cfg = light_config();
    cfg.inbox_extra = "on_done = \"move\"\non_failed = \"move\"\n";
    test::DaemonProcess d(cfg);
    d.start();
    ASSERT_TRUE(test::wait_until([&] { return fs::exists(d.database()); })) << d.log();
    test::write_file(d.inbox() / "a" / "report.txt", "first report");
    test::write_file(d.inbox() / "bad.txt", "THROW");
    ASSERT_TRUE(test::wait_until([&] {
        return test::files_in_state(d, "done") == 1 && test::files_in_state(d, "failed") == 1;
    })) << d.log();
    EXPECT_TRUE(
        test::wait_until([&] { return fs::exists(d.inbox() / "done" / "a" / "report.txt"); }));
    EXPECT_FALSE(fs::exists(d.inbox() / "a" / "report.txt"));
    // The ledger says failed first; the file and its explanation are moved and written after.
    ASSERT_TRUE(test::wait_until([&] {
        return fs::exists(d.inbox() / "failed" / "bad.txt.error.json");
    })) << d.log();
    EXPECT_TRUE(fs::exists(d.inbox() / "failed" / "bad.txt"));
    const auto why =
        boost::json::parse(test::read_file(d.inbox() / "failed" / "bad.txt.error.json"));
    EXPECT_NE(std::string(why.at("error").as_string()).find("asked to fail"), std::string::npos);
    EXPECT_EQ(
        test::sql_count(d.database(),
                        "SELECT count(*) FROM files WHERE moved_to LIKE '%/done/a/report.txt'"),
        1);

    // Same name again, other content: moved beside the first, never over it.
    test::write_file(d.inbox() / "a" / "report.txt", "second report");
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 2; })) << d.log();
    ASSERT_TRUE(
        test::wait_until([&] { return fs::exists(d.inbox() / "done" / "a" / "report.1.txt"); }));
    EXPECT_EQ(test::read_file(d.inbox() / "done" / "a" / "report.txt"), "first report");
    EXPECT_EQ(test::read_file(d.inbox() / "done" / "a" / "report.1.txt"), "second report");
    EXPECT_EQ(d.stop(), 0);
}

TEST(Ingestion, DeleteAfterDoneAndIgnoredNames) {
    test::TestConfig cfg = light_config();
    cfg.inbox_extra = "on_done = \"delete\"\nignore = [\".*\", \"*.part\", \"skip-*\"]\n";
    test::DaemonProcess d(cfg);
    d.start();
    ASSERT_TRUE(test::wait_until([&] { return fs::exists(d.database()); })) << d.log();
    test::write_file(d.inbox() / "gone.txt", "processed then deleted");
    test::write_file(d.inbox() / "skip-me.txt", "ignored by a configured glob");
    test::write_file(d.inbox() / "download.txt.part", "partial download");
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 1; })) << d.log();
    EXPECT_TRUE(test::wait_until([&] { return !fs::exists(d.inbox() / "gone.txt"); }));
    // The document is kept in the store even though the file is gone.
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM documents"), 1);
    std::this_thread::sleep_for(500ms);
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM files"), 1);
    EXPECT_TRUE(fs::exists(d.inbox() / "skip-me.txt"));
    EXPECT_EQ(d.stop(), 0);
}

// A burst of 1,000 files, with kill -9 at random moments, repeated; after the last restart
// every file is done exactly once and no document was processed twice.
TEST(Ingestion, TheLedgerSurvivesKillNineDuringABurst) {
    constexpr int files = 1000;
    test::TestConfig cfg = light_config();
    cfg.settle_ms = 50;
    test::DaemonProcess d(cfg);
    fs::create_directories(d.inbox());
    d.start();
    ASSERT_TRUE(test::wait_until([&] { return fs::exists(d.database()); })) << d.log();

    std::mt19937 rng(20261125);
    std::set<std::string> contents;
    for (int i = 0; i < files; ++i) {
        // Every 50th file repeats an earlier content: duplicates must be linked, not redone.
        const std::string content = "报告 " + std::to_string(i % 50 == 49 ? i - 1 : i);
        contents.insert(content);
        test::write_file(
            d.inbox() / ("f" + std::to_string(i / 100)) / ("r" + std::to_string(i) + ".txt"),
            content);
    }
    for (int round = 0; round < 4; ++round) {
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<>(100, 900)(rng)));
        d.kill9();
        d.start();
    }
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == files; }, 300s))
        << "done: " << test::files_in_state(d, "done") << "\n"
        << d.log().substr(0, 20000);
    EXPECT_EQ(d.stop(), 0);

    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM files"), files);
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(DISTINCT path) FROM files"), files);
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM documents"),
              static_cast<std::int64_t>(contents.size()));
    // The chain ran to a stored result once per distinct content, never twice.
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM runs WHERE outcome = 'done'"),
              static_cast<std::int64_t>(contents.size()));
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM files WHERE document_id IS NULL"),
              0);
    EXPECT_EQ(test::sql_count(d.database(),
                              "SELECT count(*) FROM (SELECT file_id FROM members GROUP BY file_id "
                              "HAVING count(*) <> 1)"),
              0);
    // Exported once per document too. (A kill -9 in the middle of an atomic write can leave
    // a hidden temporary file behind; never a half-written visible one.)
    std::size_t exported = 0;
    for (const auto& e : fs::directory_iterator(d.output())) {
        if (e.path().filename().string().front() == '.') continue;
        EXPECT_EQ(e.path().extension(), ".json") << e.path();
        ++exported;
    }
    EXPECT_EQ(exported, contents.size());
}
