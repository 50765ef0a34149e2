#include "daemon_process.hpp"

#include "store/database.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <stdexcept>
#include <string_view>
#include <thread>

extern char** environ;

namespace gongwen::test {
namespace fs = std::filesystem;

namespace {

// Whether process `pid` holds SIGTERM back or has a handler for it: from then on SIGTERM stops
// the daemon cleanly. Before, in the dynamic loader's first milliseconds, it kills it.
bool takes_sigterm(pid_t pid) {
    const std::uint64_t held_or_handled = signal_set(pid, "SigBlk") | signal_set(pid, "SigCgt");
    return (held_or_handled >> (SIGTERM - 1) & 1) != 0;
}

int decode_status(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

std::string toml_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (const auto& i : items) out += (out.size() > 1 ? ", \"" : "\"") + i + "\"";
    return out + "]";
}

pid_t spawn(const std::vector<std::string>& argv, const fs::path& out, const fs::path& err,
            const fs::path& cwd, const std::vector<std::string>& extra_env = {}) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    // An extra NAME=value replaces an inherited NAME (getenv would find the first of two).
    auto overridden = [&](std::string_view inherited) {
        for (const auto& e : extra_env) {
            const auto name = std::string_view(e).substr(0, e.find('=') + 1);
            if (inherited.substr(0, name.size()) == name) return true;
        }
        return false;
    };
    std::vector<char*> envp;
    for (char** e = environ; *e; ++e)
        if (!overridden(*e)) envp.push_back(*e);
    for (const auto& e : extra_env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
    return pid;
}

}  // namespace

DaemonProcess::DaemonProcess(const TestConfig& c) {
    std::vector<std::string> dirs = {plugin_dir().string()};
    for (const auto& d : c.extra_plugin_dirs) dirs.push_back(d.string());
    env_ = c.env;
    std::string toml = "[daemon]\nworkers = " + std::to_string(c.workers) +
                       "\nlog_level = \"debug\"\nsettle_ms = " + std::to_string(c.settle_ms) +
                       "\nstable_ms = " + std::to_string(c.stable_ms) + "\n" + c.daemon_extra +
                       "\n[store]\ndatabase = \"" + database().string() + "\"\n" +
                       "[output]\ndir = \"" + output().string() + "\"\n" + "[[inbox]]\npath = \"" +
                       inbox().string() + "\"\n" + c.inbox_extra +
                       "\n[chain]\nplugins = " + toml_list(c.chain) +
                       "\nplugin_dirs = " + toml_list(dirs) + "\n" + c.extra;
    write_file(config_file(), toml);
    fs::create_directories(inbox());  // as a user would have it before dropping files in
}

DaemonProcess::~DaemonProcess() {
    if (pid_ > 0) kill9();
}

void DaemonProcess::start() {
    // Appends, so that the log of a restarted daemon keeps what the earlier run said.
    pid_ = spawn({gongwen_binary().string(), "run", "--config", config_file().string()},
                 dir_ / "stdout.log", dir_ / ("daemon." + std::to_string(++starts_) + ".log"),
                 dir_.path(), env_);
}

std::optional<int> DaemonProcess::reap() {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) != pid_) return std::nullopt;
    pid_ = -1;
    return decode_status(status);
}

bool DaemonProcess::running() {
    return pid_ > 0 && !reap();
}

int DaemonProcess::stop(std::chrono::seconds timeout) {
    if (pid_ <= 0) return -1;
    // A test that stops a daemon it has only just started means a stop, not a kill: the
    // signal waits until the process can take it (Daemon.AStopWhileItStartsIsAStopNotAKill
    // covers the daemon's own start-up).
    const auto loaded_by = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!takes_sigterm(pid_) && std::chrono::steady_clock::now() < loaded_by) {
        if (const std::optional<int> code = reap()) return *code;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (const std::optional<int> code = reap()) return *code;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill9();
    return -1;
}

void DaemonProcess::kill9() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

std::string DaemonProcess::log() const {
    std::string all;
    for (int i = 1; i <= starts_; ++i) {
        const fs::path f = dir_ / ("daemon." + std::to_string(i) + ".log");
        std::error_code ec;
        if (fs::exists(f, ec)) all += "--- run " + std::to_string(i) + "\n" + read_file(f);
    }
    return all;
}

void DaemonProcess::signal(int sig) {
    if (pid_ > 0) ::kill(pid_, sig);
}

std::uint64_t signal_set(pid_t pid, std::string_view field) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    const std::string prefix = std::string(field) + ":";
    for (std::string line; std::getline(in, line);)
        if (line.rfind(prefix, 0) == 0) return std::stoull(line.substr(prefix.size()), nullptr, 16);
    return 0;
}

std::int64_t sql_count(const fs::path& database, const std::string& sql) {
    std::error_code ec;
    if (!fs::exists(database, ec)) return -1;
    try {
        Database db(database, Database::Mode::read_only);
        auto st = db.prepare(sql);
        return st.step() ? st.int64(0) : -1;
    } catch (const DatabaseError&) {
        return -1;  // not migrated yet
    }
}

std::int64_t files_in_state(const DaemonProcess& d, const std::string& state) {
    return sql_count(d.database(), "SELECT count(*) FROM files WHERE state = '" + state + "'");
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return condition();
}

CommandResult run_command(const std::vector<std::string>& argv, const fs::path& cwd,
                          const std::vector<std::string>& env) {
    TempDir tmp;
    const pid_t pid = spawn(argv, tmp / "out", tmp / "err", cwd, env);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return {decode_status(status), read_file(tmp / "out"), read_file(tmp / "err")};
}

}  // namespace gongwen::test
