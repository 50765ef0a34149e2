#include "daemon.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <cstring>

#include "chain/chain_executor.hpp"
#include "queue/file_job.hpp"
#include "worker/worker_process.hpp"

namespace gongwen {

namespace json = boost::json;

Daemon::Daemon(DaemonConfig config)
    : config_file_(config.file),
      db_(config.database),
      ledger_(db_),
      upkeep_(db_),
      upkeep_timer_(io_),
      stop_signals_(io_, SIGINT, SIGTERM),
      reload_signal_(io_, SIGHUP),
      notifier_(io_, [this] { return status_line(); }) {
    current_ = build(std::move(config));
    const DaemonConfig& c = current_->config;
    if (!c.control_socket.empty())
        control_ = std::make_unique<ControlServer>(io_, c.control_socket,
                                                   [this](const std::string& request) {
                                                       if (request == "ping")
                                                           return std::string("pong");
                                                       return status_json();
                                                   });
    if (!c.metrics_listen.empty())
        metrics_ = std::make_unique<MetricsServer>(io_, c.metrics_listen, [this] {
            return telemetry_.prometheus(ledger_.counts(), current_->dispatcher->worker_states());
        });
}

Daemon::~Daemon() = default;

std::unique_ptr<Daemon::Generation> Daemon::build(DaemonConfig config) {
    if (config.inboxes.empty())
        throw ConfigFileError(config.file.string() + ": no [[inbox]] configured");
    if (config.chain.empty())
        throw ConfigFileError(config.file.string() + ": chain.plugins is empty");
    auto g = std::make_unique<Generation>();
    g->config = std::move(config);
    const DaemonConfig& c = g->config;
    g->chain = std::make_unique<Chain>(
        Chain::load({c.chain, c.plugin_dirs, c.plugin_tables, c.file, c.output_dir}));

    std::vector<std::unique_ptr<Worker>> workers;
    for (int i = 0; i < c.workers; ++i) {
        std::unique_ptr<ChainExecutor> executor;
        if (c.isolation == Isolation::process) {
            auto process = std::make_unique<WorkerProcess>(
                WorkerOptions{c.text, c.file, c.document_timeout_s, c.worker_memory_mb,
                              boost::dll::program_location()});
            process->start();  // a plugin that cannot load stops us here, before any work
            executor = std::move(process);
        } else {
            executor = std::make_unique<InProcessExecutor>(*g->chain);
        }
        workers.push_back(
            std::make_unique<Worker>(c.database, std::move(executor), g->chain->signature()));
    }
    g->dispatcher = std::make_unique<Dispatcher>(
        io_, ledger_, std::move(workers), JobSettings{c.inboxes, c.archives, c.max_attempts});
    g->dispatcher->on_finished([this](const JobReport& r) {
        telemetry_.job_finished(r);
        upkeep_when_idle();
    });
    g->watcher = std::make_unique<InboxWatcher>(
        io_, c.inboxes, std::chrono::milliseconds(c.settle_ms),
        std::chrono::milliseconds(c.stable_ms),
        InboxEvents{[this](const WatchedFile& f) {
                        try {
                            ledger_.note_seen(f.path, f.stamp.size, f.stamp.mtime_ns);
                        } catch (const std::exception& e) {
                            spdlog::warn("{}: cannot note in the ledger: {}", f.path.string(),
                                         e.what());
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
    return g;
}

void Daemon::start(Generation& g) {
    g.watcher->start();
    spdlog::info(
        "gongwen running: chain {}; {} inbox folder(s) watched; {} worker(s) ({}); "
        "database {}",
        g.chain->signature(), g.watcher->watched_folders(), g.config.workers,
        g.config.isolation == Isolation::process ? "processes" : "in-process",
        g.config.database.string());
    boost::asio::post(io_, [this] { current_->dispatcher->kick(); });  // any backlog
    upkeep_when_idle();
}

namespace {
// How long the daemon must have had nothing in flight before upkeep starts: a crawler that
// drops reports one after another is not interrupted after each.
constexpr std::chrono::milliseconds upkeep_idle_delay{200};
}  // namespace

void Daemon::upkeep_when_idle() {
    upkeep_timer_.expires_after(upkeep_idle_delay);
    upkeep_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) upkeep_step();
    });
}

void Daemon::upkeep_step() {
    if (stopping_ || reloading_ || current_->dispatcher->in_flight() > 0) return;
    const auto t0 = std::chrono::steady_clock::now();
    bool more = false;
    try {
        more = upkeep_.step();
    } catch (const std::exception& e) {
        // A busy database (a CLI reprocess holding the write lock) is no reason to stop: the
        // next idle moment tries again.
        spdlog::warn("index upkeep: {}", e.what());
        return;
    }
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    spdlog::debug("index upkeep: {} in {} µs", more ? "merged a step" : "checkpointed", micros);
    // Posted, not looped: a file that arrived meanwhile is taken before the next step.
    if (more) boost::asio::post(io_, [this] { upkeep_step(); });
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
    const auto& inboxes = current_->config.inboxes;
    switch (r.outcome) {
        case Recorded::queued:
            spdlog::info("{}: queued ({} bytes)", f.path.string(), f.stamp.size);
            current_->dispatcher->kick();
            break;
        case Recorded::already_queued:
            break;
        case Recorded::already_done:
            // Finished before the last stop but not yet moved (a crash in between), or simply
            // left in place by on_done = "leave".
            dispose_finished(entry, false, "", inboxes, ledger_);
            break;
        case Recorded::already_failed:
            dispose_finished(entry, true,
                             error_report_json(entry, "", ledger_.error_of(r.file_id).value_or("")),
                             inboxes, ledger_);
            break;
    }
}

void Daemon::wait_for_signals() {
    stop_signals_.async_wait([this](const boost::system::error_code& ec, int sig) {
        if (ec) return;
        if (stopping_) {
            spdlog::warn("{} received again: still waiting for {} document(s)", strsignal(sig),
                         current_->dispatcher->in_flight());
        } else {
            spdlog::info("{} received: finishing {} document(s) in flight, then stopping",
                         strsignal(sig), current_->dispatcher->in_flight());
            stop();
        }
        wait_for_signals();
    });
}

void Daemon::stop() {
    stopping_ = true;
    notifier_.stopping();
    current_->watcher->stop();
    upkeep_timer_.cancel();
    current_->dispatcher->drain([this] {
        upkeep_timer_.cancel();
        stop_signals_.cancel();
        reload_signal_.cancel();
        io_.stop();
    });
}

void Daemon::reload() {
    reload_signal_.async_wait([this](const boost::system::error_code& ec, int) {
        if (ec) return;
        reload();  // listen for the next SIGHUP first
        if (stopping_ || reloading_) return;
        notifier_.reloading();
        spdlog::info("SIGHUP received: reloading {}", config_file_.string());
        std::unique_ptr<Generation> next;
        try {
            DaemonConfig config = load_config(config_file_);
            if (config.database != current_->config.database)
                throw ConfigFileError("store.database changed: that takes a restart");
            next = build(std::move(config));
        } catch (const std::exception& e) {
            spdlog::error("reload refused, the running configuration stays: {}", e.what());
            notifier_.ready();
            return;
        }
        // Queued work waits in the ledger; in-flight documents finish on the old chain.
        reloading_ = true;
        current_->watcher->stop();
        std::shared_ptr<Generation> fresh(std::move(next));
        current_->dispatcher->drain([this, fresh] {
            // Swapped from a fresh handler: the old dispatcher is not to be destroyed from
            // inside one of its own callbacks.
            boost::asio::post(io_, [this, fresh] {
                if (stopping_) return;
                // The old generation goes: its dispatcher (and workers) before its chain.
                current_ = std::make_unique<Generation>(std::move(*fresh));
                reloading_ = false;
                start(*current_);
                notifier_.ready();
                spdlog::info("reloaded: chain {}", current_->chain->signature());
            });
        });
    });
}

std::string Daemon::status_line() {
    const LedgerCounts c = ledger_.counts();
    return std::to_string(c.queued) + " queued, " + std::to_string(c.processing) + " processing, " +
           std::to_string(c.done) + " done, " + std::to_string(c.failed) + " failed; " +
           std::to_string(static_cast<long>(telemetry_.rate_per_minute())) + "/min";
}

std::string Daemon::status_json() {
    const LedgerCounts c = ledger_.counts();
    json::array workers;
    for (const auto& w : current_->dispatcher->worker_states())
        workers.push_back(json::object{{"pid", w.pid},
                                       {"busy", w.busy},
                                       {"document", w.document},
                                       {"plugin", w.plugin},
                                       {"restarts", w.restarts}});
    json::array failures;
    for (const auto& f : ledger_.recent_failures(10))
        failures.push_back(json::object{{"path", f.path}, {"error", f.error}, {"when", f.when}});
    const auto& r = current_->dispatcher->counters();
    const json::object o{{"pid", static_cast<std::int64_t>(::getpid())},
                         {"uptime_s", telemetry_.uptime_seconds()},
                         {"config", config_file_.string()},
                         {"chain", current_->chain->signature()},
                         {"state", stopping_    ? "stopping"
                                   : reloading_ ? "reloading"
                                                : "running"},
                         {"workers", std::move(workers)},
                         {"settling", current_->watcher->settling()},
                         {"ledger",
                          {{"seen", c.seen},
                           {"queued", c.queued},
                           {"processing", c.processing},
                           {"done", c.done},
                           {"failed", c.failed}}},
                         {"this_run",
                          {{"done", r.done},
                           {"duplicate", r.duplicate},
                           {"failed", r.failed},
                           {"retried", r.retried}}},
                         {"rate_per_minute", telemetry_.rate_per_minute()},
                         {"recent_failures", std::move(failures)}};
    return json::serialize(o);
}

int Daemon::run() {
    if (const int n = ledger_.clear_seen())
        spdlog::debug("{} file(s) noticed before the last stop will be looked at again", n);
    if (const int n = ledger_.requeue_interrupted())
        spdlog::warn("{} file(s) were being processed when gongwen last stopped; queued again", n);

    wait_for_signals();
    reload();
    start(*current_);
    notifier_.ready();
    io_.run();

    const auto& c = current_->dispatcher->counters();
    spdlog::info("gongwen stopped: {} done, {} duplicate, {} failed, {} retried in this run",
                 c.done, c.duplicate, c.failed, c.retried);
    return 0;
}

namespace {

sigset_t stop_and_reload_signals() {
    sigset_t set;
    sigemptyset(&set);
    for (const int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, sig);
    return set;
}

}  // namespace

void hold_stop_signals() {
    const sigset_t set = stop_and_reload_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int run_daemon(const DaemonConfig& config) {
    Daemon daemon(config);
    // The signal sets have their handlers now: a signal held back since hold_stop_signals()
    // is delivered to them and waits in the io_context until run() takes it.
    const sigset_t set = stop_and_reload_signals();
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    return daemon.run();
}

}  // namespace gongwen
