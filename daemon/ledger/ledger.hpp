// The ledger: every file the daemon takes and where it is in its life, in SQLite before
// anything else happens to it:
//
//   seen (noticed, still being written) → queued → processing → done | failed
//
// The queue of work lives here, not in memory, so a burst of files costs rows, not RAM, and
// a restart or a crash loses nothing: entries left `processing` are queued again.
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

enum class Recorded { queued, already_queued, already_done, already_failed };

struct RecordResult {
    Recorded outcome;
    std::int64_t file_id;
};

struct LedgerCounts {
    std::int64_t seen = 0;
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

// One member of a file and what became of it ("" for a plain file).
struct MemberOutcome {
    std::string member;
    std::optional<std::int64_t> document_id;
    std::string outcome;  // done, duplicate, failed, skipped
    std::string error;
};

class Ledger {
  public:
    explicit Ledger(Database& db) : db_(db) {}

    // A file noticed while it may still be written to.
    void note_seen(const std::filesystem::path& path, std::uint64_t size, std::int64_t mtime_ns);
    // A noticed file that went away before it was complete.
    void forget_seen(const std::filesystem::path& path);
    // At start-up: `seen` rows are leftovers; the scan notices the files again.
    int clear_seen();

    // A complete file. Queues it unless this very file (path, size, mtime) was taken before.
    RecordResult record(const std::filesystem::path& path, std::uint64_t size,
                        std::int64_t mtime_ns);
    // The oldest queued file, now processing with one more attempt counted.
    std::optional<FileEntry> claim_next();
    // After a crash: whatever was processing goes back to the queue. Returns how many.
    int requeue_interrupted();

    void mark_done(std::int64_t file_id, const std::string& sha256,
                   std::optional<std::int64_t> document_id, const std::string& note = "");
    void mark_failed(std::int64_t file_id, const std::string& sha256, const std::string& error);
    // A failure worth another try (the worker crashed or hung): back to the queue.
    void requeue(std::int64_t file_id, const std::string& error);
    void record_member(std::int64_t file_id, const MemberOutcome& member);
    void set_moved_to(std::int64_t file_id, const std::filesystem::path& to);
    std::optional<std::string> error_of(std::int64_t file_id);

    LedgerCounts counts();
    std::vector<FailedFile> recent_failures(int limit);
    // Files finished (done or failed) in the last `seconds`.
    std::int64_t finished_within(int seconds);

  private:
    Database& db_;
};

}  // namespace gongwen
