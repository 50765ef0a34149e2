#include "page_layout.hpp"

#include <algorithm>
#include <map>

#include "date_text.hpp"

namespace section_split {

namespace {

bool ends_with(std::u32string_view s, std::u32string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

bool dash_led(std::u32string_view folded) {
    return !folded.empty() && (folded[0] == U'—' || folded[0] == '-' || folded[0] == U'─');
}

// Segments of a line split at `sep`, or empty when any segment is longer than `max`.
std::vector<std::u32string> segments(std::u32string_view key, char32_t sep, std::size_t max) {
    std::vector<std::u32string> out;
    std::size_t from = 0;
    for (std::size_t i = 0; i <= key.size(); ++i) {
        if (i < key.size() && key[i] != sep) continue;
        if (i - from > max) return {};
        if (i > from) out.emplace_back(key.substr(from, i - from));
        from = i + 1;
    }
    return out;
}

}  // namespace

bool PageLayout::has_sentence_end(std::u32string_view s) {
    return s.find_first_of(U"。!?;") != std::u32string_view::npos;
}

bool PageLayout::prose(std::u32string_view s) {
    if (has_sentence_end(s)) return true;
    return s.size() >= 50 && s.find_first_of(U",，、") != std::u32string_view::npos;
}

PageLayout::PageLayout(const LineTable& lines, const RuleBook& rules)
    : lines_(lines), rules_(rules), roles_(lines.size()), pattern_(lines.size()) {
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        if (lines_[i].blank()) {
            roles_[i].kind = LineKind::blank;
            continue;
        }
        roles_[i].marker = parse_marker(lines_.folded(lines_[i]));
        pattern_[i] = pattern_reason(i);
    }
    const std::size_t head_end = parse_head();
    const std::size_t tail_start = parse_tail(head_end);
    classify_core(head_end, tail_start);
}

std::string PageLayout::pattern_reason(std::size_t i) const {
    const Line& line = lines_[i];
    if (line.length() > rules_.settings.max_boilerplate_chars) return "";
    const std::u32string key = lines_.key(line);
    if (rules_.spam.score(key) >= rules_.settings.spam_threshold) return "spam";
    const std::u32string_view folded = lines_.folded(line);
    if (roles_[i].marker) return rules_.footer.any(key) ? "footer" : "";
    if (!has_sentence_end(folded)) {
        if (rules_.navigation.any(key)) return "navigation";
        if (rules_.widget.any(key)) return "widget";
        if (rules_.footer.any(key)) return "footer";
        // Breadcrumbs (a > b > c) and menus (a | b | c | d) by their shape.
        if (std::count(key.begin(), key.end(), U'>') >= 2 && !segments(key, U'>', 16).empty())
            return "navigation";
        if (std::count(key.begin(), key.end(), U'|') >= 3 && !segments(key, U'|', 12).empty())
            return "navigation";
    }
    if (line.length() <= rules_.settings.max_caption_chars && rules_.caption.any(key))
        return "caption";
    return "";
}

bool PageLayout::apply_fields(std::size_t i, const char* reason) {
    const Line& line = lines_[i];
    if (line.length() > 2 * rules_.settings.max_boilerplate_chars || pattern_[i] == "spam")
        return false;
    const std::u32string_view folded = lines_.folded(line);
    const std::vector<Field> fields = rules_.fields.parse(folded);
    if (fields.empty()) return false;
    roles_[i].kind = LineKind::field;
    roles_[i].reason = reason;
    for (const Field& f : fields) {
        if (f.value_end <= f.value_start) continue;
        const std::u32string_view value = folded.substr(f.value_start, f.value_end - f.value_start);
        if (f.role == "published" && published_.empty()) {
            if (auto date = find_date(value)) published_ = date->iso();
        } else if (f.role == "issuer" && issuer_.empty() && value != U"-") {
            issuer_ = lines_.utf8(line.cs + f.value_start, line.cs + f.value_end);
        }
    }
    return true;
}

std::size_t PageLayout::parse_head() {
    std::vector<std::size_t> candidates;
    std::optional<std::size_t> first_field;
    std::vector<std::u32string> crumbs;
    std::size_t i = 0;
    for (; i < lines_.size(); ++i) {
        const Line& line = lines_[i];
        if (line.blank()) continue;
        if (apply_fields(i, "title_block")) {
            if (!first_field) first_field = i;
            continue;
        }
        if (!pattern_[i].empty()) {
            roles_[i].kind = LineKind::boilerplate;
            roles_[i].reason = pattern_[i];
            if (pattern_[i] == "navigation") {
                const std::u32string key = lines_.key(line);
                for (auto& c : segments(key, U'>', 16)) crumbs.push_back(std::move(c));
            }
            continue;
        }
        const std::u32string_view folded = lines_.folded(line);
        if (roles_[i].marker || prose(folded)) break;
        if (is_date_line(folded)) {
            roles_[i].kind = LineKind::field;
            roles_[i].reason = "title_block";
            if (published_.empty()) published_ = find_date(folded)->iso();
            continue;
        }
        if (line.length() > rules_.settings.max_title_chars) break;
        candidates.push_back(i);
    }
    std::size_t head_end = i;

    // A short line that repeats a breadcrumb step is the column name shown above the title.
    std::erase_if(candidates, [&](std::size_t c) {
        if (std::find(crumbs.begin(), crumbs.end(), lines_.key(lines_[c])) == crumbs.end())
            return false;
        roles_[c].kind = LineKind::boilerplate;
        roles_[c].reason = "navigation";
        return true;
    });
    if (candidates.empty()) return head_end;

    // The title is the line just above the fields (or the first line when there are none);
    // unknown short lines above it are more page header.
    std::vector<std::size_t> after;
    if (first_field && candidates.front() < *first_field) {
        auto split = std::lower_bound(candidates.begin(), candidates.end(), *first_field);
        title_line_ = *(split - 1);
        for (auto it = candidates.begin(); it != split - 1; ++it) {
            roles_[*it].kind = LineKind::boilerplate;
            roles_[*it].reason = "navigation";
        }
        after.assign(split, candidates.end());
    } else {
        title_line_ = candidates.front();
        after.assign(candidates.begin() + 1, candidates.end());
    }
    roles_[*title_line_].kind = LineKind::title;

    // Below the title: a display title with its ——subtitle belongs to the title block; the
    // first other line starts the text (it may be an unnumbered headline).
    for (std::size_t k = 0; k < after.size(); ++k) {
        const std::size_t c = after[k];
        const bool subtitle = dash_led(lines_.folded(lines_[c]));
        const bool above_subtitle =
            k + 1 < after.size() && dash_led(lines_.folded(lines_[after[k + 1]]));
        if (!subtitle && !above_subtitle) {
            head_end = c;
            break;
        }
        roles_[c].kind = LineKind::title;
    }
    return head_end;
}

bool PageLayout::issuer_like(std::size_t i) const {
    const Line& line = lines_[i];
    if (line.length() > 40 || roles_[i].marker || !pattern_[i].empty()) return false;
    const std::u32string_view folded = lines_.folded(line);
    if (has_sentence_end(folded) || folded.find_first_of(U",，:") != std::u32string_view::npos)
        return false;
    const std::u32string key = lines_.key(line);
    return std::any_of(rules_.issuer_suffixes.begin(), rules_.issuer_suffixes.end(),
                       [&](const std::u32string& s) { return ends_with(key, s); });
}

bool PageLayout::take_signature(std::size_t& i, std::size_t head_end) {
    if (!signature_date_.empty()) return false;
    const Line& line = lines_[i];
    const std::u32string_view folded = lines_.folded(line);
    if (line.length() > rules_.settings.max_boilerplate_chars || roles_[i].marker) return false;
    std::optional<Date> date = find_date(folded);
    if (!date) return false;
    // The date alone on its line, or "issuer date" on one line.
    if (!is_date_line(folded)) {
        if (date->end != folded.size() && !is_date_line(folded.substr(date->start))) return false;
        const std::u32string prefix = rules_.fold.key(folded.substr(0, date->start));
        if (prefix.empty() || has_sentence_end(prefix) ||
            std::none_of(rules_.issuer_suffixes.begin(), rules_.issuer_suffixes.end(),
                         [&](const std::u32string& s) { return ends_with(prefix, s); }))
            return false;
        std::size_t end = line.cs + date->start;
        while (end > line.cs && lines_.folded(end - 1, end)[0] == ' ') --end;
        signature_issuer_ = lines_.utf8(line.cs, end);
    }
    signature_date_ = date->iso();
    roles_[i].kind = LineKind::field;
    roles_[i].reason = "signature";
    // Issuing bodies stand right above the date, one a line (joint reports have several).
    std::vector<std::size_t> issuers;
    std::size_t j = i;
    while (signature_issuer_.empty() && issuers.size() < 4) {
        const std::size_t above = lines_.prev_content(j);
        if (above == LineTable::npos || above < head_end || lines_[above].gap_after > 1 ||
            !issuer_like(above))
            break;
        issuers.push_back(above);
        j = above;
    }
    for (auto it = issuers.rbegin(); it != issuers.rend(); ++it) {
        roles_[*it].kind = LineKind::field;
        roles_[*it].reason = "signature";
        if (!signature_issuer_.empty()) signature_issuer_ += " ";
        signature_issuer_ += lines_.utf8(lines_[*it].cs, lines_[*it].ce);
    }
    if (!issuers.empty()) i = issuers.back();
    return true;
}

bool PageLayout::take_attachment_list(std::size_t& i, std::size_t head_end) {
    // Short lines under a footer line near the end (附件: then the file names) are the footer.
    std::vector<std::size_t> list;
    for (std::size_t j = i; j != LineTable::npos && j >= head_end && list.size() < 12;
         j = lines_.prev_content(j)) {
        if (pattern_[j] == "footer") {
            for (std::size_t k : list) {
                roles_[k].kind = LineKind::boilerplate;
                roles_[k].reason = "footer";
            }
            roles_[j].kind = LineKind::boilerplate;
            roles_[j].reason = "footer";
            i = j;
            return true;
        }
        if (lines_[j].length() > rules_.settings.max_boilerplate_chars ||
            has_sentence_end(lines_.folded(lines_[j])))
            return false;
        list.push_back(j);
    }
    return false;
}

std::size_t PageLayout::parse_tail(std::size_t head_end) {
    std::size_t i = lines_.size();
    while (i-- > head_end) {
        if (lines_[i].blank()) continue;
        if (!pattern_[i].empty()) {
            roles_[i].kind = LineKind::boilerplate;
            roles_[i].reason = pattern_[i];
            continue;
        }
        if (apply_fields(i, "page_info")) continue;
        if (take_signature(i, head_end)) continue;
        if (take_attachment_list(i, head_end)) continue;
        return i + 1;
    }
    return head_end;
}

void PageLayout::classify_core(std::size_t begin, std::size_t end) {
    const Settings& s = rules_.settings;
    std::vector<std::size_t> open;  // content lines still to be decided
    for (std::size_t i = begin; i < end; ++i) {
        if (lines_[i].blank()) continue;
        if (!pattern_[i].empty()) {
            roles_[i].kind = LineKind::boilerplate;
            roles_[i].reason = pattern_[i];
        } else if (roles_[i].marker) {
            roles_[i].kind = LineKind::heading;
        } else {
            open.push_back(i);
        }
    }
    // The text's usual paragraph gap: a picture the scraper dropped leaves a wider one.
    std::map<int, int> gaps;
    bool first = true;
    for (std::size_t i = begin; i < end; ++i) {
        if (lines_[i].blank() || roles_[i].kind == LineKind::boilerplate) continue;
        if (!first) ++gaps[lines_[i].gap_before];
        first = false;
    }
    int usual = 0, best = -1;
    for (const auto& [gap, count] : gaps)
        if (count > best) usual = gap, best = count;

    auto next_text = [&](std::size_t i) {
        for (std::size_t j = i + 1; j < end; ++j)
            if (!lines_[j].blank() && roles_[j].kind != LineKind::boilerplate) return j;
        return LineTable::npos;
    };
    auto is_open = [&](std::size_t i) {
        return std::binary_search(open.begin(), open.end(), i) && roles_[i].kind == LineKind::body;
    };
    auto shaped = [&](std::size_t i) {
        if (!is_open(i) || lines_[i].length() > s.max_headline_chars) return false;
        const std::u32string_view f = lines_.folded(lines_[i]);
        return !has_sentence_end(f) &&
               std::u32string_view(U",，、:").find(f.back()) == std::u32string_view::npos &&
               !dash_led(f);
    };
    auto prose_at = [&](std::size_t k) {
        return k != LineTable::npos && is_open(k) && prose(lines_.folded(lines_[k]));
    };
    // Whether a headline starts at j: a short line over prose, or two of them set closer
    // together than the usual gap (a headline on two lines) over prose.
    auto headline_at = [&](std::size_t j) {
        if (j == LineTable::npos || !shaped(j)) return 0;
        const std::size_t k = next_text(j);
        if (prose_at(k)) return 1;
        if (k != LineTable::npos && shaped(k) && lines_[j].gap_after < usual &&
            prose_at(next_text(k)))
            return 2;
        return 0;
    };
    auto headline_follows = [&](std::size_t j) {
        return j != LineTable::npos && (roles_[j].kind == LineKind::heading || headline_at(j) > 0);
    };

    // Captions: a short single sentence after a wider gap than usual, before a heading, a
    // wide gap or the end.
    for (std::size_t i : open) {
        const Line& line = lines_[i];
        if (i == open.front() || line.length() > s.max_caption_chars || line.gap_before <= usual)
            continue;
        const std::u32string_view f = lines_.folded(line);
        const std::size_t stop = f.find_first_of(U"。!?;");
        if (stop != std::u32string_view::npos && stop + 1 != f.size()) continue;
        const std::size_t j = next_text(i);
        if (j == LineTable::npos || line.gap_after > usual || headline_follows(j)) {
            roles_[i].kind = LineKind::boilerplate;
            roles_[i].reason = "caption";
        }
    }
    if (!s.unnumbered_headlines) return;
    // Headlines: a short line without sentence punctuation heading prose; a headline may be
    // set on two lines closer together than the usual gap.
    for (std::size_t i : open) {
        if (roles_[i].continues_headline) continue;
        const int size = headline_at(i);
        if (size == 0) continue;
        roles_[i].kind = LineKind::heading;
        if (size == 2) {
            const std::size_t j = next_text(i);
            roles_[j].kind = LineKind::heading;
            roles_[j].continues_headline = true;
        }
    }
}

}  // namespace section_split
