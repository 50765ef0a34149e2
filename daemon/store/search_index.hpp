// Keeps the full-text index (tables section_bodies and section_bodies_fts, docs/schema.md) in
// step with the documents. Writes happen inside the caller's transaction, so a reader sees a
// document and its index rows appear, change and disappear together.
#pragma once

#include <cstdint>

#include "gongwen/document.hpp"
#include "store/database.hpp"

namespace gongwen {

class SearchIndex {
  public:
    explicit SearchIndex(Database& db) : db_(db) {}

    // Replaces the index rows of one document with those of `doc` (section_bodies()).
    void replace(std::int64_t document_id, const Document& doc);
    // Indexes every stored document again from its stored text and JSON (for a migration, or
    // after the rules of section_bodies() change). Returns how many documents.
    std::int64_t rebuild();

  private:
    Database& db_;
};

}  // namespace gongwen
