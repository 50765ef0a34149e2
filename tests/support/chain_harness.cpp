#include "chain_harness.hpp"

#include <gtest/gtest.h>

#include "config/daemon_config.hpp"
#include "inbox/file_document.hpp"
#include "inbox/sha256.hpp"
#include "test_paths.hpp"

namespace gongwen::test {

Document document_from_bytes(const std::string& bytes, const std::string& name) {
    Document doc;
    doc.bytes = bytes;
    doc.source.path = name;
    doc.source.bytes = bytes.size();
    doc.source.sha256 = sha256_hex(bytes);
    return doc;
}

ChainHarness::ChainHarness(std::vector<std::string> plugins, const std::string& plugin_toml,
                           std::filesystem::path output_dir) {
    std::map<std::string, ConfigTable> tables;
    std::filesystem::path config_file;
    if (!plugin_toml.empty()) {
        TempDir dir;
        config_file = dir / "plugins.toml";
        write_file(config_file, plugin_toml);
        tables = load_config(config_file).plugin_tables;
    }
    chain_ = Chain::load({std::move(plugins),
                          {plugin_dir()},
                          std::move(tables),
                          config_file,
                          std::move(output_dir)});
    runner_ = std::make_unique<ChainRunner>(chain_);
}

std::optional<ChainFailure> ChainHarness::try_run(Document& doc) {
    return runner_->run(doc);
}

Document ChainHarness::run(const std::string& bytes, const std::string& name) {
    Document doc = document_from_bytes(bytes, name);
    if (auto failure = runner_->run(doc))
        ADD_FAILURE() << name << ": plugin " << failure->plugin << " failed: " << failure->message;
    return doc;
}

Document ChainHarness::run_file(const std::filesystem::path& file) {
    Document doc = document_from_file(file);
    if (auto failure = runner_->run(doc))
        ADD_FAILURE() << file << ": plugin " << failure->plugin << " failed: " << failure->message;
    return doc;
}

}  // namespace gongwen::test
