#include "corpus_index.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "document_page.hpp"
#include "gongwen/atomic_file.hpp"
#include "html_text.hpp"

namespace json = boost::json;

namespace gongwen::html {

namespace {

[[noreturn]] void fail(const std::filesystem::path& p, const char* what, int err) {
    throw std::runtime_error(p.string() + ": " + what + ": " + std::strerror(err));
}

// Held for the lifetime of the object. flock locks belong to an open file description, so two
// instances in one process exclude each other just as two processes do, and the kernel drops
// the lock of a process that dies.
class FileLock {
  public:
    explicit FileLock(const std::filesystem::path& file)
        : fd_(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
        if (fd_ < 0) fail(file, "cannot open the index lock", errno);
        while (::flock(fd_, LOCK_EX) != 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd_);
            fail(file, "cannot lock", err);
        }
    }
    ~FileLock() { ::close(fd_); }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

  private:
    int fd_;
};

json::value optional_string(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}

std::string manifest_json(const IndexEntry& e) {
    return json::serialize(json::object{{"sha256", e.sha256},
                                        {"title", e.title},
                                        {"published", optional_string(e.published)},
                                        {"issuer", e.issuer},
                                        {"period", e.period},
                                        {"report_kind", e.report_kind},
                                        {"metrics", e.metrics},
                                        {"sections", e.sections},
                                        {"page", e.page}}) +
           "\n";
}

std::string string_field(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    if (!v || !v->is_string()) throw std::runtime_error(std::string("no string ") + key);
    return std::string(v->get_string());
}

std::size_t count_field(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    if (!v || !v->is_number()) throw std::runtime_error(std::string("no number ") + key);
    return v->to_number<std::size_t>();
}

// A manifest another writer left; nullopt when it is not one (a stray file, a manifest of a
// future version): the index skips it and says so rather than failing every export.
std::optional<IndexEntry> read_manifest(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (!in) return std::nullopt;
    try {
        const json::value v = json::parse(buffer.str());
        const json::object& o = v.as_object();
        IndexEntry e;
        e.sha256 = string_field(o, "sha256");
        e.title = string_field(o, "title");
        if (const auto* p = o.if_contains("published"); p && p->is_string())
            e.published = std::string(p->get_string());
        e.issuer = string_field(o, "issuer");
        e.period = string_field(o, "period");
        e.report_kind = string_field(o, "report_kind");
        e.metrics = count_field(o, "metrics");
        e.sections = count_field(o, "sections");
        e.page = string_field(o, "page");
        if (e.page.empty() || e.page.find('/') != std::string::npos) return std::nullopt;
        return e;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool is_manifest_name(const std::filesystem::path& p) {
    const std::string name = p.filename().string();
    return p.extension() == ".json" && name.size() > 5 && name.front() != '.';
}

std::string replaced(std::string text, const std::string& placeholder, const std::string& with) {
    if (auto at = text.find(placeholder); at != std::string::npos)
        text.replace(at, placeholder.size(), with);
    return text;
}

}  // namespace

CorpusIndex::CorpusIndex(std::filesystem::path dir, const LabelSet& labels, std::string stylesheet)
    : dir_(std::move(dir)), labels_(labels), stylesheet_(std::move(stylesheet)) {}

void CorpusIndex::add(const IndexEntry& entry) {
    write_file_atomically(manifest_dir() / (entry.sha256 + ".json"), manifest_json(entry));
    // Coalescing rebuilds: a writer raises the `pending` flag after its manifest is in place,
    // then queues for the lock. Whoever holds the lock and finds the flag up lowers it *before*
    // listing the manifests, so its listing sees every manifest whose flag it lowered. A writer
    // that finds the flag already down knows a rebuild that started after its manifest landed
    // has run, and has nothing left to do.
    const std::filesystem::path pending = manifest_dir() / ".pending";
    const int fd = ::open(pending.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) fail(pending, "cannot create", errno);
    ::close(fd);
    FileLock lock(manifest_dir() / ".lock");
    if (::unlink(pending.c_str()) != 0) {
        if (errno == ENOENT) return;
        fail(pending, "cannot remove", errno);
    }
    try {
        rebuild_locked();
    } catch (...) {
        // Leave the flag up so that the next writer retries the rebuild.
        const int again = ::open(pending.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (again >= 0) ::close(again);
        throw;
    }
}

void CorpusIndex::rebuild() {
    std::filesystem::create_directories(manifest_dir());
    FileLock lock(manifest_dir() / ".lock");
    ::unlink((manifest_dir() / ".pending").c_str());
    rebuild_locked();
}

void CorpusIndex::rebuild_locked() {
    std::vector<IndexEntry> entries;
    std::size_t skipped = 0;
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(manifest_dir(), ec)) {
        if (!is_manifest_name(f.path())) continue;
        auto entry = read_manifest(f.path());
        if (!entry) {
            ++skipped;
            continue;
        }
        // A page removed by hand leaves the index with it.
        if (std::filesystem::exists(dir_ / entry->page)) entries.push_back(std::move(*entry));
    }
    if (ec) fail(manifest_dir(), "cannot list", ec.value());
    // Newest first; undated documents last; then by title, for a stable order.
    std::sort(entries.begin(), entries.end(), [](const IndexEntry& a, const IndexEntry& b) {
        if (a.published.has_value() != b.published.has_value()) return a.published.has_value();
        if (a.published != b.published) return *a.published > *b.published;
        if (a.title != b.title) return a.title < b.title;
        return a.sha256 < b.sha256;
    });

    const LabelSet& l = labels_;
    std::string out = page_head(l["index_title"], l, stylesheet_);
    out += "<header>\n<h1>" + escaped(l["index_title"]) + "</h1>\n<p class=\"count\">" +
           escaped(replaced(l["documents"], "{n}", std::to_string(entries.size()))) +
           "</p>\n</header>\n<main>\n";
    if (entries.empty()) {
        out += "<p class=\"none\">" + escaped(l["no_documents"]) + "</p>\n";
    } else {
        out += "<table class=\"index\">\n<thead><tr>";
        for (const char* key : {"title", "published", "issuer", "period", "report_kind",
                                "metric_count", "section_count"})
            out += "<th>" + escaped(l[key]) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& e : entries) {
            out += "<tr><td><a href=\"" + escaped(e.page) + "\">" + escaped(e.title) +
                   "</a></td><td>" + escaped(e.published.value_or("")) + "</td><td>" +
                   escaped(e.issuer) + "</td><td>" + escaped(e.period) + "</td><td>" +
                   escaped(e.report_kind.empty()
                               ? ""
                               : l.get_or("report_kind." + e.report_kind, e.report_kind)) +
                   "</td><td class=\"num\">" + std::to_string(e.metrics) +
                   "</td><td class=\"num\">" + std::to_string(e.sections) + "</td></tr>\n";
        }
        out += "</tbody>\n</table>\n";
    }
    if (skipped)
        out += "<p class=\"note\">" +
               escaped(replaced(l["skipped_manifests"], "{n}", std::to_string(skipped))) + "</p>\n";
    out += "</main>\n<footer>" + escaped(l["generated_by"]) + "</footer>\n</body>\n</html>\n";
    write_file_atomically(index_file(), out);
}

}  // namespace gongwen::html
