// gongwen.toml, read and checked. Every key is documented in config/gongwen.toml.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "gongwen/config_table.hpp"

namespace gongwen {

// A config file that cannot be used. The message names the file, the line and the key.
class ConfigFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct InboxConfig {
    std::filesystem::path path;
    bool recursive = true;
    std::vector<std::string> ignore;  // glob patterns matched against file names
};

struct DaemonConfig {
    std::filesystem::path file;  // where it was read from

    int workers = 2;
    std::string log_level = "info";
    int settle_ms = 500;

    std::filesystem::path database = "./var/gongwen.db";
    std::filesystem::path output_dir = "./var/out";
    std::vector<InboxConfig> inboxes;

    std::vector<std::string> chain;
    std::vector<std::filesystem::path> plugin_dirs;  // empty: the built-in search path

    // [plugins.<name>] tables, handed to each plugin untouched.
    std::map<std::string, ConfigTable> plugin_tables;
};

inline const std::vector<std::string> default_ignore_globs = {".*", "*.part", "*.tmp",
                                                              "*.crdownload", "~$*"};

DaemonConfig load_config(const std::filesystem::path& file);

// --config if given, else $GONGWEN_CONFIG, else ./config/gongwen.toml, else
// /etc/gongwen/gongwen.toml. Throws ConfigFileError when none exists.
std::filesystem::path find_config(const std::string& cli_value);

}  // namespace gongwen
