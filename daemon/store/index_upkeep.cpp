#include "store/index_upkeep.hpp"

#include <string>

namespace gongwen {

bool IndexUpkeep::step() {
    const std::int64_t before = db_.total_changes();
    {
        Transaction tx(db_);
        // A positive page count merges only levels that hold `usermerge` (4) segments or more,
        // as automerge would have: the index stays as compact as before, just merged later.
        db_.exec("INSERT INTO section_bodies_fts (section_bodies_fts, rank) VALUES ('merge', " +
                 std::to_string(pages_per_step) + ")");
        tx.commit();
    }
    // FTS5's documented test: the command itself counts one change, any merging more.
    if (db_.total_changes() - before >= 2) return true;
    db_.exec("PRAGMA wal_checkpoint(PASSIVE)");
    return false;
}

}  // namespace gongwen
