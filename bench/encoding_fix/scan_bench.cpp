// The pass-through scan alone: how fast encoding_fix's check of clean UTF-8 (valid, no damage
// signs: plain_run, as TextPipeline runs it over quiet lines) goes, next to copying the same
// bytes (memory speed) and ICU validating them while converting to UTF-16. The whole plugin
// through the chain, with its copies of the text and per-document work, is in
// encoding_fix_bench.cpp. Results: docs/performance/encoding_fix.md.
#include <benchmark/benchmark.h>
#include <unicode/ustring.h>

#include <cstring>
#include <string>
#include <vector>

#include "plain_run.hpp"
#include "shipped_damage_signs.hpp"
#include "source_texts.hpp"

using namespace gongwen;
using namespace gongwen::encoding_fix;

namespace {

// The fixture reports in which no line shows a damage sign, repeated to 4 MB.
const std::string& quiet_text() {
    static const std::string text = [] {
        std::string out;
        while (out.size() < (4u << 20))
            for (const std::string& r : encoding_fix::testing::fixture_reports(true)) out += r;
        return out;
    }();
    return text;
}

const DamageSigns& signs() {
    return gongwen::encoding_fix::testing::shipped_damage_signs();
}

void scan(benchmark::State& state) {
    const std::string& text = quiet_text();
    const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = begin + text.size();
    const std::uint64_t* bits = signs().bmp_signs();
    for (auto _ : state) {
        // Where a run stops (a '?', a two-byte character, the last bytes) TextPipeline looks at
        // one character itself; here it is only stepped over.
        std::size_t code_points = 0;
        for (const unsigned char* p = begin; p < end;) {
            const PlainRun run = plain_run(p, end, bits, true);
            code_points += run.code_points + (run.bytes == 0);
            p += run.bytes ? run.bytes : *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        }
        benchmark::DoNotOptimize(code_points);
    }
    state.SetBytesProcessed(int64_t(text.size()) * int64_t(state.iterations()));
}

void copy(benchmark::State& state) {
    const std::string& text = quiet_text();
    std::string out(text.size(), '\0');
    for (auto _ : state) {
        std::memcpy(out.data(), text.data(), text.size());
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(int64_t(text.size()) * int64_t(state.iterations()));
}

void icu_utf8_to_utf16(benchmark::State& state) {
    const std::string& text = quiet_text();
    std::vector<UChar> out(text.size() + 1);
    for (auto _ : state) {
        UErrorCode error = U_ZERO_ERROR;
        int32_t length = 0;
        u_strFromUTF8(out.data(), int32_t(out.size()), &length, text.data(), int32_t(text.size()),
                      &error);
        if (U_FAILURE(error)) state.SkipWithError(u_errorName(error));
        benchmark::DoNotOptimize(length);
    }
    state.SetBytesProcessed(int64_t(text.size()) * int64_t(state.iterations()));
}

}  // namespace

BENCHMARK(scan)->Name("Scan/quiet-UTF-8/plain_run")->Unit(benchmark::kMillisecond);
BENCHMARK(copy)->Name("Scan/quiet-UTF-8/memcpy")->Unit(benchmark::kMillisecond);
BENCHMARK(icu_utf8_to_utf16)->Name("Scan/quiet-UTF-8/icu_to_utf16")->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
