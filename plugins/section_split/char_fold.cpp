#include "char_fold.hpp"

#include <opencc/SimpleConverter.hpp>

#include <stdexcept>

#include "gongwen/utf8.hpp"

namespace section_split {

bool is_space(char32_t c) {
    switch (c) {
        case ' ':
        case '\t':
        case '\r':
        case '\f':
        case '\v':
        case 0x00A0:
        case 0x1680:
        case 0x200B:
        case 0x202F:
        case 0x205F:
        case 0x3000:
        case 0xFEFF:
            return true;
        default:
            return c >= 0x2000 && c <= 0x200A;
    }
}

CharFold::CharFold(bool script) : table_(0x10000) {
    for (char32_t c = 0; c < table_.size(); ++c) table_[c] = c;
    if (script) {
        // OpenCC converts text; converting every ideograph on a line of its own gives its
        // character-level mapping (a newline stops phrase matching across characters).
        constexpr char32_t first = 0x3400, last = 0x9FFF;
        std::string all;
        all.reserve((last - first + 1) * 4);
        for (char32_t c = first; c <= last; ++c) {
            gongwen::utf8::append(all, c);
            all.push_back('\n');
        }
        std::string converted;
        try {
            opencc::SimpleConverter t2s("t2s.json");
            converted = t2s.Convert(all);
        } catch (const std::exception& e) {
            throw std::runtime_error(
                std::string("cannot load OpenCC's t2s.json (package opencc) to match "
                            "Traditional text: ") +
                e.what() + "; set fold_traditional = false to run without it");
        }
        std::size_t pos = 0;
        for (char32_t c = first; c <= last && pos < converted.size(); ++c) {
            std::size_t end = converted.find('\n', pos);
            if (end == std::string::npos) end = converted.size();
            const std::u32string out =
                gongwen::utf8::decode(std::string_view(converted).substr(pos, end - pos));
            if (out.size() == 1) table_[c] = out[0];
            pos = end + 1;
        }
    }
    for (char32_t c = 0xFF01; c <= 0xFF5E; ++c) table_[c] = c - 0xFEE0;
    for (char32_t c = 'A'; c <= 'Z'; ++c) table_[c] = c + ('a' - 'A');
    for (char32_t c = 0; c < table_.size(); ++c)
        if (is_space(c)) table_[c] = ' ';
    // Dashes and other look-alikes that sites use interchangeably.
    for (char32_t c : {U'\u2010', U'\u2011', U'\u2012', U'\u2013', U'\u2212', U'\uFE63'})
        table_[c] = '-';
    table_[U'\u3001'] = U'\u3001';  // 、 stays: it is a marker of its own
    table_[U'\uFF64'] = U'\u3001';  // half-width ideographic comma
    table_[U'\u00B7'] = U'\u00B7';
    table_[U'\u203A'] = '>';
    table_[U'\u00BB'] = '>';
    table_[U'\u3009'] = '>';
}

const CharFold& CharFold::with_script_folding() {
    static const CharFold fold(true);
    return fold;
}

const CharFold& CharFold::without_script_folding() {
    static const CharFold fold(false);
    return fold;
}

std::u32string CharFold::fold(std::u32string_view s) const {
    std::u32string out(s);
    for (char32_t& c : out) c = (*this)(c);
    return out;
}

std::u32string CharFold::key(std::u32string_view s) const {
    std::u32string out;
    out.reserve(s.size());
    for (char32_t c : s) {
        const char32_t f = (*this)(c);
        if (f != ' ') out.push_back(f);
    }
    return out;
}

}  // namespace section_split
