// The characters that tell Simplified from Traditional text, taken from OpenCC's character
// tables: a character votes Hans when OpenCC's Simplified-to-Traditional table changes it to
// something else (发 -> 發/髮), and Hant when the Traditional-to-Simplified table does (發 -> 发).
// Characters that both tables keep as a choice (后, 干, 乾, 于) and Taiwan or Hong Kong standard
// forms that OpenCC's own Traditional writes otherwise (群 for 羣) do not vote.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

namespace variant_convert {

struct ScriptCharacters {
    std::vector<char32_t> hans;  // sorted
    std::vector<char32_t> hant;  // sorted

    // Reads STCharacters, TSCharacters, TWVariants and HKVariants (.ocd2) from `opencc_dir`;
    // throws std::runtime_error naming a file that is missing or unreadable.
    static std::shared_ptr<const ScriptCharacters> load(const std::filesystem::path& opencc_dir);
    static std::shared_ptr<const ScriptCharacters> shared(const std::filesystem::path& opencc_dir);
};

}  // namespace variant_convert
