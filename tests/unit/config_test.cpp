#include <gtest/gtest.h>

#include "config/daemon_config.hpp"
#include "test_paths.hpp"

using namespace gongwen;
using gongwen::test::TempDir;
using gongwen::test::write_file;

namespace {

DaemonConfig load_text(const TempDir& dir, const std::string& toml) {
    write_file(dir / "g.toml", toml);
    return load_config(dir / "g.toml");
}

// The message of the ConfigFileError that loading `toml` raises.
std::string error_of(const std::string& toml) {
    TempDir dir;
    try {
        load_text(dir, toml);
    } catch (const ConfigFileError& e) {
        return e.what();
    }
    ADD_FAILURE() << "config was accepted:\n" << toml;
    return "";
}

}  // namespace

TEST(Config, TheShippedDefaultLoads) {
    const DaemonConfig c = load_config(test::source_dir() / "config" / "gongwen.toml");
    ASSERT_EQ(c.inboxes.size(), 1u);
    EXPECT_EQ(c.inboxes[0].path.filename(), "inbox");
    EXPECT_TRUE(c.inboxes[0].path.is_absolute());
    EXPECT_EQ(c.database, "./var/gongwen.db");
    EXPECT_EQ(c.output_dir, "./var/out");
    EXPECT_EQ(c.chain, (std::vector<std::string>{"encoding_fix", "variant_convert", "section_split",
                                                 "metric_extract", "json"}));
    EXPECT_EQ(c.workers, 2);
    EXPECT_TRUE(c.plugin_dirs.empty());
    ASSERT_TRUE(c.plugin_tables.count("json"));
    EXPECT_TRUE(c.plugin_tables.at("json").get_bool("pretty", false));
}

TEST(Config, DefaultsApplyToMissingTables) {
    TempDir dir;
    const DaemonConfig c = load_text(dir, "[chain]\nplugins = [\"json\"]\n");
    EXPECT_EQ(c.workers, 2);
    EXPECT_EQ(c.settle_ms, 20);
    EXPECT_EQ(c.stable_ms, 2000);
    EXPECT_EQ(c.isolation, Isolation::process);
    EXPECT_EQ(c.max_attempts, 3);
    EXPECT_EQ(c.log_level, "info");
    EXPECT_TRUE(c.inboxes.empty());
}

TEST(Config, ReadsSeveralInboxesAndPluginTables) {
    TempDir dir;
    const DaemonConfig c = load_text(dir, R"(
[daemon]
workers = 0
[[inbox]]
path = "/srv/a"
recursive = false
ignore = ["*.bak"]
[[inbox]]
path = "/srv/b"
[plugins.metric_extract]
units = ["件", "宗"]
threshold = 0.5
limit = 3
strict = true
)");
    EXPECT_GE(c.workers, 1);  // 0 means one per core
    ASSERT_EQ(c.inboxes.size(), 2u);
    EXPECT_FALSE(c.inboxes[0].recursive);
    EXPECT_EQ(c.inboxes[0].ignore, std::vector<std::string>{"*.bak"});
    EXPECT_EQ(c.inboxes[1].ignore, default_ignore_globs);
    const ConfigTable& t = c.plugin_tables.at("metric_extract");
    EXPECT_EQ(t.get_strings("units", {}), (std::vector<std::string>{"件", "宗"}));
    EXPECT_DOUBLE_EQ(t.get_double("threshold", 0), 0.5);
    EXPECT_EQ(t.get_int("limit", 0, 0, 10), 3);
    EXPECT_TRUE(t.get_bool("strict", false));
    EXPECT_EQ(t.line_of("limit"), 13);
}

TEST(Config, SyntaxErrorNamesFileAndLine) {
    const std::string msg = error_of("[daemon]\nworkers = 2\nlog_level = \"info\n");
    EXPECT_NE(msg.find("g.toml:3"), std::string::npos) << msg;
}

TEST(Config, WrongTypeNamesKeyAndLine) {
    const std::string msg = error_of("[daemon]\n\nworkers = \"two\"\n");
    EXPECT_NE(msg.find(":3:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("daemon.workers"), std::string::npos) << msg;
    EXPECT_NE(msg.find("integer"), std::string::npos) << msg;
}

TEST(Config, OutOfRangeIsRefused) {
    const std::string msg = error_of("[daemon]\nworkers = -1\n");
    EXPECT_NE(msg.find("daemon.workers"), std::string::npos) << msg;
    EXPECT_NE(msg.find("out of range"), std::string::npos) << msg;
}

TEST(Config, UnknownKeysAreRefused) {
    EXPECT_NE(error_of("[daemon]\nworkres = 2\n").find("daemon.workres: unknown key"),
              std::string::npos);
    EXPECT_NE(error_of("[deamon]\n").find("deamon: unknown key"), std::string::npos);
    EXPECT_NE(error_of("[[inbox]]\npath = \"x\"\nrecursiv = true\n").find("inbox[0].recursiv"),
              std::string::npos);
}

TEST(Config, BadChoiceListsTheChoices) {
    const std::string msg = error_of("[daemon]\nlog_level = \"loud\"\n");
    EXPECT_NE(msg.find("daemon.log_level"), std::string::npos) << msg;
    EXPECT_NE(msg.find("debug"), std::string::npos) << msg;
}

TEST(Config, InboxNeedsAPath) {
    EXPECT_NE(error_of("[[inbox]]\nrecursive = true\n").find("needs a path"), std::string::npos);
}

TEST(Config, PluginArraysMustHoldStrings) {
    EXPECT_NE(error_of("[plugins.x]\nv = [1, 2]\n").find("plugins.x.v"), std::string::npos);
}

TEST(Config, MissingFileIsAClearError) {
    EXPECT_THROW(find_config("/nonexistent/gongwen.toml"), ConfigFileError);
    EXPECT_THROW(load_config("/nonexistent/gongwen.toml"), ConfigFileError);
}

TEST(ConfigTable, TypedGettersReportTheFullKey) {
    ConfigTable t("plugins.demo", "/base");
    t.set("name", std::string("x"), 4);
    t.set("n", std::int64_t{500}, 5);
    t.set("file", std::string("data/words.txt"), 6);
    EXPECT_EQ(t.get_string("name", "d"), "x");
    EXPECT_EQ(t.get_string("absent", "d"), "d");
    EXPECT_EQ(t.get_path("file", {}), "/base/data/words.txt");
    try {
        t.get_bool("name", false);
        FAIL();
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.key(), "name");
        EXPECT_NE(std::string(e.what()).find("plugins.demo.name"), std::string::npos);
    }
    EXPECT_THROW(t.get_int("n", 1, 0, 100), ConfigError);
    t.set("typo", true, 7);
    EXPECT_EQ(t.unused_keys(), std::vector<std::string>{"typo"});
}

TEST(Config, ReadsIngestionAndServiceSettings) {
    TempDir dir;
    const DaemonConfig c = load_text(dir, R"(
[daemon]
isolation = "none"
document_timeout_s = 30
worker_memory_mb = 512
max_attempts = 5
metrics_listen = "127.0.0.1:9464"
[[inbox]]
path = "/srv/in"
mode = "poll"
poll_interval_ms = 500
on_done = "delete"
on_failed = "leave"
[archives]
max_depth = 1
max_member_mb = 8
max_total_mb = 64
max_ratio = 50
)");
    EXPECT_EQ(c.isolation, Isolation::none);
    EXPECT_EQ(c.document_timeout_s, 30);
    EXPECT_EQ(c.worker_memory_mb, 512);
    EXPECT_EQ(c.max_attempts, 5);
    EXPECT_EQ(c.metrics_listen, "127.0.0.1:9464");
    ASSERT_EQ(c.inboxes.size(), 1u);
    EXPECT_EQ(c.inboxes[0].mode, WatchMode::poll);
    EXPECT_EQ(c.inboxes[0].poll_interval_ms, 500);
    EXPECT_EQ(c.inboxes[0].on_done, OnDone::remove);
    EXPECT_EQ(c.inboxes[0].on_failed, OnFailed::leave);
    EXPECT_EQ(c.inboxes[0].done_dir, "/srv/in/done");
    EXPECT_EQ(c.inboxes[0].failed_dir, "/srv/in/failed");
    EXPECT_EQ(c.archives.max_depth, 1);
    EXPECT_EQ(c.archives.max_member_size, 8u << 20);
    EXPECT_EQ(c.archives.max_total_size, 64u << 20);
    EXPECT_DOUBLE_EQ(c.archives.max_ratio, 50);
    EXPECT_FALSE(c.text.empty());  // the snapshot workers are given
}

TEST(Config, BadChoicesForEnumsNameTheKey) {
    EXPECT_NE(error_of("[daemon]\nisolation = \"thread\"\n").find("daemon.isolation"),
              std::string::npos);
    EXPECT_NE(error_of("[[inbox]]\npath = \"x\"\non_done = \"archive\"\n").find("inbox[0].on_done"),
              std::string::npos);
    EXPECT_NE(error_of("[archives]\nmax_depth = 99\n").find("archives.max_depth"),
              std::string::npos);
}
