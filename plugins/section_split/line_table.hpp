// The text as lines of code points, with the folded copy every rule compares against.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "char_fold.hpp"

namespace section_split {

struct Line {
    std::size_t start = 0;  // the line, without its '\n' (code points into the text)
    std::size_t end = 0;
    std::size_t cs = 0;  // its content: the line without leading and trailing spaces
    std::size_t ce = 0;
    int gap_before = 0;  // blank lines right above it
    int gap_after = 0;   // blank lines right below it
    bool blank() const { return cs == ce; }
    std::size_t length() const { return ce - cs; }
};

class LineTable {
  public:
    LineTable(std::string_view text, const CharFold& fold);

    const std::vector<Line>& lines() const { return lines_; }
    std::size_t size() const { return lines_.size(); }
    const Line& operator[](std::size_t i) const { return lines_[i]; }

    // Folded code points of [start, end).
    std::u32string_view folded(std::size_t start, std::size_t end) const {
        return std::u32string_view(folded_).substr(start, end - start);
    }
    std::u32string_view folded(const Line& line) const { return folded(line.cs, line.ce); }
    // The folded content without spaces: what pattern files are written against.
    std::u32string key(const Line& line) const;
    // The text as written, as UTF-8.
    std::string utf8(std::size_t start, std::size_t end) const;
    std::size_t code_points() const { return text_.size(); }

    // Index of the line holding code point `cp`.
    std::size_t line_at(std::size_t cp) const;
    // Index of the next (previous) non-blank line after (before) i, or npos.
    std::size_t next_content(std::size_t i) const;
    std::size_t prev_content(std::size_t i) const;

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  private:
    std::u32string text_;
    std::u32string folded_;
    std::vector<Line> lines_;
};

}  // namespace section_split
