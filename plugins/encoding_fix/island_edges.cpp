#include "island_edges.hpp"

namespace gongwen::encoding_fix {

IslandEdges::IslandEdges(const CharFrequency& frequency, const WordPairs& words,
                         std::u32string_view text, bool preferred, double min_gain)
    : frequency_(frequency),
      words_(words),
      text_(text),
      preferred_(preferred),
      min_gain_(min_gain),
      typical_(frequency.typical()) {}

bool IslandEdges::shows_ordinary(const Island::Part& part) const {
    if (part.loss) return false;
    for (std::size_t m = part.start; m < part.end; ++m)
        if ((text_[m] < 0x3000 && !CharFrequency::prose_punctuation(text_[m])) ||
            frequency_.odd(text_[m]))
            return false;
    return true;
}

std::size_t IslandEdges::fixed_end(const Island& is, std::size_t k) {
    return k + 1 < is.parts.size() ? is.parts[k + 1].fixed_from : is.fixed.size();
}

bool IslandEdges::reads_as_signs(const Island& is, std::size_t k) const {
    for (std::size_t m = is.parts[k].fixed_from; m < fixed_end(is, k); ++m) {
        if (CharFrequency::is_han(is.fixed[m])) continue;
        const auto sc = frequency_.score_with_signs(is.fixed[m]);
        if (sc && *sc < typical_ - CharFrequency::odd_margin) return true;
    }
    return false;
}

void IslandEdges::add_shown(Tally& shows, const Island::Part& part) const {
    for (std::size_t m = part.start; m < part.end; ++m)
        if (const auto sc = frequency_.score_either(text_[m])) shows.sum += *sc, ++shows.scored;
}

bool IslandEdges::foreign(const Island& is, std::size_t k) const {
    const Island::Part& part = is.parts[k];
    if (!shows_ordinary(part)) return false;
    if (reads_as_signs(is, k)) return true;
    if (preferred_) return false;
    Tally reads, shows;
    for (std::size_t m = part.fixed_from; m < fixed_end(is, k); ++m) {
        const auto sc = CharFrequency::is_han(is.fixed[m])
                            ? frequency_.score_either(is.fixed[m])
                            : frequency_.score_with_signs(is.fixed[m]);
        if (sc) reads.sum += *sc, ++reads.scored;
    }
    add_shown(shows, part);
    return shows.mean(typical_) >= typical_ - common_margin &&
           reads.mean(typical_) < shows.mean(typical_) - min_gain_;
}

std::size_t IslandEdges::through_sign(const Island& is, bool from_end) const {
    const std::size_t n = is.parts.size();
    for (std::size_t k = 1; k < sign_reach && k + 1 < n; ++k) {
        const std::size_t at = from_end ? n - 1 - k : k;
        const std::size_t before = from_end ? at + 1 : at - 1;
        if (!shows_ordinary(is.parts[before])) return 0;
        if (shows_ordinary(is.parts[at]) && reads_as_signs(is, at)) return k + 1;
    }
    return 0;
}

std::size_t IslandEdges::after_sentence_end(const Island& is) const {
    const std::size_t n = is.parts.size();
    Tally reads, shows;
    for (std::size_t k = 1; k < sign_reach && k + 1 < n; ++k) {
        const Island::Part& part = is.parts[n - k];
        if (!shows_ordinary(part)) return 0;
        for (std::size_t m = part.fixed_from; m < fixed_end(is, n - k); ++m)
            if (const auto sc = frequency_.score_either(is.fixed[m]))
                reads.sum += *sc, ++reads.scored;
        add_shown(shows, part);
        const Island::Part& end = is.parts[n - k - 1];
        const std::u32string_view ends(is.fixed.data() + end.fixed_from,
                                       part.fixed_from - end.fixed_from);
        if (!shows_ordinary(end) && ends.size() == 1 &&
            std::u32string_view(U"。！？；").find(ends[0]) != std::u32string_view::npos &&
            shows.mean(typical_) >= typical_ - common_margin &&
            reads.mean(typical_) < shows.mean(typical_))
            return k;
    }
    return 0;
}

bool IslandEdges::word(const Island::Part& a, const Island::Part& b) const {
    return !a.loss && !b.loss && a.end - a.start == 1 && b.end - b.start == 1 && b.start == a.end &&
           words_.contains(text_[a.start], text_[b.start]);
}

void IslandEdges::cut_first(Island& is) {
    const std::size_t cut = is.parts[1].fixed_from;
    is.fixed.erase(0, cut);
    is.parts.erase(is.parts.begin());
    for (Island::Part& part : is.parts) part.fixed_from -= cut;
    is.start = is.parts[0].start;
}

void IslandEdges::cut_last(Island& is) {
    is.fixed.resize(is.parts.back().fixed_from);
    is.parts.pop_back();
    is.end = is.parts.back().end;
}

bool IslandEdges::trim(Island& is) const {
    const std::size_t parts = is.parts.size();
    while (is.parts.size() > 1) {
        if (!preferred_ && is.parts.size() > 2 && word(is.parts[0], is.parts[1]))
            cut_first(is), cut_first(is);
        else if (foreign(is, 0))
            cut_first(is);
        else if (const std::size_t k = through_sign(is, false))
            for (std::size_t c = 0; c < k; ++c) cut_first(is);
        else
            break;
    }
    while (is.parts.size() > 1) {
        const std::size_t n = is.parts.size();
        if (!preferred_ && n > 2 && word(is.parts[n - 2], is.parts[n - 1]))
            cut_last(is), cut_last(is);
        else if (foreign(is, n - 1))
            cut_last(is);
        else if (const std::size_t k = through_sign(is, true))
            for (std::size_t c = 0; c < k; ++c) cut_last(is);
        else if (const std::size_t k = after_sentence_end(is))
            for (std::size_t c = 0; c < k; ++c) cut_last(is);
        else
            break;
    }
    return is.parts.size() != parts;
}

}  // namespace gongwen::encoding_fix
