#include "pattern_set.hpp"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <charconv>
#include <fstream>
#include <stdexcept>

#include "gongwen/utf8.hpp"

namespace section_split {

struct PatternSet::Pattern {
    enum class Anchor { anywhere, start, end, whole };
    Anchor anchor = Anchor::anywhere;
    std::u32string text;
    std::unique_ptr<icu::RegexPattern> regex;
    std::unique_ptr<icu::RegexMatcher> matcher;  // made once: creating one costs microseconds
    int weight = 1;
};

PatternSet::PatternSet() = default;
PatternSet::~PatternSet() = default;
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;

std::vector<DataLine> read_data_lines(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read data file " + file.string());
    std::vector<DataLine> out;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        std::size_t first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        if (!gongwen::utf8::valid(line))
            throw std::runtime_error(file.string() + ":" + std::to_string(number) +
                                     ": not valid UTF-8");
        out.push_back({line.substr(first), number});
    }
    return out;
}

void PatternSet::load(const std::filesystem::path& file, const CharFold& fold, bool weighted) {
    for (const DataLine& line : read_data_lines(file)) {
        const std::string where = file.string() + ":" + std::to_string(line.number);
        std::string text = line.text;
        auto pattern = std::make_unique<Pattern>();
        if (weighted) {
            const std::size_t space = text.find_last_of(" \t");
            int weight = 0;
            const char* end = text.data() + text.size();
            if (space == std::string::npos ||
                std::from_chars(text.data() + space + 1, end, weight).ptr != end || weight <= 0)
                throw std::runtime_error(where + ": expected a pattern and a positive weight");
            pattern->weight = weight;
            text.erase(text.find_last_not_of(" \t", space) + 1);
        }
        if (text.rfind("re:", 0) == 0) {
            // Only non-ASCII characters fold: lower-casing would turn \D into \d.
            std::u32string folded = gongwen::utf8::decode(text.substr(3));
            for (char32_t& c : folded)
                if (c >= 0x80) c = fold(c);
            UErrorCode status = U_ZERO_ERROR;
            UParseError parse{};
            icu::UnicodeString source =
                icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(folded.data()),
                                              static_cast<int32_t>(folded.size()));
            pattern->regex.reset(icu::RegexPattern::compile(source, 0, parse, status));
            if (U_FAILURE(status))
                throw std::runtime_error(where + ": bad regular expression (" +
                                         u_errorName(status) + ") at offset " +
                                         std::to_string(parse.offset));
            pattern->matcher.reset(pattern->regex->matcher(status));
            if (U_FAILURE(status))
                throw std::runtime_error(where + ": cannot use the regular expression (" +
                                         std::string(u_errorName(status)) + ")");
        } else {
            bool start = false, end = false;
            if (!text.empty() && text.front() == '^') {
                start = true;
                text.erase(0, 1);
            }
            if (!text.empty() && text.back() == '$') {
                end = true;
                text.pop_back();
            }
            pattern->text = fold.key(gongwen::utf8::decode(text));
            if (pattern->text.empty()) throw std::runtime_error(where + ": empty pattern");
            pattern->anchor = start && end ? Pattern::Anchor::whole
                              : start      ? Pattern::Anchor::start
                              : end        ? Pattern::Anchor::end
                                           : Pattern::Anchor::anywhere;
        }
        if (!pattern->regex && pattern->anchor == Pattern::Anchor::anywhere)
            by_first_[pattern->text.front()].push_back(patterns_.size());
        else
            others_.push_back(patterns_.size());
        patterns_.push_back(std::move(pattern));
    }
    counted_.assign(patterns_.size(), 0);
}

int PatternSet::score(std::u32string_view key) const {
    int total = 0;
    std::vector<std::size_t> hits;
    for (std::size_t i = 0; i < key.size(); ++i) {
        const auto bucket = by_first_.find(key[i]);
        if (bucket == by_first_.end()) continue;
        for (std::size_t k : bucket->second) {
            const std::u32string_view t = patterns_[k]->text;
            if (counted_[k] || key.substr(i, t.size()) != t) continue;
            counted_[k] = 1;
            hits.push_back(k);
            total += patterns_[k]->weight;
        }
    }
    for (std::size_t k : hits) counted_[k] = 0;

    icu::UnicodeString unicode;
    bool converted = false;
    for (std::size_t k : others_) {
        const Pattern& p = *patterns_[k];
        bool hit = false;
        if (p.regex) {
            if (!converted) {
                unicode = icu::UnicodeString::fromUTF32(
                    reinterpret_cast<const UChar32*>(key.data()), static_cast<int32_t>(key.size()));
                converted = true;
            }
            UErrorCode status = U_ZERO_ERROR;
            p.matcher->reset(unicode);
            hit = p.matcher->find(0, status) && U_SUCCESS(status);
        } else {
            const std::u32string_view t = p.text;
            switch (p.anchor) {
                case Pattern::Anchor::start:
                    hit = key.substr(0, t.size()) == t;
                    break;
                case Pattern::Anchor::end:
                    hit = key.size() >= t.size() && key.substr(key.size() - t.size()) == t;
                    break;
                case Pattern::Anchor::whole:
                    hit = key == t;
                    break;
                case Pattern::Anchor::anywhere:
                    break;
            }
        }
        if (hit) total += p.weight;
    }
    return total;
}

}  // namespace section_split
