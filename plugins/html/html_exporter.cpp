// The html exporter: a self-contained page per document (<dir>/<sha256>.html) and a corpus
// index (<dir>/index.html), all written atomically.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "corpus_index.hpp"
#include "document_page.hpp"
#include "gongwen/atomic_file.hpp"
#include "gongwen/plugin.hpp"

namespace {

using gongwen::ConfigError;
using gongwen::ConfigTable;

gongwen::LabelSet labels_from(gongwen::PluginSetup& setup) {
    return gongwen::LabelSet::for_language(setup.config, setup.data_dir / "labels",
                                           gongwen::html::page_label_keys());
}

std::string stylesheet_from(gongwen::PluginSetup& setup) {
    const std::filesystem::path file =
        setup.config.get_path("stylesheet", setup.data_dir / "style.css");
    std::ifstream in(file, std::ios::binary);
    std::stringstream css;
    css << in.rdbuf();
    if (!in)
        throw ConfigError("stylesheet",
                          setup.config.full_key("stylesheet") + ": cannot read " + file.string());
    std::string lower = css.str();
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.find("</style") != std::string::npos)
        throw ConfigError("stylesheet", setup.config.full_key("stylesheet") + ": " + file.string() +
                                            " contains </style, which would end the inline style");
    return css.str();
}

gongwen::html::ChartOptions chart_from(const ConfigTable& config) {
    gongwen::html::ChartOptions c;
    c.kinds = config.get_strings("chart_kinds", c.kinds);
    c.groups = static_cast<int>(config.get_int("chart_groups", c.groups, 0, 12));
    c.bars = static_cast<int>(config.get_int("chart_bars", c.bars, 1, 50));
    c.plans = config.get_bool("chart_plans", c.plans);
    return c;
}

class HtmlExporter : public gongwen::Plugin {
  public:
    explicit HtmlExporter(gongwen::PluginSetup& setup)
        : dir_(setup.config.get_path("dir", setup.output_dir)),
          labels_(labels_from(setup)),
          options_{chart_from(setup.config), setup.config.get_bool("index", true),
                   stylesheet_from(setup)},
          index_delay_(setup.config.get_int("index_delay_ms", 1000, 0, 3'600'000)) {
        if (dir_.empty())
            throw ConfigError(
                "dir", setup.config.full_key("dir") + ": no output folder ([output] dir is empty)");
        if (options_.link_index)
            index_ = std::make_unique<gongwen::html::CorpusIndex>(
                dir_, labels_, options_.stylesheet, std::chrono::milliseconds(index_delay_));
    }

    void process(gongwen::Document& doc) override {
        if (doc.source.sha256.empty())
            throw std::runtime_error("html exporter: document has no sha256 to name its file");
        const std::string file = doc.source.sha256 + ".html";
        const gongwen::html::Page page = gongwen::html::document_page(doc, labels_, options_);
        gongwen::write_file_atomically(dir_ / file, page.html);
        if (!page.misplaced.empty())
            doc.diagnose("html", gongwen::Severity::warning,
                         std::to_string(page.misplaced.size()) +
                             " metric(s) have offsets outside the text and are not highlighted");
        if (index_)
            index_->add({doc.source.sha256, gongwen::html::display_title(doc, labels_),
                         doc.published, doc.issuer, doc.period, doc.report_kind, doc.metrics.size(),
                         doc.sections.size(), file});
    }

    void finish() override {
        if (index_) index_->flush();
    }

  private:
    std::filesystem::path dir_;
    gongwen::LabelSet labels_;
    gongwen::html::PageOptions options_;
    std::int64_t index_delay_;
    std::unique_ptr<gongwen::html::CorpusIndex> index_;
};

}  // namespace

GONGWEN_PLUGIN(HtmlExporter, "html", "1.0.0",
               "Writes a self-contained page per document (<dir>/<sha256>.html) and index.html")
