// What the full-text index holds for a document: the text of each section on its own, plus
// the text outside every section (title block, preamble, closing signature).
//
// A section's body is its heading and the text up to its first subsection (and any text after
// its last subsection), so that every character of `text` belongs to exactly one body and a
// hit names the innermost section it is in. Blocks marked boilerplate (navigation, captions,
// footers, spam) are left out: a search must not answer with a site's menu. Where a body is
// pieced together from several runs, the runs are joined by a line break, so no search term
// can match across a gap.
#pragma once

#include <string>
#include <vector>

#include "gongwen/document.hpp"

namespace gongwen {

struct SectionBody {
    int section = -1;     // index into Document::sections; -1 for text outside every section
    std::string heading;  // marker and heading ("一、总体情况"); empty for section -1
    std::string body;     // UTF-8
};

// In document order (the text outside every section first). Bodies that would hold only
// whitespace are left out. Offsets that do not fit the text are clamped, never trusted.
std::vector<SectionBody> section_bodies(const Document& doc);

}  // namespace gongwen
