#include "damage_signs.hpp"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

namespace gongwen::encoding_fix {

DamageSigns::DamageSigns(const CharFrequency& frequency, const WordPairs& words,
                         std::u32string_view marker_initials)
    : frequency_(frequency), words_(words), marker_initials_(marker_initials) {
    for (char32_t c = 0; c < 0x10000; ++c) {
        std::uint8_t t = plain;
        if (c == 0xFFFD || marker_initials_.find(c) != std::u32string::npos) t |= alarm;
        const bool control = (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c < 0xA0);
        // Text made only of NFC_QC=Yes characters of combining class 0 is NFC already.
        const bool nfc = u_getIntPropertyValue(UChar32(c), UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
                         u_getCombiningClass(UChar32(c)) == 0;
        if (control || c == 0xFEFF || (c >= 0xD800 && c < 0xE000) || !nfc) t |= tidy;
        for (const Watch watch : {Watch::ordinary, Watch::close}) {
            Tables& to = watch == Watch::close ? close_tables_ : tables_;
            const std::uint8_t sign = counts_as_odd(c, watch) ? std::uint8_t(t | odd) : t;
            to.signs[c] = sign;
            to.three_byte_stops[c] = c < 0x800 || sign != plain;
        }
    }
}

bool DamageSigns::in_a_word(std::u32string_view line, std::size_t i) const {
    return (i > 0 && words_.contains(line[i - 1], line[i])) ||
           (i + 1 < line.size() && words_.contains(line[i], line[i + 1]));
}

bool DamageSigns::shows_damage(std::u32string_view line, Watch watch) const {
    constexpr std::size_t none = std::u32string_view::npos;
    // The last odd character, and the last one that is not part of a word with a neighbour.
    std::size_t last_odd = none, last_stray = none;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char32_t c = line[i];
        if (c == 0xFFFD || marker_initials_.find(c) != std::u32string::npos) return true;
        if (c == '\n') {
            last_odd = last_stray = none;
            continue;
        }
        if (resyncs(c) && last_odd != none && i - last_odd <= odd_distance) return true;
        // A Han or odd character right after a '?': a lost byte and what it threw out of step.
        if (i > 0 && line[i - 1] == '?' && (CharFrequency::is_han(c) || frequency_.odd(c)))
            return true;
        if (!counts_as_odd(c, watch)) continue;
        last_odd = i;
        if (in_a_word(line, i)) continue;
        if (last_stray != none && i - last_stray <= odd_distance) return true;
        last_stray = i;
    }
    return false;
}

}  // namespace gongwen::encoding_fix
