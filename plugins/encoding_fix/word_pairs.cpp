#include "word_pairs.hpp"

#include <algorithm>

#include "char_frequency.hpp"
#include "gongwen/utf8.hpp"
#include "tsv_table.hpp"

namespace gongwen::encoding_fix {

WordPairs::WordPairs(const std::filesystem::path& file) {
    for (const TsvRow& row : read_tsv(file, 1)) {
        const std::u32string pair = utf8::decode(row.fields[0]);
        if (pair.size() != 2 || !CharFrequency::is_han(pair[0]) || !CharFrequency::is_han(pair[1]))
            throw tsv_error(file, row.line,
                            "expected two Han characters, found '" + row.fields[0] + "'");
        pairs_.push_back(key(pair[0], pair[1]));
    }
    std::sort(pairs_.begin(), pairs_.end());
    pairs_.erase(std::unique(pairs_.begin(), pairs_.end()), pairs_.end());
}

bool WordPairs::contains(char32_t first, char32_t second) const {
    return std::binary_search(pairs_.begin(), pairs_.end(), key(first, second));
}

}  // namespace gongwen::encoding_fix
