// The damage signs as the plugin builds them from its shipped data files, for the tests and
// benchmarks that drive the scan (plain_run) and the signs without the chain.
#pragma once

#include <filesystem>

#include "char_frequency.hpp"
#include "damage_signs.hpp"
#include "test_paths.hpp"
#include "word_pairs.hpp"

namespace gongwen::encoding_fix::testing {

inline std::filesystem::path shipped_data() {
    return test::source_dir() / "plugins" / "encoding_fix" / "data";
}

inline const CharFrequency& shipped_frequency() {
    static const CharFrequency frequency = [] {
        CharFrequency f(shipped_data() / "char_frequency.tsv");
        f.add_simplified_forms(shipped_data() / "simplified_forms.tsv");
        return f;
    }();
    return frequency;
}

inline const DamageSigns& shipped_damage_signs() {
    static const WordPairs words(shipped_data() / "word_pairs.tsv");
    static const DamageSigns signs(shipped_frequency(), words, U"\uFFFD");
    return signs;
}

}  // namespace gongwen::encoding_fix::testing
