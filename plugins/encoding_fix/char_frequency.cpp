#include "char_frequency.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "gongwen/utf8.hpp"
#include "tsv_table.hpp"

namespace gongwen::encoding_fix {

namespace {

enum class CharClass { neutral, han, foreign, broken };

CharClass classify(char32_t c) {
    if (c < 0x80) {
        if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7F))
            return CharClass::neutral;
        return CharClass::broken;
    }
    if (CharFrequency::is_han(c)) return CharClass::han;
    if (c < 0xA0) return CharClass::broken;  // C1 controls
    // Latin-1 signs that Chinese text does use (NBSP, ·, ×, ÷, °, ±, §).
    if (c == 0xA0 || c == 0xB7 || c == 0xD7 || c == 0xF7 || c == 0xB0 || c == 0xB1 || c == 0xA7)
        return CharClass::neutral;
    if (c < 0x2000) return CharClass::foreign;  // Latin, Greek, Cyrillic and other alphabets
    // Windows-1252 signs that Chinese text does not use: in a Chinese report they are bytes
    // of Chinese characters read as Windows-1252 (‚€ is 個 in GBK).
    if (c == 0x201A || c == 0x201E || c == 0x2020 || c == 0x2021 || c == 0x2039 || c == 0x203A ||
        c == 0x20AC || c == 0x2122)
        return CharClass::foreign;
    if (c >= 0x2500 && c < 0x2580) return CharClass::foreign;  // box drawing: GBK row A9
    if (c < 0x2010) return CharClass::neutral;                 // spaces, format characters
    if (CharFrequency::prose_punctuation(c)) return CharClass::neutral;
    if (CharFrequency::seldom_used_sign(c)) return CharClass::neutral;  // ①, Ⅱ, ⑵, ㎡
    if (c < 0x3040) return CharClass::neutral;                          // CJK punctuation
    if (c < 0x3200) return CharClass::foreign;                 // kana, bopomofo, Hangul jamo
    if (c >= 0xAC00 && c < 0xD800) return CharClass::foreign;  // Hangul syllables
    if (c >= 0xD800 && c < 0xE000) return CharClass::broken;   // lone surrogates
    if (c >= 0xE000 && c < 0xF900) return CharClass::broken;   // private use: no real text
    if (c >= 0xFF01 && c < 0xFF61) return CharClass::neutral;  // fullwidth ASCII
    if (c >= 0xFFE0 && c < 0xFFEF) return CharClass::neutral;  // fullwidth signs
    if (c == 0xFEFF) return CharClass::neutral;
    if (c >= 0xFFF0) return CharClass::broken;  // U+FFFD and non-characters
    return CharClass::foreign;  // everything else is not what a Chinese report is written in
}

}  // namespace

bool CharFrequency::is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

CharFrequency::CharFrequency(const std::filesystem::path& file) {
    std::vector<double> shares;
    for (const TsvRow& row : read_tsv(file, 2)) {
        const std::u32string c = utf8::decode(row.fields[0]);
        if (c.size() != 1 || !is_han(c[0]))
            throw tsv_error(file, row.line,
                            "expected one Han character, found '" + row.fields[0] + "'");
        double value = 0.0;
        try {
            std::size_t used = 0;
            value = std::stod(row.fields[1], &used);
            if (used != row.fields[1].size() || value > 0.0) throw std::invalid_argument("");
        } catch (const std::exception&) {
            throw tsv_error(file, row.line,
                            "expected a natural log share (<= 0), found '" + row.fields[1] + "'");
        }
        log_share_[c[0]] = float(value);
        shares.push_back(value);
    }
    if (shares.size() < 1000)
        throw std::runtime_error("encoding_fix: " + file.string() + " lists only " +
                                 std::to_string(shares.size()) +
                                 " characters; it is not a character frequency table");
    // Below the 5th percentile the estimates only say "rare"; flooring them keeps one odd
    // character from outweighing a sentence.
    std::sort(shares.begin(), shares.end());
    rare_ = shares[shares.size() / 20] - 1.0;
    double total = 0.0, weighted = 0.0;
    for (auto& [c, v] : log_share_) {
        v = std::max(v, float(rare_));
        total += std::exp(double(v));
        weighted += std::exp(double(v)) * v;
    }
    typical_ = weighted / total;
    // Scoring is on every path a document takes; a flat table keeps it to one load.
    bmp_.resize(0x10000);
    for (char32_t c = 0; c < 0x10000; ++c) bmp_[c] = float(score_slow(c).value_or(1.0));
    odd_bits_.assign(0x10000 / 64, 0);
    for (char32_t c = 0; c < 0x10000; ++c)
        if (odd_slow(c)) odd_bits_[c >> 6] |= std::uint64_t(1) << (c & 63);
}

void CharFrequency::add_simplified_forms(const std::filesystem::path& file) {
    either_ = bmp_;
    for (const TsvRow& row : read_tsv(file, 2)) {
        const std::u32string t = utf8::decode(row.fields[0]), s = utf8::decode(row.fields[1]);
        if (t.size() != 1 || s.size() != 1 || !is_han(t[0]) || !is_han(s[0]))
            throw tsv_error(file, row.line,
                            "expected a Traditional and a Simplified Han character, found '" +
                                row.fields[0] + "' and '" + row.fields[1] + "'");
        if (t[0] >= 0x10000) continue;
        if (t[0] != s[0]) {
            forms_[t[0]] |= traditional;
            if (s[0] < 0x10000) forms_[s[0]] |= simplified;
        }
        const auto simplified_score = score(s[0]);
        if (simplified_score && *simplified_score > double(either_[t[0]]))
            either_[t[0]] = float(*simplified_score);
    }
}

std::optional<double> CharFrequency::score_slow(char32_t c) const {
    switch (classify(c)) {
        case CharClass::neutral:
            return std::nullopt;
        case CharClass::han: {
            const auto it = log_share_.find(c);
            return it == log_share_.end() ? rare_ : double(it->second);
        }
        case CharClass::foreign:
            return rare_;
        case CharClass::broken:
            return broken();
    }
    return std::nullopt;
}

bool CharFrequency::odd_slow(char32_t c) const {
    const auto s = score(c);
    return s && *s < typical_ - odd_margin;
}

Tally CharFrequency::tally(std::u32string_view text) const {
    Tally t;
    for (char32_t c : text)
        if (const auto s = score(c)) t.sum += *s, ++t.scored;
    return t;
}

}  // namespace gongwen::encoding_fix
