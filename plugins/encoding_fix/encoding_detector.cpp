#include "encoding_detector.hpp"

#include <uchardet.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "invalid_sequences.hpp"
#include "unchecked_spans.hpp"

namespace gongwen::encoding_fix {

namespace {

// ICU converters tried for each reported encoding; a file is read with the one that finds
// the fewest invalid sequences (Big5 with Hong Kong characters needs Big5-HKSCS).
const std::map<std::string, std::vector<std::string>>& icu_names() {
    static const std::map<std::string, std::vector<std::string>> names = {
        {"UTF-8", {"UTF-8"}},     {"UTF-16LE", {"UTF-16LE"}},       {"UTF-16BE", {"UTF-16BE"}},
        {"GB18030", {"GB18030"}}, {"Big5", {"Big5", "Big5-HKSCS"}},
    };
    return names;
}

// uchardet's name for what it saw, mapped to ours; empty when it is none of ours.
std::string from_uchardet(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(), ::toupper);
    if (name == "UTF-8" || name == "ASCII") return "UTF-8";
    if (name == "GB18030" || name == "GBK" || name == "GB2312" || name == "EUC-CN")
        return "GB18030";
    if (name == "BIG5" || name == "BIG5-HKSCS" || name == "CP950") return "Big5";
    if (name == "UTF-16LE" || name == "UTF-16BE") return name;
    return "";
}

std::string uchardet_guess(std::string_view bytes) {
    std::unique_ptr<std::remove_pointer_t<uchardet_t>, void (*)(uchardet_t)> detector(
        uchardet_new(), &uchardet_delete);
    // Its verdict settles within the first few kilobytes; the rest only costs time.
    const std::size_t n = std::min<std::size_t>(bytes.size(), 64 * 1024);
    if (uchardet_handle_data(detector.get(), bytes.data(), n) != 0) return "";
    uchardet_data_end(detector.get());
    const char* name = uchardet_get_charset(detector.get());
    return name ? name : "";
}

bool is_control(char32_t c) {
    if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return false;
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0);
}

std::string percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
    return buf;
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i)
        out += (i == 0 ? "" : i + 1 == v.size() ? " or " : ", ") + v[i];
    return out;
}

struct Bom {
    std::string_view bytes;
    const char* encoding;  // nullptr: a mark of something we do not read
};

// Longest first: the UTF-32LE mark begins with the UTF-16LE one.
constexpr Bom boms[] = {
    {std::string_view("\xFF\xFE\x00\x00", 4), nullptr},
    {std::string_view("\x00\x00\xFE\xFF", 4), nullptr},
    {"\x84\x31\x95\x33", "GB18030"},
    {"\xEF\xBB\xBF", "UTF-8"},
    {"\xFF\xFE", "UTF-16LE"},
    {"\xFE\xFF", "UTF-16BE"},
};

// uchardet's vote, in nats per scored character, shrinking as the text gets longer.
constexpr double uchardet_prior = 3.0;
// Statistics start on this many bytes, and stop growing the sample once the winner leads by
// this many standard errors (a chance of error far below one in a million).
constexpr std::size_t first_sample = 128;
constexpr double decisive_lead = 8.0;
// How far below ordinary Chinese an all-ASCII input read as UTF-16 may be and still be taken
// for UTF-16 (random ASCII read so scores far below: mostly rare characters).
constexpr double ascii_utf16_margin = 2.0;

}  // namespace

const std::vector<std::string>& supported_encodings() {
    static const std::vector<std::string> names = {"UTF-8", "GB18030", "Big5", "UTF-16LE",
                                                   "UTF-16BE"};
    return names;
}

EncodingDetector::EncodingDetector(const CharFrequency& frequency,
                                   const BinarySignatures& signatures, DetectorOptions options)
    : frequency_(frequency), signatures_(signatures), options_(std::move(options)) {
    if (options_.encodings.empty())
        throw std::invalid_argument("the list of encodings is empty; supported: " +
                                    join(supported_encodings()));
    for (const auto& [name, icu] : icu_names())
        for (const std::string& n : icu) charsets_[name].emplace_back(n);
    for (const std::string& e : options_.encodings)
        if (!charsets_.count(e))
            throw std::invalid_argument("'" + e + "' is not a supported encoding; supported: " +
                                        join(supported_encodings()));
}

EncodingDetector::Reading EncodingDetector::read(const std::string& encoding,
                                                 std::string_view bytes) {
    Reading best;
    std::size_t best_flaws = 0;
    bool first = true;
    // As in decode(): invalid sequences and private-use characters are the flaws compared.
    for (Charset& charset : charsets_.at(encoding)) {
        Charset::Decoded d = charset.decode(bytes);
        const std::size_t flaws =
            d.invalid + std::size_t(std::count_if(d.text.begin(), d.text.end(), is_private_use));
        if (!first && flaws >= best_flaws) continue;
        best.decoded = std::move(d);
        best_flaws = flaws;
        first = false;
        if (flaws == 0) break;
    }
    best.encoding = encoding;
    best.tally = frequency_.tally(best.decoded.text);
    best.controls =
        std::size_t(std::count_if(best.decoded.text.begin(), best.decoded.text.end(), is_control));
    return best;
}

void EncodingDetector::check_is_text(const Reading& best, std::string_view bytes) const {
    const double chars = double(std::max<std::size_t>(1, best.decoded.text.size()));
    const std::string as = " as " + best.encoding;
    if (best.decoded.invalid / chars > options_.max_invalid_share)
        throw NotText(percent(best.decoded.invalid / chars) + " invalid byte sequences even" + as +
                      ", the best of " + join(options_.encodings));
    if (best.controls / chars > options_.max_control_share) {
        const bool nul = bytes.find('\0') != std::string_view::npos;
        throw NotText(percent(best.controls / chars) + " control characters" + as +
                      (nul ? " (it contains NUL bytes: binary data)" : " (binary data?)"));
    }
}

std::optional<Detection> EncodingDetector::by_signature(std::string_view bytes) const {
    if (bytes.empty()) throw NotText("the file is empty");
    if (const auto format = signatures_.match(bytes)) throw NotText("it is " + *format);
    for (const Bom& bom : boms) {
        if (bytes.substr(0, bom.bytes.size()) != bom.bytes) continue;
        if (!bom.encoding)
            throw NotText("it is marked as UTF-32, which is not read (supported: " +
                          join(supported_encodings()) + ")");
        Detection d;
        d.encoding = bom.encoding;
        d.bom = true;
        d.bom_size = bom.bytes.size();
        d.proven = true;
        d.confidence = 1.0;
        return d;
    }
    return std::nullopt;
}

bool EncodingDetector::ascii_is_utf16(std::string_view bytes) {
    if (bytes.size() % 2 || bytes.size() < 4) return false;
    for (const char* name : {"UTF-16LE", "UTF-16BE"}) {
        if (std::find(options_.encodings.begin(), options_.encodings.end(), name) ==
            options_.encodings.end())
            continue;
        // Each code unit must be a CJK ideograph (U+4E00-U+7FFF: high byte 0x4E-0x7F) or CJK
        // punctuation (U+30xx); ASCII text is made of spaces, lower case and digits instead.
        const std::size_t high = name[6] == 'L' ? 1 : 0;
        bool plausible = true;
        for (std::size_t i = high; i < bytes.size() && plausible; i += 2) {
            const unsigned char b = static_cast<unsigned char>(bytes[i]);
            plausible = b == 0x30 || (b >= 0x4E && b < 0x80);
        }
        if (!plausible) continue;
        const Reading r = read(name, bytes);
        if (r.controls == 0 && r.tally.scored > 0 &&
            r.tally.mean() >= frequency_.typical() - ascii_utf16_margin)
            return true;
    }
    return false;
}

Detection EncodingDetector::by_statistics(std::string_view bytes) {
    Detection result;
    // uchardet's guess is a prior that matters only where the statistics are thin, so it is
    // asked only when they do not decide (short inputs, mostly).
    std::string hinted;
    bool consulted = false;
    const auto consult = [&] {
        // Its verdict settles within the first few kilobytes; the rest only costs time.
        result.uchardet =
            uchardet_guess(bytes.substr(0, std::min<std::size_t>(bytes.size(), 8192)));
        hinted = from_uchardet(result.uchardet);
        consulted = true;
    };
    std::vector<Reading> readings;
    const auto prior = [&](const Reading& r) {
        return r.encoding == hinted ? uchardet_prior / std::sqrt(1.0 + double(r.tally.scored))
                                    : 0.0;
    };
    const auto by_rank = [](const Reading& a, const Reading& b) { return a.rank > b.rank; };
    // Read a growing start of the input until the winner leads by far: a few hundred
    // characters of Chinese decide beyond doubt, and a long document costs no more.
    for (std::size_t n = first_sample;; n *= 4) {
        n = std::min(n, bytes.size());
        const std::string_view sample = bytes.substr(0, n - (n < bytes.size() ? n % 2 : 0));
        readings.clear();
        for (const std::string& e : options_.encodings) {
            if (e.rfind("UTF-16", 0) == 0 && bytes.size() % 2) continue;
            Reading r = read(e, sample);
            r.rank = r.tally.mean(frequency_.typical()) + prior(r);
            readings.push_back(std::move(r));
        }
        if (readings.empty())
            throw NotText("an odd number of bytes cannot be " + join(options_.encodings));
        std::stable_sort(readings.begin(), readings.end(), by_rank);
        if (readings.size() < 2) break;
        const auto decided = [&] {
            const double lead =
                (readings[0].rank - readings[1].rank) *
                std::sqrt(double(std::max<std::size_t>(1, readings[0].tally.scored)));
            return lead / 2.5 >= decisive_lead;
        };
        if (decided()) break;
        if (!consulted) {
            consult();
            for (Reading& r : readings) r.rank += prior(r);
            std::stable_sort(readings.begin(), readings.end(), by_rank);
            if (decided()) break;
        }
        if (n >= bytes.size()) break;
    }
    Reading& best = readings.front();
    const bool valid_utf8 = best.encoding == "UTF-8" && best.decoded.invalid == 0;
    check_is_text(best, bytes);

    // Confidence: how far the winner is ahead of the runner-up, in standard errors of the
    // per-character evidence (about 2.5 nats per character in ordinary text).
    double confidence = 1.0;
    if (readings.size() > 1) {
        const Reading& second = readings[1];
        result.runner_up = second.encoding;
        const double z = (best.rank - second.rank) *
                         std::sqrt(double(std::max<std::size_t>(1, best.tally.scored))) / 2.5;
        confidence = 1.0 / (1.0 + std::exp(-z));
    }
    if (valid_utf8) {
        // Legacy double-byte text is valid UTF-8 by chance with odds of about 1 in 5 per
        // character, so a run of valid multi-byte sequences is proof on its own.
        const auto multibyte = std::count_if(best.decoded.text.begin(), best.decoded.text.end(),
                                             [](char32_t c) { return c >= 0x80; });
        confidence = std::max(confidence, 1.0 - std::pow(0.2, double(multibyte)));
    }
    const double chars = double(std::max<std::size_t>(1, best.decoded.text.size()));
    confidence *= 1.0 - std::min(1.0, 2.0 * best.decoded.invalid / chars);
    if (!hinted.empty() && hinted != best.encoding) confidence *= 0.9;

    result.encoding = best.encoding;
    result.proven = valid_utf8;
    result.confidence = std::clamp(confidence, 0.0, 1.0);
    return result;
}

std::size_t EncodingDetector::decode(const std::string& encoding, std::string_view bytes,
                                     std::string& out, const std::uint8_t* stops,
                                     UncheckedSpans* unchecked) {
    std::size_t invalid = 0, flaws = 0;
    bool first = true;
    std::string attempt;
    UncheckedSpans attempt_unchecked;
    // Big5 with Hong Kong characters needs Big5-HKSCS: the converter with fewer errors wins.
    // Plain Big5 reads their bytes as private-use characters, not as errors, so those count.
    std::vector<Charset>& charsets = charsets_.at(encoding);
    for (Charset& charset : charsets) {
        std::size_t private_use = 0;
        const std::size_t n = charset.decode_to_utf8(
            bytes, first ? out : attempt, charsets.size() > 1 ? &private_use : nullptr, stops,
            unchecked && !first ? &attempt_unchecked : unchecked);
        if (charsets.size() == 1) return check_decoded(encoding, n, out);
        const std::size_t f = n + private_use;
        if (first || f < flaws) {
            if (!first) {
                out.swap(attempt);
                if (unchecked) std::swap(*unchecked, attempt_unchecked);
            }
            invalid = n;
            flaws = f;
            first = false;
        }
        if (flaws == 0) break;
    }
    return check_decoded(encoding, invalid, out);
}

std::size_t EncodingDetector::check_decoded(const std::string& encoding, std::size_t invalid,
                                            const std::string& out) const {
    if (invalid == 0) return 0;
    const std::size_t chars =
        std::max<std::size_t>(1, std::size_t(std::count_if(out.begin(), out.end(), [](char c) {
                                  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
                              })));
    if (double(invalid) / double(chars) > options_.max_invalid_share)
        throw NotText(percent(double(invalid) / double(chars)) +
                      " invalid byte sequences even as " + encoding + ", the best of " +
                      join(options_.encodings));
    return invalid;
}

}  // namespace gongwen::encoding_fix
