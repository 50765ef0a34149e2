// One immutable object per file in the process, shared by every plugin instance (one per
// worker) that asks for it, and freed with the last of them.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace variant_convert {

template <typename T>
class SharedLoads {
  public:
    template <typename Load>
    std::shared_ptr<const T> get(const std::filesystem::path& file, Load&& load) {
        std::error_code ec;
        std::filesystem::path key = std::filesystem::weakly_canonical(file, ec);
        if (ec) key = file;
        // Held while loading, so that workers starting together load a file once.
        std::lock_guard lock(mutex_);
        auto& slot = loaded_[key.string()];
        if (auto existing = slot.lock()) return existing;
        std::shared_ptr<const T> fresh = load();
        slot = fresh;
        return fresh;
    }

  private:
    std::mutex mutex_;
    std::map<std::string, std::weak_ptr<const T>> loaded_;
};

}  // namespace variant_convert
