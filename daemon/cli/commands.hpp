// The gongwen subcommands. Each returns the process exit code: 0 success, 1 a document or
// file failed, 2 bad config or usage (nothing was started).
#pragma once

#include <string>
#include <vector>

namespace gongwen {

struct RunOptions {
    std::string config;
};
int run_command(const RunOptions& options);

struct ProcessOptions {
    std::string config;
    std::string chain;  // comma-separated; overrides the configured chain
    bool pretty = false;
    std::vector<std::string> files;
};
int process_command(const ProcessOptions& options);

struct StatusOptions {
    std::string config;
    std::string format = "table";
    int failures = 10;
};
int status_command(const StatusOptions& options);

// Shared by the commands: console logging at the configured level (stderr, so that stdout
// stays clean for JSON).
void setup_logging(const std::string& level);

}  // namespace gongwen
