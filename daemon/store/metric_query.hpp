// Metrics across documents, filtered the way `gongwen metrics` asks: one row per metric with
// the document it came from, ready to be compared side by side.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace gongwen {

class ScriptFold;

struct MetricFilter {
    std::optional<std::string> subject;   // contained in the subject (equal with `exact`)
    std::optional<std::string> unit;      // equal
    std::optional<std::string> period;    // equal to the metric's period, else the document's
    std::optional<std::string> scope;     // contained in the scope (equal with `exact`)
    std::optional<std::string> kind;      // equal
    std::optional<std::string> modality;  // equal
    std::optional<std::int64_t> document_id;
    bool exact = false;
    std::size_t limit = 0;  // 0: all
};

struct MetricRow {
    std::int64_t document_id = 0;
    std::string title;  // the document's; empty when it has none
    std::string source_path;
    std::int64_t idx = 0;  // position in the document's metrics
    std::string text;
    double value = 0;
    std::optional<double> value_max;
    std::string unit;
    bool approx = false;
    std::optional<std::string> qualifier;
    std::string kind;
    std::optional<std::string> subject;
    std::string modality;
    std::optional<std::int64_t> section;
    std::string section_heading;        // marker and heading; empty outside sections
    std::optional<std::string> period;  // the metric's, or the document's when it has none
    std::optional<std::string> scope;
    std::optional<std::string> direction;
    std::optional<std::string> basis;
};

// Ordered by subject, period, document and position. With `fold`, the text filters (subject,
// unit, scope) compare folded text (store/script_fold.hpp), so they match in either script.
std::vector<MetricRow> find_metrics(Database& db, const MetricFilter& filter,
                                    const ScriptFold* fold);

}  // namespace gongwen
