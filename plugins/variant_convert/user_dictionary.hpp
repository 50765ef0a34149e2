// The user's phrase dictionary: local terms converted the user's way, on top of OpenCC.
//
// A UTF-8 text file of `from<TAB>to` lines; empty lines and lines starting with '#' are
// skipped. Where a `from` occurs in a text, its longest match from the left wins over OpenCC:
// it becomes `to` as written and OpenCC converts only the text around it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "code_point_trie.hpp"
#include "trigger_set.hpp"

namespace variant_convert {

class UserDictionary {
  public:
    struct Entry {
        std::string from;
        std::string to;
        std::size_t to_code_points = 0;
    };

    UserDictionary() { trie_.freeze(); }
    // Reads `file`; throws std::runtime_error naming the file and line of anything wrong.
    static UserDictionary load(const std::filesystem::path& file);
    // From entries already parsed (`from` and `to` non-empty valid UTF-8).
    static UserDictionary from_entries(std::vector<Entry> entries);

    bool empty() const { return entries_.empty(); }
    std::size_t size() const { return entries_.size(); }

    // The longest `from` at the start of `text`, or a Match with bytes == 0.
    CodePointTrie::Match longest_prefix(std::string_view text) const {
        return trie_.longest_prefix(text);
    }
    const Entry& entry(std::uint32_t index) const { return entries_[index]; }

    // Code points of any `from`, as OpenccConverter::key_code_points.
    std::vector<char32_t> key_code_points() const;
    // The entries that change text, for the TriggerSet.
    std::vector<Replacement> replacements() const;

  private:
    std::vector<Entry> entries_;
    CodePointTrie trie_;
};

}  // namespace variant_convert
