// Answers a search from the full-text index: the documents whose section bodies contain every
// term (folded, so in either script), best first, each with its best-matching sections and a
// snippet of each.
//
// Terms of three or more characters go through the FTS5 trigram index and are ranked by
// bm25; a search made only of shorter terms (普法, 律师) scans section_bodies and ranks by
// how often the terms occur. Either way a hit is an exact substring match, so the documents
// found are exactly those whose indexed text contains the terms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/search_query.hpp"
#include "store/snippet.hpp"

namespace gongwen {

struct SectionHit {
    std::optional<int> section;  // index into the document's sections; none: outside them
    std::string heading;
    Snippet snippet;
};

struct DocumentHit {
    std::int64_t document_id = 0;
    std::string sha256;
    std::string title;  // empty when the document has none
    std::string source_path;
    std::optional<std::string> member;
    double score = 0;  // higher is better; comparable only within one search
    std::int64_t sections_matched = 0;
    std::vector<SectionHit> sections;  // the best ones, best first
};

struct SearchResults {
    std::int64_t total_documents = 0;  // all matching documents, not only those returned
    std::int64_t total_sections = 0;
    bool used_index = true;  // false: only short terms, answered by a scan
    std::vector<DocumentHit> documents;
};

struct SearchLimits {
    std::size_t limit = 20;  // documents returned; 0 for all
    std::size_t sections_per_document = 3;
    std::size_t snippet_before = 20;  // code points of context
    std::size_t snippet_after = 40;
};

SearchResults search(Database& db, const std::vector<SearchTerm>& terms,
                     const SearchLimits& limits = {});

}  // namespace gongwen
