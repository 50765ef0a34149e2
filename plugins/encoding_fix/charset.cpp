#include "charset.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/uset.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <stdexcept>

#include "gongwen/utf8.hpp"
#include "invalid_sequences.hpp"
#include "pair_table.hpp"
#include "unchecked_spans.hpp"
#include "utf8_writer.hpp"

namespace gongwen::encoding_fix {

namespace {

UConverter* open_converter(const std::string& name) {
    UErrorCode error = U_ZERO_ERROR;
    UConverter* c = ucnv_open(name.c_str(), &error);
    if (U_FAILURE(error) || c == nullptr)
        throw std::runtime_error("encoding_fix: ICU has no converter for '" + name +
                                 "': " + u_errorName(error));
    return c;
}

// Runs the converter over all of `bytes`, appending UTF-16 and, if wanted, source offsets.
void to_utf16(UConverter* c, std::string_view bytes, std::u16string& out,
              std::vector<int32_t>* offsets) {
    ucnv_resetToUnicode(c);
    out.assign(bytes.size() + 16, u'\0');
    if (offsets) offsets->assign(out.size(), 0);
    const char* source = bytes.data();
    const char* const source_end = bytes.data() + bytes.size();
    UChar* const begin = reinterpret_cast<UChar*>(out.data());
    UChar* target = begin;
    UErrorCode error = U_ZERO_ERROR;
    // Each byte yields at most one UTF-16 unit, so one call always has room.
    ucnv_toUnicode(c, &target, begin + out.size(), &source, source_end,
                   offsets ? offsets->data() : nullptr, true, &error);
    if (U_FAILURE(error))
        throw std::runtime_error(std::string("encoding_fix: ICU decoding failed: ") +
                                 u_errorName(error));
    out.resize(std::size_t(target - begin));
    if (offsets) offsets->resize(out.size());
}

// U+E000-U+F8FF in UTF-8: EE 80 80 to EF A3 BF.
std::size_t private_use_in_utf8(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i + 2 < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b == 0xEE || (b == 0xEF && static_cast<unsigned char>(s[i + 1]) < 0xA4)) ++n, i += 2;
    }
    return n;
}

// The shape of a four-byte GB18030 character: lead, digit, lead, digit.
bool four_byte_form(std::string_view b) {
    const auto lead = [](char c) {
        return static_cast<unsigned char>(c) >= 0x81 && static_cast<unsigned char>(c) <= 0xFE;
    };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    return b.size() >= 4 && lead(b[0]) && digit(b[1]) && lead(b[2]) && digit(b[3]);
}

// Table charsets encode character by character, unless an extension maps a sequence of code
// points to one byte sequence (Big5-HKSCS: Ê with a macron); such sequences are strings in the
// round-trip set.
bool encodes_per_character(UConverter* c) {
    switch (ucnv_getType(c)) {
        case UCNV_SBCS:
        case UCNV_DBCS:
        case UCNV_MBCS:
        case UCNV_LATIN_1:
        case UCNV_US_ASCII:
            break;
        default:
            return false;
    }
    UErrorCode error = U_ZERO_ERROR;
    USet* set = uset_openEmpty();
    ucnv_getUnicodeSet(c, set, UCNV_ROUNDTRIP_SET, &error);
    const bool strings = U_FAILURE(error) || uset_hasStrings(set);
    uset_close(set);
    return !strings;
}

// UTF-16 as ICU reads it, each character handed to `emit` with the byte it starts at and
// whether it is an invalid sequence (U+FFFD): a surrogate pair is one character; any other
// surrogate, and a last byte cut by the end (with a high surrogate before it), is one invalid
// sequence. ICU goes through its generic conversion loop for this; the detector reads a
// sample of every input this way.
template <typename Emit>
void walk_utf16(std::string_view bytes, bool big_endian, Emit&& emit) {
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    const auto unit = [&](std::size_t i) {
        return big_endian ? char32_t(b[i] << 8 | b[i + 1]) : char32_t(b[i + 1] << 8 | b[i]);
    };
    std::size_t i = 0;
    while (i + 1 < n) {
        const char32_t u = unit(i);
        if (u < 0xD800 || u >= 0xE000) {
            emit(u, i, false);
            i += 2;
            continue;
        }
        if (u < 0xDC00 && i + 3 < n) {
            const char32_t v = unit(i + 2);
            if (v >= 0xDC00 && v < 0xE000) {
                emit(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), i, false);
                i += 4;
                continue;
            }
        }
        emit(U'\uFFFD', i, true);
        // A high surrogate cut by the end takes the cut byte after it into its sequence.
        i += u < 0xDC00 && i + 3 == n ? 3 : 2;
    }
    if (i < n) emit(U'\uFFFD', i, true);
}

// UTF-8 as ICU reads it, handed to `emit` as walk_utf16 does: each maximal start of a valid
// sequence that cannot be completed (a lead byte and the continuation bytes that fit it) is
// one invalid sequence, and so is a byte that starts none; the byte that breaks a sequence is
// read afresh. The mojibake repairer reads every stretch of text shown in GBK or Big5 as UTF-8
// this way, and most of them are invalid there.
template <typename Emit>
void walk_utf8(std::string_view bytes, Emit&& emit) {
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char lead = b[i];
        if (lead < 0x80) {
            emit(char32_t(lead), i, false);
            ++i;
            continue;
        }
        // How many continuation bytes, and the range the first of them must be in.
        std::size_t more = 0;
        unsigned char low = 0x80, high = 0xBF;
        char32_t c = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            more = 1, c = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            more = 2, c = lead & 0x0F;
            if (lead == 0xE0) low = 0xA0;
            if (lead == 0xED) high = 0x9F;  // no surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            more = 3, c = lead & 0x07;
            if (lead == 0xF0) low = 0x90;
            if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
        } else {
            emit(U'\uFFFD', i, true);
            ++i;
            continue;
        }
        std::size_t k = 1;
        for (; k <= more && i + k < n; ++k) {
            const unsigned char t = b[i + k];
            if (t < low || t > high) break;
            c = c << 6 | (t & 0x3F);
            low = 0x80, high = 0xBF;
        }
        if (k > more) {
            emit(c, i, false);
        } else {
            emit(U'\uFFFD', i, true);
        }
        i += k;
    }
}

// Which of the charsets decoded without ICU `c` is, by ICU's name for its converter.
Charset::Own own_decoder(UConverter* c) {
    UErrorCode error = U_ZERO_ERROR;
    const std::string_view name = ucnv_getName(c, &error);
    if (name == "UTF-16LE") return Charset::Own::utf16le;
    if (name == "UTF-16BE") return Charset::Own::utf16be;
    if (name == "UTF-8") return Charset::Own::utf8;
    return Charset::Own::none;
}

}  // namespace

Charset::Charset(std::string name)
    : name_(std::move(name)),
      converter_(open_converter(name_), &ucnv_close),
      utf8_(nullptr, &ucnv_close),
      per_character_(encodes_per_character(converter_.get())),
      own_(own_decoder(converter_.get())) {}
Charset::~Charset() = default;
Charset::Charset(Charset&&) noexcept = default;
Charset& Charset::operator=(Charset&&) noexcept = default;

bool Charset::single_byte() const {
    return ucnv_getMaxCharSize(converter_.get()) == 1;
}

const PairTable* Charset::pair_table() {
    if (!pairs_learnt_) {
        pairs_learnt_ = true;
        if (PairTable::suits(converter_.get()))
            pairs_ = std::make_unique<PairTable>(converter_.get());
    }
    return pairs_.get();
}

template <typename Emit>
bool Charset::walk_own(std::string_view bytes, Emit&& emit) const {
    switch (own_) {
        case Own::utf8:
            walk_utf8(bytes, emit);
            return true;
        case Own::utf16le:
        case Own::utf16be:
            walk_utf16(bytes, own_ == Own::utf16be, emit);
            return true;
        case Own::none:
            break;
    }
    return false;
}

Charset::Decoded Charset::decode(std::string_view bytes) {
    Decoded result;
    if (walk_own(bytes, [&](char32_t c, std::size_t, bool broken) {
            result.text += c;
            result.invalid += broken;
        }))
        return result;
    if (const PairTable* table = pair_table();
        table && table->append_utf32(bytes, result.text, result.invalid))
        return result;
    substitute_invalid(converter_.get(), &result.invalid);
    std::u16string units;
    to_utf16(converter_.get(), bytes, units, nullptr);
    result.text.reserve(units.size());
    for (std::size_t i = 0; i < units.size();) {
        UChar32 c;
        U16_NEXT(units.data(), i, units.size(), c);
        result.text += char32_t(c);
    }
    return result;
}

Charset::Traced Charset::decode_traced(std::string_view bytes) {
    Traced result;
    // As on ICU's path below, a U+FFFD that was in the text counts as broken too.
    if (walk_own(bytes, [&](char32_t c, std::size_t start, bool) {
            result.text += c;
            result.starts.push_back(start);
            result.broken.push_back(c == 0xFFFD);
        }))
        return result;
    // The table reads as far as it knows the bytes; there ICU, too, is between characters,
    // and reads the rest.
    std::size_t known = 0;
    if (const PairTable* table = pair_table()) {
        known = table->append_traced(bytes, result.text, result.starts, result.broken);
        if (known == bytes.size()) return result;
    }
    const std::string_view rest = bytes.substr(known);
    std::size_t invalid = 0;
    substitute_invalid(converter_.get(), &invalid);
    std::u16string units;
    std::vector<int32_t> offsets;
    to_utf16(converter_.get(), rest, units, &offsets);
    for (std::size_t i = 0; i < units.size();) {
        const std::size_t first = i;
        UChar32 c;
        U16_NEXT(units.data(), i, units.size(), c);
        result.text += char32_t(c);
        result.starts.push_back(known +
                                (offsets[first] < 0 ? rest.size() : std::size_t(offsets[first])));
        result.broken.push_back(c == 0xFFFD);
    }
    return result;
}

std::uint32_t Charset::learn_bytes(char32_t c) {
    if (char_bytes_.empty()) char_bytes_.resize(0x10000, not_learnt);
    const Encoded e = encode_all_it_can(std::u32string_view(&c, 1));
    std::uint32_t& known = char_bytes_[c];
    if (e.starts.empty()) {
        known = no_bytes;
    } else if (e.bytes.size() > 3) {
        known = four_bytes;
    } else {
        known = std::uint32_t(e.bytes.size()) << 24;
        for (std::size_t i = 0; i < e.bytes.size(); ++i)
            known |= std::uint32_t(static_cast<unsigned char>(e.bytes[i])) << (8 * i);
    }
    return known;
}

Charset::Encoded Charset::encode_by_character(std::u32string_view text) {
    Encoded out;
    out.bytes.reserve(text.size() * 2);
    out.starts.reserve(text.size());
    for (const char32_t c : text) {
        if (c == 0xFFFD || (c >= 0xD800 && c < 0xE000)) break;
        const std::uint32_t b = c < 0x10000 ? bytes_of(c) : four_bytes;
        if (b == no_bytes) break;
        if (b == four_bytes) return encode_all_it_can(text);  // rare: ICU does the whole text
        out.starts.push_back(out.bytes.size());
        for (std::uint32_t i = 0; i < b >> 24; ++i) out.bytes += char(b >> (8 * i) & 0xFF);
    }
    return out;
}

Charset::Encoded Charset::encode_prefix(std::u32string_view text) {
    if (per_character()) return encode_by_character(text);
    // Callers hand over the rest of a line, and the charset often stops within a few
    // characters (a Han character in Latin-1): growing windows keep that cost to what is used.
    for (std::size_t window = 64;; window *= 4) {
        const std::u32string_view part = text.substr(0, std::min(window, text.size()));
        Encoded e = encode_all_it_can(part);
        if (e.starts.size() < part.size() || part.size() == text.size()) return e;
    }
}

Charset::Encoded Charset::encode_all_it_can(std::u32string_view text) {
    Encoded out;
    std::u16string units;
    std::vector<std::size_t> char_of_unit;
    units.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == 0xFFFD || c > 0x10FFFF || (c >= 0xD800 && c < 0xE000)) break;
        if (c >= 0x10000) {
            units += char16_t(U16_LEAD(c));
            units += char16_t(U16_TRAIL(c));
            char_of_unit.push_back(i);
        } else {
            units += char16_t(c);
        }
        char_of_unit.push_back(i);
    }
    UConverter* c = converter_.get();
    ucnv_resetFromUnicode(c);
    UErrorCode error = U_ZERO_ERROR;
    UConverterFromUCallback old_action = nullptr;
    const void* old_context = nullptr;
    ucnv_setFromUCallBack(c, UCNV_FROM_U_CALLBACK_STOP, nullptr, &old_action, &old_context, &error);
    out.bytes.assign(units.size() * 4 + 16, '\0');
    std::vector<int32_t> offsets(out.bytes.size(), -1);
    char* target = out.bytes.data();
    const UChar* source = reinterpret_cast<const UChar*>(units.data());
    ucnv_fromUnicode(c, &target, out.bytes.data() + out.bytes.size(), &source,
                     source + units.size(), offsets.data(), true, &error);
    const std::size_t n = std::size_t(target - out.bytes.data());
    out.bytes.resize(n);
    // On a character without a mapping ICU stops after it; every character whose bytes were
    // written before it is encoded.
    std::size_t last = std::string::npos;
    for (std::size_t b = 0; b < n; ++b) {
        if (offsets[b] < 0) continue;
        const std::size_t ch = char_of_unit[std::size_t(offsets[b])];
        if (ch != last) {
            out.starts.push_back(b);
            last = ch;
        }
    }
    return out;
}

std::size_t Charset::decode_to_utf8(std::string_view bytes, std::string& out,
                                    std::size_t* private_use, const std::uint8_t* stops,
                                    UncheckedSpans* unchecked) {
    std::size_t private_chars = 0;
    // What ICU appended from `from` on.
    const auto count_private = [&](std::size_t from) {
        if (private_use) private_chars += private_use_in_utf8(std::string_view(out).substr(from));
    };
    out.clear();
    if (unchecked) unchecked->clear();
    // What was appended from `from` on without the table's check.
    const auto not_checked = [&](std::size_t from) {
        if (unchecked) unchecked->add(from, out.size());
    };
    if (own_ != Own::none) {
        // A byte becomes at most three bytes of UTF-8 (an invalid one U+FFFD).
        out.resize(bytes.size() * 3);
        char* w = out.data();
        std::size_t invalid = 0;
        walk_own(bytes, [&](char32_t c, std::size_t, bool broken) {
            w = put_utf8(c, w);
            invalid += broken;
            private_chars += is_private_use(c);
        });
        out.resize(std::size_t(w - out.data()));
        not_checked(0);
        if (private_use) *private_use = private_chars;
        return invalid;
    }
    out.reserve(bytes.size() * 3 / 2 + 16);
    const PairTable* table = pair_table();
    if (table && unchecked) pairs_->learn_stops(stops);
    const bool by_line = table && table->newline_resets();
    std::size_t invalid = 0;
    for (std::size_t at = 0; at < bytes.size();) {
        // A line at a time, where the decoder is back between characters after each: the
        // table sizes its output for what it is given, and given all the rest after each
        // character it did not know, it sized (and zeroed) that much again.
        std::size_t stop = by_line ? bytes.find('\n', at) : bytes.npos;
        stop = stop == bytes.npos ? bytes.size() : stop + 1;
        if (table) {
            at += table->append_utf8(bytes.substr(at, stop - at), out, invalid, private_chars,
                                     unchecked);
            if (at == stop) continue;
            // A four-byte GB18030 character (a no-break space, the rarer Han characters) is
            // read by ICU on its own: once whole and valid, it reads the same wherever it
            // stands, and the table goes on after it.
            if (four_byte_form(bytes.substr(at, stop - at))) {
                const std::size_t before = out.size();
                if (icu_to_utf8(bytes.substr(at, 4), out) == 0 &&
                    utf8::length(std::string_view(out).substr(before)) == 1) {
                    count_private(before);
                    not_checked(before);
                    at += 4;
                    continue;
                }
                out.resize(before);
            }
        }
        // ICU reads what the table does not know (a four-byte GB18030 character, a byte whose
        // reading depends on the ones after it) to the end of its line, so the text is exactly
        // what ICU makes of the whole.
        const std::size_t before = out.size();
        invalid += icu_to_utf8(bytes.substr(at, stop - at), out);
        count_private(before);
        not_checked(before);
        at = stop;
    }
    if (private_use) *private_use = private_chars;
    return invalid;
}

std::size_t Charset::icu_to_utf8(std::string_view bytes, std::string& out) {
    std::size_t invalid = 0;
    substitute_invalid(converter_.get(), &invalid);
    ucnv_resetToUnicode(converter_.get());
    UErrorCode error = U_ZERO_ERROR;
    if (!utf8_) utf8_.reset(open_converter("UTF-8"));
    ucnv_resetFromUnicode(utf8_.get());
    const std::size_t before = out.size();
    // The most a byte can grow to is a lone invalid byte becoming U+FFFD: three bytes.
    out.resize(before + bytes.size() * 3 + 16);
    char* target = out.data() + before;
    const char* source = bytes.data();
    ucnv_convertEx(utf8_.get(), converter_.get(), &target, out.data() + out.size(), &source,
                   bytes.data() + bytes.size(), nullptr, nullptr, nullptr, nullptr, true, true,
                   &error);
    if (U_FAILURE(error))
        throw std::runtime_error(std::string("encoding_fix: ICU decoding failed: ") +
                                 u_errorName(error));
    out.resize(std::size_t(target - out.data()));
    return invalid;
}

std::optional<std::string> Charset::encode(std::u32string_view text) {
    Encoded e = encode_prefix(text);
    if (e.starts.size() != text.size()) return std::nullopt;
    return std::move(e.bytes);
}

}  // namespace gongwen::encoding_fix
