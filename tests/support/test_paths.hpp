// Where tests find things. The sample corpus (../shared/corpus beside the source tree, or
// $GONGWEN_CORPUS) is optional: tests that need it skip, saying why, when it is absent.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gongwen::test {

std::filesystem::path plugin_dir();      // the built plugin .so files
std::filesystem::path gongwen_binary();  // the built gongwen executable
std::filesystem::path source_dir();
std::filesystem::path build_dir();
std::filesystem::path data_dir();  // tests/data

std::optional<std::filesystem::path> corpus_dir();
// The corpus reports (*.txt), sorted; empty when the corpus is absent.
std::vector<std::filesystem::path> corpus_files();

std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, std::string_view content);

// A fresh, empty folder under the system temp dir, removed when the object goes.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

}  // namespace gongwen::test

// Skips the current test when the sample corpus is not beside the source tree.
#define GONGWEN_REQUIRE_CORPUS()                                                            \
    do {                                                                                    \
        if (!::gongwen::test::corpus_dir())                                                 \
            GTEST_SKIP() << "sample corpus not found (../shared/corpus next to the source " \
                            "tree, or $GONGWEN_CORPUS): skipping a corpus test";            \
    } while (0)
