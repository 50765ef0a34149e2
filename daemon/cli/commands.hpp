// The gongwen subcommands. Each returns the process exit code: 0 success, 1 a document or
// file failed, 2 bad config or usage (nothing was started).
#pragma once

#include <string>
#include <vector>

namespace gongwen {

struct RunOptions {
    std::string config;
};
int run_command(const RunOptions& options);

struct ProcessOptions {
    std::string config;
    std::string chain;  // comma-separated; overrides the configured chain
    bool pretty = false;
    std::vector<std::string> files;
};
int process_command(const ProcessOptions& options);

struct StatusOptions {
    std::string config;
    std::string format = "table";
    int failures = 10;
};
int status_command(const StatusOptions& options);

struct SearchOptions {
    std::string config;
    std::string query;
    std::string format = "table";
    std::size_t limit = 20;    // documents; 0 for all
    std::size_t sections = 1;  // best-matching sections shown per document
};
int search_command(const SearchOptions& options);

struct MetricsOptions {
    std::string config;
    std::string subject, unit, period, scope, kind, modality, document;  // empty: any
    bool exact = false;
    std::string format = "table";
    std::size_t limit = 0;
};
int metrics_command(const MetricsOptions& options);

struct ShowOptions {
    std::string config;
    std::string document;
    std::string format = "table";
};
int show_command(const ShowOptions& options);

struct ExportOptions {
    std::string config;
    std::string format;  // the exporter plugin: json, csv, markdown, html …
    std::string out;
};
int export_command(const ExportOptions& options);

struct ReprocessOptions {
    std::string config;
    std::vector<std::string> documents;
    bool all = false;
    int jobs = 0;  // 0: [daemon] workers
};
int reprocess_command(const ReprocessOptions& options);

struct QueryOptions {
    std::string config;
    std::string sql;
    std::string format = "table";
};
int query_command(const QueryOptions& options);

// Shared by the commands: console logging at the configured level (stderr, so that stdout
// stays clean for JSON).
void setup_logging(const std::string& level);

}  // namespace gongwen
