#include "daemon.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <csignal>
#include <cstring>

#include "chain/chain_executor.hpp"
#include "queue/file_job.hpp"
#include "worker/worker_process.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

namespace gongwen {

namespace {

Chain load_chain(const DaemonConfig& c) {
    return Chain::load({c.chain, c.plugin_dirs, c.plugin_tables, c.file, c.output_dir});
}

}  // namespace

Daemon::Daemon(DaemonConfig config)
    : config_(std::move(config)),
      db_(config_.database),
      ledger_(db_),
      signals_(io_, SIGINT, SIGTERM) {
    if (config_.inboxes.empty())
        throw ConfigFileError(config_.file.string() + ": no [[inbox]] configured");
    if (config_.chain.empty())
        throw ConfigFileError(config_.file.string() + ": chain.plugins is empty");
    chain_ = std::make_unique<Chain>(load_chain(config_));
    dispatcher_ = make_dispatcher(*chain_);
    watcher_ = std::make_unique<InboxWatcher>(
        io_, config_.inboxes, std::chrono::milliseconds(config_.settle_ms),
        InboxEvents{
            [this](const WatchedFile& f) {
                try {
                    ledger_.note_seen(f.path, f.stamp.size, f.stamp.mtime_ns);
                } catch (const std::exception& e) {
                    spdlog::warn("{}: cannot note in the ledger: {}", f.path.string(), e.what());
                }
            },
            [this](const WatchedFile& f) { file_ready(f); },
            [this](const std::filesystem::path& p) {
                try {
                    ledger_.forget_seen(p);
                } catch (const std::exception& e) {
                    spdlog::warn("{}: {}", p.string(), e.what());
                }
            }});
}

Daemon::~Daemon() = default;

std::unique_ptr<Dispatcher> Daemon::make_dispatcher(const Chain& chain) {
    std::vector<std::unique_ptr<Worker>> workers;
    for (int i = 0; i < config_.workers; ++i) {
        std::unique_ptr<ChainExecutor> executor;
        if (config_.isolation == Isolation::process) {
            auto process = std::make_unique<WorkerProcess>(
                WorkerOptions{config_.text, config_.file, config_.document_timeout_s,
                              config_.worker_memory_mb, boost::dll::program_location()});
            process->start();  // a plugin that cannot load stops us here, before any work
            executor = std::move(process);
        } else {
            executor = std::make_unique<InProcessExecutor>(chain);
        }
        workers.push_back(std::make_unique<Worker>(config_.database, std::move(executor),
                                                   chain.signature()));
    }
    return std::make_unique<Dispatcher>(
        io_, ledger_, std::move(workers),
        JobSettings{config_.inboxes, config_.archives, config_.max_attempts});
}

void Daemon::file_ready(const WatchedFile& f) {
    RecordResult r;
    try {
        r = ledger_.record(f.path, f.stamp.size, f.stamp.mtime_ns);
    } catch (const std::exception& e) {
        spdlog::error("{}: cannot record in the ledger: {}", f.path.string(), e.what());
        return;
    }
    const FileEntry entry{r.file_id, f.path, f.stamp.size, f.stamp.mtime_ns, 0};
    switch (r.outcome) {
        case Recorded::queued:
            spdlog::info("{}: queued ({} bytes)", f.path.string(), f.stamp.size);
            dispatcher_->kick();
            break;
        case Recorded::already_queued: break;
        case Recorded::already_done:
            // Finished before the last stop but not yet moved (a crash in between), or simply
            // left in place by on_done = "leave".
            dispose_finished(entry, false, "", config_.inboxes, ledger_);
            break;
        case Recorded::already_failed:
            dispose_finished(entry, true,
                             error_report_json(entry, "", ledger_.error_of(r.file_id).value_or("")),
                             config_.inboxes, ledger_);
            break;
    }
}

void Daemon::wait_for_signal() {
    signals_.async_wait([this](const boost::system::error_code& ec, int sig) {
        if (ec) return;
        if (stopping_) {
            spdlog::warn("{} received again: still waiting for {} document(s)", strsignal(sig),
                         dispatcher_->in_flight());
        } else {
            stopping_ = true;
            spdlog::info("{} received: finishing {} document(s) in flight, then stopping",
                         strsignal(sig), dispatcher_->in_flight());
            watcher_->stop();
            dispatcher_->drain([this] {
                signals_.cancel();
                io_.stop();
            });
        }
        wait_for_signal();
    });
}

int Daemon::run() {
    if (const int n = ledger_.clear_seen())
        spdlog::debug("{} file(s) noticed before the last stop will be looked at again", n);
    if (const int n = ledger_.requeue_interrupted())
        spdlog::warn("{} file(s) were being processed when gongwen last stopped; queued again", n);

    wait_for_signal();
    watcher_->start();
    spdlog::info("gongwen running: chain {}; {} inbox folder(s) watched; {} worker(s); database {}",
                 chain_->signature(), watcher_->watched_folders(), config_.workers,
                 config_.database.string());
    boost::asio::post(io_, [this] { dispatcher_->kick(); });  // the backlog from earlier runs
    io_.run();

    const auto& c = dispatcher_->counters();
    spdlog::info("gongwen stopped: {} done, {} duplicate, {} failed, {} retried in this run", c.done,
                 c.duplicate, c.failed, c.retried);
    return 0;
}

int run_daemon(const DaemonConfig& config) {
    Daemon daemon(config);
    return daemon.run();
}

}  // namespace gongwen
