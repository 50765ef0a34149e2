// Which characters the document scan watches for, so that it converts only text that a
// conversion can change.
//
// A replacement can only happen where its key occurs, and then every character of the key is
// in the text. A key of one character is watched itself: wherever it occurs, its piece is
// converted. A longer key is covered when one of its characters is watched that way (OpenCC's
// character tables cover almost all its phrases); otherwise one of its characters is watched
// for that key alone, and its piece is converted only where the key really occurs around it.
// That keeps text already in the target script (覆盖, which holds the 覆 of t2s's 露覆 -> 露复)
// from being converted for nothing.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace variant_convert {

using Replacement = std::pair<std::u32string, std::u32string>;  // key, value (key != value)

class TriggerSet {
  public:
    void add(const std::vector<Replacement>& replacements);

    // Characters whose every occurrence may change the text.
    std::vector<char32_t> characters() const;
    // Characters watched for some keys only.
    std::vector<char32_t> phrase_characters() const;
    // Whether one of the keys watched through the character at byte `pos` of `text` occurs
    // there.
    bool phrase_occurs_at(std::string_view text, std::size_t pos, char32_t cp) const;

  private:
    struct Phrase {
        std::string key;     // UTF-8
        std::size_t before;  // bytes of `key` before the watched character
    };
    std::unordered_set<char32_t> characters_;
    std::unordered_map<char32_t, std::vector<Phrase>> phrases_;
};

}  // namespace variant_convert
