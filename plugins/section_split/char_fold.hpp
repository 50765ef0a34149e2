// The comparison form of a character: patterns, labels and markers are matched on folded
// text, so that Traditional and Simplified, full-width and half-width, upper and lower case
// all meet. Folding is one code point to one code point, so offsets into the folded text are
// offsets into the document text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace section_split {

// Characters that separate words but carry no text: ASCII and Unicode spaces, NBSP, the
// ideographic space, zero-width space, BOM, and CR (tolerated although text is LF-only).
bool is_space(char32_t c);

class CharFold {
  public:
    // Folds Traditional to Simplified character by character with OpenCC's t2s tables. Built
    // once per process; throws std::runtime_error naming OpenCC if its data cannot be loaded.
    static const CharFold& with_script_folding();
    // Only width, case and space folding: for configurations that turn script folding off.
    static const CharFold& without_script_folding();

    // Full-width ASCII -> ASCII, every space -> ' ', A-Z -> a-z, Traditional -> Simplified.
    char32_t operator()(char32_t c) const {
        if (c < table_.size()) return table_[c];
        return c;
    }
    std::u32string fold(std::u32string_view s) const;
    // Folded, with every space removed: the form patterns are written in.
    std::u32string key(std::u32string_view s) const;

  private:
    explicit CharFold(bool script);
    std::vector<char32_t> table_;  // the Basic Multilingual Plane; others fold to themselves
};

}  // namespace section_split
