// An island: a stretch of a line where a reinterpret rule's reading differs from what the text
// shows (MojibakeRepairer::reinterpret), holes that lost bytes included, with what it would
// become.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "char_frequency.hpp"

namespace gongwen::encoding_fix {

struct Island {
    std::size_t start = 0, end = 0;  // code points into the searched text
    std::u32string fixed;
    Tally before, after;   // what it scores now (but its holes), and as `fixed`
    bool invalid = false;  // its bytes read as something no text holds (controls, private use)
    std::size_t lost = 0;  // characters of `fixed` that mark a lost one (U+FFFD)
    std::size_t odd = 0;   // odd characters (CharFrequency::odd) in it now
    // Its pieces in order: where each starts in the text and in `fixed`, what it reads as, and
    // whether it holds a loss (a hole, or a character a hole cut).
    struct Part {
        std::size_t start = 0, end = 0, fixed_from = 0;
        Tally after;
        bool loss = false;
    };
    std::vector<Part> parts;
};

}  // namespace gongwen::encoding_fix
