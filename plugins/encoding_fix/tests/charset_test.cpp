// Charset's decoding against ICU's own, built from the plugin's sources. Charset reads GB18030
// and Big5 through a table learnt from ICU (PairTable), invalid sequences included, and hands
// over to ICU only where the table cannot tell, and UTF-8 and UTF-16 with loops of their own; what
// it returns must be exactly what ICU returns for the same bytes: the same characters, the same
// U+FFFD where a sequence was invalid, the same count of them, the same byte offsets, and the
// private-use characters among them (how the detector tells Big5 from Big5-HKSCS) counted right.
// Through the chain a difference would only show as a wrong repair or a wrong count somewhere, so
// it is looked for here: for every lead and trail byte pair, and for random bytes.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "charset.hpp"
#include "gongwen/utf8.hpp"
#include "unchecked_spans.hpp"

using namespace gongwen;
using namespace gongwen::encoding_fix;

namespace {

// The charsets encoding_fix reads and repairs through (data/mojibake.tsv, the detector) that
// it decodes without ICU where it can.
const char* const table_charsets[] = {"GB18030",  "Big5",     "Big5-HKSCS", "windows-936-2000",
                                      "UTF-16LE", "UTF-16BE", "UTF-8"};

struct IcuReading {
    std::u32string text;
    std::vector<std::size_t> starts;
    std::vector<bool> broken;
    std::size_t invalid = 0;
};

void count_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                          UConverterCallbackReason reason, UErrorCode* error) {
    if (reason > UCNV_IRREGULAR) return;
    ++*static_cast<std::size_t*>(const_cast<void*>(context));
    *error = U_ZERO_ERROR;
    static const UChar replacement = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, error);
}

// ICU alone: every invalid sequence one U+FFFD, counted.
IcuReading icu_reading(const char* name, std::string_view bytes) {
    IcuReading r;
    UErrorCode error = U_ZERO_ERROR;
    UConverter* c = ucnv_open(name, &error);
    ucnv_setToUCallBack(c, count_and_substitute, &r.invalid, nullptr, nullptr, &error);
    std::u16string units(bytes.size() + 16, u'\0');
    std::vector<int32_t> offsets(units.size(), 0);
    UChar* const begin = reinterpret_cast<UChar*>(units.data());
    UChar* target = begin;
    const char* source = bytes.data();
    ucnv_toUnicode(c, &target, begin + units.size(), &source, bytes.data() + bytes.size(),
                   offsets.data(), true, &error);
    ucnv_close(c);
    EXPECT_TRUE(U_SUCCESS(error)) << u_errorName(error);
    const std::size_t n = std::size_t(target - begin);
    for (std::size_t i = 0; i < n;) {
        const std::size_t first = i;
        UChar32 cp;
        U16_NEXT(begin, i, n, cp);
        r.text += char32_t(cp);
        r.starts.push_back(offsets[first] < 0 ? bytes.size() : std::size_t(offsets[first]));
        r.broken.push_back(cp == 0xFFFD);
    }
    return r;
}

std::string hex(std::string_view bytes) {
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (const char b : bytes) {
        const auto u = static_cast<unsigned char>(b);
        out += digits[u >> 4];
        out += digits[u & 15];
        out += ' ';
    }
    return out;
}

// Every way Charset decodes `bytes` against ICU's reading of them.
void expect_as_icu(Charset& charset, const char* name, std::string_view bytes) {
    const IcuReading want = icu_reading(name, bytes);
    const Charset::Traced traced = charset.decode_traced(bytes);
    ASSERT_EQ(traced.text, want.text) << name << ": " << hex(bytes);
    ASSERT_EQ(traced.starts, want.starts) << name << ": " << hex(bytes);
    ASSERT_EQ(traced.broken, want.broken) << name << ": " << hex(bytes);
    const Charset::Decoded decoded = charset.decode(bytes);
    ASSERT_EQ(decoded.text, want.text) << name << ": " << hex(bytes);
    ASSERT_EQ(decoded.invalid, want.invalid) << name << ": " << hex(bytes);
    std::string utf8;
    std::size_t private_use = 0;
    ASSERT_EQ(charset.decode_to_utf8(bytes, utf8, &private_use), want.invalid)
        << name << ": " << hex(bytes);
    ASSERT_EQ(utf8, utf8::encode(want.text)) << name << ": " << hex(bytes);
    ASSERT_EQ(private_use,
              std::size_t(std::count_if(want.text.begin(), want.text.end(),
                                        [](char32_t c) { return c >= 0xE000 && c < 0xF900; })))
        << name << ": " << hex(bytes);
}

// Tables of stops (DamageSigns::three_byte_stops) for the checks of decode_to_utf8: one BMP
// character in `one_in` stops a run, and everything below U+0800.
std::vector<std::uint8_t> stops_table(unsigned one_in) {
    std::vector<std::uint8_t> stops(0x10000);
    for (char32_t c = 0; c < 0x10000; ++c)
        stops[c] = c < 0x800 || (std::uint32_t(c) * 2654435761u >> 16) % one_in == 0;
    return stops;
}

// decode_to_utf8 with a table of stops decodes as without, and every character above ASCII
// outside its unchecked spans is a three-byte character the table lets through.
void expect_checked(Charset& charset, const char* name, std::string_view bytes,
                    const std::vector<std::uint8_t>& stops) {
    std::string plain, checked;
    UncheckedSpans unchecked;
    unchecked.add(0, 1);  // replaced, not added to
    const std::size_t invalid = charset.decode_to_utf8(bytes, plain);
    ASSERT_EQ(charset.decode_to_utf8(bytes, checked, nullptr, stops.data(), &unchecked), invalid)
        << name << ": " << hex(bytes);
    ASSERT_EQ(checked, plain) << name << ": " << hex(bytes);
    std::size_t span = 0;
    for (std::size_t at = 0; at < checked.size();) {
        const std::size_t start = at;
        const char32_t c = utf8::next(checked, at);
        const auto& spans = unchecked.spans();
        while (span < spans.size() && spans[span].second <= start) ++span;
        const bool inside = span < spans.size() && spans[span].first <= start;
        if (inside) {
            ASSERT_LE(at, spans[span].second) << "a span ends inside a character: " << hex(bytes);
            continue;
        }
        if (c < 0x80) continue;
        ASSERT_TRUE(at - start == 3 && !stops[c])
            << name << ": U+" << std::hex << std::uint32_t(c) << " at byte " << std::dec << start
            << " is not in an unchecked span: " << hex(bytes);
    }
}

TEST(Charset, EveryBytePairDecodesAsIcuDecodesIt) {
    // Each pair on its own, at the end of the input, and before what may change how it is read:
    // a space, a four-byte GB18030 character, a two-byte character, a lone lead byte, a low
    // surrogate in UTF-16 (either way round), two UTF-8 continuation bytes.
    const std::string endings[] = {"",
                                   " ",
                                   "\x81\x30\x81\x30",
                                   "\xA4\x40",
                                   "\xA4",
                                   std::string("\x00\xDC", 2),
                                   std::string("\xDC\x00", 2),
                                   "\x80\x80"};
    const std::vector<std::uint8_t> stops = stops_table(5);
    for (const char* name : {"GB18030", "Big5", "UTF-16LE", "UTF-16BE", "UTF-8"}) {
        Charset charset(name);
        for (unsigned lead = 0x80; lead < 0x100; ++lead)
            for (unsigned trail = 0; trail < 0x100; ++trail)
                for (const std::string& ending : endings) {
                    const std::string bytes = std::string{char(lead), char(trail)} + ending;
                    expect_as_icu(charset, name, bytes);
                    expect_checked(charset, name, bytes, stops);
                    if (HasFatalFailure()) return;
                }
    }
}

TEST(Charset, RandomBytesDecodeAsIcuDecodesThem) {
    std::mt19937 random(20261126);
    // Mostly lead and trail bytes, with ASCII, digits (GB18030's four-byte forms) and line
    // feeds among them.
    const auto byte = [&]() -> char {
        const unsigned kind = random() % 8;
        if (kind < 5) return char(0x80 + random() % 0x80);
        if (kind == 5) return char(0x40 + random() % 0x40);
        if (kind == 6) return char(0x30 + random() % 10);
        return random() % 2 ? '\n' : char(random() % 0x40);
    };
    // Two tables in turn: the charset learns each anew.
    const std::vector<std::uint8_t> stops[] = {stops_table(3), stops_table(11)};
    for (const char* name : table_charsets) {
        Charset charset(name);
        for (int i = 0; i < 3000; ++i) {
            std::string bytes(1 + random() % 40, '\0');
            for (char& b : bytes) b = byte();
            expect_as_icu(charset, name, bytes);
            expect_checked(charset, name, bytes, stops[i % 2]);
            if (HasFatalFailure()) return;
        }
    }
}

}  // namespace
