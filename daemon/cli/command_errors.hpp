// How the database commands turn an error into a message and an exit code, the same way
// everywhere: 2 for a bad config or bad usage (nothing was done), 1 for anything that failed
// while running. The message goes to stderr as "gongwen: …".
#pragma once

#include <functional>
#include <stdexcept>

namespace gongwen {

// Wrong arguments detected by a command itself (CLI11 catches the rest).
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

int report_errors(const std::function<int()>& command);

}  // namespace gongwen
