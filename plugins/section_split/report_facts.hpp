// What the report is about as a whole: the period it covers and its kind.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rule_book.hpp"

namespace section_split {

// "2021", "2021H1", "2016-2020" … from the title (period words anywhere after the year), else
// from the first paragraph (period word right after the year); empty when neither has a year.
std::string report_period(std::u32string_view title, std::u32string_view first_paragraph,
                          const RuleBook& rules);

// summary, plan, annual_report, highlights, or empty: the title's [title] words, else the
// first paragraph's [body] words, else the top-level headings' [body] words.
std::string report_kind(std::u32string_view title, std::u32string_view first_paragraph,
                        const std::vector<std::u32string>& top_headings, const RuleBook& rules);

}  // namespace section_split
