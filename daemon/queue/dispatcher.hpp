// Feeds queued ledger entries to the worker threads, one entry per idle worker. All of its
// methods run on the io_context thread; the jobs run on the pool.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "ledger/ledger.hpp"
#include "queue/file_job.hpp"
#include "queue/worker.hpp"

namespace gongwen {

struct DispatchCounters {
    std::uint64_t done = 0;
    std::uint64_t duplicate = 0;
    std::uint64_t failed = 0;
    std::uint64_t retried = 0;
};

class Dispatcher {
  public:
    Dispatcher(boost::asio::io_context& io, Ledger& ledger,
               std::vector<std::unique_ptr<Worker>> workers, JobSettings settings);
    ~Dispatcher();

    // Called on the io thread after each file, e.g. to keep metrics.
    void on_finished(std::function<void(const JobReport&)> observer) {
        on_finished_ = std::move(observer);
    }

    // Hands queued entries to idle workers until either runs out.
    void kick();
    // Stops taking new entries; `done` runs on the io thread once nothing is in flight.
    void drain(std::function<void()> done);

    std::size_t in_flight() const { return workers_.size() - idle_.size(); }
    const DispatchCounters& counters() const { return counters_; }
    std::vector<ExecutorState> worker_states() const;

  private:
    void finished(Worker* worker);

    boost::asio::io_context& io_;
    Ledger& ledger_;
    std::vector<std::unique_ptr<Worker>> workers_;
    ContentClaims claims_;
    JobSettings settings_;
    std::vector<Worker*> idle_;
    boost::asio::thread_pool pool_;
    bool draining_ = false;
    std::function<void()> drained_;
    DispatchCounters counters_;
    std::function<void(const JobReport&)> on_finished_;
};

}  // namespace gongwen
