#include "gongwen/document.hpp"

#include <algorithm>

namespace gongwen {

const char* to_string(Severity severity) {
    switch (severity) {
        case Severity::info:
            return "info";
        case Severity::warning:
            return "warning";
        case Severity::error:
            return "error";
    }
    return "info";
}

std::size_t map_to_original(const Document& doc, std::size_t text_pos) {
    const auto& map = doc.offset_map;
    if (map.empty()) return text_pos;
    auto it = std::upper_bound(
        map.begin(), map.end(), text_pos,
        [](std::size_t pos, const OffsetSegment& seg) { return pos < seg.text_start; });
    if (it == map.begin()) return text_pos;
    const OffsetSegment& seg = *std::prev(it);
    const std::size_t into = text_pos - seg.text_start;
    if (seg.text_len == seg.original_len) return seg.original_start + into;
    // Unequal segments (a phrase converted to one of another length) map to their start, or
    // their end for the position just past them.
    return into >= seg.text_len ? seg.original_start + seg.original_len : seg.original_start;
}

}  // namespace gongwen
