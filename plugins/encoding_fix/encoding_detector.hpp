// Decides which of the supported encodings a file is in, and decodes it.
//
// A byte order mark decides outright, and valid UTF-8 with a few multi-byte characters is
// UTF-8 (the plugin checks that while it reads the text: TextPipeline). Otherwise every
// candidate encoding decodes the start of the bytes and the reading that looks most like
// Chinese wins (CharFrequency), with uchardet's guess as a small prior for short inputs where
// the evidence is thin; the start grows until the winner is clear or the input is used up.
// What cannot be read in any candidate — a known binary format, too many invalid sequences or
// control characters — is refused with NotText and the reason. (Whether the winner reads as
// words at all is decided after mojibake repair, by the plugin.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "binary_signatures.hpp"
#include "char_frequency.hpp"
#include "charset.hpp"

namespace gongwen::encoding_fix {

// The input is not text in any supported encoding; what() is the reason, for "not text: …".
class NotText : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The encodings encoding_fix reports, in the order ties are broken.
const std::vector<std::string>& supported_encodings();

struct DetectorOptions {
    std::vector<std::string> encodings = supported_encodings();  // candidates without a BOM
    double max_invalid_share = 0.10;                             // of decoded characters
    double max_control_share = 0.02;                             // of decoded characters
};

struct Detection {
    std::string encoding;  // one of supported_encodings()
    double confidence = 0.0;
    bool bom = false;
    std::size_t bom_size = 0;
    // The bytes themselves prove the encoding (a byte order mark, ASCII, valid UTF-8), so the
    // text is text even if it does not look like Chinese.
    bool proven = false;
    std::string runner_up;  // the next best encoding, when there was a choice
    std::string uchardet;   // uchardet's guess (its own name for it), or empty
};

class EncodingDetector {
  public:
    // Throws std::invalid_argument naming an unsupported encoding in `options.encodings`.
    EncodingDetector(const CharFrequency& frequency, const BinarySignatures& signatures,
                     DetectorOptions options);

    // Throws NotText for an empty file, a known binary format, or a UTF-32 byte order mark;
    // returns the encoding a byte order mark names, if there is one.
    std::optional<Detection> by_signature(std::string_view bytes) const;

    // Whether bytes that are all ASCII are rather UTF-16 Chinese whose code units happen to be
    // ASCII bytes (全年 in UTF-16LE is "hQt^").
    bool ascii_is_utf16(std::string_view bytes);

    // Decides among the candidate encodings by statistics; throws NotText when even the best
    // reading has too many invalid sequences or control characters.
    Detection by_statistics(std::string_view bytes);

    // Decodes all of `bytes` in `encoding` into UTF-8 `out`; returns the number of invalid
    // sequences (now U+FFFD). Throws NotText when they are too many. With `unchecked`, as
    // Charset::decode_to_utf8.
    std::size_t decode(const std::string& encoding, std::string_view bytes, std::string& out,
                       const std::uint8_t* stops = nullptr, UncheckedSpans* unchecked = nullptr);

    const DetectorOptions& options() const { return options_; }

  private:
    struct Reading {
        std::string encoding;
        Charset::Decoded decoded;
        Tally tally;
        std::size_t controls = 0;
        double rank = 0.0;
    };
    Reading read(const std::string& encoding, std::string_view bytes);
    void check_is_text(const Reading& best, std::string_view bytes) const;
    // Throws NotText when `invalid` sequences are too many of the characters in `out`;
    // returns `invalid`.
    std::size_t check_decoded(const std::string& encoding, std::size_t invalid,
                              const std::string& out) const;

    const CharFrequency& frequency_;
    const BinarySignatures& signatures_;
    DetectorOptions options_;
    std::map<std::string, std::vector<Charset>> charsets_;  // ICU converters per encoding
};

}  // namespace gongwen::encoding_fix
