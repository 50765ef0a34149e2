#include "daemon.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>

#include "chain/chain.hpp"
#include "inbox/inbox_watcher.hpp"
#include "ledger/ledger.hpp"
#include "queue/dispatcher.hpp"
#include "store/database.hpp"

namespace gongwen {

int run_daemon(const DaemonConfig& config) {
    if (config.inboxes.empty())
        throw ConfigFileError(config.file.string() + ": no [[inbox]] configured");
    if (config.chain.empty())
        throw ConfigFileError(config.file.string() + ": chain.plugins is empty");

    boost::asio::io_context io;
    Database db(config.database);
    Ledger ledger(db);
    if (const int n = ledger.requeue_interrupted())
        spdlog::warn("{} file(s) were being processed when gongwen last stopped; queued again", n);

    const Chain chain = Chain::load(
        {config.chain, config.plugin_dirs, config.plugin_tables, config.file, config.output_dir});
    std::vector<std::unique_ptr<Worker>> workers;
    for (int i = 0; i < config.workers; ++i)
        workers.push_back(std::make_unique<Worker>(config.database, chain));
    Dispatcher dispatcher(io, ledger, std::move(workers));

    InboxWatcher watcher(
        io, config.inboxes, std::chrono::milliseconds(config.settle_ms), [&](const ReadyFile& f) {
            try {
                if (!ledger.record(f.path, f.size, f.mtime_ns)) {
                    spdlog::debug("{}: already in the ledger", f.path.string());
                    return;
                }
            } catch (const std::exception& e) {
                spdlog::error("{}: cannot record in the ledger: {}", f.path.string(), e.what());
                return;
            }
            spdlog::info("{}: queued ({} bytes)", f.path.string(), f.size);
            dispatcher.kick();
        });

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    bool stopping = false;
    std::function<void(const boost::system::error_code&, int)> on_signal =
        [&](const boost::system::error_code& ec, int sig) {
            if (ec) return;
            if (!stopping) {
                stopping = true;
                spdlog::info("{} received: finishing {} document(s) in flight, then stopping",
                             strsignal(sig), dispatcher.in_flight());
                watcher.stop();
                dispatcher.drain([&] {
                    signals.cancel();
                    io.stop();
                });
            } else {
                spdlog::warn("{} received again: still waiting for {} document(s)", strsignal(sig),
                             dispatcher.in_flight());
            }
            signals.async_wait(on_signal);
        };
    signals.async_wait(on_signal);

    watcher.start();
    spdlog::info("gongwen running: chain {}; watching {} folder(s); {} worker(s); database {}",
                 chain.signature(), watcher.watched_folders(), config.workers,
                 config.database.string());
    boost::asio::post(io, [&] { dispatcher.kick(); });  // the backlog from earlier runs
    io.run();

    const auto& c = dispatcher.counters();
    spdlog::info("gongwen stopped: {} done, {} duplicate, {} failed in this run", c.done,
                 c.duplicate, c.failed);
    return 0;
}

}  // namespace gongwen
