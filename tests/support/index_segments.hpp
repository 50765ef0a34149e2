// How many segments the full-text index (section_bodies_fts) holds, read from FTS5's structure
// record: what tells whether its segments were merged.
#pragma once

#include <cstdint>

#include "store/database.hpp"

namespace gongwen::test {

std::int64_t index_segments(Database& db);

}  // namespace gongwen::test
