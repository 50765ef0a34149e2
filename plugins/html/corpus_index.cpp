#include "corpus_index.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <unordered_set>
#include <utility>
#include <vector>

#include "document_page.hpp"
#include "gongwen/atomic_file.hpp"
#include "html_text.hpp"

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

// Names of the pages in the output folder: one listing instead of a stat per document.
std::unordered_set<std::string> page_names(const std::filesystem::path& dir) {
    std::unordered_set<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".html") names.insert(it->path().filename().string());
    if (ec) fail(dir, "cannot list", ec.value());
    return names;
}

std::string replaced(std::string text, const std::string& placeholder, const std::string& with) {
    if (auto at = text.find(placeholder); at != std::string::npos)
        text.replace(at, placeholder.size(), with);
    return text;
}

}  // namespace

CorpusIndex::CorpusIndex(std::filesystem::path dir, const LabelSet& labels, std::string stylesheet,
                         std::chrono::milliseconds delay)
    : dir_(std::move(dir)),
      labels_(labels),
      stylesheet_(std::move(stylesheet)),
      manifests_(dir_ / "index.d"),
      delay_(delay) {
    if (delay_.count() > 0) worker_ = std::thread([this] { run_deferred(); });
}

CorpusIndex::~CorpusIndex() {
    {
        std::lock_guard lock(m_);
        stop_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
    try {
        flush();
    } catch (...) {
        // Stopping must not throw; the flag stays up and the next writer rebuilds.
    }
}

void CorpusIndex::flush() {
    {
        std::lock_guard lock(m_);
        if (!due_) return;
        due_ = false;
    }
    timed_rebuild();
}

void CorpusIndex::timed_rebuild() {
    const auto start = std::chrono::steady_clock::now();
    struct Record {
        CorpusIndex& self;
        std::chrono::steady_clock::time_point start;
        ~Record() {
            const auto end = std::chrono::steady_clock::now();
            std::lock_guard lock(self.m_);
            self.last_ = end;
            // Rebuilds take at most about a fifth of one worker's time, however large the
            // folder grows; a delay of 0 asks for a rebuild after every document regardless.
            if (self.delay_.count() > 0)
                self.gap_ =
                    std::max<std::chrono::steady_clock::duration>(self.delay_, 4 * (end - start));
        }
    } record{*this, start};
    rebuild_if_pending();
}

void CorpusIndex::run_deferred() {
    std::unique_lock lock(m_);
    while (true) {
        wake_.wait(lock, [&] { return stop_ || due_; });
        if (stop_) return;
        if (wake_.wait_until(lock, last_ + gap_, [&] { return stop_; })) return;
        if (!due_) continue;  // flushed meanwhile
        due_ = false;
        lock.unlock();
        try {
            timed_rebuild();
        } catch (...) {
            lock.lock();
            error_ = std::current_exception();
            continue;
        }
        lock.lock();
    }
}

void CorpusIndex::add(const IndexEntry& entry) {
    {
        std::lock_guard lock(m_);
        if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
    }
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
    {
        std::lock_guard lock(m_);
        if (due_ || std::chrono::steady_clock::now() - last_ < gap_) {
            due_ = true;
            wake_.notify_one();
            return;
        }
    }
    timed_rebuild();
}

void CorpusIndex::rebuild_if_pending() {
    std::lock_guard turn(rebuilding_);
    const std::filesystem::path pending = manifest_dir() / ".pending";
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

void CorpusIndex::rebuild_locked() {
    ManifestFolder::Listing listing = manifests_.list();
    const std::size_t skipped = listing.unreadable;
    // A page removed by hand leaves the index with it.
    const auto pages = page_names(dir_);
    std::vector<IndexEntry> entries;
    entries.reserve(listing.entries.size());
    for (auto& e : listing.entries)
        if (pages.count(e.page)) entries.push_back(std::move(e));
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
