#include "manifest_folder.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace json = boost::json;

namespace gongwen::html {

namespace {

json::value optional_string(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
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

std::optional<std::string> read_all(int dir_fd, const char* name) {
    const int fd = ::openat(dir_fd, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string content;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) content.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    if (n < 0) return std::nullopt;
    return content;
}

// nullopt for a file that is not a manifest (stray, truncated by hand, from a future version).
std::optional<IndexEntry> parse_manifest(const std::string& text) {
    try {
        const json::value v = json::parse(text);
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

bool is_manifest_name(std::string_view name) {
    return name.size() > 5 && name.front() != '.' && name.substr(name.size() - 5) == ".json";
}

}  // namespace

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

ManifestFolder::Listing ManifestFolder::list() {
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(dir_.c_str()), ::closedir);
    if (!dir) throw std::runtime_error(dir_.string() + ": cannot list: " + std::strerror(errno));
    const int fd = ::dirfd(dir.get());
    Listing listing;
    std::unordered_map<std::string, Cached> seen;
    errno = 0;
    while (const dirent* d = ::readdir(dir.get())) {
        if (!is_manifest_name(d->d_name)) continue;
        struct stat st {};
        if (::fstatat(fd, d->d_name, &st, 0) != 0 || !S_ISREG(st.st_mode)) continue;
        Cached c{st.st_ino, st.st_size, st.st_mtim, std::nullopt};
        auto old = by_name_.find(d->d_name);
        if (old != by_name_.end() && old->second.inode == c.inode && old->second.size == c.size &&
            old->second.mtime.tv_sec == c.mtime.tv_sec &&
            old->second.mtime.tv_nsec == c.mtime.tv_nsec) {
            c.entry = std::move(old->second.entry);
        } else if (auto text = read_all(fd, d->d_name)) {
            c.entry = parse_manifest(*text);
        }
        if (c.entry)
            listing.entries.push_back(*c.entry);
        else
            ++listing.unreadable;
        seen.emplace(d->d_name, std::move(c));
        errno = 0;
    }
    if (errno != 0)
        throw std::runtime_error(dir_.string() + ": cannot list: " + std::strerror(errno));
    by_name_ = std::move(seen);  // forget manifests that are gone
    return listing;
}

}  // namespace gongwen::html
