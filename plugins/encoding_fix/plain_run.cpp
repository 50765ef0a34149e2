#include "plain_run.hpp"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "damage_signs.hpp"

namespace gongwen::encoding_fix {

#if defined(__SSE2__)

namespace {

unsigned low_bits(unsigned n) {
    return n >= 32 ? ~0u : (1u << n) - 1;
}

// Of a sixteen-bit mask, without a loop (whose exit would be mispredicted) and without the
// POPCNT instruction, which the x86-64 baseline lacks.
unsigned bit_count(unsigned m) {
    m = m - (m >> 1 & 0x5555);
    m = (m & 0x3333) + (m >> 2 & 0x3333);
    m = (m + (m >> 4)) & 0x0F0F;
    return (m + (m >> 8)) & 0x1F;
}

unsigned mask_of(__m128i v) {
    return unsigned(_mm_movemask_epi8(v));
}

// The first of the three-byte characters starting at `leads` (at most five fit in sixteen
// bytes) that carries a sign, or 16. No branch depends on how many there are.
unsigned first_signed(__m128i x, unsigned leads, const std::uint64_t* signs) {
    const __m128i zero = _mm_setzero_si128();
    const __m128i b0 = _mm_and_si128(x, _mm_set1_epi8(0x0F));
    const __m128i b1 = _mm_and_si128(_mm_srli_si128(x, 1), _mm_set1_epi8(0x3F));
    const __m128i b2 = _mm_and_si128(_mm_srli_si128(x, 2), _mm_set1_epi8(0x3F));
    alignas(16) std::uint16_t word[16];
    alignas(16) std::uint8_t bit[16];
    _mm_store_si128(
        reinterpret_cast<__m128i*>(word),
        _mm_or_si128(_mm_slli_epi16(_mm_unpacklo_epi8(b0, zero), 6), _mm_unpacklo_epi8(b1, zero)));
    _mm_store_si128(
        reinterpret_cast<__m128i*>(word + 8),
        _mm_or_si128(_mm_slli_epi16(_mm_unpackhi_epi8(b0, zero), 6), _mm_unpackhi_epi8(b1, zero)));
    _mm_store_si128(reinterpret_cast<__m128i*>(bit), b2);
    unsigned first = 16;
    for (int k = 0; k < 5; ++k) {
        const unsigned i = unsigned(__builtin_ctz(leads | 1u << 15));  // 15: none left
        const bool sign = (i < 15) & (signs[word[i]] >> bit[i] & 1);
        first = sign && first == 16 ? i : first;
        leads &= leads - 1;
    }
    return first;
}

// Bytes [0, n) of a window whose three-byte characters start at `leads`, added to `run`.
void take(PlainRun& run, const unsigned char* p, unsigned n, unsigned leads) {
    const unsigned wide = bit_count(leads & low_bits(n));
    run.bytes += n;
    run.multibyte += wide;
    run.code_points += n - 2 * wide;
    run.ends_wide = p[n - 1] >= 0x80;
}

}  // namespace

PlainRun plain_run(const unsigned char* p, const unsigned char* end, const std::uint64_t* signs) {
    PlainRun run;
    const __m128i space = _mm_set1_epi8(0x20), question = _mm_set1_epi8('?'),
                  del = _mm_set1_epi8(0x7F), top2 = _mm_set1_epi8(char(0xC0)),
                  top3 = _mm_set1_epi8(char(0xE0)), top4 = _mm_set1_epi8(char(0xF0)),
                  continuation = _mm_set1_epi8(char(0x80)), lead3 = _mm_set1_epi8(char(0xE0));
    // Four bytes more than a window: the lookups read four bytes at up to sixteen.
    while (end - p >= 20) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const unsigned high = mask_of(x);
        // Controls (and with them tab, CR and LF, which end or change a line), '?' and DEL.
        const unsigned ascii_stop =
            mask_of(_mm_or_si128(_mm_cmplt_epi8(x, space), _mm_or_si128(_mm_cmpeq_epi8(x, question),
                                                                        _mm_cmpeq_epi8(x, del)))) &
            ~high;
        unsigned leads = mask_of(_mm_cmpeq_epi8(_mm_and_si128(x, top4), lead3));
        const unsigned tails = mask_of(_mm_cmpeq_epi8(_mm_and_si128(x, top2), continuation));
        // E0 80-9F: an overlong form of a character below U+0800.
        const unsigned overlong =
            mask_of(_mm_cmpeq_epi8(x, lead3)) &
            mask_of(_mm_cmpeq_epi8(_mm_and_si128(x, top3), continuation)) >> 1;
        // Two- and four-byte characters are rare in these reports: they take the slow path.
        const unsigned stop = ascii_stop | (high & ~leads & ~tails) | overlong;
        unsigned limit = stop ? unsigned(__builtin_ctz(stop)) : 16;
        const bool blocked = limit < 16;
        // Up to the first stop, every continuation byte must follow its lead, and nothing else
        // may (a lead whose tail the window cuts off is checked as far as it goes).
        leads &= low_bits(limit);
        if ((tails & low_bits(limit)) != ((leads << 1 | leads << 2) & low_bits(limit))) break;
        // A character that does not end inside the window waits for the next one.
        if (const unsigned late = leads & ~low_bits(limit >= 2 ? limit - 2 : 0)) {
            limit = unsigned(__builtin_ctz(late));
            leads &= low_bits(limit);
        }
        if (limit == 0) break;
        // Where the window ends does not wait for the lookups: a sign is rare, and the branch
        // that finds one is predicted not taken, so the next window starts at once.
        if (const unsigned sign = first_signed(x, leads, signs); sign < limit) {
            if (sign) take(run, p, sign, leads);
            return run;
        }
        take(run, p, limit, leads);
        p += limit;
        if (blocked) break;
    }
    return run;
}

#else

PlainRun plain_run(const unsigned char*, const unsigned char*, const std::uint64_t*) {
    return {};
}

#endif

}  // namespace gongwen::encoding_fix
