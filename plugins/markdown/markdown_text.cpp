#include "markdown_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "gongwen/utf8.hpp"

namespace gongwen::markdown {

namespace {

bool is_markdown_punctuation(char32_t c) {
    switch (c) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '<':
        case '>':
        case '|':
        case '~':
        case '&':
        case '#':
            return true;
        default:
            return false;
    }
}

// "1. x" and "1) x" open an ordered list, "- x" and "+ x" a bullet list, but only when a space
// or the end of the line follows ("12.5%" and "-25" are plain text).
std::size_t list_marker_end(std::string_view s) {
    const std::size_t start = std::min(s.find_first_not_of(" \t"), s.size());
    std::size_t i = start;
    while (i < s.size() && i - start < 9 && s[i] >= '0' && s[i] <= '9') ++i;
    std::size_t marker = std::string_view::npos;
    if (i > start && i < s.size() && (s[i] == '.' || s[i] == ')'))
        marker = i;
    else if (start < s.size() && (s[start] == '-' || s[start] == '+'))
        marker = start;
    if (marker == std::string_view::npos) return marker;
    const bool ends_marker =
        marker + 1 == s.size() || s[marker + 1] == ' ' || s[marker + 1] == '\t';
    return ends_marker ? marker : std::string_view::npos;
}

}  // namespace

std::string escaped(std::string_view text, Position position) {
    std::string out;
    out.reserve(text.size() + 8);
    const std::size_t marker =
        position == Position::block_start ? list_marker_end(text) : std::string_view::npos;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t here = pos;
        char32_t c = utf8::next(text, pos);
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (c < 0x20 || c == 0x7F) c = utf8::replacement;
        if (here == marker || is_markdown_punctuation(c)) out.push_back('\\');
        utf8::append(out, c);
    }
    return out;
}

std::string readable_number(double value) {
    if (!std::isfinite(value)) return "";
    char buf[400];
    auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
    if (r.ec != std::errc{}) r = std::to_chars(buf, buf + sizeof buf, value);
    const std::string plain(buf, r.ptr);
    const std::size_t digits_start = plain[0] == '-' ? 1 : 0;
    std::size_t digits_end = plain.find_first_not_of("0123456789", digits_start);
    if (digits_end == std::string::npos) digits_end = plain.size();
    std::string out = plain.substr(0, digits_start);
    for (std::size_t i = digits_start; i < digits_end; ++i) {
        if (i > digits_start && (digits_end - i) % 3 == 0) out.push_back(',');
        out.push_back(plain[i]);
    }
    return out + plain.substr(digits_end);
}

}  // namespace gongwen::markdown
