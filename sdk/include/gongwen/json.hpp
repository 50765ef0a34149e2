// The Document as JSON: the format `gongwen process` prints and exporters write
// (docs/output-format.md). Reading it back gives the same Document, except `bytes`.
#pragma once

#include <string>
#include <string_view>

#include "gongwen/document.hpp"

namespace gongwen {

struct JsonOptions {
    bool pretty = false;
};

std::string to_json(const Document& doc, JsonOptions options = {});

// Throws std::runtime_error naming the field when the JSON is not a Document.
Document document_from_json(std::string_view json);

}  // namespace gongwen
