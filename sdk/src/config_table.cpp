#include "gongwen/config_table.hpp"

#include <algorithm>

namespace gongwen {

void ConfigTable::set(const std::string& key, ConfigValue value, int line) {
    entries_[key] = Entry{std::move(value), line};
}

std::string ConfigTable::full_key(const std::string& key) const {
    return prefix_.empty() ? key : prefix_ + "." + key;
}

int ConfigTable::line_of(const std::string& key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? 0 : it->second.line;
}

const ConfigTable::Entry* ConfigTable::find(const std::string& key) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    used_.insert(key);
    return &it->second;
}

void ConfigTable::type_error(const std::string& key, const char* expected) const {
    throw ConfigError(key, full_key(key) + ": expected " + expected);
}

std::string ConfigTable::get_string(const std::string& key, const std::string& fallback) const {
    const Entry* e = find(key);
    if (!e) return fallback;
    if (auto* s = std::get_if<std::string>(&e->value)) return *s;
    type_error(key, "a string");
}

bool ConfigTable::get_bool(const std::string& key, bool fallback) const {
    const Entry* e = find(key);
    if (!e) return fallback;
    if (auto* b = std::get_if<bool>(&e->value)) return *b;
    type_error(key, "true or false");
}

std::int64_t ConfigTable::get_int(const std::string& key, std::int64_t fallback, std::int64_t min,
                                  std::int64_t max) const {
    const Entry* e = find(key);
    if (!e) return fallback;
    auto* i = std::get_if<std::int64_t>(&e->value);
    if (!i) type_error(key, "an integer");
    if (*i < min || *i > max)
        throw ConfigError(key, full_key(key) + ": " + std::to_string(*i) + " is out of range [" +
                                   std::to_string(min) + ", " + std::to_string(max) + "]");
    return *i;
}

double ConfigTable::get_double(const std::string& key, double fallback) const {
    const Entry* e = find(key);
    if (!e) return fallback;
    if (auto* d = std::get_if<double>(&e->value)) return *d;
    if (auto* i = std::get_if<std::int64_t>(&e->value)) return static_cast<double>(*i);
    type_error(key, "a number");
}

std::vector<std::string> ConfigTable::get_strings(const std::string& key,
                                                  const std::vector<std::string>& fallback) const {
    const Entry* e = find(key);
    if (!e) return fallback;
    if (auto* v = std::get_if<std::vector<std::string>>(&e->value)) return *v;
    type_error(key, "an array of strings");
}

std::filesystem::path ConfigTable::get_path(const std::string& key,
                                            const std::filesystem::path& fallback) const {
    const Entry* e = find(key);
    if (!e) return fallback;
    auto* s = std::get_if<std::string>(&e->value);
    if (!s) type_error(key, "a path string");
    std::filesystem::path p(*s);
    return p.is_relative() && !base_dir_.empty() ? base_dir_ / p : p;
}

std::string ConfigTable::get_choice(const std::string& key, const std::string& fallback,
                                    const std::vector<std::string>& choices) const {
    std::string value = get_string(key, fallback);
    if (std::find(choices.begin(), choices.end(), value) != choices.end()) return value;
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + ("\"" + c + "\"");
    throw ConfigError(key, full_key(key) + ": \"" + value + "\" is not one of " + list);
}

std::vector<std::string> ConfigTable::unused_keys() const {
    std::vector<std::string> out;
    for (const auto& [key, entry] : entries_)
        if (!used_.count(key)) out.push_back(key);
    return out;
}

}  // namespace gongwen
