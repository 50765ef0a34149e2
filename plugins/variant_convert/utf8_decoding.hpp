// UTF-8 decoding for the plugin's hot loops, inline: the document scan checks the text as it
// goes (decode_checked) instead of in a pass of its own, and the converters then decode the
// checked text without checking again (decode_validated). An out-of-line decoder per
// character would cost the passthrough scan most of its speed.
#pragma once

#include <cstddef>

namespace variant_convert {

// Length of the sequence that starts with `lead` (a lead byte of valid UTF-8).
inline std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

// The code point at `p` (valid UTF-8) and, in `length`, its byte length.
inline char32_t decode_validated(const char* p, std::size_t& length) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    const unsigned char b0 = u[0];
    if (b0 < 0x80) {
        length = 1;
        return b0;
    }
    if (b0 < 0xE0) {
        length = 2;
        return (char32_t(b0 & 0x1F) << 6) | (u[1] & 0x3F);
    }
    if (b0 < 0xF0) {
        length = 3;
        return (char32_t(b0 & 0x0F) << 12) | (char32_t(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
    length = 4;
    return (char32_t(b0 & 0x07) << 18) | (char32_t(u[1] & 0x3F) << 12) |
           (char32_t(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
}

inline constexpr char32_t invalid_code_point = 0xFFFFFFFF;

// The code point at `p` and, in `length`, its byte length; invalid_code_point where `p` does
// not start a well-formed sequence that ends by `end` (overlongs, surrogates and values above
// U+10FFFF are not well-formed).
inline char32_t decode_checked(const char* p, const char* end, std::size_t& length) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    const std::size_t available = static_cast<std::size_t>(end - p);
    const unsigned char b0 = u[0];
    auto continuation = [&](std::size_t i) { return (u[i] & 0xC0) == 0x80; };
    if (b0 < 0x80) {
        length = 1;
        return b0;
    }
    if (b0 < 0xC2 || b0 > 0xF4) return invalid_code_point;
    length = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    if (available < length) return invalid_code_point;
    for (std::size_t i = 1; i < length; ++i)
        if (!continuation(i)) return invalid_code_point;
    const char32_t cp = decode_validated(p, length);
    if ((length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return invalid_code_point;
    return cp;
}

// Number of code points in valid UTF-8: every byte that is not a continuation byte starts one.
inline std::size_t count_code_points(const char* begin, const char* end) {
    std::size_t n = 0;
    for (const char* p = begin; p != end; ++p) n += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
    return n;
}

}  // namespace variant_convert
