// Reading an exported page back in tests: the text element without its markup.
#pragma once

#include <string>

namespace gongwen::test {

// The content of <div class="text">, tags removed and character references decoded.
std::string page_text(const std::string& html);
// The text of the highlight that starts metric `i` (and of its continuation pieces).
std::string mark_text(const std::string& html, std::size_t i);

}  // namespace gongwen::test
