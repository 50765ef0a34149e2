// The texts that encoding_fix's tests, accuracy evaluation and benchmark cut their samples from:
// the invented reports in tests/data/encoding_fix (source_*.txt) and, when it is present, the
// sample corpus, read at run time (nothing from the corpus is copied into the repository).
// Each text also comes in Traditional script (OpenCC s2tw), so that there is Big5 material
// from every report, as Traditional-script sites publish the same kind of text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::encoding_fix::testing {

struct SourceText {
    std::string name;  // file name, with "/hant" for the Traditional conversion
    std::string utf8;  // LF line endings, no BOM
    bool from_corpus = false;
};

// The fixture reports, then (if `with_corpus` and the corpus is there) the corpus reports; each
// followed by its Traditional conversion unless it already is Traditional.
const std::vector<SourceText>& source_texts(bool with_corpus);

// The fixture reports as files hold them, for the pass-through benchmarks; `quiet`: only those
// in which no line shows a damage sign (all but the Traditional one, whose 糾紛 and 鄰 the
// frequency table ranks rare).
std::vector<std::string> fixture_reports(bool quiet);

// `utf8` in `charset` (an ICU name), or nothing when a character has no mapping there.
std::optional<std::string> encode_strict(const char* charset, std::string_view utf8);

// `bytes` read as `charset` by ICU with its default substitution (U+FFFD, or U+001A for some
// single-byte charsets), as upstream software that does not check would; returns UTF-8.
std::string decode_lenient(const char* charset, std::string_view bytes);

// Lines (paragraphs) of `text` with surrounding white space (ASCII, NBSP, U+3000) removed,
// empty ones dropped.
std::vector<std::string> paragraphs(std::string_view text);

// `paragraph` cut after each sentence end (。！？；!?;).
std::vector<std::string> sentences(std::string_view paragraph);

// `sentence` cut at clause marks (，、：,: and brackets); with `keep_marks` each piece keeps the
// mark that ends it, so that the pieces add up to the sentence.
std::vector<std::string> clauses(std::string_view sentence, bool keep_marks = false);

// Number of Han characters in `utf8`.
std::size_t han_count(std::string_view utf8);

}  // namespace gongwen::encoding_fix::testing
