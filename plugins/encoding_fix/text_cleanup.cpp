#include "text_cleanup.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <stdexcept>

namespace gongwen::encoding_fix {

std::size_t normalize_line_endings(std::u32string& text) {
    std::size_t changed = 0;
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == '\r') {
            ++changed;
            out += U'\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (c == '\f' || c == '\v') {
            ++changed;
            out += U'\n';
        } else {
            out += c;
        }
    }
    text = std::move(out);
    return changed;
}

std::u32string clean(std::u32string_view text, Cleanup& counts) {
    std::u32string kept;
    kept.reserve(text.size());
    for (char32_t c : text) {
        if (c == 0xFEFF) {
            ++counts.boms;
        } else if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c < 0xA0)) {
            ++counts.controls;
        } else {
            kept += c;
        }
    }
    UErrorCode error = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
    if (U_FAILURE(error)) throw std::runtime_error("encoding_fix: ICU has no NFC data");
    const icu::UnicodeString s = icu::UnicodeString::fromUTF32(
        reinterpret_cast<const UChar32*>(kept.data()), int32_t(kept.size()));
    if (nfc->isNormalized(s, error) && U_SUCCESS(error)) return kept;
    error = U_ZERO_ERROR;
    const icu::UnicodeString composed = nfc->normalize(s, error);
    if (U_FAILURE(error)) throw std::runtime_error("encoding_fix: NFC normalisation failed");
    std::u32string out(std::size_t(composed.countChar32()), U'\0');
    error = U_ZERO_ERROR;
    composed.toUTF32(reinterpret_cast<UChar32*>(out.data()), int32_t(out.size()), error);
    counts.composed = true;
    return out;
}

}  // namespace gongwen::encoding_fix
