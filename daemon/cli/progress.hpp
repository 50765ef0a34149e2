// Progress of a long command (reprocess --all, export) on stderr: a redrawn bar with rate
// and time left when stderr is a terminal, plain lines (every 10 %) when it is a file or a
// pipe, so that logs stay readable. Safe to advance from several threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>

namespace gongwen {

class Progress {
  public:
    enum class Style { automatic, bar, lines };
    Progress(std::string label, std::size_t total, std::ostream& out,
             Style style = Style::automatic);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void advance(bool failed = false);
    // A message (a failure, a warning) printed on its own line without breaking the bar.
    void note(const std::string& message);
    // The final line: how many, how many failed, how long. Called by the destructor if not before.
    void finish();

  private:
    void draw_bar(bool final);

    std::string label_;
    std::size_t total_;
    std::ostream& out_;
    bool bar_;
    std::mutex mutex_;
    std::size_t done_ = 0;
    std::size_t failed_ = 0;
    std::size_t next_line_percent_ = 10;
    bool finished_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace gongwen
