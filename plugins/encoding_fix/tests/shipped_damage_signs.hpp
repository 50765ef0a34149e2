// The damage signs as the plugin builds them from its shipped data files, for the tests and
// benchmarks that drive the scan (plain_run) without the chain.
#pragma once

#include <filesystem>

#include "char_frequency.hpp"
#include "damage_signs.hpp"
#include "test_paths.hpp"
#include "word_pairs.hpp"

namespace gongwen::encoding_fix::testing {

inline const DamageSigns& shipped_damage_signs() {
    const std::filesystem::path data = test::source_dir() / "plugins" / "encoding_fix" / "data";
    static const CharFrequency frequency(data / "char_frequency.tsv");
    static const WordPairs words(data / "word_pairs.tsv");
    static const DamageSigns signs(frequency, words, U"\uFFFD");
    return signs;
}

}  // namespace gongwen::encoding_fix::testing
