// Every damage class of issue #3 (damage.hpp), done at test time to spans of the fixture
// reports and, when present, the corpus, at title, sentence, paragraph and whole-document
// length, inside an otherwise clean document; and every clean encoding of the same reports.
// Repairs must be exact where the damage kept every byte, and where it did not, every
// character but the lost ones must come back and the lost ones must be marked and counted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "chain_harness.hpp"
#include "damage.hpp"
#include "detection_samples.hpp"
#include "gongwen/utf8.hpp"
#include "source_texts.hpp"
#include "test_paths.hpp"

using namespace gongwen;
using namespace gongwen::encoding_fix::testing;

namespace {

// Under AddressSanitizer every chain run costs several times more; the matrix then tries fewer
// spans of each length (never none), and the floors below allow for the smaller sample.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool sanitized = true;
#else
constexpr bool sanitized = false;
#endif
#else
constexpr bool sanitized = false;
#endif
constexpr std::size_t titles_tried = sanitized ? 2 : 4;
constexpr std::size_t sentences_tried = 6;  // short spans vary most: the full sample
constexpr std::size_t paragraphs_tried = sanitized ? 1 : 3;
// Percentage points a share may fall below its floor: none in a normal build, where the sample
// is the one the floors were measured on; under sanitizers, where the sample is smaller and
// different, two standard errors of a share measured on `n` spans.
double floor_slack(std::size_t n) {
    return sanitized ? 200.0 * 0.5 / std::sqrt(double(std::max<std::size_t>(n, 1))) : 0.0;
}

test::ChainHarness& chain() {
    static test::ChainHarness harness({"encoding_fix"});
    return harness;
}

struct Span {
    std::size_t start = 0, end = 0;  // bytes into the source text
    Length length;
};

bool has_sentence_end(std::string_view s) {
    for (std::string_view mark : {"。", "！", "？", "；", "!", "?", ";"})
        if (s.find(mark) != std::string_view::npos) return true;
    return false;
}

// Up to `limit` of `candidates`, spread over the list.
template <typename T>
std::vector<T> spread(const std::vector<T>& candidates, std::size_t limit) {
    if (candidates.size() <= limit) return candidates;
    std::vector<T> out;
    for (std::size_t i = 0; i < limit; ++i)
        out.push_back(candidates[i * candidates.size() / limit]);
    return out;
}

// Title lines, sentences and paragraphs of `text` that the plugin leaves alone when the text
// is clean (so that the corpus' own damage stays out of the way), and the whole text.
std::vector<Span> spans_of(const std::string& text, const std::string& clean_output) {
    std::vector<Span> titles, sents, paras;
    std::size_t from = 0;
    for (const std::string& p : paragraphs(text)) {
        const std::size_t at = text.find(p, from);
        from = at + p.size();
        if (clean_output.find(p) == std::string::npos || p.find('?') != std::string::npos) continue;
        const std::size_t han = han_count(p);
        if (han >= 6 && han <= 25 && !has_sentence_end(p))
            titles.push_back({at, from, Length::title});
        if (han >= 60) paras.push_back({at, from, Length::paragraph});
        std::size_t in = at;
        for (const std::string& s : sentences(p)) {
            const std::size_t s_at = text.find(s, in);
            in = s_at + s.size();
            const std::size_t n = han_count(s);
            if (n >= 12 && n <= 60) sents.push_back({s_at, in, Length::sentence});
        }
    }
    std::vector<Span> out = spread(titles, titles_tried);
    for (const Span& s : spread(sents, sentences_tried)) out.push_back(s);
    for (const Span& s : spread(paras, paragraphs_tried)) out.push_back(s);
    out.push_back({0, text.size(), Length::document});
    return out;
}

// The repairs a run made, shortened, for failure messages.
std::string repairs_made(const Document& d) {
    std::string out;
    for (std::size_t i = 0; i < d.encoding.repairs.size() && i < 4; ++i) {
        const Repair& r = d.encoding.repairs[i];
        out += "\n      " + r.kind + " «" + utf8::encode(utf8::decode(r.original).substr(0, 20)) +
               "» → «" + utf8::encode(utf8::decode(r.fixed).substr(0, 20)) + "»";
    }
    return out;
}

enum class Outcome { exact, losses_marked, wrong };

// `got` against `want`: the same, or the same but for at most `destroyed` characters marked
// as lost (U+FFFD, or '?' where the damage left one).
Outcome judge(const std::string& got_text, const std::string& want_text, const Damaged& d) {
    if (got_text == want_text) return Outcome::exact;
    if (d.lossless) return Outcome::wrong;
    const std::u32string got = utf8::decode(got_text), want = utf8::decode(want_text);
    if (got.size() != want.size()) return Outcome::wrong;
    std::size_t marked = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (got[i] == want[i]) continue;
        if (got[i] != 0xFFFD && got[i] != '?') return Outcome::wrong;
        ++marked;
    }
    return marked <= d.destroyed ? Outcome::losses_marked : Outcome::wrong;
}

struct Tally {
    std::size_t exact = 0, marked = 0, wrong = 0, kind_missing = 0;
    std::size_t total() const { return exact + marked + wrong; }
    // Share of spans that came back right (exactly, or with the lost characters marked and
    // counted), in percent.
    double right_percent() const {
        return total() ? 100.0 * double(exact + marked) / double(total()) : 100.0;
    }
};

// What the repairer achieves now, per damage class and length: the share of spans (percent)
// that must come back right. These are FLOORS MEASURED ON THE CURRENT CODE, NOT THE GOAL: a
// ratchet that stops the repairer from getting worse. Raise a floor whenever the repairer gets
// better; never lower one to make a change pass. The goal (issue #3, and README.md, which
// shows the measured table) is 100 at paragraph and document length for every class that
// keeps its bytes, and nearly always (>= 90) at title and sentence length.
struct Floor {
    const char* damage;  // DamageClass::name
    double title, sentence, paragraph, document;
};

constexpr Floor floors[] = {
    // clang-format off
    // damage                         title sentence paragraph document (measured 2026-11-26)
    {"utf8-as-gbk/GB18030",            100,  96,      100,      100},  // 2026-11-27
    {"utf8-as-gbk/windows-936-2000",   100,  96,      100,      100},  // 2026-11-27
    {"utf8-as-big5/Big5",              8,    5,       0,        0},
    {"utf8-as-latin1/windows-1252",    100,  100,     100,      100},
    {"utf8-as-latin1/ISO-8859-1",      100,  100,     100,      100},
    {"gbk-as-latin1/windows-1252",     100,  100,     100,      100},
    {"gbk-as-latin1/ISO-8859-1",       100,  100,     100,      100},
    {"big5-as-latin1/windows-1252",    100,  100,     100,      100},
    {"big5-as-gbk/GB18030",            100,  91,      100,      100},  // 2026-11-27
    {"big5-as-gbk/windows-936-2000",   100,  91,      100,      100},  // 2026-11-27
    {"gbk-as-big5/Big5",               100,  96,      100,      100},  // 2026-11-27
    // Local damage: never done to a whole document.
    {"gbk-misaligned/?",               92,   96,      92,       0},  // 2026-11-27
    {"gbk-misaligned/silent",          85,   88,      85,       0},  // 2026-11-27
    // Misaligned spans are made only where their charset writes the whole span (2026-11-27):
    // the Big5 rows below went down because their samples changed, not the repairer.
    {"big5-misaligned/?",              94,   87,      100,      0},  // 2026-11-27
    {"big5-misaligned/silent",         94,   79,      72,       0},  // 2026-11-27
    {"lost/锟斤拷 U+FFFD ?",           100,  100,     100,      0},
    // clang-format on
};

double floor_for(const std::string& damage, Length length) {
    for (const Floor& f : floors)
        if (damage == f.damage) switch (length) {
                case Length::title:
                    return f.title;
                case Length::sentence:
                    return f.sentence;
                case Length::paragraph:
                    return f.paragraph;
                case Length::document:
                    return f.document;
            }
    ADD_FAILURE() << damage << " has no row in the floors table";
    return 100.0;
}

std::string shorten(const std::string& s, std::size_t max_chars = 60) {
    const std::u32string u = utf8::decode(s);
    return u.size() <= max_chars ? s : utf8::encode(u.substr(0, max_chars)) + "…";
}

// Where `got` first differs from `want`, with some context, for failure messages; with
// `marks_allowed`, a U+FFFD or '?' in place of a character does not count as a difference.
std::string first_difference(const std::string& got_text, const std::string& want_text,
                             bool marks_allowed = false) {
    const std::u32string got = utf8::decode(got_text), want = utf8::decode(want_text);
    std::size_t i = 0;
    while (i < std::min(got.size(), want.size()) &&
           (got[i] == want[i] || (marks_allowed && (got[i] == 0xFFFD || got[i] == '?'))))
        ++i;
    const std::size_t from = i > 10 ? i - 10 : 0;
    return "got «" + utf8::encode(got.substr(from, 40)) + "» want «" +
           utf8::encode(want.substr(from, 40)) + "»";
}

void repair_every_class(bool with_corpus) {
    std::map<std::string, std::map<Length, Tally>> tallies;  // class name, length
    std::ostringstream failures;
    std::size_t failures_shown = 0;
    // GONGWEN_REPAIR_FAILURES=<part of "class length"> narrows the failures shown.
    const char* const show_env = std::getenv("GONGWEN_REPAIR_FAILURES");
    const std::string show_only = show_env ? show_env : "";
    for (const SourceText& source : source_texts(with_corpus)) {
        if (with_corpus && !source.from_corpus) continue;
        const Document clean = chain().run(source.utf8);
        const bool clean_as_given = clean.encoding.repairs.empty() && clean.encoding.lossy == 0;
        for (const Span& span : spans_of(source.utf8, clean.text)) {
            // Whole documents with damage of their own would mix two damages in one span.
            if (span.length == Length::document && !clean_as_given) continue;
            const std::string original = source.utf8.substr(span.start, span.end - span.start);
            for (const DamageClass& damage : damage_classes()) {
                if (damage.local && span.length == Length::document) continue;
                const auto d = damage.apply(original);
                if (!d) continue;
                const std::string input =
                    source.utf8.substr(0, span.start) + d->text + source.utf8.substr(span.end);
                const Document out = chain().run(input);
                Tally& t = tallies[damage.name][span.length];
                const Outcome judged = judge(out.text, clean.text, *d);
                // Lost characters that are marked but not counted in `lossy` are not right.
                const Outcome o = judged == Outcome::losses_marked && out.encoding.lossy == 0
                                      ? Outcome::wrong
                                      : judged;
                (o == Outcome::exact           ? t.exact
                 : o == Outcome::losses_marked ? t.marked
                                               : t.wrong)++;
                if (o != Outcome::wrong && !damage.kind.empty() &&
                    std::none_of(out.encoding.repairs.begin(), out.encoding.repairs.end(),
                                 [&](const Repair& r) { return r.kind == damage.kind; }))
                    ++t.kind_missing;
                const std::string where = damage.name + " " + length_name(span.length);
                if (o == Outcome::wrong && where.find(show_only) != std::string::npos &&
                    failures_shown++ < 30)
                    failures << "  " << damage.name << " " << length_name(span.length) << " in "
                             << source.name << ": damaged «" << shorten(d->text) << "» "
                             << first_difference(out.text, clean.text, !d->lossless)
                             << repairs_made(out) << "\n";
            }
        }
    }
    std::cout << "right % = exact / losses marked / wrong (kind missing), per damage class and "
                 "length:\n";
    for (const auto& [name, by_length] : tallies) {
        std::cout << "  " << std::left << std::setw(30) << name;
        for (const auto& [length, t] : by_length)
            std::cout << "  " << length_name(length) << " " << std::fixed << std::setprecision(0)
                      << t.right_percent() << "% = " << t.exact << "/" << t.marked << "/" << t.wrong
                      << " (" << t.kind_missing << ")";
        std::cout << "\n";
    }
    if (failures_shown)
        std::cout << "wrong (first 30 of " << failures_shown << "):\n" << failures.str();

    for (const DamageClass& damage : damage_classes()) {
        const auto& by_length = tallies[damage.name];
        for (Length length :
             {Length::title, Length::sentence, Length::paragraph, Length::document}) {
            if (damage.local && length == Length::document) continue;
            const auto it = by_length.find(length);
            // Coverage: every class at every length (the fixtures alone have them all).
            if (!with_corpus) {
                EXPECT_TRUE(it != by_length.end() && it->second.total() > 0)
                    << damage.name << " was never tried at " << length_name(length);
            }
            if (it == by_length.end()) continue;
            const Tally& t = it->second;
            EXPECT_GE(t.right_percent(), floor_for(damage.name, length) - floor_slack(t.total()))
                << damage.name << " at " << length_name(length) << " (floor "
                << floor_for(damage.name, length) << "%, slack " << floor_slack(t.total()) << ")";
            // A repair that comes out right names the damage it undid.
            EXPECT_EQ(t.kind_missing, 0u) << damage.name << " at " << length_name(length);
        }
    }
}

}  // namespace

TEST(RepairEveryDamageClass, OnTheFixtureReports) {
    repair_every_class(false);
}

TEST(RepairEveryDamageClass, OnTheCorpus) {
    GONGWEN_REQUIRE_CORPUS();
    repair_every_class(true);
}

// Clean reports in every encoding, with and without a byte order mark, LF and CRLF: they come
// back exactly, nothing repaired, nothing counted as lost.
TEST(CleanEncodings, EveryReportInEveryEncodingComesBackExactly) {
    struct Form {
        const char* charset;
        std::string bom;
    };
    const std::vector<Form> forms = {
        {"UTF-8", ""},
        {"UTF-8", "\xEF\xBB\xBF"},
        {"GB18030", ""},
        {"GB18030", std::string("\x84\x31\x95\x33", 4)},
        {"Big5", ""},
        {"UTF-16LE", ""},
        {"UTF-16LE", "\xFF\xFE"},
        {"UTF-16BE", ""},
        {"UTF-16BE", "\xFE\xFF"},
    };
    const bool corpus = test::corpus_dir().has_value();
    std::size_t tried = 0;
    for (const SourceText& source : source_texts(corpus)) {
        const Document reference = chain().run(source.utf8);
        for (const Form& form : forms)
            for (bool crlf : {false, true}) {
                std::string text = source.utf8;
                if (crlf)
                    for (std::size_t at = text.find('\n'); at != std::string::npos;
                         at = text.find('\n', at + 2))
                        text.insert(at, "\r");
                const auto bytes = encode_strict(form.charset, text);
                if (!bytes) continue;  // a character Big5 lacks
                ++tried;
                const Document d = chain().run(form.bom + *bytes);
                const std::string what = source.name + " as " + form.charset +
                                         (form.bom.empty() ? "" : " with BOM") +
                                         (crlf ? " CRLF" : "");
                EXPECT_EQ(d.encoding.detected, form.charset) << what;
                EXPECT_EQ(d.encoding.bom, !form.bom.empty()) << what;
                EXPECT_EQ(d.text, reference.text)
                    << what << ": " << first_difference(d.text, reference.text);
                EXPECT_EQ(d.encoding.repairs.size(), reference.encoding.repairs.size()) << what;
                EXPECT_EQ(d.encoding.lossy, reference.encoding.lossy) << what;
                if (!source.from_corpus) {
                    EXPECT_TRUE(d.encoding.repairs.empty()) << what;
                    EXPECT_EQ(d.text, source.utf8) << what;
                }
            }
    }
    EXPECT_GT(tried, 40u);
}

// A rare character right before an ASCII letter is how clean text writes a name before a code
// (婺源B级, 某A区), and also how a GBK or Big5 page that silently lost a byte shows (審陶q過 is
// 審議通過): one odd character and the letter a decoder fell back in step on. Clean lines of
// that shape, with rare characters taken from the frequency table, must stay as they are. The
// share the repairer changes is held to a CEILING measured on the current code, a ratchet like
// the floors above (the goal is none); lower it when the repairer gets better.
TEST(CleanLines, ARareCharacterBeforeALetterStaysAsItIs) {
    constexpr double ceiling_percent = 1.0;  // measured 2026-11-27: 0.7%
    constexpr double rare_below = -11.3;     // log share; typical text is -7.2
    constexpr std::size_t every = 31;        // of the rare characters in the table, in its order
    const char* const lines[] = {"{X}江E站建成。\n", "在{X}A区开展工作。\n",
                                 "全市{X}B级景区达到5个。\n", "推进{X}湖C段治理。\n"};
    std::vector<std::string> rare;
    std::istringstream table(test::read_file(test::source_dir() / "plugins" / "encoding_fix" /
                                             "data" / "char_frequency.tsv"));
    for (std::string row; std::getline(table, row);) {
        const std::size_t tab = row.find('\t');
        if (row.empty() || row[0] == '#' || tab == std::string::npos) continue;
        const std::string c = row.substr(0, tab);
        // Compatibility ideographs (U+F900-FAFF) come out in NFC as their unified forms.
        const char32_t code = utf8::decode(c)[0];
        if (std::stod(row.substr(tab + 1)) < rare_below && (code < 0xF900 || code > 0xFAFF))
            rare.push_back(c);
    }
    std::size_t tried = 0, changed = 0;
    std::ostringstream examples;
    for (std::size_t k = 0; k < rare.size(); k += every)
        for (std::string line : lines) {
            line.replace(line.find("{X}"), 3, rare[k]);
            const Document d = chain().run(line);
            ++tried;
            if (d.text == line && d.encoding.repairs.empty()) continue;
            if (changed++ < 10)
                examples << "  " << line.substr(0, line.size() - 1) << " → "
                         << d.text.substr(0, d.text.find('\n')) << "    ("
                         << (d.encoding.repairs.empty() ? "no repair" : d.encoding.repairs[0].kind)
                         << ")\n";
        }
    ASSERT_GT(tried, 1000u);
    const double percent = 100.0 * double(changed) / double(tried);
    std::cout << "clean lines with a rare character before a letter changed: " << changed << " of "
              << tried << " (" << std::fixed << std::setprecision(1) << percent << "%)\n"
              << examples.str();
    EXPECT_LE(percent, ceiling_percent);
}
