// The words of the pages, read from <data_dir>/labels/<language>.txt so that a
// language can be added or a wording changed without rebuilding.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace gongwen::html {

class LabelSet {
  public:
    // Reads `key = text` lines (# starts a comment). Throws std::runtime_error naming the file
    // and line for a malformed line, and naming every key of `required` that is missing.
    static LabelSet load(const std::filesystem::path& file,
                         const std::vector<std::string>& required);
    // The languages available in `dir`: the stems of its *.txt files, sorted.
    static std::vector<std::string> available(const std::filesystem::path& dir);

    const std::string& operator[](const std::string& key) const;
    // The label for `key` if the file has one, else `fallback` (for open-ended values such as
    // report kinds, where an unknown value is shown as it is).
    const std::string& get_or(const std::string& key, const std::string& fallback) const;

  private:
    std::map<std::string, std::string> labels_;
};

}  // namespace gongwen::html
