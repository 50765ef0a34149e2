#include "plain_run_avx2.hpp"

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
// sixteen-bit code points of those positions to the front, in order, and zeroes the rest.
// Looking characters up lane by lane at fixed places costs fewer instructions than finding
// each lead byte's position in turn.
struct Compaction {
    alignas(16) std::uint8_t shuffle[256][16];
    constexpr Compaction() : shuffle{} {
        for (int m = 0; m < 256; ++m) {
            int k = 0;
            for (int i = 0; i < 8; ++i)
                if (m >> i & 1) {
                    shuffle[m][2 * k] = std::uint8_t(2 * i);
                    shuffle[m][2 * k + 1] = std::uint8_t(2 * i + 1);
                    ++k;
                }
            for (int j = 2 * k; j < 16; ++j) shuffle[m][j] = 0x80;
        }
    }
};

constexpr Compaction compaction;

// A three-byte code point without a sign, for the lanes that hold no character to look up;
// none when every one has a sign (then no window is plain).
bool plain_code_point(const std::uint64_t* signs, std::uint16_t& out) {
    constexpr unsigned first = 0x800 >> 6, han = 0x4E00 >> 6, last = 0x10000 >> 6;
    for (unsigned k = 0; k < last - first; ++k) {
        const unsigned w = first + (han - first + k) % (last - first);  // Han first: one step
        if (~signs[w]) {
            out = std::uint16_t(w << 6 | unsigned(__builtin_ctzll(~signs[w])));
            return true;
        }
    }
    return false;
}

GONGWEN_AVX2 inline unsigned mask_of(__m256i v) {
    return unsigned(_mm256_movemask_epi8(v));
}

GONGWEN_AVX2 inline __m256i bytes(char c) {
    return _mm256_set1_epi8(c);
}

// The sign bits of the three code points in the low 48 bits of `lanes` (bit 0 of the result).
GONGWEN_AVX2 inline std::uint64_t signs_of(std::uint64_t lanes, const std::uint64_t* signs) {
    return signs[lanes >> 6 & 0x3FF] >> (lanes & 63) |
           signs[lanes >> 22 & 0x3FF] >> (lanes >> 16 & 63) |
           signs[lanes >> 38 & 0x3FF] >> (lanes >> 32 & 63);
}

// The shuffle for two groups of eight positions, one in each 128-bit half.
GONGWEN_AVX2 inline __m256i shuffle(unsigned low_group, unsigned high_group) {
    return _mm256_inserti128_si256(
        _mm256_castsi128_si256(
            _mm_load_si128(reinterpret_cast<const __m128i*>(compaction.shuffle[low_group]))),
        _mm_load_si128(reinterpret_cast<const __m128i*>(compaction.shuffle[high_group])), 1);
}

// The code points of the three-byte characters whose lead bytes are in `leads` (of the 32
// positions), four groups of at most three in the low 48 bits of each 64-bit result:
// positions 0-7, 16-23 (`lo`) and 8-15, 24-31 (`hi`), as AVX2 unpacks within 128-bit halves.
// `cp_lo`/`cp_hi` hold every position's code point XOR `sentinel`, so that empty lanes,
// zeroed by the shuffle, become the sentinel again.
GONGWEN_AVX2 inline std::uint64_t window_signs(__m256i cp_lo, __m256i cp_hi, unsigned leads,
                                               __m256i sentinel, const std::uint64_t* signs) {
    const __m256i lo = _mm256_xor_si256(
        _mm256_shuffle_epi8(cp_lo, shuffle(leads & 0xFF, leads >> 16 & 0xFF)), sentinel);
    const __m256i hi = _mm256_xor_si256(
        _mm256_shuffle_epi8(cp_hi, shuffle(leads >> 8 & 0xFF, leads >> 24)), sentinel);
    return signs_of(std::uint64_t(_mm_cvtsi128_si64(_mm256_castsi256_si128(lo))), signs) |
           signs_of(std::uint64_t(_mm_cvtsi128_si64(_mm256_extracti128_si256(lo, 1))), signs) |
           signs_of(std::uint64_t(_mm_cvtsi128_si64(_mm256_castsi256_si128(hi))), signs) |
           signs_of(std::uint64_t(_mm_cvtsi128_si64(_mm256_extracti128_si256(hi, 1))), signs);
}

// The sixteen-bit code point each position would start, XOR `sentinel`: `lo` and `hi` as in
// window_signs.
GONGWEN_AVX2 inline void code_points(__m256i x, __m256i x1, __m256i x2, __m256i sentinel,
                                     __m256i& lo, __m256i& hi) {
    const __m256i zero = _mm256_setzero_si256();
    const __m256i b0 = _mm256_and_si256(x, bytes(0x0F));
    const __m256i b1 = _mm256_and_si256(x1, bytes(0x3F));
    const __m256i b2 = _mm256_and_si256(x2, bytes(0x3F));
    lo = _mm256_or_si256(_mm256_or_si256(_mm256_slli_epi16(_mm256_unpacklo_epi8(b0, zero), 12),
                                         _mm256_slli_epi16(_mm256_unpacklo_epi8(b1, zero), 6)),
                         _mm256_unpacklo_epi8(b2, zero));
    hi = _mm256_or_si256(_mm256_or_si256(_mm256_slli_epi16(_mm256_unpackhi_epi8(b0, zero), 12),
                                         _mm256_slli_epi16(_mm256_unpackhi_epi8(b1, zero), 6)),
                         _mm256_unpackhi_epi8(b2, zero));
    lo = _mm256_xor_si256(lo, sentinel);
    hi = _mm256_xor_si256(hi, sentinel);
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
// the same byte classes.
GONGWEN_AVX2 const unsigned char* stride(const unsigned char* origin, const unsigned char* p,
                                         const unsigned char* end, const std::uint64_t* signs,
                                         bool cross_lines, PlainRun& run) {
    std::uint16_t plain_cp;
    if (!plain_code_point(signs, plain_cp)) return p;
    const __m256i sentinel = _mm256_set1_epi16(short(plain_cp));
    std::uint64_t carry = 0;  // continuation bytes at the window's start owed to the last one
    const unsigned char* const start = p;
    std::size_t wide = 0;
    for (; end - p >= 34; p += 32) {
        const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        const __m256i x1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 1));
        const __m256i x2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 2));
        const unsigned high = mask_of(x);
        const unsigned leads =
            mask_of(_mm256_cmpeq_epi8(_mm256_and_si256(x, bytes(char(0xF0))), bytes(char(0xE0))));
        const unsigned tails =
            mask_of(_mm256_cmpeq_epi8(_mm256_and_si256(x, bytes(char(0xC0))), bytes(char(0x80))));
        const unsigned line_feeds = mask_of(_mm256_cmpeq_epi8(x, bytes('\n')));
        const unsigned ascii =
            mask_of(_mm256_or_si256(_mm256_cmpgt_epi8(bytes(0x20), x),
                                    _mm256_or_si256(_mm256_cmpeq_epi8(x, bytes('?')),
                                                    _mm256_cmpeq_epi8(x, bytes(0x7F))))) &
            ~high & ~(cross_lines ? line_feeds : 0u);
        const unsigned overlong =
            mask_of(_mm256_cmpeq_epi8(x, bytes(char(0xE0)))) &
            mask_of(_mm256_cmpeq_epi8(_mm256_and_si256(x1, bytes(char(0xE0))), bytes(char(0x80))));
        const unsigned stops = ascii | (high & ~leads & ~tails) | overlong;
        const std::uint64_t owed = std::uint64_t(leads) << 1 | std::uint64_t(leads) << 2 | carry;
        __m256i cp_lo, cp_hi;
        code_points(x, x1, x2, sentinel, cp_lo, cp_hi);
        const std::uint64_t signed_bits = window_signs(cp_lo, cp_hi, leads, sentinel, signs);
        if (stops != 0 || tails != std::uint32_t(owed) || (signed_bits & 1)) break;
        if (line_feeds) {
            run.lines += unsigned(__builtin_popcount(line_feeds));
            run.line_start = std::size_t(p - origin) + 32 - unsigned(__builtin_clz(line_feeds));
        }
        wide += unsigned(__builtin_popcount(leads));
        carry = owed >> 32;
    }
    return end_stride(start, p, unsigned(carry), wide, run);
}

}  // namespace

const unsigned char* whole_windows_avx2(const unsigned char* origin, const unsigned char* p,
                                        const unsigned char* end, const std::uint64_t* signs,
                                        bool cross_lines, PlainRun& run) {
    return stride(origin, p, end, signs, cross_lines, run);
}

#else

bool avx2_scan_available() {
    return false;
}

const unsigned char* whole_windows_avx2(const unsigned char*, const unsigned char* p,
                                        const unsigned char*, const std::uint64_t*, bool,
                                        PlainRun&) {
    return p;
}

#endif

}  // namespace gongwen::encoding_fix
