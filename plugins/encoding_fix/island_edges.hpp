// Where the damage an island shows really begins and ends. Clean text right after (or before)
// the damage can be read the rule's way too and still be valid: GBK 全省 is C8AB CAA1, which is
// UTF-8 for ȫʡ. So after a region of islands was accepted as a repair, the parts at each
// island's edges that show ordinary Chinese (Han, CJK punctuation, quotation marks; nothing
// odd) are left out of it where they would read as odd letters or signs; and, where one damage
// does not mark the whole document, where they would read as rare characters while they show
// common ones, or where two of them make a word. Where one damage does mark it, the edges of its
// islands are mojibake too, and may well show common characters: there only the signs count,
// and the two rules of a sentence's bounds (through_sign, after_sentence_end). Losses stay; and
// only after the region was accepted, so that leaving parts out never makes a repair.
#pragma once

#include <cstddef>
#include <string_view>

#include "char_frequency.hpp"
#include "island.hpp"
#include "word_pairs.hpp"

namespace gongwen::encoding_fix {

class IslandEdges {
  public:
    // `text`: what was searched; `preferred`: one damage of the rule's kind marks the whole
    // document; `min_gain`: how much rarer (RepairOptions::min_gain) clean text must read.
    IslandEdges(const CharFrequency& frequency, const WordPairs& words, std::u32string_view text,
                bool preferred, double min_gain);

    // Leaves the clean parts at the edges of `is` out of it (its `fixed`, parts and bounds, not
    // its tallies); whether it cut any.
    bool trim(Island& is) const;

  private:
    // How many parts into an island trimming looks for the clean punctuation, or the repaired
    // sentence end, that marks where the damage starts or ends.
    static constexpr std::size_t sign_reach = 8;
    // Characters that score at least this close to ordinary text (typical) are common ones.
    static constexpr double common_margin = 1.5;

    bool shows_ordinary(const Island::Part& part) const;
    // Where part k of `is` ends in its `fixed`.
    static std::size_t fixed_end(const Island& is, std::size_t k);
    // Whether part k, where it shows ordinary Chinese, reads as odd letters or signs.
    bool reads_as_signs(const Island& is, std::size_t k) const;
    // Adds what a part shows to `shows`.
    void add_shown(Tally& shows, const Island::Part& part) const;
    // Whether part k shows ordinary Chinese that would read as signs, or (not preferred) as
    // much rarer characters.
    bool foreign(const Island& is, std::size_t k) const;
    // A part a little way in that shows ordinary Chinese and reads as signs (件。 before Big5
    // read as GBK: 。 reads as ﹝) marks where the damage starts, even where the parts before
    // it read as common characters (件 as 璃): all of them are left out. How many parts to cut
    // from the start (or, `from_end`, the end) for that, or 0.
    std::size_t through_sign(const Island& is, bool from_end) const;
    // Clean text right after a repaired sentence end (建立 of 清理工作。建立: the damage took
    // the full stop with it) that shows ordinary Chinese and reads as rarer characters: how
    // many parts at the end that is, or 0. No margin is asked of "rarer" (做 as 暗): the repair
    // itself says a sentence ended there, and mojibake after it would show rarer characters
    // than it reads as, not commoner ones.
    std::size_t after_sentence_end(const Island& is) const;
    // Two characters at the edge that make a word (覆蓋 before Big5 read as GBK) are text, not
    // mojibake, whatever their frequencies: mojibake makes no words.
    bool word(const Island::Part& a, const Island::Part& b) const;
    static void cut_first(Island& is);
    static void cut_last(Island& is);

    const CharFrequency& frequency_;
    const WordPairs& words_;
    std::u32string_view text_;
    bool preferred_;
    double min_gain_;
    double typical_;
};

}  // namespace gongwen::encoding_fix
