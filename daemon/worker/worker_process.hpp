// A `gongwen worker` child process that runs the chain for the daemon, supervised: if it
// crashes, hangs past the document timeout or runs out of memory, it is killed and replaced,
// and the document gets a failure naming the plugin that was running.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "chain/chain_executor.hpp"
#include "worker/frame_channel.hpp"

namespace gongwen {

struct WorkerOptions {
    std::string config_text;            // the config snapshot the daemon runs with
    std::filesystem::path config_file;  // for messages
    int timeout_s = 120;
    int memory_mb = 2048;
    std::filesystem::path program;  // the gongwen binary
};

class WorkerProcess : public ChainExecutor {
  public:
    explicit WorkerProcess(WorkerOptions options);
    ~WorkerProcess() override;

    // Starts the process and waits until it has loaded the chain. Throws PluginLoadError
    // with the worker's message when it cannot (bad plugin, bad plugin config).
    void start();
    ChainResult run(Document& doc) override;
    ExecutorState state() const override;

  private:
    void spawn();
    // Kills (if asked) and reaps the process; returns how it ended, in words.
    std::string end_process(bool kill_it);
    ChainResult lost(const std::string& plugin, const std::string& why);

    WorkerOptions options_;
    std::atomic<pid_t> pid_{-1};
    std::unique_ptr<FrameChannel> channel_;
    mutable std::mutex mu_;  // guards the snapshot fields below
    bool busy_ = false;
    std::string document_, plugin_;
    std::uint64_t restarts_ = 0;
};

// `gongwen worker --fd N`: the child side. Reads the config from the daemon, loads the chain,
// then processes documents until the socket closes.
int worker_main(int fd, int memory_mb);

}  // namespace gongwen
