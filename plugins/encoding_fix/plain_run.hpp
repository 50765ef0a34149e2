// How far clean text goes on before anything needs a look, sixteen bytes at a time. Plain
// means printable ASCII but '?', and complete three-byte UTF-8 characters that sign nothing
// (DamageSigns): the bulk of a Chinese report, where words and numbers change every few
// characters, so a scan that goes character by character and switches between an ASCII and a
// Han loop pays a mispredicted branch at every switch.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gongwen::encoding_fix {

struct PlainRun {
    std::size_t bytes = 0;
    std::size_t code_points = 0;
    std::size_t multibyte = 0;  // code points outside ASCII
    bool ends_wide = false;     // its last character is not ASCII
    // Line feeds inside the run (only with `cross_lines`), where the line after the last of
    // them starts (bytes into the run) and how many code points of the run are in the line it
    // ends in.
    std::size_t lines = 0;
    std::size_t line_start = 0;
    std::size_t line_code_points = 0;
};

// Where fewer bytes than this are left before the end, a run is empty: the window it would
// read (sixteen bytes, and the same from one and two bytes on) does not fit, and a caller may
// skip the call.
inline constexpr std::ptrdiff_t plain_run_tail = 20;

// From `p`, which must be at a character boundary, up to `end`; `stops` is
// DamageSigns::three_byte_stops(), or null where the caller vouches that every three-byte
// character in [p, end) is valid and plain (a decoder checked them: UncheckedSpans). The run stops
// before the first byte that is not plain, and where fewer than plain_run_tail bytes are left (the
// caller looks at those one by one); a run from where one ended is empty, so the caller need not
// ask again there. With `cross_lines` a line feed is plain too, so that a run can go through many
// quiet lines. Invalid UTF-8 is never part of a run. Whole windows go thirty-two bytes at a time
// where the processor has AVX2 (plain_run_avx2.hpp), else sixteen; without SSE2 the run is always
// empty.
PlainRun plain_run(const unsigned char* p, const unsigned char* end, const std::uint8_t* stops,
                   bool cross_lines);

// The same with the stride chosen, for the tests that hold the two to the same result.
enum class Stride { sse2, avx2 };
PlainRun plain_run(const unsigned char* p, const unsigned char* end, const std::uint8_t* stops,
                   bool cross_lines, Stride stride);

// How many bytes from `p` the stride's whole windows take on their own, before plain_run reads
// the window where they stopped byte by byte. For the tests: a stride that stopped at every
// window would give the same runs, only slower.
std::size_t whole_window_bytes(const unsigned char* p, const unsigned char* end,
                               const std::uint8_t* stops, bool cross_lines, Stride stride);

}  // namespace gongwen::encoding_fix
