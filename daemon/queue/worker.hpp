// What one dispatcher slot owns: its own database connection and its own chain executor
// (plugin instances in this process, or a worker process), so slots share nothing but the
// SQLite file.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "chain/chain_executor.hpp"
#include "ledger/ledger.hpp"
#include "store/database.hpp"
#include "store/document_store.hpp"

namespace gongwen {

struct Worker {
    Worker(const std::filesystem::path& database, std::unique_ptr<ChainExecutor> exec,
           std::string signature)
        : db(database),
          ledger(db),
          store(db),
          executor(std::move(exec)),
          chain_signature(std::move(signature)) {}

    Database db;
    Ledger ledger;
    DocumentStore store;
    std::unique_ptr<ChainExecutor> executor;
    std::string chain_signature;
};

}  // namespace gongwen
