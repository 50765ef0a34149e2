// MB/s of streaming the members of a zip and a tar.gz of many generated reports through
// read_archive (names decoded and checked, limits enforced), against a bare libarchive loop
// that reads the same members into memory with none of that: the peer that shows what the
// safety costs. `archive_bench --write-archives DIR` writes the archives for compare_tools.sh,
// which times unzip and GNU tar on the same files.
#include <archive.h>
#include <archive_entry.h>
#include <benchmark/benchmark.h>
#include <locale.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "archive/archive_reader.hpp"

namespace {

constexpr int report_count = 2000;

// A report of a few KB: a title, numbered sections, sentences with figures. Random enough to
// compress like real text (about 3 to 4 times), not like a repeated phrase.
std::string make_report(std::mt19937& rng) {
    static const char* const subjects[] = {"全年",     "本季度",   "全市",     "全省",
                                           "各级法院", "检察机关", "财政部门", "重点项目"};
    static const char* const verbs[] = {"办理", "审结", "完成", "投入", "新增", "化解", "督办"};
    static const char* const objects[] = {"案件",     "资金",     "项目", "信访事项",
                                          "民生实事", "专项行动", "培训"};
    static const char* const units[] = {"件", "亿元", "万元", "个", "人次", "项"};
    std::string text = std::to_string(2018 + rng() % 7) + "年工作总结\n";
    const int sections = 3 + static_cast<int>(rng() % 5);
    for (int s = 1; s <= sections; ++s) {
        text += "（" + std::to_string(s) + "）主要工作\n";
        const int sentences = 5 + static_cast<int>(rng() % 20);
        for (int i = 0; i < sentences; ++i) {
            text += subjects[rng() % 8];
            text += verbs[rng() % 7];
            text += objects[rng() % 7];
            text += std::to_string(rng() % 100000);
            text += units[rng() % 6];
            text += "，同比增长" + std::to_string(rng() % 100) + "." + std::to_string(rng() % 10) +
                    "%。";
        }
        text += "\n";
    }
    return text;
}

struct Corpus {
    std::vector<std::pair<std::string, std::string>> reports;  // path, text
    std::uint64_t bytes = 0;
};

const Corpus& corpus() {
    static const Corpus c = [] {
        Corpus built;
        std::mt19937 rng(8);
        for (int i = 0; i < report_count; ++i) {
            std::string path = "报告/" + std::to_string(2018 + i % 7) + "/第" + std::to_string(i) +
                               "号工作总结.txt";
            std::string text = make_report(rng);
            built.bytes += text.size();
            built.reports.emplace_back(std::move(path), std::move(text));
        }
        return built;
    }();
    return c;
}

la_ssize_t append_output(archive*, void* out, const void* buf, size_t n) {
    static_cast<std::string*>(out)->append(static_cast<const char*>(buf), n);
    return static_cast<la_ssize_t>(n);
}

// Names are written as UTF-8 (zip with its UTF-8 flag, pax with its UTF-8 headers); libarchive
// takes them from the thread's locale.
std::string build_archive(int format, int filter) {
    const locale_t utf8 = newlocale(LC_ALL_MASK, "C.UTF-8", locale_t{});
    const locale_t previous = uselocale(utf8);
    std::string out;
    archive* a = archive_write_new();
    archive_write_set_format(a, format);
    if (filter != ARCHIVE_FILTER_NONE) archive_write_add_filter(a, filter);
    if (format == ARCHIVE_FORMAT_ZIP) archive_write_set_options(a, "zip:hdrcharset=UTF-8");
    archive_write_set_bytes_in_last_block(a, 1);
    archive_write_open(a, &out, nullptr, append_output, nullptr);
    for (const auto& [path, text] : corpus().reports) {
        archive_entry* entry = archive_entry_new();
        archive_entry_copy_pathname(entry, path.c_str());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, static_cast<la_int64_t>(text.size()));
        archive_write_header(a, entry);
        archive_write_data(a, text.data(), text.size());
        archive_entry_free(entry);
    }
    archive_write_close(a);
    archive_write_free(a);
    uselocale(previous);
    freelocale(utf8);
    return out;
}

const std::string& zip_archive() {
    static const std::string z = build_archive(ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE);
    return z;
}

const std::string& tar_gz_archive() {
    static const std::string t =
        build_archive(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP);
    return t;
}

const std::string& archive_for(int which) {
    return which == 0 ? zip_archive() : tar_gz_archive();
}

void report_rates(benchmark::State& state, std::uint64_t members, std::uint64_t bytes) {
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
    state.counters["members/s"] =
        benchmark::Counter(static_cast<double>(members), benchmark::Counter::kIsRate);
    state.counters["archive_MB"] = static_cast<double>(archive_for(state.range(0)).size()) / 1e6;
}

void BM_ReadArchive(benchmark::State& state) {
    const std::string& bytes = archive_for(state.range(0));
    std::uint64_t members = 0;
    std::uint64_t delivered = 0;
    for (auto _ : state) {
        const gongwen::ArchiveReadSummary summary =
            gongwen::read_archive(bytes, "reports", {}, [&](const gongwen::ArchiveMember& m) {
                delivered += m.bytes.size();
                benchmark::DoNotOptimize(m.bytes.data());
            });
        if (summary.members != report_count || !summary.problems.empty())
            state.SkipWithError("the archive did not read cleanly");
        members += summary.members;
    }
    report_rates(state, members, delivered);
}

// The peer: libarchive with every format and filter enabled, each member read whole into a
// string, no name decoding, no checks.
void BM_BareLibarchive(benchmark::State& state) {
    const std::string& bytes = archive_for(state.range(0));
    std::uint64_t members = 0;
    std::uint64_t delivered = 0;
    std::string member;
    for (auto _ : state) {
        archive* a = archive_read_new();
        archive_read_support_format_all(a);
        archive_read_support_filter_all(a);
        archive_read_open_memory(a, bytes.data(), bytes.size());
        archive_entry* entry = nullptr;
        // ARCHIVE_WARN: a name libarchive could not convert to the C locale; the data is fine.
        while (archive_read_next_header(a, &entry) >= ARCHIVE_WARN) {
            member.clear();
            const void* block = nullptr;
            size_t size = 0;
            la_int64_t offset = 0;
            while (archive_read_data_block(a, &block, &size, &offset) == ARCHIVE_OK)
                member.append(static_cast<const char*>(block), size);
            delivered += member.size();
            benchmark::DoNotOptimize(member.data());
            ++members;
        }
        archive_read_free(a);
    }
    report_rates(state, members, delivered);
}

void formats(benchmark::internal::Benchmark* b) {
    b->ArgName("tar_gz_if_1")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_ReadArchive)->Apply(formats);
BENCHMARK(BM_BareLibarchive)->Apply(formats);

void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "--write-archives") == 0) {
        const std::filesystem::path dir = argv[2];
        std::filesystem::create_directories(dir);
        write_file(dir / "reports.zip", zip_archive());
        write_file(dir / "reports.tar.gz", tar_gz_archive());
        std::printf("%d reports, %llu bytes of text\n", report_count,
                    static_cast<unsigned long long>(corpus().bytes));
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
