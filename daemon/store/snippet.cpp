#include "store/snippet.hpp"

#include <algorithm>

#include "gongwen/utf8.hpp"

namespace gongwen {

namespace {

char32_t fold(char32_t c) {
    return (c >= U'A' && c <= U'Z') ? c - U'A' + U'a' : c;
}

std::u32string case_folded(std::string_view s) {
    std::u32string out = utf8::decode(s);
    for (char32_t& c : out) c = fold(c);
    return out;
}

constexpr char32_t ellipsis = U'…';

}  // namespace

std::string Snippet::highlighted(std::string_view open, std::string_view close) const {
    const utf8::Index index(text);
    std::string out;
    std::size_t at = 0;
    for (const auto& [start, end] : marks) {
        out += index.slice(text, at, start);
        out += open;
        out += index.slice(text, start, end);
        out += close;
        at = end;
    }
    out += index.slice(text, at, index.code_points());
    return out;
}

Snippet make_snippet(std::string_view body, std::string_view folded_body,
                     const std::vector<std::string>& needles, std::size_t before,
                     std::size_t after) {
    const std::u32string raw = utf8::decode(body);
    std::u32string hay = case_folded(folded_body);
    if (hay.size() != raw.size()) hay = case_folded(body);  // not a fold of this body: match as is
    std::vector<std::u32string> pins;
    for (const auto& n : needles)
        if (!n.empty()) pins.push_back(case_folded(n));

    // Every occurrence of every needle, then the longest first at each position and no
    // overlaps, so that 行政复议案件 is one mark, not two.
    std::vector<std::pair<std::size_t, std::size_t>> all;
    for (const auto& p : pins)
        for (auto at = hay.find(p); at != std::u32string::npos; at = hay.find(p, at + 1))
            all.emplace_back(at, at + p.size());
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
    std::vector<std::pair<std::size_t, std::size_t>> hits;
    for (const auto& h : all)
        if (hits.empty() || h.first >= hits.back().second) hits.push_back(h);

    const std::size_t first = hits.empty() ? 0 : hits.front().first;
    const std::size_t first_end = hits.empty() ? 0 : hits.front().second;
    std::size_t from = first > before ? first - before : 0;
    std::size_t to = std::min(hay.size(), first_end + after);
    // No blank at either end: line breaks at a body's edges would show as stray spaces.
    auto blank = [&](std::size_t i) {
        return raw[i] == U' ' || raw[i] == U'\n' || raw[i] == U'\r' || raw[i] == U'\t' ||
               raw[i] == U'\u3000';
    };
    while (from < first && blank(from)) ++from;
    while (to > first_end && blank(to - 1)) --to;
    auto text_in = [&](std::size_t a, std::size_t b) {
        for (std::size_t i = a; i < b; ++i)
            if (!blank(i)) return true;
        return false;
    };

    std::u32string cut;
    if (text_in(0, from)) cut += ellipsis;
    const std::size_t shift = cut.size();
    for (std::size_t i = from; i < to; ++i) {
        const char32_t c = raw[i];
        cut += (c == U'\n' || c == U'\r' || c == U'\t') ? U' ' : c;
    }
    if (text_in(to, raw.size())) cut += ellipsis;

    Snippet s;
    s.text = utf8::encode(cut);
    for (const auto& [start, end] : hits)
        if (start >= from && end <= to)
            s.marks.emplace_back(start - from + shift, end - from + shift);
    return s;
}

}  // namespace gongwen
