#include "figure_scanner.hpp"

#include <cmath>

#include "char_class.hpp"
#include "gongwen/utf8.hpp"
#include "numeral.hpp"

namespace metric_extract {
namespace {

using Text = std::u32string_view;

// A number with what directly belongs to it: an infix qualifier (余) and multipliers (万).
struct Quantity {
    Numeral numeral;
    double value = 0;
    std::size_t end = 0;
    std::string infix;
    double multiplier = 1;
};

struct UnitHit {
    std::size_t end = 0;
    const UnitRule* rule = nullptr;
};

// Pairs of brackets whose content is a title or a slogan, not running text.
char32_t closing_of(char32_t c) {
    switch (c) {
        case U'《':
            return U'》';
        case U'〈':
            return U'〉';
        case U'“':
            return U'”';
        case U'「':
            return U'」';
        case U'『':
            return U'』';
        case U'‘':
            return U'’';
        case U'"':
            return U'"';
        case U'〔':
            return U'〕';
        case U'［':
            return U'］';
        case U'[':
            return U']';
        default:
            return 0;
    }
}

bool is_title_bracket(char32_t c) {
    return c == U'《' || c == U'〈';
}
bool is_number_bracket(char32_t c) {
    return c == U'〔' || c == U'［' || c == U'[';
}

std::u32string digits_of(Text text, const Numeral& n) {
    std::u32string d;
    for (std::size_t k = n.start; k < n.end; ++k)
        if (is_digit(text[k])) d += char32_t(U'0' + digit_value(text[k]));
    return d;
}

bool is_year_like(const Numeral& n) {
    return n.arabic && n.int_digits == 4 && !n.decimal && !n.grouped && n.value >= 1900 &&
           n.value <= 2100;
}

}  // namespace

std::vector<Figure> FigureScanner::scan(Text text, std::size_t begin, std::size_t end,
                                        std::vector<bool>& masked) const {
    const Rules& R = rules_;
    masked.assign(end - begin, false);
    auto mask = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k) masked[k - begin] = true;
    };
    auto is_masked = [&](std::size_t k) { return masked[k - begin]; };

    // Titles, quoted slogans, document numbers and fixed terms.
    for (std::size_t i = begin; i < end;) {
        const char32_t close = closing_of(text[i]);
        if (close) {
            std::size_t limit = is_title_bracket(text[i]) ? end
                                : is_number_bracket(text[i])
                                    ? std::min(end, i + 12)
                                    : std::min(end, i + options_.max_quote + 2);
            int depth = 0;
            std::size_t k = i + 1;
            for (; k < limit; ++k) {
                if (text[k] == text[i] && close != text[i])
                    ++depth;
                else if (text[k] == close && depth-- == 0)
                    break;
            }
            if (k < limit) {
                mask(i, k + 1);
                i = k + 1;
                continue;
            }
        }
        if (auto m = R.terms.longest_at(text, i, end)) {
            mask(i, m->end);
            i = m->end;
            continue;
        }
        ++i;
    }

    auto find_unit = [&](std::size_t pos) -> std::optional<UnitHit> {
        std::optional<UnitHit> hit;
        R.units.for_each_at(text, pos, end, [&](const PhraseMatch& m) {
            const UnitRule& u = R.units.value(m);
            if (m.end < end && u.not_before.find(text[m.end]) != std::u32string::npos) return false;
            hit = UnitHit{m.end, &u};
            return true;
        });
        return hit;
    };

    auto read_number = [&](std::size_t pos) -> std::optional<Numeral> {
        if (pos >= end || is_masked(pos)) return std::nullopt;
        if (is_digit(text[pos])) return read_arabic(text, pos, end);
        if (is_chinese_numeral(text[pos])) return read_chinese(text, pos, end);
        return std::nullopt;
    };

    auto read_quantity = [&](std::size_t pos) -> std::optional<Quantity> {
        auto n = read_number(pos);
        if (!n) return std::nullopt;
        Quantity q;
        q.numeral = *n;
        q.value = n->value;
        std::size_t k = n->end;
        auto infix = [&] {
            if (!q.infix.empty()) return;
            if (auto m = R.infix_qualifiers.longest_at(text, k, end)) {
                q.infix = R.infix_qualifiers.value(*m).as;
                k = m->end;
            }
        };
        infix();
        while (k < end && multiplier_of(text[k]) > 0) {
            // 千米, 百分点: a unit that starts with a multiplier character wins.
            if (auto u = R.units.longest_at(text, k, end); u && u->end - k >= 2) break;
            q.multiplier *= multiplier_of(text[k]);
            ++k;
        }
        infix();
        q.value *= q.multiplier;
        q.end = k;
        return q;
    };

    std::vector<Figure> figures;
    auto prefix_qualifier = [&](Figure& f) {
        if (auto m = R.prefix_qualifiers.longest_ending_at(text, f.num_start, begin)) {
            f.start = m->start;
            f.qualifier = R.prefix_qualifiers.value(*m).as;
            f.approx = true;
        }
    };
    auto suffix_qualifier = [&](Figure& f) {
        if (auto m = R.suffix_qualifiers.longest_at(text, f.end, end)) {
            if (f.qualifier.empty()) f.qualifier = R.suffix_qualifiers.value(*m).as;
            f.approx = true;
            f.end = m->end;
        }
    };
    auto at_line_start = [&](std::size_t pos) {
        for (std::size_t k = pos; k > begin; --k)
            if (!is_space(text[k - 1])) return false;
        return true;
    };

    for (std::size_t i = begin; i < end;) {
        if (is_masked(i)) {
            ++i;
            continue;
        }
        const char32_t c = text[i];
        const char32_t prev = i > begin ? text[i - 1] : U'\n';

        // A standing written as a word: 居全国首位.
        if (auto m = R.rank_standings.longest_at(text, i, end)) {
            const RankRule& rank = R.rank_standings.value(*m);
            Figure f;
            f.start = f.num_start = i;
            f.end = f.unit_end = m->end;
            f.value = rank.value;
            f.unit = rank.unit;
            f.kind = "rank";
            figures.push_back(f);
            i = m->end;
            continue;
        }

        // 第N: a rank (排名第二, 第19名) or an ordinal that names something (第四届).
        if (c == U'第') {
            auto n = read_number(i + 1);
            if (!n) {
                ++i;
                continue;
            }
            auto unit = find_unit(n->end);
            const bool rank_unit = unit && (unit->rule->unit == "名" || unit->rule->unit == "位");
            bool rank = rank_unit;
            if (!unit && !rank) {
                const std::size_t from = i >= begin + 8 ? i - 8 : begin;
                if (auto p = R.rank_prefixes.find_last(text, from, i); p && p->end + 4 >= i) {
                    rank = true;
                    for (std::size_t k = p->end; k < i; ++k)
                        rank = rank && !is_clause_end(text[k]) && !is_digit(text[k]);
                }
            }
            if (rank) {
                Figure f;
                f.start = i;
                f.num_start = n->start;
                f.end = f.unit_end = rank_unit ? unit->end : n->end;
                f.value = n->value;
                f.unit = rank_unit ? unit->rule->unit : "";
                f.kind = "rank";
                figures.push_back(f);
                i = f.end;
            } else {
                i = unit ? unit->end : n->end;
            }
            continue;
        }

        // 百分之九十五
        if (c == U'百' && i + 3 < end && text[i + 1] == U'分' && text[i + 2] == U'之') {
            if (auto q = read_quantity(i + 3)) {
                Figure f;
                f.start = i;
                f.num_start = i + 3;
                f.end = f.unit_end = q->end;
                f.value = q->value;
                f.unit = "%";
                f.kind = "percent";
                if (!q->infix.empty()) {
                    f.qualifier = q->infix;
                    f.approx = true;
                }
                prefix_qualifier(f);
                suffix_qualifier(f);
                figures.push_back(f);
                i = f.end;
                continue;
            }
        }

        const bool arabic_start = is_digit(c) && !is_digit(prev) && prev != U'.' && prev != U'．';
        const bool chinese_start =
            !arabic_start && is_chinese_numeral(c) && !is_chinese_numeral(prev) && !is_digit(prev);
        if (!arabic_start && !chinese_start) {
            ++i;
            continue;
        }
        // Part of a code such as 5G, H5, IPv6, APP2.0.
        if (arabic_start && is_latin(prev)) {
            while (i < end && (is_digit(text[i]) || is_latin(text[i]) || text[i] == U'.')) ++i;
            continue;
        }
        auto q = read_quantity(i);
        if (!q) {
            // An overlong digit run: skip all of it, not digit by digit.
            while (i < end && is_digit(text[i])) ++i;
            if (i < end && !is_digit(text[i]) && !arabic_start) ++i;
            continue;
        }
        const Numeral& n = q->numeral;
        std::size_t k = q->end;
        auto skip_to = [&](std::size_t to) { i = std::max(to, i + 1); };

        if (n.arabic) {
            // Dates and times written with separators: 2022-03-21, 2021-2025, 17:48.
            if (n.end < end && is_year_like(n) &&
                (text[n.end] == U'-' || text[n.end] == U'－' || text[n.end] == U'/' ||
                 text[n.end] == U'.' || text[n.end] == U'—' || text[n.end] == U'~' ||
                 text[n.end] == U'～') &&
                n.end + 1 < end && is_digit(text[n.end + 1])) {
                std::size_t j = n.end;
                while (j < end && (is_digit(text[j]) || text[j] == U'-' || text[j] == U'－' ||
                                   text[j] == U'/' || text[j] == U'.' || text[j] == U'—' ||
                                   text[j] == U'~' || text[j] == U'～'))
                    ++j;
                skip_to(j);
                continue;
            }
            if (n.end + 1 < end && (text[n.end] == U':' || text[n.end] == U'：') &&
                is_digit(text[n.end + 1]) && n.int_digits <= 2) {
                std::size_t j = n.end;
                while (j < end && (is_digit(text[j]) || text[j] == U':' || text[j] == U'：')) ++j;
                skip_to(j);
                continue;
            }
            // Latin right after the number: a code (5G, 4K) unless a unit reads it (10km).
            if (k < end && is_latin(text[k]) && !find_unit(k)) {
                while (i < end && (is_digit(text[i]) || is_latin(text[i]) || text[i] == U'.')) ++i;
                continue;
            }
            // Section and item markers: 1. / 1、 at the start of a line, (1) anywhere.
            if (n.end < end && q->multiplier == 1 && q->infix.empty()) {
                const char32_t next = text[n.end];
                if (at_line_start(n.start) && (next == U'.' || next == U'．' || next == U'、' ||
                                               next == U')' || next == U'）')) {
                    skip_to(n.end + 1);
                    continue;
                }
                // 1.强化督导 inside a line: an ASCII point before a Han character never ends a
                // figure in Chinese text, it numbers an item.
                const bool point_item = (next == U'.' || next == U'．') && n.end + 1 < end &&
                                        is_han(text[n.end + 1]) && !n.decimal;
                if (point_item ||
                    ((prev == U'(' || prev == U'（') && (next == U')' || next == U'）'))) {
                    skip_to(n.end + 1);
                    continue;
                }
            }
        } else {
            // 二〇二一年, 一二三: written digit by digit, a year or a code.
            if (n.digit_sequence) {
                skip_to(n.end);
                continue;
            }
            // 百姓, 千万, 万人: a bare 百/千/万 is a number only when qualified (千余人).
            if (multiplier_of(c) > 0 && n.end == i + 1 && q->infix.empty()) {
                skip_to(n.end);
                continue;
            }
        }

        // A range: 3至5个, 20-40岁, 三到五次.
        std::optional<Quantity> upper;
        auto try_range = [&](std::size_t at) -> std::optional<Quantity> {
            if (at + 1 >= end || !is_range_separator(text[at])) return std::nullopt;
            auto q2 = read_quantity(at + 1);
            if (!q2 || q2->numeral.arabic != n.arabic || q2->value < q->value) return std::nullopt;
            if (is_year_like(q2->numeral) != is_year_like(n)) return std::nullopt;
            return q2;
        };
        if ((upper = try_range(k))) {
            if (q->multiplier == 1 && upper->multiplier != 1) q->value *= upper->multiplier;
            k = upper->end;
        }

        std::size_t u_at = k;
        while (u_at < end && is_space(text[u_at]) && u_at - k < 2) ++u_at;
        auto unit = find_unit(u_at);
        if (!unit) u_at = k;
        // 10%-20%: the range comes after the first unit.
        if (unit && !upper) {
            if (auto q2 = try_range(unit->end)) {
                auto unit2 = find_unit(q2->end);
                if (unit2 && unit2->rule == unit->rule) {
                    upper = q2;
                    unit = unit2;
                }
            }
        }
        const std::size_t after = unit ? unit->end : k;
        auto next_index = [&] { return after; };

        if (R.after_words.longest_ending_at(text, n.start, begin)) {
            skip_to(next_index());
            continue;
        }
        if (unit && unit->rule->kind == "none") {
            skip_to(next_index());
            continue;
        }
        if (is_year_like(n) && (!unit || unit->rule->kind == "duration")) {
            skip_to(next_index());
            continue;
        }
        if (!unit) {
            const bool identifier =
                !n.arabic || R.identifier_prefixes.longest_ending_at(text, n.start, begin) ||
                R.identifier_suffixes.longest_at(text, k, end) ||
                (n.int_digits >= 7 && !n.decimal && !n.grouped && q->multiplier == 1) ||
                (!n.decimal && q->multiplier == 1 && q->infix.empty() && [&] {
                    const std::u32string d = digits_of(text, n);
                    auto m = R.hotlines.longest_at(d, 0, d.size());
                    return m && m->end == d.size();
                }());
            if (identifier || !options_.bare_numbers) {
                skip_to(k);
                continue;
            }
        }
        // 一 with a measure word is an article (一批, 一支队伍), not a count.
        if (!n.arabic && n.single_char && n.value == 1 && !upper) {
            skip_to(next_index());
            continue;
        }
        // 三年行动计划, 五年规划: a programme's name.
        if (unit && unit->rule->kind == "duration" &&
            R.name_suffixes.longest_at(text, after, end)) {
            skip_to(next_index());
            continue;
        }

        Figure f;
        f.start = f.num_start = n.start;
        f.value = q->value;
        if (upper) f.value_max = upper->value;
        if (unit) {
            f.unit = unit->rule->unit;
            f.kind = unit->rule->kind;
            f.value *= unit->rule->scale;
            if (f.value_max) *f.value_max *= unit->rule->scale;
        } else {
            f.kind = k < end && is_han(text[k]) ? "count" : "other";
        }
        f.end = f.unit_end = after;
        const std::string infix = !q->infix.empty() ? q->infix : upper ? upper->infix : "";
        prefix_qualifier(f);
        if (!infix.empty()) {
            if (f.qualifier.empty()) f.qualifier = infix;
            f.approx = true;
        }
        suffix_qualifier(f);
        figures.push_back(f);
        skip_to(f.end);
    }
    return figures;
}

}  // namespace metric_extract
