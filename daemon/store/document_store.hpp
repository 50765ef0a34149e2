// Documents and everything derived from them (sections, metrics, diagnostics), plus the log
// of chain runs. Callers wrap writes in a Transaction so a document appears all at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "gongwen/document.hpp"
#include "store/database.hpp"

namespace gongwen {

struct RunRecord {
    std::optional<std::int64_t> file_id;
    std::optional<std::int64_t> document_id;
    std::string member;   // archive member, empty for a plain file
    std::string chain;    // Chain::signature()
    std::string started;  // ISO 8601 UTC
    std::int64_t micros = 0;
    std::string outcome;  // done, failed, duplicate
    std::string failed_plugin;
    std::string error;
    std::string plugin_micros;  // JSON object plugin -> micros
};

class DocumentStore {
  public:
    explicit DocumentStore(Database& db) : db_(db) {}

    std::optional<std::int64_t> find_by_sha256(const std::string& sha256);
    // Inserts the document, or replaces the one with the same sha256 and all its rows,
    // full-text index included (SearchIndex).
    std::int64_t save(const Document& doc, const std::string& chain);
    std::optional<Document> load(std::int64_t id);
    void record_run(const RunRecord& run);

  private:
    Database& db_;
};

std::string utc_now_iso8601();

}  // namespace gongwen
