// plugin_template: the smallest useful gongwen plugin, to copy and rename.
//
// It records the length of the document's text in code points in an attribute, adds a warning
// when the text is suspiciously short, and fails the document when there is no text at all.
// That is every way a plugin talks back to the host: changing the Document, diagnostics, and
// throwing.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "gongwen/plugin.hpp"
#include "gongwen/utf8.hpp"

namespace {

class PluginTemplate : public gongwen::Plugin {
  public:
    // Read and check every config key here, once: a bad value then stops the daemon at start
    // with the key and its line, instead of failing documents one by one. Keys nobody reads are
    // reported as typos by the host.
    explicit PluginTemplate(gongwen::PluginSetup& setup)
        : name_(setup.name),
          attribute_(setup.config.get_string("attribute", "chars")),
          min_chars_(setup.config.get_int("min_chars", 50, 0, 1'000'000)) {
        if (attribute_.empty())
            throw gongwen::ConfigError("attribute",
                                       setup.config.full_key("attribute") + ": must not be empty");
    }

    void process(gongwen::Document& doc) override {
        // Throwing fails this document only; the message is recorded with the plugin's name.
        if (doc.text.empty()) throw std::runtime_error("no text (was the file decoded?)");
        // Offsets and lengths in gongwen count code points, not bytes.
        const std::size_t chars = gongwen::utf8::length(doc.text);
        doc.attributes[attribute_] = std::to_string(chars);
        if (static_cast<std::int64_t>(chars) < min_chars_)
            doc.diagnose(name_, gongwen::Severity::warning,
                         "only " + std::to_string(chars) + " characters of text");
    }

  private:
    std::string name_;
    std::string attribute_;
    std::int64_t min_chars_;
};

}  // namespace

GONGWEN_PLUGIN(PluginTemplate, "plugin_template", "1.0.0",
               "Records the text length in code points (a template to start from)")
