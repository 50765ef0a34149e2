#include "queue/content_claims.hpp"

namespace gongwen {

ContentClaims::Claim::Claim(ContentClaims& claims, std::string sha256)
    : claims_(claims), sha256_(std::move(sha256)) {
    std::unique_lock lock(claims_.mu_);
    claims_.released_.wait(lock, [&] { return !claims_.held_.count(sha256_); });
    claims_.held_.insert(sha256_);
}

ContentClaims::Claim::~Claim() {
    {
        std::lock_guard lock(claims_.mu_);
        claims_.held_.erase(sha256_);
    }
    claims_.released_.notify_all();
}

}  // namespace gongwen
