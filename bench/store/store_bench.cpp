// Store benchmarks on a collection of ≥ 10,000 documents varied from the sample reports
// (varied_corpus.hpp): insert throughput (documents/s, each with its sections, metrics,
// diagnostics and full-text rows, one transaction per document as the daemon writes them),
// then search latency on the result, against a plain scan of the stored texts (what a search
// costs without the index), and a metrics query. Results: docs/performance/store.md.
//
//   GONGWEN_BENCH_DOCUMENTS  documents to insert (default 10000)
//   GONGWEN_BENCH_SEARCHES   runs of each search, for its p50/p99 (default 200)
//   GONGWEN_BENCH_DB         keep the database at this path (default: a temp folder)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <vector>

#include "gongwen/utf8.hpp"
#include "store/database.hpp"
#include "store/document_store.hpp"
#include "store/full_text_search.hpp"
#include "store/metric_query.hpp"
#include "store/script_fold.hpp"
#include "store/search_index.hpp"
#include "store/search_query.hpp"
#include "test_paths.hpp"
#include "varied_corpus.hpp"

using namespace gongwen;

namespace {

std::size_t documents_wanted() {
    const char* n = std::getenv("GONGWEN_BENCH_DOCUMENTS");
    return n && *n ? std::stoul(n) : 10000;
}

// Enough runs of each query for a p99 that is not just the slowest run.
benchmark::IterationCount search_iterations() {
    const char* n = std::getenv("GONGWEN_BENCH_SEARCHES");
    return n && *n ? std::stol(n) : 200;
}

struct Collection {
    test::TempDir dir;
    std::filesystem::path file;
    std::vector<Document> bases;
    std::unique_ptr<Database> db;
    std::size_t stored = 0;

    Collection() : bases(bench::chained_reports()) {
        const char* keep = std::getenv("GONGWEN_BENCH_DB");
        file = keep && *keep ? std::filesystem::path(keep) : dir / "bench.db";
        std::filesystem::remove(file);
        db = std::make_unique<Database>(file);
    }
};

Collection& collection() {
    static Collection c;
    return c;
}

// The queries need the full collection even when the insert benchmark was filtered out.
Collection& filled_collection() {
    Collection& c = collection();
    DocumentStore store(*c.db);
    while (c.stored < documents_wanted()) {
        Transaction tx(*c.db);
        store.save(bench::varied(c.bases[c.stored % c.bases.size()], c.stored), "bench");
        tx.commit();
        ++c.stored;
    }
    return c;
}

// Per-iteration times, for the percentiles the mean hides.
class Latencies {
  public:
    void start() { t0_ = std::chrono::steady_clock::now(); }
    void stop() {
        millis_.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0_)
                .count());
    }
    void report(benchmark::State& state) {
        if (millis_.empty()) return;
        std::sort(millis_.begin(), millis_.end());
        const auto at = [&](double q) {
            return millis_[std::min(
                millis_.size() - 1,
                static_cast<std::size_t>(q * static_cast<double>(millis_.size())))];
        };
        state.counters["p50_ms"] = at(0.50);
        state.counters["p99_ms"] = at(0.99);
        state.counters["max_ms"] = millis_.back();
    }

  private:
    std::chrono::steady_clock::time_point t0_;
    std::vector<double> millis_;
};

void insert_documents(benchmark::State& state) {
    Collection& c = collection();
    DocumentStore store(*c.db);
    double sections = 0, metrics = 0, bytes = 0;
    Latencies latency;
    for (auto _ : state) {
        state.PauseTiming();
        const Document d = bench::varied(c.bases[c.stored % c.bases.size()], c.stored);
        sections += static_cast<double>(d.sections.size());
        metrics += static_cast<double>(d.metrics.size());
        bytes += static_cast<double>(d.text.size());
        state.ResumeTiming();
        latency.start();
        Transaction tx(*c.db);
        store.save(d, "bench");
        tx.commit();
        latency.stop();
        ++c.stored;
    }
    latency.report(state);
    const auto n = static_cast<double>(state.iterations());
    state.SetItemsProcessed(state.iterations());
    state.counters["sections/doc"] = sections / n;
    state.counters["metrics/doc"] = metrics / n;
    state.counters["text_KB/doc"] = bytes / n / 1024;
}

// The full-text part of an insert alone: what the index adds to each document.
void index_documents(benchmark::State& state) {
    Collection& c = collection();
    test::TempDir dir;
    Database db(dir / "index.db");
    DocumentStore store(db);
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < c.bases.size(); ++i) ids.push_back(store.save(c.bases[i], "bench"));
    SearchIndex index(db);
    std::size_t i = 0;
    for (auto _ : state) {
        Transaction tx(db);
        index.replace(ids[i % ids.size()], c.bases[i % c.bases.size()]);
        tx.commit();
        ++i;
    }
    state.SetItemsProcessed(state.iterations());
}

void search_terms(benchmark::State& state, const std::string& query) {
    Collection& c = filled_collection();
    Database db(c.file, Database::Mode::read_only);
    SearchResults r;
    Latencies latency;
    for (auto _ : state) {
        // Parsing and folding the query is part of what a user waits for.
        latency.start();
        r = search(db, parse_search_query(query, &ScriptFold::shared()), SearchLimits{});
        benchmark::DoNotOptimize(r);
        latency.stop();
    }
    latency.report(state);
    state.counters["documents_found"] = static_cast<double>(r.total_documents);
    state.counters["sections_found"] = static_cast<double>(r.total_sections);
}

// The same question without the index: every stored text scanned.
void scan_texts(benchmark::State& state, const std::string& term) {
    Collection& c = filled_collection();
    Database db(c.file, Database::Mode::read_only);
    auto st = db.prepare("SELECT count(*) FROM documents WHERE instr(text, ?) > 0");
    std::int64_t found = 0;
    for (auto _ : state) {
        st.bind(1, ScriptFold::shared().fold(term));
        st.step();
        found = st.int64(0);
        st.reset();
    }
    state.counters["documents_found"] = static_cast<double>(found);
}

void query_metrics(benchmark::State& state, const std::string& subject) {
    Collection& c = filled_collection();
    Database db(c.file, Database::Mode::read_only);
    MetricFilter f;
    f.subject = subject;
    std::size_t rows = 0;
    for (auto _ : state) {
        rows = find_metrics(db, f, &ScriptFold::shared()).size();
        benchmark::DoNotOptimize(rows);
    }
    state.counters["rows"] = static_cast<double>(rows);
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    const auto n = static_cast<benchmark::IterationCount>(documents_wanted());
    benchmark::RegisterBenchmark("insert_document", insert_documents)
        ->Iterations(n)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("index_document_only", index_documents)
        ->Unit(benchmark::kMillisecond);
    // Common and rare terms, 4 and 6 characters (index), two terms, other script, and
    // 2 characters alone (too short for trigrams: a scan, so fewer runs of it).
    for (const char* q : {"行政复议", "法律援助", "企业合规", "公共法律服务", "行政復議",
                          "法律援助 普法", "普法", "律师"}) {
        const bool scanned = utf8::length(q) < 3;
        benchmark::RegisterBenchmark((std::string("search/") + q).c_str(), search_terms,
                                     std::string(q))
            ->Iterations(scanned ? std::max<benchmark::IterationCount>(search_iterations() / 10, 5)
                                 : search_iterations())
            ->Unit(benchmark::kMillisecond);
    }
    for (const char* q : {"行政复议", "企业合规", "普法"})
        benchmark::RegisterBenchmark((std::string("scan_texts/") + q).c_str(), scan_texts,
                                     std::string(q))
            ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("metrics/法律援助", query_metrics, std::string("法律援助"))
        ->Unit(benchmark::kMillisecond);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::cerr << "documents stored: " << collection().stored << " in " << collection().file.string()
              << " (" << std::filesystem::file_size(collection().file) / (1024 * 1024) << " MB)\n";
    return 0;
}
