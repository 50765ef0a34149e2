#include "index_segments.hpp"

#include <string>

namespace gongwen::test {

std::int64_t index_segments(Database& db) {
    // The structure record is rowid 10 of the %_data table: a 4-byte cookie, then varints
    // for the number of levels and of segments.
    auto st = db.prepare("SELECT block FROM section_bodies_fts_data WHERE id = 10");
    if (!st.step()) return 0;
    const std::string b = st.blob(0);
    std::size_t at = 4;
    const auto varint = [&] {
        std::int64_t v = 0;
        while (at < b.size()) {
            const auto byte = static_cast<unsigned char>(b[at++]);
            v = (v << 7) | (byte & 0x7F);
            if (!(byte & 0x80)) break;
        }
        return v;
    };
    varint();  // levels
    return varint();
}

}  // namespace gongwen::test
