#include "store/search_query.hpp"

#include "gongwen/utf8.hpp"
#include "store/script_fold.hpp"

namespace gongwen {

namespace {

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000' || c == U'\u00A0';
}

}  // namespace

bool SearchTerm::indexed() const {
    return utf8::length(folded) >= 3;
}

std::vector<SearchTerm> parse_search_query(std::string_view query, const ScriptFold* fold) {
    if (!utf8::valid(query)) throw SearchQueryError("the search is not valid UTF-8");
    std::vector<std::string> words;
    std::string word;
    bool quoted = false;
    auto take = [&] {
        // A quoted run of spaces is no term.
        for (std::size_t p = 0; p < word.size();)
            if (!is_space(utf8::next(word, p))) {
                words.push_back(word);
                break;
            }
        word.clear();
    };
    for (std::size_t pos = 0; pos < query.size();) {
        const std::size_t begin = pos;
        const char32_t c = utf8::next(query, pos);
        if (c == U'"' || c == U'“' || c == U'”') {
            take();
            quoted = !quoted;
        } else if (!quoted && is_space(c)) {
            take();
        } else {
            word.append(query, begin, pos - begin);
        }
    }
    if (quoted) throw SearchQueryError("the search has an unclosed quote: " + std::string(query));
    take();
    if (words.empty()) throw SearchQueryError("nothing to search for: the search is empty");

    std::vector<SearchTerm> terms;
    for (auto& w : words) {
        SearchTerm t;
        t.typed = w;
        t.folded = fold ? fold->fold(w) : w;
        terms.push_back(std::move(t));
    }
    return terms;
}

}  // namespace gongwen
