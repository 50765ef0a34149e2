#include "opencc_reference.hpp"

#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/DictGroup.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/MaxMatchSegmentation.hpp>

#include <map>
#include <mutex>

#include "gongwen/utf8.hpp"

namespace variant_convert::test {
namespace {

// Character -> what one conversion of the chain may write at its place.
using Writes = std::map<char32_t, std::set<char32_t>>;

struct Reference {
    opencc::ConverterPtr converter;
    std::vector<std::string> words;
    std::vector<Writes> chain;
};

void collect(const opencc::DictPtr& dict, Reference& ref, Writes* writes) {
    if (auto group = std::dynamic_pointer_cast<opencc::DictGroup>(dict)) {
        for (const auto& member : group->GetDicts()) collect(member, ref, writes);
        return;
    }
    for (const auto& entry : *dict->GetLexicon()) {
        ref.words.push_back(entry->Key());
        const std::u32string key = gongwen::utf8::decode(entry->Key());
        for (const std::string& value : entry->Values()) {
            ref.words.push_back(value);
            const std::u32string v = gongwen::utf8::decode(value);
            if (!writes || v.size() != key.size()) continue;
            for (std::size_t i = 0; i < v.size(); ++i) (*writes)[key[i]].insert(v[i]);
        }
    }
}

const Reference& reference(const std::string& config) {
    static std::mutex mutex;
    static std::map<std::string, Reference> loaded;
    std::lock_guard lock(mutex);
    auto [it, added] = loaded.try_emplace(config);
    if (added) {
        opencc::Config loader;
        it->second.converter = loader.NewFromFile("/usr/share/opencc/" + config + ".json");
        auto seg = std::dynamic_pointer_cast<opencc::MaxMatchSegmentation>(
            it->second.converter->GetSegmentation());
        collect(seg->GetDict(), it->second, nullptr);
        for (const auto& conversion :
             it->second.converter->GetConversionChain()->GetConversions()) {
            it->second.chain.emplace_back();
            collect(conversion->GetDict(), it->second, &it->second.chain.back());
        }
    }
    return it->second;
}

}  // namespace

std::string opencc_convert(const std::string& config, const std::string& text) {
    return reference(config).converter->Convert(text);
}

const std::vector<std::string>& opencc_words(const std::string& config) {
    return reference(config).words;
}

bool opencc_may_write(const std::string& config, char32_t original, char32_t converted) {
    // Each conversion of the chain keeps a character or writes one of its entries' characters.
    std::set<char32_t> reachable = {original};
    for (const Writes& writes : reference(config).chain) {
        std::set<char32_t> next = reachable;
        for (char32_t cp : reachable)
            if (auto it = writes.find(cp); it != writes.end())
                next.insert(it->second.begin(), it->second.end());
        reachable.swap(next);
    }
    return reachable.count(converted) != 0;
}

std::string random_text(const std::string& config, std::mt19937& rng, std::size_t tokens) {
    static const std::vector<std::string> others = {
        "，",  "。",   "、",  "“", "”", "（", "）", "\n", " ",  "\u3000",   "2021", "12.5%",
        "APP", "IPv6", "SQL", "U", "a", "·",  "—",  "《", "》", "\xC2\xA0", "𠮷",   "é"};
    const auto& words = opencc_words(config);
    std::string out;
    for (std::size_t i = 0; i < tokens; ++i) {
        const unsigned kind = rng() % 10;
        if (kind < 6) {
            out += words[rng() % words.size()];
        } else if (kind < 8) {
            // One character of a word: splits phrases, so that matches start mid-phrase.
            const std::u32string w = gongwen::utf8::decode(words[rng() % words.size()]);
            if (!w.empty()) gongwen::utf8::append(out, w[rng() % w.size()]);
        } else {
            out += others[rng() % others.size()];
        }
    }
    return out;
}

}  // namespace variant_convert::test
