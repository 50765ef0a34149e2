// One ledger entry taken through the chain and into the store: read the file, split it into
// documents (an archive has one per member), run each through the chain, commit each with
// its run record, then settle the file's state in the ledger and dispose of it.
#pragma once

#include <vector>

#include "config/daemon_config.hpp"
#include "ledger/ledger.hpp"
#include "queue/content_claims.hpp"
#include "queue/worker.hpp"

namespace gongwen {

enum class JobOutcome { done, duplicate, failed, retry };

struct JobReport {
    JobOutcome outcome = JobOutcome::failed;
    std::vector<ChainStep> steps;  // plugin timings of every document of the file
};

struct JobSettings {
    std::vector<InboxConfig> inboxes;
    ArchiveLimits archive_limits;
    int max_attempts = 3;
    ContentClaims* claims = nullptr;  // shared by the workers of one dispatcher
};

// Never throws for a bad file: every failure is recorded in the ledger with its reason.
// Content already stored (same SHA-256) is linked, not processed again.
JobReport run_file_job(const FileEntry& entry, Worker& worker, const JobSettings& settings);

// The <name>.error.json written beside a failed file.
std::string error_report_json(const FileEntry& entry, const std::string& sha256,
                              const std::string& error);

// Applies the inbox's on_done / on_failed policy to a finished file and records a move.
// Used after a job, and at start-up for files finished before a crash but not yet moved.
void dispose_finished(const FileEntry& entry, bool failed, const std::string& error_json,
                      const std::vector<InboxConfig>& inboxes, Ledger& ledger);

}  // namespace gongwen
