#include "detection_samples.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "source_texts.hpp"

namespace gongwen::encoding_fix::testing {

namespace {

constexpr std::size_t title_min = 15, title_max = 30;
constexpr std::size_t sentence_min = 40, sentence_max = 80;
// Fewer Han characters than this and a sample is mostly digits and Latin letters, which read
// the same in every candidate encoding: nothing to decide.
constexpr std::size_t min_han = 3;

// The longest run of whole clauses from the start of `sentence` that fits in `max` bytes of
// `encoding`, or the whole sentence if it fits.
std::string clause_prefix(const std::string& sentence, const std::string& encoding,
                          std::size_t max) {
    std::string prefix, best;
    for (const std::string& piece : clauses(sentence, true)) {
        prefix += piece;
        const auto bytes = encode_strict(encoding.c_str(), prefix);
        if (!bytes || bytes->size() > max) break;
        best = prefix;
    }
    return best;
}

}  // namespace

const char* length_name(Length length) {
    switch (length) {
        case Length::title:
            return "title (15-30 bytes)";
        case Length::sentence:
            return "sentence (40-80 bytes)";
        case Length::paragraph:
            return "paragraph (>80 bytes)";
        case Length::document:
            return "document";
    }
    return "?";
}

const std::vector<std::string>& sample_encodings() {
    static const std::vector<std::string> names = {"UTF-8", "GB18030", "Big5", "UTF-16LE",
                                                   "UTF-16BE"};
    return names;
}

std::vector<DetectionSample> detection_samples(bool with_corpus) {
    std::vector<DetectionSample> out;
    std::set<std::pair<std::string, std::string>> seen;  // encoding, bytes
    const auto add = [&](const std::string& text, const std::string& encoding, Length length,
                         const std::string& origin, std::size_t min, std::size_t max) {
        if (han_count(text) < min_han) return;
        const auto bytes = encode_strict(encoding.c_str(), text);
        if (!bytes || bytes->size() < min || bytes->size() > max) return;
        if (!seen.insert({encoding, *bytes}).second) return;
        out.push_back({*bytes, encoding, length, origin, text});
    };
    constexpr std::size_t unlimited = std::string::npos;
    for (const SourceText& source : source_texts(with_corpus)) {
        const std::vector<std::string> paras = paragraphs(source.utf8);
        for (const std::string& encoding : sample_encodings()) {
            add(source.utf8, encoding, Length::document, source.name, 0, unlimited);
            for (const std::string& p : paras) {
                add(p, encoding, Length::paragraph, source.name, sentence_max + 1, unlimited);
                add(p, encoding, Length::title, source.name, title_min, title_max);
                for (const std::string& s : sentences(p)) {
                    add(clause_prefix(s, encoding, sentence_max), encoding, Length::sentence,
                        source.name, sentence_min, sentence_max);
                    for (const std::string& c : clauses(s))
                        add(c, encoding, Length::title, source.name, title_min, title_max);
                }
            }
        }
    }
    return out;
}

std::string encoding_family(std::string name) {
    std::string key;
    for (char c : name)
        if (c != '-' && c != '_') key += char(std::toupper(static_cast<unsigned char>(c)));
    if (key == "UTF8" || key == "UTF8SIG") return "UTF-8";
    if (key == "GB2312" || key == "GBK" || key == "GB18030" || key == "EUCCN" || key == "CP936")
        return "GB";
    if (key == "BIG5" || key == "BIG5HKSCS" || key == "CP950") return "Big5";
    if (key == "UTF16" || key == "UTF16LE" || key == "UTF16BE") return "UTF-16";
    return key;
}

}  // namespace gongwen::encoding_fix::testing
