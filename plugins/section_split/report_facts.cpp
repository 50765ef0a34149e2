#include "report_facts.hpp"

#include "date_text.hpp"

namespace section_split {

namespace {

// The kind whose word starts first in `key` (the longest there); empty if none.
std::string first_kind(std::u32string_view key, const std::vector<KindWord>& words) {
    std::size_t best_at = std::u32string_view::npos, best_len = 0;
    std::string kind;
    for (const KindWord& w : words) {
        const std::size_t at = key.find(w.word);
        if (at == std::u32string_view::npos) continue;
        if (at < best_at || (at == best_at && w.word.size() > best_len)) {
            best_at = at;
            best_len = w.word.size();
            kind = w.kind;
        }
    }
    return kind;
}

std::u32string without_spaces(std::u32string_view s) {
    std::u32string out;
    for (char32_t c : s)
        if (c != ' ') out.push_back(c);
    return out;
}

std::string period_in(std::u32string_view text, const RuleBook& rules, bool adjacent) {
    std::size_t start = 0, end = 0;
    const std::string year = find_year(text, 0, &start, &end);
    if (year.empty()) return "";
    if (year.find('-') != std::string::npos) return year;
    const std::u32string_view rest = text.substr(end);
    std::size_t best_at = std::u32string_view::npos, best_len = 0;
    std::string suffix;
    for (const PeriodWord& p : rules.periods) {
        const std::size_t at = rest.find(p.word);
        if (at == std::u32string_view::npos || (adjacent && at > 1)) continue;  // 年度上半年
        if (at < best_at || (at == best_at && p.word.size() > best_len)) {
            best_at = at;
            best_len = p.word.size();
            suffix = p.suffix;
        }
    }
    return year + suffix;
}

}  // namespace

std::string report_period(std::u32string_view title, std::u32string_view first_paragraph,
                          const RuleBook& rules) {
    std::string period = period_in(without_spaces(title), rules, false);
    if (period.empty()) period = period_in(without_spaces(first_paragraph), rules, true);
    return period;
}

std::string report_kind(std::u32string_view title, std::u32string_view first_paragraph,
                        const std::vector<std::u32string>& top_headings, const RuleBook& rules) {
    std::string kind = first_kind(without_spaces(title), rules.title_kinds);
    if (kind.empty()) kind = first_kind(without_spaces(first_paragraph), rules.body_kinds);
    for (const auto& heading : top_headings) {
        if (!kind.empty()) break;
        kind = first_kind(without_spaces(heading), rules.body_kinds);
    }
    return kind;
}

}  // namespace section_split
