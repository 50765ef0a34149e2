// Outline numbers of Chinese official documents at the start of a line: 第一部分, 一、,
// （一）, 1. / 1、, （1）, ①.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace section_split {

enum class MarkerStyle {
    part,          // 第一部分, 第一章, 第一篇
    cjk_comma,     // 一、 (also 一. and 一．)
    cjk_paren,     // （一） (一)
    arabic_dot,    // 1. 1、 1．
    arabic_paren,  // （1） (1) 1） ⑴
    circled,       // ①
    unnumbered,    // a headline line without a number
};

// GB/T 9704 order, used only when a document brings in a style it has not used before.
int canonical_rank(MarkerStyle style);
const char* style_name(MarkerStyle style);

struct Marker {
    MarkerStyle style = MarkerStyle::unnumbered;
    int number = 0;
    std::size_t length = 0;  // code points of the marker itself
    std::size_t skip = 0;    // code points to the heading text (marker plus spaces)
};

// The marker at the start of `folded` (a folded line without leading spaces), if any.
std::optional<Marker> parse_marker(std::u32string_view folded);

// 一 … 九十九 (and 〇/零 digits) at the start of `s`: the value and its length, or 0.
int parse_chinese_number(std::u32string_view s, std::size_t& length);

// "（三）", "3." … in the style's canonical form, for messages.
std::string marker_label(MarkerStyle style, int number);

}  // namespace section_split
