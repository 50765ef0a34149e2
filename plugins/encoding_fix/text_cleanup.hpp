// What every decoded text gets, whatever its encoding: LF line endings, no control characters
// or stray byte order marks, and Unicode NFC, so that later plugins and users comparing
// texts see one form of each character.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gongwen::encoding_fix {

// CR LF and lone CR become LF; form feeds and vertical tabs (page breaks in converted office
// files) become LF too. Returns how many were changed. Done before repairs: wrong decodings
// never produce these, so repair spans are unaffected.
std::size_t normalize_line_endings(std::u32string& text);

struct Cleanup {
    std::size_t controls = 0;  // C0/C1 control characters and DEL removed
    std::size_t boms = 0;      // U+FEFF removed from inside the text
    bool composed = false;     // NFC changed something
};

// Removes control characters (but tab and LF) and U+FEFF, then composes to NFC. Applied to
// each piece between repairs separately, so that repair offsets can be rebuilt from lengths.
std::u32string clean(std::u32string_view text, Cleanup& counts);

}  // namespace gongwen::encoding_fix
