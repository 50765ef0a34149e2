// Runs a Document through one instance of every plugin in a Chain, in order.
//
// Document in, document out, no global state: a runner owns its plugin instances and is used
// by one thread at a time, so the daemon keeps one per worker and `gongwen process` one in all.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chain/chain.hpp"
#include "gongwen/document.hpp"
#include "gongwen/plugin.hpp"

namespace gongwen {

struct ChainFailure {
    std::string plugin;
    std::string message;
    bool out_of_memory = false;  // std::bad_alloc: the process may be in no state to go on
};

class ChainRunner {
  public:
    // Creates the plugin instances; a plugin refusing its config is a PluginLoadError that
    // names the config file, line and key.
    explicit ChainRunner(const Chain& chain);
    ~ChainRunner();
    ChainRunner(const ChainRunner&) = delete;
    ChainRunner& operator=(const ChainRunner&) = delete;

    // Stops at the first plugin that throws; the failure is also added to the diagnostics.
    std::optional<ChainFailure> run(Document& doc);

    // Called with each plugin's name just before it runs: a supervisor watching a worker
    // process learns which plugin was running when the process died.
    void on_stage(std::function<void(const std::string& plugin)> observer) {
        on_stage_ = std::move(observer);
    }

  private:
    struct Stage {
        std::string name;
        std::string version;
        std::shared_ptr<PluginLibrary> library;  // declared first: outlives the instance
        std::unique_ptr<Plugin> plugin;
    };
    std::vector<Stage> stages_;
    std::function<void(const std::string&)> on_stage_;
};

}  // namespace gongwen
