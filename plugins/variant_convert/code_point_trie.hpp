// A dictionary of UTF-8 keys searched for the longest key that starts a text, walking one code
// point per step. OpenCC's phrase and character dictionaries and the user dictionary are
// compiled into these; a step costs one array load at the root and a short scan below it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

namespace variant_convert {

class CodePointTrie {
  public:
    static constexpr std::uint32_t no_value = UINT32_MAX;

    struct Match {
        std::size_t bytes = 0;        // 0: no key starts the text
        std::size_t code_points = 0;  // length of the key
        std::uint32_t value = no_value;
    };

    CodePointTrie();

    // Adds `key` (valid, non-empty UTF-8) with `value` unless the key is already there; returns
    // whether it was added. Only before freeze().
    bool insert(std::string_view key, std::uint32_t value);
    // Compacts the trie for lookups; insert() is no longer allowed.
    void freeze();

    // The longest key that is a prefix of `text` (valid UTF-8), or a Match with bytes == 0.
    Match longest_prefix(std::string_view text) const;

    std::size_t keys() const { return keys_; }
    std::size_t memory_bytes() const;

  private:
    std::uint32_t child(std::uint32_t node, char32_t cp) const;

    // While building: one map of children per node.
    struct BuildNode {
        std::map<char32_t, std::uint32_t> children;
        std::uint32_t value = no_value;
    };
    std::vector<BuildNode> building_;

    // Frozen: node 0 is the root; a node's children are child_cp_/child_node_ from
    // first_child_[n] to first_child_[n + 1], sorted by code point. In large tries the root's
    // children in the Basic Multilingual Plane are also in root_bmp_ (0: none), as that first
    // step is taken at every position of a text.
    std::vector<std::uint32_t> root_bmp_;
    // One bit per BMP code point that starts a key: most positions of a text start none, and
    // this answers for them from 8 KiB.
    std::vector<std::uint64_t> starts_key_;
    std::vector<std::uint32_t> first_child_;
    std::vector<char32_t> child_cp_;
    std::vector<std::uint32_t> child_node_;
    std::vector<std::uint32_t> value_;
    std::size_t keys_ = 0;
    bool frozen_ = false;
};

}  // namespace variant_convert
