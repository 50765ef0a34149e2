#include <spdlog/spdlog.h>

#include <iostream>

#include "chain/plugin_library.hpp"
#include "cli/commands.hpp"
#include "config/daemon_config.hpp"
#include "daemon.hpp"
#include "store/database.hpp"

namespace gongwen {

int run_command(const RunOptions& options) {
    hold_stop_signals();
    DaemonConfig config;
    try {
        config = load_config(find_config(options.config));
    } catch (const ConfigFileError& e) {
        std::cerr << "gongwen: " << e.what() << "\n";
        return 2;
    }
    setup_logging(config.log_level);
    try {
        return run_daemon(config);
    } catch (const ConfigFileError& e) {
        spdlog::critical("{}", e.what());
        return 2;
    } catch (const PluginLoadError& e) {
        spdlog::critical("{}", e.what());
        return 2;
    } catch (const std::exception& e) {
        spdlog::critical("{}", e.what());
        return 1;
    }
}

}  // namespace gongwen
