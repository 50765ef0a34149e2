// encoding_fix: the first stage of the chain. Detects the encoding of the raw bytes (UTF-8,
// UTF-16LE/BE, GB18030, Big5), decodes them, repairs mis-decoded spans (mojibake), counts
// characters lost upstream and hands on NFC text with LF line endings. Input that is not text
// fails with "not text: <reason>". Config keys and data files: README.md beside this file.
#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>

#include "encoding_detector.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/utf8.hpp"
#include "lost_characters.hpp"
#include "mojibake_repairer.hpp"
#include "text_cleanup.hpp"

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

std::string fixed2(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

std::string utf8_of(std::u32string_view s) {
    return utf8::encode(s);
}

class EncodingFix : public Plugin {
  public:
    explicit EncodingFix(PluginSetup& setup)
        : frequency_(
              setup.config.get_path("frequency_table", setup.data_dir / "char_frequency.tsv")),
          signatures_(
              setup.config.get_path("binary_signatures", setup.data_dir / "binary_signatures.tsv")),
          detector_(frequency_, signatures_, detector_options(setup.config)),
          repairer_(frequency_,
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
        try {
            detection = detector_.detect(doc.bytes);
        } catch (const NotText& e) {
            throw std::runtime_error(std::string("not text: ") + e.what());
        }
        std::u32string decoded = std::move(detection.text);
        normalize_line_endings(decoded);
        const std::vector<SpanFix> fixes = repairer_.find(decoded);

        // Clean each piece between repairs on its own, so repair offsets follow from lengths.
        Cleanup cleanup;
        std::u32string text;
        text.reserve(decoded.size());
        std::vector<Repair> repairs;
        std::size_t at = 0;
        for (const SpanFix& fix : fixes) {
            text += clean(std::u32string_view(decoded).substr(at, fix.start - at), cleanup);
            const std::u32string fixed = clean(fix.fixed, cleanup);
            repairs.push_back(
                {fix.kind, text.size(), text.size() + fixed.size(),
                 utf8_of(std::u32string_view(decoded).substr(fix.start, fix.end - fix.start)),
                 utf8_of(fixed)});
            text += fixed;
            at = fix.end;
        }
        text += clean(std::u32string_view(decoded).substr(at), cleanup);
        if (!detection.proven) refuse_gibberish(text, detection.encoding);
        const LostCharacters lost = count_lost(text);

        doc.encoding.detected = detection.encoding;
        doc.encoding.confidence = detection.confidence;
        doc.encoding.bom = detection.bom;
        doc.encoding.repairs = std::move(repairs);
        doc.encoding.lossy = lost.total();
        doc.original_text = utf8_of(text);
        doc.text = doc.original_text;
        diagnose(doc, detection, cleanup, lost);
    }

  private:
    // Random bytes decode without error in GB18030 and Big5 but give characters almost no
    // text uses; ordinary Chinese, even a list of rare surnames, stays well above this.
    void refuse_gibberish(std::u32string_view text, const std::string& encoding) const {
        const Tally t = frequency_.tally(text);
        if (t.scored >= 32 && t.mean() < frequency_.typical() - gibberish_margin)
            throw std::runtime_error(
                "not text: no supported encoding reads it as words; the best, " + encoding +
                ", gives mostly characters no text uses (binary data?)");
    }

    static constexpr double gibberish_margin = 4.0;

    void diagnose(Document& doc, const Detection& d, const Cleanup& cleanup,
                  const LostCharacters& lost) const {
        const auto note = [&](Severity s, const std::string& m) {
            doc.diagnose("encoding_fix", s, m);
        };
        std::string how =
            "decoded as " + d.encoding +
            (d.bom ? " (byte order mark)"
                   : " (confidence " + fixed2(d.confidence) +
                         (d.uchardet.empty() ? "" : ", uchardet: " + d.uchardet) + ")");
        note(Severity::info, how);
        if (d.confidence < min_confidence_)
            note(Severity::warning,
                 "encoding uncertain: read as " + d.encoding + " with confidence " +
                     fixed2(d.confidence) +
                     (d.runner_up.empty() ? "" : ", " + d.runner_up + " came close") +
                     "; check the text, or narrow [plugins.encoding_fix] encodings");
        if (d.invalid)
            note(Severity::warning, std::to_string(d.invalid) + " invalid byte sequence" +
                                        (d.invalid == 1 ? "" : "s") + " in the " + d.encoding +
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

    CharFrequency frequency_;
    BinarySignatures signatures_;
    EncodingDetector detector_;
    MojibakeRepairer repairer_;
    double min_confidence_;
};

}  // namespace

}  // namespace gongwen::encoding_fix

GONGWEN_PLUGIN(gongwen::encoding_fix::EncodingFix, "encoding_fix", "1.0.0",
               "Detects the encoding, decodes, repairs mojibake, counts lost characters")
