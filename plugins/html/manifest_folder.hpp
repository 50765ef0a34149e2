// The manifests of an output folder (index.d/<sha256>.json): what the corpus index is made of.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace gongwen::html {

struct IndexEntry {
    std::string sha256;
    std::string title;
    std::optional<std::string> published;
    std::string issuer;
    std::string period;
    std::string report_kind;
    std::size_t metrics = 0;
    std::size_t sections = 0;
    std::string page;  // file name of the page, relative to the output folder
};

std::string manifest_json(const IndexEntry& entry);

// Reads the manifests of one folder, keeping what it parsed between calls: a manifest is
// read again only when its inode, size or modification time changed (manifests are replaced
// by rename, never edited), so a listing costs one stat per document, not a read and a parse.
class ManifestFolder {
  public:
    explicit ManifestFolder(std::filesystem::path dir) : dir_(std::move(dir)) {}

    struct Listing {
        std::vector<IndexEntry> entries;
        std::size_t unreadable = 0;  // files that are not manifests: skipped, and counted
    };
    // Throws std::runtime_error naming the folder when it cannot be listed.
    Listing list();

    const std::filesystem::path& dir() const { return dir_; }

  private:
    struct Cached {
        ino_t inode = 0;
        off_t size = 0;
        timespec mtime{};
        std::optional<IndexEntry> entry;
    };
    std::filesystem::path dir_;
    std::unordered_map<std::string, Cached> by_name_;
};

}  // namespace gongwen::html
