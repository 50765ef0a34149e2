// Counts characters that were lost before the file reached gongwen. They cannot be brought
// back; counting them tells users how far to trust the text (Document::encoding.lossy).
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace gongwen::encoding_fix {

struct LostCharacters {
    std::size_t replacement = 0;     // U+FFFD: undecodable bytes, here or upstream
    std::size_t question_marks = 0;  // '?' an encoder wrote for a character it could not encode
    std::size_t total() const { return replacement + question_marks; }
};

// A '?' counts as lost when it sits inside Chinese text — after a Chinese character or CJK
// punctuation and before a Chinese character or opening punctuation — or when three or more
// stand together next to Chinese. A question mark ends a question; it is not followed by
// more of the sentence.
// '?' inside the `skip` ranges (start, end) are left to whoever put them there (a repair that
// kept a '?' as the mark of a lost character counts it itself).
LostCharacters count_lost(std::u32string_view text,
                          const std::vector<std::pair<std::size_t, std::size_t>>& skip = {});

}  // namespace gongwen::encoding_fix
