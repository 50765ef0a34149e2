// Documents for the store benchmarks: the sample reports (the corpus when present, else the
// example report) run once through the real chain, then varied into as many distinct documents
// as wanted. A variant keeps the length of everything (so every offset stays valid) while its
// bytes, digits, figures and some domain terms change, so that a term is in some documents
// and not others, as in a real collection.
#pragma once

#include <cstddef>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen::bench {

// The reports through encoding_fix, variant_convert, section_split and metric_extract.
std::vector<Document> chained_reports();

// Variant `i` of `base`: a distinct document (its own bytes and SHA-256).
Document varied(const Document& base, std::size_t i);

}  // namespace gongwen::bench
