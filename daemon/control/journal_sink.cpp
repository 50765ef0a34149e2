#include "control/journal_sink.hpp"

#include <sys/stat.h>
#include <systemd/sd-journal.h>

#include <cstdio>
#include <cstdlib>

namespace gongwen {

namespace {

thread_local std::string current_file;

int priority(spdlog::level::level_enum level) {
    switch (level) {
        case spdlog::level::trace:
        case spdlog::level::debug:
            return 7;
        case spdlog::level::info:
            return 6;
        case spdlog::level::warn:
            return 4;
        case spdlog::level::err:
            return 3;
        case spdlog::level::critical:
            return 2;
        default:
            return 6;
    }
}

}  // namespace

void JournalSink::sink_it_(const spdlog::details::log_msg& msg) {
    const std::string text(msg.payload.data(), msg.payload.size());
    if (current_file.empty())
        sd_journal_send("MESSAGE=%s", text.c_str(), "PRIORITY=%d", priority(msg.level),
                        "SYSLOG_IDENTIFIER=gongwen", nullptr);
    else
        sd_journal_send("MESSAGE=%s", text.c_str(), "PRIORITY=%d", priority(msg.level),
                        "SYSLOG_IDENTIFIER=gongwen", "GONGWEN_FILE=%s", current_file.c_str(),
                        nullptr);
}

LogFileScope::LogFileScope(const std::filesystem::path& file) : previous_(current_file) {
    current_file = file.string();
}

LogFileScope::~LogFileScope() {
    current_file = previous_;
}

bool stderr_is_journal() {
    // JOURNAL_STREAM is "device:inode" of the stream systemd connected; compare with stderr
    // so that a child whose stderr was redirected elsewhere does not log to the journal.
    const char* stream = std::getenv("JOURNAL_STREAM");
    if (!stream || !*stream) return false;
    struct stat st {};
    if (::fstat(2, &st) != 0) return false;
    unsigned long long dev = 0, ino = 0;
    if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) return false;
    return dev == st.st_dev && ino == st.st_ino;
}

}  // namespace gongwen
