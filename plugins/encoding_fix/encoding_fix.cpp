// encoding_fix: the first stage of the chain. Detects the encoding of the raw bytes (UTF-8,
// UTF-16LE/BE, GB18030, Big5), decodes them, repairs mis-decoded spans (mojibake), counts
// characters lost upstream and hands on NFC text with LF line endings. Input that is not text
// fails with "not text: <reason>". Config keys and data files: README.md beside this file.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "encoding_detector.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/utf8.hpp"
#include "lost_characters.hpp"
#include "mojibake_repairer.hpp"
#include "text_cleanup.hpp"
#include "text_pipeline.hpp"

namespace gongwen::encoding_fix {

namespace {

double share_setting(ConfigTable& config, const std::string& key, double fallback) {
    const double v = config.get_double(key, fallback);
    if (!(v >= 0.0 && v <= 1.0))
        throw ConfigError(
            key, config.full_key(key) + " must be between 0 and 1, not " + std::to_string(v));
    return v;
}

DetectorOptions detector_options(ConfigTable& config) {
    DetectorOptions o;
    o.encodings = config.get_strings("encodings", supported_encodings());
    for (const std::string& e : o.encodings)
        if (std::find(supported_encodings().begin(), supported_encodings().end(), e) ==
            supported_encodings().end())
            throw ConfigError("encodings",
                              config.full_key("encodings") + ": '" + e +
                                  "' is not supported; use UTF-8, GB18030, Big5, UTF-16LE or "
                                  "UTF-16BE (GBK and GB2312 are read as GB18030)");
    if (o.encodings.empty())
        throw ConfigError("encodings", config.full_key("encodings") + " must not be empty");
    o.max_invalid_share = share_setting(config, "max_invalid_share", o.max_invalid_share);
    o.max_control_share = share_setting(config, "max_control_share", o.max_control_share);
    return o;
}

RepairOptions repair_options(ConfigTable& config) {
    RepairOptions o;
    o.min_gain = config.get_double("min_repair_gain", o.min_gain);
    if (!(o.min_gain > 0.0 && o.min_gain < 20.0))
        throw ConfigError("min_repair_gain",
                          config.full_key("min_repair_gain") + " must be between 0 and 20");
    return o;
}

// Character frequencies, and the Simplified forms that let repairs score Traditional text.
CharFrequency frequency_table(PluginSetup& setup) {
    CharFrequency f(
        setup.config.get_path("frequency_table", setup.data_dir / "char_frequency.tsv"));
    f.add_simplified_forms(
        setup.config.get_path("simplified_forms", setup.data_dir / "simplified_forms.tsv"));
    return f;
}

// Two decimals, without snprintf: every document gets one of these, and on a report of a
// few kB formatting it through stdio cost a tenth of the plugin's time.
std::string fixed2(double v) {
    // Nearly every UTF-8 report is read with a confidence of exactly 1.
    if (v == 1.0) return "1.00";
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    return std::string(buf, r.ptr);
}

class EncodingFix : public Plugin {
  public:
    explicit EncodingFix(PluginSetup& setup)
        : frequency_(frequency_table(setup)),
          signatures_(
              setup.config.get_path("binary_signatures", setup.data_dir / "binary_signatures.tsv")),
          detector_(frequency_, signatures_, detector_options(setup.config)),
          words_(setup.config.get_path("word_pairs", setup.data_dir / "word_pairs.tsv")),
          repairer_(frequency_, words_,
                    setup.config.get_path("mojibake_table", setup.data_dir / "mojibake.tsv"),
                    setup.config.get_path("lost_markers", setup.data_dir / "lost_markers.tsv"),
                    repair_options(setup.config)),
          min_confidence_(share_setting(setup.config, "min_confidence", 0.6)) {
        const std::vector<std::string> known = repairer_.kinds();
        const std::vector<std::string> kinds = setup.config.get_strings("repairs", known);
        for (const std::string& k : kinds)
            if (std::find(known.begin(), known.end(), k) == known.end()) {
                std::string list;
                for (const std::string& n : known) list += (list.empty() ? "" : ", ") + n;
                throw ConfigError("repairs", setup.config.full_key("repairs") + ": unknown kind '" +
                                                 k + "'; known: " + list);
            }
        repairer_.enable_only(kinds);
    }

    void process(Document& doc) override {
        Detection detection;
        std::optional<PipelineResult> result;
        std::size_t invalid = 0;
        try {
            const std::optional<Detection> marked = detector_.by_signature(doc.bytes);
            const std::string_view body =
                std::string_view(doc.bytes).substr(marked ? marked->bom_size : 0);
            if (!marked || marked->encoding == "UTF-8") {
                // Valid UTF-8 is read while it is checked; only when it is too short to prove
                // itself does it face the other encodings.
                result = run_pipeline(body, true);
                if (result) detection = utf8_detection(*result, marked, body);
                if (result && detection.encoding != "UTF-8") result.reset();
            }
            if (!result) {
                if (!detection.encoding.empty() && detection.encoding != "UTF-8") {
                    // by_statistics already chose among the candidates
                } else if (marked) {
                    detection = *marked;
                } else {
                    detection = detector_.by_statistics(body);
                }
                std::string decoded;
                UncheckedSpans unchecked;
                invalid = detector_.decode(
                    detection.encoding, body, decoded,
                    repairer_.signs().three_byte_stops(DamageSigns::Watch::ordinary), &unchecked);
                result = run_pipeline(decoded, false, &unchecked);
                if (!result)
                    throw std::logic_error("encoding_fix: ICU produced invalid UTF-8 from " +
                                           detection.encoding);
            }
            check_controls(*result, detection.encoding, doc.bytes);
        } catch (const NotText& e) {
            throw std::runtime_error(std::string("not text: ") + e.what());
        }
        if (!detection.proven) refuse_gibberish(result->text, detection.encoding);

        doc.encoding.detected = detection.encoding;
        doc.encoding.confidence = detection.confidence;
        doc.encoding.bom = detection.bom;
        doc.encoding.repairs = std::move(result->repairs);
        doc.encoding.lossy = result->lost.total();
        doc.original_text = std::move(result->text);
        doc.text = std::move(result->copy);
        diagnose(doc, detection, invalid, result->cleanup, result->lost);
        diagnose_repair_losses(doc, result->repair_losses);
    }

  private:
    // How valid UTF-8 is taken: proven by a byte order mark or by enough multi-byte
    // characters (legacy double-byte text is valid UTF-8 by chance with odds of about 1 in 5 per
    // character); pure ASCII is UTF-8 unless it reads as UTF-16 Chinese; a few multi-byte
    // characters are weighed against the other encodings.
    Detection utf8_detection(const PipelineResult& r, const std::optional<Detection>& marked,
                             std::string_view body) {
        if (marked) return *marked;
        Detection d;
        d.encoding = "UTF-8";
        d.proven = true;
        d.confidence = 1.0;
        if (r.multibyte == 0) {
            if (detector_.ascii_is_utf16(body)) return detector_.by_statistics(body);
        } else if (r.multibyte < multibyte_proof) {
            return detector_.by_statistics(body);
        } else if (r.multibyte < certain_multibyte) {
            d.confidence = 1.0 - std::pow(0.2, double(r.multibyte));
        }
        return d;
    }

    static constexpr std::size_t multibyte_proof = 4;
    // From here on 1 - 0.2^n rounds to 1.0 in double (0.2^30 is 1e-21); pow is not worth
    // calling for every report.
    static constexpr std::size_t certain_multibyte = 30;

    // One pass, and a second when one kind of damage marks the whole document.
    std::optional<PipelineResult> run_pipeline(std::string_view text, bool nul_is_foreign,
                                               const UncheckedSpans* unchecked = nullptr) {
        repairer_.start_document();
        std::optional<PipelineResult> first = pipeline_.run(text, nul_is_foreign, unchecked);
        if (!first) return first;
        const std::optional<std::string> kind = repairer_.dominant_kind();
        if (!kind) return first;
        repairer_.prefer(*kind);
        std::optional<PipelineResult> second = pipeline_.run(text, nul_is_foreign);
        repairer_.start_document();
        return second;
    }

    // Control characters are counted after repair: mojibake of Latin-1 decodings holds C1
    // controls that are bytes of Chinese characters, not binary data.
    void check_controls(const PipelineResult& r, const std::string& encoding,
                        std::string_view bytes) const {
        const double share =
            double(r.cleanup.controls) / double(std::max<std::size_t>(1, r.code_points));
        if (share <= detector_.options().max_control_share) return;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
        const bool nul = bytes.find('\0') != std::string_view::npos;
        throw NotText(std::string(buf) + " control characters as " + encoding +
                      (nul ? " (it contains NUL bytes: binary data)" : " (binary data?)"));
    }

    // Random bytes decode without error in GB18030 and Big5 but give characters almost no
    // text uses; ordinary Chinese, even a list of rare surnames, stays well above this.
    void refuse_gibberish(std::string_view text, const std::string& encoding) const {
        // The start decides, as in detection: a long text costs no more than a page.
        const std::string_view start = utf8_prefix(text, gibberish_sample);
        Tally t;
        for (std::size_t at = 0; at < start.size();)
            if (const auto score = frequency_.score(utf8::next(start, at)))
                t.sum += *score, ++t.scored;
        if (t.scored >= 32 && t.mean() < frequency_.typical() - gibberish_margin)
            throw std::runtime_error(
                "not text: no supported encoding reads it as words; the best, " + encoding +
                ", gives mostly characters no text uses (binary data?)");
    }

    static constexpr double gibberish_margin = 4.0;

    static std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
        if (text.size() <= max_bytes) return text;
        std::size_t n = max_bytes;
        while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
        return text.substr(0, n);
    }

    static constexpr std::size_t gibberish_sample = 1024;

    void diagnose(Document& doc, const Detection& d, std::size_t invalid, const Cleanup& cleanup,
                  const LostCharacters& lost) const {
        const auto note = [&](Severity s, std::string m) {
            doc.diagnose("encoding_fix", s, std::move(m));
        };
        // Every document gets this one: built in place, not through temporaries.
        std::string how;
        how.reserve(64);
        how += "decoded as ";
        how += d.encoding;
        if (d.bom) {
            how += " (byte order mark)";
        } else {
            how += " (confidence ";
            how += fixed2(d.confidence);
            if (!d.uchardet.empty()) how += ", uchardet: " + d.uchardet;
            how += ')';
        }
        note(Severity::info, std::move(how));
        if (d.confidence < min_confidence_)
            note(Severity::warning,
                 "encoding uncertain: read as " + d.encoding + " with confidence " +
                     fixed2(d.confidence) +
                     (d.runner_up.empty() ? "" : ", " + d.runner_up + " came close") +
                     "; check the text, or narrow [plugins.encoding_fix] encodings");
        if (invalid)
            note(Severity::warning, std::to_string(invalid) + " invalid byte sequence" +
                                        (invalid == 1 ? "" : "s") + " in the " + d.encoding +
                                        " input replaced with U+FFFD");
        if (!doc.encoding.repairs.empty()) {
            std::map<std::string, int> by_kind;
            for (const Repair& r : doc.encoding.repairs) ++by_kind[r.kind];
            std::string kinds;
            for (const auto& [k, n] : by_kind)
                kinds += (kinds.empty() ? "" : ", ") + k + " x" + std::to_string(n);
            note(Severity::warning,
                 "repaired " + std::to_string(doc.encoding.repairs.size()) + " mis-decoded span" +
                     (doc.encoding.repairs.size() == 1 ? "" : "s") + " (" + kinds + ")");
        }
        if (lost.total())
            note(Severity::warning,
                 std::to_string(lost.total()) + " character" + (lost.total() == 1 ? "" : "s") +
                     " lost before the file arrived (U+FFFD: " + std::to_string(lost.replacement) +
                     ", '?': " + std::to_string(lost.question_marks) +
                     "); counted in encoding.lossy, not restored");
        if (cleanup.controls)
            note(Severity::info, "removed " + std::to_string(cleanup.controls) +
                                     " control character" + (cleanup.controls == 1 ? "" : "s"));
        if (cleanup.boms)
            note(Severity::info, "removed " + std::to_string(cleanup.boms) + " byte order mark" +
                                     (cleanup.boms == 1 ? "" : "s") + " from inside the text");
        if (cleanup.composed) note(Severity::info, "normalised to Unicode NFC");
    }

    static std::string excerpt(const std::string& text) {
        constexpr std::size_t max_chars = 24;
        const std::u32string chars = utf8::decode(text);
        return chars.size() <= max_chars ? text : utf8::encode(chars.substr(0, max_chars)) + "…";
    }

    // Where a repair could not bring a character back, users need to know where to look: the
    // text there is incomplete, not wrong.
    static void diagnose_repair_losses(Document& doc, const std::vector<std::size_t>& losses) {
        constexpr std::size_t max_listed = 20;
        std::size_t listed = 0, unlisted = 0;
        for (std::size_t i = 0; i < losses.size() && i < doc.encoding.repairs.size(); ++i) {
            if (!losses[i]) continue;
            if (listed == max_listed) {
                ++unlisted;
                continue;
            }
            ++listed;
            const Repair& r = doc.encoding.repairs[i];
            doc.diagnose("encoding_fix", Severity::warning,
                         r.kind + " repair at " + std::to_string(r.start) + "-" +
                             std::to_string(r.end) + " («" + excerpt(r.original) + "» → «" +
                             excerpt(r.fixed) + "»): " + std::to_string(losses[i]) + " character" +
                             (losses[i] == 1 ? "" : "s") +
                             " lost for good, marked with U+FFFD or the '?' that stood there");
        }
        if (unlisted)
            doc.diagnose("encoding_fix", Severity::warning,
                         std::to_string(unlisted) + " more repairs lost characters for good");
    }

    CharFrequency frequency_;
    BinarySignatures signatures_;
    EncodingDetector detector_;
    WordPairs words_;
    MojibakeRepairer repairer_;
    TextPipeline pipeline_{repairer_};
    double min_confidence_;
};

}  // namespace

}  // namespace gongwen::encoding_fix

GONGWEN_PLUGIN(gongwen::encoding_fix::EncodingFix, "encoding_fix", "1.0.0",
               "Detects the encoding, decodes, repairs mojibake, counts lost characters")
