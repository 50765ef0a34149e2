#include "figure_context.hpp"

#include "char_class.hpp"
#include "gongwen/utf8.hpp"
#include "numeral.hpp"

namespace metric_extract {
namespace {

using Text = std::u32string_view;

std::string utf8(Text text, std::size_t begin, std::size_t end) {
    return gongwen::utf8::encode(text.substr(begin, end - begin));
}

std::string relative_period(const std::string& word, int year) {
    if (year <= 0) return "";
    const std::string y = std::to_string(year);
    if (word == "year") return y;
    if (word == "year-1") return std::to_string(year - 1);
    if (word == "year+1") return std::to_string(year + 1);
    return y + word;  // H1, H2, Q1 …
}

bool is_quote_mark(char32_t c) {
    return c == U'“' || c == U'”' || c == U'‘' || c == U'’' || c == U'「' || c == U'」' ||
           c == U'《' || c == U'》' || c == U'"' || c == U'『' || c == U'』';
}

}  // namespace

std::string last_period(const Rules& rules, Text text, std::size_t begin, std::size_t end, int year,
                        const std::vector<bool>* masked, std::size_t mask_begin) {
    std::string found;
    auto is_masked = [&](std::size_t k) {
        return masked && k >= mask_begin && k - mask_begin < masked->size() &&
               (*masked)[k - mask_begin];
    };
    auto after_comparison = [&](std::size_t k) {
        return k > begin && (text[k - 1] == U'较' || text[k - 1] == U'較' || text[k - 1] == U'比' ||
                             text[k - 1] == U'与' || text[k - 1] == U'與' || text[k - 1] == U'同');
    };
    for (std::size_t i = begin; i < end;) {
        if (is_masked(i)) {
            ++i;
            continue;
        }
        if (is_digit(text[i]) && (i == begin || !is_digit(text[i - 1]))) {
            std::size_t k = i;
            int y = 0;
            while (k < end && is_digit(text[k])) y = y * 10 + digit_value(text[k++]);
            const bool range = (i > begin && (text[i - 1] == U'-' || text[i - 1] == U'—' ||
                                              text[i - 1] == U'至')) ||
                               (k < end && (text[k] == U'-' || text[k] == U'—'));
            if (k - i == 4 && y >= 1900 && y <= 2100 && k < end && text[k] == U'年' && !range) {
                std::size_t j = k + 1;
                std::string p = std::to_string(y);
                if (auto m = rules.periods.longest_at(text, j, end)) {
                    const std::string& w = rules.periods.value(*m);
                    if (w[0] == 'H' || w[0] == 'Q') p += w;
                    j = m->end;
                }
                if (!after_comparison(i)) found = p;
                i = j;
                continue;
            }
            i = k;
            continue;
        }
        if (auto m = rules.periods.longest_at(text, i, end)) {
            if (!after_comparison(i)) {
                std::string p = relative_period(rules.periods.value(*m), year);
                if (!p.empty()) found = p;
            }
            i = m->end;
            continue;
        }
        ++i;
    }
    return found;
}

void FigureContext::read(Text text, const ParagraphContext& para,
                         const std::vector<Figure>& figures, const std::vector<bool>& masked,
                         std::vector<gongwen::Metric>& out) const {
    const Rules& R = rules_;
    const std::size_t first_out = out.size();
    auto is_masked = [&](std::size_t k) {
        return k >= para.begin && k < para.end && masked[k - para.begin];
    };
    auto sentence_start = [&](std::size_t pos) {
        while (pos > para.begin && !is_sentence_end(text[pos - 1])) --pos;
        return pos;
    };
    auto clause_start = [&](std::size_t pos, std::size_t floor) {
        while (pos > floor && !is_clause_end(text[pos - 1])) --pos;
        return pos;
    };
    auto word_kind = [&](std::size_t pos, std::size_t limit) -> std::optional<PhraseMatch> {
        return R.subject_words.longest_at(text, pos, limit);
    };

    // Strips time, scope and link words from the front of text[a, b) and links from its back.
    auto trim = [&](std::size_t& a, std::size_t& b) {
        for (bool changed = true; changed && a < b;) {
            changed = false;
            if (is_space(text[a]) || is_clause_end(text[a]) || is_quote_mark(text[a])) {
                ++a;
                changed = true;
            } else if (is_digit(text[a])) {
                std::size_t k = a;
                while (k < b && is_digit(text[k])) ++k;
                if (k < b && (text[k] == U'年' || text[k] == U'月' || text[k] == U'日')) {
                    while (k < b && (text[k] == U'年' || text[k] == U'月' || text[k] == U'日' ||
                                     text[k] == U'份' || text[k] == U'度' || text[k] == U'底'))
                        ++k;
                    a = k;
                    changed = true;
                }
            } else if (auto m = word_kind(a, b);
                       m && (R.subject_words.value(*m) & (subject_time | subject_link))) {
                a = m->end;
                changed = true;
            } else if (auto s = R.scopes.longest_at(text, a, b)) {
                a = s->end;
                changed = true;
            } else if (auto p = R.periods.longest_at(text, a, b)) {
                a = p->end;
                changed = true;
            } else if (auto w = R.plan_words.longest_at(text, a, b)) {
                a = w->end;
                changed = true;
            }
        }
        for (bool changed = true; changed && a < b;) {
            changed = false;
            const char32_t c = text[b - 1];
            if (is_space(c) || is_clause_end(c) || is_quote_mark(c) || c == U'和' || c == U'及' ||
                c == U'与' || c == U'與') {
                --b;
                changed = true;
            } else if (auto m = R.subject_words.longest_ending_at(text, b, a);
                       m && (R.subject_words.value(*m) & subject_link)) {
                b = m->start;
                changed = true;
            } else if (auto d = R.directions.longest_ending_at(text, b, a)) {
                b = d->start;
                changed = true;
            } else if (auto basis = R.bases.find_last(text, a, b);
                       basis && (R.bases.value(*basis) == BasisKind::lead || basis->end == b)) {
                // 律师人数比去年增加120名: the comparison is the basis, not the subject.
                b = basis->start;
                changed = true;
            }
        }
    };

    auto subject_before = [&](std::size_t floor, std::size_t pos) -> std::string {
        std::size_t a = clause_start(pos, floor);
        // 党史学习宣传、革命传统教育等6万场次: a list closed by 等 is one subject.
        {
            std::size_t b = pos;
            while (b > a && is_space(text[b - 1])) --b;
            if (b > a && text[b - 1] == U'等')
                while (a > floor && text[a - 1] == U'、') a = clause_start(a - 1, floor);
        }
        std::size_t b = pos;
        trim(a, b);
        if (a >= b) return "";
        // The object of the last verb: 办理法律援助案件 → 法律援助案件. A verb alone (废止
        // 地方性法规5部、修改9部) has no object of its own: the caller reuses the previous one.
        for (std::size_t p = b; p > a; --p) {
            auto m = R.subject_words.longest_ending_at(text, p, a);
            if (!m || !(R.subject_words.value(*m) & subject_verb)) continue;
            if (m->end < b)
                a = m->end;
            else if (m->start > a)
                b = m->start;
            else
                return "";
            break;
        }
        trim(a, b);
        if (b > a + 20) a = b - 20;
        return a < b ? utf8(text, a, b) : "";
    };

    auto subject_after = [&](std::size_t pos) -> std::string {
        std::size_t k = pos;
        while (k < para.end && k - pos < 12 && is_han(text[k]) && !is_clause_end(text[k]) &&
               !is_chinese_numeral(text[k]) && text[k] != U'和' && text[k] != U'及' &&
               text[k] != U'与' && text[k] != U'與') {
            if (auto m = word_kind(k, para.end);
                m && (R.subject_words.value(*m) & (subject_verb | subject_link)))
                break;
            if (R.directions.longest_at(text, k, para.end) ||
                R.prefix_qualifiers.longest_at(text, k, para.end))
                break;
            ++k;
        }
        return k > pos ? utf8(text, pos, k) : "";
    };

    std::size_t prev_end = para.begin;
    for (std::size_t idx = 0; idx < figures.size(); ++idx) {
        const Figure& f = figures[idx];
        gongwen::Metric m;
        m.text = utf8(text, f.start, f.end);
        m.value = f.value;
        m.value_max = f.value_max;
        m.unit = f.unit;
        m.approx = f.approx;
        m.qualifier = f.qualifier;
        m.kind = f.kind;
        m.section = para.section;
        m.start = f.start;
        m.end = f.end;

        const std::size_t sent = sentence_start(f.start);
        const bool same_sentence = idx > 0 && figures[idx - 1].end > sent;
        const std::size_t floor = same_sentence ? std::max(sent, prev_end) : sent;

        // Subject: the noun after a measure word (6个省直监所党委), else the phrase before.
        if ((f.kind == "count" || f.kind == "other") && f.end < para.end && is_han(text[f.end]))
            m.subject = subject_after(f.end);
        if (m.subject.empty()) m.subject = subject_before(floor, f.start);
        if (m.subject.empty() && same_sentence && out.size() > first_out)
            m.subject = out.back().subject;

        // Scope: the nearest scope word in the sentence, else the title's.
        for (std::size_t p = f.start; p > sent && m.scope.empty(); --p)
            if (auto s = R.scopes.longest_ending_at(text, p, sent); s && !is_masked(s->start))
                m.scope = R.scopes.value(*s);
        if (m.scope.empty()) m.scope = para.scope;

        // Period: the sentence's own date, else the section's or the report's.
        m.period = last_period(R, text, sent, f.start, para.year, &masked, para.begin);
        if (m.period.empty()) m.period = para.period;

        // Modality.
        bool plan = para.plan;
        if (!plan)
            if (auto w = R.plan_words.find_last(text, sent, f.start); w && !is_masked(w->start))
                plan = true;
        m.modality = plan ? "plan" : "actual";

        // Direction and basis of a change: 同比增长12%, 较2022年底分别增长12.4%.
        std::size_t p = f.start;
        for (;;) {
            auto d = R.directions.longest_ending_at(text, p, sent);
            if (d && R.directions.value(*d) == DirectionKind::filler) {
                p = d->start;
                continue;
            }
            break;
        }
        if (auto d = R.directions.longest_ending_at(text, p, sent)) {
            const DirectionKind dk = R.directions.value(*d);
            if (dk == DirectionKind::up || dk == DirectionKind::down) {
                m.direction = dk == DirectionKind::up ? "up" : "down";
                if (auto b = R.bases.find_last(text, sent, d->start)) {
                    if (R.bases.value(*b) == BasisKind::fixed) {
                        m.basis = utf8(text, b->start, b->end);
                    } else if (d->start - b->start <= 12) {
                        std::size_t e = d->start;
                        for (;;) {
                            auto fill = R.directions.longest_ending_at(text, e, b->end);
                            if (!fill || R.directions.value(*fill) != DirectionKind::filler) break;
                            e = fill->start;
                        }
                        m.basis = utf8(text, b->start, e);
                    }
                }
            }
        }
        // The later figures of a list share the first one's direction and basis.
        if (m.direction.empty() && same_sentence && out.size() > first_out) {
            bool list = true;
            for (std::size_t k = figures[idx - 1].end; k < f.start; ++k)
                list = list && is_list_separator(text[k]);
            if (list) {
                m.direction = out.back().direction;
                m.basis = out.back().basis;
            }
        }
        out.push_back(std::move(m));
        prev_end = f.end;
    }

    // 分别:律师、公证、司法鉴定业务收费较2022年底分别增长12.4%、31.1%、43.1%.
    for (std::size_t idx = 0; idx < figures.size();) {
        const std::size_t sent = sentence_start(figures[idx].start);
        std::optional<PhraseMatch> respectively;
        for (std::size_t p = figures[idx].start; p > sent && !respectively; --p)
            if (p >= 2 && (text.substr(p - 2, 2) == U"分别" || text.substr(p - 2, 2) == U"分別"))
                respectively = PhraseMatch{p - 2, p, 0};
        std::size_t last = idx;
        while (last + 1 < figures.size()) {
            bool list = true;
            for (std::size_t k = figures[last].end; k < figures[last + 1].start; ++k)
                list = list && is_list_separator(text[k]);
            if (!list) break;
            ++last;
        }
        const std::size_t count = last - idx + 1;
        if (respectively && count > 1 &&
            (idx == 0 || figures[idx - 1].end <= respectively->start)) {
            std::size_t a = clause_start(respectively->start, sent);
            // The list of subjects is one clause whose items are separated by 、.
            while (a > sent && text[a - 1] == U'、') a = clause_start(a - 1, sent);
            std::size_t b = respectively->start;
            if (auto basis = R.bases.find_last(text, a, b)) b = basis->start;
            trim(a, b);
            std::vector<std::pair<std::size_t, std::size_t>> items;
            std::size_t item_start = a;
            for (std::size_t k = a; k <= b; ++k)
                if (k == b || text[k] == U'、' || text[k] == U'和' || text[k] == U'及') {
                    items.emplace_back(item_start, k);
                    item_start = k + 1;
                }
            if (items.size() == count) {
                // A verb before the first item governs the whole list: 办理民事、刑事案件.
                auto& [fa, fb] = items.front();
                for (std::size_t p = fb; p > fa; --p) {
                    auto v = R.subject_words.longest_ending_at(text, p, fa);
                    if (v && (R.subject_words.value(*v) & subject_verb) && v->end < fb) {
                        fa = v->end;
                        break;
                    }
                }
                for (std::size_t k = 0; k < count; ++k) {
                    auto [ia, ib] = items[k];
                    trim(ia, ib);
                    if (ia < ib) out[first_out + idx + k].subject = utf8(text, ia, ib);
                }
            }
        }
        idx = last + 1;
    }
}

}  // namespace metric_extract
