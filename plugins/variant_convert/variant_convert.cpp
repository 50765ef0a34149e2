// variant_convert: detects a document's script (Simplified, Traditional, mixed) and converts
// its text to one configured script with OpenCC, phrase by phrase, keeping a map from every
// position of the converted text back to the original. See README.md.
#include <memory>
#include <stdexcept>
#include <string>

#include "code_point_classes.hpp"
#include "document_conversion.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/utf8.hpp"
#include "opencc_converter.hpp"
#include "script_characters.hpp"
#include "user_dictionary.hpp"
#include "variant_config.hpp"

namespace variant_convert {
namespace {

class VariantConvert : public gongwen::Plugin {
  public:
    explicit VariantConvert(gongwen::PluginSetup& setup)
        : name_(setup.name), config_(VariantConfig::read(setup)) {
        scripts_ = ScriptCharacters::shared(config_.opencc_data_dir);
        classes_.add(scripts_->hans, CodePointClasses::hans);
        classes_.add(scripts_->hant, CodePointClasses::hant);
        if (config_.opencc_config) {
            converter_ = OpenccConverter::shared(*config_.opencc_config);
            classes_.add(converter_->key_code_points(), CodePointClasses::in_key);
            triggers_ = converter_->triggers();
        }
        if (config_.user_dictionary) {
            user_ = UserDictionary::load(*config_.user_dictionary);
            classes_.add(user_.key_code_points(), CodePointClasses::in_key);
            triggers_.add(user_.replacements());
        }
        classes_.add(triggers_.characters(), CodePointClasses::triggers);
        classes_.add(triggers_.phrase_characters(), CodePointClasses::phrase);
    }

    void process(gongwen::Document& doc) override {
        if (doc.text.empty() && !doc.original_text.empty()) doc.text = doc.original_text;
        DocumentConversion result;
        try {
            result = convert_document(doc.text, classes_, triggers_, converter_.get(), &user_);
        } catch (const InvalidUtf8& e) {
            throw std::runtime_error(std::string(e.what()) +
                                     ": variant_convert needs decoded text (is encoding_fix "
                                     "before it in the chain?)");
        }
        record_script(doc, result.votes);
        if (!converter_) return;
        doc.script.converted_to = config_.target;
        if (!result.changed) return;

        // Text that arrived already differing from original_text keeps its own map under ours.
        if (doc.offset_map.empty() && doc.text == doc.original_text) {
            doc.offset_map = result.pieces.to_offset_map();
        } else {
            const auto before =
                OffsetPieces::from_offset_map(doc.offset_map, gongwen::utf8::length(doc.text));
            doc.offset_map = OffsetPieces::compose(before, result.pieces).to_offset_map();
        }
        doc.text = std::move(result.text);
    }

  private:
    void record_script(gongwen::Document& doc, const ScriptVotes& votes) const {
        const std::size_t deciding = votes.hans + votes.hant;
        if (deciding == 0) {
            doc.script.detected = "none";
            doc.script.share = 0.0;
            return;
        }
        const bool hant = votes.hant > votes.hans;
        const double share = static_cast<double>(hant ? votes.hant : votes.hans) / deciding;
        doc.script.share = share;
        if (share >= config_.mixed_threshold) {
            doc.script.detected = hant ? "Hant" : "Hans";
            return;
        }
        doc.script.detected = "mixed";
        doc.diagnose(name_, gongwen::Severity::info,
                     "mixed script: " + std::to_string(votes.hans) + " Simplified-only and " +
                         std::to_string(votes.hant) + " Traditional-only characters");
    }

    std::string name_;
    VariantConfig config_;
    std::shared_ptr<const ScriptCharacters> scripts_;
    std::shared_ptr<const OpenccConverter> converter_;  // none with target "none"
    UserDictionary user_;
    TriggerSet triggers_;
    CodePointClasses classes_;
};

}  // namespace
}  // namespace variant_convert

GONGWEN_PLUGIN(variant_convert::VariantConvert, "variant_convert", "1.0.0",
               "Detects Simplified/Traditional script and converts with OpenCC, keeping an "
               "offset map")
