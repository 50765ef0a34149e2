#include "mojibake_repairer.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <set>

#include "gongwen/utf8.hpp"
#include "tsv_table.hpp"

namespace gongwen::encoding_fix {

namespace {

// A character scoring this far below ordinary text is rare enough to make a span suspect.
constexpr double odd_margin = 4.0;
// Realignment looks this many characters around a suspect core for where the damage starts.
constexpr std::size_t realign_reach = 6;

bool is_line_break(char32_t c) {
    return c == '\n' || c == '\r';
}

// Characters a wrong decoding can produce: anything outside ASCII but the marks of loss.
bool in_run(char32_t c) {
    return c >= 0x80 && c != 0xFFFD;
}

bool latin1(char32_t c) {
    return c >= 0x80 && c <= 0xFF;
}

}  // namespace

MojibakeRepairer::MojibakeRepairer(const CharFrequency& frequency,
                                   const std::filesystem::path& rules,
                                   const std::filesystem::path& lost_markers, RepairOptions options)
    : frequency_(frequency), options_(options) {
    for (const TsvRow& row : read_tsv(rules, 4)) {
        const std::string& method = row.fields[1];
        if (method != "reinterpret" && method != "realign")
            throw tsv_error(rules, row.line,
                            "method '" + method + "' is neither reinterpret nor realign");
        if (row.fields[0].empty()) throw tsv_error(rules, row.line, "the kind has no name");
        try {
            rules_.push_back({row.fields[0],
                              method == "realign" ? Method::realign : Method::reinterpret,
                              Charset(row.fields[2]), Charset(row.fields[3])});
        } catch (const std::runtime_error& e) {
            throw tsv_error(rules, row.line, e.what());
        }
    }
    for (const TsvRow& row : read_tsv(lost_markers, 2)) {
        Marker m{utf8::decode(row.fields[0]), 0};
        try {
            m.lost = std::stoul(row.fields[1]);
        } catch (const std::exception&) {
            throw tsv_error(lost_markers, row.line, "'" + row.fields[1] + "' is not a count");
        }
        if (m.text.empty()) throw tsv_error(lost_markers, row.line, "empty marker");
        markers_.push_back(std::move(m));
    }
}

std::vector<std::string> MojibakeRepairer::kinds() const {
    std::set<std::string> kinds{"lost-marker"};
    for (const Rule& r : rules_) kinds.insert(r.kind);
    return {kinds.begin(), kinds.end()};
}

void MojibakeRepairer::enable_only(const std::vector<std::string>& kinds) {
    const auto enabled = [&](const std::string& k) {
        return std::find(kinds.begin(), kinds.end(), k) != kinds.end();
    };
    std::erase_if(rules_, [&](const Rule& r) { return !enabled(r.kind); });
    markers_enabled_ = enabled("lost-marker");
}

bool MojibakeRepairer::odd(char32_t c) const {
    const auto s = frequency_.score(c);
    return s && *s < frequency_.typical() - odd_margin;
}

bool MojibakeRepairer::suspicious(std::u32string_view run) const {
    // A U+FFFD next to other characters is where a wrong decoder gave up on a byte.
    if (run.find(U'\uFFFD') != std::u32string_view::npos) return true;
    std::size_t n = 0;
    for (char32_t c : run) n += odd(c);
    return n >= 2;
}

void MojibakeRepairer::consider(std::u32string_view text, std::size_t start, std::size_t end,
                                std::u32string fixed, const std::string& kind,
                                std::vector<SpanFix>& out) const {
    // Losses stay losses either way; judge the characters that are there.
    const auto known = [&](std::u32string_view v) {
        std::u32string kept;
        std::copy_if(v.begin(), v.end(), std::back_inserter(kept),
                     [](char32_t c) { return c != 0xFFFD; });
        return frequency_.tally(kept);
    };
    const Tally before = known(text.substr(start, end - start));
    const Tally after = known(fixed);
    if (before.scored == 0) return;
    if (after.scored == 0) {
        // Nothing but the loss is left: a character cut short next to its U+FFFD. The bytes
        // fit together, so take it unless what it replaces reads as ordinary text.
        const char32_t last = text[end - 1];
        if (!fixed.empty() && end - start == 2 && (last == 0xFFFD || last == '?') &&
            before.mean() < frequency_.typical() - 1.0)
            out.push_back({start, end, std::move(fixed), kind, 1.0});
        return;
    }
    if (after.mean() < frequency_.typical() - options_.max_shortfall) return;
    const double gain = after.mean() - before.mean();
    if (gain < options_.min_gain) return;
    // A repair may keep a loss as U+FFFD, never add one.
    const auto losses = [](std::u32string_view s) {
        return std::count_if(s.begin(), s.end(),
                             [](char32_t c) { return c == 0xFFFD || c == '?'; });
    };
    if (losses(fixed) > losses(text.substr(start, end - start))) return;
    for (char32_t c : fixed)
        if (c < 0x20 && c != '\t' && c != '\n') return;
    out.push_back({start, end, std::move(fixed), kind, gain * double(before.scored)});
}

void MojibakeRepairer::find_markers(std::u32string_view text, std::vector<SpanFix>& out) const {
    for (const Marker& m : markers_)
        for (std::size_t at = text.find(m.text); at != std::u32string_view::npos;
             at = text.find(m.text, at + m.text.size()))
            out.push_back({at, at + m.text.size(), std::u32string(m.lost, U'\uFFFD'), "lost-marker",
                           std::numeric_limits<double>::infinity()});
}

void MojibakeRepairer::reinterpret(Rule& rule, std::u32string_view text, std::size_t from,
                                   std::size_t to, std::vector<SpanFix>& out) {
    // Encode character by character so that every character boundary is a known byte offset;
    // a character the wrong charset cannot encode was not produced by it and splits the run.
    // A U+FFFD or '?' inside the run is where the wrong decoder dropped one byte it could not
    // pair: it holds that byte's place, and the character that contained it is lost.
    std::size_t i = from;
    while (i < to) {
        std::string bytes;
        std::vector<std::size_t> bounds;  // byte offset of each character, then the end
        std::vector<std::size_t> holes;   // byte offsets standing for a dropped byte
        std::size_t j = i;
        for (; j < to; ++j) {
            bounds.push_back(bytes.size());
            if (text[j] == 0xFFFD || text[j] == '?') {
                holes.push_back(bytes.size());
                bytes += '\x80';
                continue;
            }
            const auto b = rule.shown.encode(text.substr(j, 1));
            if (!b) {
                bounds.pop_back();
                break;
            }
            bytes += *b;
        }
        bounds.push_back(bytes.size());
        if (j - i >= 2) {
            const Charset::Traced t = rule.real.decode_traced(bytes);
            const std::size_t n = t.text.size();
            const auto end_of = [&](std::size_t m) {
                return m + 1 < n ? t.starts[m + 1] : bytes.size();
            };
            // Characters built from a placeholder byte are lost, and so are the invalid
            // sequences right after one (a dropped first byte leaves its followers stranded).
            const auto holed = [&](std::size_t m) {
                const auto h = std::lower_bound(holes.begin(), holes.end(), t.starts[m]);
                return h != holes.end() && *h < end_of(m);
            };
            const auto stranded = [&](std::size_t m) {
                for (std::size_t b = t.starts[m]; b < end_of(m); ++b)
                    if ((static_cast<unsigned char>(bytes[b]) & 0xC0) != 0x80) return false;
                return true;
            };
            std::vector<bool> lost(n, false);
            for (std::size_t m = 0; m < n; ++m)
                lost[m] = holed(m) || (m > 0 && lost[m - 1] && t.broken[m] && stranded(m));
            // Within each stretch of the right decoding without an invalid sequence, the
            // repairable span runs between the first and the last byte offset at which both
            // readings start a character.
            std::size_t k = 0;
            while (k < n) {
                if (t.broken[k] && !lost[k]) {
                    ++k;
                    continue;
                }
                std::size_t l = k;
                while (l < n && (!t.broken[l] || lost[l])) ++l;
                std::size_t first_out = n, last_out = n, first_in = 0, last_in = 0;
                for (std::size_t m = k; m <= l; ++m) {
                    const std::size_t byte = m < n ? t.starts[m] : bytes.size();
                    const auto it = std::lower_bound(bounds.begin(), bounds.end(), byte);
                    if (it == bounds.end() || *it != byte) continue;
                    const std::size_t in = std::size_t(it - bounds.begin());
                    if (first_out == n) first_out = m, first_in = in;
                    last_out = m, last_in = in;
                }
                if (first_out < last_out && last_in - first_in >= 2) {
                    std::u32string fixed;
                    for (std::size_t m = first_out; m < last_out; ++m) {
                        if (!lost[m])
                            fixed += t.text[m];
                        else if (!t.broken[m] || holed(m))  // one per character, not per byte
                            fixed += U'\uFFFD';
                    }
                    consider(text, i + first_in, i + last_in, std::move(fixed), rule.kind, out);
                }
                k = l;
            }
        }
        i = j + 1;
    }
}

void MojibakeRepairer::realign(Rule& rule, std::u32string_view text, std::vector<SpanFix>& out) {
    const std::size_t n = text.size();
    for (std::size_t c0 = 0; c0 < n;) {
        if (!odd(text[c0]) || !in_run(text[c0])) {
            ++c0;
            continue;
        }
        std::size_t c1 = c0;
        while (c1 < n && in_run(text[c1]) && odd(text[c1])) ++c1;
        if (c1 - c0 < 2) {
            c0 = c1;
            continue;
        }
        // The decoder fell back in step at the first byte it read as ASCII (0x40-0x7E: only
        // those can be the second byte of a pair); everything up to there is out of step.
        std::size_t e = c1;
        while (e < n && e - c1 <= realign_reach && !is_line_break(text[e]) &&
               !(text[e] >= 0x40 && text[e] <= 0x7E) && text[e] != ' ' && text[e] != 0xFFFD)
            ++e;
        if (e >= n || !(text[e] >= 0x40 && text[e] <= 0x7E)) {
            c0 = c1;
            continue;
        }
        ++e;  // the resynchronising character belongs to the span
        std::vector<SpanFix> found;
        for (std::size_t back = 0; back <= realign_reach && back <= c0; ++back) {
            const std::size_t s = c0 - back;
            const char32_t first = text[s];
            if (is_line_break(first) || first == ' ' || first == '?' || first == 0xFFFD ||
                (first < 0x80 && first >= 0x40))
                break;
            std::u32string span(text.substr(s, e - s));
            // Sites fold fullwidth punctuation to ASCII after decoding; inside an out-of-step
            // span an ASCII character can only be such a fold, so unfold it to its GBK/Big5
            // double-byte form.
            for (std::size_t k = 0; k + 1 < span.size(); ++k)
                if (span[k] > 0x20 && span[k] < 0x7F) span[k] += 0xFEE0;
            const auto bytes = rule.shown.encode(span);
            if (!bytes || bytes->size() < 3) continue;
            // The first byte is the orphaned second half of the character whose first byte
            // was lost; the character itself cannot be recovered.
            const Charset::Traced t = rule.real.decode_traced(std::string_view(*bytes).substr(1));
            if (std::find(t.broken.begin(), t.broken.end(), true) != t.broken.end()) continue;
            consider(text, s, e, t.text, rule.kind, found);
        }
        // Of the starts that work, take the one that makes the stretch from the earliest
        // start most plausible, and the longest among equals.
        if (!found.empty()) {
            std::size_t earliest = found.front().start;
            for (const SpanFix& f : found) earliest = std::min(earliest, f.start);
            const auto region_mean = [&](const SpanFix& f) {
                Tally t = frequency_.tally(text.substr(earliest, f.start - earliest));
                const Tally fixed = frequency_.tally(f.fixed);
                t.sum += fixed.sum, t.scored += fixed.scored;
                return t.mean();
            };
            const auto best =
                std::max_element(found.begin(), found.end(), [&](const auto& a, const auto& b) {
                    const double ma = region_mean(a), mb = region_mean(b);
                    if (ma != mb) return ma < mb;
                    return a.end - a.start < b.end - b.start;
                });
            out.push_back(*best);
        }
        c0 = std::max(c1, e);
    }
}

std::vector<SpanFix> MojibakeRepairer::find(std::u32string_view text) {
    std::vector<SpanFix> candidates;
    if (markers_enabled_) find_markers(text, candidates);
    // Runs of characters outside ASCII, on one line. A U+FFFD, or a '?' between two run
    // characters, stays in the run: it holds the place of a byte the wrong decoder dropped.
    // So does an ASCII letter between two Latin-1 characters: GBK and Big5 second bytes read
    // as Latin-1 look like that.
    for (std::size_t i = 0; i < text.size();) {
        if (!in_run(text[i])) {
            ++i;
            continue;
        }
        const auto between_run = [&](std::size_t k) {
            return k + 1 < text.size() && (in_run(text[k - 1]) || text[k - 1] == 0xFFFD) &&
                   (in_run(text[k + 1]) || text[k + 1] == 0xFFFD);
        };
        std::size_t j = i;
        while (j < text.size() &&
               (in_run(text[j]) || text[j] == 0xFFFD || (text[j] == '?' && between_run(j)) ||
                (text[j] >= 0x40 && text[j] <= 0x7E && between_run(j) && latin1(text[j - 1]) &&
                 latin1(text[j + 1]))))
            ++j;
        if (j - i >= 2 && suspicious(text.substr(i, j - i)))
            for (Rule& rule : rules_)
                if (rule.method == Method::reinterpret) reinterpret(rule, text, i, j, candidates);
        i = j;
    }
    for (Rule& rule : rules_)
        if (rule.method == Method::realign) realign(rule, text, candidates);

    // Overlapping candidates: the one that explains the most wins.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const SpanFix& a, const SpanFix& b) { return a.gain > b.gain; });
    std::vector<SpanFix> chosen;
    for (SpanFix& c : candidates) {
        const bool overlaps = std::any_of(chosen.begin(), chosen.end(), [&](const SpanFix& o) {
            return c.start < o.end && o.start < c.end;
        });
        if (!overlaps) chosen.push_back(std::move(c));
    }
    std::sort(chosen.begin(), chosen.end(),
              [](const SpanFix& a, const SpanFix& b) { return a.start < b.start; });
    return chosen;
}

}  // namespace gongwen::encoding_fix
