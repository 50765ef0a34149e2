// Putting arbitrary report text into CommonMark/GFM so that it reads as text, never as markup.
#pragma once

#include <string>
#include <string_view>

namespace gongwen::markdown {

// Where escaped text goes: at the start of a paragraph or list item a leading "1. " or "- "
// would open a list; inside a heading or table cell it cannot.
enum class Position { inline_text, block_start };

// Text for a paragraph, heading, list item or table cell: Markdown punctuation is
// backslash-escaped, so `*`, `_`, `|`, `<b>` or `[x](y)` in a report show as written, and a
// list marker at a block start is defused; line breaks become spaces (a digest line is one
// line); control characters and malformed UTF-8 become U+FFFD.
std::string escaped(std::string_view text, Position position = Position::inline_text);

// A number for people: thousands separated by commas, no exponent, no trailing zeros
// (120000000 -> "120,000,000", 12.5 -> "12.5").
std::string readable_number(double value);

}  // namespace gongwen::markdown
