// Reading numbers as Chinese reports write them: Arabic digits (half- or full-width, with
// thousands separators and decimals) and Chinese numerals (三, 十余, 一百二十, 两万, 二〇二一).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace metric_extract {

struct Numeral {
    std::size_t start = 0;
    std::size_t end = 0;  // one past the last character read
    double value = 0;
    bool arabic = false;
    bool decimal = false;         // has a fractional part
    bool grouped = false;         // has thousands separators
    int int_digits = 0;           // Arabic: digits before the point
    bool digit_sequence = false;  // Chinese written digit by digit (二〇二一)
    bool single_char = false;     // one Chinese character (一, 两, 十)
};

bool is_ascii_digit(char32_t c);
bool is_fullwidth_digit(char32_t c);
bool is_digit(char32_t c);
int digit_value(char32_t c);
// A character that can be part of a Chinese numeral (digits and 十百千万亿 in both scripts).
bool is_chinese_numeral(char32_t c);
// 万 萬 亿 億 千 百 as a multiplier after Arabic digits: its factor, or 0.
double multiplier_of(char32_t c);
bool is_latin(char32_t c);
bool is_han(char32_t c);

// Reads an Arabic number starting at `pos` (a digit), stopping at `end`.
std::optional<Numeral> read_arabic(std::u32string_view text, std::size_t pos, std::size_t end);
// Reads the longest valid Chinese numeral starting at `pos`, stopping at `end`.
std::optional<Numeral> read_chinese(std::u32string_view text, std::size_t pos, std::size_t end);

}  // namespace metric_extract
