// What a double-byte charset makes of a line read one byte out of step, for the realigner's
// probes (MojibakeRepairer::probe_realigned): the first characters of a candidate stretch, as
// the charset's two-byte forms, read from their second byte on.
//
// A line of clean text with rare characters in it gets up to a dozen probes per pair of them,
// one per possible start, and each reads nearly the same bytes as its neighbour. Read through
// the converter, every probe looked up each character's bytes, the character each pair of
// bytes makes and its score afresh; that was most of what such lines cost. Here the part of
// the line the probes cover is read once, both ways (each character's own two bytes, and its
// second byte with the next one's first), with running sums of the scores, and a probe is a
// few subtractions.
//
// The reading is the pair table's own (PairTable::walk): out of step until a second byte that
// is a character on its own (ASCII), in step after it. Wherever the table would hand over to
// ICU, or a character has no two-byte form, read() gives nothing and the caller reads the
// probe through the charset, so the outcome is always the converter's. The scores are floats
// (log shares, all below -4 in data/char_frequency.tsv), so sums of a line's worth of them in
// double are exact, in whatever order they are added.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "char_frequency.hpp"
#include "charset.hpp"

namespace gongwen::encoding_fix {

class OutOfStepReading {
  public:
    // Forgets the last line; the next probes are into `text` [from, to).
    void start_line(std::u32string_view text, std::size_t from, std::size_t to);

    struct Probe {
        Tally after;          // score_either() of what it reads as, but the last character
        bool flawed = false;  // it reads as a broken sequence or a control character
    };
    // `shown` is what the stretch shows from position `s` of the text on (folded punctuation
    // widened), all of it probed. Reads its bytes in `charset` from the second on, as
    // Charset::decode_traced would, and drops the last character read (the probe may cut it in
    // two).
    std::optional<Probe> read(Charset& charset, const CharFrequency& frequency, std::size_t s,
                              std::u32string_view shown);

  private:
    // Reads the line both ways over [a, b) (line positions) at least: the stretch read so far
    // grows forward as the probes go, and starts afresh where they jump ahead.
    void prepare(Charset& charset, const CharFrequency& frequency, std::size_t a, std::size_t b);
    // The first position in [a, b) where `counts` (running counts from lo_) goes up; b if none.
    std::size_t first_counted(const std::vector<std::uint32_t>& counts, std::size_t a,
                              std::size_t b) const;

    std::u32string_view text_;
    std::size_t from_ = 0, to_ = 0;
    bool usable_ = false;  // the charset has a pair table (known once a probe came)
    std::u32string wide_;  // the line, folded punctuation widened (empty until a probe came)
    // The stretch read, line positions [lo_, hi_). Per character k, running counts and sums
    // from lo_ (index k - lo_ + 1 holds them through k): characters without a two-byte form;
    // the reading out of step (k's second byte with k + 1's first) that is beyond the table,
    // or an invalid sequence, or scored, and its scores; the reading in step that is no plain
    // character of the table, or scored, and its scores; second bytes that are a character
    // on their own (the decoder falls back in step there).
    std::size_t lo_ = 0, hi_ = 0;
    std::vector<std::uint16_t> bytes_;  // [lo_, hi_ + 1): each character's two bytes or 0
    std::vector<std::uint32_t> no_pair_, out_unknown_, out_invalid_, in_unknown_, out_scored_,
        in_scored_, singles_;
    std::vector<double> out_sum_, in_sum_;
    std::u32string single_;  // [lo_, hi_): the character a second byte is on its own, or 0
};

}  // namespace gongwen::encoding_fix
