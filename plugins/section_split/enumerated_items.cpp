#include "enumerated_items.hpp"

#include "heading_marker.hpp"

namespace section_split {

namespace {

bool numeral_char(char32_t c) {
    switch (c) {
        case U'〇':
        case U'零':
        case U'一':
        case U'二':
        case U'三':
        case U'四':
        case U'五':
        case U'六':
        case U'七':
        case U'八':
        case U'九':
        case U'十':
        case U'百':
        case U'两':
            return true;
        default:
            return false;
    }
}

// Something that ends a clause, so that 统一是 or 唯一是 are not taken for items.
bool boundary(std::u32string_view s, std::size_t p) {
    if (p == 0) return true;
    return std::u32string_view(U"。;:,，、!? ()“”‘’\"'】【《》").find(s[p - 1]) !=
           std::u32string_view::npos;
}

struct Candidate {
    std::size_t start, marker_end;
    int number;
    bool boundary;
};

}  // namespace

std::vector<ItemSpan> find_items(std::u32string_view s, std::u32string_view cues) {
    std::vector<Candidate> found;
    // Look for the cue word first (rare), then for the number in front of it.
    for (std::size_t q = 1; q < s.size(); ++q) {
        if (cues.find(s[q]) == std::u32string_view::npos || !numeral_char(s[q - 1])) continue;
        std::size_t p = q - 1;
        while (p > 0 && numeral_char(s[p - 1]) && q - p < 4) --p;
        if (p > 0 && numeral_char(s[p - 1])) continue;
        std::size_t n = 0;
        const int v = parse_chinese_number(s.substr(p, q - p), n);
        if (!n || p + n != q) continue;
        found.push_back({p, q + 1, v, boundary(s, p)});
    }
    std::size_t last_two = found.size();  // the last 二是, so that a check is O(1)
    for (std::size_t k = 0; k < found.size(); ++k)
        if (found[k].number == 2) last_two = k;
    std::vector<ItemSpan> items;
    int expected = 0;  // the number the open sequence waits for, 0 if none
    auto close = [&](std::size_t end) {
        if (expected == 0) return;
        items.back().end = end;
        expected = 0;
    };
    for (std::size_t i = 0; i < found.size(); ++i) {
        const Candidate& c = found[i];
        if (c.number == 1) {
            const bool two_follows = last_two != found.size() && last_two > i;
            if (!c.boundary && !two_follows) continue;
            close(c.start);
            items.push_back({c.start, c.marker_end, s.size()});
            expected = 2;
        } else if (expected && c.number == expected) {
            items.back().end = c.start;
            items.push_back({c.start, c.marker_end, s.size()});
            ++expected;
        }
    }
    close(s.size());
    for (auto& item : items)
        while (item.end > item.marker_end && s[item.end - 1] == ' ') --item.end;
    return items;
}

}  // namespace section_split
