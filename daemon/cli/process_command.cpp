#include <spdlog/spdlog.h>

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/split.hpp>
#include <iostream>

#include "archive/archive_format.hpp"
#include "archive/archive_reader.hpp"
#include "chain/chain_runner.hpp"
#include "cli/commands.hpp"
#include "config/daemon_config.hpp"
#include "gongwen/json.hpp"
#include "inbox/file_document.hpp"
#include "inbox/sha256.hpp"

namespace gongwen {

namespace {

std::vector<std::string> split_chain(const std::string& s) {
    std::vector<std::string> parts;
    boost::split(parts, s, boost::is_any_of(","));
    std::erase_if(parts, [](const std::string& p) { return p.empty(); });
    return parts;
}

}  // namespace

int process_command(const ProcessOptions& options) {
    DaemonConfig config;
    try {
        // The config is optional here when --chain names the plugins.
        if (!options.config.empty() || options.chain.empty()) {
            config = load_config(find_config(options.config));
        } else {
            try {
                config = load_config(find_config(""));
            } catch (const ConfigFileError&) {
                config = DaemonConfig{};
            }
        }
    } catch (const ConfigFileError& e) {
        std::cerr << "gongwen: " << e.what() << "\n";
        return 2;
    }
    setup_logging(config.log_level == "info" ? "warn" : config.log_level);
    if (!options.chain.empty()) config.chain = split_chain(options.chain);
    if (config.chain.empty()) {
        std::cerr << "gongwen: no plugins to run: the config has no chain and --chain is empty\n";
        return 2;
    }

    Chain chain;  // declared first: outlives the runner and its plugin instances
    std::unique_ptr<ChainRunner> runner;
    try {
        chain = Chain::load({config.chain, config.plugin_dirs, config.plugin_tables, config.file,
                             config.output_dir});
        runner = std::make_unique<ChainRunner>(chain);
    } catch (const std::exception& e) {
        std::cerr << "gongwen: " << e.what() << "\n";
        return 2;
    }

    int exit_code = 0;
    auto run_one = [&](Document& doc) {
        if (auto failure = runner->run(doc)) {
            std::cerr << "gongwen: " << doc.source.path
                      << (doc.source.member ? "!/" + *doc.source.member : std::string())
                      << ": failed in " << failure->plugin << ": " << failure->message << "\n";
            exit_code = 1;
        }
        std::cout << to_json(doc, {options.pretty}) << "\n" << std::flush;
    };
    for (const auto& file : options.files) {
        Document doc;
        try {
            doc = document_from_file(file);
        } catch (const FileReadError& e) {
            std::cerr << "gongwen: " << e.what() << "\n";
            exit_code = 1;
            continue;
        }
        if (!sniff_archive(doc.bytes)) {
            run_one(doc);
            continue;
        }
        // An archive: one document per member, as the daemon does.
        const ArchiveReadSummary summary = read_archive(
            doc.bytes, std::filesystem::path(file).filename().string(), config.archives,
            [&](const ArchiveMember& m) {
                Document member;
                member.bytes.assign(m.bytes);
                member.source = {file, std::string(m.path), sha256_hex(m.bytes), m.bytes.size()};
                run_one(member);
            });
        for (const auto& problem : summary.problems) {
            std::cerr << "gongwen: " << describe(problem, file) << "\n";
            exit_code = 1;
        }
    }
    return exit_code;
}

}  // namespace gongwen
