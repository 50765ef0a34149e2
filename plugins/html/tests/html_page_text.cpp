#include "html_page_text.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace gongwen::test {

namespace {

std::string without_markup(const std::string& html) {
    std::string out;
    for (std::size_t i = 0; i < html.size(); ++i) {
        if (html[i] == '<') {
            i = html.find('>', i);
            if (i == std::string::npos) break;
            continue;
        }
        if (html[i] == '&') {
            static const std::pair<const char*, char> refs[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
            bool known = false;
            for (const auto& [ref, c] : refs)
                if (html.compare(i, std::strlen(ref), ref) == 0) {
                    out.push_back(c);
                    i += std::strlen(ref) - 1;
                    known = true;
                    break;
                }
            if (!known) ADD_FAILURE() << "unexpected reference at " << html.substr(i, 12);
            if (known) continue;
        }
        out.push_back(html[i]);
    }
    return out;
}

}  // namespace

std::string page_text(const std::string& html) {
    const std::string open = "<div class=\"text\"";
    const auto start = html.find('>', html.find(open));
    const auto end = html.find("</div>\n</article>");
    if (html.find(open) == std::string::npos || end == std::string::npos) {
        ADD_FAILURE() << "no text element";
        return "";
    }
    return without_markup(html.substr(start + 1, end - start - 1));
}

std::string mark_text(const std::string& html, std::size_t i) {
    const auto id = html.find("id=\"m" + std::to_string(i) + "\"");
    if (id == std::string::npos) return "";
    const auto mark = html.rfind("<mark", id);
    // Continuation pieces (after a line break or a section anchor) carry no id: follow them.
    std::string text;
    std::size_t at = html.find('>', mark) + 1;
    while (true) {
        const auto close = html.find("</mark>", at);
        text += without_markup(html.substr(at, close - at));
        const auto next = html.find("<mark", close);
        const auto between = without_markup(html.substr(close + 7, next - close - 7));
        if (next == std::string::npos || !between.empty() ||
            html.compare(next, 14, "<mark class=\"m") != 0 ||
            html.find(" id=\"m", next) < html.find('>', next))
            break;
        at = html.find('>', next) + 1;
    }
    return text;
}

}  // namespace gongwen::test
