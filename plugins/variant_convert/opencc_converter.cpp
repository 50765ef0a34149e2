#include "opencc_converter.hpp"

#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/DictGroup.hpp>
#include <opencc/Exception.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/MaxMatchSegmentation.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>

#include "gongwen/utf8.hpp"
#include "shared_load.hpp"
#include "utf8_decoding.hpp"

namespace variant_convert {

// Compiles libopencc's loaded dictionaries into the converter's tries, once per dictionary
// even where the configuration uses it twice (segmentation and conversion).
class OpenccConverterBuilder {
  public:
    explicit OpenccConverterBuilder(OpenccConverter& converter)
        : converter_(converter), is_key_(0x110000) {}

    void add_segmentation(const opencc::DictPtr& dict) {
        flatten(dict, converter_.segmentation_, false);
    }
    void add_conversion(const opencc::DictPtr& dict) {
        converter_.chain_.emplace_back();
        flatten(dict, converter_.chain_.back(), true);
    }
    void finish() {
        for (char32_t cp = 0; cp < 0x110000; ++cp)
            if (is_key_[cp]) converter_.key_code_points_.push_back(cp);
        std::vector<Replacement> replacements;
        for (const Compiled* compiled : converting_)
            replacements.insert(replacements.end(), compiled->replacements.begin(),
                                compiled->replacements.end());
        converter_.triggers_.add(replacements);
    }

  private:
    struct Compiled {
        const CodePointTrie* trie = nullptr;
        std::vector<Replacement> replacements;  // entries whose value differs from the key
    };

    void flatten(const opencc::DictPtr& dict, OpenccConverter::Group& group, bool converts) {
        if (auto inner = std::dynamic_pointer_cast<opencc::DictGroup>(dict)) {
            for (const auto& member : inner->GetDicts()) flatten(member, group, converts);
            return;
        }
        const Compiled& compiled = compile(*dict);
        group.push_back(compiled.trie);
        // Segmentation alone changes nothing; only what a conversion replaces needs watching.
        if (converts &&
            std::find(converting_.begin(), converting_.end(), &compiled) == converting_.end())
            converting_.push_back(&compiled);
    }

    const Compiled& compile(const opencc::Dict& dict) {
        auto [it, added] = compiled_.try_emplace(&dict);
        if (!added) return it->second;
        auto trie = std::make_unique<CodePointTrie>();
        for (const auto& entry : *dict.GetLexicon()) {
            const std::string key = entry->Key();
            if (key.empty() || !gongwen::utf8::valid(key)) continue;
            const std::string value = entry->GetDefault();
            if (!gongwen::utf8::valid(value)) continue;
            if (converter_.values_.size() + value.size() >
                std::numeric_limits<std::uint32_t>::max())
                throw std::runtime_error("OpenCC dictionaries too large");
            const auto id = static_cast<std::uint32_t>(converter_.value_index_.size());
            // A key that libopencc lists twice matches its first entry, as in libopencc.
            if (!trie->insert(key, id)) continue;
            const std::u32string k = gongwen::utf8::decode(key);
            const std::u32string v = gongwen::utf8::decode(value);
            converter_.value_index_.push_back(
                {static_cast<std::uint32_t>(converter_.values_.size()),
                 static_cast<std::uint32_t>(value.size()), static_cast<std::uint32_t>(v.size())});
            converter_.values_ += value;
            ++converter_.entries_;
            for (char32_t cp : k) is_key_[cp] = true;
            if (k != v) it->second.replacements.emplace_back(k, v);
        }
        trie->freeze();
        it->second.trie = trie.get();
        converter_.tries_.push_back(std::move(trie));
        return it->second;
    }

    OpenccConverter& converter_;
    std::map<const opencc::Dict*, Compiled> compiled_;
    std::vector<const Compiled*> converting_;
    std::vector<bool> is_key_;
};

std::shared_ptr<const OpenccConverter> OpenccConverter::load(const std::filesystem::path& config) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(config, ec))
        throw std::runtime_error("OpenCC configuration " + config.string() +
                                 " not found (is the libopencc-data package installed?)");
    std::shared_ptr<OpenccConverter> converter(new OpenccConverter);
    converter->name_ = config.stem().string();
    try {
        opencc::Config loader;
        const opencc::ConverterPtr loaded = loader.NewFromFile(config.string());
        auto segmentation =
            std::dynamic_pointer_cast<opencc::MaxMatchSegmentation>(loaded->GetSegmentation());
        if (!segmentation)
            throw std::runtime_error("its segmentation is not \"mmseg\", the only kind supported");
        OpenccConverterBuilder builder(*converter);
        builder.add_segmentation(segmentation->GetDict());
        for (const auto& conversion : loaded->GetConversionChain()->GetConversions())
            builder.add_conversion(conversion->GetDict());
        builder.finish();
    } catch (const opencc::Exception& e) {
        throw std::runtime_error("OpenCC configuration " + config.string() + ": " + e.what());
    } catch (const std::exception& e) {
        throw std::runtime_error("OpenCC configuration " + config.string() + ": " + e.what());
    }
    return converter;
}

std::shared_ptr<const OpenccConverter> OpenccConverter::shared(
    const std::filesystem::path& config) {
    static SharedLoads<OpenccConverter> loads;
    return loads.get(config, [&] { return load(config); });
}

CodePointTrie::Match OpenccConverter::match(const Group& group, std::string_view text) const {
    for (const CodePointTrie* trie : group) {
        const CodePointTrie::Match m = trie->longest_prefix(text);
        if (m.bytes != 0) return m;
    }
    return {};
}

void OpenccConverter::convert(std::string_view text, std::string& out, OffsetPieces& pieces) const {
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* unmatched = begin;  // start of the segment of characters no key starts
    const char* p = begin;
    while (p < end) {
        const CodePointTrie::Match m = match(segmentation_, {p, static_cast<std::size_t>(end - p)});
        if (m.bytes == 0) {
            p += sequence_length(static_cast<unsigned char>(*p));
            continue;
        }
        if (unmatched < p) convert_segment({unmatched, p}, out, pieces);
        convert_segment({p, m.bytes}, out, pieces);
        p += m.bytes;
        unmatched = p;
    }
    if (unmatched < end) convert_segment({unmatched, end}, out, pieces);
}

void OpenccConverter::convert_segment(std::string_view segment, std::string& out,
                                      OffsetPieces& pieces) const {
    if (chain_.size() == 1) {
        apply(chain_.front(), segment, out, pieces);
        return;
    }
    // Later conversions see the segment as the earlier ones left it, and only that segment.
    std::string current(segment), next;
    OffsetPieces current_pieces, next_pieces;
    current_pieces.keep(count_code_points(segment.data(), segment.data() + segment.size()));
    for (const Group& group : chain_) {
        next.clear();
        next_pieces.clear();
        apply(group, current, next, next_pieces);
        current_pieces = OffsetPieces::compose(current_pieces, next_pieces);
        current.swap(next);
    }
    out += current;
    pieces.append(current_pieces);
}

void OpenccConverter::apply(const Group& group, std::string_view text, std::string& out,
                            OffsetPieces& pieces) const {
    const char* const end = text.data() + text.size();
    const char* copied = text.data();  // everything before it is in `out`
    const char* p = text.data();
    while (p < end) {
        const CodePointTrie::Match m = match(group, {p, static_cast<std::size_t>(end - p)});
        if (m.bytes == 0) {
            p += sequence_length(static_cast<unsigned char>(*p));
            continue;
        }
        if (copied < p) {
            out.append(copied, p);
            pieces.keep(count_code_points(copied, p));
        }
        const Value& value = value_index_[m.value];
        out.append(values_.data() + value.offset, value.bytes);
        pieces.replace(m.code_points, value.code_points);
        p += m.bytes;
        copied = p;
    }
    if (copied < end) {
        out.append(copied, end);
        pieces.keep(count_code_points(copied, end));
    }
}

std::size_t OpenccConverter::memory_bytes() const {
    std::size_t bytes = values_.capacity() + value_index_.capacity() * sizeof(Value) +
                        key_code_points_.capacity() * sizeof(char32_t);
    for (const auto& trie : tries_) bytes += trie->memory_bytes();
    return bytes;
}

}  // namespace variant_convert
