// A figure found in a paragraph, before its context (subject, period …) is read.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace metric_extract {

struct Figure {
    std::size_t start = 0;      // including a prefix qualifier (约, 近) or 第
    std::size_t num_start = 0;  // the number itself
    std::size_t end = 0;        // after the unit and a suffix qualifier
    double value = 0;
    std::optional<double> value_max;
    std::string unit;
    std::string kind;
    std::string qualifier;
    bool approx = false;
    std::size_t unit_end = 0;  // where the unit (or the number) ends, before a suffix qualifier
};

}  // namespace metric_extract
