// ndjson_exporter: an example exporter plugin, built against the SDK only. It appends each
// document's metrics to one JSON Lines file, one line per metric (or per document), ready for
// jq, DuckDB's read_json or a log shipper.
//
// Several writers share the file: chain runners in different threads and, with process
// isolation, different worker processes each have their own instance. Every document's lines
// are therefore appended with one write() under an exclusive flock(), so lines never interleave,
// and a failed write is cut back off the file so no half line is left for readers.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "gongwen/plugin.hpp"

namespace {

namespace json = boost::json;

json::value string_or_null(const std::string& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
}

json::object document_fields(const gongwen::Document& doc) {
    return {{"sha256", string_or_null(doc.source.sha256)},
            {"path", doc.source.path},
            {"member", doc.source.member ? json::value(*doc.source.member) : json::value()},
            {"title", string_or_null(doc.title)},
            {"issuer", string_or_null(doc.issuer)},
            {"period", string_or_null(doc.period)},
            {"published", doc.published ? json::value(*doc.published) : json::value()},
            {"report_kind", string_or_null(doc.report_kind)}};
}

json::object metric_fields(const gongwen::Document& doc, const gongwen::Metric& m) {
    const bool in_section =
        m.section >= 0 && static_cast<std::size_t>(m.section) < doc.sections.size();
    return {{"text", m.text},
            {"value", m.value},
            {"value_max", m.value_max ? json::value(*m.value_max) : json::value()},
            {"unit", m.unit},
            {"approx", m.approx},
            {"qualifier", string_or_null(m.qualifier)},
            {"kind", m.kind},
            {"subject", string_or_null(m.subject)},
            {"modality", m.modality},
            {"period", string_or_null(m.period)},
            {"scope", string_or_null(m.scope)},
            {"direction", string_or_null(m.direction)},
            {"basis", string_or_null(m.basis)},
            {"section", in_section ? json::value(doc.sections[m.section].heading) : json::value()},
            {"start", m.start},
            {"end", m.end}};
}

[[noreturn]] void fail(const std::filesystem::path& file, const char* what, int err) {
    throw std::runtime_error("ndjson_exporter: " + file.string() + ": " + what + ": " +
                             std::strerror(err));
}

// Closes the descriptor (and so releases the flock) on every path out.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

  private:
    int fd_;
};

void append_locked(const std::filesystem::path& file, const std::string& lines, bool sync) {
    // Opened per document, so that a file moved away by logrotate is followed by a fresh one.
    FileDescriptor fd(::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644));
    if (fd.get() < 0) fail(file, "cannot open", errno);
    while (::flock(fd.get(), LOCK_EX) != 0)
        if (errno != EINTR) fail(file, "cannot lock", errno);
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) fail(file, "cannot stat", errno);
    std::size_t done = 0;
    while (done < lines.size()) {
        const ssize_t n = ::write(fd.get(), lines.data() + done, lines.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : EIO;
            // Still holding the lock: nobody appended after us, so cutting back is safe.
            if (::ftruncate(fd.get(), st.st_size) != 0) {
                // Nothing more to do: report the write error, which came first.
            }
            fail(file, "cannot write", err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (sync && ::fdatasync(fd.get()) != 0) fail(file, "cannot flush to disk", errno);
}

class NdjsonExporter : public gongwen::Plugin {
  public:
    explicit NdjsonExporter(gongwen::PluginSetup& setup)
        : file_(setup.config.get_path("file", setup.output_dir / "metrics.ndjson")),
          per_document_(setup.config.get_choice("one_line_per", "metric", {"metric", "document"}) ==
                        "document"),
          sync_(setup.config.get_bool("sync", true)) {
        if (file_.empty() || !file_.has_filename())
            throw gongwen::ConfigError("file", setup.config.full_key("file") +
                                                   ": expected a file name, got \"" +
                                                   file_.string() + "\"");
        // Fail at start, not on the first document, when the folder cannot exist.
        if (file_.has_parent_path()) {
            std::error_code ec;
            std::filesystem::create_directories(file_.parent_path(), ec);
            if (ec)
                throw std::runtime_error("cannot create " + file_.parent_path().string() + ": " +
                                         ec.message());
        }
    }

    void process(gongwen::Document& doc) override {
        std::string lines;
        if (per_document_) {
            json::array metrics;
            for (const auto& m : doc.metrics) metrics.push_back(metric_fields(doc, m));
            lines = json::serialize(
                json::object{{"document", document_fields(doc)}, {"metrics", std::move(metrics)}});
            lines.push_back('\n');
        } else {
            const json::value document = document_fields(doc);
            for (const auto& m : doc.metrics) {
                lines += json::serialize(
                    json::object{{"document", document}, {"metric", metric_fields(doc, m)}});
                lines.push_back('\n');
            }
        }
        if (!lines.empty()) append_locked(file_, lines, sync_);
    }

  private:
    std::filesystem::path file_;
    bool per_document_;
    bool sync_;
};

}  // namespace

GONGWEN_PLUGIN(NdjsonExporter, "ndjson_exporter", "1.0.0",
               "Appends each document's metrics to a JSON Lines file")
