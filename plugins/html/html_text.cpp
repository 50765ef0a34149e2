#include "html_text.hpp"

#include "gongwen/utf8.hpp"

namespace gongwen::html {

void append_escaped(std::string& out, std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const char c = text[pos];
        if (static_cast<unsigned char>(c) >= 0x80) {
            const char32_t cp = utf8::next(text, pos);  // U+FFFD for malformed bytes
            utf8::append(out, cp >= 0x80 && cp <= 0x9F ? utf8::replacement : cp);
            continue;
        }
        ++pos;
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case '\t':
            case '\n':
            case '\r':
                out.push_back(c);
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
                    utf8::append(out, utf8::replacement);
                else
                    out.push_back(c);
        }
    }
}

std::string escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    append_escaped(out, text);
    return out;
}

}  // namespace gongwen::html
