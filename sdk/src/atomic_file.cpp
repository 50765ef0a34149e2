#include "gongwen/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace gongwen {

namespace {

[[noreturn]] void fail(const std::filesystem::path& p, const char* what, int err) {
    throw std::runtime_error(p.string() + ": " + what + ": " + std::strerror(err));
}

// Unique per process and call, so concurrent writers (threads or processes) never share one.
std::filesystem::path temp_name(const std::filesystem::path& target) {
    static std::atomic<unsigned> counter{0};
    return target.parent_path() / ("." + target.filename().string() + ".tmp." +
                                   std::to_string(::getpid()) + "." + std::to_string(counter++));
}

}  // namespace

void write_file_atomically(const std::filesystem::path& target, std::string_view content) {
    if (target.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(target.parent_path(), ec);
        if (ec) throw std::runtime_error(target.parent_path().string() + ": " + ec.message());
    }
    const std::filesystem::path tmp = temp_name(target);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) fail(tmp, "cannot create", errno);
    auto abandon = [&](const char* what) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        fail(target, what, err);
    };
    for (std::size_t written = 0; written < content.size();) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            abandon("cannot write");
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) abandon("cannot flush");
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        fail(target, "cannot close", err);
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        fail(target, "cannot rename into place", err);
    }
}

}  // namespace gongwen
