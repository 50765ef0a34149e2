#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "gongwen/abi.hpp"
#include "worker/worker_process.hpp"

int main(int argc, char** argv) {
    CLI::App app{
        "gongwen: turns Chinese government work reports into text, outlines and figures.\n"
        "Reads config/gongwen.toml unless --config or $GONGWEN_CONFIG says otherwise."};
    app.set_version_flag("--version", std::string("gongwen ") + GONGWEN_SDK_VERSION + " (SDK ABI " +
                                          std::to_string(GONGWEN_SDK_ABI_VERSION) + ")");
    app.require_subcommand(1);

    gongwen::RunOptions run;
    auto* run_cmd = app.add_subcommand("run",
                                       "Run the daemon in the foreground: watch the inboxes "
                                       "and process every new report");
    run_cmd->add_option("-c,--config", run.config, "Config file (TOML)");

    gongwen::ProcessOptions process;
    auto* process_cmd = app.add_subcommand(
        "process",
        "Run the chain once on FILEs, without the daemon or database; print one JSON "
        "document per file (JSON Lines) to stdout");
    process_cmd->add_option("-c,--config", process.config, "Config file (TOML)");
    process_cmd->add_option("--chain", process.chain,
                            "Comma-separated plugins to run instead of the configured chain, "
                            "e.g. encoding_fix,json");
    process_cmd->add_flag("--pretty", process.pretty, "Indent the JSON (one document per block)");
    process_cmd->add_option("files", process.files, "Report files")->required();

    gongwen::StatusOptions status;
    auto* status_cmd = app.add_subcommand(
        "status", "What the daemon has seen, processed and failed (from the database)");
    status_cmd->add_option("-c,--config", status.config, "Config file (TOML)");
    status_cmd->add_option("--format", status.format, "table or json")
        ->check(CLI::IsMember({"table", "json"}));
    status_cmd->add_option("--failures", status.failures, "How many recent failures to list")
        ->check(CLI::Range(0, 10000));

    const auto formats = CLI::IsMember({"table", "csv", "json"});

    gongwen::SearchOptions search;
    auto* search_cmd = app.add_subcommand(
        "search",
        "Full-text search over the stored reports: the documents whose sections contain every "
        "term, best first, with a snippet of each hit. Terms of any script match both scripts");
    search_cmd->add_option("-c,--config", search.config, "Config file (TOML)");
    search_cmd
        ->add_option("query", search.query,
                     "Terms separated by spaces, all in the same section; \"quote\" a "
                     "term with spaces")
        ->required();
    search_cmd->add_option("--format", search.format, "table, csv or json")->check(formats);
    search_cmd->add_option("-n,--limit", search.limit, "Documents to show; 0 for all")
        ->capture_default_str();
    search_cmd->add_option("--sections", search.sections, "Best sections shown per document")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000));

    gongwen::MetricsOptions metrics;
    auto* metrics_cmd = app.add_subcommand(
        "metrics", "The extracted figures of all documents as one comparable table");
    metrics_cmd->add_option("-c,--config", metrics.config, "Config file (TOML)");
    metrics_cmd->add_option("--subject", metrics.subject,
                            "Subject containing this text (e.g. 法律援助), either script");
    metrics_cmd->add_option("--unit", metrics.unit, "Unit as written (件, 宗, %, 万元 …)");
    metrics_cmd->add_option("--period", metrics.period,
                            "Period (2021, 2021H1 …): the metric's own, else its document's");
    metrics_cmd->add_option("--scope", metrics.scope, "Scope containing this text (全省, 全市 …)");
    metrics_cmd->add_option(
        "--kind", metrics.kind,
        "count, money, percent, points, multiple, rank, score, duration, other");
    metrics_cmd->add_option("--modality", metrics.modality, "actual or plan")
        ->check(CLI::IsMember({"actual", "plan"}));
    metrics_cmd->add_option("--document", metrics.document,
                            "Only this document (id, SHA-256 prefix or path)");
    metrics_cmd->add_flag("--exact", metrics.exact, "Subject and scope must be equal, not contain");
    metrics_cmd->add_option("--format", metrics.format, "table, csv or json")->check(formats);
    metrics_cmd->add_option("-n,--limit", metrics.limit, "Rows to show; 0 for all")
        ->capture_default_str();

    gongwen::ShowOptions show;
    auto* show_cmd =
        app.add_subcommand("show", "One document: its metadata, outline, metrics and diagnostics");
    show_cmd->add_option("-c,--config", show.config, "Config file (TOML)");
    show_cmd->add_option("document", show.document, "Id, SHA-256 prefix (4+ hex digits) or path")
        ->required();
    show_cmd->add_option("--format", show.format, "table, or json (the whole document)")
        ->check(CLI::IsMember({"table", "json"}));

    gongwen::ExportOptions export_opts;
    auto* export_cmd = app.add_subcommand(
        "export", "Write every stored document out again through one exporter plugin");
    export_cmd->add_option("-c,--config", export_opts.config, "Config file (TOML)");
    export_cmd
        ->add_option("-f,--format", export_opts.format,
                     "Exporter plugin: json, csv, markdown, html, or another exporter")
        ->required();
    export_cmd->add_option("-o,--out", export_opts.out, "Folder to write to (created if missing)")
        ->required();

    gongwen::ReprocessOptions reprocess;
    auto* reprocess_cmd = app.add_subcommand(
        "reprocess",
        "Run the configured chain again on stored documents (after plugins or their config "
        "changed) and replace their rows, one transaction per document");
    reprocess_cmd->add_option("-c,--config", reprocess.config, "Config file (TOML)");
    reprocess_cmd->add_option("documents", reprocess.documents,
                              "Documents: id, SHA-256 prefix or path");
    reprocess_cmd->add_flag("--all", reprocess.all, "Every stored document");
    reprocess_cmd->add_option("-j,--jobs", reprocess.jobs, "Parallel chains; 0: [daemon] workers")
        ->check(CLI::Range(0, 256));

    gongwen::QueryOptions query;
    auto* query_cmd = app.add_subcommand(
        "query", "Run one read-only SQL statement on the database (schema: docs/schema.md)");
    query_cmd->add_option("-c,--config", query.config, "Config file (TOML)");
    query_cmd->add_option("sql", query.sql, "The statement, e.g. \"SELECT count(*) FROM metrics\"")
        ->required();
    query_cmd->add_option("--format", query.format, "table, csv or json")->check(formats);

    int worker_fd = -1;
    int worker_memory_mb = 2048;
    auto* worker_cmd = app.add_subcommand(
        "worker", "Internal: a chain worker process, started and supervised by the daemon");
    worker_cmd->group("");  // not for people: hidden from the list of subcommands
    worker_cmd->add_option("--fd", worker_fd, "Socket to the daemon")->required();
    worker_cmd->add_option("--memory-mb", worker_memory_mb, "Address-space limit (MiB)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }

    if (*worker_cmd) return gongwen::worker_main(worker_fd, worker_memory_mb);
    if (*run_cmd) return gongwen::run_command(run);
    if (*process_cmd) return gongwen::process_command(process);
    if (*status_cmd) return gongwen::status_command(status);
    if (*search_cmd) return gongwen::search_command(search);
    if (*metrics_cmd) return gongwen::metrics_command(metrics);
    if (*show_cmd) return gongwen::show_command(show);
    if (*export_cmd) return gongwen::export_command(export_opts);
    if (*reprocess_cmd) return gongwen::reprocess_command(reprocess);
    if (*query_cmd) return gongwen::query_command(query);
    return 2;
}
