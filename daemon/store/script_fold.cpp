#include "store/script_fold.hpp"

#include <opencc/DictEntry.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "gongwen/utf8.hpp"

namespace gongwen {

namespace {

using CharMap = std::unordered_map<char32_t, char32_t>;

// The single-character entries of one OpenCC dictionary (first candidate of each).
void read_characters(const std::string& file, CharMap& into) {
    struct Close {
        void operator()(FILE* f) const { std::fclose(f); }
    };
    std::unique_ptr<FILE, Close> fp(std::fopen(file.c_str(), "rb"));
    if (!fp) throw std::runtime_error(file + ": cannot open (is libopencc-data installed?)");
    const auto dict = opencc::MarisaDict::NewFromFile(fp.get());
    for (const auto& entry : *dict->GetLexicon()) {
        const std::u32string key = utf8::decode(entry->Key());
        const std::u32string value = utf8::decode(entry->GetDefault());
        if (key.size() == 1 && value.size() == 1) into.emplace(key[0], value[0]);
    }
}

char32_t lookup(const CharMap& m, char32_t c) {
    const auto it = m.find(c);
    return it == m.end() ? c : it->second;
}

}  // namespace

const ScriptFold& ScriptFold::shared() {
    static const ScriptFold instance([] {
        const char* dir = std::getenv("GONGWEN_OPENCC_DIR");
        return std::string(dir && *dir ? dir : "/usr/share/opencc");
    }());
    return instance;
}

ScriptFold::ScriptFold(const std::string& opencc_dir) {
    try {
        CharMap variants;  // regional variant → OpenCC's standard Traditional
        read_characters(opencc_dir + "/HKVariantsRev.ocd2", variants);
        read_characters(opencc_dir + "/TWVariantsRev.ocd2", variants);
        CharMap simplified;  // Traditional → Simplified
        read_characters(opencc_dir + "/TSCharacters.ocd2", simplified);
        for (const auto& [from, to] : variants) map_[from] = lookup(simplified, to);
        for (const auto& [from, to] : simplified) map_.emplace(from, to);
    } catch (const std::exception& e) {
        map_.clear();
        warning_ = std::string("Traditional characters are not folded for search: ") + e.what();
    }
}

char32_t ScriptFold::fold(char32_t c) const {
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFF01 + 0x21;  // full-width ASCII
    if (c == 0x3000) return U' ';
    return lookup(map_, c);
}

std::string ScriptFold::fold(std::string_view s) const {
    std::string out;
    out.reserve(s.size());
    for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t begin = pos;
        const char32_t c = utf8::next(s, pos);
        const char32_t f = fold(c);
        if (f == c)
            out.append(s, begin, pos - begin);  // keeps even malformed bytes as they were
        else
            utf8::append(out, f);
    }
    return out;
}

}  // namespace gongwen
