// The report's outline from its heading lines: levels that follow the document's own nesting,
// and the numbering faults (skipped, repeated, backwards numbers) it contains.
#pragma once

#include <string>
#include <vector>

#include "gongwen/document.hpp"
#include "heading_marker.hpp"

namespace section_split {

struct HeadingLine {
    std::size_t line = 0;  // 0-based line index, for messages
    MarkerStyle style = MarkerStyle::unnumbered;
    int number = 0;
    std::string marker;   // as written
    std::string heading;  // without the marker
    std::size_t start = 0;
    bool continuation = false;  // the second line of the previous headline
};

struct Outline {
    std::vector<gongwen::Section> sections;  // `end` left at `start`: the caller knows the body
    std::vector<int> section_of;             // per heading line: its section
    std::vector<std::string> faults;
};

Outline build_outline(const std::vector<HeadingLine>& headings, bool check_numbering);

}  // namespace section_split
