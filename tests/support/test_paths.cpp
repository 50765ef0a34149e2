#include "test_paths.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace gongwen::test {
namespace fs = std::filesystem;

fs::path plugin_dir() {
    return GONGWEN_TEST_PLUGIN_DIR;
}
fs::path gongwen_binary() {
    return GONGWEN_TEST_BINARY;
}
fs::path source_dir() {
    return GONGWEN_TEST_SOURCE_DIR;
}
fs::path build_dir() {
    return GONGWEN_TEST_BUILD_DIR;
}
fs::path data_dir() {
    return source_dir() / "tests" / "data";
}

std::optional<fs::path> corpus_dir() {
    if (const char* env = std::getenv("GONGWEN_CORPUS"); env && *env)
        return fs::is_directory(env) ? std::optional<fs::path>(env) : std::nullopt;
    const fs::path beside = source_dir().parent_path() / "shared" / "corpus";
    if (fs::is_directory(beside)) return beside;
    return std::nullopt;
}

std::vector<fs::path> corpus_files() {
    std::vector<fs::path> out;
    if (auto dir = corpus_dir())
        for (const auto& e : fs::directory_iterator(*dir))
            if (e.path().extension() == ".txt") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const fs::path& p, std::string_view content) {
    if (p.has_parent_path()) fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

TempDir::TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            ("gongwen-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

}  // namespace gongwen::test
