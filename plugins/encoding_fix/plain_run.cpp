#include "plain_run.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "plain_run_avx2.hpp"

namespace gongwen::encoding_fix {

const unsigned char* end_stride(const unsigned char* start, const unsigned char* p, unsigned carry,
                                std::size_t wide, PlainRun& run) {
    if (carry) {
        p -= carry == 3 ? 1 : 2;
        --wide;
    }
    const std::size_t bytes = std::size_t(p - start);
    run.bytes += bytes;
    run.multibyte += wide;
    run.code_points += bytes - 2 * wide;  // every character above ASCII here is three bytes
    return p;
}

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

// The first of the three-byte characters starting at `leads` that stops a run (`stops`:
// DamageSigns::three_byte_stops()), or 16. `x` holds the window's bytes, `x1` and `x2` the same
// from one and two bytes on. At most `Slots` characters start in the window: five when it ends
// at a character boundary, six when the last one reaches past it. No branch depends on how many
// there are.
template <int Slots>
unsigned first_stop(__m128i x, __m128i x1, __m128i x2, unsigned leads, const std::uint8_t* stops) {
    const __m128i zero = _mm_setzero_si128();
    const __m128i b0 = _mm_and_si128(x, _mm_set1_epi8(0x0F));
    const __m128i b1 = _mm_and_si128(x1, _mm_set1_epi8(0x3F));
    const __m128i b2 = _mm_and_si128(x2, _mm_set1_epi8(0x3F));
    // The code point each byte would start, as sixteen bits.
    const auto code_points = [&](__m128i u0, __m128i u1, __m128i u2) {
        return _mm_or_si128(_mm_or_si128(_mm_slli_epi16(u0, 12), _mm_slli_epi16(u1, 6)), u2);
    };
    alignas(16) std::uint16_t cp[17];
    _mm_store_si128(reinterpret_cast<__m128i*>(cp),
                    code_points(_mm_unpacklo_epi8(b0, zero), _mm_unpacklo_epi8(b1, zero),
                                _mm_unpacklo_epi8(b2, zero)));
    _mm_store_si128(reinterpret_cast<__m128i*>(cp + 8),
                    code_points(_mm_unpackhi_epi8(b0, zero), _mm_unpackhi_epi8(b1, zero),
                                _mm_unpackhi_epi8(b2, zero)));
    cp[16] = 0;  // where the slots without a character look
    unsigned first = 16;
    for (int k = 0; k < Slots; ++k) {
        const unsigned i = unsigned(__builtin_ctz(leads | 1u << 16));  // 16: none left
        const bool stop = (i < 16) & (stops[cp[i]] != 0);
        first = stop && first == 16 ? i : first;
        leads &= leads - 1;
    }
    return first;
}

// What one window shows, byte by byte (bit i for byte i).
struct Window {
    __m128i x, x1, x2;  // the bytes from the window's start, and from one and two bytes on
    unsigned leads;     // first bytes of three-byte characters
    unsigned tails;     // continuation bytes
    unsigned line_feeds;
    unsigned stops;  // where no run goes on: see below
};

// Reads the window at `p` (plain_run_tail bytes must be readable). A run stops at controls (tab and
// CR among them: they change a line; LF too unless the run may cross lines), '?', DEL, the first
// bytes of two- and four-byte characters (rare in these reports: the slow path takes them) and
// bytes no UTF-8 has. Overlong three-byte forms and surrogates stop it through the table of
// first_stop.
Window read_window(const unsigned char* p, bool cross_lines) {
    Window w;
    w.x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    w.x1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
    w.x2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2));
    const __m128i continuation = _mm_set1_epi8(char(0x80)), lead3 = _mm_set1_epi8(char(0xE0));
    const unsigned high = mask_of(w.x);  // bytes above ASCII
    w.leads = mask_of(_mm_cmpeq_epi8(_mm_and_si128(w.x, _mm_set1_epi8(char(0xF0))), lead3));
    w.tails = mask_of(_mm_cmpeq_epi8(_mm_and_si128(w.x, _mm_set1_epi8(char(0xC0))), continuation));
    w.line_feeds = mask_of(_mm_cmpeq_epi8(w.x, _mm_set1_epi8('\n')));
    const unsigned ascii =
        mask_of(_mm_or_si128(_mm_cmplt_epi8(w.x, _mm_set1_epi8(0x20)),
                             _mm_or_si128(_mm_cmpeq_epi8(w.x, _mm_set1_epi8('?')),
                                          _mm_cmpeq_epi8(w.x, _mm_set1_epi8(0x7F))))) &
        ~high & ~(cross_lines ? w.line_feeds : 0u);
    w.stops = ascii | (high & ~w.leads & ~w.tails);
    return w;
}

// Counts the line feeds `lf` of a window `offset` bytes into the run; the line after the last
// of them starts the run's last line.
void count_line_feeds(PlainRun& run, std::size_t offset, unsigned lf) {
    if (!lf) return;
    run.lines += bit_count(lf);
    run.line_start = offset + 32 - unsigned(__builtin_clz(lf));
}

// How many characters start in [q, end): its bytes but continuation bytes, sixteen at a time
// (after a run that crossed lines, the rest of the last line; in text with many stops, such as
// Traditional Chinese, that is a good share of what the scan reads).
std::size_t code_points(const unsigned char* q, const unsigned char* end) {
    std::size_t n = 0;
    for (; end - q >= 16; q += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
        n += 16 - bit_count(mask_of(_mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8(char(0xC0))),
                                                   _mm_set1_epi8(char(0x80)))));
    }
    for (; q < end; ++q) n += (*q & 0xC0) != 0x80;
    return n;
}

// Adds bytes [0, n) of the window at `p` to `run`; `origin` is where the run started.
void take(PlainRun& run, const unsigned char* origin, const unsigned char* p, const Window& w,
          unsigned n, unsigned wide) {
    count_line_feeds(run, std::size_t(p - origin), w.line_feeds & low_bits(n));
    run.bytes += n;
    run.multibyte += wide;
    run.code_points += n - 2 * wide;
}

// Whole windows at a fixed stride, while each is plain from end to end; a character may reach
// from one window into the next. Where the next window starts does not depend on anything
// but the stride, so the processor runs windows ahead while it checks the ones before.
// Returns where it stopped, always at a character boundary; the window there is left for the
// careful loop, which finds how much of it is plain.
const unsigned char* whole_windows(const unsigned char* origin, const unsigned char* p,
                                   const unsigned char* end, const std::uint8_t* stops,
                                   bool cross_lines, PlainRun& run) {
    unsigned carry = 0;  // continuation bytes at the window's start owed to the last window
    const unsigned char* const start = p;
    std::size_t wide = 0;
    for (; end - p >= plain_run_tail; p += 16) {
        const Window w = read_window(p, cross_lines);
        const unsigned owed = w.leads << 1 | w.leads << 2 | carry;
        if (w.stops != 0 || w.tails != (owed & 0xFFFF) ||
            (stops && first_stop<6>(w.x, w.x1, w.x2, w.leads, stops) < 16))
            break;
        count_line_feeds(run, std::size_t(p - origin), w.line_feeds);
        wide += bit_count(w.leads);
        carry = owed >> 16;
    }
    return end_stride(start, p, carry, wide, run);
}

}  // namespace

PlainRun plain_run(const unsigned char* p, const unsigned char* end, const std::uint8_t* stops,
                   bool cross_lines) {
    return plain_run(p, end, stops, cross_lines,
                     avx2_scan_available() ? Stride::avx2 : Stride::sse2);
}

namespace {

const unsigned char* stride_over(const unsigned char* origin, const unsigned char* p,
                                 const unsigned char* end, const std::uint8_t* stops,
                                 bool cross_lines, PlainRun& run, Stride stride) {
    return stride == Stride::avx2 ? whole_windows_avx2(origin, p, end, stops, cross_lines, run)
                                  : whole_windows(origin, p, end, stops, cross_lines, run);
}

}  // namespace

std::size_t whole_window_bytes(const unsigned char* p, const unsigned char* end,
                               const std::uint8_t* stops, bool cross_lines, Stride stride) {
    PlainRun run;
    return std::size_t(stride_over(p, p, end, stops, cross_lines, run, stride) - p);
}

PlainRun plain_run(const unsigned char* p, const unsigned char* end, const std::uint8_t* stops,
                   bool cross_lines, Stride stride) {
    PlainRun run;
    const unsigned char* const origin = p;
    p = stride_over(origin, p, end, stops, cross_lines, run, stride);
    // Window by window, each ending where plain text or the window does, at a character
    // boundary.
    while (end - p >= plain_run_tail) {
        const Window w = read_window(p, cross_lines);
        unsigned limit = w.stops ? unsigned(__builtin_ctz(w.stops)) : 16;
        const bool blocked = limit < 16;
        // Up to the first stop, every continuation byte must follow its lead, and nothing else
        // may (a lead whose tail the window cuts off is checked as far as it goes).
        unsigned leads = w.leads & low_bits(limit);
        if ((w.tails & low_bits(limit)) != ((leads << 1 | leads << 2) & low_bits(limit))) break;
        // A character that does not end inside the window waits for the next one.
        if (const unsigned late = leads & ~low_bits(limit >= 2 ? limit - 2 : 0)) {
            limit = unsigned(__builtin_ctz(late));
            leads &= low_bits(limit);
        }
        if (limit == 0) break;
        if (const unsigned sign = stops ? first_stop<5>(w.x, w.x1, w.x2, leads, stops) : 16;
            sign < limit) {
            if (sign) take(run, origin, p, w, sign, bit_count(leads & low_bits(sign)));
            p += sign;
            break;
        }
        take(run, origin, p, w, limit, bit_count(leads));
        p += limit;
        if (blocked) break;
    }
    if (run.bytes) run.ends_wide = p[-1] >= 0x80;
    // The code points of the line the run ends in: its bytes but continuation bytes.
    run.line_code_points = run.lines ? code_points(origin + run.line_start, p) : run.code_points;
    return run;
}

#else

PlainRun plain_run(const unsigned char*, const unsigned char*, const std::uint8_t*, bool) {
    return {};
}

PlainRun plain_run(const unsigned char*, const unsigned char*, const std::uint8_t*, bool, Stride) {
    return {};
}

std::size_t whole_window_bytes(const unsigned char*, const unsigned char*, const std::uint8_t*,
                               bool, Stride) {
    return 0;
}

#endif

}  // namespace gongwen::encoding_fix
