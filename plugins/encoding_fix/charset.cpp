#include "charset.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>
#include <unicode/utf16.h>

#include <stdexcept>

namespace gongwen::encoding_fix {

namespace {

// Substitutes U+FFFD for each invalid sequence and counts them.
void count_invalid(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                   UConverterCallbackReason reason, UErrorCode* error) {
    if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to substitute
    ++*static_cast<std::size_t*>(const_cast<void*>(context));
    *error = U_ZERO_ERROR;
    static const UChar replacement = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, error);
}

void set_counting_callback(UConverter* c, std::size_t* counter) {
    UConverterToUCallback old_action = nullptr;
    const void* old_context = nullptr;
    UErrorCode error = U_ZERO_ERROR;
    ucnv_setToUCallBack(c, count_invalid, counter, &old_action, &old_context, &error);
}

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

}  // namespace

Charset::Charset(std::string name)
    : name_(std::move(name)), converter_(open_converter(name_), &ucnv_close) {}
Charset::~Charset() = default;
Charset::Charset(Charset&&) noexcept = default;
Charset& Charset::operator=(Charset&&) noexcept = default;

Charset::Decoded Charset::decode(std::string_view bytes) {
    Decoded result;
    set_counting_callback(converter_.get(), &result.invalid);
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
    std::size_t invalid = 0;
    set_counting_callback(converter_.get(), &invalid);
    std::u16string units;
    std::vector<int32_t> offsets;
    to_utf16(converter_.get(), bytes, units, &offsets);
    Traced result;
    for (std::size_t i = 0; i < units.size();) {
        const std::size_t first = i;
        UChar32 c;
        U16_NEXT(units.data(), i, units.size(), c);
        result.text += char32_t(c);
        result.starts.push_back(offsets[first] < 0 ? bytes.size() : std::size_t(offsets[first]));
        result.broken.push_back(c == 0xFFFD);
    }
    return result;
}

std::optional<std::string> Charset::encode(std::u32string_view text) {
    std::u16string units;
    units.reserve(text.size());
    for (char32_t c : text) {
        if (c == 0xFFFD || c > 0x10FFFF || (c >= 0xD800 && c < 0xE000)) return std::nullopt;
        if (c >= 0x10000) {
            units += char16_t(U16_LEAD(c));
            units += char16_t(U16_TRAIL(c));
        } else {
            units += char16_t(c);
        }
    }
    UConverter* c = converter_.get();
    ucnv_resetFromUnicode(c);
    UErrorCode error = U_ZERO_ERROR;
    UConverterFromUCallback old_action = nullptr;
    const void* old_context = nullptr;
    ucnv_setFromUCallBack(c, UCNV_FROM_U_CALLBACK_STOP, nullptr, &old_action, &old_context, &error);
    std::string out(units.size() * 4 + 16, '\0');
    const int32_t n = ucnv_fromUChars(c, out.data(), int32_t(out.size()),
                                      reinterpret_cast<const UChar*>(units.data()),
                                      int32_t(units.size()), &error);
    if (U_FAILURE(error)) return std::nullopt;
    out.resize(std::size_t(n));
    return out;
}

}  // namespace gongwen::encoding_fix
