// gongwen.toml, read and checked. Every key is documented in config/gongwen.toml.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "archive/archive_reader.hpp"
#include "gongwen/config_table.hpp"

namespace gongwen {

// A config file that cannot be used. The message names the file, the line and the key.
class ConfigFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

enum class WatchMode { inotify, poll };
enum class OnDone { leave, move, remove };
enum class OnFailed { leave, move };

struct InboxConfig {
    std::filesystem::path path;  // absolute
    bool recursive = true;
    std::vector<std::string> ignore;  // glob patterns matched against file and folder names
    WatchMode mode = WatchMode::inotify;
    int poll_interval_ms = 2000;
    OnDone on_done = OnDone::leave;
    OnFailed on_failed = OnFailed::move;
    std::filesystem::path done_dir;    // absolute; default <path>/done
    std::filesystem::path failed_dir;  // absolute; default <path>/failed
};

enum class Isolation { process, none };

struct DaemonConfig {
    std::filesystem::path file;  // where it was read from
    std::string text;            // the file as read: workers get this exact snapshot

    int workers = 2;
    std::string log_level = "info";
    int settle_ms = 20;
    int stable_ms = 2000;
    Isolation isolation = Isolation::process;
    int document_timeout_s = 120;
    int worker_memory_mb = 2048;
    int max_attempts = 3;
    std::filesystem::path control_socket = "./var/gongwen.sock";
    std::string metrics_listen;  // "host:port" of the Prometheus endpoint; empty = off

    std::filesystem::path database = "./var/gongwen.db";
    std::filesystem::path output_dir = "./var/out";
    std::vector<InboxConfig> inboxes;
    ArchiveLimits archives;

    std::vector<std::string> chain;
    std::vector<std::filesystem::path> plugin_dirs;  // empty: the built-in search path

    // [plugins.<name>] tables, handed to each plugin untouched.
    std::map<std::string, ConfigTable> plugin_tables;
};

inline const std::vector<std::string> default_ignore_globs = {".*", "*.part", "*.tmp",
                                                              "*.crdownload", "~$*"};

DaemonConfig load_config(const std::filesystem::path& file);
// Parses config text; `name` is used in messages (the file it came from).
DaemonConfig parse_config(const std::string& text, const std::filesystem::path& name);

// --config if given, else $GONGWEN_CONFIG, else ./config/gongwen.toml, else
// /etc/gongwen/gongwen.toml, else <prefix>/etc/gongwen/gongwen.toml beside an installed
// binary. Throws ConfigFileError when none exists.
std::filesystem::path find_config(const std::string& cli_value);

}  // namespace gongwen
