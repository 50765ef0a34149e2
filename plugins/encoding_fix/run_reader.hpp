// A run of a line read again through a reinterpret rule (MojibakeRepairer::reinterpret): the
// characters the charset the text was wrongly shown in (`shown`) has bytes for, cut into pieces
// by holes (U+FFFD, '?'), each piece's bytes read in the right charset (`real`), and the
// islands where that reading differs from what the text shows, holes that lost bytes included.
// Whether an island is a repair is for the repairer to decide.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "char_frequency.hpp"
#include "charset.hpp"
#include "island.hpp"

namespace gongwen::encoding_fix {

// What a lost byte leaves in the text: U+FFFD, or a '?' from an encoder that could not write it.
inline bool is_hole(char32_t c) {
    return c == 0xFFFD || c == '?';
}

// A character of the right reading: where its bytes start, whether they were not a valid
// character, or were cut by a neighbouring hole (the character is lost, not invalid).
struct Read {
    char32_t c = 0;
    std::size_t start = 0;
    bool broken = false;
    bool lost = false;
};

// `bytes` read in `charset`, each character's start moved by `offset`.
std::vector<Read> read_traced(Charset& charset, std::string_view bytes, std::size_t offset);
std::size_t broken_count(const std::vector<Read>& r);

class RunReader {
  public:
    RunReader(Charset& shown, Charset& real, const CharFrequency& frequency);

    struct Run {
        std::vector<Island> islands;  // `before` and `odd` not yet weighed
        std::size_t end = 0;          // where the run ends
        bool ended = false;           // a character `shown` has no bytes for ends it (at `end`)
    };
    // The run from `from` up to `to` or the first character `shown` has no bytes for.
    Run read(std::u32string_view text, std::size_t from, std::size_t to) const;

  private:
    struct Piece;
    using Holes = std::vector<std::pair<std::size_t, std::size_t>>;
    // Cuts the run into pieces, with the holes before each (and after the last); reads them.
    std::vector<Piece> cut(std::u32string_view text, std::size_t from, std::size_t to, Holes& holes,
                           Run& run) const;
    void read_piece(Piece& p, bool hole_before, bool hole_after) const;
    // Adds to `islands` the segments of `p` that read otherwise than the text shows them;
    // `open`: whether the last island may still grow.
    void compare(std::u32string_view text, const Piece& p, std::vector<Island>& islands,
                 bool& open) const;

    Charset& shown_;
    Charset& real_;
    const CharFrequency& frequency_;
    bool utf8_real_;
    bool pairs_shown_;  // `shown` writes characters in pairs of bytes (and `real` is not UTF-8)
};

}  // namespace gongwen::encoding_fix
