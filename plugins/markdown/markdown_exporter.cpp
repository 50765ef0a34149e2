// The markdown exporter: a readable digest of each document as <dir>/<sha256>.md, atomically.
#include <filesystem>
#include <stdexcept>
#include <string>

#include "gongwen/atomic_file.hpp"
#include "gongwen/plugin.hpp"
#include "markdown_digest.hpp"

namespace {

gongwen::LabelSet labels_from(gongwen::PluginSetup& setup) {
    return gongwen::LabelSet::for_language(setup.config, setup.data_dir / "labels",
                                           gongwen::markdown::digest_label_keys());
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
    gongwen::LabelSet labels_;
};

}  // namespace

GONGWEN_PLUGIN(MarkdownExporter, "markdown", "1.0.0",
               "Writes a digest of each document (metadata, outline, metrics) as <dir>/<sha256>.md")
