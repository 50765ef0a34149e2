// How encoding_fix's decoders mark a byte sequence that is no character: ICU's converter, with
// this callback, writes one U+FFFD for it and counts it. The pair table learns from the same
// converter how it reads each invalid pair, so that its own readings match ICU's exactly.
#pragma once

#include <cstddef>

struct UConverter;

namespace gongwen::encoding_fix {

// Sets `converter` to write one U+FFFD for each invalid sequence and to count them in
// `*counter` (not counted where `counter` is null).
void substitute_invalid(UConverter* converter, std::size_t* counter);

// U+E000-U+F8FF: what a legacy charset makes of bytes that were never its text (and what plain
// Big5 makes of HKSCS characters).
inline bool is_private_use(char32_t c) {
    return c >= 0xE000 && c < 0xF900;
}

}  // namespace gongwen::encoding_fix
