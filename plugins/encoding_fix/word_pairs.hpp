// Pairs of Han characters that stand next to each other inside a dictionary word (矯正, 瑕疵,
// 錘鍊), where at least one of the two is rare. A rare character that forms such a pair with
// its neighbour is explained: it is part of a word, not of mojibake, whose characters are
// rare and in no particular order. Read from data/word_pairs.tsv.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace gongwen::encoding_fix {

class WordPairs {
  public:
    // One pair of characters per row; throws std::runtime_error naming the file and line.
    explicit WordPairs(const std::filesystem::path& file);

    bool contains(char32_t first, char32_t second) const;

  private:
    static std::uint64_t key(char32_t a, char32_t b) { return std::uint64_t(a) << 32 | b; }
    std::vector<std::uint64_t> pairs_;  // sorted
};

}  // namespace gongwen::encoding_fix
