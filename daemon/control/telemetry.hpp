// Counters and latency histograms of the running daemon, kept on the io thread, rendered for
// Prometheus (text format 0.0.4) and for `gongwen status`.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "chain/chain_executor.hpp"
#include "ledger/ledger.hpp"
#include "queue/file_job.hpp"

namespace gongwen {

class Telemetry {
  public:
    // Upper bounds of the latency buckets, in seconds.
    static constexpr std::array<double, 12> buckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                       0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

    Telemetry();
    void job_finished(const JobReport& report);
    // Files finished per minute over the last minute.
    double rate_per_minute();
    std::uint64_t uptime_seconds() const;

    std::string prometheus(const LedgerCounts& ledger, const std::vector<ExecutorState>& workers);

  private:
    struct Histogram {
        std::array<std::uint64_t, buckets.size()> counts{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    std::map<JobOutcome, std::uint64_t> files_;
    std::map<std::string, Histogram> plugins_;
    std::deque<std::chrono::steady_clock::time_point> recent_;  // finish times, last minute
    std::chrono::steady_clock::time_point started_;
};

}  // namespace gongwen
