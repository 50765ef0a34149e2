// The markdown exporter: a readable digest of each document as <dir>/<sha256>.md, atomically.
#include <filesystem>
#include <stdexcept>
#include <string>

#include "gongwen/atomic_file.hpp"
#include "gongwen/plugin.hpp"
#include "markdown_digest.hpp"

namespace {

gongwen::markdown::LabelSet labels_from(gongwen::PluginSetup& setup) {
    const std::filesystem::path dir = setup.data_dir / "labels";
    const std::string language = setup.config.get_string("language", "zh");
    const std::filesystem::path file = dir / (language + ".txt");
    if (language.empty() || language.find('/') != std::string::npos ||
        !std::filesystem::is_regular_file(file)) {
        std::string known;
        for (const auto& name : gongwen::markdown::LabelSet::available(dir))
            known += (known.empty() ? "" : ", ") + name;
        throw gongwen::ConfigError("language", setup.config.full_key("language") +
                                                   ": no labels for \"" + language + "\" in " +
                                                   dir.string() + " (available: " + known + ")");
    }
    return gongwen::markdown::LabelSet::load(file, gongwen::markdown::digest_label_keys());
}

class MarkdownExporter : public gongwen::Plugin {
  public:
    explicit MarkdownExporter(gongwen::PluginSetup& setup)
        : dir_(setup.config.get_path("dir", setup.output_dir)),
          options_{setup.config.get_bool("diagnostics", true)},
          labels_(labels_from(setup)) {
        if (dir_.empty())
            throw gongwen::ConfigError(
                "dir", setup.config.full_key("dir") + ": no output folder ([output] dir is empty)");
    }

    void process(gongwen::Document& doc) override {
        if (doc.source.sha256.empty())
            throw std::runtime_error("markdown exporter: document has no sha256 to name its file");
        gongwen::write_file_atomically(dir_ / (doc.source.sha256 + ".md"),
                                       gongwen::markdown::digest(doc, labels_, options_));
    }

  private:
    std::filesystem::path dir_;
    gongwen::markdown::DigestOptions options_;
    gongwen::markdown::LabelSet labels_;
};

}  // namespace

GONGWEN_PLUGIN(MarkdownExporter, "markdown", "1.0.0",
               "Writes a digest of each document (metadata, outline, metrics) as <dir>/<sha256>.md")
