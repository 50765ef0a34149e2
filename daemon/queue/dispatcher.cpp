#include "queue/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include "queue/file_job.hpp"

namespace gongwen {

Dispatcher::Dispatcher(boost::asio::io_context& io, Ledger& ledger,
                       std::vector<std::unique_ptr<Worker>> workers, JobSettings settings)
    : io_(io),
      ledger_(ledger),
      workers_(std::move(workers)),
      settings_(std::move(settings)),
      pool_(workers_.size()) {
    settings_.claims = &claims_;
    for (auto& w : workers_) idle_.push_back(w.get());
}

Dispatcher::~Dispatcher() {
    pool_.join();
}

void Dispatcher::kick() {
    while (!draining_ && !idle_.empty()) {
        std::optional<FileEntry> entry;
        try {
            entry = ledger_.claim_next();
        } catch (const std::exception& e) {
            spdlog::error("ledger: cannot take the next file: {}", e.what());
            return;
        }
        if (!entry) return;
        Worker* worker = idle_.back();
        idle_.pop_back();
        boost::asio::post(pool_, [this, worker, e = std::move(*entry)] {
            auto report = std::make_shared<JobReport>(run_file_job(e, *worker, settings_));
            boost::asio::post(io_, [this, worker, report] {
                switch (report->outcome) {
                    case JobOutcome::done:
                        ++counters_.done;
                        break;
                    case JobOutcome::duplicate:
                        ++counters_.duplicate;
                        break;
                    case JobOutcome::failed:
                        ++counters_.failed;
                        break;
                    case JobOutcome::retry:
                        ++counters_.retried;
                        break;
                }
                if (on_finished_) on_finished_(*report);
                finished(worker);
            });
        });
    }
}

void Dispatcher::finished(Worker* worker) {
    idle_.push_back(worker);
    if (draining_) {
        if (in_flight() == 0 && drained_) std::exchange(drained_, nullptr)();
        return;
    }
    kick();
}

std::vector<ExecutorState> Dispatcher::worker_states() const {
    std::vector<ExecutorState> out;
    for (const auto& w : workers_) out.push_back(w->executor->state());
    return out;
}

void Dispatcher::drain(std::function<void()> done) {
    draining_ = true;
    if (in_flight() == 0) {
        done();
        return;
    }
    drained_ = std::move(done);
}

}  // namespace gongwen
