// The json exporter: writes each document as <dir>/<sha256>.json, atomically.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "gongwen/json.hpp"
#include "gongwen/plugin.hpp"

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& p, const char* what) {
    throw std::runtime_error("json exporter: " + p.string() + ": " + what + ": " +
                             std::strerror(errno));
}

// Readers of the output folder see the old file or the new one, never half of one.
void write_atomically(const fs::path& target, const std::string& content) {
    const fs::path tmp = target.string() + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail(tmp, "cannot create");
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int saved = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            errno = saved;
            fail(tmp, "cannot write");
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        ::unlink(tmp.c_str());
        fail(tmp, "cannot flush");
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        ::unlink(tmp.c_str());
        fail(target, "cannot rename into place");
    }
}

class JsonExporter : public gongwen::Plugin {
  public:
    explicit JsonExporter(gongwen::PluginSetup& setup)
        : dir_(setup.config.get_path("dir", setup.output_dir)),
          pretty_(setup.config.get_bool("pretty", true)) {}

    void process(gongwen::Document& doc) override {
        if (doc.source.sha256.empty())
            throw std::runtime_error("json exporter: document has no sha256 to name its file");
        fs::create_directories(dir_);
        write_atomically(dir_ / (doc.source.sha256 + ".json"),
                         gongwen::to_json(doc, {pretty_}) + "\n");
    }

  private:
    fs::path dir_;
    bool pretty_;
};

}  // namespace

GONGWEN_PLUGIN(JsonExporter, "json", "1.0.0", "Writes each document as <dir>/<sha256>.json")
