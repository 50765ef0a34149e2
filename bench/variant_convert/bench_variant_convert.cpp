// variant_convert throughput on the same multi-megabyte inputs, in the same run, as its peers:
//   Simplified (needs no change) -> zh-Hans: the plugin's passthrough; `opencc -c t2s` on it;
//   the same text in Traditional -> zh-Hans: the plugin, `opencc -c t2s`, libopencc in
//   process, ICU's Hant-Hans transliterator;
//   the corpus's Traditional report as collected -> zh-Hans: the plugin, `opencc -c t2s`;
//   Simplified -> zh-Hant: the plugin, `opencc -c s2t`.
// Every plugin run is checked against libopencc's output. Rates are over wall time (the
// command line runs in another process); the cpu_MB/s counter divides by the CPU time of the
// thread or of the `opencc` child, which a shared, busy machine disturbs less.
// Input size: $VARIANT_BENCH_MB (default 8).
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <time.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "bench_inputs.hpp"
#include "chain_harness.hpp"
#include "test_paths.hpp"

using namespace variant_convert::bench;

namespace {

struct Input {
    std::string text;
    std::filesystem::path file;
};

struct Inputs {
    gongwen::test::TempDir dir;
    Input simplified;   // needs no change under t2s
    Input traditional;  // s2t of `simplified`
    Input collected;    // the Traditional reports as collected, repeated
};

Input make_input(const gongwen::test::TempDir& dir, const std::string& name, std::string text) {
    Input input{std::move(text), dir / name};
    gongwen::test::write_file(input.file, input.text);
    return input;
}

Inputs& inputs() {
    static Inputs in;
    static const bool made = [] {
        const char* env = std::getenv("VARIANT_BENCH_MB");
        const std::size_t bytes = (env ? std::strtoul(env, nullptr, 10) : 8) * 1000 * 1000;
        std::string simplified, traditional, collected;
        for (const auto& report : simplified_reports()) {
            simplified += report.simplified;
            traditional += report.traditional;
        }
        for (const auto& report : traditional_reports()) collected += report.traditional;
        in.simplified = make_input(in.dir, "simplified.txt", repeated(simplified, bytes));
        in.traditional = make_input(in.dir, "traditional.txt", repeated(traditional, bytes));
        in.collected = make_input(in.dir, "collected.txt", repeated(collected, bytes));
        return true;
    }();
    (void)made;
    return in;
}

double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

double children_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
           usage.ru_stime.tv_usec / 1e6;
}

void report(benchmark::State& state, std::size_t bytes, double cpu_seconds) {
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    state.counters["cpu_MB/s"] = state.iterations() * bytes / 1e6 / cpu_seconds;
}

void plugin(benchmark::State& state, const Input* input, std::string target, std::string config) {
    gongwen::test::ChainHarness chain({"variant_convert"},
                                      "[plugins.variant_convert]\ntarget = \"" + target + "\"\n");
    gongwen::Document doc;
    double cpu = 0;
    for (auto _ : state) {
        state.PauseTiming();
        doc = gongwen::Document();
        doc.original_text = input->text;
        doc.text = input->text;
        state.ResumeTiming();
        const double t0 = thread_cpu_seconds();
        if (auto failure = chain.try_run(doc)) state.SkipWithError(failure->message.c_str());
        cpu += thread_cpu_seconds() - t0;
        benchmark::DoNotOptimize(doc.text.data());
    }
    report(state, input->text.size(), cpu);
    if (doc.text != opencc_convert(config, input->text))
        state.SkipWithError("output differs from libopencc's");
}

void opencc_cli(benchmark::State& state, const Input* input, std::string config) {
    const std::string command =
        "opencc -c " + config + " -i '" + input->file.string() + "' -o /dev/null";
    double cpu = 0;
    for (auto _ : state) {
        const double c0 = children_cpu_seconds();
        const auto t0 = std::chrono::steady_clock::now();
        if (std::system(command.c_str()) != 0) state.SkipWithError(("failed: " + command).c_str());
        const auto t1 = std::chrono::steady_clock::now();
        cpu += children_cpu_seconds() - c0;
        state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
    }
    report(state, input->text.size(), cpu);
}

void libopencc(benchmark::State& state, const Input* input, std::string config) {
    opencc_convert(config, "");  // load outside the timing
    double cpu = 0;
    for (auto _ : state) {
        const double t0 = thread_cpu_seconds();
        benchmark::DoNotOptimize(opencc_convert(config, input->text));
        cpu += thread_cpu_seconds() - t0;
    }
    report(state, input->text.size(), cpu);
}

void icu_transliterator(benchmark::State& state, const Input* input, std::string id) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> transliterator(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
    if (U_FAILURE(status)) {
        state.SkipWithError(u_errorName(status));
        return;
    }
    double cpu = 0;
    for (auto _ : state) {
        const double t0 = thread_cpu_seconds();
        icu::UnicodeString text = icu::UnicodeString::fromUTF8(input->text);
        transliterator->transliterate(text);
        std::string out;
        text.toUTF8String(out);
        benchmark::DoNotOptimize(out.data());
        cpu += thread_cpu_seconds() - t0;
    }
    report(state, input->text.size(), cpu);
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    Inputs& in = inputs();
    std::cout << "inputs: Simplified " << in.simplified.text.size() << " bytes, Traditional "
              << in.traditional.text.size() << " bytes, collected Traditional "
              << in.collected.text.size() << " bytes\n";
    auto wall = [](benchmark::internal::Benchmark* b) {
        b->UseRealTime()->Unit(benchmark::kMillisecond);
    };
    auto manual = [](benchmark::internal::Benchmark* b) {
        b->UseManualTime()->Unit(benchmark::kMillisecond);
    };

    wall(benchmark::RegisterBenchmark("passthrough/variant_convert", plugin, &in.simplified,
                                      "zh-Hans", "t2s"));
    manual(benchmark::RegisterBenchmark("passthrough/opencc_cli_t2s", opencc_cli, &in.simplified,
                                        "t2s"));
    wall(benchmark::RegisterBenchmark("to_hans/variant_convert", plugin, &in.traditional, "zh-Hans",
                                      "t2s"));
    manual(
        benchmark::RegisterBenchmark("to_hans/opencc_cli_t2s", opencc_cli, &in.traditional, "t2s"));
    wall(benchmark::RegisterBenchmark("to_hans/libopencc_t2s", libopencc, &in.traditional, "t2s"));
    wall(benchmark::RegisterBenchmark("to_hans/icu_Hant-Hans", icu_transliterator, &in.traditional,
                                      "Hant-Hans"));
    if (!in.collected.text.empty()) {
        wall(benchmark::RegisterBenchmark("collected_to_hans/variant_convert", plugin,
                                          &in.collected, "zh-Hans", "t2s"));
        manual(benchmark::RegisterBenchmark("collected_to_hans/opencc_cli_t2s", opencc_cli,
                                            &in.collected, "t2s"));
    }
    wall(benchmark::RegisterBenchmark("to_hant/variant_convert", plugin, &in.simplified, "zh-Hant",
                                      "s2t"));
    manual(
        benchmark::RegisterBenchmark("to_hant/opencc_cli_s2t", opencc_cli, &in.simplified, "s2t"));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
