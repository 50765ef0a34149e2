#include "pair_table.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <bit>
#include <cstring>

#include "invalid_sequences.hpp"
#include "utf8_writer.hpp"

namespace gongwen::encoding_fix {

namespace {

// The byte of a PairTable::utf8_ entry after the character's three, as it lies in memory.
constexpr std::uint32_t fourth_byte =
    std::endian::native == std::endian::little ? 0xFF000000u : 0xFFu;

// The one code point `bytes` decode to, or PairTable's unknown.
char32_t decode_one(UConverter* c, const char* bytes, std::size_t n, char32_t unknown) {
    ucnv_resetToUnicode(c);
    UChar units[8];
    UErrorCode error = U_ZERO_ERROR;
    const int32_t length = ucnv_toUChars(c, units, 8, bytes, int32_t(n), &error);
    if (U_FAILURE(error) || length < 1) return unknown;
    int32_t i = 0;
    UChar32 cp;
    U16_NEXT(units, i, length, cp);
    if (i != length || cp == 0xFFFD || cp == 0x1A) return unknown;
    return char32_t(cp);
}

// How many bytes ICU reads as one invalid sequence at the start of `bytes`; 0 when they do not
// start with one.
std::size_t first_invalid(UConverter* c, std::string_view bytes) {
    ucnv_resetToUnicode(c);
    UChar units[16];
    int32_t offsets[16];
    UChar* target = units;
    const char* source = bytes.data();
    UErrorCode error = U_ZERO_ERROR;
    ucnv_toUnicode(c, &target, units + 16, &source, bytes.data() + bytes.size(), offsets, true,
                   &error);
    const std::ptrdiff_t n = target - units;
    if (U_FAILURE(error) || n < 1 || units[0] != 0xFFFD || offsets[0] != 0) return 0;
    return n > 1 ? std::size_t(std::max(0, offsets[1])) : bytes.size();
}

}  // namespace

bool PairTable::suits(UConverter* converter) {
    const UConverterType type = ucnv_getType(converter);
    return (type == UCNV_MBCS || type == UCNV_DBCS) && ucnv_getMinCharSize(converter) == 1;
}

PairTable::PairTable(UConverter* original)
    : pairs_(128 * 256, unknown), utf8_(128 * 256, 0) {  // sized even if nothing is learnt
    // A clone of its own, so that learning leaves the caller's converter and callbacks alone.
    UErrorCode error = U_ZERO_ERROR;
    UConverter* c = ucnv_clone(original, &error);
    for (char32_t& single : single_) single = unknown;
    if (U_FAILURE(error)) return;  // nothing learnt: every decode goes to ICU
    ucnv_setToUCallBack(c, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &error);
    for (unsigned b = 0; b < 256; ++b) {
        const char byte = char(b);
        single_[b] = decode_one(c, &byte, 1, unknown);
    }
    for (unsigned lead = 0x81; lead < 0xFF; ++lead) {
        if (single_[lead] != unknown) continue;
        for (unsigned trail = 0x40; trail < 0xFF; ++trail) {
            const char pair[2] = {char(lead), char(trail)};
            pairs_[(lead - 0x80) * 256 + trail] = decode_one(c, pair, 2, unknown);
        }
    }
    learn_invalid(c);
    ucnv_close(c);
    for (std::size_t i = 0; i < pairs_.size(); ++i) {
        const char32_t pc = pairs_[i];
        if (pc < 0x800 || pc >= 0x10000 || is_private_use(pc)) continue;  // unknown included
        char bytes[4] = {};
        put_utf8(pc, bytes);
        std::memcpy(&utf8_[i], bytes, 4);
    }
}

void PairTable::learn_invalid(UConverter* c) {
    substitute_invalid(c, nullptr);
    // What follows a pair may decide how it is read (GB18030's four-byte characters start with
    // a lead byte and a digit): a reading is kept only where it is the same before a space,
    // before a four-byte character and before a two-byte one.
    static const std::string_view endings[] = {" ", "\x81\x30\x81\x30", "\xA4\x40"};
    for (unsigned lead = 0x80; lead < 0x100; ++lead) {
        if (single_[lead] != unknown) continue;
        const char lone = char(lead);
        lone_invalid_[lead] = first_invalid(c, std::string_view(&lone, 1)) == 1;
        for (unsigned trail = 0; trail < 0x100; ++trail) {
            char32_t& entry = pairs_[(lead - 0x80) * 256 + trail];
            if (entry != unknown) continue;
            std::size_t width = 0;
            for (const std::string_view ending : endings) {
                std::string bytes{char(lead), char(trail)};
                bytes += ending;
                const std::size_t w = first_invalid(c, bytes);
                if ((w != 1 && w != 2) || (width && w != width)) {
                    width = 0;
                    break;
                }
                width = w;
            }
            if (width) entry = width == 1 ? invalid_one : invalid_two;
        }
    }
}

template <typename Emit, typename TakePair>
std::size_t PairTable::walk(std::string_view bytes, Emit&& emit, TakePair&& take_pair) const {
    const auto* const begin = reinterpret_cast<const unsigned char*>(bytes.data());
    const auto* const end = begin + bytes.size();
    const auto* p = begin;
    // In locals: `emit` writes through char pointers, which may alias anything, and the
    // tables would be looked up through `this` again after every character.
    const char32_t* const single = single_;
    const char32_t* const pairs = pairs_.data();
    const bool* const lone_invalid = lone_invalid_;
    while (p < end) {
        // The bulk first, pair after pair in a loop of its own: in Chinese text most pairs
        // follow a pair. A lead byte that is a character on its own has no pairs in the table,
        // so `take_pair` never takes one.
        while (p + 1 < end && p[0] >= 0x80 && take_pair(p[0], p[1])) p += 2;
        if (p == end) break;
        const unsigned char b = *p;
        // ASCII maps to itself in every charset this table is learnt for; it is looked up
        // anyway, as the table says so.
        char32_t c = single[b];
        if (c != unknown) {
            emit(c, 1, false);
            ++p;
            continue;
        }
        if (b < 0x80) break;
        if (end - p < 2) {
            if (!lone_invalid[b]) break;
            emit(U'\uFFFD', 1, true);
            ++p;
            continue;
        }
        c = pairs[std::size_t(b - 0x80) * 256 + p[1]];
        if (c < invalid_two) {
            emit(c, 2, false);
            p += 2;
        } else if (c == invalid_one || c == invalid_two) {
            const std::size_t width = c == invalid_one ? 1 : 2;
            emit(U'\uFFFD', width, true);
            p += width;
        } else {
            break;
        }
    }
    return std::size_t(p - begin);
}

std::size_t PairTable::append_utf8(std::string_view bytes, std::string& out, std::size_t& invalid,
                                   std::size_t& private_use, UncheckedSpans* unchecked) const {
    const std::size_t before = out.size();
    // A byte becomes at most three bytes of UTF-8 (0x80 is € in some, a lone invalid byte
    // U+FFFD), a pair at most four.
    out.resize(before + 3 * bytes.size());
    char* const base = out.data();
    char* w = base + before;
    std::size_t bad = 0, private_chars = 0;  // in locals, as in walk()
    const std::uint32_t* const utf8 = utf8_.data();
    // Without `unchecked` the marks of learn_stops are not wanted: they go here.
    UncheckedSpans ignored;
    UncheckedSpans& spans = unchecked ? *unchecked : ignored;
    const std::size_t read = walk(
        bytes,
        [&](char32_t c, std::size_t, bool broken) {
            char* const at = w;
            w = put_utf8(c, w);
            bad += broken;
            private_chars += is_private_use(c);
            if (c >= 0x80) spans.add(std::size_t(at - base), std::size_t(w - base));
        },
        [&](unsigned char lead, unsigned char trail) {
            // Han and CJK punctuation, nearly every character of such text, copied ready-made:
            // four bytes stored, three kept (a pair leaves room for four: see above).
            const std::uint32_t ready = utf8[(std::size_t(lead) << 8 | trail) - 0x8000];
            if (ready == 0) return false;
            std::memcpy(w, &ready, 4);
            if (ready & fourth_byte) spans.add(std::size_t(w - base), std::size_t(w - base) + 3);
            w += 3;
            return true;
        });
    out.resize(std::size_t(w - base));
    invalid += bad;
    private_use += private_chars;
    return read;
}

void PairTable::learn_stops(const std::uint8_t* stops) {
    if (stops == stops_learnt_) return;
    stops_learnt_ = stops;
    for (std::size_t i = 0; i < pairs_.size(); ++i) {
        if (utf8_[i] == 0) continue;
        utf8_[i] = (utf8_[i] & ~fourth_byte) | (stops[pairs_[i]] ? fourth_byte : 0u);
    }
}

std::size_t PairTable::append_traced(std::string_view bytes, std::u32string& out,
                                     std::vector<std::size_t>& starts,
                                     std::vector<bool>& broken) const {
    out.reserve(out.size() + bytes.size());
    std::size_t at = 0;
    return walk(bytes, [&](char32_t c, std::size_t length, bool invalid) {
        out += c;
        starts.push_back(at);
        broken.push_back(invalid);
        at += length;
    });
}

bool PairTable::append_utf32(std::string_view bytes, std::u32string& out,
                             std::size_t& invalid) const {
    const std::size_t before = out.size();
    std::size_t found = 0;
    out.reserve(before + bytes.size());
    if (walk(bytes, [&](char32_t c, std::size_t, bool broken) {
            out += c;
            found += broken;
        }) == bytes.size()) {
        invalid += found;
        return true;
    }
    out.resize(before);
    return false;
}

}  // namespace gongwen::encoding_fix
