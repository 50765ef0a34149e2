// One self-contained HTML page per document: metadata, outline, a chart of the main figures,
// the text with every metric highlighted in place, and the table of metrics.
#pragma once

#include <string>
#include <vector>

#include "figure_chart.hpp"
#include "gongwen/document.hpp"
#include "gongwen/label_set.hpp"

namespace gongwen::html {

// Pages load nothing: no script, no font, no image from anywhere. The policy makes that a
// guarantee (and turns any slip into a console error the Chromium test catches).
inline constexpr const char* content_security_policy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'";

struct PageOptions {
    ChartOptions chart;
    bool link_index = true;  // a link back to index.html
    std::string stylesheet;  // CSS, inlined
};

struct Page {
    std::string html;
    std::vector<std::size_t> misplaced;  // metrics not highlighted: offsets outside the text
};

Page document_page(const Document& doc, const LabelSet& labels, const PageOptions& options);

// The document's title, or the labelled fallback naming its file.
std::string display_title(const Document& doc, const LabelSet& labels);

// <!DOCTYPE html> … <body>, shared by the pages and the index.
std::string page_head(const std::string& title, const LabelSet& labels,
                      const std::string& stylesheet);

// Keys every label file must define.
const std::vector<std::string>& page_label_keys();

}  // namespace gongwen::html
