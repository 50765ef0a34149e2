// MB/s of metric_extract through the real chain runner, on the sample corpus (when present)
// and on the project's own fixtures. Only the metric_extract step is timed: the documents
// are decoded once by encoding_fix beforehand, as they are in the daemon's chain.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "chain_harness.hpp"
#include "test_paths.hpp"

namespace {

using gongwen::Document;
namespace fs = std::filesystem;

std::vector<fs::path> inputs(const std::string& set) {
    std::vector<fs::path> files;
    if (set == "corpus") return gongwen::test::corpus_files();
    const fs::path dir = gongwen::test::data_dir() / "metric_extract";
    if (fs::is_directory(dir))
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

void run(benchmark::State& state, const std::string& set, const std::vector<std::string>& chain) {
    const auto files = inputs(set);
    if (files.empty()) {
        state.SkipWithError(("no input files for " + set).c_str());
        return;
    }
    gongwen::test::ChainHarness decode({"encoding_fix"});
    gongwen::test::ChainHarness extract(chain);
    std::vector<Document> docs;
    std::size_t bytes = 0;
    for (const auto& f : files) {
        docs.push_back(decode.run_file(f));
        bytes += docs.back().text.size();
    }
    std::size_t metrics = 0;
    for (auto _ : state) {
        for (const Document& d : docs) {
            state.PauseTiming();
            Document copy = d;
            copy.metrics.clear();
            state.ResumeTiming();
            extract.try_run(copy);
            metrics += copy.metrics.size();
            benchmark::DoNotOptimize(copy.metrics.data());
        }
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(bytes));
    state.counters["metrics_per_pass"] =
        benchmark::Counter(double(metrics) / double(state.iterations()));
    state.counters["bytes_per_pass"] = double(bytes);
}

void BM_MetricExtract_Corpus(benchmark::State& s) {
    run(s, "corpus", {"metric_extract"});
}
void BM_MetricExtract_Fixtures(benchmark::State& s) {
    run(s, "fixtures", {"metric_extract"});
}

}  // namespace

BENCHMARK(BM_MetricExtract_Corpus)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MetricExtract_Fixtures)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
