// Which characters are signs that a line was mis-decoded, or needs cleaning, decided once per
// character so that clean lines can be passed through after one cheap check (TextPipeline) and the
// repairer looks only at lines that show damage.
//
// Damage shows as U+FFFD, the first character of a loss marker (锟斤拷), two odd characters
// (CharFrequency::odd: rare Han, foreign letters, private use, controls) with at most one
// character between them (mojibake is dense with them, ordinary text has one at a time) unless
// one of them is part of a word with its neighbour (WordPairs: 瑕疵, 糾紛), a
// Han or odd character right after a '?' (a lost byte), or an ASCII letter or sign right after
// an odd character (where a double-byte decoder out of step fell back in step). A line without
// damage signs gets no repair, so passing it through is exact.
//
// The signs are read two ways (Watch). Ordinarily a Traditional form counts as odd only where
// its Simplified form is odd too (CharFrequency::odd_in_either_script): the frequency table is
// mostly Simplified text, so otherwise every few lines of a Traditional page would show a sign
// and cost the repairer a look, for nothing. Mojibake is dense with characters rare in both
// scripts, so a line of it still shows its signs. In a document one kind of damage marks
// throughout (the repairer's second pass), every odd character counts: there even mojibake
// made of common Traditional characters (GBK read as Big5) is looked at.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "char_frequency.hpp"
#include "word_pairs.hpp"

namespace gongwen::encoding_fix {

class DamageSigns {
  public:
    static constexpr std::uint8_t plain = 0;
    static constexpr std::uint8_t odd = 1;    // rare: two close together are damage
    static constexpr std::uint8_t alarm = 2;  // damage on its own: U+FFFD, a marker's start
    static constexpr std::uint8_t tidy = 4;   // cleanup changes it: controls, U+FEFF, not NFC

    DamageSigns(const CharFrequency& frequency, const WordPairs& words,
                std::u32string_view marker_initials);

    enum class Watch { ordinary, close };

    // For BMP characters; everything above is looked at by the slow path (tidy).
    const std::uint8_t* bmp_table(Watch watch) const { return tables(watch).signs.data(); }
    // For the scan of clean text (plain_run): per BMP code point, nonzero where a character
    // written in three bytes of UTF-8 that decode to it cannot go on a run of plain text: it
    // carries a sign, or it is an overlong form (below U+0800) or a surrogate, which strict
    // UTF-8 refuses. One table answers all three, so the scan checks no byte patterns for the
    // last two. A byte per character, not a bit: a lookup is then one load and no shifts, and
    // the part of it that Chinese text uses stays in the first-level cache all the same.
    const std::uint8_t* three_byte_stops(Watch watch) const {
        return tables(watch).three_byte_stops.data();
    }
    std::uint8_t of(char32_t c, Watch watch) const {
        return c < 0x10000 ? tables(watch).signs[c] : tidy;
    }

    // The exact rule, for the repairer (also for characters above the BMP). The scan over
    // bmp_table() flags a superset of these lines: it does not know words.
    bool shows_damage(std::u32string_view line, Watch watch) const;

    // Two odd characters at most this many code points apart are a sign, and so is an ASCII
    // character a double-byte decoder out of step may fall back in step on (resyncs) this
    // close after an odd one.
    static constexpr std::size_t odd_distance = 2;
    // The second byte of a GBK or Big5 character can be 0x40-0x7E: read on its own, it is the
    // character where a decoder one byte out of step falls back in step.
    static bool resyncs(char32_t c) { return c >= 0x40 && c < 0x7F; }
    // ASCII punctuation that cannot be the second byte of a double-byte character (0x21-0x3F
    // but digits), so that inside an out-of-step stretch it must be a fullwidth form a site
    // folded to ASCII.
    static bool folded_punctuation(char32_t c) {
        return c > 0x20 && c < 0x40 && !(c >= '0' && c <= '9');
    }

  private:
    struct Tables {
        std::vector<std::uint8_t> signs = std::vector<std::uint8_t>(0x10000, plain);
        std::vector<std::uint8_t> three_byte_stops = std::vector<std::uint8_t>(0x10000, 1);
    };
    const Tables& tables(Watch watch) const {
        return watch == Watch::close ? close_tables_ : tables_;
    }
    bool counts_as_odd(char32_t c, Watch watch) const {
        return watch == Watch::close ? frequency_.odd(c) : frequency_.odd_in_either_script(c);
    }
    // Whether line[i] forms a word pair with the character before or after it.
    bool in_a_word(std::u32string_view line, std::size_t i) const;

    const CharFrequency& frequency_;
    const WordPairs& words_;
    std::u32string marker_initials_;
    Tables tables_;        // Watch::ordinary
    Tables close_tables_;  // Watch::close
};

}  // namespace gongwen::encoding_fix
