// The json exporter: writes each document as <dir>/<sha256>.json, atomically.
#include <filesystem>
#include <stdexcept>
#include <string>

#include "gongwen/atomic_file.hpp"
#include "gongwen/json.hpp"
#include "gongwen/plugin.hpp"

namespace {

class JsonExporter : public gongwen::Plugin {
  public:
    explicit JsonExporter(gongwen::PluginSetup& setup)
        : dir_(setup.config.get_path("dir", setup.output_dir)),
          pretty_(setup.config.get_bool("pretty", true)) {}

    void process(gongwen::Document& doc) override {
        if (doc.source.sha256.empty())
            throw std::runtime_error("json exporter: document has no sha256 to name its file");
        gongwen::write_file_atomically(dir_ / (doc.source.sha256 + ".json"),
                                       gongwen::to_json(doc, {pretty_}) + "\n");
    }

  private:
    std::filesystem::path dir_;
    bool pretty_;
};

}  // namespace

GONGWEN_PLUGIN(JsonExporter, "json", "1.0.0", "Writes each document as <dir>/<sha256>.json")
