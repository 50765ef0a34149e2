#include "code_point_trie.hpp"

#include <algorithm>
#include <stdexcept>

#include "utf8_decoding.hpp"

namespace variant_convert {

CodePointTrie::CodePointTrie() : building_(1) {}

bool CodePointTrie::insert(std::string_view key, std::uint32_t value) {
    if (frozen_) throw std::logic_error("CodePointTrie::insert after freeze");
    if (key.empty()) return false;
    std::uint32_t node = 0;
    for (std::size_t pos = 0; pos < key.size();) {
        std::size_t length = 0;
        const char32_t cp = decode_validated(key.data() + pos, length);
        pos += length;
        auto [it, added] =
            building_[node].children.emplace(cp, static_cast<std::uint32_t>(building_.size()));
        node = it->second;
        if (added) building_.emplace_back();  // may move building_, so after the last use of it
    }
    if (building_[node].value != no_value) return false;
    building_[node].value = value;
    ++keys_;
    return true;
}

void CodePointTrie::freeze() {
    if (frozen_) return;
    const std::size_t n = building_.size();
    // A direct table only pays for its 256 KiB where the root has many children.
    if (building_[0].children.size() > 256) root_bmp_.assign(0x10000, 0);
    starts_key_.assign(0x10000 / 64, 0);
    first_child_.assign(n + 1, 0);
    value_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        first_child_[i] = static_cast<std::uint32_t>(child_cp_.size());
        value_[i] = building_[i].value;
        for (const auto& [cp, target] : building_[i].children) {
            child_cp_.push_back(cp);
            child_node_.push_back(target);
            if (i != 0 || cp >= 0x10000) continue;
            starts_key_[cp / 64] |= std::uint64_t{1} << (cp % 64);
            if (!root_bmp_.empty()) root_bmp_[cp] = target;
        }
    }
    first_child_[n] = static_cast<std::uint32_t>(child_cp_.size());
    building_.clear();
    building_.shrink_to_fit();
    frozen_ = true;
}

std::uint32_t CodePointTrie::child(std::uint32_t node, char32_t cp) const {
    const char32_t* begin = child_cp_.data() + first_child_[node];
    const char32_t* end = child_cp_.data() + first_child_[node + 1];
    if (end - begin <= 8) {
        for (const char32_t* it = begin; it != end; ++it)
            if (*it == cp) return child_node_[it - child_cp_.data()];
        return 0;
    }
    const char32_t* it = std::lower_bound(begin, end, cp);
    return it != end && *it == cp ? child_node_[it - child_cp_.data()] : 0;
}

CodePointTrie::Match CodePointTrie::longest_prefix(std::string_view text) const {
    Match best;
    if (text.empty() || !frozen_) return best;
    const char* p = text.data();
    const char* const end = p + text.size();
    std::size_t length = 0;
    const char32_t first = decode_validated(p, length);
    std::uint32_t node;
    if (first < 0x10000) {
        if ((starts_key_[first / 64] >> (first % 64) & 1) == 0) return best;
        node = root_bmp_.empty() ? child(0, first) : root_bmp_[first];
    } else {
        node = child(0, first);
    }
    if (node == 0) return best;
    p += length;
    std::size_t code_points = 1;
    for (;;) {
        if (value_[node] != no_value)
            best = {static_cast<std::size_t>(p - text.data()), code_points, value_[node]};
        if (p == end || first_child_[node] == first_child_[node + 1]) break;
        const char32_t cp = decode_validated(p, length);
        node = child(node, cp);
        if (node == 0) break;
        p += length;
        ++code_points;
    }
    return best;
}

std::size_t CodePointTrie::memory_bytes() const {
    return root_bmp_.capacity() * sizeof(std::uint32_t) +
           starts_key_.capacity() * sizeof(std::uint64_t) +
           first_child_.capacity() * sizeof(std::uint32_t) +
           child_cp_.capacity() * sizeof(char32_t) +
           child_node_.capacity() * sizeof(std::uint32_t) +
           value_.capacity() * sizeof(std::uint32_t);
}

}  // namespace variant_convert
