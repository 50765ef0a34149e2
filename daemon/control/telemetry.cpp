#include "control/telemetry.hpp"

#include <sstream>

namespace gongwen {

namespace {

const char* outcome_label(JobOutcome o) {
    switch (o) {
        case JobOutcome::done:
            return "done";
        case JobOutcome::duplicate:
            return "duplicate";
        case JobOutcome::failed:
            return "failed";
        case JobOutcome::retry:
            return "retried";
    }
    return "unknown";
}

// Label values are quoted strings: escape what the format requires.
std::string label(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out.push_back('\\');
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace

Telemetry::Telemetry() : started_(std::chrono::steady_clock::now()) {}

void Telemetry::job_finished(const JobReport& report) {
    ++files_[report.outcome];
    if (report.outcome != JobOutcome::retry) recent_.push_back(std::chrono::steady_clock::now());
    for (const auto& step : report.steps) {
        Histogram& h = plugins_[step.plugin];
        const double seconds = static_cast<double>(step.micros) / 1e6;
        for (std::size_t i = 0; i < buckets.size(); ++i)
            if (seconds <= buckets[i]) ++h.counts[i];
        ++h.count;
        h.sum += seconds;
    }
}

double Telemetry::rate_per_minute() {
    const auto cutoff = std::chrono::steady_clock::now() - std::chrono::minutes(1);
    while (!recent_.empty() && recent_.front() < cutoff) recent_.pop_front();
    return static_cast<double>(recent_.size());
}

std::uint64_t Telemetry::uptime_seconds() const {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::steady_clock::now() - started_)
                                          .count());
}

std::string Telemetry::prometheus(const LedgerCounts& ledger,
                                  const std::vector<ExecutorState>& workers) {
    std::ostringstream out;
    out << "# HELP gongwen_files_total Files finished since the daemon started, by outcome.\n"
        << "# TYPE gongwen_files_total counter\n";
    for (JobOutcome o :
         {JobOutcome::done, JobOutcome::duplicate, JobOutcome::failed, JobOutcome::retry})
        out << "gongwen_files_total{outcome=\"" << outcome_label(o) << "\"} "
            << (files_.count(o) ? files_.at(o) : 0) << "\n";

    out << "# HELP gongwen_ledger_files Files in the ledger, by state.\n"
        << "# TYPE gongwen_ledger_files gauge\n"
        << "gongwen_ledger_files{state=\"seen\"} " << ledger.seen << "\n"
        << "gongwen_ledger_files{state=\"queued\"} " << ledger.queued << "\n"
        << "gongwen_ledger_files{state=\"processing\"} " << ledger.processing << "\n"
        << "gongwen_ledger_files{state=\"done\"} " << ledger.done << "\n"
        << "gongwen_ledger_files{state=\"failed\"} " << ledger.failed << "\n";

    std::uint64_t busy = 0, restarts = 0;
    for (const auto& w : workers) {
        busy += w.busy;
        restarts += w.restarts;
    }
    out << "# HELP gongwen_workers Worker slots, and how many are busy.\n"
        << "# TYPE gongwen_workers gauge\n"
        << "gongwen_workers " << workers.size() << "\n"
        << "# TYPE gongwen_workers_busy gauge\n"
        << "gongwen_workers_busy " << busy << "\n"
        << "# HELP gongwen_worker_restarts_total Worker processes replaced after a crash, hang "
           "or memory overrun.\n"
        << "# TYPE gongwen_worker_restarts_total counter\n"
        << "gongwen_worker_restarts_total " << restarts << "\n";

    out << "# HELP gongwen_plugin_duration_seconds Time each plugin took per document.\n"
        << "# TYPE gongwen_plugin_duration_seconds histogram\n";
    for (const auto& [plugin, h] : plugins_) {
        const std::string p = label(plugin);
        for (std::size_t i = 0; i < buckets.size(); ++i)
            out << "gongwen_plugin_duration_seconds_bucket{plugin=\"" << p << "\",le=\""
                << buckets[i] << "\"} " << h.counts[i] << "\n";
        out << "gongwen_plugin_duration_seconds_bucket{plugin=\"" << p << "\",le=\"+Inf\"} "
            << h.count << "\n"
            << "gongwen_plugin_duration_seconds_sum{plugin=\"" << p << "\"} " << h.sum << "\n"
            << "gongwen_plugin_duration_seconds_count{plugin=\"" << p << "\"} " << h.count << "\n";
    }
    out << "# TYPE gongwen_uptime_seconds gauge\ngongwen_uptime_seconds " << uptime_seconds()
        << "\n";
    return out.str();
}

}  // namespace gongwen
