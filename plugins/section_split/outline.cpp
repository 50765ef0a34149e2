#include "outline.hpp"

#include <algorithm>
#include <map>

namespace section_split {

namespace {

struct Open {
    MarkerStyle style;
    int rank;     // how deep the style nests; see canonical_rank
    int section;  // index into sections
};

std::string where(const HeadingLine& h) {
    return " (line " + std::to_string(h.line + 1) + ")";
}

}  // namespace

Outline build_outline(const std::vector<HeadingLine>& headings, bool check_numbering) {
    Outline out;
    std::vector<Open> stack;
    std::map<std::pair<int, MarkerStyle>, int> last_under;  // (parent section, style) -> number
    std::map<std::pair<int, MarkerStyle>, std::string> last_marker;
    std::map<MarkerStyle, int> last_anywhere;  // for numbering that runs on across chapters

    for (const HeadingLine& h : headings) {
        if (h.continuation && !out.sections.empty()) {
            out.sections.back().heading += " " + h.heading;
            out.section_of.push_back(static_cast<int>(out.sections.size()) - 1);
            continue;
        }
        auto same = std::find_if(stack.begin(), stack.end(),
                                 [&](const Open& o) { return o.style == h.style; });
        int rank = canonical_rank(h.style);
        if (same != stack.end()) {
            rank = same->rank;
            stack.erase(same, stack.end());  // a sibling: close it and everything below
        } else if (h.style == MarkerStyle::unnumbered) {
            // A headline with no numbered heading open is the top level; under numbered
            // headings it is a subheading that the next numbered heading closes.
            rank = stack.empty() ? -1 : 99;
        } else {
            while (!stack.empty() && stack.back().rank > rank) stack.pop_back();
        }
        const int parent = stack.empty() ? -1 : stack.back().section;
        const int index = static_cast<int>(out.sections.size());
        stack.push_back({h.style, rank, index});

        gongwen::Section section;
        section.level = static_cast<int>(stack.size());
        section.marker = h.marker;
        section.heading = h.heading;
        section.start = h.start;
        section.end = h.start;
        out.sections.push_back(section);
        out.section_of.push_back(index);

        if (!check_numbering || h.style == MarkerStyle::unnumbered) continue;
        const auto key = std::make_pair(parent, h.style);
        const auto previous = last_under.find(key);
        const std::string under = parent < 0 ? ""
                                             : " under \"" + out.sections[parent].marker +
                                                   out.sections[parent].heading + "\"";
        if (previous != last_under.end()) {
            const int p = previous->second;
            const std::string before = last_marker[key];
            if (h.number == p) {
                out.faults.push_back("numbering: \"" + h.marker + "\"" + where(h) +
                                     " repeats the number of the heading before it" + under);
            } else if (h.number > p + 1) {
                std::string missing = marker_label(h.style, p + 1);
                if (h.number > p + 2) missing += " … " + marker_label(h.style, h.number - 1);
                out.faults.push_back("numbering: \"" + h.marker + "\"" + where(h) + " follows \"" +
                                     before + "\"" + under + ": " + missing + " is missing");
            } else if (h.number < p) {
                out.faults.push_back("numbering: \"" + h.marker + "\"" + where(h) + " follows \"" +
                                     before + "\"" + under + ": the numbers run backwards");
            }
        } else if (h.number != 1) {
            const auto run_on = last_anywhere.find(h.style);
            if (run_on == last_anywhere.end() || h.number != run_on->second + 1)
                out.faults.push_back("numbering: \"" + h.marker + "\"" + where(h) +
                                     " is the first of its kind" + under + " but not " +
                                     marker_label(h.style, 1) +
                                     (run_on == last_anywhere.end()
                                          ? ""
                                          : " nor " + marker_label(h.style, run_on->second + 1) +
                                                " (continuing the previous chapter)"));
        }
        last_under[key] = h.number;
        last_marker[key] = h.marker;
        last_anywhere[h.style] = h.number;
    }
    return out;
}

}  // namespace section_split
