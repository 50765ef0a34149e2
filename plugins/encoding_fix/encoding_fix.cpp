// encoding_fix, minimal stage (to be replaced by issue #3): accepts UTF-8 (with or without a
// BOM) and refuses anything else with a clear error. No detection, no repair yet.
#include <stdexcept>

#include "gongwen/plugin.hpp"
#include "gongwen/utf8.hpp"

namespace {

class EncodingFix : public gongwen::Plugin {
  public:
    explicit EncodingFix(gongwen::PluginSetup&) {}

    void process(gongwen::Document& doc) override {
        std::string_view bytes = doc.bytes;
        if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
            bytes.remove_prefix(3);
            doc.encoding.bom = true;
        }
        if (!gongwen::utf8::valid(bytes))
            throw std::runtime_error(
                "input is not valid UTF-8 (this minimal encoding_fix decodes UTF-8 only)");
        doc.encoding.detected = "UTF-8";
        doc.encoding.confidence = 1.0;
        doc.original_text.assign(bytes);
        doc.text = doc.original_text;
    }
};

}  // namespace

GONGWEN_PLUGIN(EncodingFix, "encoding_fix", "0.1.0", "Decodes UTF-8 input (minimal)")
