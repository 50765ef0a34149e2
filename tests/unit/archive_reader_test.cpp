// Every archive here is built by the test itself: zip, tar, 7z and the compressed tars with
// libarchive's writer, RAR (which no free tool writes) byte by byte from the published format.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <locale.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <boost/crc.hpp>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "archive/archive_format.hpp"
#include "archive/archive_reader.hpp"
#include "archive/member_path.hpp"
#include "archive_builder.hpp"

using namespace gongwen;
using namespace gongwen::test;

namespace {

constexpr std::uint64_t MiB = 1 << 20;

// ---- reading ----------------------------------------------------------------------------

struct Read {
    std::vector<std::string> paths;
    std::vector<std::string> provenances;
    std::vector<std::string> bytes;
    std::vector<int> depths;
    std::vector<std::int64_t> mtimes;
    ArchiveReadSummary summary;

    std::string bytes_of(const std::string& path) const {
        const auto it = std::find(paths.begin(), paths.end(), path);
        return it == paths.end() ? "<absent>" : bytes[it - paths.begin()];
    }
    // Everything reported, for failure messages.
    std::string report() const {
        std::string text;
        for (const ArchiveProblem& p : summary.problems) text += "\n  " + describe(p, "archive");
        return text;
    }
    // Whether some reason reported for `member` contains `fragment`.
    bool reported(const std::string& member, const std::string& fragment) const {
        return std::any_of(
            summary.problems.begin(), summary.problems.end(), [&](const ArchiveProblem& p) {
                return p.member == member && p.reason.find(fragment) != std::string::npos;
            });
    }
    // The first reason reported for `member`, or "" when none was.
    std::string problem(const std::string& member) const {
        for (const ArchiveProblem& p : summary.problems)
            if (p.member == member) return p.reason;
        return "";
    }
};

Read read(const std::string& bytes, const std::string& name, const ArchiveLimits& limits = {}) {
    Read r;
    r.summary = read_archive(bytes, name, limits, [&](const ArchiveMember& m) {
        r.paths.emplace_back(m.path);
        r.provenances.emplace_back(m.provenance);
        r.bytes.emplace_back(m.bytes);
        r.depths.push_back(m.depth);
        r.mtimes.push_back(m.mtime);
    });
    return r;
}

using Paths = std::vector<std::string>;

const std::string report_a =
    "二〇二三年工作总结\n一、主要工作\n全年办理案件1234件，同比增长5.6%。\n";
const std::string report_b = "2024年工作要点\n（一）深化改革。\n";

// Report-like text that compresses as real reports do (3 to 5 times), not like a repeated
// phrase would: random words, figures and line breaks.
std::string generated_text(std::size_t size, unsigned seed) {
    static const std::vector<std::string> words = {
        "工作", "总结", "案件", "办理", "同比",   "增长", "下降", "全年", "完成", "推进",
        "深化", "改革", "监督", "检察", "审判",   "执行", "民生", "项目", "资金", "亿元",
        "万元", "排名", "第一", "全省", "全市",   "群众", "服务", "发展", "质量", "安全",
        "，",   "。",   "、",   "；",   "（一）", "二是", "三是", "%",    "件",   "人次"};
    std::mt19937 rng(seed);
    std::string text;
    while (text.size() < size) {
        const unsigned pick = rng() % 50;
        if (pick < words.size())
            text += words[pick];
        else if (pick < 46)
            text += std::to_string(rng() % 100000);
        else
            text += "\n";
    }
    return text;
}

std::uint16_t zip_flags(const std::string& zip_bytes) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(zip_bytes[6]) |
                                      static_cast<unsigned char>(zip_bytes[7]) << 8);
}
constexpr std::uint16_t zip_utf8_flag = 0x0800;

}  // namespace

// ---- recognising archives ---------------------------------------------------------------

TEST(ArchiveSniff, RecognisesEveryFormatByItsBytes) {
    const std::vector<Entry> one = {file("a.txt", report_a)};
    EXPECT_EQ(sniff_archive(zip(one)), ArchiveFormat::zip);
    EXPECT_EQ(sniff_archive(zip({})), ArchiveFormat::zip);  // empty: only the end record
    EXPECT_EQ(sniff_archive(tar(one)), ArchiveFormat::tar);
    EXPECT_EQ(sniff_archive(write_archive({ARCHIVE_FORMAT_TAR_GNUTAR}, one)), ArchiveFormat::tar);
    EXPECT_EQ(sniff_archive(tar(one, ARCHIVE_FILTER_GZIP)), ArchiveFormat::gzip);
    EXPECT_EQ(sniff_archive(tar(one, ARCHIVE_FILTER_BZIP2)), ArchiveFormat::bzip2);
    EXPECT_EQ(sniff_archive(tar(one, ARCHIVE_FILTER_XZ)), ArchiveFormat::xz);
    EXPECT_EQ(sniff_archive(tar(one, ARCHIVE_FILTER_ZSTD)), ArchiveFormat::zstd);
    EXPECT_EQ(sniff_archive(seven_zip(one)), ArchiveFormat::seven_zip);
    EXPECT_EQ(sniff_archive(rar4_stored(one)), ArchiveFormat::rar);
    EXPECT_EQ(sniff_archive(rar5_stored(one)), ArchiveFormat::rar5);
}

TEST(ArchiveSniff, TextIsNeverAnArchive) {
    using namespace std::string_literals;
    EXPECT_FALSE(sniff_archive(""));
    EXPECT_FALSE(sniff_archive(report_a));
    EXPECT_FALSE(sniff_archive("\xB9\xA4\xD7\xF7\xD7\xDC\xBD\xE1\n"));  // GBK text
    EXPECT_FALSE(sniff_archive("\xFF\xFE\x25\x5DtYwbf{~"s));            // UTF-16LE with BOM
    EXPECT_FALSE(sniff_archive("PK is how the file starts"));
    EXPECT_FALSE(sniff_archive("Rar! is not enough"));
    EXPECT_FALSE(sniff_archive("BZh9 and then text, not a bzip2 block"));
    EXPECT_FALSE(sniff_archive("7z"));
    // "ustar" in the right place but no valid tar header checksum.
    std::string fake(600, 'x');
    fake.replace(257, 5, "ustar");
    EXPECT_FALSE(sniff_archive(fake));
}

TEST(ArchiveSniff, ATarHeaderWithADamagedChecksumIsNotATar) {
    std::string t = tar({file("a.txt", report_a)});
    ASSERT_EQ(sniff_archive(t), ArchiveFormat::tar);
    t[0] ^= 1;  // the name changes, the checksum no longer matches
    EXPECT_FALSE(sniff_archive(t));
}

TEST(ArchiveReader, NonArchiveBytesAreReportedNotRead) {
    const Read r = read(report_a, "report.zip");  // the name says zip; the bytes do not
    EXPECT_TRUE(r.paths.empty());
    EXPECT_FALSE(r.summary.complete);
    ASSERT_EQ(r.summary.problems.size(), 1u);
    EXPECT_EQ(describe(r.summary.problems[0], "report.zip"),
              "report.zip: not an archive: no zip, tar, 7z, RAR, gzip, bzip2, xz or zstd "
              "signature");
}

TEST(ArchiveReader, TheNameDoesNotMatterOnlyTheBytes) {
    const Read r = read(zip({file("a.txt", report_a)}), "looks-like-text.txt");
    EXPECT_EQ(r.paths, Paths{"a.txt"});
    EXPECT_EQ(r.provenances, Paths{"looks-like-text.txt!/a.txt"});
}

// ---- every format -----------------------------------------------------------------------

struct FormatCase {
    std::string name;
    std::string (*build)(const std::vector<Entry>&);
    bool stores_epoch_time = true;  // RAR 4 stores local DOS time instead
};

class EveryFormat : public testing::TestWithParam<FormatCase> {};

TEST_P(EveryFormat, StreamsEachMemberWithItsPathAndBytes) {
    const FormatCase& c = GetParam();
    const std::vector<Entry> entries = {
        {"报告/", "", AE_IFDIR},
        file("报告/2023年工作总结.txt", report_a),
        file("报告/要点/2024.txt", report_b),
        file("empty.txt", ""),
    };
    const Read r = read(c.build(entries), c.name);
    EXPECT_TRUE(r.summary.complete);
    EXPECT_TRUE(r.summary.problems.empty()) << describe(r.summary.problems.at(0), c.name);
    ASSERT_EQ(r.paths, (Paths{"报告/2023年工作总结.txt", "报告/要点/2024.txt", "empty.txt"}));
    EXPECT_EQ(r.bytes, (Paths{report_a, report_b, ""}));
    EXPECT_EQ(r.provenances[0], c.name + "!/报告/2023年工作总结.txt");
    EXPECT_EQ(r.depths, (std::vector<int>{0, 0, 0}));
    EXPECT_EQ(r.summary.members, 3u);
    EXPECT_EQ(r.summary.uncompressed_bytes, report_a.size() + report_b.size());
    if (c.stores_epoch_time)
        EXPECT_EQ(r.mtimes[0], 1'700'000'000);
    else
        EXPECT_GT(r.mtimes[0], 1'600'000'000);
}

// RAR cannot hold the directory entry the way the builders write it; the others can.
std::vector<Entry> without_directories(const std::vector<Entry>& entries) {
    std::vector<Entry> files;
    std::copy_if(entries.begin(), entries.end(), std::back_inserter(files),
                 [](const Entry& e) { return e.type == AE_IFREG; });
    return files;
}

INSTANTIATE_TEST_SUITE_P(
    Formats, EveryFormat,
    testing::Values(
        FormatCase{"reports.zip", [](const std::vector<Entry>& e) { return zip(e); }},
        FormatCase{"stored.zip",
                   [](const std::vector<Entry>& e) {
                       return write_archive(
                           {ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, "zip:compression=store"}, e);
                   }},
        FormatCase{"reports.tar", [](const std::vector<Entry>& e) { return tar(e); }},
        FormatCase{"gnu.tar",
                   [](const std::vector<Entry>& e) {
                       return write_archive({ARCHIVE_FORMAT_TAR_GNUTAR}, e);
                   }},
        FormatCase{"reports.tar.gz",
                   [](const std::vector<Entry>& e) { return tar(e, ARCHIVE_FILTER_GZIP); }},
        FormatCase{"reports.tar.bz2",
                   [](const std::vector<Entry>& e) { return tar(e, ARCHIVE_FILTER_BZIP2); }},
        FormatCase{"reports.tar.xz",
                   [](const std::vector<Entry>& e) { return tar(e, ARCHIVE_FILTER_XZ); }},
        FormatCase{"reports.tar.zst",
                   [](const std::vector<Entry>& e) { return tar(e, ARCHIVE_FILTER_ZSTD); }},
        FormatCase{"lzma2.7z", [](const std::vector<Entry>& e) { return seven_zip(e); }},
        FormatCase{"lzma.7z", [](const std::vector<Entry>& e) { return seven_zip(e, "lzma1"); }},
        FormatCase{"bzip2.7z", [](const std::vector<Entry>& e) { return seven_zip(e, "bzip2"); }},
        FormatCase{"deflate.7z",
                   [](const std::vector<Entry>& e) { return seven_zip(e, "deflate"); }},
        FormatCase{"rar4.rar",
                   [](const std::vector<Entry>& e) { return rar4_stored(without_directories(e)); },
                   false},
        FormatCase{
            "rar5.rar",
            [](const std::vector<Entry>& e) { return rar5_stored(without_directories(e)); }}),
    [](const testing::TestParamInfo<FormatCase>& info) {
        std::string n = info.param.name;
        std::replace_if(
            n.begin(), n.end(), [](char ch) { return !std::isalnum(ch); }, '_');
        return n;
    });

TEST(ArchiveReader, TheHandWrittenRarBlocksMatchTheFormat) {
    // The end-of-archive block every RAR 4 archive ends with is C4 3D 7B 00 40 07 00: the
    // builder's CRC over the block gives the same bytes.
    EXPECT_EQ(rar4_end_block(), std::string("\xC4\x3D\x7B\x00\x40\x07\x00", 7));
}

TEST(ArchiveReader, ABareCompressedFileIsAOneMemberArchive) {
    for (const auto& [name, filter] :
         std::vector<std::pair<std::string, int>>{{"report.txt.gz", ARCHIVE_FILTER_GZIP},
                                                  {"report.txt.bz2", ARCHIVE_FILTER_BZIP2},
                                                  {"report.txt.xz", ARCHIVE_FILTER_XZ},
                                                  {"report.txt.zst", ARCHIVE_FILTER_ZSTD}}) {
        SCOPED_TRACE(name);
        const Read r = read(compressed_file(report_a, filter), name);
        EXPECT_TRUE(r.summary.complete);
        EXPECT_TRUE(r.summary.problems.empty());
        EXPECT_EQ(r.provenances, Paths{name + "!/report.txt"});
        EXPECT_EQ(r.bytes, Paths{report_a});
    }
}

// ---- member names -------------------------------------------------------------------------

TEST(ArchiveNames, GbkNamesFromAZipWithoutTheUtf8FlagAreDecoded) {
    // What 7-Zip or Explorer on Chinese Windows write: CP936 bytes, no UTF-8 flag. Written in
    // the C locale so that libarchive stores the bytes unchanged.
    Layout windows;
    windows.locale = "C";
    const std::string z = write_archive(
        windows, {{"\xB9\xA4\xD7\xF7\xD7\xDC\xBD\xE1/", "", AE_IFDIR},
                  file("\xB9\xA4\xD7\xF7\xD7\xDC\xBD\xE1/\xD2\xBB\xBC\xBE\xB6\xC8.txt", report_a),
                  // 淺 is 9C 5C in GBK: its second byte is a backslash, not a separator.
                  file("\x9C\x5C\xCE\xF6.txt", report_b)});
    ASSERT_EQ(zip_flags(z) & zip_utf8_flag, 0) << "the test zip must not carry the UTF-8 flag";
    const Read r = read(z, "归档.zip");
    EXPECT_TRUE(r.summary.problems.empty());
    EXPECT_EQ(r.paths, (Paths{"工作总结/一季度.txt", "淺析.txt"}));
    EXPECT_EQ(r.provenances[0], "归档.zip!/工作总结/一季度.txt");
    EXPECT_EQ(r.bytes_of("淺析.txt"), report_b);
}

TEST(ArchiveNames, Utf8FlaggedZipNamesAreTakenAsUtf8) {
    const std::string z =
        write_archive({ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, "zip:hdrcharset=UTF-8"},
                      {file("工作总结/一季度.txt", report_a)});
    ASSERT_NE(zip_flags(z) & zip_utf8_flag, 0) << "the test zip must carry the UTF-8 flag";
    const Read r = read(z, "a.zip");
    EXPECT_EQ(r.paths, Paths{"工作总结/一季度.txt"});
}

TEST(ArchiveNames, UnflaggedUtf8NamesAsInfoZipWritesThemStayUtf8) {
    Layout linux_zip;
    linux_zip.locale = "C";  // libarchive stores the bytes as given, without the flag
    const std::string z = write_archive(linux_zip, {file("工作总结.txt", report_a)});
    ASSERT_EQ(zip_flags(z) & zip_utf8_flag, 0);
    EXPECT_EQ(read(z, "a.zip").paths, Paths{"工作总结.txt"});
}

TEST(ArchiveNames, GbkNamesInTarAndRarAreDecodedToo) {
    Layout gnu{ARCHIVE_FORMAT_TAR_GNUTAR};
    gnu.locale = "C";
    const std::string gbk_name = "\xB9\xA4\xD7\xF7\xD7\xDC\xBD\xE1.txt";
    EXPECT_EQ(read(write_archive(gnu, {file(gbk_name, report_a)}), "a.tar").paths,
              Paths{"工作总结.txt"});
    EXPECT_EQ(read(rar4_stored({file(gbk_name, report_a)}), "a.rar").paths, Paths{"工作总结.txt"});
}

TEST(ArchiveNames, DecodingAndChecking) {
    EXPECT_EQ(decode_member_name("plain.txt"), "plain.txt");
    EXPECT_EQ(decode_member_name("二〇二三年"), "二〇二三年");
    EXPECT_EQ(decode_member_name("\xB6\xFE\xA9\x96\xB6\xFE\xC8\xFD\xC4\xEA"), "二〇二三年");
    // Neither UTF-8 nor GB18030: replacement characters, never invalid UTF-8.
    EXPECT_EQ(decode_member_name("\xFF\xFF.txt"), "\uFFFD\uFFFD.txt");
    EXPECT_EQ(check_member_path("./a//b/./c.txt").path, "a/b/c.txt");
    EXPECT_EQ(check_member_path("dir\\sub\\c.txt").path, "dir/sub/c.txt");
    EXPECT_EQ(check_member_path("..a/b..").path, "..a/b..");  // dots inside names are fine
    EXPECT_NE(check_member_path("a/../../b").refusal, "");
    EXPECT_NE(check_member_path("..\\..\\win.ini").refusal, "");
    EXPECT_NE(check_member_path("/etc/passwd").refusal, "");
    EXPECT_NE(check_member_path("C:\\Windows\\x.txt").refusal, "");
    EXPECT_NE(check_member_path("c:x.txt").refusal, "");
}

// ---- nesting ----------------------------------------------------------------------------

TEST(ArchiveNesting, NestedArchivesAreOpenedAndTheirPathsJoined) {
    const std::string inner_7z = seven_zip({file("深处.txt", report_b)});
    const std::string inner =
        tar({file("member.txt", report_a), file("deeper.7z", inner_7z)}, ARCHIVE_FILTER_GZIP);
    const std::string outer =
        zip({file("top.txt", report_b), file("dir/inner.tar.gz", inner),
             file("r.rar", rar5_stored({file("x.txt", report_a)})),
             file("one.txt.gz", compressed_file(report_b, ARCHIVE_FILTER_GZIP))});
    const Read r = read(outer, "outer.zip");
    EXPECT_TRUE(r.summary.complete);
    EXPECT_TRUE(r.summary.problems.empty());
    EXPECT_EQ(r.provenances, (Paths{"outer.zip!/top.txt", "outer.zip!/dir/inner.tar.gz!/member.txt",
                                    "outer.zip!/dir/inner.tar.gz!/deeper.7z!/深处.txt",
                                    "outer.zip!/r.rar!/x.txt", "outer.zip!/one.txt.gz!/one.txt"}));
    EXPECT_EQ(r.paths[2], "dir/inner.tar.gz!/deeper.7z!/深处.txt");
    EXPECT_EQ(r.depths, (std::vector<int>{0, 1, 2, 1, 1}));
    EXPECT_EQ(r.bytes_of("dir/inner.tar.gz!/deeper.7z!/深处.txt"), report_b);
}

TEST(ArchiveNesting, ArchivesDeeperThanTheLimitAreReportedNotOpened) {
    std::string nested = zip({file("bottom.txt", report_a)});  // level 4 below the outer one
    for (int level = 3; level >= 0; --level)
        nested = zip(
            {file("level" + std::to_string(level) + ".txt", report_b), file("next.zip", nested)});
    ArchiveLimits limits;
    limits.max_depth = 3;
    const Read r = read(nested, "n.zip", limits);
    EXPECT_EQ(r.paths,
              (Paths{"level0.txt", "next.zip!/level1.txt", "next.zip!/next.zip!/level2.txt",
                     "next.zip!/next.zip!/next.zip!/level3.txt"}));
    EXPECT_EQ(r.problem("next.zip!/next.zip!/next.zip!/next.zip"),
              "zip archive at nesting level 4, deeper than max_depth (3): not opened");
    EXPECT_TRUE(r.summary.complete);

    limits.max_depth = 4;
    EXPECT_EQ(read(nested, "n.zip", limits)
                  .bytes_of("next.zip!/next.zip!/next.zip!/next.zip!/bottom.txt"),
              report_a);
    limits.max_depth = 0;
    EXPECT_EQ(read(nested, "n.zip", limits).paths, Paths{"level0.txt"});
}

TEST(ArchiveNesting, ADamagedInnerArchiveHarmsOnlyItself) {
    std::string broken = zip({file("a.txt", report_a)});
    broken.resize(40);  // the local header survives, its data does not
    const Read r = read(zip({file("broken.zip", broken), file("fine.txt", report_b)}), "o.zip");
    EXPECT_EQ(r.paths, Paths{"fine.txt"});
    EXPECT_FALSE(r.summary.complete);
    EXPECT_NE(r.problem("broken.zip"), "") << "the inner archive should be named";
}

// ---- hostile archives ---------------------------------------------------------------------

// 256 MiB of zeros deflate to about 260 KiB (ratio 1000). Built once per test process: it
// takes seconds.
const std::string& zip_bomb() {
    static const std::string bomb = zip(
        {file("a.txt", report_a), filled("bomb.txt", 256 * MiB, '\0'), file("z.txt", report_b)});
    return bomb;
}

TEST(ArchiveHostile, AZipBombIsStoppedEarlyAndTheOtherMembersSurvive) {
    ASSERT_LT(zip_bomb().size(), MiB);
    // Its declared size alone gives it away under the default limits.
    const Read by_size = read(zip_bomb(), "bomb.zip");
    EXPECT_EQ(by_size.paths, (Paths{"a.txt", "z.txt"}));
    EXPECT_EQ(by_size.problem("bomb.txt"),
              "declares 268435456 bytes, more than the per-member limit of 128 MiB "
              "(max_member_size): member skipped");
    EXPECT_EQ(by_size.summary.uncompressed_bytes, report_a.size() + report_b.size());
    EXPECT_TRUE(by_size.summary.complete);

    // Allowed by size, it is stopped by its ratio right after ratio_applies_above (1 MiB).
    ArchiveLimits limits;
    limits.max_member_size = 1024 * MiB;
    const Read by_ratio = read(zip_bomb(), "bomb.zip", limits);
    EXPECT_EQ(by_ratio.paths, (Paths{"a.txt", "z.txt"}));
    EXPECT_EQ(by_ratio.problem("bomb.txt"),
              "compression ratio over 200 (max_ratio), a zip bomb: not read further; member "
              "skipped");
    EXPECT_TRUE(by_ratio.summary.complete);
    EXPECT_LT(by_ratio.summary.uncompressed_bytes, 3 * MiB);
}

TEST(ArchiveHostile, AZipBombLyingAboutItsSizeIsStoppedWhileStreaming) {
    // All three places that hold the size claim 16 bytes; with no ratio limit, only
    // the streaming size check stands between the bomb and 256 MiB of memory.
    std::string z = zip_bomb();
    const std::string claimed("\x10\x00\x00\x00", 4);
    int patched = 0;
    for (std::size_t at = z.find("PK\x01\x02"); at != std::string::npos;
         at = z.find("PK\x01\x02", at + 4)) {
        if (z.compare(at + 46, 8, "bomb.txt") != 0) continue;
        z.replace(at + 24, 4, claimed);  // central directory: uncompressed size
        ++patched;
    }
    for (std::size_t at = z.find("PK\x03\x04"); at != std::string::npos;
         at = z.find("PK\x03\x04", at + 4)) {
        if (z.compare(at + 30, 8, "bomb.txt") != 0) continue;
        z.replace(at + 22, 4, claimed);  // local header: uncompressed size
        const std::size_t descriptor = z.find("PK\x07\x08", at);
        ASSERT_NE(descriptor, std::string::npos);
        z.replace(descriptor + 12, 4, claimed);  // data descriptor: uncompressed size
        ++patched;
    }
    ASSERT_EQ(patched, 2);
    ArchiveLimits limits;
    limits.max_ratio = 0;
    limits.max_member_size = 8 * MiB;
    const Read r = read(z, "liar.zip", limits);
    EXPECT_EQ(r.paths, (Paths{"a.txt", "z.txt"})) << r.report();
    EXPECT_NE(r.problem("bomb.txt"), "");
    EXPECT_LT(r.summary.uncompressed_bytes, 10 * MiB);
}

TEST(ArchiveHostile, AMemberDeclaringAnOversizeIsSkippedUnread) {
    ArchiveLimits limits;
    limits.max_member_size = 1000;
    const std::string big(5000, 'x');
    const Read r = read(zip({file("big.txt", big), file("small.txt", report_b)}), "a.zip", limits);
    EXPECT_EQ(r.paths, Paths{"small.txt"});
    EXPECT_EQ(r.problem("big.txt"),
              "declares 5000 bytes, more than the per-member limit of 1000 bytes "
              "(max_member_size): member skipped");
    EXPECT_EQ(r.summary.uncompressed_bytes, report_b.size());
}

TEST(ArchiveHostile, ABombInACompressedTarStopsThatArchiveWithoutInflatingIt) {
    // One gzip stream: what follows the bomb can only be reached through it. Under the
    // default limits the bomb's declared size already refuses it, but passing over it would
    // mean inflating it: the archive's ratio limit stops that.
    const std::string t =
        tar({file("a.txt", report_a), filled("bomb.txt", 256 * MiB, '\0'), file("z.txt", report_b)},
            ARCHIVE_FILTER_GZIP);
    const Read r = read(t, "bomb.tar.gz");
    EXPECT_EQ(r.paths, Paths{"a.txt"});
    EXPECT_FALSE(r.summary.complete);
    EXPECT_TRUE(r.reported("bomb.txt",
                           "the archive expands to more than 200 times its size (max_ratio), a "
                           "decompression bomb: reading stopped here"))
        << r.report();
    // At most 200 times the archive's size came out, far from the 256 MiB inside.
    EXPECT_LE(r.summary.uncompressed_bytes, 200 * t.size() + MiB);
    EXPECT_LT(r.summary.uncompressed_bytes, 128 * MiB);
}

TEST(ArchiveHostile, ABareGzipBombIsStopped) {
    // Spaces, not zeros: a stream that starts with zero blocks reads as an empty tar.
    const std::string gz =
        write_archive({ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_GZIP}, {filled("data", 256 * MiB, ' ')});
    const Read r = read(gz, "bomb.txt.gz");
    EXPECT_TRUE(r.paths.empty());
    EXPECT_TRUE(r.reported("bomb.txt", "a decompression bomb")) << r.report();
    EXPECT_LT(r.summary.uncompressed_bytes, 128 * MiB);
}

TEST(ArchiveHostile, AnOversizeMemberInACompressedTarIsPassedOverAndTheRestSurvive) {
    // Too big, but not a bomb: decompressed and discarded to reach the next member.
    const std::string big = generated_text(3 * MiB, 7);
    ArchiveLimits limits;
    limits.max_member_size = MiB;
    const Read r =
        read(tar({file("big.txt", big), file("after.txt", report_b)}, ARCHIVE_FILTER_ZSTD),
             "a.tar.zst", limits);
    EXPECT_EQ(r.paths, Paths{"after.txt"});
    EXPECT_EQ(r.bytes, Paths{report_b});
    EXPECT_NE(r.problem("big.txt"), "");
    EXPECT_TRUE(r.summary.complete);
}

TEST(ArchiveHostile, TheTotalSizeLimitStopsTheWholeTree) {
    ArchiveLimits limits;
    limits.max_total_size = 2 * report_a.size() + 10;
    const std::string inner = zip({file("i1.txt", report_a), file("i2.txt", report_a)});
    const Read r =
        read(zip({file("a.txt", report_a), file("in.zip", inner), file("z.txt", report_a)}),
             "t.zip", limits);
    EXPECT_EQ(r.paths, Paths{"a.txt"});
    EXPECT_FALSE(r.summary.complete);
    EXPECT_NE(r.problem("in.zip"), "");
    EXPECT_LE(r.summary.uncompressed_bytes, limits.max_total_size + inner.size());
}

TEST(ArchiveHostile, TheMemberCountLimitCountsEveryEntry) {
    std::vector<Entry> many;
    for (int i = 0; i < 20; ++i) many.push_back(file("r" + std::to_string(i) + ".txt", report_b));
    ArchiveLimits limits;
    limits.max_members = 5;
    const Read r = read(tar(many, ARCHIVE_FILTER_GZIP), "many.tar.gz", limits);
    EXPECT_EQ(r.paths.size(), 5u);
    EXPECT_FALSE(r.summary.complete);
    EXPECT_EQ(r.problem(""), "more than 5 entries (max_members); the rest were not read");
}

TEST(ArchiveHostile, TraversalAndAbsoluteNamesAreSkipped) {
    const std::vector<Entry> entries = {
        file("../../etc/passwd", "root:x:0:0"), file("ok/../../escape.txt", "x"),
        file("..\\..\\windows\\win.ini", "x"),  file("/etc/shadow", "x"),
        file("C:\\Windows\\system.ini", "x"),   file("./fine/./report.txt", report_a)};
    for (const auto& [name, bytes] :
         std::vector<std::pair<std::string, std::string>>{{"t.zip", zip(entries)},
                                                          {"t.tar", tar(entries)},
                                                          {"t.7z", seven_zip(entries)},
                                                          {"t.rar", rar5_stored(entries)}}) {
        SCOPED_TRACE(name);
        const Read r = read(bytes, name);
        EXPECT_EQ(r.paths, Paths{"fine/report.txt"}) << r.report();
        EXPECT_TRUE(r.summary.complete);
        EXPECT_EQ(r.problem("../../etc/passwd"),
                  "path traversal (a \"..\" component): member skipped");
        EXPECT_NE(r.problem("ok/../../escape.txt"), "");
        // libarchive's zip writer turns backslashes into slashes; the others keep them.
        EXPECT_NE(r.problem("..\\..\\windows\\win.ini") + r.problem("../../windows/win.ini"), "");
        EXPECT_EQ(r.problem("/etc/shadow"), "absolute path: member skipped");
        EXPECT_NE(r.problem("C:\\Windows\\system.ini") + r.problem("C:/Windows/system.ini"), "");
        EXPECT_EQ(describe(r.summary.problems.at(0), name),
                  name + "!/../../etc/passwd: path traversal (a \"..\" component): member skipped");
    }
}

TEST(ArchiveHostile, LinksAndSpecialFilesAreSkipped) {
    const std::vector<Entry> entries = {file("real.txt", report_a),
                                        {"passwd", "", AE_IFLNK, "/etc/passwd"},
                                        {"hard.txt", "", AE_IFREG, "real.txt"},
                                        {"null", "", AE_IFCHR},
                                        {"pipe", "", AE_IFIFO},
                                        file("after.txt", report_b)};
    const Read r = read(tar(entries, ARCHIVE_FILTER_GZIP), "links.tar.gz");
    EXPECT_EQ(r.paths, (Paths{"real.txt", "after.txt"}));
    EXPECT_TRUE(r.summary.complete);
    EXPECT_EQ(r.problem("passwd"),
              "symbolic link to \"/etc/passwd\": links are not followed; member skipped");
    EXPECT_EQ(r.problem("hard.txt"),
              "hard link to \"real.txt\": links are not followed; member skipped");
    EXPECT_EQ(r.problem("null"), "character device: member skipped");
    EXPECT_EQ(r.problem("pipe"), "FIFO: member skipped");

    const Read z = read(zip({{"link", "", AE_IFLNK, "../../etc/passwd"}, file("a.txt", report_a)}),
                        "links.zip");
    EXPECT_EQ(z.paths, Paths{"a.txt"});
    EXPECT_NE(z.problem("link"), "");
}

TEST(ArchiveHostile, EncryptedMembersAreReported) {
    Layout encrypted{ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, "zip:encryption=zipcrypt"};
    encrypted.passphrase = "secret";
    const Read r = read(write_archive(encrypted, {file("secret.txt", report_a)}), "e.zip");
    EXPECT_TRUE(r.paths.empty());
    EXPECT_EQ(r.problem("secret.txt"), "encrypted, and gongwen has no password: member skipped");
}

// A cut in the middle of the third member, for every format that can be read sequentially.
TEST(ArchiveHostile, ATruncatedArchiveKeepsTheMembersBeforeTheDamage) {
    // Big enough to span several compressed blocks of every filter (at the fast levels used
    // here, bzip2's blocks are 100 KB).
    const std::string big = generated_text(MiB, 3);
    const std::vector<Entry> entries = {file("1.txt", report_a), file("2.txt", report_b),
                                        file("3.txt", big), file("4.txt", report_a)};
    const auto fast_tar = [&](int filter, const std::string& level) {
        return write_archive({ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, filter, level}, entries);
    };
    for (const auto& [name, whole] : std::vector<std::pair<std::string, std::string>>{
             {"t.zip", zip(entries)},
             {"t.tar", tar(entries)},
             {"t.tar.gz", fast_tar(ARCHIVE_FILTER_GZIP, "gzip:compression-level=1")},
             {"t.tar.bz2", fast_tar(ARCHIVE_FILTER_BZIP2, "bzip2:compression-level=1")},
             {"t.tar.xz", fast_tar(ARCHIVE_FILTER_XZ, "xz:compression-level=0")},
             {"t.tar.zst", fast_tar(ARCHIVE_FILTER_ZSTD, "zstd:compression-level=1")},
             {"t.rar", rar4_stored(entries)},
             {"t5.rar", rar5_stored(entries)}}) {
        SCOPED_TRACE(name);
        // Where member 3 lies in the archive differs per format; half of the archive is
        // inside it for all of these (it is the bulk of the data).
        const std::string cut = whole.substr(0, whole.size() / 2);
        const Read r = read(cut, name);
        EXPECT_EQ(r.paths, (Paths{"1.txt", "2.txt"}));
        EXPECT_EQ(r.bytes, (Paths{report_a, report_b}));
        EXPECT_FALSE(r.summary.complete);
        EXPECT_FALSE(r.summary.problems.empty());
    }
}

TEST(ArchiveHostile, ATruncated7zIsReportedAsAWhole) {
    // 7z keeps its directory at the end: without it nothing can be found.
    const std::string s = seven_zip({file("1.txt", report_a), file("2.txt", report_b)});
    const Read r = read(s.substr(0, s.size() - 20), "t.7z");
    EXPECT_TRUE(r.paths.empty());
    EXPECT_FALSE(r.summary.complete);
    ASSERT_FALSE(r.summary.problems.empty());
    EXPECT_EQ(r.summary.problems[0].member, "");
}

// Stored members, so that the flipped byte reaches the CRC check rather than a decoder. (RAR
// is not here: libarchive 3.6 does not check the CRC of stored RAR data.)
TEST(ArchiveHostile, ADamagedMemberIsNotDeliveredButItsNeighboursAre) {
    const std::vector<Entry> entries = {file("1.txt", report_a), file("2.txt", report_b)};
    for (const auto& [name, whole] : std::vector<std::pair<std::string, std::string>>{
             {"crc.zip",
              write_archive({ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, "zip:compression=store"},
                            entries)},
             {"crc.7z", seven_zip(entries, "store")}}) {
        SCOPED_TRACE(name);
        std::string damaged = whole;
        damaged[damaged.find(report_a) + 3] ^= 0x20;
        const Read r = read(damaged, name);
        EXPECT_EQ(std::count(r.paths.begin(), r.paths.end(), "1.txt"), 0) << r.report();
        EXPECT_NE(r.problem("1.txt"), "");
    }
    // In a zip every member stands alone: the next one is still read.
    std::string zip_damaged =
        write_archive({ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, "zip:compression=store"}, entries);
    zip_damaged[zip_damaged.find(report_a) + 3] ^= 0x20;
    EXPECT_EQ(read(zip_damaged, "crc.zip").paths, Paths{"2.txt"});
}

TEST(ArchiveHostile, GarbageBehindASignatureIsReported) {
    using namespace std::string_literals;
    for (const std::string& junk :
         {"PK\x03\x04"s + std::string(100, '\x7F'), "7z\xBC\xAF\x27\x1C"s + std::string(100, 'j'),
          "Rar!\x1A\x07\x00"s + std::string(100, 'j'),
          "Rar!\x1A\x07\x01\x00"s + std::string(100, 'j'), "\x1F\x8B\x08"s + std::string(100, 'j'),
          "\xFD"
          "7zXZ\x00"s +
              std::string(100, 'j'),
          "\x28\xB5\x2F\xFD"s + std::string(100, 'j')}) {
        const Read r = read(junk, "junk.bin");
        EXPECT_TRUE(r.paths.empty());
        // libarchive's RAR 5 reader ends such input as if it were empty ("no members"); the
        // others fail, and the archive is incomplete. Either way there is a report.
        ASSERT_FALSE(r.summary.problems.empty());
        EXPECT_NE(r.summary.problems[0].reason, "");
    }
}

// Damage anywhere must end in a report, never in a crash, a hang or a member over the limits
// (this also runs under ASan and UBSan).
TEST(ArchiveHostile, RandomDamageNeverCrashes) {
    const std::vector<Entry> entries = {file("a.txt", report_a), file("b/b.txt", report_b),
                                        file("c.txt", report_a + report_b)};
    const std::vector<std::string> archives = {zip(entries),
                                               tar(entries, ARCHIVE_FILTER_GZIP),
                                               tar(entries, ARCHIVE_FILTER_XZ),
                                               tar(entries, ARCHIVE_FILTER_ZSTD),
                                               tar(entries, ARCHIVE_FILTER_BZIP2),
                                               seven_zip(entries),
                                               rar4_stored(entries),
                                               rar5_stored(entries),
                                               zip({file("in.zip", zip(entries))})};
    ArchiveLimits limits;
    limits.max_member_size = 4096;
    std::mt19937 rng(20240601);
    int runs = 0;
    for (const std::string& original : archives) {
        for (int i = 0; i < 150; ++i) {
            std::string damaged = original;
            const int flips = 1 + static_cast<int>(rng() % 4);
            for (int f = 0; f < flips; ++f)
                damaged[rng() % damaged.size()] = static_cast<char>(rng());
            if (rng() % 3 == 0) damaged.resize(rng() % damaged.size());
            const ArchiveReadSummary s =
                read_archive(damaged, "x", limits, [&](const ArchiveMember& m) {
                    EXPECT_LE(m.bytes.size(), limits.max_member_size);
                    EXPECT_FALSE(m.path.empty());
                });
            for (const ArchiveProblem& p : s.problems) EXPECT_FALSE(p.reason.empty());
            ++runs;
        }
    }
    EXPECT_EQ(runs, 150 * static_cast<int>(archives.size()));
}

// ---- the callback -------------------------------------------------------------------------

TEST(ArchiveReader, TheCallbackRunsInTheCallersLocaleAndMayThrow) {
    const locale_t before = uselocale(locale_t{});
    const std::string z = zip({file("a.txt", report_a), file("b.txt", report_b)});
    int calls = 0;
    read_archive(z, "a.zip", {}, [&](const ArchiveMember&) {
        EXPECT_EQ(uselocale(locale_t{}), before);
        ++calls;
    });
    EXPECT_EQ(calls, 2);
    EXPECT_THROW(read_archive(z, "a.zip", {},
                              [](const ArchiveMember&) { throw std::runtime_error("stop"); }),
                 std::runtime_error);
    EXPECT_EQ(uselocale(locale_t{}), before);
}
