#include <iostream>

#include "cli/command_errors.hpp"
#include "cli/commands.hpp"
#include "cli/document_label.hpp"
#include "cli/read_only_database.hpp"
#include "cli/table_printer.hpp"
#include "config/daemon_config.hpp"
#include "store/database.hpp"
#include "store/document_lookup.hpp"
#include "store/metric_query.hpp"
#include "store/script_fold.hpp"

namespace gongwen {

namespace {

std::optional<std::string> given(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

}  // namespace

int metrics_command(const MetricsOptions& options) {
    return report_errors([&] {
        const DaemonConfig config = load_config(find_config(options.config));
        const auto database = open_read_only(config);
        Database& db = *database;

        MetricFilter filter;
        filter.subject = given(options.subject);
        filter.unit = given(options.unit);
        filter.period = given(options.period);
        filter.scope = given(options.scope);
        filter.kind = given(options.kind);
        filter.modality = given(options.modality);
        filter.exact = options.exact;
        filter.limit = options.limit;
        if (!options.document.empty()) filter.document_id = find_document(db, options.document);
        const auto rows = find_metrics(db, filter, &ScriptFold::shared());

        // The machine formats carry every field; the table keeps what compares across rows.
        const bool full = options.format != "table";
        Table table(full ? std::vector<Column>{{"document"},
                                               {"title"},
                                               {"idx"},
                                               {"subject"},
                                               {"value"},
                                               {"value_max"},
                                               {"unit"},
                                               {"period"},
                                               {"scope"},
                                               {"kind"},
                                               {"modality"},
                                               {"approx"},
                                               {"qualifier"},
                                               {"direction"},
                                               {"basis"},
                                               {"section"},
                                               {"heading"},
                                               {"text"}}
                         : std::vector<Column>{{"doc"},
                                               {"title", 24},
                                               {"period"},
                                               {"scope"},
                                               {"subject", 24},
                                               {"value", 0, Align::right},
                                               {"unit"},
                                               {"as written", 20},
                                               {"kind"},
                                               {"section", 18}});
        for (const auto& r : rows) {
            const std::string label = document_label(r.title, r.source_path);
            if (full) {
                table.add_row({r.document_id, label, r.idx, cell_or_null(r.subject), r.value,
                               cell_or_null(r.value_max), r.unit, cell_or_null(r.period),
                               cell_or_null(r.scope), r.kind, r.modality, std::int64_t{r.approx},
                               cell_or_null(r.qualifier), cell_or_null(r.direction),
                               cell_or_null(r.basis), cell_or_null(r.section), r.section_heading,
                               r.text});
            } else {
                std::string kind = r.kind;
                if (r.modality != "actual") kind += " (" + r.modality + ")";
                std::string value = format_number(r.value);
                if (r.value_max) value += "–" + format_number(*r.value_max);
                if (r.approx && r.qualifier) value = *r.qualifier + " " + value;
                table.add_row({r.document_id, label, cell_or_null(r.period), cell_or_null(r.scope),
                               cell_or_null(r.subject), value, r.unit, r.text, kind,
                               r.section_heading});
            }
        }
        if (options.format == "table" && rows.empty()) {
            std::cout << "No metric matches.\n";
            return 0;
        }
        print_table(std::cout, table, options.format);
        if (options.format == "table")
            std::cout << "\n" << rows.size() << " metric" << (rows.size() == 1 ? "" : "s") << ".\n";
        return 0;
    });
}

}  // namespace gongwen
