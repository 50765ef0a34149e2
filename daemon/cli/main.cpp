#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "worker/worker_process.hpp"
#include "gongwen/abi.hpp"

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
    return 2;
}
