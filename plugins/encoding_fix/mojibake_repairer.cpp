#include "mojibake_repairer.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "gongwen/utf8.hpp"
#include "island.hpp"
#include "island_edges.hpp"
#include "run_reader.hpp"
#include "tsv_table.hpp"

namespace gongwen::encoding_fix {

namespace {

constexpr const char* lost_marker_kind = "lost-marker";

// A kind is the damage of a whole document once it repaired this many characters, and this
// share of all it repaired.
constexpr std::size_t dominant_min_chars = 40;
constexpr double dominant_share = 0.8;

// The longest out-of-step stretch realignment considers.
constexpr std::size_t realign_max_stretch = 256;

// A longer stretch is first read this far, and tried whole only if that start looks like a
// repair (within realign_probe_slack of the thresholds): most cores in text with many rare
// characters are not damage, and reading each of their stretches whole made such lines cost
// time quadratic in the stretch length.
constexpr std::size_t realign_probe = 32;
constexpr double realign_probe_slack = 1.0;

// The reinterpret rules read a line only this far around its odd characters and holes: mojibake
// is dense with them, so its whole span lies within, and a long clean line with a rare word
// or two costs a window, not its length.
constexpr std::size_t window_margin = 24;

// A reinterpret rule is first tried this far around each pair of odd characters of a line, in
// lines with at most max_probes such pairs.
constexpr std::size_t probe_reach = 4;
constexpr std::size_t max_probes = 8;

// How much less gain (nats per character) a realigned stretch needs when a '?' or U+FFFD marks
// its loss and it ends where the decoder falls back in step.
constexpr double realign_shape_credit = 1.0;

// How many ends a realigned stretch may have: where the decoder seems to fall back in step, and
// past letters that may be fullwidth ones a site folded to ASCII.
constexpr std::size_t realign_ends = 3;

// Realignment looks this many characters before the first odd ones for where the damage began.
constexpr std::size_t realign_reach = 12;

// An odd character this close before a U+FFFD can start a stretch that ends there.
constexpr std::size_t realign_hole_reach = 8;

bool is_ascii(char32_t c) {
    return c < 0x80;
}

// An odd character a realigned stretch can start at: outside ASCII, and not a U+FFFD (a hole).
bool odd_outside_ascii(const CharFrequency& frequency, char32_t c) {
    return !is_ascii(c) && c != 0xFFFD && frequency.odd(c);
}

}  // namespace

namespace {

std::vector<std::pair<std::u32string, std::size_t>> read_markers(
    const std::filesystem::path& file) {
    std::vector<std::pair<std::u32string, std::size_t>> out;
    for (const TsvRow& row : read_tsv(file, 2)) {
        std::size_t lost = 0;
        try {
            lost = std::stoul(row.fields[1]);
        } catch (const std::exception&) {
            throw tsv_error(file, row.line, "'" + row.fields[1] + "' is not a count");
        }
        std::u32string text = utf8::decode(row.fields[0]);
        if (text.empty()) throw tsv_error(file, row.line, "empty marker");
        out.emplace_back(std::move(text), lost);
    }
    return out;
}

std::u32string initials(const std::vector<std::pair<std::u32string, std::size_t>>& markers) {
    std::u32string out;
    for (const auto& m : markers) out += m.first[0];
    return out;
}

}  // namespace

MojibakeRepairer::MojibakeRepairer(const CharFrequency& frequency, const WordPairs& words,
                                   const std::filesystem::path& rules,
                                   const std::filesystem::path& lost_markers, RepairOptions options)
    : MojibakeRepairer(frequency, words, rules, read_markers(lost_markers), options) {}

MojibakeRepairer::MojibakeRepairer(const CharFrequency& frequency, const WordPairs& words,
                                   const std::filesystem::path& rules,
                                   std::vector<std::pair<std::u32string, std::size_t>> markers,
                                   RepairOptions options)
    : frequency_(frequency),
      words_(words),
      options_(options),
      signs_(frequency, words, initials(markers)) {
    for (auto& [text, lost] : markers) markers_.push_back({std::move(text), lost});
    for (const TsvRow& row : read_tsv(rules, 4)) {
        const std::string& method = row.fields[1];
        if (method != "reinterpret" && method != "realign")
            throw tsv_error(rules, row.line,
                            "method '" + method + "' is neither reinterpret nor realign");
        if (row.fields[0].empty()) throw tsv_error(rules, row.line, "the kind has no name");
        try {
            const auto charset = [&](const std::string& name) {
                return &charsets_.try_emplace(name, name).first->second;
            };
            rules_.push_back({row.fields[0],
                              method == "realign" ? Method::realign : Method::reinterpret,
                              charset(row.fields[2]),
                              charset(row.fields[3]),
                              {},
                              {},
                              nullptr,
                              {}});
        } catch (const std::runtime_error& e) {
            throw tsv_error(rules, row.line, e.what());
        }
    }
    // Big5 writes the Traditional repertoire and GB2312 the Simplified one: a Simplified form
    // Big5 cannot write (区) is one only Simplified text uses, and what neither writes (続) is
    // seldom Chinese at all.
    traditional_repertoire_ = &charsets_.try_emplace("Big5", "Big5").first->second;
    simplified_repertoire_ = &charsets_.try_emplace("GB2312", "GB2312").first->second;
    // A realign rule reads out of step with its own charset, so its twin's right charset
    // differs too; but where both write alike every character of a line it could realign,
    // their readings of it differ only in pairs one of them has no character for, and a
    // realigned reading that proves itself has none.
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        Rule& rule = rules_[i];
        for (std::size_t j = 0; j < i && !rule.twin; ++j) {
            const Rule& earlier = rules_[j];
            if (earlier.method == rule.method && earlier.kind == rule.kind &&
                (rule.method == Method::realign || earlier.real == rule.real) &&
                earlier.shown != rule.shown &&
                earlier.shown->single_byte() == rule.shown->single_byte())
                rule.twin = earlier.shown;
        }
    }
}

bool MojibakeRepairer::pairable(Rule& rule, char32_t c) {
    if (c >= 0x10000) return false;
    return rule.pairable(c, [&](char32_t ch) {
        const auto bytes = rule.shown->encode(std::u32string_view(&ch, 1));
        return bytes && bytes->size() == 2;
    });
}

bool MojibakeRepairer::written_like_twin(Rule& rule, char32_t c) {
    return rule.like_twin(c, [&](char32_t ch) { return rule.shown->writes_like(*rule.twin, ch); });
}

bool MojibakeRepairer::realigns_as_twin(Rule& rule, std::u32string_view text, std::size_t from,
                                        std::size_t to) {
    if (!rule.twin) return false;
    // A character the rule's charset does not write in two bytes ends every stretch it reads
    // (stretch_end), whatever the twin makes of it.
    for (std::size_t k = from; k < to; ++k)
        if (pairable(rule, text[k]) && !written_like_twin(rule, text[k])) return false;
    return true;
}

bool MojibakeRepairer::writes_every_han(Rule& rule, std::u32string_view text, std::size_t from,
                                        std::size_t to) {
    for (std::size_t k = from; k < to; ++k)
        if (CharFrequency::is_han(text[k]) && !rule.shown->encodable(text[k])) return false;
    return true;
}

bool MojibakeRepairer::unlike_its_line(Rule& rule, std::u32string_view text, std::size_t from,
                                       std::size_t to, const SpanFix& fix) const {
    // A stretch read out of step shows what the charset's decoder made of the bytes, and so do
    // the characters on either side of it: where one is a Han character the charset cannot
    // write (级 after 漸B in Big5), the charset did not read them.
    const std::size_t left = fix.start > from ? fix.start - 1 : fix.start;
    const std::size_t right = std::min(to, fix.end + 1);
    if (!writes_every_han(rule, text, left, right)) return true;
    // Nor does a page that lost a byte bring back another script: a reading with Traditional
    // forms (階) beside a character only Simplified text writes (区: a Simplified form the
    // Traditional repertoire lacks) is not the page's own text.
    const auto simplified_only = [&](char32_t c) {
        return frequency_.simplified_form(c) && !frequency_.traditional_form(c) &&
               !traditional_repertoire_->encodable(c);
    };
    const auto traditional_only = [&](char32_t c) {
        return frequency_.traditional_form(c) && !frequency_.simplified_form(c);
    };
    const bool simplified_beside = (left < fix.start && simplified_only(text[left])) ||
                                   (fix.end < right && simplified_only(text[fix.end]));
    if (simplified_beside && std::any_of(fix.fixed.begin(), fix.fixed.end(), traditional_only))
        return true;
    // Nor one that brings back a character neither repertoire writes (続, a Japanese form):
    // such a reading is far likelier chance than the page's text.
    const auto neither = [&](char32_t c) {
        return CharFrequency::is_han(c) && !traditional_repertoire_->encodable(c) &&
               !simplified_repertoire_->encodable(c);
    };
    return std::any_of(fix.fixed.begin(), fix.fixed.end(), neither);
}

bool MojibakeRepairer::reads_as_twin(Rule& rule, std::u32string_view text,
                                     const ReadingPlan& plan) {
    if (!rule.twin) return false;
    const auto alike = [&](const std::pair<std::size_t, std::size_t>& stretch) {
        for (std::size_t k = stretch.first; k < stretch.second; ++k)
            if (text[k] >= 0x10000 || !written_like_twin(rule, text[k])) return false;
        return true;
    };
    return std::all_of(plan.windows.begin(), plan.windows.end(), alike) &&
           std::all_of(plan.probes.begin(), plan.probes.end(), alike);
}

std::vector<std::string> MojibakeRepairer::kinds() const {
    std::set<std::string> kinds{lost_marker_kind};
    for (const Rule& r : rules_) kinds.insert(r.kind);
    return {kinds.begin(), kinds.end()};
}

void MojibakeRepairer::enable_only(const std::vector<std::string>& kinds) {
    const auto enabled = [&](const std::string& k) {
        return std::find(kinds.begin(), kinds.end(), k) != kinds.end();
    };
    std::erase_if(rules_, [&](const Rule& r) { return !enabled(r.kind); });
    markers_enabled_ = enabled(lost_marker_kind);
}

void MojibakeRepairer::find_markers(std::u32string_view text, std::size_t from, std::size_t to,
                                    std::vector<SpanFix>& out) const {
    const std::u32string_view line = text.substr(from, to - from);
    for (const Marker& m : markers_)
        for (std::size_t at = line.find(m.text); at != std::u32string_view::npos;
             at = line.find(m.text, at + m.text.size()))
            out.push_back({from + at, from + at + m.text.size(), std::u32string(m.lost, U'\uFFFD'),
                           lost_marker_kind, std::numeric_limits<double>::infinity(), m.lost});
}

void MojibakeRepairer::reinterpret(Rule& rule, std::u32string_view text, std::size_t from,
                                   std::size_t to, std::vector<SpanFix>& out) {
    const RunReader reader(*rule.shown, *rule.real, frequency_);
    std::size_t i = from;
    while (i < to) {
        // Characters the wrong charset has no bytes for (Han in Latin-1) start no run.
        while (i < to && !is_hole(text[i]) && !rule.shown->encodable(text[i])) ++i;
        if (i >= to) break;
        // A run without a hole or two odd characters cannot be accepted (accept_islands), so it is
        // not read: in Chinese text the Latin-1 rules' runs are the ASCII between the Han.
        {
            std::size_t end = i, odd = 0;
            bool holes = false;
            for (; end < to && (is_hole(text[end]) || rule.shown->encodable(text[end])); ++end) {
                holes |= is_hole(text[end]);
                odd += frequency_.odd(text[end]);
            }
            if (!holes && odd < 2) {
                i = end;
                continue;
            }
        }
        RunReader::Run run = reader.read(text, i, to);
        for (Island& is : run.islands) {
            weigh(is);
            for (std::size_t m = is.start; m < is.end; ++m)
                is.odd += !is_hole(text[m]) && frequency_.odd(text[m]);
        }
        accept_islands(rule, text, run.islands, out);
        i = std::max(run.end + (run.ended ? 1 : 0), i + 1);
    }
}

void MojibakeRepairer::weigh(Island& is) const {
    is.before = line_tally_but_holes(is.start, is.end);
    is.after = {};
    for (const Island::Part& part : is.parts)
        is.after.sum += part.after.sum, is.after.scored += part.after.scored;
}

void MojibakeRepairer::accept_islands(const Rule& rule, std::u32string_view text,
                                      std::vector<Island>& islands,
                                      std::vector<SpanFix>& out) const {
    const bool preferred = preferred_ == rule.kind;
    const double typical = frequency_.typical();
    const IslandEdges edges(frequency_, words_, text, preferred, options_.min_gain);
    for (std::size_t a = 0; a < islands.size();) {
        if (islands[a].invalid) {
            ++a;
            continue;
        }
        std::size_t b = a;
        Tally before, after;
        while (b < islands.size() && !islands[b].invalid) {
            before.sum += islands[b].before.sum, before.scored += islands[b].before.scored;
            after.sum += islands[b].after.sum, after.scored += islands[b].after.scored;
            ++b;
        }
        std::size_t region_lost = 0, region_odd = 0;
        for (std::size_t k = a; k < b; ++k)
            region_lost += islands[k].lost, region_odd += islands[k].odd;
        // In a document this damage already marks, a region that only lost characters
        // (a date line: 2023骞�1鏈�) is more of it; elsewhere it is too little to go on.
        // Mis-decoded text shows as odd characters close together (DamageSigns); common
        // ones that merely read as commoner ones another way (產 read as Big5 is 家), or a
        // rare word (賡續 read as GBK is 介尿), are no sign of damage.
        const bool accepted =
            before.scored > 0 && (region_odd >= 2 || region_lost > 0) &&
            (after.scored > 0
                 ? after.mean() >= typical - options_.max_shortfall &&
                       after.mean() - before.mean() >= options_.min_gain
                 : preferred && region_lost > 0 && before.mean() < typical - options_.min_gain);
        const double region_gain = (after.mean(typical) - before.mean()) * double(before.scored);
        if (accepted)
            for (std::size_t k = a; k < b; ++k) {
                Island& is = islands[k];
                if (edges.trim(is)) weigh(is);
                // An island without evidence on one side (ã€‚ → 。, ‚€ → 個) is part
                // of the region's damage: the region vouches for it, as long as what it
                // becomes is not itself far from ordinary text.
                // In a document this damage marks, an island need only read as
                // ordinary text (條 read as GBK is 兵, commoner than 條 itself) or as
                // punctuation (the · of 12·4 read as GBK is 路).
                bool better = true;
                if (is.after.scored > 0)
                    better = is.before.scored > 0 && !preferred
                                 ? is.after.mean() >= is.before.mean()
                                 : is.after.mean() >= typical - options_.max_shortfall;
                else if (is.lost > 0 || is.before.scored > 0)
                    better = preferred || is.before.scored == 0 || is.before.mean() < typical - 1.0;
                if (!better) continue;
                // Against other rules' candidates an island weighs what its whole
                // region gained: one damage, one decision.
                out.push_back(
                    {is.start, is.end, std::move(is.fixed), rule.kind, region_gain, is.lost});
            }
        a = b;
    }
}

// What a stretch shows now, without its holes: a loss stays a loss whatever the reading.
Tally MojibakeRepairer::line_tally_but_holes(std::size_t a, std::size_t b) const {
    Tally t;
    for (std::size_t k = a; k < b; ++k)
        if (const double sc = line_scores_[k - line_from_]; sc <= 0.0) t.sum += sc, ++t.scored;
    return t;
}

bool MojibakeRepairer::probe_realigned(Rule& rule, std::size_t s, std::u32string_view span) {
    const std::u32string_view probe = span.substr(0, realign_probe);
    Tally after;
    // From the line's reading out of step where the pair table can tell (nearly always);
    // through the charset otherwise.
    std::optional<OutOfStepReading::Probe> known;
    if (rule.shown == rule.real) known = rule.out_of_step.read(*rule.real, frequency_, s, probe);
    if (known) {
        if (known->flawed) return false;
        after = known->after;
    } else {
        const auto bytes = rule.shown->encode(probe);
        if (!bytes || bytes->size() < 3) return false;
        std::vector<Read> read = read_traced(*rule.real, std::string_view(*bytes).substr(1), 1);
        read.pop_back();  // the probe may cut the last character in two
        if (broken_count(read)) return false;
        for (const Read& r : read) {
            if (r.c < 0x20 && r.c != '\t') return false;
            if (const auto sc = frequency_.score_either(r.c)) after.sum += *sc, ++after.scored;
        }
    }
    const Tally before = line_tally_but_holes(s, s + probe.size());
    if (after.scored == 0 || before.scored == 0) return true;  // the whole span decides
    return after.mean() >= frequency_.typical() - options_.max_shortfall - realign_probe_slack &&
           after.mean() - before.mean() >= options_.min_gain - realign_probe_slack;
}

MojibakeRepairer::StretchEnd MojibakeRepairer::stretch_end(Rule& rule, std::u32string_view text,
                                                           std::size_t to, std::size_t cap,
                                                           std::size_t& cut_at, StretchEnd end) {
    for (; end.at < to; ++end.at) {
        const char32_t c = text[end.at];
        if (c == 0xFFFD) {
            end.hole = true;
            ++end.at;
            break;
        }
        if (DamageSigns::resyncs(c)) {
            end.tail += c;
            end.resynced = true;
            ++end.at;
            break;
        }
        // A double-byte decoder out of step makes only its own double-byte characters
        // (and ASCII); anything else (Ç, a 4-byte GB18030 character) is not part of the
        // stretch. Stretches are short in practice, and capping them keeps lines of
        // other mojibake from costing time quadratic in their length.
        if (DamageSigns::folded_punctuation(c))
            end.tail += c + 0xFEE0;
        else if (is_ascii(c) || !pairable(rule, c))
            break;
        else if (end.at >= cap) {
            cut_at = end.at;
            break;
        } else
            end.tail += c;
    }
    return end;
}

std::optional<SpanFix> MojibakeRepairer::realigned(Rule& rule, std::u32string_view text,
                                                   std::size_t from, std::size_t s,
                                                   std::u32string_view head,
                                                   const StretchEnd& end) {
    const double typical = frequency_.typical();
    // Most long stretches fail the probe: it reads their start from a buffer of its own, and
    // the whole span is put together only for those that pass.
    if (head.size() + end.tail.size() > realign_probe + 1) {
        char32_t start[realign_probe];
        const std::size_t from_head = std::min(head.size(), realign_probe);
        std::copy_n(head.begin(), from_head, start);
        std::copy_n(end.tail.begin(), realign_probe - from_head, start + from_head);
        if (!probe_realigned(rule, s, std::u32string_view(start, realign_probe)))
            return std::nullopt;
    }
    const std::u32string span = std::u32string(head) + end.tail;
    const auto bytes = rule.shown->encode(span);
    if (!bytes || bytes->size() < 3) return std::nullopt;
    // The first byte is the orphaned second half of the character whose first
    // byte was lost; the character itself cannot be recovered.
    std::vector<Read> read = read_traced(*rule.real, std::string_view(*bytes).substr(1), 1);
    // A byte that is a character on its own puts the decoder back in step: only the stretch's
    // last character can read as one. Before that, it ends the stretch there, and what follows
    // was never out of step (邗江E in Big5 is CA52 A6BF 45: from the second byte, R江E).
    if (read.size() > 1 &&
        std::any_of(read.begin(), read.end() - 1, [](const Read& r) { return is_ascii(r.c); }))
        return std::nullopt;
    if (!read.empty() && read.back().broken && (end.hole || !end.resynced))
        read.back() = {0xFFFD, read.back().start, false, true};
    if (broken_count(read)) return std::nullopt;
    const bool marked = s > from && is_hole(text[s - 1]);
    SpanFix fix;
    fix.start = marked ? s - 1 : s;
    fix.end = end.at;
    fix.kind = rule.kind;
    fix.fixed = marked ? std::u32string(1, text[s - 1]) : std::u32string(U"\uFFFD");
    fix.lost = 1;
    Tally after;
    bool control = false, ascii = false;
    for (const Read& r : read) {
        fix.fixed += r.c;
        if (r.lost)
            ++fix.lost;
        else if (const auto sc = frequency_.score_either(r.c))
            after.sum += *sc, ++after.scored;
        control |= r.c < 0x20 && r.c != '\t';
        ascii |= is_ascii(r.c);
    }
    const Tally before = line_tally_but_holes(s, end.at);
    if (control || before.scored == 0) return std::nullopt;
    // Where only fullwidth punctuation comes back (?鞳C is ?。 of 件。 that lost 件),
    // what is there must be clearly odd and the lost byte marked.
    if (after.scored == 0 && (ascii || !marked || before.mean() >= typical - options_.min_gain))
        return std::nullopt;
    if (after.scored > 0 && after.mean() < typical - options_.max_shortfall) return std::nullopt;
    const double gain = after.mean(typical) - before.mean();
    // A stretch that ends in a U+FFFD (its last second byte could not pair), or starts at a
    // marked loss and ends where the decoder is seen to fall back in step, has shown its
    // shape: it needs less gain to prove itself.
    const bool shaped = end.hole || (marked && end.resynced);
    if (gain < options_.min_gain - (shaped ? realign_shape_credit : 0.0)) return std::nullopt;
    fix.gain = gain * double(before.scored);
    return fix;
}

void MojibakeRepairer::realign(Rule& rule, std::u32string_view text, std::size_t from,
                               std::size_t to, std::vector<SpanFix>& out) {
    rule.out_of_step.start_line(text, from, to);
    // The starts already tried for a stretch ending at `tried_end`.
    std::size_t tried_end = std::u32string_view::npos, tried_first = 0, tried_last = 0;
    // Where the last stretch was cut at realign_max_stretch: the cores inside it keep that end,
    // so each tries only its own new start (a line of gibberish, every character odd, would
    // otherwise try realign_reach starts of a full-length stretch per character).
    std::size_t cut_at = from;
    std::size_t next = 0;  // into realign_starts_
    for (std::size_t c0 = from; c0 < to;) {
        // Only where a stretch can be found to start (below); find_in_line listed those.
        while (next < realign_starts_.size() && realign_starts_[next] < c0) ++next;
        if (next == realign_starts_.size()) break;
        c0 = realign_starts_[next];
        // A core: two odd characters close together, outside ASCII.
        const auto odd_here = [&](std::size_t k) {
            return k < to && odd_outside_ascii(frequency_, text[k]);
        };
        const bool odd_core = odd_here(c0) && (odd_here(c0 + 1) || odd_here(c0 + 2));
        // Or any double-byte character right after a hole: the stretch a lost byte left can be
        // one character long before the decoder falls back in step, and need not look odd
        // (?徸h is 審議 that lost 審; ?畔⑵教 is 信息平台 that lost 信).
        const bool after_hole = c0 > from && is_hole(text[c0 - 1]) && !is_ascii(text[c0]) &&
                                !is_hole(text[c0]) && pairable(rule, text[c0]);
        // Or an odd character the decoder falls back in step right after, where nothing marks
        // the lost byte (徸h is 議 of 審議 that silently lost 審).
        const auto resyncs = [&](std::size_t k) { return k < to && DamageSigns::resyncs(text[k]); };
        const bool before_resync =
            odd_here(c0) &&
            (resyncs(c0 + 1) || (c0 + 1 < to && !is_ascii(text[c0 + 1]) && resyncs(c0 + 2)));
        // Or an odd character a few characters before a U+FFFD the stretch runs into: the
        // last character's second byte could not pair with the single-byte one after it.
        const auto before_hole = [&] {
            if (!odd_here(c0)) return false;
            for (std::size_t k = c0 + 1; k < to && k <= c0 + realign_hole_reach; ++k) {
                if (text[k] == 0xFFFD) return true;
                if (is_ascii(text[k]) || !pairable(rule, text[k])) return false;
            }
            return false;
        };
        if (!after_hole && !odd_core && !before_resync && !before_hole()) {
            ++c0;
            continue;
        }
        // The stretch runs to the first byte the decoder read as a single-byte character: a
        // second byte in ASCII range (included: it is the second half of a character), or a
        // U+FFFD (the second half of the last character, which could not pair). Where it ends
        // does not depend on where it starts, so it is found once for the core.
        const std::size_t cap = c0 < cut_at ? cut_at : c0 + realign_max_stretch;

        StretchEnd first_end;
        first_end.at = c0;
        std::vector<StretchEnd> ends{
            stretch_end(rule, text, to, cap, cut_at, std::move(first_end))};
        // Behind a hole, what does not look odd is taken for a stretch only where the decoder
        // is seen to fall back in step: 應。 after a '?' is not Big5 of 部C.
        if (!odd_core && !ends[0].resynced && !ends[0].hole) {
            ++c0;
            continue;
        }
        // The letter the decoder seems to fall back in step on may be a fullwidth one that the
        // site folded to ASCII (Ｈ is A3C8 in GBK) when the garble goes on after it; the
        // stretch may then end further on.
        while (ends.size() < realign_ends && ends.back().resynced && ends.back().at < to &&
               !is_ascii(text[ends.back().at]) && !is_hole(text[ends.back().at]) &&
               pairable(rule, text[ends.back().at])) {
            StretchEnd further = ends.back();
            further.tail.back() += 0xFEE0;
            further.resynced = false;
            ends.push_back(stretch_end(rule, text, to, cap, cut_at, std::move(further)));
        }
        std::vector<SpanFix> found;
        std::size_t furthest = c0 + 1;
        std::size_t lowest = c0;
        for (auto end = ends.begin(); end != ends.end(); ++end) {
            const bool primary = end == ends.begin();
            const std::size_t e = end->at;
            std::u32string head;  // the stretch from s to the core
            for (std::size_t back = 0; back <= realign_reach && back + from <= c0; ++back) {
                const std::size_t s = c0 - back;
                const char32_t first = text[s];
                // Inside the out-of-step stretch an ASCII character can only be punctuation a
                // site folded from the fullwidth form the decoder produced (0x21-0x3F but
                // digits: never a second byte); anything else before it is where the damage
                // began.
                if (is_hole(first) ||
                    (is_ascii(first) && !DamageSigns::folded_punctuation(first)) ||
                    (!is_ascii(first) && !pairable(rule, first)))
                    break;
                if (back > 0)
                    head.insert(head.begin(),
                                DamageSigns::folded_punctuation(first) ? first + 0xFEE0 : first);
                // The core's neighbour tried the same starts with the same end.
                if (primary && e == tried_end && s >= tried_first && s <= tried_last) continue;
                if (primary) lowest = s;
                std::optional<SpanFix> fix = realigned(rule, text, from, s, head, *end);
                if (!fix) continue;
                furthest = std::max(furthest, e);
                found.push_back(std::move(*fix));
            }
        }
        // Of the starts and ends that work, take the one that makes the stretch from the
        // earliest start to the furthest end most plausible, and the longest among equals.
        if (!found.empty()) {
            std::size_t earliest = found.front().start, latest = found.front().end;
            for (const SpanFix& f : found)
                earliest = std::min(earliest, f.start), latest = std::max(latest, f.end);
            // Every start reads the same bytes and marks one lost character (more where a
            // second byte could not pair); the U+FFFD that stand for them are left out, or a
            // start that kept more characters would thin their weight and win by that alone.
            // A reading that makes a genuine character a sign Chinese prose seldom uses (⌒
            // for 省) must not gain by it either: such signs count as rare characters.
            const auto position_score = [&](Tally& t, std::u32string_view part) {
                for (char32_t c : part)
                    if (c != 0xFFFD)
                        if (const auto sc = frequency_.score_with_signs(c))
                            t.sum += *sc, ++t.scored;
            };
            const auto region_mean = [&](const SpanFix& f) {
                Tally t;
                position_score(t, text.substr(earliest, f.start - earliest));
                position_score(t, f.fixed);
                position_score(t, text.substr(f.end, latest - f.end));
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
        const std::size_t e = ends[0].at;
        tried_first = e == tried_end ? std::min(tried_first, lowest) : lowest;
        tried_end = e;
        tried_last = c0;
        c0 = std::max(c0 + 1, furthest);
    }
}

MojibakeRepairer::ReadingPlan MojibakeRepairer::plan_reading(std::u32string_view text,
                                                             std::size_t from,
                                                             std::size_t to) const {
    ReadingPlan plan;
    // Windows: runs of odd characters and holes, at most 2 * window_margin apart, with two odd
    // characters or a hole, widened by window_margin.
    std::size_t first = 0, last = 0, odd = 0;
    bool open = false, lost = false;
    const auto close = [&] {
        if (open && (odd >= 2 || lost))
            plan.windows.emplace_back(first - std::min(first - from, window_margin),
                                      std::min(to, last + 1 + window_margin));
        open = false;
    };
    std::size_t last_odd = std::u32string_view::npos;
    for (std::size_t i = from; i < to; ++i) {
        const char32_t c = text[i];
        const bool hole = is_hole(c) || signs_.of(c, watch()) & DamageSigns::alarm;
        if (!hole && !frequency_.odd(c)) continue;
        if (open && i - last > 2 * window_margin) close();
        if (!open) {
            open = true;
            first = i;
            odd = 0;
            lost = false;
        }
        last = i;
        odd += !hole;
        lost |= hole;
        plan.holes |= hole;
        if (hole) continue;
        if (last_odd != std::u32string_view::npos && i - last_odd <= DamageSigns::odd_distance)
            plan.probes.emplace_back(last_odd - std::min(last_odd - from, probe_reach),
                                     std::min(to, i + 1 + probe_reach));
        last_odd = i;
    }
    close();
    return plan;
}

void MojibakeRepairer::find_in_line(std::u32string_view text, std::size_t from, std::size_t to,
                                    std::vector<SpanFix>& out) {
    if (!signs_.shows_damage(text.substr(from, to - from), watch())) return;
    line_from_ = from;
    line_scores_.resize(to - from);
    realign_starts_.clear();
    for (std::size_t k = from; k < to; ++k) {
        const char32_t c = text[k];
        const auto sc = is_hole(c) ? std::nullopt : frequency_.score(c);
        line_scores_[k - from] = sc ? *sc : 1.0;
        if (odd_outside_ascii(frequency_, c) || (k > from && is_hole(text[k - 1])))
            realign_starts_.push_back(k);
    }
    std::vector<SpanFix> candidates;
    if (markers_enabled_) find_markers(text, from, to, candidates);
    const ReadingPlan plan = plan_reading(text, from, to);
    const bool probe_first =
        !preferred_ && !plan.holes && !plan.probes.empty() && plan.probes.size() <= max_probes;
    std::vector<SpanFix> probed;
    for (Rule& rule : rules_) {
        if (rule.method == Method::realign) {
            if (realigns_as_twin(rule, text, from, to)) continue;
            const std::size_t before = candidates.size();
            realign(rule, text, from, to, candidates);
            candidates.erase(
                std::remove_if(
                    candidates.begin() + std::ptrdiff_t(before), candidates.end(),
                    [&](const SpanFix& c) { return unlike_its_line(rule, text, from, to, c); }),
                candidates.end());
            continue;
        }
        // Its twin read the same bytes with the same rule, and the candidates it would add
        // again would lose to that rule's (the same gain, found first).
        if (reads_as_twin(rule, text, plan)) continue;
        // Most lines that show a sign are clean text with two rare characters close together:
        // a rule that reads none of the signs' neighbourhoods as a repair is not tried on the
        // whole windows. Lines with a hole, lines with many signs (mojibake, or gibberish that
        // would cost a probe per character), and documents one damage marks are always read.
        if (probe_first) {
            probed.clear();
            for (std::size_t k = 0; k < plan.probes.size() && probed.empty(); ++k)
                reinterpret(rule, text, plan.probes[k].first, plan.probes[k].second, probed);
            if (probed.empty()) continue;
        }
        for (const auto& [a, b] : plan.windows) reinterpret(rule, text, a, b, candidates);
    }
    // Overlapping candidates: the one that explains the most wins.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const SpanFix& a, const SpanFix& b) { return a.gain > b.gain; });
    const std::size_t first = out.size();
    for (SpanFix& c : candidates) {
        const bool overlaps =
            std::any_of(out.begin() + std::ptrdiff_t(first), out.end(),
                        [&](const SpanFix& o) { return c.start < o.end && o.start < c.end; });
        if (overlaps) continue;
        if (c.kind != lost_marker_kind) repaired_[c.kind] += c.end - c.start;
        out.push_back(std::move(c));
    }
}

std::optional<std::string> MojibakeRepairer::dominant_kind() const {
    std::size_t total = 0;
    const std::pair<const std::string, std::size_t>* best = nullptr;
    for (const auto& entry : repaired_) {
        total += entry.second;
        if (!best || entry.second > best->second) best = &entry;
    }
    if (!best || best->second < dominant_min_chars ||
        double(best->second) < dominant_share * double(total))
        return std::nullopt;
    return best->first;
}

std::vector<SpanFix> MojibakeRepairer::find(std::u32string_view text) {
    std::vector<SpanFix> chosen;
    for (std::size_t from = 0; from < text.size();) {
        std::size_t to = text.find(U'\n', from);
        if (to == std::u32string_view::npos) to = text.size();
        find_in_line(text, from, to, chosen);
        from = to + 1;
    }
    std::sort(chosen.begin(), chosen.end(),
              [](const SpanFix& a, const SpanFix& b) { return a.start < b.start; });
    return chosen;
}

}  // namespace gongwen::encoding_fix
