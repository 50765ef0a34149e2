// The stride of plain_run over whole windows, thirty-two bytes at a time with AVX2, for the
// processors that have it (nearly every x86-64 server since 2013). The build targets the
// x86-64 baseline, so this code is compiled for AVX2 on its own and chosen when the program
// starts; GONGWEN_NO_AVX2=1 in the environment keeps the SSE2 stride (the tests run both).
#pragma once

#include <cstddef>
#include <cstdint>

#include "plain_run.hpp"

namespace gongwen::encoding_fix {

// Whether the processor has AVX2 and BMI2 and GONGWEN_NO_AVX2 is not set.
bool avx2_scan_available();

// Adds to `run` the whole windows from `p` (at a character boundary) that are plain from end
// to end, `origin` being where the run started, and returns where they stop: at a character
// boundary, where a window is not wholly plain or fewer than 34 bytes are left. Call only
// where avx2_scan_available().
const unsigned char* whole_windows_avx2(const unsigned char* origin, const unsigned char* p,
                                        const unsigned char* end, const std::uint8_t* stops,
                                        bool cross_lines, PlainRun& run);

// Where a stride of whole windows that started at `start` stopped, at `p`: steps back to the
// start of the character that reaches into the window there (`carry`: the continuation bytes
// it has in that window, as bits 0-1) and adds the stride, with its `wide` characters above
// ASCII (all of three bytes), to `run`. Shared by both strides; returns where the run goes on.
const unsigned char* end_stride(const unsigned char* start, const unsigned char* p, unsigned carry,
                                std::size_t wide, PlainRun& run);

}  // namespace gongwen::encoding_fix
