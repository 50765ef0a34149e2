#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "control/journal_sink.hpp"

namespace gongwen {

void setup_logging(const std::string& level) {
    std::shared_ptr<spdlog::logger> logger;
    if (stderr_is_journal()) {
        // The journal keeps its own timestamps and priorities: no pattern needed.
        logger = std::make_shared<spdlog::logger>("gongwen", std::make_shared<JournalSink>());
    } else {
        logger = spdlog::stderr_color_mt("gongwen");
        logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
    }
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::from_str(level));
}

}  // namespace gongwen
