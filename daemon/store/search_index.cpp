#include "store/search_index.hpp"

#include "gongwen/json.hpp"
#include "store/script_fold.hpp"
#include "store/section_bodies.hpp"

namespace gongwen {

void SearchIndex::replace(std::int64_t document_id, const Document& doc) {
    // The triggers on section_bodies keep section_bodies_fts in step (docs/schema.md).
    db_.prepare("DELETE FROM section_bodies WHERE document_id = ?").bind(1, document_id).run();
    auto insert = db_.prepare(
        "INSERT INTO section_bodies (document_id, section, heading, body, folded) "
        "VALUES (?, ?, ?, ?, ?)");
    const ScriptFold& fold = ScriptFold::shared();
    for (const SectionBody& b : section_bodies(doc)) {
        // The folded text is stored only where it differs: for text already in Simplified
        // script, which is most of it, that costs nothing.
        std::string folded = fold.fold(b.body);
        insert
            .bind_all(
                document_id, b.section < 0 ? std::nullopt : std::optional<std::int64_t>(b.section),
                b.heading, b.body,
                folded == b.body ? std::nullopt : std::optional<std::string>(std::move(folded)))
            .run();
        insert.reset();
    }
}

std::int64_t SearchIndex::rebuild() {
    std::int64_t n = 0;
    auto docs = db_.prepare("SELECT id, json, text FROM documents ORDER BY id");
    while (docs.step()) {
        Document doc;
        try {
            doc = document_from_json(docs.text(1));
        } catch (const std::exception&) {
            // Unreadable JSON costs the outline, not the document: index its whole text.
            doc = Document{};
        }
        doc.text = docs.text(2);
        replace(docs.int64(0), doc);
        ++n;
    }
    return n;
}

}  // namespace gongwen
