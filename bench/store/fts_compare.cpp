// Which full-text index answers Chinese searches better and faster: FTS5's trigram tokenizer,
// or words cut by ICU's dictionary-based word break iterator and indexed with unicode61 (what
// an ICU tokenizer for FTS5 would index). Both run on the same section bodies (the product's
// section_bodies(), folded as the product folds them) of documents varied from the sample
// reports, with the same queries: domain terms, substrings of 2, 3, 4 and 6 characters taken
// from the texts, and words as ICU cuts them (the case most favourable to ICU). The truth for
// a query is the set of bodies that contain it, which is what `gongwen search` promises.
//
//   fts_compare [documents]   (default 2000)
//
// Prints markdown tables; docs/performance/store.md has the figures and the conclusion.
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "gongwen/utf8.hpp"
#include "store/database.hpp"
#include "store/script_fold.hpp"
#include "store/section_bodies.hpp"
#include "test_paths.hpp"
#include "varied_corpus.hpp"

using namespace gongwen;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

class WordBreaker {
  public:
    WordBreaker() {
        UErrorCode status = U_ZERO_ERROR;
        it_.reset(icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
        if (U_FAILURE(status)) throw std::runtime_error("ICU word break iterator unavailable");
    }
    std::vector<std::string> words(const std::string& text) {
        const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
        it_->setText(u);
        std::vector<std::string> out;
        std::int32_t start = it_->first();
        for (std::int32_t end = it_->next(); end != icu::BreakIterator::DONE;
             start = end, end = it_->next()) {
            if (it_->getRuleStatus() == UBRK_WORD_NONE) continue;  // spaces, punctuation
            std::string w;
            u.tempSubStringBetween(start, end).toUTF8String(w);
            out.push_back(std::move(w));
        }
        return out;
    }
    std::string segmented(const std::string& text) {
        std::string out;
        for (const auto& w : words(text)) out += (out.empty() ? "" : " ") + w;
        return out;
    }

  private:
    std::unique_ptr<icu::BreakIterator> it_;
};

bool ideographs_only(const std::u32string& s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; });
}

struct Query {
    std::string text;
    std::string kind;
};

struct Method {
    explicit Method(std::string n) : name(std::move(n)) {}
    std::string name;
    std::vector<double> recall, precision, millis;
    std::map<std::string, std::vector<double>> recall_by_kind, millis_by_kind;
    std::map<std::string, int> misses_by_kind;  // queries with recall < 1
};

std::set<std::int64_t> run(Database& db, const std::string& sql, const std::string& arg) {
    std::set<std::int64_t> ids;
    auto st = db.prepare(sql);
    st.bind(1, arg);
    while (st.step()) ids.insert(st.int64(0));
    return ids;
}

std::string phrase(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t documents = argc > 1 ? std::stoul(argv[1]) : 2000;
    const ScriptFold& fold = ScriptFold::shared();
    const auto bases = bench::chained_reports();

    std::vector<std::string> bodies;
    for (std::size_t i = 0; i < documents; ++i)
        for (const auto& b : section_bodies(bench::varied(bases[i % bases.size()], i)))
            bodies.push_back(fold.fold(b.body));
    std::size_t text_bytes = 0;
    for (const auto& b : bodies) text_bytes += b.size();

    WordBreaker breaker;
    auto t0 = Clock::now();
    std::vector<std::string> segmented;
    for (const auto& b : bodies) segmented.push_back(breaker.segmented(b));
    const double segment_ms = ms_since(t0);

    test::TempDir dir;
    struct Index {
        std::string name, tokenizer;
        const std::vector<std::string>* rows;
        std::unique_ptr<Database> db;
        double build_ms = 0;
        std::uintmax_t bytes = 0;
    };
    std::vector<Index> indexes;
    indexes.push_back({"trigram", "trigram", &bodies, nullptr});
    indexes.push_back({"icu_words", "unicode61", &segmented, nullptr});
    for (auto& ix : indexes) {
        const auto file = dir / (ix.name + ".db");
        ix.db = std::make_unique<Database>(file);
        ix.db->exec("CREATE VIRTUAL TABLE f USING fts5(text, content = '', tokenize = '" +
                    ix.tokenizer + "')");
        t0 = Clock::now();
        Transaction tx(*ix.db);
        auto ins = ix.db->prepare("INSERT INTO f (rowid, text) VALUES (?, ?)");
        for (std::size_t i = 0; i < ix.rows->size(); ++i) {
            ins.bind_all(static_cast<std::int64_t>(i + 1), (*ix.rows)[i]).run();
            ins.reset();
        }
        tx.commit();
        ix.build_ms = ms_since(t0);
        ix.db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        ix.bytes = std::filesystem::file_size(file);
    }
    // The scan for short terms reads the bodies as section_bodies stores them.
    Database& plain = *indexes[0].db;
    plain.exec("CREATE TABLE bodies (id INTEGER PRIMARY KEY, text TEXT)");
    {
        Transaction tx(plain);
        auto ins = plain.prepare("INSERT INTO bodies (id, text) VALUES (?, ?)");
        for (std::size_t i = 0; i < bodies.size(); ++i) {
            ins.bind_all(static_cast<std::int64_t>(i + 1), bodies[i]).run();
            ins.reset();
        }
        tx.commit();
    }

    // Queries: domain terms, substrings from the texts, and ICU's own words.
    std::vector<Query> queries;
    for (const char* t :
         {"行政复议", "法律援助", "人民调解", "社区矫正", "企业合规", "扫黑除恶", "法治政府",
          "公共法律服务", "普法", "律师", "公证", "调解", "矫正", "疫情", "宪法", "禁毒"})
        queries.push_back({fold.fold(t), "domain"});
    for (std::size_t len : {2, 3, 4, 6}) {
        std::set<std::string> seen;
        for (std::size_t i = 7; i < bodies.size() && seen.size() < 40;
             i += bodies.size() / 97 + 1) {
            const std::u32string b = utf8::decode(bodies[i]);
            for (std::size_t p = b.size() / 3; p + len <= b.size(); ++p) {
                const std::u32string cut = b.substr(p, len);
                if (ideographs_only(cut)) {
                    if (seen.insert(utf8::encode(cut)).second)
                        queries.push_back({utf8::encode(cut), "substring_" + std::to_string(len)});
                    break;
                }
            }
        }
    }
    {
        std::set<std::string> seen;
        for (std::size_t i = 3; i < bodies.size() && seen.size() < 60;
             i += bodies.size() / 131 + 1) {
            const auto words = breaker.words(bodies[i]);
            for (std::size_t k = words.size() / 2; k < words.size(); ++k) {
                const std::u32string w = utf8::decode(words[k]);
                if (w.size() >= 2 && ideographs_only(w)) {
                    if (seen.insert(words[k]).second) queries.push_back({words[k], "icu_word"});
                    break;
                }
            }
        }
    }

    std::vector<Method> methods = {Method("trigram"), Method("trigram + scan (<3 chars)"),
                                   Method("icu_words")};
    std::vector<std::string> misses_icu;
    for (const Query& q : queries) {
        std::set<std::int64_t> truth;
        for (std::size_t i = 0; i < bodies.size(); ++i)
            if (bodies[i].find(q.text) != std::string::npos)
                truth.insert(static_cast<std::int64_t>(i + 1));
        const bool indexable = utf8::length(q.text) >= 3;
        std::string icu_phrase;
        for (const auto& w : breaker.words(q.text))
            icu_phrase += (icu_phrase.empty() ? "" : " ") + w;

        for (std::size_t m = 0; m < methods.size(); ++m) {
            std::set<std::int64_t> found;
            std::vector<double> times;
            for (int rep = 0; rep < 5; ++rep) {
                t0 = Clock::now();
                if (m == 0 || (m == 1 && indexable))
                    found =
                        run(*indexes[0].db, "SELECT rowid FROM f WHERE f MATCH ?", phrase(q.text));
                else if (m == 1)
                    found = run(plain, "SELECT id FROM bodies WHERE instr(text, ?) > 0", q.text);
                else
                    found = run(*indexes[1].db, "SELECT rowid FROM f WHERE f MATCH ?",
                                phrase(icu_phrase));
                times.push_back(ms_since(t0));
            }
            std::sort(times.begin(), times.end());
            std::size_t hit = 0;
            for (auto id : found) hit += truth.count(id);
            const double recall =
                truth.empty() ? 1.0 : static_cast<double>(hit) / static_cast<double>(truth.size());
            const double precision =
                found.empty() ? 1.0 : static_cast<double>(hit) / static_cast<double>(found.size());
            Method& me = methods[m];
            me.recall.push_back(recall);
            me.precision.push_back(precision);
            me.millis.push_back(times[2]);
            me.recall_by_kind[q.kind].push_back(recall);
            me.millis_by_kind[q.kind].push_back(times[2]);
            if (recall < 1.0) {
                ++me.misses_by_kind[q.kind];
                if (m == 2 && misses_icu.size() < 12)
                    misses_icu.push_back(q.text + " (" + icu_phrase + "): " + std::to_string(hit) +
                                         "/" + std::to_string(truth.size()));
            }
        }
    }

    auto mean = [](const std::vector<double>& v) {
        double s = 0;
        for (double x : v) s += x;
        return v.empty() ? 0.0 : s / static_cast<double>(v.size());
    };
    std::printf("%zu documents, %zu section bodies, %.1f MB of text; ICU segmentation %.0f ms\n\n",
                documents, bodies.size(), static_cast<double>(text_bytes) / 1e6, segment_ms);
    std::printf("| index | build (ms) | size (MB) |\n|---|---:|---:|\n");
    for (const auto& ix : indexes)
        std::printf("| %s | %.0f | %.1f |\n", ix.name.c_str(), ix.build_ms,
                    static_cast<double>(ix.bytes) / 1e6);
    std::map<std::string, std::size_t> per_kind;
    for (const auto& q : queries) ++per_kind[q.kind];
    std::printf(
        "\nrecall (mean) / queries missing some bodies / median ms per query\n\n| queries | n |");
    for (const auto& m : methods) std::printf(" %s |", m.name.c_str());
    std::printf("\n|---|---:|");
    for (std::size_t i = 0; i < methods.size(); ++i) std::printf("---|");
    std::printf("\n");
    for (const auto& [kind, n] : per_kind) {
        std::printf("| %s | %zu |", kind.c_str(), n);
        for (auto& m : methods)
            std::printf(" %.3f / %d / %.2f |", mean(m.recall_by_kind[kind]), m.misses_by_kind[kind],
                        mean(m.millis_by_kind[kind]));
        std::printf("\n");
    }
    std::printf("| all | %zu |", queries.size());
    for (auto& m : methods)
        std::printf(" %.3f (precision %.3f) / %.2f |", mean(m.recall), mean(m.precision),
                    mean(m.millis));
    std::printf("\n\nICU misses (query (as segmented): found/true):\n");
    for (const auto& s : misses_icu) std::printf("  %s\n", s.c_str());
    return 0;
}
