#include "line_table.hpp"

#include <algorithm>

#include "gongwen/utf8.hpp"

namespace section_split {

LineTable::LineTable(std::string_view text, const CharFold& fold) {
    text_.reserve(text.size() / 2);
    for (std::size_t pos = 0; pos < text.size();) {
        // ASCII and well-formed 3-byte sequences (all of CJK) inline; the SDK decoder, which
        // defines what malformed bytes become, for everything else.
        const auto b = static_cast<unsigned char>(text[pos]);
        if (b < 0x80) {
            text_.push_back(b);
            ++pos;
            continue;
        }
        if ((b & 0xF0) == 0xE0 && pos + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[pos + 1]);
            const auto b2 = static_cast<unsigned char>(text[pos + 2]);
            const char32_t c =
                (char32_t(b & 0x0F) << 12) | (char32_t(b1 & 0x3F) << 6) | (b2 & 0x3F);
            if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && c >= 0x800 &&
                !(c >= 0xD800 && c <= 0xDFFF)) {
                text_.push_back(c);
                pos += 3;
                continue;
            }
        }
        text_.push_back(gongwen::utf8::next(text, pos));
    }
    folded_.resize(text_.size());
    for (std::size_t i = 0; i < text_.size(); ++i) folded_[i] = fold(text_[i]);

    std::size_t start = 0;
    auto add = [&](std::size_t end) {
        Line line;
        line.start = start;
        line.end = end;
        line.cs = start;
        while (line.cs < end && folded_[line.cs] == ' ') ++line.cs;
        line.ce = end;
        while (line.ce > line.cs && folded_[line.ce - 1] == ' ') --line.ce;
        lines_.push_back(line);
    };
    for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') {
            add(i);
            start = i + 1;
        }
    }
    if (start < text_.size()) add(text_.size());

    int run = 0;
    for (auto& line : lines_) {
        line.gap_before = run;
        run = line.blank() ? run + 1 : 0;
    }
    run = 0;
    for (std::size_t i = lines_.size(); i-- > 0;) {
        lines_[i].gap_after = run;
        run = lines_[i].blank() ? run + 1 : 0;
    }
}

std::u32string LineTable::key(const Line& line) const {
    std::u32string out;
    out.reserve(line.length());
    for (std::size_t i = line.cs; i < line.ce; ++i)
        if (folded_[i] != ' ') out.push_back(folded_[i]);
    return out;
}

std::string LineTable::utf8(std::size_t start, std::size_t end) const {
    std::string out;
    out.reserve((end - start) * 3);
    for (std::size_t i = start; i < end && i < text_.size(); ++i)
        gongwen::utf8::append(out, text_[i]);
    return out;
}

std::size_t LineTable::line_at(std::size_t cp) const {
    auto it = std::upper_bound(lines_.begin(), lines_.end(), cp,
                               [](std::size_t c, const Line& line) { return c < line.start; });
    return it == lines_.begin() ? 0 : static_cast<std::size_t>(it - lines_.begin()) - 1;
}

std::size_t LineTable::next_content(std::size_t i) const {
    for (std::size_t j = i + 1; j < lines_.size(); ++j)
        if (!lines_[j].blank()) return j;
    return npos;
}

std::size_t LineTable::prev_content(std::size_t i) const {
    for (std::size_t j = i; j-- > 0;)
        if (!lines_[j].blank()) return j;
    return npos;
}

}  // namespace section_split
