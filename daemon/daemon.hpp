// The long-running service: inbox watcher → ledger → dispatcher → workers (chain runner →
// store), on one io_context. Stops cleanly on SIGINT/SIGTERM after in-flight documents finish.
#pragma once

#include "config/daemon_config.hpp"

namespace gongwen {

// Runs until a stop signal. Throws PluginLoadError / DatabaseError before anything starts when
// the chain or the database cannot be set up.
int run_daemon(const DaemonConfig& config);

}  // namespace gongwen
