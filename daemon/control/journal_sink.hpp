// Logging straight to the systemd journal, with structured fields: besides the message and
// its priority, GONGWEN_FILE names the inbox file being processed by the thread that logged,
// so `journalctl -u gongwen GONGWEN_FILE=/var/lib/gongwen/inbox/x.txt` finds its story.
#pragma once

#include <spdlog/sinks/base_sink.h>

#include <filesystem>
#include <mutex>
#include <string>

namespace gongwen {

class JournalSink : public spdlog::sinks::base_sink<std::mutex> {
  protected:
    void sink_it_(const spdlog::details::log_msg& msg) override;
    void flush_() override {}
};

// While alive, log lines from this thread carry GONGWEN_FILE=<file>.
class LogFileScope {
  public:
    explicit LogFileScope(const std::filesystem::path& file);
    ~LogFileScope();
    LogFileScope(const LogFileScope&) = delete;
    LogFileScope& operator=(const LogFileScope&) = delete;

  private:
    std::string previous_;
};

// True when stderr is connected to the journal (systemd sets JOURNAL_STREAM for services).
bool stderr_is_journal();

}  // namespace gongwen
