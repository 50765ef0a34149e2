#include "lost_characters.hpp"

#include <algorithm>

#include "char_frequency.hpp"

namespace gongwen::encoding_fix {

namespace {

bool opening(char32_t c) {
    static constexpr std::u32string_view open = U"“‘（《【「『〔〈";
    return open.find(c) != std::u32string_view::npos;
}

bool chinese(char32_t c) {
    return CharFrequency::is_han(c) || (c >= 0x3000 && c < 0x3040) || (c >= 0xFF01 && c < 0xFF61) ||
           (c >= 0x2018 && c <= 0x201D);
}

}  // namespace

LostCharacters count_lost(std::u32string_view text,
                          const std::vector<std::pair<std::size_t, std::size_t>>& skip) {
    LostCharacters lost;
    lost.replacement = std::size_t(std::count(text.begin(), text.end(), U'\uFFFD'));
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '?') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && text[j] == '?') ++j;
        if (std::any_of(skip.begin(), skip.end(),
                        [&](const auto& r) { return i >= r.first && i < r.second; })) {
            i = j;
            continue;
        }
        const bool after_chinese = i > 0 && chinese(text[i - 1]);
        const bool before_chinese =
            j < text.size() && (CharFrequency::is_han(text[j]) || opening(text[j]));
        const bool near_chinese = after_chinese || (j < text.size() && chinese(text[j]));
        if ((after_chinese && before_chinese) || (j - i >= 3 && near_chinese))
            lost.question_marks += j - i;
        i = j;
    }
    return lost;
}

}  // namespace gongwen::encoding_fix
