#include "cli/display_width.hpp"

#include <sys/ioctl.h>
#include <unicode/uchar.h>
#include <unistd.h>

#include "gongwen/utf8.hpp"

namespace gongwen {

namespace {

std::size_t columns_of(char32_t c) {
    const auto cp = static_cast<UChar32>(c);
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
    const auto category = static_cast<UCharCategory>(u_charType(cp));
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR)
        return 0;
    const auto width =
        static_cast<UEastAsianWidth>(u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH));
    return (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
}

// Length in bytes of the colour sequence starting at `pos`, or 0 if none starts there.
std::size_t escape_length(std::string_view s, std::size_t pos) {
    if (s[pos] != '\x1b' || pos + 1 >= s.size() || s[pos + 1] != '[') return 0;
    for (std::size_t i = pos + 2; i < s.size(); ++i)
        if (s[i] >= '@' && s[i] <= '~') return i + 1 - pos;
    return s.size() - pos;
}

}  // namespace

std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t pos = 0; pos < s.size();) {
        if (const std::size_t esc = escape_length(s, pos)) {
            pos += esc;
            continue;
        }
        width += columns_of(utf8::next(s, pos));
    }
    return width;
}

std::string fit_width(std::string_view s, std::size_t width) {
    if (display_width(s) <= width) return std::string(s);
    if (width == 0) return {};
    std::string out;
    std::size_t used = 0;
    bool coloured = false;
    for (std::size_t pos = 0; pos < s.size();) {
        if (const std::size_t esc = escape_length(s, pos)) {
            out.append(s, pos, esc);
            coloured = true;
            pos += esc;
            continue;
        }
        const std::size_t begin = pos;
        const std::size_t w = columns_of(utf8::next(s, pos));
        if (used + w > width - 1) break;  // one column is kept for the ellipsis
        out.append(s, begin, pos - begin);
        used += w;
    }
    if (coloured) out += "\x1b[0m";
    return out + "…";
}

std::size_t stdout_terminal_columns() {
    winsize ws{};
    if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_col;
}

}  // namespace gongwen
