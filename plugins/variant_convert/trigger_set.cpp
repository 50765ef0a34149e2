#include "trigger_set.hpp"

#include <algorithm>

#include "gongwen/utf8.hpp"

namespace variant_convert {

void TriggerSet::add(const std::vector<Replacement>& replacements) {
    // Single characters first: they must be watched themselves, and then cover most phrases.
    for (const auto& [key, value] : replacements)
        if (key.size() == 1) characters_.insert(key[0]);
    for (const auto& [key, value] : replacements) {
        if (key.size() <= 1) continue;
        if (std::any_of(key.begin(), key.end(),
                        [&](char32_t cp) { return characters_.count(cp) != 0; }))
            continue;
        // A character that changes belongs to the source script and is rare in text that is
        // already converted; ASCII is common everywhere.
        std::size_t pick = key.size();
        for (std::size_t i = 0; i < key.size() && pick == key.size(); ++i)
            if (key[i] >= 0x80 && (i >= value.size() || key[i] != value[i])) pick = i;
        for (std::size_t i = 0; i < key.size() && pick == key.size(); ++i)
            if (key[i] >= 0x80) pick = i;
        if (pick == key.size()) pick = 0;
        phrases_[key[pick]].push_back(
            {gongwen::utf8::encode(key), gongwen::utf8::encode(key.substr(0, pick)).size()});
    }
}

std::vector<char32_t> TriggerSet::characters() const {
    std::vector<char32_t> out(characters_.begin(), characters_.end());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<char32_t> TriggerSet::phrase_characters() const {
    std::vector<char32_t> out;
    for (const auto& [cp, phrases] : phrases_)
        if (!characters_.count(cp)) out.push_back(cp);
    std::sort(out.begin(), out.end());
    return out;
}

bool TriggerSet::phrase_occurs_at(std::string_view text, std::size_t pos, char32_t cp) const {
    auto it = phrases_.find(cp);
    if (it == phrases_.end()) return false;
    for (const Phrase& phrase : it->second) {
        if (phrase.before > pos || pos - phrase.before + phrase.key.size() > text.size()) continue;
        if (text.compare(pos - phrase.before, phrase.key.size(), phrase.key) == 0) return true;
    }
    return false;
}

}  // namespace variant_convert
