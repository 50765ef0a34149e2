// The characters of a single- and double-byte charset (GB18030's two-byte part, Big5) by
// their bytes, learnt once from ICU's converter, and how ICU reads the invalid sequences among
// them: the lead byte alone, or the lead and trail together, become one U+FFFD (counted as
// invalid), wherever that does not depend on the bytes that follow. Clean GB18030 and Big5
// text is made of nothing else, and neither is what the repairer and the detector make of
// text read in the wrong one of them; looking characters up in this table decodes it several
// times faster than the converter does. Whatever the table does not know (a four-byte GB18030
// character, a Big5-HKSCS pair that stands for two code points) makes it give up, and the
// caller decodes with ICU: the result is always ICU's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "unchecked_spans.hpp"

struct UConverter;

namespace gongwen::encoding_fix {

class PairTable {
  public:
    // Whether `converter` is a table-driven charset whose characters are one or two bytes
    // (ICU's MBCS/DBCS types); UTF-8 and the UTFs are not.
    static bool suits(UConverter* converter);
    // Learns every single byte and every lead/trail pair `converter` maps to one code point.
    explicit PairTable(UConverter* converter);

    // Appends the decoded text to `out` up to the first bytes the table does not know, and
    // returns how many bytes that was (all of them for most text); each invalid sequence
    // becomes U+FFFD and is counted in `invalid`, each private-use character in `private_use`.
    // Where `unchecked` is given, the table has learnt `stops` (learn_stops) and each character
    // above ASCII that is not a pair it decoded and found plain goes there.
    std::size_t append_utf8(std::string_view bytes, std::string& out, std::size_t& invalid,
                            std::size_t& private_use, UncheckedSpans* unchecked = nullptr) const;
    // Marks the pairs whose character `stops` (DamageSigns::three_byte_stops) says stops a run
    // of plain text; once per table of stops.
    void learn_stops(const std::uint8_t* stops);
    // Like append_utf8, with the byte offset each character starts at appended to `starts`,
    // and whether it was an invalid sequence to `broken`.
    std::size_t append_traced(std::string_view bytes, std::u32string& out,
                              std::vector<std::size_t>& starts, std::vector<bool>& broken) const;
    // Like append_utf8, but all or nothing: false, with `out` and `invalid` as they were, if
    // the table does not know every byte.
    bool append_utf32(std::string_view bytes, std::u32string& out, std::size_t& invalid) const;
    // Whether 0x0A is LF. In the ASCII-based double-byte charsets this table suits no
    // character's second byte is below 0x30, so after a line feed a decoder is back between
    // characters, whatever came before.
    bool newline_resets() const { return single_[0x0A] == U'\n'; }

    // The character of one byte on its own, and of a lead and trail byte together; `unknown`
    // where it is no character the table holds (an invalid sequence included).
    static constexpr char32_t unknown = 0xFFFFFFFF;
    char32_t single(unsigned char b) const { return single_[b]; }
    char32_t pair(unsigned char lead, unsigned char trail) const {
        const char32_t c = lead < 0x80 ? unknown : pairs_[std::size_t(lead - 0x80) * 256 + trail];
        return c < invalid_two ? c : unknown;
    }
    // Whether ICU reads the pair as an invalid sequence (of one byte or two), wherever it
    // stands; and a lone byte at the end of the input as one.
    bool invalid_pair(unsigned char lead, unsigned char trail) const {
        const char32_t c = lead < 0x80 ? unknown : pairs_[std::size_t(lead - 0x80) * 256 + trail];
        return c == invalid_one || c == invalid_two;
    }
    bool lone_invalid(unsigned char b) const { return lone_invalid_[b]; }

  private:
    // Entries of pairs_ that are not characters: ICU reads the lead byte alone as an invalid
    // sequence (and the trail byte afresh), or both bytes as one.
    static constexpr char32_t invalid_one = 0xFFFFFFFE;
    static constexpr char32_t invalid_two = 0xFFFFFFFD;
    // Learns how ICU reads the lead/trail pairs that are no character.
    void learn_invalid(UConverter* converter);
    // How many bytes were decoded, each character handed to `emit` with its length in bytes
    // and whether it was an invalid sequence (U+FFFD). A pair of bytes is first offered to
    // `take_pair` (lead, trail), which may deal with it itself and return true.
    template <typename Emit, typename TakePair>
    std::size_t walk(std::string_view bytes, Emit&& emit, TakePair&& take_pair) const;
    template <typename Emit>
    std::size_t walk(std::string_view bytes, Emit&& emit) const {
        return walk(bytes, emit, [](unsigned char, unsigned char) { return false; });
    }

    char32_t single_[256];
    // A byte that, last in the input, ICU reads as one invalid sequence (a cut lead byte).
    bool lone_invalid_[256] = {};
    std::vector<char32_t> pairs_;  // [(lead - 0x80) * 256 + trail]
    // As pairs_, the characters a document is made of (three bytes of UTF-8, not private use)
    // ready in UTF-8: the three bytes as they lie in memory, then a byte that is nonzero where
    // the character stops a run of plain text (learn_stops); 0 for the rest (a three-byte
    // character's first byte is never zero). Decoding to UTF-8 copies all four and keeps
    // three, the bulk of the work for GB18030 and Big5.
    std::vector<std::uint32_t> utf8_;
    const std::uint8_t* stops_learnt_ = nullptr;
};

}  // namespace gongwen::encoding_fix
