// Words an exporter shows, read from <data_dir>/labels/<language>.txt so that a language can
// be added or a wording changed without rebuilding. The file holds `key = text` lines; `#`
// starts a comment.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "gongwen/config_table.hpp"

namespace gongwen {

class LabelSet {
  public:
    // Throws std::runtime_error naming the file and line for a malformed line, and naming
    // every key of `required` that is missing.
    static LabelSet load(const std::filesystem::path& file,
                         const std::vector<std::string>& required);
    // The labels for the plugin's `language` config key (default `fallback_language`) from
    // `labels_dir`; an unknown language is a ConfigError listing the available ones.
    static LabelSet for_language(const ConfigTable& config, const std::filesystem::path& labels_dir,
                                 const std::vector<std::string>& required,
                                 const std::string& fallback_language = "zh");
    // The languages available in `dir`: the stems of its *.txt files, sorted.
    static std::vector<std::string> available(const std::filesystem::path& dir);

    const std::string& operator[](const std::string& key) const;
    // The label for `key` if the file has one, else `fallback` (for open-ended values such as
    // report kinds, where an unknown value is shown as it is).
    const std::string& get_or(const std::string& key, const std::string& fallback) const;

  private:
    std::map<std::string, std::string> labels_;
};

}  // namespace gongwen
