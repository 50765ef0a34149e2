// Putting arbitrary report text into HTML so that it is always text, never markup.
#pragma once

#include <string>
#include <string_view>

namespace gongwen::html {

// Appends `text` escaped for element content and for double- or single-quoted attribute
// values: & < > " ' become references; control characters (C0 other than tab, LF and CR, DEL,
// C1), which HTML forbids, and malformed UTF-8 become U+FFFD.
void append_escaped(std::string& out, std::string_view text);
std::string escaped(std::string_view text);

}  // namespace gongwen::html
