// A user-extensible list of line patterns (one pattern file of data/): literal words with
// optional ^/$ anchors, or ICU regular expressions, each with a weight.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "char_fold.hpp"

namespace section_split {

class PatternSet {
  public:
    PatternSet();
    ~PatternSet();
    PatternSet(PatternSet&&) noexcept;
    PatternSet& operator=(PatternSet&&) noexcept;

    // Reads `file` (syntax in data/navigation.txt). With `weighted`, each line ends in a
    // whole-number weight; otherwise every pattern weighs 1. Throws std::runtime_error naming
    // the file and line of a bad pattern; a missing file is an error too.
    void load(const std::filesystem::path& file, const CharFold& fold, bool weighted);

    // Sum of the weights of the patterns found in `key` (a folded, space-free line). Not for
    // concurrent use: regex matchers are reused (one set per plugin instance).
    int score(std::u32string_view key) const;
    bool any(std::u32string_view key) const { return score(key) > 0; }
    std::size_t size() const { return patterns_.size(); }

  private:
    struct Pattern;
    std::vector<std::unique_ptr<Pattern>> patterns_;
    // Unanchored words by their first character, so that a line is scanned once.
    std::unordered_map<char32_t, std::vector<std::size_t>> by_first_;
    std::vector<std::size_t> others_;    // anchored words and regular expressions
    mutable std::vector<char> counted_;  // per pattern, during one score()
};

// Lines of a data file without comments and blank lines, each with its line number.
struct DataLine {
    std::string text;
    int number = 0;
};
std::vector<DataLine> read_data_lines(const std::filesystem::path& file);

}  // namespace section_split
