// Merges the full-text index and checkpoints the write-ahead log while the daemon is idle.
//
// Schema version 3 turns FTS5's automerge off: a document's commit then writes only its own
// new index segment instead of sometimes merging older ones (a merge inside a commit was the
// slow tail of ingestion latency). The merging happens here instead, in small steps between
// documents. Should a long burst leave no idle time, FTS5 still merges by itself once 16
// segments pile up on one level (crisismerge), so queries never face an unbounded number.
#pragma once

#include "store/database.hpp"

namespace gongwen {

class IndexUpkeep {
  public:
    explicit IndexUpkeep(Database& db) : db_(db) {}

    // One bounded piece of work: merging up to `pages_per_step` pages of index segments (in its
    // own write transaction), or, once no merge is due, a passive WAL checkpoint. Returns
    // whether more work remains.
    bool step();

    static constexpr int pages_per_step = 16;

  private:
    Database& db_;
};

}  // namespace gongwen
