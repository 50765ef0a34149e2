// The long-running service: inbox watcher → ledger → dispatcher → workers (chain → store),
// on one io_context, with its control socket, metrics endpoint and systemd notifications.
// SIGINT/SIGTERM stop it once in-flight documents are finished; SIGHUP reloads the config.
#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "chain/chain.hpp"
#include "config/daemon_config.hpp"
#include "control/control_server.hpp"
#include "control/metrics_server.hpp"
#include "control/systemd_notifier.hpp"
#include "control/telemetry.hpp"
#include "inbox/inbox_watcher.hpp"
#include "ledger/ledger.hpp"
#include "queue/dispatcher.hpp"
#include "store/database.hpp"
#include "store/index_upkeep.hpp"

namespace gongwen {

class Daemon {
  public:
    // Opens the database, loads the chain and starts the workers: throws PluginLoadError,
    // DatabaseError or ConfigFileError before anything is watched.
    explicit Daemon(DaemonConfig config);
    ~Daemon();

    // Runs until a stop signal; returns the exit code.
    int run();

  private:
    // Everything a config decides that can be swapped on reload.
    struct Generation {
        DaemonConfig config;
        std::unique_ptr<Chain> chain;
        std::unique_ptr<Dispatcher> dispatcher;
        std::unique_ptr<InboxWatcher> watcher;
    };
    std::unique_ptr<Generation> build(DaemonConfig config);
    void start(Generation& g);
    void file_ready(const WatchedFile& file);
    void wait_for_signals();
    void stop();
    void reload();
    std::string status_json();
    std::string status_line();
    // Index upkeep runs a step at a time while no document is in flight, and gives way (between
    // steps) as soon as one is.
    void upkeep_when_idle();
    void upkeep_step();

    boost::asio::io_context io_;
    std::filesystem::path config_file_;
    Database db_;
    Ledger ledger_;
    IndexUpkeep upkeep_;
    boost::asio::steady_timer upkeep_timer_;
    Telemetry telemetry_;
    std::unique_ptr<Generation> current_;
    boost::asio::signal_set stop_signals_;
    boost::asio::signal_set reload_signal_;
    SystemdNotifier notifier_;
    std::unique_ptr<ControlServer> control_;
    std::unique_ptr<MetricsServer> metrics_;
    bool stopping_ = false;
    bool reloading_ = false;
};

// Holds SIGINT, SIGTERM and SIGHUP back from the calling thread until run_daemon has its
// handlers in place, so that a stop asked for while the daemon starts (systemd stopping the
// unit at once, a test) stops it cleanly instead of killing it half started. Call it first,
// before any thread or worker process starts.
void hold_stop_signals();

// `gongwen run`: builds a Daemon and runs it; lets the signals held back come in.
int run_daemon(const DaemonConfig& config);

}  // namespace gongwen
