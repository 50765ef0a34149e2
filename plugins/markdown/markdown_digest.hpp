// The digest of one document: title, metadata, outline and a table of metrics per section.
#pragma once

#include <string>

#include "gongwen/document.hpp"
#include "gongwen/label_set.hpp"

namespace gongwen::markdown {

struct DigestOptions {
    bool diagnostics = true;  // list the chain's warnings and errors at the end
};

std::string digest(const Document& doc, const LabelSet& labels, const DigestOptions& options);

// The keys every label file must define.
const std::vector<std::string>& digest_label_keys();

}  // namespace gongwen::markdown
