#include "date_text.hpp"

#include <cstdio>

#include "heading_marker.hpp"

namespace section_split {

namespace {

bool digit(char32_t c) {
    return c >= '0' && c <= '9';
}

int chinese_digit(char32_t c) {
    static const std::u32string_view digits = U"〇一二三四五六七八九";
    if (c == U'零' || c == U'O' || c == U'o' || c == U'○') return 0;
    const std::size_t i = digits.find(c);
    return i == std::u32string_view::npos ? -1 : static_cast<int>(i);
}

// A run of 1..max ASCII digits at s[i]; returns the value and advances i, or -1.
int number(std::u32string_view s, std::size_t& i, std::size_t max) {
    std::size_t n = 0;
    int v = 0;
    while (i + n < s.size() && digit(s[i + n]) && n < max)
        v = v * 10 + static_cast<int>(s[i + n++] - '0');
    if (!n || (i + n < s.size() && digit(s[i + n]))) return -1;
    i += n;
    return v;
}

bool valid(int y, int m, int d) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] &&
           !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

bool year_start(std::u32string_view s, std::size_t i) {
    return i + 4 <= s.size() && (s[i] == '1' || s[i] == '2') && digit(s[i + 1]) &&
           digit(s[i + 2]) && digit(s[i + 3]) && (i == 0 || !digit(s[i - 1]));
}

std::optional<Date> arabic_date_at(std::u32string_view s, std::size_t i) {
    std::size_t p = i;
    const int y = number(s, p, 4);
    if (y < 0 || p - i != 4 || p >= s.size()) return std::nullopt;
    const char32_t sep = s[p];
    if (sep == U'年') {
        ++p;
        while (p < s.size() && s[p] == ' ') ++p;
        const int m = number(s, p, 2);
        if (m < 0 || p >= s.size() || s[p] != U'月') return std::nullopt;
        ++p;
        while (p < s.size() && s[p] == ' ') ++p;
        const int d = number(s, p, 2);
        if (d < 0) return std::nullopt;
        if (p < s.size() && (s[p] == U'日' || s[p] == U'号')) ++p;
        if (!valid(y, m, d)) return std::nullopt;
        return Date{y, m, d, i, p};
    }
    if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
    ++p;
    const int m = number(s, p, 2);
    if (m < 0 || p >= s.size() || s[p] != sep) return std::nullopt;
    ++p;
    const int d = number(s, p, 2);
    if (d < 0 || !valid(y, m, d)) return std::nullopt;
    return Date{y, m, d, i, p};
}

// 二〇二一年七月一日
std::optional<Date> chinese_date_at(std::u32string_view s, std::size_t i) {
    int y = 0;
    std::size_t p = i;
    for (int k = 0; k < 4; ++k, ++p) {
        if (p >= s.size() || chinese_digit(s[p]) < 0) return std::nullopt;
        y = y * 10 + chinese_digit(s[p]);
    }
    if (p >= s.size() || s[p] != U'年') return std::nullopt;
    ++p;
    std::size_t n = 0;
    const int m = parse_chinese_number(s.substr(p), n);
    if (!n || p + n >= s.size() || s[p + n] != U'月') return std::nullopt;
    p += n + 1;
    const int d = parse_chinese_number(s.substr(p), n);
    if (!n) return std::nullopt;
    p += n;
    if (p < s.size() && (s[p] == U'日' || s[p] == U'号')) ++p;
    if (!valid(y, m, d)) return std::nullopt;
    return Date{y, m, d, i, p};
}

bool range_dash(char32_t c) {
    return c == '-' || c == U'—' || c == '~' || c == U'至' || c == U'到' || c == U'－';
}

}  // namespace

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::optional<Date> find_date(std::u32string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (year_start(s, i)) {
            if (auto d = arabic_date_at(s, i)) return d;
        } else if (chinese_digit(s[i]) >= 0 && (i == 0 || chinese_digit(s[i - 1]) < 0)) {
            if (auto d = chinese_date_at(s, i)) return d;
        }
    }
    return std::nullopt;
}

bool is_date_line(std::u32string_view s) {
    auto d = find_date(s);
    if (!d) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i >= d->start && i < d->end) continue;
        const char32_t c = s[i];
        if (c == ' ' || c == '(' || c == ')' || c == U'【' || c == U'】' || c == '[' || c == ']' ||
            c == ':' || digit(c))
            continue;
        return false;
    }
    return true;
}

std::vector<YearRange> find_year_ranges(std::u32string_view s) {
    std::vector<YearRange> out;
    for (std::size_t i = 0; i + 9 <= s.size(); ++i) {
        if (!year_start(s, i) || (i + 4 < s.size() && digit(s[i + 4]))) continue;
        std::size_t p = i + 4;
        bool year_word = false;
        if (p < s.size() && s[p] == U'年') {
            ++p;
            year_word = true;
        }
        std::size_t dashes = 0;
        while (p < s.size() && range_dash(s[p]) && dashes < 2) ++p, ++dashes;
        if (!dashes || !year_start(s, p) || (p + 4 < s.size() && digit(s[p + 4]))) continue;
        const std::size_t second = p;
        p += 4;
        if (p < s.size() && s[p] == U'年') {
            ++p;
            year_word = true;
        }
        if (!year_word) continue;  // 2021-2025 alone may be a code or a phone number
        std::size_t q = i;
        const int from = number(s, q, 4);
        q = second;
        const int to = number(s, q, 4);
        out.push_back({from, to, i, p});
        i = p - 1;
    }
    return out;
}

std::string find_year(std::u32string_view s, std::size_t from, std::size_t* start,
                      std::size_t* end) {
    for (std::size_t i = from; i < s.size(); ++i) {
        if (!year_start(s, i) || (i + 4 < s.size() && digit(s[i + 4]))) continue;
        const std::u32string_view rest = s.substr(i);
        for (const YearRange& r : find_year_ranges(rest.substr(0, 12))) {
            if (r.start != 0) break;
            if (start) *start = i;
            if (end) *end = i + r.end;
            return std::to_string(r.from) + "-" + std::to_string(r.to);
        }
        if (i + 4 < s.size() && s[i + 4] == U'年') {
            if (start) *start = i;
            if (end) *end = i + 5;
            std::string y;
            for (std::size_t k = 0; k < 4; ++k) y.push_back(static_cast<char>(s[i + k]));
            return y;
        }
    }
    return "";
}

}  // namespace section_split
