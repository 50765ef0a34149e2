#pragma once

#include <filesystem>
#include <stdexcept>

#include "gongwen/document.hpp"

namespace gongwen {

// A file that cannot be read; the message names it and says why.
class FileReadError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A new Document holding the file's bytes and its source (path, size, SHA-256).
Document document_from_file(const std::filesystem::path& file);

}  // namespace gongwen
