// The long-running service: inbox watcher → ledger → dispatcher → workers (chain → store),
// on one io_context. Stops cleanly on SIGINT/SIGTERM once in-flight documents are finished.
#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "chain/chain.hpp"
#include "config/daemon_config.hpp"
#include "inbox/inbox_watcher.hpp"
#include "ledger/ledger.hpp"
#include "queue/dispatcher.hpp"
#include "store/database.hpp"

namespace gongwen {

class Daemon {
  public:
    // Opens the database and loads the chain: throws PluginLoadError / DatabaseError /
    // ConfigFileError before anything starts.
    explicit Daemon(DaemonConfig config);
    ~Daemon();

    // Runs until a stop signal; returns the exit code.
    int run();

  private:
    std::unique_ptr<Dispatcher> make_dispatcher(const Chain& chain);
    void file_ready(const WatchedFile& file);
    void wait_for_signal();

    DaemonConfig config_;
    boost::asio::io_context io_;
    Database db_;
    Ledger ledger_;
    std::unique_ptr<Chain> chain_;
    std::unique_ptr<Dispatcher> dispatcher_;
    std::unique_ptr<InboxWatcher> watcher_;
    boost::asio::signal_set signals_;
    bool stopping_ = false;
};

// `gongwen run`: builds a Daemon and runs it.
int run_daemon(const DaemonConfig& config);

}  // namespace gongwen
