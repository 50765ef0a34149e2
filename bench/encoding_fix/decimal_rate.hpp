// Bytes a second in decimal units. Google Benchmark's SetBytesProcessed prints its rate in
// binary ones (its "M/s" is 2^20 bytes a second) under the same letters; the targets
// are decimal (1 GB/s is 10^9 bytes a second), so these benchmarks print "M/s" and "G/s" as
// MB/s and GB/s. The JSON output's `bytes_per_second` is bytes a second either way.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>

namespace gongwen::bench {

inline void set_bytes_processed(benchmark::State& state, std::int64_t bytes) {
    state.counters["bytes_per_second"] = benchmark::Counter(
        double(bytes), benchmark::Counter::kIsRate, benchmark::Counter::OneK::kIs1000);
}

}  // namespace gongwen::bench
