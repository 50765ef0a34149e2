// One character set through ICU: decoding that counts what it had to replace, strict encoding,
// and decoding that remembers where each character came from (to realign damaged spans).
// An instance keeps its ICU converter, so it is for one thread at a time, like the plugin.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct UConverter;

namespace gongwen::encoding_fix {

class PairTable;
class UncheckedSpans;

class Charset {
  public:
    // `name` is an ICU converter name or alias ("UTF-8", "GB18030", "Big5", "windows-1252");
    // throws std::runtime_error when ICU does not know it.
    explicit Charset(std::string name);
    ~Charset();
    Charset(Charset&&) noexcept;
    Charset& operator=(Charset&&) noexcept;

    const std::string& name() const { return name_; }
    // Every character is one byte (Latin-1, Windows-1252).
    bool single_byte() const;
    // Whether the charset has bytes for `c` (U+FFFD never), learnt per BMP character on first
    // use; characters above the BMP are left to encode_prefix to find out.
    bool encodable(char32_t c) { return c >= 0x10000 || bytes_of(c) != no_bytes; }

    struct Decoded {
        std::u32string text;
        std::size_t invalid = 0;  // byte sequences that were not valid and became U+FFFD
    };
    Decoded decode(std::string_view bytes);

    // Like decode, with the byte offset each character starts at (`starts.size() ==
    // text.size()`); a character is `broken` when the bytes did not form a valid character.
    struct Traced {
        std::u32string text;
        std::vector<std::size_t> starts;
        std::vector<bool> broken;
    };
    Traced decode_traced(std::string_view bytes);

    // The bytes for `text`, or nothing when a character has no mapping. U+FFFD never maps:
    // it stands for bytes that are gone.
    std::optional<std::string> encode(std::u32string_view text);

    // The bytes for the longest start of `text` that has a mapping (U+FFFD never has), and the
    // byte offset each of its characters starts at (`starts.size()` characters were encoded).
    struct Encoded {
        std::string bytes;
        std::vector<std::size_t> starts;
    };
    Encoded encode_prefix(std::u32string_view text);

    // Whether `other` writes BMP character `c` with the bytes this charset writes it with (or
    // both lack it), each encoding character by character: text of such characters encodes the
    // same in both. False where either cannot tell (a character above the BMP, a four-byte form).
    bool writes_like(Charset& other, char32_t c) {
        if (!per_character() || !other.per_character() || c >= 0x10000) return false;
        if (c == 0xFFFD || (c >= 0xD800 && c < 0xE000)) return true;  // neither writes it
        const std::uint32_t mine = bytes_of(c);
        return mine != four_bytes && mine == other.bytes_of(c);
    }

    // The two bytes of BMP character `c` (the first in the high byte) where the charset
    // encodes character by character and writes `c` in two bytes; otherwise 0.
    std::uint16_t pair_bytes(char32_t c) {
        if (!per_character() || c >= 0x10000 || (c >= 0xD800 && c < 0xE000) || c == 0xFFFD)
            return 0;
        const std::uint32_t b = bytes_of(c);
        return b >> 24 == 2 ? std::uint16_t((b & 0xFF) << 8 | (b >> 8 & 0xFF)) : 0;
    }
    // The table that decodes the charset's one- and two-byte characters, learnt on first use;
    // null for charsets it does not suit (UTF-8, the UTF-16s).
    const PairTable* pair_table();

    // Decodes all of `bytes` into UTF-8, counting invalid sequences (each becomes U+FFFD).
    // `out` is replaced. This is how a whole document is read once its encoding is known.
    // Where `private_use` is given, the private-use characters (U+E000-U+F8FF) of the text
    // are counted there. Where `unchecked` is given, it is replaced by the spans of `out` whose
    // characters were not checked against `stops` (DamageSigns::three_byte_stops) and found
    // plain: all of it but for charsets the pair table decodes.
    std::size_t decode_to_utf8(std::string_view bytes, std::string& out,
                               std::size_t* private_use = nullptr,
                               const std::uint8_t* stops = nullptr,
                               UncheckedSpans* unchecked = nullptr);

    // The charsets decoded by loops of their own, exactly as ICU decodes them but without
    // its generic conversion loop (charset.cpp).
    enum class Own { none, utf8, utf16le, utf16be };

  private:
    // Hands the characters of `bytes` to `emit` (code point, byte it starts at, whether it is
    // an invalid sequence) where the charset is one of Own's; false where it is not.
    template <typename Emit>
    bool walk_own(std::string_view bytes, Emit&& emit) const;
    // A BMP character's bytes, learnt from ICU one character at a time on first use: up to
    // three, the first lowest, with their count in the top byte; or one of these.
    static constexpr std::uint32_t not_learnt = 0;
    static constexpr std::uint32_t no_bytes = 0xFE000000;    // the charset lacks it
    static constexpr std::uint32_t four_bytes = 0xFD000000;  // GB18030's four-byte forms
    std::uint32_t bytes_of(char32_t c) {
        if (!char_bytes_.empty() && char_bytes_[c] != not_learnt) return char_bytes_[c];
        return learn_bytes(c);
    }
    std::uint32_t learn_bytes(char32_t c);
    // Whether ICU encodes every character on its own, whatever its neighbours: true for the
    // stateless table charsets (GBK, Big5, Windows-125x) without mappings of character
    // sequences; encoding is then a lookup per character.
    bool per_character() const { return per_character_; }
    Encoded encode_all_it_can(std::u32string_view text);
    Encoded encode_by_character(std::u32string_view text);
    // ICU's decoding of `bytes` appended to `out`; returns the invalid sequences it replaced.
    std::size_t icu_to_utf8(std::string_view bytes, std::string& out);

    std::string name_;
    std::unique_ptr<UConverter, void (*)(UConverter*)> converter_;
    std::unique_ptr<UConverter, void (*)(UConverter*)> utf8_;  // for decode_to_utf8, on first use
    std::vector<std::uint32_t> char_bytes_;                    // by BMP character
    bool per_character_ = false;
    std::unique_ptr<PairTable> pairs_;
    bool pairs_learnt_ = false;
    Own own_ = Own::none;
};

}  // namespace gongwen::encoding_fix
