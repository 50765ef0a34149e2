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

// Decodes the code point at byte `pos` and advances `pos` past it. Malformed input yields
// U+FFFD and advances by one byte, so a loop always terminates.
char32_t next(std::string_view s, std::size_t& pos);

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
