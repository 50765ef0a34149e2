// The form text is searched in: Traditional and regional variant characters folded to
// Simplified (復 複 → 复, 衞 → 卫) and full-width ASCII to ASCII (２０２１ → 2021), one code
// point for one code point. Both the index and the query are folded, so a search finds a term
// whatever script and variant characters it was stored or typed in, and a position in the
// folded text is the same position in the original.
//
// The character tables are OpenCC's (HKVariantsRev, TWVariantsRev, TSCharacters), read once
// per process from its data folder (/usr/share/opencc, or $GONGWEN_OPENCC_DIR).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace gongwen {

class ScriptFold {
  public:
    // The process-wide instance, loaded on first use (thread-safe; folding is read-only).
    static const ScriptFold& shared();

    explicit ScriptFold(const std::string& opencc_dir);

    std::string fold(std::string_view utf8) const;
    char32_t fold(char32_t c) const;
    // Empty when the tables loaded; otherwise why not (then only full-width forms fold).
    const std::string& warning() const { return warning_; }

  private:
    std::unordered_map<char32_t, char32_t> map_;
    std::string warning_;
};

}  // namespace gongwen
