// The ledger: every file the daemon takes, and where it is in its life
// (queued → processing → done | failed), in SQLite before anything else happens to it.
// The queue of work lives here, not in memory, so a restart loses nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace gongwen {

struct FileEntry {
    std::int64_t id = 0;
    std::filesystem::path path;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    int attempts = 0;
};

struct LedgerCounts {
    std::int64_t queued = 0;
    std::int64_t processing = 0;
    std::int64_t done = 0;
    std::int64_t failed = 0;
};

struct FailedFile {
    std::string path;
    std::string error;
    std::string when;
};

class Ledger {
  public:
    explicit Ledger(Database& db) : db_(db) {}

    // Records a complete file as queued. Returns false when this very file (same path, size
    // and mtime) is already in the ledger: it was taken before and is not taken again.
    bool record(const std::filesystem::path& path, std::uint64_t size, std::int64_t mtime_ns);
    // The oldest queued file, now marked processing.
    std::optional<FileEntry> claim_next();
    // After a crash: whatever was processing goes back to the queue. Returns how many.
    int requeue_interrupted();

    void mark_done(std::int64_t file_id, const std::string& sha256, std::int64_t document_id);
    void mark_failed(std::int64_t file_id, const std::string& sha256, const std::string& error);

    LedgerCounts counts();
    std::vector<FailedFile> recent_failures(int limit);

  private:
    Database& db_;
};

}  // namespace gongwen
