#include "daemon_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace gongwen::test {
namespace fs = std::filesystem;

namespace {

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
            const fs::path& cwd) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
    return pid;
}

}  // namespace

DaemonProcess::DaemonProcess(const TestConfig& c) {
    std::vector<std::string> dirs = {plugin_dir().string()};
    for (const auto& d : c.extra_plugin_dirs) dirs.push_back(d.string());
    std::string toml = "[daemon]\nworkers = " + std::to_string(c.workers) +
                       "\nlog_level = \"debug\"\nsettle_ms = " + std::to_string(c.settle_ms) +
                       "\n[store]\ndatabase = \"" + database().string() + "\"\n" +
                       "[output]\ndir = \"" + output().string() + "\"\n" + "[[inbox]]\npath = \"" +
                       inbox().string() + "\"\n" + "[chain]\nplugins = " + toml_list(c.chain) +
                       "\nplugin_dirs = " + toml_list(dirs) + "\n" + c.extra;
    write_file(config_file(), toml);
}

DaemonProcess::~DaemonProcess() {
    if (pid_ > 0) kill9();
}

void DaemonProcess::start() {
    pid_ = spawn({gongwen_binary().string(), "run", "--config", config_file().string()},
                 dir_ / "stdout.log", dir_ / "daemon.log", dir_.path());
}

bool DaemonProcess::running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
    }
    return true;
}

int DaemonProcess::stop(std::chrono::seconds timeout) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return decode_status(status);
        }
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
    std::error_code ec;
    return fs::exists(dir_ / "daemon.log", ec) ? read_file(dir_ / "daemon.log") : std::string();
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return condition();
}

CommandResult run_command(const std::vector<std::string>& argv, const fs::path& cwd) {
    TempDir tmp;
    const pid_t pid = spawn(argv, tmp / "out", tmp / "err", cwd);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return {decode_status(status), read_file(tmp / "out"), read_file(tmp / "err")};
}

}  // namespace gongwen::test
