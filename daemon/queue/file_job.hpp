// One ledger entry taken through the chain and into the store.
#pragma once

#include "ledger/ledger.hpp"
#include "queue/worker.hpp"

namespace gongwen {

enum class JobOutcome { done, duplicate, failed };

// Reads the file, runs the chain, and commits the document, its run and the file's new state
// in one transaction. Identical content already in the store is linked, not processed again.
// Never throws for a bad file: the failure is recorded in the ledger with its reason.
JobOutcome run_file_job(const FileEntry& entry, Worker& worker);

}  // namespace gongwen
