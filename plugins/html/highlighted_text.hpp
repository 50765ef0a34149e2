// The document text as HTML, with every metric highlighted in place and an anchor at the start
// of every section.
#pragma once

#include <string>
#include <vector>

#include "gongwen/document.hpp"
#include "gongwen/label_set.hpp"

namespace gongwen::html {

struct HighlightedText {
    std::string html;  // for an element styled `white-space: pre-wrap`
    // Metrics whose offsets do not fit the text (past its end, or end before start): they
    // are listed, not highlighted.
    std::vector<std::size_t> misplaced;
};

// Metrics become <mark id="m<i>" class="m m-<modality>">; metrics that overlap share one mark
// (the others get an empty anchor inside it) so that no figure is hidden under another.
// Blocks become <span class="b-<kind>">; section i gets <span id="s<i>"> at its start.
HighlightedText highlighted_text(const Document& doc, const LabelSet& labels);

// "subject · 3562件 · count · 2021" : how a metric is described in tooltips.
std::string metric_summary(const Metric& m, const LabelSet& labels);

}  // namespace gongwen::html
