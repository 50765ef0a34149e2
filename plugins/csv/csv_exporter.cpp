// The csv exporter: one row per metric of a document, written as <dir>/<sha256>.csv.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

#include "csv_table.hpp"
#include "gongwen/atomic_file.hpp"
#include "gongwen/plugin.hpp"

namespace {

// Column names follow the JSON field names (docs/output-format.md) so that both outputs read
// the same; the document columns repeat on every row so that files concatenate into one table.
constexpr const char* columns[] = {
    "sha256",          "title", "source_path", "source_member", "metric", "section",
    "section_heading", "text",  "value",       "value_max",     "unit",   "approx",
    "qualifier",       "kind",  "subject",     "modality",      "start",  "end",
    "period",          "scope", "direction",   "basis"};

gongwen::csv::Dialect dialect_from(const gongwen::ConfigTable& config) {
    gongwen::csv::Dialect d;
    const std::string delimiter = config.get_choice("delimiter", ",", {",", ";", "\t"});
    d.delimiter = delimiter.front();
    d.line_end = config.get_choice("line_ending", "crlf", {"crlf", "lf"}) == "crlf" ? "\r\n" : "\n";
    d.guard_formulas = config.get_bool("guard_formulas", false);
    return d;
}

class CsvExporter : public gongwen::Plugin {
  public:
    explicit CsvExporter(gongwen::PluginSetup& setup)
        : dir_(setup.config.get_path("dir", setup.output_dir)),
          bom_(setup.config.get_bool("bom", false)),
          header_(setup.config.get_bool("header", true)),
          dialect_(dialect_from(setup.config)) {
        if (dir_.empty())
            throw gongwen::ConfigError(
                "dir", setup.config.full_key("dir") + ": no output folder ([output] dir is empty)");
    }

    void process(gongwen::Document& doc) override {
        if (doc.source.sha256.empty())
            throw std::runtime_error("csv exporter: document has no sha256 to name its file");
        gongwen::csv::Table table(dialect_);
        if (bom_) table.str() = "\xEF\xBB\xBF";  // lets Excel read the file as UTF-8
        if (header_) {
            for (const char* c : columns) table.text(c);
            table.end_row();
        }
        for (std::size_t i = 0; i < doc.metrics.size(); ++i) add_row(table, doc, i);
        gongwen::write_file_atomically(dir_ / (doc.source.sha256 + ".csv"), table.str());
    }

  private:
    static void add_row(gongwen::csv::Table& t, const gongwen::Document& doc, std::size_t i) {
        const gongwen::Metric& m = doc.metrics[i];
        const bool in_section =
            m.section >= 0 && static_cast<std::size_t>(m.section) < doc.sections.size();
        t.text(doc.source.sha256).text(doc.title).text(doc.source.path);
        t.text(doc.source.member.value_or(""));
        t.integer(static_cast<long long>(i));
        if (m.section >= 0)
            t.integer(m.section);
        else
            t.empty();
        t.text(in_section ? doc.sections[static_cast<std::size_t>(m.section)].heading : "");
        t.text(m.text).number(m.value).number(m.value_max).text(m.unit).boolean(m.approx);
        t.text(m.qualifier).text(m.kind).text(m.subject).text(m.modality);
        t.integer(static_cast<long long>(m.start)).integer(static_cast<long long>(m.end));
        t.text(m.period).text(m.scope).text(m.direction).text(m.basis);
        t.end_row();
    }

    std::filesystem::path dir_;
    bool bom_;
    bool header_;
    gongwen::csv::Dialect dialect_;
};

}  // namespace

GONGWEN_PLUGIN(CsvExporter, "csv", "1.0.0",
               "Writes each document's metrics as <dir>/<sha256>.csv, one row per metric")
