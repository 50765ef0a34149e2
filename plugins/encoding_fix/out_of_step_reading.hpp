// What a double-byte charset makes of a line read one byte out of step, for the realigner's
// probes (MojibakeRepairer::probe_realigned): the first characters of a candidate stretch, as
// the charset's two-byte forms, read from their second byte on.
//
// A line of clean text with rare characters in it gets up to a dozen probes per pair of them,
// one per possible start, and each reads mostly the same bytes as its neighbour. Read through
// the converter, every probe looked up each character's bytes, the character each pair of
// bytes makes and its score afresh, in tables of a quarter megabyte each that rare characters
// miss the cache in; that was most of what such lines cost. Here each of those lookups is made
// once per line and remembered, and a probe walks what is remembered.
//
// The walk is the pair table's own (PairTable::walk); wherever that table would hand over to
// ICU, or a character has no two-byte form, read() gives nothing and the caller reads the probe
// through the charset as before, so the outcome is always the converter's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "char_frequency.hpp"
#include "charset.hpp"
#include "pair_table.hpp"

namespace gongwen::encoding_fix {

class OutOfStepReading {
  public:
    // Forgets the last line; the next probes are into the line at [from, to) of the text.
    void start_line(std::size_t from, std::size_t to);

    struct Probe {
        Tally after;          // score_either() of what it reads as, but the last character
        bool flawed = false;  // it reads as a broken sequence or a control character
    };
    // `shown` is what the stretch shows from position `s` of the text on (the line's text with
    // folded punctuation widened), all of it probed. Reads its bytes in `charset` from the
    // second on, as Charset::decode_traced would, and drops the last character read (the
    // probe may cut it in two).
    std::optional<Probe> read(Charset& charset, const CharFrequency& frequency, std::size_t s,
                              std::u32string_view shown);

  private:
    // A character of the line as the stretch shows it, its bytes, and what the table reads
    // where a decoder in step (its two bytes) or out of step (its second byte and the next
    // character's first) stands.
    struct Slot {
        char32_t shown = 0;       // 0: not looked up yet
        std::uint16_t bytes = 0;  // first byte high; 0 when not two bytes
        char32_t in_step = PairTable::unknown;
        float in_step_score = 1.0f;  // > 0: no score
        bool out_known = false;      // out_of_step looked up (it needs the next slot's bytes)
        char32_t out_of_step = PairTable::unknown;
        float out_of_step_score = 1.0f;
    };
    // The slot of text position `at`, looked up for `shown` if it was not yet; null where the
    // table cannot tell (outside the line, not two bytes, shown otherwise before).
    Slot* slot(Charset& charset, const PairTable& table, const CharFrequency& frequency,
               std::size_t at, char32_t shown);

    std::size_t from_ = 0, length_ = 0;
    std::vector<Slot> slots_;
};

}  // namespace gongwen::encoding_fix
