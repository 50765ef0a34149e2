// A short excerpt of a section body around the first place a search term occurs, with every
// occurrence in it marked, for showing a hit in context.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen {

struct Snippet {
    std::string text;  // one line: line breaks and tabs are shown as spaces
    // [start, end) code point offsets into `text` of each occurrence, in order, not overlapping.
    std::vector<std::pair<std::size_t, std::size_t>> marks;

    // `text` with each mark wrapped in `open` … `close`.
    std::string highlighted(std::string_view open, std::string_view close) const;
};

// The needles are looked for in `folded` (the body as the index saw it, store/script_fold.hpp:
// same code points, one for one), ignoring ASCII case as the index does; the excerpt is cut
// from `body`. `before` and `after` are the code points of context kept around the first
// occurrence; a cut is shown as "…". With no occurrence, the excerpt is the start of the body.
Snippet make_snippet(std::string_view body, std::string_view folded,
                     const std::vector<std::string>& needles, std::size_t before = 20,
                     std::size_t after = 40);

}  // namespace gongwen
