#include "damage.hpp"

#include <algorithm>

#include "gongwen/utf8.hpp"
#include "source_texts.hpp"

namespace gongwen::encoding_fix::testing {

namespace {

std::size_t replacements(std::string_view utf8_text) {
    std::size_t n = 0;
    for (std::size_t at = 0; at < utf8_text.size();) n += utf8::next(utf8_text, at) == 0xFFFD;
    return n;
}

// Bytes of `real` shown as `shown`: what a page in `real` looks like after a wrong decoding.
DamageClass reinterpreted(std::string kind, const char* real, const char* shown) {
    const std::string name = kind + "/" + shown;
    return {name, kind,
            [real, shown](std::string_view span) -> std::optional<Damaged> {
                const auto bytes = encode_strict(real, span);
                if (!bytes) return std::nullopt;
                Damaged d;
                d.text = decode_lenient(shown, *bytes);
                if (d.text == span) return std::nullopt;
                d.lossless = encode_strict(shown, d.text) == bytes;
                // One substitute stands for one or two bytes, which may belong to two characters.
                d.destroyed = d.lossless ? 0 : 2 * std::max<std::size_t>(1, replacements(d.text));
                return d;
            },
            false};
}

std::u32string folded(std::u32string s) {
    for (char32_t& c : s)
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    return s;
}

enum class Marker { question_mark, none };

// A double-byte page that lost the first byte of one character: the decoder reads the bytes
// after it in the wrong pairs until one of them is a single-byte character. With a
// `question_mark` the lost byte shows as '?' and the site folded the fullwidth punctuation in
// the garbled stretch to ASCII (as the corpus shows); with `none` the byte vanished silently.
// The span is text of that page, so the charset must write all of it (Big5 no Simplified 联).
DamageClass misaligned(std::string kind, const char* charset, Marker marker) {
    const std::string name = kind + (marker == Marker::question_mark ? "/?" : "/silent");
    return {name, kind,
            [charset, marker](std::string_view span) -> std::optional<Damaged> {
                if (!encode_strict(charset, span)) return std::nullopt;
                const std::u32string chars = utf8::decode(span);
                // The character to lose: the first double-byte one from a third into the span
                // that has double-byte characters after it.
                for (std::size_t k = chars.size() / 3; k + 3 < chars.size(); ++k) {
                    const std::string before = utf8::encode(chars.substr(0, k));
                    const auto lost = encode_strict(charset, utf8::encode(chars.substr(k, 1)));
                    const auto next = encode_strict(charset, utf8::encode(chars.substr(k + 1, 2)));
                    const auto rest = encode_strict(charset, utf8::encode(chars.substr(k + 1)));
                    if (!lost || lost->size() != 2 || !next || next->size() != 4 || !rest) continue;
                    const std::u32string after = chars.substr(k + 1);
                    std::u32string shown =
                        utf8::decode(decode_lenient(charset, lost->substr(1) + *rest));
                    // The decoder is back in step where its reading and the original end alike.
                    std::size_t same = 0;
                    while (same < std::min(shown.size(), after.size()) &&
                           shown[shown.size() - 1 - same] == after[after.size() - 1 - same])
                        ++same;
                    const std::size_t garbled = shown.size() - same;
                    if (garbled < 2) continue;
                    if (marker == Marker::question_mark)
                        shown = folded(shown.substr(0, garbled)) + shown.substr(garbled);
                    Damaged d;
                    d.text =
                        before + (marker == Marker::question_mark ? "?" : "") + utf8::encode(shown);
                    d.lossless = false;
                    // The character itself, and the last one of the garbled stretch when its
                    // second byte fell on an invalid pair.
                    d.destroyed = 2;
                    return d;
                }
                return std::nullopt;
            },
            true};
}

// Characters lost upstream, as reports show them: 锟斤拷 for two, U+FFFD or '?' for one.
DamageClass lost_upstream() {
    return {"lost/锟斤拷 U+FFFD ?", "",
            [](std::string_view span) -> std::optional<Damaged> {
                std::u32string chars = utf8::decode(span);
                std::vector<std::size_t> han;
                for (std::size_t i = 0; i < chars.size(); ++i)
                    if (chars[i] >= 0x4E00 && chars[i] <= 0x9FFF) han.push_back(i);
                if (han.size() < 6) return std::nullopt;
                // From the end, so that earlier positions stay valid: one '?' between Han
                // characters, one U+FFFD, and two neighbours as 锟斤拷.
                const std::size_t q = han[han.size() - 2], r = han[han.size() / 2], m = han[1];
                if (!(m + 1 < r && r + 1 < q) || chars[m + 1] < 0x4E00 || chars[m + 1] > 0x9FFF)
                    return std::nullopt;
                chars[q] = '?';
                chars[r] = 0xFFFD;
                chars.replace(m, 2, U"锟斤拷");
                Damaged d;
                d.text = utf8::encode(chars);
                d.lossless = false;
                d.destroyed = 4;
                return d;
            },
            true};
}

}  // namespace

const std::vector<DamageClass>& damage_classes() {
    static const std::vector<DamageClass> all = {
        reinterpreted("utf8-as-gbk", "UTF-8", "GB18030"),
        reinterpreted("utf8-as-gbk", "UTF-8", "windows-936-2000"),
        reinterpreted("utf8-as-big5", "UTF-8", "Big5"),
        reinterpreted("utf8-as-latin1", "UTF-8", "windows-1252"),
        reinterpreted("utf8-as-latin1", "UTF-8", "ISO-8859-1"),
        reinterpreted("gbk-as-latin1", "windows-936-2000", "windows-1252"),
        reinterpreted("gbk-as-latin1", "windows-936-2000", "ISO-8859-1"),
        reinterpreted("big5-as-latin1", "Big5", "windows-1252"),
        reinterpreted("big5-as-gbk", "Big5", "GB18030"),
        reinterpreted("big5-as-gbk", "Big5", "windows-936-2000"),
        reinterpreted("gbk-as-big5", "windows-936-2000", "Big5"),
        misaligned("gbk-misaligned", "windows-936-2000", Marker::question_mark),
        misaligned("gbk-misaligned", "windows-936-2000", Marker::none),
        misaligned("big5-misaligned", "Big5", Marker::question_mark),
        misaligned("big5-misaligned", "Big5", Marker::none),
        lost_upstream(),
    };
    return all;
}

}  // namespace gongwen::encoding_fix::testing
