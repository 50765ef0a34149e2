#include "user_dictionary.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>

#include "gongwen/utf8.hpp"

namespace variant_convert {

UserDictionary UserDictionary::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("user dictionary " + file.string() + ": cannot be read");
    std::vector<Entry> entries;
    std::map<std::string, std::size_t> line_of;  // `from` -> line that defined it
    std::string line;
    std::size_t number = 0;
    auto fail = [&](const std::string& why) {
        throw std::runtime_error("user dictionary " + file.string() + ":" + std::to_string(number) +
                                 ": " + why);
    };
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        if (!gongwen::utf8::valid(line)) fail("not valid UTF-8");
        const std::size_t tab = line.find('\t');
        if (tab == std::string::npos) fail("expected `from<TAB>to`, found no tab");
        if (line.find('\t', tab + 1) != std::string::npos)
            fail("expected `from<TAB>to`, found more than one tab");
        Entry entry{line.substr(0, tab), line.substr(tab + 1), 0};
        if (entry.from.empty()) fail("empty `from`");
        if (entry.to.empty()) fail("empty `to`");
        auto [it, added] = line_of.emplace(entry.from, number);
        if (!added)
            fail("\"" + entry.from + "\" is already defined on line " + std::to_string(it->second));
        entries.push_back(std::move(entry));
    }
    if (in.bad()) throw std::runtime_error("user dictionary " + file.string() + ": read error");
    return from_entries(std::move(entries));
}

UserDictionary UserDictionary::from_entries(std::vector<Entry> entries) {
    UserDictionary dictionary;
    dictionary.trie_ = CodePointTrie();
    dictionary.entries_ = std::move(entries);
    for (std::size_t i = 0; i < dictionary.entries_.size(); ++i) {
        Entry& entry = dictionary.entries_[i];
        entry.to_code_points = gongwen::utf8::length(entry.to);
        dictionary.trie_.insert(entry.from, static_cast<std::uint32_t>(i));
    }
    dictionary.trie_.freeze();
    return dictionary;
}

std::vector<char32_t> UserDictionary::key_code_points() const {
    std::vector<char32_t> out;
    for (const Entry& entry : entries_)
        for (char32_t cp : gongwen::utf8::decode(entry.from)) out.push_back(cp);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<Replacement> UserDictionary::replacements() const {
    std::vector<Replacement> out;
    for (const Entry& entry : entries_)
        if (entry.from != entry.to)
            out.emplace_back(gongwen::utf8::decode(entry.from), gongwen::utf8::decode(entry.to));
    return out;
}

}  // namespace variant_convert
