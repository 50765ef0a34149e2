#include "plain_run_avx2.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define GONGWEN_AVX2_SCAN 1
#endif

namespace gongwen::encoding_fix {

#if defined(GONGWEN_AVX2_SCAN)

// Only the functions that carry it may use AVX2: the rest of the plugin, inline functions from
// headers included, stays baseline code that runs everywhere.
#define GONGWEN_AVX2 __attribute__((target("avx2,bmi,bmi2,popcnt")))

namespace {

// For each mask of the lead bytes among eight positions, the byte shuffle that moves the
// sixteen-bit code points of those positions (the first four) to the front, in order, each
// widened to 32 bits.
struct Compaction {
    alignas(16) std::uint8_t shuffle[256][16];
    constexpr Compaction() : shuffle{} {
        for (int m = 0; m < 256; ++m) {
            int k = 0;
            for (int i = 0; i < 8; ++i)
                if (m >> i & 1 && k < 4) {
                    shuffle[m][4 * k] = std::uint8_t(2 * i);
                    shuffle[m][4 * k + 1] = std::uint8_t(2 * i + 1);
                    shuffle[m][4 * k + 2] = shuffle[m][4 * k + 3] = 0x80;
                    ++k;
                }
            for (int j = 4 * k; j < 16; ++j) shuffle[m][j] = 0x80;
        }
    }
};

constexpr Compaction compaction;

GONGWEN_AVX2 inline unsigned mask_of(__m256i v) {
    return unsigned(_mm256_movemask_epi8(v));
}

GONGWEN_AVX2 inline __m256i bytes(char c) {
    return _mm256_set1_epi8(c);
}

// The shuffle for two groups of eight positions, one in each 128-bit half.
GONGWEN_AVX2 inline __m256i shuffle(unsigned low_group, unsigned high_group) {
    return _mm256_inserti128_si256(
        _mm256_castsi128_si256(
            _mm_load_si128(reinterpret_cast<const __m128i*>(compaction.shuffle[low_group]))),
        _mm_load_si128(reinterpret_cast<const __m128i*>(compaction.shuffle[high_group])), 1);
}

// Appends to `out` the code points of the three-byte characters whose lead bytes are in
// `leads` (of the window's 32 positions; `low` holds the low four bits of its bytes, `x1` and
// `x2` its bytes from one and two on), in order; returns how many. Eight positions hold at most
// three characters, so each group of eight is written as four 32-bit lanes and `out` advances by
// its count: `out` needs room for one more lane than the count. (32 bits, not 16: the lookups then
// take one instruction less each.)
GONGWEN_AVX2 inline unsigned append_code_points(__m256i low, __m256i x1, __m256i x2, unsigned leads,
                                                std::uint32_t* out) {
    const __m256i zero = _mm256_setzero_si256();
    const __m256i b0 = low;
    const __m256i b1 = _mm256_and_si256(x1, bytes(0x3F));
    const __m256i b2 = _mm256_and_si256(x2, bytes(0x3F));
    // AVX2 unpacks within 128-bit halves: `lo` holds positions 0-7 and 16-23, `hi` 8-15 and
    // 24-31.
    const __m256i lo = _mm256_shuffle_epi8(
        _mm256_or_si256(_mm256_or_si256(_mm256_slli_epi16(_mm256_unpacklo_epi8(b0, zero), 12),
                                        _mm256_slli_epi16(_mm256_unpacklo_epi8(b1, zero), 6)),
                        _mm256_unpacklo_epi8(b2, zero)),
        shuffle(leads & 0xFF, leads >> 16 & 0xFF));
    const __m256i hi = _mm256_shuffle_epi8(
        _mm256_or_si256(_mm256_or_si256(_mm256_slli_epi16(_mm256_unpackhi_epi8(b0, zero), 12),
                                        _mm256_slli_epi16(_mm256_unpackhi_epi8(b1, zero), 6)),
                        _mm256_unpackhi_epi8(b2, zero)),
        shuffle(leads >> 8 & 0xFF, leads >> 24));
    unsigned n = 0;
    const auto put = [&](__m128i group, unsigned group_leads) GONGWEN_AVX2 {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + n), group);
        n += unsigned(__builtin_popcount(group_leads));
    };
    put(_mm256_castsi256_si128(lo), leads & 0xFF);
    put(_mm256_castsi256_si128(hi), leads >> 8 & 0xFF);
    put(_mm256_extracti128_si256(lo, 1), leads >> 16 & 0xFF);
    put(_mm256_extracti128_si256(hi, 1), leads >> 24);
    return n;
}

// Where in `cp` (n code points) the first one that stops a run is (`stops`:
// DamageSigns::three_byte_stops()), or n.
inline std::size_t first_stop(const std::uint32_t* cp, std::size_t n, const std::uint8_t* stops) {
    std::size_t k = 0;
    // Eight at a time without a branch between them: clean text has no stop at all.
    for (; k + 8 <= n; k += 8) {
        unsigned any = 0;
        for (std::size_t j = k; j < k + 8; ++j) any |= stops[cp[j]];
        if (any) break;
    }
    for (; k < n; ++k)
        if (stops[cp[k]]) break;
    return k;
}

// Which bytes stop a run, by their two halves (as simdjson classifies UTF-8): a byte stops it
// where the entries of its high and of its low four bits share a bit. Controls (00-1F, but LF
// where runs cross lines), '?' (3F), DEL (7F), the first bytes of two- and four-byte
// characters (C0-DF, F0-FF: rare in these reports, the slow path takes them).
namespace byte_class {
constexpr std::uint8_t any_low = 1;   // a high half whose every byte stops: 1, C, D, F
constexpr std::uint8_t control = 2;   // high half 0: every byte but LF, where runs cross lines
constexpr std::uint8_t low_is_f = 4;  // high half 3 or 7: only 3F and 7F
using Table = std::array<std::uint8_t, 16>;
constexpr Table by_high = {control, any_low, 0, low_is_f, 0,       0,       0, low_is_f,
                           0,       0,       0, 0,        any_low, any_low, 0, any_low};
constexpr Table by_low(bool cross_lines) {
    Table t{};
    for (int low = 0; low < 16; ++low)
        t[std::size_t(low)] = std::uint8_t(any_low | (low == '\n' && cross_lines ? 0 : control) |
                                           (low == 0xF ? low_is_f : 0));
    return t;
}
constexpr Table by_low_within_line = by_low(false), by_low_across_lines = by_low(true);
}  // namespace byte_class

// A table of sixteen in both 128-bit halves, as the byte shuffle looks it up.
GONGWEN_AVX2 inline __m256i both_halves(const byte_class::Table& table) {
    return _mm256_broadcastsi128_si256(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(table.data())));
}

}  // namespace

bool avx2_scan_available() {
    static const bool available = [] {
        __builtin_cpu_init();
        const char* off = std::getenv("GONGWEN_NO_AVX2");
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2") &&
               !(off && *off && std::strcmp(off, "0") != 0);
    }();
    return available;
}

namespace {

// As plain_run.cpp's whole_windows, which explains the stride and the carry; the stops are
// the same byte classes. In two passes over chunks of windows: the first checks the bytes and
// collects the code points of the characters, the second looks them up. Looked up window by
// window, each window's lookups waited on its own bytes and shuffles, and the processor could
// not get far enough ahead to hide that; a run of lookups in a row goes at the speed of the
// loads.
// Without `LookUp` the caller vouches for the three-byte characters (null `stops`): they are
// counted, not looked up.
template <bool CrossLines, bool LookUp>
GONGWEN_AVX2 const unsigned char* stride(const unsigned char* origin, const unsigned char* p,
                                         const unsigned char* end, const std::uint8_t* stops,
                                         PlainRun& run) {
    // Chunks grow from two windows to 32 while they are plain: the first pass works through a
    // whole chunk before the second can find a stop in it, which costs short runs (lines with
    // rare characters, Traditional text) more than the passes save.
    constexpr int max_chunk = 32;  // windows
    int chunk = 2;
    alignas(32) std::uint32_t cp[max_chunk * 12 + 4];
    // What the first pass saw up to the end of each window of the chunk, so that the second
    // adds the plain windows up without going through them again.
    struct Seen {
        unsigned cp_end;   // its characters end there in `cp` (one for each above ASCII)
        unsigned carry;    // continuation bytes it owes the next window
        unsigned lines;    // line feeds in the chunk so far
        std::size_t line;  // where the line after the last of them starts (run.line_start)
    } seen[max_chunk];
    std::uint64_t carry = 0;  // continuation bytes at the window's start owed to the last one
    const unsigned char* const start = p;
    std::size_t wide = 0;
    const __m256i low_classes =
        both_halves(CrossLines ? byte_class::by_low_across_lines : byte_class::by_low_within_line);
    const __m256i high_classes = both_halves(byte_class::by_high);
    for (;;) {
        int windows = 0;
        unsigned n = 0;
        std::uint64_t owed_in = carry;
        unsigned lines = 0;
        std::size_t line = 0;
        for (const unsigned char* q = p; windows < chunk && end - q >= 34; ++windows, q += 32) {
            const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q));
            const __m256i x1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q + 1));
            const __m256i x2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q + 2));
            const __m256i low = _mm256_and_si256(x, bytes(0x0F));
            const __m256i high = _mm256_and_si256(_mm256_srli_epi16(x, 4), bytes(0x0F));
            const unsigned plain =
                mask_of(_mm256_cmpeq_epi8(_mm256_and_si256(_mm256_shuffle_epi8(low_classes, low),
                                                           _mm256_shuffle_epi8(high_classes, high)),
                                          _mm256_setzero_si256()));
            const unsigned leads = mask_of(_mm256_cmpeq_epi8(high, bytes(0x0E)));
            // 80-BF, as signed bytes below C0.
            const unsigned tails = mask_of(_mm256_cmpgt_epi8(bytes(char(0xC0)), x));
            const std::uint64_t owed =
                std::uint64_t(leads) << 1 | std::uint64_t(leads) << 2 | owed_in;
            if (~plain != 0 || tails != std::uint32_t(owed)) break;
            if constexpr (LookUp)
                n += append_code_points(low, x1, x2, leads, cp + n);
            else
                n += unsigned(__builtin_popcount(leads));
            owed_in = owed >> 32;
            if constexpr (CrossLines) {
                // Without a branch: whether a window holds a line feed is anyone's guess.
                const unsigned lf = mask_of(_mm256_cmpeq_epi8(x, bytes('\n')));
                lines += unsigned(__builtin_popcount(lf));
                const std::size_t after_last =
                    std::size_t(q - origin) + 32 - unsigned(__builtin_clz(lf | 1));
                line = lf ? after_last : line;
            }
            seen[windows] = {n, unsigned(owed_in), lines, line};
        }
        // The windows before the one that holds the first character that stops a run are
        // plain: all of them, in clean text.
        const std::size_t first = LookUp ? first_stop(cp, n, stops) : n;
        int plain = windows;
        if (first < n) {
            plain = 0;
            while (seen[plain].cp_end <= first) ++plain;
        }
        if (plain) {
            const Seen& last = seen[plain - 1];
            wide += last.cp_end;
            carry = last.carry;
            if (last.lines) {
                run.lines += last.lines;
                run.line_start = last.line;
            }
        }
        p += std::size_t(plain) * 32;
        if (plain < chunk) break;
        chunk = std::min(2 * chunk, max_chunk);
    }
    return end_stride(start, p, unsigned(carry), wide, run);
}

}  // namespace

const unsigned char* whole_windows_avx2(const unsigned char* origin, const unsigned char* p,
                                        const unsigned char* end, const std::uint8_t* stops,
                                        bool cross_lines, PlainRun& run) {
    if (!stops)
        return cross_lines ? stride<true, false>(origin, p, end, stops, run)
                           : stride<false, false>(origin, p, end, stops, run);
    return cross_lines ? stride<true, true>(origin, p, end, stops, run)
                       : stride<false, true>(origin, p, end, stops, run);
}

#else

bool avx2_scan_available() {
    return false;
}

const unsigned char* whole_windows_avx2(const unsigned char*, const unsigned char* p,
                                        const unsigned char*, const std::uint8_t*, bool,
                                        PlainRun&) {
    return p;
}

#endif

}  // namespace gongwen::encoding_fix
