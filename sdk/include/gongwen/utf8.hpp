// UTF-8 helpers for plugins: Document offsets count Unicode code points, strings hold UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::utf8 {

inline constexpr char32_t replacement = 0xFFFD;

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool valid(std::string_view s);

namespace detail {
// next() for any sequence, malformed ones included.
char32_t next_any(std::string_view s, std::size_t& pos);
}  // namespace detail

// Decodes the code point at byte `pos` (< s.size()) and advances `pos` past it. Malformed input
// yields U+FFFD and advances by one byte, so a loop always terminates.
inline char32_t next(std::string_view s, std::size_t& pos) {
    // ASCII and well-formed three-byte sequences, nearly all of Chinese text, without a call:
    // plugins read every character of a report this way.
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    if ((b0 & 0xF0) == 0xE0 && s.size() - pos >= 3) {
        const auto b1 = static_cast<unsigned char>(s[pos + 1]);
        const auto b2 = static_cast<unsigned char>(s[pos + 2]);
        const char32_t cp = char32_t(b0 & 0x0F) << 12 | char32_t(b1 & 0x3F) << 6 | (b2 & 0x3F);
        if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && cp >= 0x800 &&
            (cp < 0xD800 || cp > 0xDFFF)) {
            pos += 3;
            return cp;
        }
    }
    return detail::next_any(s, pos);
}

void append(std::string& out, char32_t cp);

std::size_t length(std::string_view s);

std::u32string decode(std::string_view s);
std::string encode(std::u32string_view s);

// Converts between code point offsets and byte offsets of one string in O(1) per lookup.
class Index {
  public:
    explicit Index(std::string_view s);
    std::size_t code_points() const { return byte_of_.size() - 1; }
    std::size_t byte_offset(std::size_t code_point) const;
    // The code point that contains byte `byte` (or the end).
    std::size_t code_point_offset(std::size_t byte) const;
    // The substring between two code point offsets.
    std::string_view slice(std::string_view s, std::size_t start, std::size_t end) const;

  private:
    std::vector<std::size_t> byte_of_;  // byte offset of each code point, plus the end
};

}  // namespace gongwen::utf8
