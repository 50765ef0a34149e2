// Finds the figures of one paragraph: numbers with their units, qualifiers, ranges and ranks,
// leaving out what is not a figure (dates, names, identifiers, section markers, slogans).
#pragma once

#include <string_view>
#include <vector>

#include "figure.hpp"
#include "rules.hpp"

namespace metric_extract {

struct ScanOptions {
    std::size_t max_quote = 60;  // longer “…” spans are quotations, not slogans
    bool bare_numbers = true;    // emit Arabic numbers that have no unit
};

class FigureScanner {
  public:
    FigureScanner(const Rules& rules, ScanOptions options) : rules_(rules), options_(options) {}

    // The figures of text[begin, end), in order. `masked` receives, per code point of the
    // paragraph, whether it lies inside a title, a quoted slogan or a fixed term.
    std::vector<Figure> scan(std::u32string_view text, std::size_t begin, std::size_t end,
                             std::vector<bool>& masked) const;

  private:
    const Rules& rules_;
    ScanOptions options_;
};

}  // namespace metric_extract
