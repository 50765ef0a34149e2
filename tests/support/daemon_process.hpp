// The real `gongwen run` process on a temporary config, for integration tests.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "test_paths.hpp"

namespace gongwen::test {

// A config in a temp folder: inbox, database and output inside it, plugins from the build.
struct TestConfig {
    std::vector<std::string> chain = {"encoding_fix", "variant_convert", "section_split",
                                      "metric_extract", "json"};
    int workers = 2;
    int settle_ms = 200;
    int stable_ms = 300;
    std::vector<std::filesystem::path> extra_plugin_dirs;  // searched after the built plugins
    std::string daemon_extra;                              // more TOML lines inside [daemon]
    std::string inbox_extra;                               // more TOML lines inside the [[inbox]]
    std::string extra;                                     // more TOML appended as is
    std::vector<std::string> env;  // NAME=value added to the daemon's environment
};

class DaemonProcess {
  public:
    explicit DaemonProcess(const TestConfig& config = {});
    ~DaemonProcess();  // SIGKILLs a daemon still running

    void start();
    // SIGTERM and wait; returns the exit code (128+signal if killed by a signal).
    int stop(std::chrono::seconds timeout = std::chrono::seconds(30));
    void kill9();
    bool running();
    void signal(int sig);
    pid_t pid() const { return pid_; }

    std::filesystem::path root() const { return dir_.path(); }
    std::filesystem::path inbox() const { return dir_ / "inbox"; }
    std::filesystem::path database() const { return dir_ / "gongwen.db"; }
    std::filesystem::path output() const { return dir_ / "out"; }
    std::filesystem::path config_file() const { return dir_ / "gongwen.toml"; }
    std::string log() const;

  private:
    // The exit code (as stop() returns it) if the process has ended, which reaps it; else
    // nothing.
    std::optional<int> reap();

    TempDir dir_;
    pid_t pid_ = -1;
    int starts_ = 0;
    std::vector<std::string> env_;
};

// The signal set `field` ("SigBlk": blocked, "SigCgt": handled; bit n - 1 for signal n) of
// process `pid`'s main thread, from /proc; 0 when the process is gone.
std::uint64_t signal_set(pid_t pid, std::string_view field);

// The single integer a query returns on the daemon's database, or -1 while the database or
// its tables do not exist yet (the daemon creates them when it starts).
std::int64_t sql_count(const std::filesystem::path& database, const std::string& sql);
// Files in the ledger in `state` (queued, processing, done, failed …).
std::int64_t files_in_state(const DaemonProcess& daemon, const std::string& state);

// Polls `condition` every 50 ms until it holds or `timeout` passes; returns whether it held.
// A generous bound for a correctness wait, not a speed assertion.
bool wait_until(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Runs a command, returns {exit code, stdout}; stderr goes to `stderr_out` when given.
struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::filesystem::path& cwd = {},
                          const std::vector<std::string>& env = {});

}  // namespace gongwen::test
