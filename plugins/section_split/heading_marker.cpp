#include "heading_marker.hpp"

#include "gongwen/utf8.hpp"

namespace section_split {

namespace {

int chinese_digit(char32_t c) {
    switch (c) {
        case U'〇':
        case U'零':
            return 0;
        case U'一':
            return 1;
        case U'二':
            return 2;
        case U'三':
            return 3;
        case U'四':
            return 4;
        case U'五':
            return 5;
        case U'六':
            return 6;
        case U'七':
            return 7;
        case U'八':
            return 8;
        case U'九':
            return 9;
        default:
            return -1;
    }
}

int arabic(std::u32string_view s, std::size_t& length) {
    int value = 0;
    length = 0;
    while (length < s.size() && s[length] >= '0' && s[length] <= '9' && length < 3) {
        value = value * 10 + static_cast<int>(s[length] - '0');
        ++length;
    }
    if (length < s.size() && s[length] >= '0' && s[length] <= '9') length = 0;  // a year, a count
    return length ? value : 0;
}

std::string chinese(int n) {
    static const char* digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0 || n >= 100) return std::to_string(n);
    std::string out;
    if (n >= 20) out += digits[n / 10];
    if (n >= 10) out += "十";
    out += digits[n % 10];
    return out;
}

}  // namespace

int canonical_rank(MarkerStyle style) {
    switch (style) {
        case MarkerStyle::part:
            return 0;
        case MarkerStyle::cjk_comma:
            return 1;
        case MarkerStyle::cjk_paren:
            return 2;
        case MarkerStyle::arabic_dot:
            return 3;
        case MarkerStyle::arabic_paren:
            return 4;
        case MarkerStyle::circled:
            return 5;
        case MarkerStyle::unnumbered:
            return 6;
    }
    return 6;
}

const char* style_name(MarkerStyle style) {
    switch (style) {
        case MarkerStyle::part:
            return "第一部分";
        case MarkerStyle::cjk_comma:
            return "一、";
        case MarkerStyle::cjk_paren:
            return "（一）";
        case MarkerStyle::arabic_dot:
            return "1.";
        case MarkerStyle::arabic_paren:
            return "（1）";
        case MarkerStyle::circled:
            return "①";
        case MarkerStyle::unnumbered:
            return "unnumbered";
    }
    return "";
}

int parse_chinese_number(std::u32string_view s, std::size_t& length) {
    length = 0;
    if (s.empty()) return 0;
    // 十, 十三, 二十, 二十三, or plain digits (三, 一〇 is not an ordinal)
    int tens = 0, units = 0;
    std::size_t i = 0;
    const int first = chinese_digit(s[0]);
    if (s[0] == U'十') {
        tens = 1;
        i = 1;
    } else if (first > 0) {
        i = 1;
        if (i < s.size() && s[i] == U'十') {
            tens = first;
            ++i;
        } else {
            units = first;
            length = 1;
            return units;
        }
    } else {
        return 0;
    }
    if (i < s.size() && chinese_digit(s[i]) > 0) {
        units = chinese_digit(s[i]);
        ++i;
    }
    length = i;
    return tens * 10 + units;
}

std::optional<Marker> parse_marker(std::u32string_view s) {
    auto finish = [&](MarkerStyle style, int number, std::size_t length) -> std::optional<Marker> {
        if (number <= 0) return std::nullopt;
        std::size_t skip = length;
        while (skip < s.size() && s[skip] == ' ') ++skip;
        if (skip == s.size()) return std::nullopt;  // a number alone on its line
        return Marker{style, number, length, skip};
    };
    if (s.empty()) return std::nullopt;
    std::size_t n = 0;
    const char32_t c = s[0];
    if (c == U'第') {
        const int v = parse_chinese_number(s.substr(1), n);
        if (!n) return std::nullopt;
        const std::u32string_view rest = s.substr(1 + n);
        for (std::u32string_view unit : {U"部分", U"章", U"篇"})
            if (rest.substr(0, unit.size()) == unit)
                return finish(MarkerStyle::part, v, 1 + n + unit.size());
        return std::nullopt;
    }
    if (c == '(') {
        std::size_t m = 0;
        int v = parse_chinese_number(s.substr(1), n);
        if (n && 1 + n < s.size() && s[1 + n] == ')')
            return finish(MarkerStyle::cjk_paren, v, n + 2);
        v = arabic(s.substr(1), m);
        if (m && 1 + m < s.size() && s[1 + m] == ')')
            return finish(MarkerStyle::arabic_paren, v, m + 2);
        return std::nullopt;
    }
    if (c >= U'①' && c <= U'⑳')
        return finish(MarkerStyle::circled, static_cast<int>(c - U'①') + 1, 1);
    if (c >= U'⑴' && c <= U'⒇')
        return finish(MarkerStyle::arabic_paren, static_cast<int>(c - U'⑴') + 1, 1);
    if (c >= U'⒈' && c <= U'⒛')
        return finish(MarkerStyle::arabic_dot, static_cast<int>(c - U'⒈') + 1, 1);
    if (c >= '0' && c <= '9') {
        const int v = arabic(s, n);
        if (!n || n >= s.size()) return std::nullopt;
        const char32_t sep = s[n];
        if (sep == U'、') return finish(MarkerStyle::arabic_dot, v, n + 1);
        if (sep == '.' && n + 1 < s.size() && !(s[n + 1] >= '0' && s[n + 1] <= '9'))
            return finish(MarkerStyle::arabic_dot, v, n + 1);
        if (sep == ')') return finish(MarkerStyle::arabic_paren, v, n + 1);
        return std::nullopt;
    }
    const int v = parse_chinese_number(s, n);
    if (n && n < s.size() && (s[n] == U'、' || s[n] == '.'))
        return finish(MarkerStyle::cjk_comma, v, n + 1);
    return std::nullopt;
}

std::string marker_label(MarkerStyle style, int number) {
    switch (style) {
        case MarkerStyle::part:
            return "第" + chinese(number) + "部分";
        case MarkerStyle::cjk_comma:
            return chinese(number) + "、";
        case MarkerStyle::cjk_paren:
            return "（" + chinese(number) + "）";
        case MarkerStyle::arabic_dot:
            return std::to_string(number) + ".";
        case MarkerStyle::arabic_paren:
            return "（" + std::to_string(number) + "）";
        case MarkerStyle::circled: {
            if (number < 1 || number > 20) return std::to_string(number);
            std::string out;
            gongwen::utf8::append(out, U'①' + static_cast<char32_t>(number - 1));
            return out;
        }
        case MarkerStyle::unnumbered:
            return "";
    }
    return "";
}

}  // namespace section_split
