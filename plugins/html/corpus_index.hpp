// index.html: every exported document of an output folder, kept right while several plugin
// instances (threads) and several processes export into the same folder at once.
//
// Each page has a small manifest, <dir>/index.d/<sha256>.json, written atomically beside the
// pages. index.html is only ever rebuilt from all manifests, under an flock'd lock file, and
// written atomically; a reader sees the old index or the new one, never half of one.
// Writers that arrive while a rebuild is due share that rebuild (see CorpusIndex::add).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "label_set.hpp"

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
    std::string page;  // file name of the page, relative to the folder
};

class CorpusIndex {
  public:
    CorpusIndex(std::filesystem::path dir, const LabelSet& labels, std::string stylesheet);

    // Writes the entry's manifest, then makes sure index.html is rebuilt after it. Throws
    // std::runtime_error naming the file when a manifest, the lock or the index cannot be
    // written.
    void add(const IndexEntry& entry);
    // Rebuilds index.html from the manifests now (under the lock).
    void rebuild();

    std::filesystem::path index_file() const { return dir_ / "index.html"; }
    std::filesystem::path manifest_dir() const { return dir_ / "index.d"; }

  private:
    void rebuild_locked();

    std::filesystem::path dir_;
    const LabelSet& labels_;
    std::string stylesheet_;
};

}  // namespace gongwen::html
