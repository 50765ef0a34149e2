#include "gongwen/label_set.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace gongwen {

namespace {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

LabelSet LabelSet::load(const std::filesystem::path& file,
                        const std::vector<std::string>& required) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error(file.string() + ": cannot read the label file");
    LabelSet set;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        const std::string content = trimmed(line);
        if (content.empty() || content.front() == '#') continue;
        const auto eq = content.find('=');
        if (eq == std::string::npos || trimmed(content.substr(0, eq)).empty())
            throw std::runtime_error(file.string() + ":" + std::to_string(number) +
                                     ": expected `key = text`");
        set.labels_[trimmed(content.substr(0, eq))] = trimmed(content.substr(eq + 1));
    }
    std::string missing;
    for (const auto& key : required)
        if (!set.labels_.count(key)) missing += (missing.empty() ? "" : ", ") + key;
    if (!missing.empty()) throw std::runtime_error(file.string() + ": missing labels: " + missing);
    return set;
}

LabelSet LabelSet::for_language(const ConfigTable& config, const std::filesystem::path& labels_dir,
                                const std::vector<std::string>& required,
                                const std::string& fallback_language) {
    const std::string language = config.get_string("language", fallback_language);
    const std::filesystem::path file = labels_dir / (language + ".txt");
    if (language.empty() || language.find('/') != std::string::npos ||
        !std::filesystem::is_regular_file(file)) {
        std::string known;
        for (const auto& name : available(labels_dir)) known += (known.empty() ? "" : ", ") + name;
        throw ConfigError("language", config.full_key("language") + ": no labels for \"" +
                                          language + "\" in " + labels_dir.string() +
                                          " (available: " + known + ")");
    }
    return load(file, required);
}

std::vector<std::string> LabelSet::available(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.path().extension() == ".txt") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

const std::string& LabelSet::operator[](const std::string& key) const {
    auto it = labels_.find(key);
    if (it == labels_.end()) throw std::logic_error("label " + key + " was not required");
    return it->second;
}

const std::string& LabelSet::get_or(const std::string& key, const std::string& fallback) const {
    auto it = labels_.find(key);
    return it == labels_.end() ? fallback : it->second;
}

}  // namespace gongwen
