// How much a piece of text looks like Chinese: the mean log frequency of its characters, from
// data/char_frequency.tsv. Encoding detection and mojibake repair both decide between
// readings of the same bytes by this measure: the right reading is made of common
// characters, a wrong one of rare characters, foreign letters and broken code points.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gongwen::encoding_fix {

struct Tally {
    double sum = 0.0;
    std::size_t scored = 0;  // characters that carried evidence
    double mean(double empty = 0.0) const { return scored ? sum / double(scored) : empty; }
};

class CharFrequency {
  public:
    // Reads `file` (character TAB natural-log share); throws naming the file and line.
    explicit CharFrequency(const std::filesystem::path& file);

    // Evidence one character gives, or nothing for characters common to every reading (ASCII,
    // whitespace, punctuation). Han characters score their log share; foreign letters (Latin-1,
    // kana, Cyrillic …) score like a rare character; broken code points (U+FFFD, private use,
    // control characters) lower still.
    std::optional<double> score(char32_t c) const {
        return c < 0x10000 ? from_table(bmp_, c) : score_slow(c);
    }
    Tally tally(std::u32string_view text) const;
    // As score(), but the signs Chinese prose seldom uses score as rare characters: for
    // comparing readings of the same bytes, where one that turns a character into such a sign
    // must not gain by leaving that character out.
    std::optional<double> score_with_signs(char32_t c) const {
        const auto s = score(c);
        if (s || !seldom_used_sign(c)) return s;
        return rare_;
    }

    // Punctuation below the CJK block that Chinese prose uses all the time: dashes, quotation
    // marks and the ellipsis (“”, ——, ……), U+2010-2026.
    static bool prose_punctuation(char32_t c) { return c >= 0x2010 && c < 0x2027; }
    // Signs a report may hold but its prose seldom uses (⌒, ⑵, ↑, ㎡: U+2027-2FFF but the
    // Windows-1252 signs and box drawing that score() counts as foreign, U+3200-33FF). score()
    // leaves them out, as it does punctuation; a reading that makes Han characters into them
    // is suspect all the same.
    static bool seldom_used_sign(char32_t c) {
        return (c >= 0x2027 && c < 0x3000) || (c >= 0x3200 && c < 0x3400);
    }

    // Reads `file` (Traditional TAB Simplified, one Han character each); throws naming the
    // file and line. Until then score_either() is score().
    void add_simplified_forms(const std::filesystem::path& file);
    // The better of the scores of `c` and of its Simplified form. The table is mostly
    // Simplified text, so common Traditional characters (糾, 擴) score as rare: a realigned
    // reading is scored this way, so that the Traditional text it brings back counts as the
    // common text it is (a realigned GBK or Big5 page keeps its script). Everything else is
    // scored with score(): mojibake made of common Traditional characters (GBK read as Big5)
    // must still look odd, and a Simplified page read another way must not gain by becoming
    // Traditional.
    std::optional<double> score_either(char32_t c) const {
        return c < 0x10000 && !either_.empty() ? from_table(either_, c) : score(c);
    }

    // Whether `c` is the Traditional form of a different Simplified one (階 of 阶), or the
    // Simplified form of a different Traditional one (阶; also 台 of 臺, which Traditional text
    // writes too), by the forms read with add_simplified_forms; false for both before that.
    bool traditional_form(char32_t c) const { return c < 0x10000 && (forms_[c] & traditional); }
    bool simplified_form(char32_t c) const { return c < 0x10000 && (forms_[c] & simplified); }

    // Rare enough that two of them close together are a sign of mis-decoded text: mojibake is
    // made of such characters, ordinary text has them one at a time (names, places).
    bool odd(char32_t c) const {
        return c < 0x10000 ? (odd_bits_[c >> 6] >> (c & 63) & 1) != 0 : odd_slow(c);
    }
    // As odd(), but a Traditional form is odd only where its Simplified form is odd too: 穩 and
    // 廚 are as common in Traditional text as 稳 and 厨 are in Simplified text, which is what
    // the table counts.
    bool odd_in_either_script(char32_t c) const {
        const auto s = score_either(c);
        return s && *s < typical_ - odd_margin;
    }
    static constexpr double odd_margin = 4.0;

    // The mean score of ordinary Chinese text (the negative entropy of the table).
    double typical() const { return typical_; }
    // The score of a character too rare to be in the table.
    double rare() const { return rare_; }
    double broken() const { return rare_ - 5.0; }

    static bool is_han(char32_t c);

  private:
    std::optional<double> score_slow(char32_t c) const;
    bool odd_slow(char32_t c) const;
    // A BMP table's entry: a score, or nothing where it holds +1 (neutral characters).
    static std::optional<double> from_table(const std::vector<float>& table, char32_t c) {
        const float s = table[c];
        if (s > 0.0f) return std::nullopt;
        return double(s);
    }

    std::unordered_map<char32_t, float> log_share_;
    std::vector<float> bmp_;     // score() of every BMP character; +1 for neutral ones
    std::vector<float> either_;  // score_either() of every BMP character, once forms are read
    static constexpr std::uint8_t traditional = 1, simplified = 2;
    std::vector<std::uint8_t> forms_ = std::vector<std::uint8_t>(0x10000, 0);
    // odd() of every BMP character, a bit each: the repairer asks it of every character of
    // the lines it looks at, several times, and 8 kB stay in the first-level cache.
    std::vector<std::uint64_t> odd_bits_;
    double typical_ = 0.0;
    double rare_ = 0.0;
};

}  // namespace gongwen::encoding_fix
