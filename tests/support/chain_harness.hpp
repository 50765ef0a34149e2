// Runs documents through real plugin .so files with the real ChainRunner, as the daemon does.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "chain/chain.hpp"
#include "chain/chain_runner.hpp"
#include "gongwen/document.hpp"

namespace gongwen::test {

class ChainHarness {
  public:
    // `plugins`: chain entries as in the config. `plugin_toml`: optional TOML text holding
    // [plugins.<name>] tables, parsed by the real config loader.
    explicit ChainHarness(std::vector<std::string> plugins, const std::string& plugin_toml = "",
                          std::filesystem::path output_dir = {});

    // Runs the chain on these bytes as if read from a file called `name`. Fails the test
    // (ADD_FAILURE) if a plugin throws, and returns the document as it was left.
    Document run(const std::string& bytes, const std::string& name = "input.txt");
    Document run_file(const std::filesystem::path& file);
    // Like run, but returns the failure instead of failing the test.
    std::optional<ChainFailure> try_run(Document& doc);

  private:
    Chain chain_;
    std::unique_ptr<ChainRunner> runner_;
};

// A Document for `bytes` with its source filled in, as the inbox would make it.
Document document_from_bytes(const std::string& bytes, const std::string& name = "input.txt");

}  // namespace gongwen::test
