// Where a document goes through the chain: in this process, or in a worker process that may
// crash, hang or run out of memory without taking the daemon with it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "chain/chain_runner.hpp"

namespace gongwen {

struct ChainResult {
    std::optional<ChainFailure> failure;
    // The failure was the worker's (crash, timeout, memory), not a plugin's verdict on the
    // document: another attempt may succeed.
    bool retryable = false;
};

// What the daemon can say about an executor while it runs (for status and metrics).
struct ExecutorState {
    long pid = -1;  // the process running the chain
    bool busy = false;
    std::string document;  // path (and !/member) of the document in hand
    std::string plugin;    // plugin running on it
    std::uint64_t restarts = 0;
};

class ChainExecutor {
  public:
    virtual ~ChainExecutor() = default;
    virtual ChainResult run(Document& doc) = 0;
    virtual ExecutorState state() const = 0;
};

// isolation = "none": the chain runs on the calling thread, in the daemon's process.
class InProcessExecutor : public ChainExecutor {
  public:
    explicit InProcessExecutor(const Chain& chain);
    ChainResult run(Document& doc) override;
    ExecutorState state() const override;

  private:
    ChainRunner runner_;
    mutable std::mutex mu_;
    ExecutorState state_;
};

}  // namespace gongwen
