// Finds the document a user means on the command line: its id (42), a prefix of its SHA-256
// (at least 4 hex digits, e.g. 9f3a1c) or the path it was read from.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "store/database.hpp"

namespace gongwen {

// No such document, or a prefix shared by several (the message lists them).
class DocumentLookupError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

std::int64_t find_document(Database& db, const std::string& ref);

}  // namespace gongwen
