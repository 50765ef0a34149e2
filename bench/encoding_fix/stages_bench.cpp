// encoding_fix's two stages that go over every byte, alone, built from the plugin's sources:
// the pass-through scan (plain_run: clean UTF-8 checked for validity and damage signs, as
// TextPipeline runs it over quiet lines) next to copying the same bytes (memory speed) and ICU
// validating them while converting to UTF-16; and decoding a whole GB18030 or Big5 report to
// UTF-8 (Charset::decode_to_utf8, the pair table with ICU for what it cannot read) next to ICU
// converting the same bytes. The whole plugin through the chain, detection, repair, copies and
// per-document work included, is in encoding_fix_bench.cpp. Results:
// docs/performance/encoding_fix.md.
#include <benchmark/benchmark.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "charset.hpp"
#include "decimal_rate.hpp"
#include "plain_run.hpp"
#include "shipped_damage_signs.hpp"
#include "source_texts.hpp"
#include "test_paths.hpp"

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
    const std::uint8_t* stops = signs().three_byte_stops(DamageSigns::Watch::ordinary);
    for (auto _ : state) {
        // Where a run stops (a '?', a two-byte character, the last bytes) TextPipeline looks at
        // one character itself; here it is only stepped over.
        std::size_t code_points = 0;
        for (const unsigned char* p = begin; p < end;) {
            const PlainRun run = plain_run(p, end, stops, true);
            code_points += run.code_points + (run.bytes == 0);
            p += run.bytes ? run.bytes : *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        }
        benchmark::DoNotOptimize(code_points);
    }
    bench::set_bytes_processed(state, int64_t(text.size()) * int64_t(state.iterations()));
}

void copy(benchmark::State& state) {
    const std::string& text = quiet_text();
    std::string out(text.size(), '\0');
    for (auto _ : state) {
        std::memcpy(out.data(), text.data(), text.size());
        benchmark::DoNotOptimize(out.data());
    }
    bench::set_bytes_processed(state, int64_t(text.size()) * int64_t(state.iterations()));
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
    bench::set_bytes_processed(state, int64_t(text.size()) * int64_t(state.iterations()));
}

// Every source text (fixtures and corpus, each also in Traditional script) that `charset` can
// hold, in it: the reports the plugin's Documents benchmarks read.
const std::vector<std::string>& reports_in(const char* charset) {
    static std::map<std::string, std::vector<std::string>> all;
    std::vector<std::string>& out = all[charset];
    if (out.empty())
        for (const auto& t : encoding_fix::testing::source_texts(test::corpus_dir().has_value()))
            if (std::optional<std::string> b =
                    encoding_fix::testing::encode_strict(charset, t.utf8))
                out.push_back(std::move(*b));
    return out;
}

int64_t total_bytes(const std::vector<std::string>& docs) {
    int64_t n = 0;
    for (const std::string& d : docs) n += int64_t(d.size());
    return n;
}

void decode(benchmark::State& state, const char* charset) {
    const std::vector<std::string>& docs = reports_in(charset);
    Charset decoder(charset);
    std::string out;
    for (auto _ : state)
        for (const std::string& d : docs) {
            if (decoder.decode_to_utf8(d, out) != 0) state.SkipWithError("invalid bytes");
            benchmark::DoNotOptimize(out.data());
        }
    bench::set_bytes_processed(state, total_bytes(docs) * int64_t(state.iterations()));
}

void icu_decode(benchmark::State& state, const char* charset) {
    const std::vector<std::string>& docs = reports_in(charset);
    UErrorCode error = U_ZERO_ERROR;
    UConverter* from = ucnv_open(charset, &error);
    UConverter* to = ucnv_open("UTF-8", &error);
    std::string out;
    for (auto _ : state)
        for (const std::string& d : docs) {
            out.resize(d.size() * 3 + 16);
            char* target = out.data();
            const char* source = d.data();
            ucnv_convertEx(to, from, &target, out.data() + out.size(), &source, d.data() + d.size(),
                           nullptr, nullptr, nullptr, nullptr, true, true, &error);
            benchmark::DoNotOptimize(target);
        }
    if (U_FAILURE(error)) state.SkipWithError(u_errorName(error));
    ucnv_close(from);
    ucnv_close(to);
    bench::set_bytes_processed(state, total_bytes(docs) * int64_t(state.iterations()));
}

}  // namespace

BENCHMARK_CAPTURE(decode, GB18030, "GB18030")->Name("Decode/GB18030/encoding_fix");
BENCHMARK_CAPTURE(icu_decode, GB18030, "GB18030")->Name("Decode/GB18030/icu");
BENCHMARK_CAPTURE(decode, Big5, "Big5")->Name("Decode/Big5/encoding_fix");
BENCHMARK_CAPTURE(icu_decode, Big5, "Big5")->Name("Decode/Big5/icu");
BENCHMARK(scan)->Name("Scan/quiet-UTF-8/plain_run")->Unit(benchmark::kMillisecond);
BENCHMARK(copy)->Name("Scan/quiet-UTF-8/memcpy")->Unit(benchmark::kMillisecond);
BENCHMARK(icu_utf8_to_utf16)->Name("Scan/quiet-UTF-8/icu_to_utf16")->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
