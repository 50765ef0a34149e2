#include "numeral.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

namespace metric_extract {

bool is_ascii_digit(char32_t c) {
    return c >= U'0' && c <= U'9';
}
bool is_fullwidth_digit(char32_t c) {
    return c >= U'０' && c <= U'９';
}
bool is_digit(char32_t c) {
    return is_ascii_digit(c) || is_fullwidth_digit(c);
}
int digit_value(char32_t c) {
    return is_ascii_digit(c) ? int(c - U'0') : is_fullwidth_digit(c) ? int(c - U'０') : -1;
}
bool is_latin(char32_t c) {
    return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || (c >= U'Ａ' && c <= U'Ｚ') ||
           (c >= U'ａ' && c <= U'ｚ');
}
bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0xF900 && c <= 0xFAFF) || c == U'〇';
}

namespace {

// The value of a Chinese digit character, or -1.
int chinese_digit(char32_t c) {
    switch (c) {
        case U'〇':
        case U'零':
            return 0;
        case U'一':
        case U'壹':
            return 1;
        case U'二':
        case U'两':
        case U'兩':
        case U'贰':
        case U'貳':
            return 2;
        case U'三':
        case U'叁':
        case U'參':
            return 3;
        case U'四':
        case U'肆':
            return 4;
        case U'五':
        case U'伍':
            return 5;
        case U'六':
        case U'陆':
        case U'陸':
            return 6;
        case U'七':
        case U'柒':
            return 7;
        case U'八':
        case U'捌':
            return 8;
        case U'九':
        case U'玖':
            return 9;
        default:
            return -1;
    }
}

// The power of ten of a Chinese place character within a section (十 百 千), or 0.
int small_place(char32_t c) {
    switch (c) {
        case U'十':
        case U'拾':
            return 1;
        case U'百':
        case U'佰':
            return 2;
        case U'千':
        case U'仟':
            return 3;
        default:
            return 0;
    }
}

int big_place(char32_t c) {
    switch (c) {
        case U'万':
        case U'萬':
            return 4;
        case U'亿':
        case U'億':
            return 8;
        default:
            return 0;
    }
}

// Parses text[pos, end) as one Chinese numeral; nullopt when it is not well formed.
std::optional<double> parse_chinese(std::u32string_view s) {
    if (s.empty()) return std::nullopt;
    // Digit by digit (二〇二一, 一二三): only digits, at least two.
    bool only_digits = true;
    for (char32_t c : s) only_digits = only_digits && chinese_digit(c) >= 0;
    if (only_digits) {
        if (s.size() == 1) return chinese_digit(s[0]);
        double v = 0;
        for (char32_t c : s) v = v * 10 + chinese_digit(c);
        return v;
    }
    double total = 0;    // completed 亿 and 万 groups
    double section = 0;  // below 万
    int pending = -1;    // a digit waiting for its place
    int last_small = 5;  // places must fall within a section
    int last_big = 9;
    bool zero_seen = false;
    bool after_zero = false;  // the pending digit followed a 零: it is a unit digit
    for (char32_t c : s) {
        if (int d = chinese_digit(c); d >= 0) {
            if (pending >= 0) return std::nullopt;  // two digits in a row
            if (d == 0) {
                zero_seen = true;
                continue;
            }
            pending = d;
            after_zero = zero_seen;
            zero_seen = false;
        } else if (int p = small_place(c); p > 0) {
            if (p >= last_small) return std::nullopt;
            section += (pending >= 0 ? pending : 1) * std::pow(10.0, p);
            pending = -1;
            last_small = p;
            zero_seen = false;
        } else if (int b = big_place(c); b > 0) {
            if (b >= last_big) {
                // 万亿: the whole number so far is multiplied again.
                if (b == 8 && last_big == 4) {
                    total = (total + section + (pending >= 0 ? pending : 0)) * 1e8;
                    section = 0;
                    pending = -1;
                    last_big = 8;
                    last_small = 5;
                    continue;
                }
                return std::nullopt;
            }
            double group = section + (pending >= 0 ? pending : 0);
            if (group == 0) group = 1;  // 万余 = 一万余
            total += group * std::pow(10.0, b);
            section = 0;
            pending = -1;
            last_big = b;
            last_small = 5;
            zero_seen = false;
        } else {
            return std::nullopt;
        }
    }
    if (pending >= 0) {
        // 一万五 = 15000, 三百五 = 350: a trailing digit takes the place below the last one.
        if (!after_zero && last_small < 5 && last_small > 1 && section > 0)
            section += pending * std::pow(10.0, last_small - 1);
        else if (!after_zero && last_small == 5 && last_big < 9 && total > 0)
            section += pending * std::pow(10.0, last_big - 1);
        else
            section += pending;
    }
    return total + section;
}

}  // namespace

bool is_chinese_numeral(char32_t c) {
    return chinese_digit(c) >= 0 || small_place(c) > 0 || big_place(c) > 0;
}

double multiplier_of(char32_t c) {
    switch (c) {
        case U'万':
        case U'萬':
            return 1e4;
        case U'亿':
        case U'億':
            return 1e8;
        case U'千':
            return 1e3;
        case U'百':
            return 1e2;
        default:
            return 0;
    }
}

std::optional<Numeral> read_arabic(std::u32string_view text, std::size_t pos, std::size_t end) {
    if (pos >= end || !is_digit(text[pos])) return std::nullopt;
    Numeral n;
    n.start = pos;
    n.arabic = true;
    std::string digits;
    std::size_t i = pos;
    while (i < end) {
        if (is_digit(text[i])) {
            digits += char('0' + digit_value(text[i]));
            ++n.int_digits;
            ++i;
            continue;
        }
        // A thousands separator: a comma followed by exactly three digits, after one to three
        // leading digits or an earlier group.
        if (text[i] == U',' && i + 3 < end) {
            bool group = is_digit(text[i + 1]) && is_digit(text[i + 2]) && is_digit(text[i + 3]) &&
                         (i + 4 >= end || !is_digit(text[i + 4]));
            bool lead_ok = n.grouped || n.int_digits <= 3;
            if (group && lead_ok) {
                n.grouped = true;
                ++i;
                continue;
            }
        }
        break;
    }
    if (i + 1 < end && (text[i] == U'.' || text[i] == U'．') && is_digit(text[i + 1])) {
        digits += '.';
        ++i;
        while (i < end && is_digit(text[i])) digits += char('0' + digit_value(text[i++]));
        n.decimal = true;
    }
    n.end = i;
    // Past 15 digits a double no longer holds the number exactly: such a run is an
    // identifier or damage, never a figure.
    if (n.int_digits > 15) return std::nullopt;
    n.value = std::strtod(digits.c_str(), nullptr);
    return n;
}

std::optional<Numeral> read_chinese(std::u32string_view text, std::size_t pos, std::size_t end) {
    std::size_t run = pos;
    while (run < end && is_chinese_numeral(text[run])) ++run;
    // The longest prefix of the run that is a well-formed numeral.
    for (std::size_t stop = run; stop > pos; --stop) {
        if (auto v = parse_chinese(text.substr(pos, stop - pos))) {
            Numeral n;
            n.start = pos;
            n.end = stop;
            n.value = *v;
            n.single_char = stop - pos == 1;
            bool only_digits = true;
            for (std::size_t k = pos; k < stop; ++k)
                only_digits = only_digits && chinese_digit(text[k]) >= 0;
            n.digit_sequence = only_digits && stop - pos > 1;
            return n;
        }
    }
    return std::nullopt;
}

}  // namespace metric_extract
