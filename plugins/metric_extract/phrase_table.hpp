// A set of short phrases (code point strings) with a value each, matched at a position of a
// text: the rule lists of metric_extract (units, qualifiers, plan words …) are all of this shape.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace metric_extract {

// Lets the tables be probed with views of the text, without building a string per probe.
struct PhraseHash {
    using is_transparent = void;
    std::size_t operator()(std::u32string_view s) const noexcept {
        return std::hash<std::u32string_view>{}(s);
    }
};
struct PhraseEqual {
    using is_transparent = void;
    bool operator()(std::u32string_view a, std::u32string_view b) const noexcept { return a == b; }
};

struct PhraseMatch {
    std::size_t start = 0;
    std::size_t end = 0;
    std::size_t value = 0;  // index into the table's values
};

template <class Value>
class PhraseTable {
  public:
    // A later entry for the same phrase replaces the earlier one, so that extra rule files can
    // redefine a default.
    void add(std::u32string phrase, Value value) {
        if (phrase.empty()) return;
        max_len_ = std::max(max_len_, phrase.size());
        firsts_.insert(phrase.front());
        lasts_.insert(phrase.back());
        auto [it, inserted] = index_.try_emplace(std::move(phrase), values_.size());
        if (inserted)
            values_.push_back(std::move(value));
        else
            values_[it->second] = std::move(value);
    }
    // Exceptions: an occurrence of a phrase that lies inside an occurrence of an exception
    // does not count.
    void add_exception(std::u32string phrase) {
        if (phrase.empty()) return;
        except_max_ = std::max(except_max_, phrase.size());
        exceptions_.emplace(std::move(phrase), 0);
    }

    bool empty() const { return values_.empty(); }
    const Value& value(std::size_t i) const { return values_[i]; }
    const Value& value(const PhraseMatch& m) const { return values_[m.value]; }

    // The longest phrase that starts at `pos` and ends at or before `end`.
    std::optional<PhraseMatch> longest_at(std::u32string_view text, std::size_t pos,
                                          std::size_t end) const {
        if (pos >= end || !firsts_.count(text[pos])) return std::nullopt;
        const std::size_t room = std::min(max_len_, end - pos);
        for (std::size_t len = room; len > 0; --len) {
            auto it = index_.find(text.substr(pos, len));
            if (it != index_.end() && !excepted(text, pos, pos + len))
                return PhraseMatch{pos, pos + len, it->second};
        }
        return std::nullopt;
    }

    // Every phrase that starts at `pos` (ending at or before `end`), longest first, until `f`
    // returns true; returns whether it did.
    template <class F>
    bool for_each_at(std::u32string_view text, std::size_t pos, std::size_t end, F f) const {
        if (pos >= end || !firsts_.count(text[pos])) return false;
        const std::size_t room = std::min(max_len_, end - pos);
        for (std::size_t len = room; len > 0; --len) {
            auto it = index_.find(text.substr(pos, len));
            if (it != index_.end() && !excepted(text, pos, pos + len) &&
                f(PhraseMatch{pos, pos + len, it->second}))
                return true;
        }
        return false;
    }

    // The longest phrase that ends at `pos` and starts at or after `begin`.
    std::optional<PhraseMatch> longest_ending_at(std::u32string_view text, std::size_t pos,
                                                 std::size_t begin) const {
        if (pos <= begin || !lasts_.count(text[pos - 1])) return std::nullopt;
        const std::size_t room = std::min(max_len_, pos - begin);
        for (std::size_t len = room; len > 0; --len) {
            auto it = index_.find(text.substr(pos - len, len));
            if (it != index_.end() && !excepted(text, pos - len, pos))
                return PhraseMatch{pos - len, pos, it->second};
        }
        return std::nullopt;
    }

    // The occurrence in [begin, end) that ends last (the longest of those ending there).
    std::optional<PhraseMatch> find_last(std::u32string_view text, std::size_t begin,
                                         std::size_t end) const {
        for (std::size_t pos = end; pos > begin; --pos)
            if (auto m = longest_ending_at(text, pos, begin)) return m;
        return std::nullopt;
    }

    // The occurrence in [begin, end) that starts first.
    std::optional<PhraseMatch> find_first(std::u32string_view text, std::size_t begin,
                                          std::size_t end) const {
        for (std::size_t pos = begin; pos < end; ++pos)
            if (auto m = longest_at(text, pos, end)) return m;
        return std::nullopt;
    }

  private:
    bool excepted(std::u32string_view text, std::size_t start, std::size_t end) const {
        if (exceptions_.empty()) return false;
        // An exception covering [start, end) begins at most except_max_ - (end - start) earlier.
        const std::size_t len = end - start;
        if (len > except_max_) return false;
        const std::size_t first = start >= except_max_ - len ? start - (except_max_ - len) : 0;
        for (std::size_t s = first; s <= start; ++s)
            for (std::size_t e = end; e <= std::min(text.size(), s + except_max_); ++e)
                if (exceptions_.count(text.substr(s, e - s))) return true;
        return false;
    }

    std::unordered_map<std::u32string, std::size_t, PhraseHash, PhraseEqual> index_;
    std::vector<Value> values_;
    std::size_t max_len_ = 0;
    std::unordered_set<char32_t> firsts_, lasts_;
    std::unordered_map<std::u32string, int, PhraseHash, PhraseEqual> exceptions_;
    std::size_t except_max_ = 0;
};

}  // namespace metric_extract
