// A plugin's own config table: the `[plugins.<name>]` section of gongwen.toml.
//
// Plugins read typed values with a default; the host reports a wrong type or an unknown key
// with the key's full name and its line in the config file, so a plugin never has to.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace gongwen {

// A config value that is missing, of the wrong type or out of range. Carries the key so that
// the host can name it and its line.
class ConfigError : public std::runtime_error {
  public:
    ConfigError(std::string key, const std::string& message)
        : std::runtime_error(message), key_(std::move(key)) {}
    const std::string& key() const { return key_; }

  private:
    std::string key_;
};

using ConfigValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>>;

class ConfigTable {
  public:
    struct Entry {
        ConfigValue value;
        int line = 0;  // 1-based line in the config file, 0 if unknown
    };

    ConfigTable() = default;
    // `prefix` names the table in messages ("plugins.json"); `base_dir` resolves relative paths.
    ConfigTable(std::string prefix, std::filesystem::path base_dir)
        : prefix_(std::move(prefix)), base_dir_(std::move(base_dir)) {}

    void set(const std::string& key, ConfigValue value, int line = 0);
    bool contains(const std::string& key) const { return entries_.count(key) != 0; }

    std::string get_string(const std::string& key, const std::string& fallback) const;
    bool get_bool(const std::string& key, bool fallback) const;
    std::int64_t get_int(const std::string& key, std::int64_t fallback, std::int64_t min,
                         std::int64_t max) const;
    double get_double(const std::string& key, double fallback) const;
    std::vector<std::string> get_strings(const std::string& key,
                                         const std::vector<std::string>& fallback) const;
    // A path; relative values resolve against the table's base directory.
    std::filesystem::path get_path(const std::string& key,
                                   const std::filesystem::path& fallback) const;
    // One of `choices`; anything else is a ConfigError listing them.
    std::string get_choice(const std::string& key, const std::string& fallback,
                           const std::vector<std::string>& choices) const;

    // Keys present in the file that no getter asked for: typos, to be reported by the host.
    std::vector<std::string> unused_keys() const;
    int line_of(const std::string& key) const;
    const std::string& prefix() const { return prefix_; }
    std::string full_key(const std::string& key) const;

  private:
    const Entry* find(const std::string& key) const;
    [[noreturn]] void type_error(const std::string& key, const char* expected) const;

    std::string prefix_;
    std::filesystem::path base_dir_;
    std::map<std::string, Entry> entries_;
    mutable std::set<std::string> used_;
};

}  // namespace gongwen
