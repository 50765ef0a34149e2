#include "worker/worker_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstring>
#include <thread>

#include "chain/plugin_library.hpp"
#include "gongwen/json.hpp"

extern char** environ;

namespace gongwen {

namespace json = boost::json;
using Clock = FrameChannel::Clock;

namespace {

constexpr auto handshake_timeout = std::chrono::seconds(60);

std::string describe_exit(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        return "worker crashed: signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
    }
    if (WIFEXITED(status))
        return "worker exited with status " + std::to_string(WEXITSTATUS(status));
    return "worker ended";
}

}  // namespace

WorkerProcess::WorkerProcess(WorkerOptions options) : options_(std::move(options)) {}

WorkerProcess::~WorkerProcess() {
    if (pid_ > 0) {
        channel_->close();  // the worker exits when its socket closes
        end_process(false);
    }
}

void WorkerProcess::spawn() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 3);  // dup2 clears CLOEXEC on fd 3
    const std::string program = options_.program.string();
    const std::string memory = std::to_string(options_.memory_mb);
    std::vector<char*> argv = {const_cast<char*>(program.c_str()),
                               const_cast<char*>("worker"),
                               const_cast<char*>("--fd"),
                               const_cast<char*>("3"),
                               const_cast<char*>("--memory-mb"),
                               const_cast<char*>(memory.c_str()),
                               nullptr};
    // Only the daemon talks to systemd: a worker must not inherit its notify socket.
    std::vector<char*> envp;
    for (char** e = environ; *e; ++e) {
        const std::string_view var(*e);
        if (var.starts_with("NOTIFY_SOCKET=") || var.starts_with("WATCHDOG_")) continue;
        envp.push_back(*e);
    }
    envp.push_back(nullptr);
    // A worker starts with no signal blocked, whatever the spawning thread holds back
    // (hold_stop_signals while the daemon starts): its plugins' own child processes inherit it.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
    pid_t pid = -1;
    const int rc =
        ::posix_spawn(&pid, program.c_str(), &actions, &attributes, argv.data(), envp.data());
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        throw std::runtime_error("cannot start worker " + program + ": " + std::strerror(rc));
    }
    pid_ = pid;
    channel_ = std::make_unique<FrameChannel>(fds[0]);
}

std::string WorkerProcess::end_process(bool kill_it) {
    if (pid_ <= 0) return "worker not running";
    if (kill_it) ::kill(pid_, SIGKILL);
    int status = 0;
    // A worker told to go (socket closed) gets a moment to finish its plugins' finish().
    for (int i = 0; i < 200 && !kill_it; ++i) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            channel_.reset();
            return describe_exit(status);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!kill_it) ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    channel_.reset();
    return describe_exit(status);
}

void WorkerProcess::start() {
    spawn();
    const auto deadline = Clock::now() + handshake_timeout;
    const json::object hello{{"type", "hello"},
                             {"config", options_.config_text},
                             {"config_file", options_.config_file.string()}};
    std::string reply;
    if (channel_->write(json::serialize(hello), deadline) != FrameStatus::ok ||
        channel_->read(reply, deadline) != FrameStatus::ok) {
        const std::string how = end_process(true);
        throw PluginLoadError("worker process did not start: " + how);
    }
    const json::object msg = json::parse(reply).as_object();
    if (msg.at("type").as_string() != "ready") {
        const std::string message(msg.at("message").as_string());
        end_process(false);
        throw PluginLoadError(message);
    }
}

ChainResult WorkerProcess::lost(const std::string& plugin, const std::string& why) {
    {
        std::lock_guard lock(mu_);
        ++restarts_;
    }
    ChainResult r{ChainFailure{plugin.empty() ? "worker" : plugin, why, false}, true};
    try {
        start();  // a fresh worker for the next document
    } catch (const std::exception& e) {
        r.failure->message +=
            "; and the replacement worker did not start: " + std::string(e.what());
    }
    return r;
}

ChainResult WorkerProcess::run(Document& doc) {
    if (pid_ <= 0) start();
    {
        std::lock_guard lock(mu_);
        busy_ = true;
        document_ =
            doc.source.member ? doc.source.path + "!/" + *doc.source.member : doc.source.path;
        plugin_.clear();
    }
    struct Idle {
        WorkerProcess& w;
        ~Idle() {
            std::lock_guard lock(w.mu_);
            w.busy_ = false;
            w.plugin_.clear();
            w.document_.clear();
        }
    } idle{*this};

    const auto deadline = Clock::now() + std::chrono::seconds(options_.timeout_s);
    const json::object request{{"type", "process"}, {"doc", json::parse(to_json(doc))}};
    std::string plugin;
    auto failed_io = [&](FrameStatus status) {
        if (status == FrameStatus::timed_out) {
            end_process(true);
            return lost(plugin, "timed out after " + std::to_string(options_.timeout_s) +
                                    " s (document_timeout_s); worker killed");
        }
        return lost(plugin, end_process(false));
    };
    if (auto s = channel_->write(json::serialize(request), deadline); s != FrameStatus::ok)
        return failed_io(s);
    if (auto s = channel_->write(doc.bytes, deadline); s != FrameStatus::ok) return failed_io(s);

    for (;;) {
        std::string frame;
        if (auto s = channel_->read(frame, deadline); s != FrameStatus::ok) return failed_io(s);
        const json::object msg = json::parse(frame).as_object();
        const auto type = msg.at("type").as_string();
        if (type == "stage") {
            plugin = std::string(msg.at("plugin").as_string());
            std::lock_guard lock(mu_);
            plugin_ = plugin;
            continue;
        }
        std::string bytes = std::move(doc.bytes);
        doc = document_from_json(json::serialize(msg.at("doc")));
        doc.bytes = std::move(bytes);
        const json::value& f = msg.at("failure");
        if (f.is_null()) return {};
        ChainFailure failure{std::string(f.at("plugin").as_string()),
                             std::string(f.at("message").as_string()),
                             f.at("out_of_memory").as_bool()};
        if (failure.out_of_memory) {
            // The worker exits after this: its heap is not to be trusted any more.
            end_process(false);
            return lost(failure.plugin, "memory limit exceeded (worker_memory_mb = " +
                                            std::to_string(options_.memory_mb) + ")");
        }
        return {failure, false};
    }
}

ExecutorState WorkerProcess::state() const {
    std::lock_guard lock(mu_);
    return {pid_.load(), busy_, document_, plugin_, restarts_};
}

}  // namespace gongwen
