// The rules metric_extract reads from its data files (plugins/metric_extract/data/, described
// in docs/metrics.md): what may follow a number, what qualifies it, what makes it a plan, a
// rank, a change or not a figure at all. Users extend them without recompiling.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "phrase_table.hpp"

namespace metric_extract {

struct UnitRule {
    std::string unit;  // normalized spelling for Metric::unit
    std::string kind;  // count, money, … or "none" (not a figure)
    double scale = 1.0;
    std::u32string not_before;  // the unit does not apply before these characters
};

enum class QualifierPosition { prefix, infix, suffix };
struct QualifierRule {
    std::string as;
    QualifierPosition position = QualifierPosition::prefix;
};

enum class PlanHeadingWhere { start, end, title };
enum class DirectionKind { up, down, level, filler };
enum class BasisKind { fixed, lead };
enum class RankKind { prefix, standing };
struct RankRule {
    RankKind kind = RankKind::prefix;
    double value = 0;
    std::string unit;
};
enum class ExclusionKind {
    term,
    name_suffix,
    identifier_prefix,
    identifier_suffix,
    hotline,
    after
};
// Subject boundary words; a word may be several kinds at once.
enum SubjectWordKind : unsigned { subject_verb = 1, subject_link = 2, subject_time = 4 };

struct Rules {
    PhraseTable<UnitRule> units;
    PhraseTable<QualifierRule> prefix_qualifiers, infix_qualifiers, suffix_qualifiers;
    PhraseTable<int> plan_words;
    PhraseTable<PlanHeadingWhere> plan_heading_start, plan_heading_end, plan_titles;
    PhraseTable<std::string> scopes;
    PhraseTable<DirectionKind> directions;
    PhraseTable<BasisKind> bases;
    PhraseTable<RankRule> rank_prefixes, rank_standings;
    PhraseTable<int> terms, name_suffixes, identifier_prefixes, identifier_suffixes, after_words;
    PhraseTable<int> hotlines;
    PhraseTable<unsigned> subject_words;
    PhraseTable<std::string> periods;  // relative period words: year, year-1, H1 …

    // Reads every rule file from `dir`, then, when given, the files of the same names found in
    // `extra_dir` on top (their entries add to or replace the defaults). Throws
    // std::runtime_error naming the file and line of anything it cannot read.
    static Rules load(const std::filesystem::path& dir,
                      const std::optional<std::filesystem::path>& extra_dir);
};

}  // namespace metric_extract
