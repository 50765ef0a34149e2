// A search as the user typed it, split into terms, each folded as the index is
// (store/script_fold.hpp), so that it matches in either script. Terms are separated by spaces
// (ASCII or ideographic); "double quotes" keep a term with spaces together. Every term must
// occur in the same section body.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen {

class ScriptFold;

class SearchQueryError : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

struct SearchTerm {
    std::string typed;
    std::string folded;  // what is looked up

    // The trigram index answers terms of three or more characters; shorter ones are matched
    // by scanning the section bodies.
    bool indexed() const;
};

// Throws SearchQueryError for a query without terms, with an unclosed quote or not in UTF-8.
// `fold` may be null: the terms are then searched exactly as typed.
std::vector<SearchTerm> parse_search_query(std::string_view query, const ScriptFold* fold);

}  // namespace gongwen
