// The damage reports suffer before they reach gongwen, done at test time to clean text the way
// the software upstream does it (ICU's decoders stand in for that software). Each class names
// the repair kind encoding_fix must report for it. Used by repair_test.cpp on spans of the
// fixture reports and the corpus, at title, sentence, paragraph and document length.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::encoding_fix::testing {

struct Damaged {
    std::string text;  // what the file holds in place of the span (UTF-8)
    // Every byte survived the damage: the span can come back exactly. Otherwise some
    // characters are gone for good; at most `destroyed` of them, each to come back as U+FFFD or
    // the '?' that already stands for it, and every other character exactly.
    bool lossless = true;
    std::size_t destroyed = 0;
};

struct DamageClass {
    std::string name;  // e.g. "utf8-as-gbk/windows-936": kind, then how
    std::string kind;  // the repair kind encoding_fix reports ("" for pure losses)
    // A damaged span, or nothing when the damage cannot happen to this text (a character the
    // charset lacks, nowhere to lose a byte) or leaves it unchanged.
    std::function<std::optional<Damaged>(std::string_view utf8)> apply;
    bool local = false;  // happens at one place (a lost byte), not to a whole document
};

const std::vector<DamageClass>& damage_classes();

}  // namespace gongwen::encoding_fix::testing
