#include <algorithm>
#include <iostream>
#include <sstream>

#include "cli/command_errors.hpp"
#include "cli/commands.hpp"
#include "cli/display_width.hpp"
#include "cli/document_label.hpp"
#include "cli/read_only_database.hpp"
#include "cli/table_printer.hpp"
#include "config/daemon_config.hpp"
#include "gongwen/json.hpp"
#include "gongwen/utf8.hpp"
#include "store/database.hpp"
#include "store/document_lookup.hpp"
#include "store/document_store.hpp"
#include "store/metric_query.hpp"

namespace gongwen {

namespace {

void field(std::ostream& out, const std::string& key, const std::string& value) {
    if (value.empty()) return;
    out << key << std::string(key.size() < 11 ? 11 - key.size() : 1, ' ') << value << "\n";
}

std::string fixed2(double v) {
    std::ostringstream s;
    s.precision(2);
    s << std::fixed << v;
    return s.str();
}

void print_overview(std::ostream& out, Database& db, std::int64_t id, const Document& doc) {
    auto row = db.prepare("SELECT chain, updated FROM documents WHERE id = ?");
    row.bind(1, id);
    row.step();
    const std::string chain = row.text(0), updated = row.text(1);

    field(out, "document", std::to_string(id));
    field(out, "sha256", doc.source.sha256);
    field(out, "title", doc.title.empty() ? "(none found)" : doc.title);
    field(out, "source", doc.source.path + (doc.source.member ? " : " + *doc.source.member : ""));
    field(out, "published", doc.published.value_or(""));
    field(out, "issuer", doc.issuer);
    field(out, "period", doc.period);
    field(out, "kind", doc.report_kind);
    if (!doc.encoding.detected.empty())
        field(out, "encoding",
              doc.encoding.detected + " (confidence " + fixed2(doc.encoding.confidence) + ")" +
                  (doc.encoding.bom ? ", BOM" : "") +
                  (doc.encoding.repairs.empty()
                       ? ""
                       : ", " + std::to_string(doc.encoding.repairs.size()) + " repaired spans") +
                  (doc.encoding.lossy
                       ? ", " + std::to_string(doc.encoding.lossy) + " characters lost upstream"
                       : ""));
    if (!doc.script.detected.empty())
        field(out, "script",
              doc.script.detected + " (" + fixed2(doc.script.share) + ")" +
                  (doc.script.converted_to.empty() ? ", not converted"
                                                   : " → " + doc.script.converted_to));
    field(out, "size",
          std::to_string(doc.source.bytes) + " bytes, " + std::to_string(utf8::length(doc.text)) +
              " characters");
    field(out, "chain", chain);
    field(out, "stored", updated);

    // Plain files point at their document; archives do through their members.
    auto files = db.prepare(
        "SELECT path, state FROM files WHERE document_id = ?1 UNION ALL "
        "SELECT f.path || ' : ' || m.member, m.outcome FROM members m "
        "JOIN files f ON f.id = m.file_id WHERE m.document_id = ?1 AND m.member <> ''");
    files.bind(1, id);
    std::string list;
    while (files.step())
        list += (list.empty() ? "" : "\n           ") + files.text(0) + " (" + files.text(1) + ")";
    field(out, "files", list);
}

void print_outline(std::ostream& out, const Document& doc) {
    out << "\nOutline (" << doc.sections.size() << " section"
        << (doc.sections.size() == 1 ? "" : "s") << ")\n";
    if (doc.sections.empty()) out << "  (no sections found)\n";
    for (const Section& s : doc.sections)
        out << std::string(static_cast<std::size_t>(std::max(1, s.level)) * 2, ' ') << s.marker
            << s.heading << "\n";
}

void print_metrics(std::ostream& out, Database& db, std::int64_t id) {
    MetricFilter filter;
    filter.document_id = id;
    const auto rows = find_metrics(db, filter, nullptr);
    out << "\nMetrics (" << rows.size() << ")\n";
    if (rows.empty()) {
        out << "  (no metrics found)\n";
        return;
    }
    Table table({{"#"},
                 {"section", 18},
                 {"subject", 24},
                 {"value", 0, Align::right},
                 {"unit"},
                 {"period"},
                 {"scope"},
                 {"as written", 20},
                 {"kind"}});
    // find_metrics orders by subject; an outline reads in document order.
    std::vector<const MetricRow*> ordered;
    for (const auto& r : rows) ordered.push_back(&r);
    std::sort(ordered.begin(), ordered.end(),
              [](const MetricRow* a, const MetricRow* b) { return a->idx < b->idx; });
    for (const MetricRow* r : ordered) {
        std::string value = format_number(r->value);
        if (r->value_max) value += "–" + format_number(*r->value_max);
        std::string kind = r->kind;
        if (r->modality != "actual") kind += " (" + r->modality + ")";
        table.add_row({r->idx, r->section_heading, cell_or_null(r->subject), value, r->unit,
                       cell_or_null(r->period), cell_or_null(r->scope), r->text, kind});
    }
    print_aligned(out, table, stdout_terminal_columns());
}

void print_diagnostics(std::ostream& out, const Document& doc) {
    if (doc.diagnostics.empty()) return;
    out << "\nDiagnostics (" << doc.diagnostics.size() << ")\n";
    for (const Diagnostic& d : doc.diagnostics)
        out << "  " << to_string(d.severity) << "  " << d.plugin << ": " << d.message << "\n";
}

}  // namespace

int show_command(const ShowOptions& options) {
    return report_errors([&] {
        const DaemonConfig config = load_config(find_config(options.config));
        const auto database = open_read_only(config);
        Database& db = *database;
        Snapshot snapshot(db);
        const std::int64_t id = find_document(db, options.document);
        const auto doc = DocumentStore(db).load(id);
        if (!doc) throw DocumentLookupError("document " + std::to_string(id) + " has gone");
        if (options.format == "json") {
            std::cout << to_json(*doc) << "\n";
            return 0;
        }
        print_overview(std::cout, db, id, *doc);
        print_outline(std::cout, *doc);
        print_metrics(std::cout, db, id);
        print_diagnostics(std::cout, *doc);
        return 0;
    });
}

}  // namespace gongwen
