// Archives dropped into the inbox of the real daemon: every member a document with its
// provenance, hostile members reported and skipped, broken archives failed with a reason.
// Every archive is built by the test (tests/support/archive_builder.hpp).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "archive_builder.hpp"
#include "daemon_process.hpp"
#include "store/database.hpp"
#include "test_paths.hpp"

using namespace gongwen;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

test::TestConfig light_config() {
    test::TestConfig cfg;
    cfg.chain = {"misbehaving", "json"};
    cfg.extra_plugin_dirs = {test::build_dir() / "tests" / "broken_plugins"};
    return cfg;
}

std::string report(int n) {
    return "2021年某区司法局工作总结 第" + std::to_string(n) + "份\n全年办理案件" +
           std::to_string(100 + n) + "件。\n";
}

// Drops the archive in with a rename, as a complete file.
void drop(const test::DaemonProcess& d, const std::string& name, const std::string& bytes) {
    test::write_file(d.root() / name, bytes);
    fs::rename(d.root() / name, d.inbox() / name);
}

// member → outcome of the members table for the file named `name`.
std::map<std::string, std::string> members_of(const test::DaemonProcess& d,
                                              const std::string& name) {
    std::map<std::string, std::string> out;
    Database db(d.database(), Database::Mode::read_only);
    auto st = db.prepare(
        "SELECT m.member, m.outcome FROM members m JOIN files f ON f.id = m.file_id "
        "WHERE f.path LIKE ?");
    st.bind(1, "%/" + name);
    while (st.step()) out[st.text(0)] = st.text(1);
    return out;
}

}  // namespace

TEST(ArchiveIngestion, EveryMemberOfAWindowsZipIsADocumentWithItsProvenance) {
    test::DaemonProcess d(light_config());
    d.start();
    // Chinese Windows: CP936 names without the UTF-8 flag; a tar.gz inside; one traversal
    // member and one symlink that must be refused.
    test::Layout windows;
    windows.locale = "C";
    const std::string inner = test::tar({test::file("乙区.txt", report(2))}, ARCHIVE_FILTER_GZIP);
    const std::string zip = test::write_archive(
        windows, {test::file("\xB9\xA4\xD7\xF7\xD7\xDC\xBD\xE1/\xBC\xD7\xC7\xF8.txt", report(1)),
                  test::file("inner.tar.gz", inner), test::file("../../etc/passwd", "root:x:0:0"),
                  test::Entry("link.txt", "", AE_IFLNK, "/etc/shadow")});
    drop(d, "reports.zip", zip);
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 1; })) << d.log();
    ASSERT_EQ(d.stop(), 0);

    const auto members = members_of(d, "reports.zip");
    EXPECT_EQ(members.at("工作总结/甲区.txt"), "done");
    EXPECT_EQ(members.at("inner.tar.gz!/乙区.txt"), "done");
    EXPECT_EQ(members.at("../../etc/passwd"), "skipped");
    EXPECT_EQ(members.at("link.txt"), "skipped");
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM documents"), 2);
    EXPECT_EQ(test::sql_count(d.database(),
                              "SELECT count(*) FROM documents WHERE member = '工作总结/甲区.txt' "
                              "AND source_path LIKE '%/reports.zip'"),
              1);
    // Nothing was extracted anywhere.
    EXPECT_FALSE(fs::exists(d.root() / "etc"));
    EXPECT_FALSE(fs::exists(d.inbox() / "工作总结"));
    // The note on the file says what was left out.
    Database db(d.database(), Database::Mode::read_only);
    auto st = db.prepare("SELECT error FROM files");
    ASSERT_TRUE(st.step());
    EXPECT_NE(st.text(0).find("2 member(s) not processed"), std::string::npos) << st.text(0);
}

TEST(ArchiveIngestion, EveryFormatIsRead) {
    test::DaemonProcess d(light_config());
    d.start();
    const std::vector<std::pair<std::string, std::string>> archives = {
        {"a.tar.bz2", test::tar({test::file("bz2.txt", report(11))}, ARCHIVE_FILTER_BZIP2)},
        {"b.tar.xz", test::tar({test::file("xz.txt", report(12))}, ARCHIVE_FILTER_XZ)},
        {"c.tar.zst", test::tar({test::file("zst.txt", report(13))}, ARCHIVE_FILTER_ZSTD)},
        {"d.7z", test::seven_zip({test::file("7z.txt", report(14))})},
        {"e.rar", test::rar4_stored({test::file("rar4.txt", report(15))})},
        {"f.rar", test::rar5_stored({test::file("rar5.txt", report(16))})},
        {"g.txt.gz", test::compressed_file(report(17), ARCHIVE_FILTER_GZIP)}};
    for (const auto& [name, bytes] : archives) drop(d, name, bytes);
    ASSERT_TRUE(test::wait_until([&] {
        return test::files_in_state(d, "done") == static_cast<std::int64_t>(archives.size());
    })) << d.log();
    ASSERT_EQ(d.stop(), 0);
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM documents"),
              static_cast<std::int64_t>(archives.size()));
    EXPECT_EQ(members_of(d, "e.rar").at("rar4.txt"), "done");
    EXPECT_EQ(members_of(d, "g.txt.gz").at("g.txt"), "done");
}

TEST(ArchiveIngestion, ABombIsStoppedAndTheOtherMembersSurvive) {
    test::DaemonProcess d(light_config());
    d.start();
    // 256 MiB of zeros deflate to about 260 KiB.
    drop(d, "bomb.zip",
         test::zip({test::file("a.txt", report(21)), test::filled("bomb.txt", 256u << 20, '\0'),
                    test::file("z.txt", report(22))}));
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 1; }, 120s))
        << d.log();
    ASSERT_EQ(d.stop(), 0);
    const auto members = members_of(d, "bomb.zip");
    EXPECT_EQ(members.at("a.txt"), "done");
    EXPECT_EQ(members.at("z.txt"), "done");
    EXPECT_EQ(members.at("bomb.txt"), "skipped");
}

TEST(ArchiveIngestion, ATruncatedArchiveKeepsWhatCameBeforeTheDamage) {
    test::DaemonProcess d(light_config());
    d.start();
    const std::string whole =
        test::tar({test::file("one.txt", report(31)), test::file("two.txt", report(32)),
                   test::file("three.txt", std::string(20000, 'x') + report(33))});
    drop(d, "cut.tar", whole.substr(0, whole.size() - 12000));
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "done") == 1; })) << d.log();
    ASSERT_EQ(d.stop(), 0);
    const auto members = members_of(d, "cut.tar");
    EXPECT_EQ(members.at("one.txt"), "done");
    EXPECT_EQ(members.at("two.txt"), "done");
    EXPECT_EQ(members.count("three.txt") ? members.at("three.txt") : "skipped", "skipped");
}

TEST(ArchiveIngestion, AnUnreadableArchiveFailsWithItsReasonAndIsMovedAside) {
    test::DaemonProcess d(light_config());
    d.start();
    // A zip signature and nothing a zip reader can use.
    drop(d, "broken.zip", std::string("PK\x03\x04", 4) + std::string(300, '\x7f'));
    ASSERT_TRUE(test::wait_until([&] { return test::files_in_state(d, "failed") == 1; }))
        << d.log();
    ASSERT_EQ(d.stop(), 0);
    ASSERT_TRUE(fs::exists(d.inbox() / "failed" / "broken.zip"));
    const auto why =
        boost::json::parse(test::read_file(d.inbox() / "failed" / "broken.zip.error.json"));
    EXPECT_FALSE(std::string(why.at("error").as_string()).empty());
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM documents"), 0);
}
