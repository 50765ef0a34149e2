// OpenCC's conversion, run over OpenCC's own dictionaries compiled into code point tries.
//
// libopencc (1.1.6, Debian 12) loads the configuration and its dictionaries; this class then
// does what its Converter does, step for step, so that the output is the same:
//   1. segmentation: from the start of the text, the longest key of the segmentation
//      dictionary is one segment; characters where no key starts gather into one segment;
//   2. each conversion of the chain rewrites every segment on its own: from the segment's
//      start, the longest key of the first dictionary of the group that has one is replaced by
//      its first value, otherwise one character is copied;
// but a step of the tries is cheaper than libopencc's lookups, and the converter reports where
// each replacement went (OffsetPieces). Immutable after loading: one instance serves any
// number of threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "code_point_trie.hpp"
#include "offset_pieces.hpp"
#include "trigger_set.hpp"

namespace variant_convert {

class OpenccConverter {
  public:
    // Loads an OpenCC configuration file (e.g. /usr/share/opencc/t2s.json) and its
    // dictionaries; throws std::runtime_error naming the file and OpenCC's reason.
    static std::shared_ptr<const OpenccConverter> load(const std::filesystem::path& config);
    // The same, shared by every caller in the process that asks for the same file.
    static std::shared_ptr<const OpenccConverter> shared(const std::filesystem::path& config);

    // Appends the conversion of `text` (valid UTF-8) to `out` and its pieces to `pieces`.
    void convert(std::string_view text, std::string& out, OffsetPieces& pieces) const;

    // Code points found in any dictionary key. Elsewhere no key can match across a character,
    // so a text can be converted piece by piece between such characters with the same result.
    const std::vector<char32_t>& key_code_points() const { return key_code_points_; }
    // What to watch for in a text, as the conversion cannot change a text without it.
    const TriggerSet& triggers() const { return triggers_; }

    const std::string& name() const { return name_; }
    std::size_t entries() const { return entries_; }
    std::size_t memory_bytes() const;

  private:
    struct Value {
        std::uint32_t offset = 0;  // in values_
        std::uint32_t bytes = 0;
        std::uint32_t code_points = 0;
    };
    // A libopencc dictionary group, flattened: the first dictionary with a match decides.
    using Group = std::vector<const CodePointTrie*>;

    OpenccConverter() = default;
    CodePointTrie::Match match(const Group& group, std::string_view text) const;
    void convert_segment(std::string_view segment, std::string& out, OffsetPieces& pieces) const;
    void apply(const Group& group, std::string_view text, std::string& out,
               OffsetPieces& pieces) const;

    std::string name_;
    std::vector<std::unique_ptr<CodePointTrie>> tries_;
    std::string values_;
    std::vector<Value> value_index_;
    Group segmentation_;
    std::vector<Group> chain_;
    std::vector<char32_t> key_code_points_;
    TriggerSet triggers_;
    std::size_t entries_ = 0;

    friend class OpenccConverterBuilder;
};

}  // namespace variant_convert
