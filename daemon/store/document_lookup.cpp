#include "store/document_lookup.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace gongwen {

namespace {

bool all_of(const std::string& s, int (*pred)(int)) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) {
        return pred(static_cast<unsigned char>(c)) != 0;
    });
}

}  // namespace

std::int64_t find_document(Database& db, const std::string& ref) {
    if (all_of(ref, isdigit) && ref.size() <= 18) {
        auto st = db.prepare("SELECT id FROM documents WHERE id = ?");
        st.bind(1, static_cast<std::int64_t>(std::stoll(ref)));
        if (st.step()) return st.int64(0);
    }
    if (all_of(ref, isxdigit) && ref.size() >= 4) {
        std::string prefix = ref;
        std::transform(prefix.begin(), prefix.end(), prefix.begin(), [](char c) {
            return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        });
        // sha256 is lower-case hex: a range scan on its unique index finds the prefix.
        auto st = db.prepare(
            "SELECT id, sha256, coalesce(title, source_path) FROM documents "
            "WHERE sha256 >= ? AND sha256 < ? ORDER BY sha256 LIMIT 6");
        st.bind_all(prefix, prefix + "g");
        std::vector<std::string> found;
        std::int64_t id = 0;
        while (st.step()) {
            id = st.int64(0);
            found.push_back(std::to_string(id) + "  " + st.text(1).substr(0, 12) + "  " +
                            st.text(2));
        }
        if (found.size() == 1) return id;
        if (found.size() > 1) {
            std::string msg =
                "\"" + ref + "\" matches several documents; give more of the SHA-256:";
            for (const auto& f : found) msg += "\n  " + f;
            throw DocumentLookupError(msg);
        }
    }
    auto st = db.prepare("SELECT id FROM documents WHERE source_path = ? ORDER BY id");
    st.bind(1, ref);
    std::vector<std::int64_t> ids;
    while (st.step()) ids.push_back(st.int64(0));
    if (ids.size() == 1) return ids.front();
    if (ids.size() > 1)
        throw DocumentLookupError("\"" + ref + "\" holds several documents (archive members); " +
                                  "name one by its id or SHA-256");
    throw DocumentLookupError("no document \"" + ref +
                              "\": give its id, a SHA-256 prefix (4+ hex digits) or its path");
}

}  // namespace gongwen
