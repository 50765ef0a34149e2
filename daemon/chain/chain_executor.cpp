#include "chain/chain_executor.hpp"

#include <unistd.h>

namespace gongwen {

InProcessExecutor::InProcessExecutor(const Chain& chain) : runner_(chain) {
    state_.pid = ::getpid();
    runner_.on_stage([this](const std::string& plugin) {
        std::lock_guard lock(mu_);
        state_.plugin = plugin;
    });
}

ChainResult InProcessExecutor::run(Document& doc) {
    {
        std::lock_guard lock(mu_);
        state_.busy = true;
        state_.document =
            doc.source.member ? doc.source.path + "!/" + *doc.source.member : doc.source.path;
    }
    auto failure = runner_.run(doc);
    std::lock_guard lock(mu_);
    state_.busy = false;
    state_.document.clear();
    state_.plugin.clear();
    return {std::move(failure), false};
}

ExecutorState InProcessExecutor::state() const {
    std::lock_guard lock(mu_);
    return state_;
}

}  // namespace gongwen
