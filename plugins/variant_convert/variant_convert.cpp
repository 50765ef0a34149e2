// variant_convert, minimal stage (to be replaced by issue #4): leaves the text as it is and
// says so; no script detection or conversion yet.
#include "gongwen/plugin.hpp"

namespace {

class VariantConvert : public gongwen::Plugin {
  public:
    explicit VariantConvert(gongwen::PluginSetup&) {}
    void process(gongwen::Document& doc) override {
        if (doc.text.empty()) doc.text = doc.original_text;
    }
};

}  // namespace

GONGWEN_PLUGIN(VariantConvert, "variant_convert", "0.1.0", "Passes text through (minimal)")
