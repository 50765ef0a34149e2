// What one worker thread owns: its own database connection and its own chain runner, so
// workers share nothing but the SQLite file.
#pragma once

#include <filesystem>

#include "chain/chain_runner.hpp"
#include "ledger/ledger.hpp"
#include "store/database.hpp"
#include "store/document_store.hpp"

namespace gongwen {

struct Worker {
    Worker(const std::filesystem::path& database, const Chain& chain)
        : db(database), ledger(db), store(db), runner(chain), chain_signature(chain.signature()) {}

    Database db;
    Ledger ledger;
    DocumentStore store;
    ChainRunner runner;
    std::string chain_signature;
};

}  // namespace gongwen
