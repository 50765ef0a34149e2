// The chart of a document's main figures: one inline SVG bar chart per (kind, unit), since
// only figures of the same kind and unit can be compared by length.
#pragma once

#include <string>
#include <vector>

#include "gongwen/document.hpp"
#include "gongwen/label_set.hpp"

namespace gongwen::html {

struct ChartOptions {
    std::vector<std::string> kinds = {"count", "money"};  // metric kinds worth a bar
    int groups = 3;      // charts at most; the units with most figures win
    int bars = 8;        // bars per chart at most; the largest values win
    bool plans = false;  // chart planned figures (targets) too, not only achieved ones
};

// <figure> elements, or "" when the document has no positive figure of a charted kind.
std::string figure_chart(const Document& doc, const LabelSet& labels, const ChartOptions& options);

}  // namespace gongwen::html
