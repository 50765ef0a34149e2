#include "pair_table.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utf16.h>

namespace gongwen::encoding_fix {

namespace {

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

char* put_utf8(char32_t c, char* w) {
    if (c < 0x80) {
        *w++ = char(c);
    } else if (c < 0x800) {
        *w++ = char(0xC0 | (c >> 6));
        *w++ = char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *w++ = char(0xE0 | (c >> 12));
        *w++ = char(0x80 | ((c >> 6) & 0x3F));
        *w++ = char(0x80 | (c & 0x3F));
    } else {
        *w++ = char(0xF0 | (c >> 18));
        *w++ = char(0x80 | ((c >> 12) & 0x3F));
        *w++ = char(0x80 | ((c >> 6) & 0x3F));
        *w++ = char(0x80 | (c & 0x3F));
    }
    return w;
}

}  // namespace

bool PairTable::suits(UConverter* converter) {
    const UConverterType type = ucnv_getType(converter);
    return (type == UCNV_MBCS || type == UCNV_DBCS) && ucnv_getMinCharSize(converter) == 1;
}

PairTable::PairTable(UConverter* original) : pairs_(128 * 256, unknown) {
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
    ucnv_close(c);
}

template <typename Emit>
std::size_t PairTable::walk(std::string_view bytes, Emit&& emit) const {
    const auto* const begin = reinterpret_cast<const unsigned char*>(bytes.data());
    const auto* const end = begin + bytes.size();
    const auto* p = begin;
    while (p < end) {
        const unsigned char b = *p;
        // ASCII maps to itself in every charset this table is learnt for; it is looked up
        // anyway, as the table says so.
        char32_t c = single_[b];
        if (c != unknown) {
            emit(c, 1);
            ++p;
            continue;
        }
        if (b < 0x80 || end - p < 2) break;
        c = pairs_[std::size_t(b - 0x80) * 256 + p[1]];
        if (c == unknown) break;
        emit(c, 2);
        p += 2;
    }
    return std::size_t(p - begin);
}

std::size_t PairTable::append_utf8(std::string_view bytes, std::string& out) const {
    const std::size_t before = out.size();
    // A byte becomes at most three bytes of UTF-8 (0x80 is € in some), a pair at most four.
    out.resize(before + 3 * bytes.size());
    char* w = out.data() + before;
    const std::size_t read = walk(bytes, [&](char32_t c, std::size_t) { w = put_utf8(c, w); });
    out.resize(std::size_t(w - out.data()));
    return read;
}

std::size_t PairTable::append_traced(std::string_view bytes, std::u32string& out,
                                     std::vector<std::size_t>& starts) const {
    out.reserve(out.size() + bytes.size());
    std::size_t at = 0;
    return walk(bytes, [&](char32_t c, std::size_t length) {
        out += c;
        starts.push_back(at);
        at += length;
    });
}

bool PairTable::append_utf32(std::string_view bytes, std::u32string& out) const {
    const std::size_t before = out.size();
    out.reserve(before + bytes.size());
    if (walk(bytes, [&](char32_t c, std::size_t) { out += c; }) == bytes.size()) return true;
    out.resize(before);
    return false;
}

}  // namespace gongwen::encoding_fix
