#include "script_characters.hpp"

#include <opencc/DictEntry.hpp>
#include <opencc/Exception.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

#include "gongwen/utf8.hpp"
#include "shared_load.hpp"

namespace variant_convert {
namespace {

// Single-character entries of an OpenCC dictionary: character -> its candidates.
std::map<char32_t, std::vector<char32_t>> character_table(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw std::runtime_error("OpenCC dictionary " + file.string() +
                                 " not found (is the libopencc-data package installed?)");
    std::map<char32_t, std::vector<char32_t>> table;
    try {
        auto dict = opencc::SerializableDict::NewFromFile<opencc::MarisaDict>(file.string());
        for (const auto& entry : *dict->GetLexicon()) {
            const std::u32string key = gongwen::utf8::decode(entry->Key());
            if (key.size() != 1) continue;
            auto& candidates = table[key[0]];
            for (const std::string& value : entry->Values()) {
                const std::u32string v = gongwen::utf8::decode(value);
                if (v.size() == 1) candidates.push_back(v[0]);
            }
        }
    } catch (const opencc::Exception& e) {
        throw std::runtime_error("OpenCC dictionary " + file.string() + ": " + e.what());
    }
    return table;
}

// Characters the table always changes: none of their candidates is the character itself.
std::set<char32_t> always_changed(const std::map<char32_t, std::vector<char32_t>>& table) {
    std::set<char32_t> out;
    for (const auto& [cp, candidates] : table)
        if (!candidates.empty() &&
            std::find(candidates.begin(), candidates.end(), cp) == candidates.end())
            out.insert(cp);
    return out;
}

}  // namespace

std::shared_ptr<const ScriptCharacters> ScriptCharacters::load(
    const std::filesystem::path& opencc_dir) {
    const std::set<char32_t> hans =
        always_changed(character_table(opencc_dir / "STCharacters.ocd2"));
    const std::set<char32_t> hant =
        always_changed(character_table(opencc_dir / "TSCharacters.ocd2"));
    std::set<char32_t> regional;  // standard in Taiwan or Hong Kong
    for (const char* file : {"TWVariants.ocd2", "HKVariants.ocd2"})
        for (const auto& [cp, candidates] : character_table(opencc_dir / file))
            regional.insert(candidates.begin(), candidates.end());
    auto out = std::make_shared<ScriptCharacters>();
    for (char32_t cp : hans)
        if (!hant.count(cp) && !regional.count(cp)) out->hans.push_back(cp);
    for (char32_t cp : hant)
        if (!hans.count(cp)) out->hant.push_back(cp);
    return out;
}

std::shared_ptr<const ScriptCharacters> ScriptCharacters::shared(
    const std::filesystem::path& opencc_dir) {
    static SharedLoads<ScriptCharacters> loads;
    return loads.get(opencc_dir, [&] { return load(opencc_dir); });
}

}  // namespace variant_convert
