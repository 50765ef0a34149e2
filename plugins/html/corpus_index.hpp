// index.html: every exported document of an output folder, kept right while several plugin
// instances (threads) and several processes export into the same folder at once.
//
// Each page has a small manifest, <dir>/index.d/<sha256>.json, written atomically beside the
// pages. index.html is only ever rebuilt from all manifests, under an flock'd lock file, and
// written atomically; a reader sees the old index or the new one, never half of one.
// Writers that arrive while a rebuild is due share that rebuild (see CorpusIndex::add), and
// one instance leaves at least `delay`, and at least four times the last rebuild's duration,
// between two rebuilds: a rebuild reads every manifest and rewrites the whole index, which at
// thousands of documents costs far more than exporting one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "gongwen/label_set.hpp"
#include "manifest_folder.hpp"

namespace gongwen::html {

class CorpusIndex {
  public:
    // `delay` 0 rebuilds the index before `add` returns; otherwise a rebuild due sooner than
    // the gap after the previous one is left to a background thread, and to `flush`.
    CorpusIndex(std::filesystem::path dir, const LabelSet& labels, std::string stylesheet,
                std::chrono::milliseconds delay);
    ~CorpusIndex();  // flushes
    CorpusIndex(const CorpusIndex&) = delete;
    CorpusIndex& operator=(const CorpusIndex&) = delete;

    // Writes the entry's manifest, then makes sure index.html is rebuilt after it. Throws
    // std::runtime_error naming the file when a manifest, the lock or the index cannot be
    // written (including a failure of a background rebuild since the last call).
    void add(const IndexEntry& entry);
    // Performs a rebuild that is due now, without waiting for the delay.
    void flush();

    std::filesystem::path index_file() const { return dir_ / "index.html"; }
    std::filesystem::path manifest_dir() const { return dir_ / "index.d"; }

  private:
    void timed_rebuild();
    void rebuild_if_pending();
    void rebuild_locked();
    void run_deferred();

    std::filesystem::path dir_;
    const LabelSet& labels_;
    std::string stylesheet_;
    ManifestFolder manifests_;
    std::mutex rebuilding_;  // the caller's thread and the background one take turns

    std::chrono::milliseconds delay_;
    std::mutex m_;
    std::condition_variable wake_;
    bool due_ = false;
    bool stop_ = false;
    std::chrono::steady_clock::time_point last_{};  // end of the last rebuild
    std::chrono::steady_clock::duration gap_{};     // least time between two rebuilds
    std::exception_ptr error_;
    std::thread worker_;  // last: starts after everything it uses
};

}  // namespace gongwen::html
