#include "chain/chain_runner.hpp"

#include <chrono>

namespace gongwen {

namespace {

std::string located(const Chain& chain, const ConfigTable& table, const std::string& key) {
    std::string where =
        chain.config_file().empty() ? std::string("config") : chain.config_file().string();
    if (const int line = table.line_of(key)) {
        where.push_back(':');
        where.append(std::to_string(line));
    }
    return where;
}

}  // namespace

ChainRunner::ChainRunner(const Chain& chain) {
    for (const auto& link : chain.links()) {
        ConfigTable config = link.config;  // each instance tracks its own key use
        PluginSetup setup{link.name, config, link.data_dir, chain.output_dir()};
        Stage stage{link.name, link.library->descriptor().version, link.library, nullptr};
        try {
            stage.plugin = link.library->descriptor().create(setup);
        } catch (const ConfigError& e) {
            throw PluginLoadError(located(chain, config, e.key()) + ": " + e.what());
        } catch (const std::exception& e) {
            throw PluginLoadError("plugin " + link.name + " (" + link.library->file().string() +
                                  "): cannot start: " + e.what());
        }
        if (!stage.plugin)
            throw PluginLoadError("plugin " + link.name + ": factory returned no instance");
        for (const auto& key : config.unused_keys())
            throw PluginLoadError(located(chain, config, key) + ": " + config.full_key(key) +
                                  ": unknown key (plugin " + link.name + " has no such setting)");
        stages_.push_back(std::move(stage));
    }
}

ChainRunner::~ChainRunner() {
    for (auto& stage : stages_) {
        try {
            stage.plugin->finish();
        } catch (...) {
            // A plugin failing to finish must not take the process down while it is stopping.
        }
        stage.plugin.reset();
    }
}

std::optional<ChainFailure> ChainRunner::run(Document& doc) {
    for (auto& stage : stages_) {
        const auto t0 = std::chrono::steady_clock::now();
        std::optional<ChainFailure> failure;
        if (on_stage_) on_stage_(stage.name);
        try {
            stage.plugin->process(doc);
        } catch (const std::bad_alloc&) {
            failure = ChainFailure{stage.name, "out of memory (std::bad_alloc)", true};
        } catch (const std::exception& e) {
            failure = ChainFailure{stage.name, e.what()};
        } catch (...) {
            failure = ChainFailure{stage.name, "unknown exception"};
        }
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - t0)
                                .count();
        doc.chain.push_back({stage.name, stage.version, micros});
        if (failure) {
            doc.diagnose(failure->plugin, Severity::error, failure->message);
            return failure;
        }
    }
    return std::nullopt;
}

}  // namespace gongwen
