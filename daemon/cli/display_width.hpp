// How many terminal columns text takes: CJK ideographs and full-width forms take two,
// combining marks none. ANSI colour sequences (ESC [ … m) take none, so highlighted text
// aligns like plain text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gongwen {

std::size_t display_width(std::string_view utf8);

// The longest prefix of `utf8` that fits in `width` columns, ending in "…" when cut. Colour
// sequences are kept, and a reset is added when the cut may have left one open.
std::string fit_width(std::string_view utf8, std::size_t width);

// Columns of the terminal on stdout; 0 when stdout is not a terminal.
std::size_t stdout_terminal_columns();

}  // namespace gongwen
