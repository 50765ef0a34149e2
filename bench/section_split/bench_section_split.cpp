// MB/s of section_split (the real .so through the real ChainRunner) on real reports.
//
//   bench_section_split [--benchmark_repetitions=5]
//
// Inputs: each sample corpus report (skipped when ../shared/corpus is absent), each fixture
// of tests/data/section_split, and "all_4MB": every input concatenated and repeated to 4 MB,
// one document. The floor, "utf8_index", builds gongwen::utf8::Index over the same bytes, the
// least any plugin reporting code point offsets does.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "chain_harness.hpp"
#include "gongwen/utf8.hpp"
#include "test_paths.hpp"

namespace {

struct Input {
    std::string name;
    std::string text;
};

std::vector<Input> inputs() {
    std::vector<Input> out;
    for (const auto& f : gongwen::test::corpus_files())
        out.push_back({"corpus/" + f.stem().string().substr(0, 3), gongwen::test::read_file(f)});
    std::vector<std::filesystem::path> fixtures;
    for (const auto& e :
         std::filesystem::directory_iterator(gongwen::test::data_dir() / "section_split"))
        fixtures.push_back(e.path());
    std::sort(fixtures.begin(), fixtures.end());
    for (const auto& f : fixtures)
        out.push_back({"fixture/" + f.stem().string(), gongwen::test::read_file(f)});
    std::string all;
    while (all.size() < (4u << 20))
        for (const auto& in : out) all += in.text + "\n\n";
    out.push_back({"all_4MB", all});
    return out;
}

void split(benchmark::State& state, const std::string& text) {
    gongwen::test::ChainHarness chain({"section_split"});
    gongwen::Document doc = gongwen::test::document_from_bytes(text);
    doc.original_text = text;
    doc.text = text;
    for (auto _ : state) {
        doc.diagnostics.clear();
        doc.chain.clear();
        if (auto failure = chain.try_run(doc)) {
            state.SkipWithError(failure->message.c_str());
            break;
        }
        benchmark::DoNotOptimize(doc.blocks.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.counters["blocks"] = static_cast<double>(doc.blocks.size());
    state.counters["sections"] = static_cast<double>(doc.sections.size());
}

void index_floor(benchmark::State& state, const std::string& text) {
    for (auto _ : state) {
        gongwen::utf8::Index index(text);
        benchmark::DoNotOptimize(index.code_points());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

}  // namespace

int main(int argc, char** argv) {
    static const std::vector<Input> all = inputs();
    for (const auto& in : all) {
        benchmark::RegisterBenchmark(("section_split/" + in.name).c_str(), split, in.text)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(("utf8_index/" + in.name).c_str(), index_floor, in.text)
            ->Unit(benchmark::kMicrosecond);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
}
