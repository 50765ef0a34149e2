// 一是…二是…三是… enumerations inside a paragraph.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace section_split {

struct ItemSpan {
    std::size_t start = 0;       // the marker (一是)
    std::size_t marker_end = 0;  // just after it
    std::size_t end = 0;         // the item's end: the next item, or the end of `folded`
};

// The items in `folded` (offsets relative to it). `cues` are the words after the number
// (是 by default). A sequence starts at 一 and continues 二, 三 …; see data/item_cues.txt.
std::vector<ItemSpan> find_items(std::u32string_view folded, std::u32string_view cues);

}  // namespace section_split
