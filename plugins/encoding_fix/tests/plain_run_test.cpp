// plain_run on its own, built from the plugin's sources with its real data files: both strides
// (SSE2, and AVX2 where the processor has it) must end every run exactly where a character by
// character reading says plain text ends, and report the same counts. Through the chain, a
// run that stops early costs only time, so the tests in encoding_fix_test.cpp cannot see it;
// here it fails.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "gongwen/utf8.hpp"
#include "plain_run.hpp"
#include "shipped_damage_signs.hpp"

using namespace gongwen;
using namespace gongwen::encoding_fix;

namespace {

const DamageSigns& signs() {
    return gongwen::encoding_fix::testing::shipped_damage_signs();
}

// How many bytes from `p` are plain, read character by character (plain_run.hpp); with
// `vouched`, every valid three-byte character is.
std::size_t plain_bytes(const unsigned char* p, const unsigned char* end, bool cross_lines,
                        bool vouched = false) {
    const unsigned char* q = p;
    while (q < end) {
        const unsigned char b = *q;
        if ((b >= 0x20 && b < 0x7F && b != '?') || (b == '\n' && cross_lines)) {
            ++q;
            continue;
        }
        if ((b & 0xF0) != 0xE0 || end - q < 3 || (q[1] & 0xC0) != 0x80 || (q[2] & 0xC0) != 0x80)
            break;
        const char32_t c = char32_t(b & 0x0F) << 12 | char32_t(q[1] & 0x3F) << 6 | (q[2] & 0x3F);
        if (!vouched &&
            (c < 0x800 || signs().of(c, DamageSigns::Watch::ordinary) != DamageSigns::plain))
            break;
        q += 3;
    }
    return std::size_t(q - p);
}

// What a run of `n` bytes from `p` must report.
PlainRun expected_run(const unsigned char* p, std::size_t n) {
    PlainRun r;
    r.bytes = n;
    for (std::size_t i = 0; i < n; ++i) {
        const bool starts = (p[i] & 0xC0) != 0x80;
        r.code_points += starts;
        r.multibyte += starts && p[i] >= 0x80;
        r.line_code_points += starts;
        if (p[i] == '\n') {
            ++r.lines;
            r.line_start = i + 1;
            r.line_code_points = 0;
        }
    }
    r.ends_wide = n > 0 && p[n - 1] >= 0x80;
    return r;
}

void expect_same(const PlainRun& got, const PlainRun& want) {
    EXPECT_EQ(got.bytes, want.bytes);
    EXPECT_EQ(got.code_points, want.code_points);
    EXPECT_EQ(got.multibyte, want.multibyte);
    EXPECT_EQ(got.ends_wide, want.ends_wide);
    EXPECT_EQ(got.lines, want.lines);
    if (want.lines) {
        EXPECT_EQ(got.line_start, want.line_start);
    }
    EXPECT_EQ(got.line_code_points, want.line_code_points);
}

bool cpu_has_avx2() {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2");
#else
    return false;
#endif
}

// The strides this processor can take: SSE2 always.
std::vector<Stride> strides() {
    std::vector<Stride> all{Stride::sse2};
    if (cpu_has_avx2()) all.push_back(Stride::avx2);
    return all;
}

const char* name(Stride stride) {
    return stride == Stride::avx2 ? "AVX2" : "SSE2";
}

void note_strides_not_run() {
    if (!cpu_has_avx2()) GTEST_SKIP() << "this processor has no AVX2: only the SSE2 stride ran";
}

// Where the first byte from `p` is that strict UTF-8 does not accept, or `end`.
const unsigned char* first_invalid(const unsigned char* p, const unsigned char* end) {
    while (p < end) {
        const std::size_t n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : 4;
        if (std::size_t(end - p) < n ||
            !utf8::valid(std::string_view(reinterpret_cast<const char*>(p), n)))
            return p;
        p += n;
    }
    return end;
}

// Checks the runs of both strides from every character boundary of `text` against the
// character by character reading; with `vouched`, runs without the table of stops (the
// caller vouches for the three-byte characters).
void check_every_start(const std::string& text, bool cross_lines, bool vouched = false) {
    const std::uint8_t* const stops =
        vouched ? nullptr : signs().three_byte_stops(DamageSigns::Watch::ordinary);
    const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = begin + text.size();
    const std::vector<Stride> all = strides();
    for (const unsigned char* p = begin; p < end; ++p) {
        if ((*p & 0xC0) == 0x80) continue;
        const std::size_t plain = plain_bytes(p, end, cross_lines, vouched);
        for (const Stride stride : all) {
            SCOPED_TRACE(std::string(name(stride)) + " from byte " + std::to_string(p - begin) +
                         " of " + std::to_string(text.size()) + ", " + std::to_string(plain) +
                         " plain");
            const PlainRun run = plain_run(p, end, stops, cross_lines, stride);
            // A run ends where plain text does, but it may leave the last twenty bytes to the
            // caller, and stop at the start of a window that holds invalid UTF-8.
            ASSERT_LE(run.bytes, plain);
            if (run.bytes < plain) {
                const unsigned char* const stop = p + run.bytes;
                EXPECT_TRUE(end - stop < 20 || first_invalid(stop, end) - stop < 16)
                    << "stopped " << plain - run.bytes << " bytes early";
            }
            expect_same(run, expected_run(p, run.bytes));
            // The pipeline relies on it and does not ask again where a run ended.
            if (run.bytes) {
                const PlainRun again = plain_run(p + run.bytes, end, stops, cross_lines, stride);
                EXPECT_EQ(again.bytes, 0u) << "a second run from where the first ended";
            }
            if (::testing::Test::HasFailure()) return;
        }
    }
}

// Random text, mostly plain (Han characters that sign nothing, digits, ASCII words), with
// everything a run must stop at mixed in now and then; `vouchable` leaves out the three-byte
// forms strict UTF-8 refuses, which no decoder vouches for.
std::string random_text(std::mt19937& random, std::size_t pieces, bool vouchable = false) {
    static const std::vector<std::string> plain = {
        "全", "省", "案", "件", "同", "比", "增",  "长", "，", "。", "、", "（", "）", "“",
        "”",  "1",  "23", "%",  ".",  " ",  "GDP", "ab", "\n", "~",  "/",  "_",  ";",  "{|}"};
    static const std::vector<std::string> stops = {"?",
                                                   "\t",
                                                   "\r",
                                                   "\x01",
                                                   "\x7F",
                                                   "\x1B",
                                                   "\xD0\x96",
                                                   "\xC3\xA9",
                                                   "\xF0\x9F\x98\x80",  // controls, 2 and 4 bytes
                                                   "\xEF\xBF\xBD",
                                                   "\xEF\xBB\xBF",
                                                   "\xE9\x8D\x8F",
                                                   "\xE3\x80\x80",  // U+FFFD, BOM, 鍏, U+3000
                                                   "\xE0\x80\x80",
                                                   "\xE0\x81\x81",
                                                   "\xED\xA0\x80",
                                                   "\x80",
                                                   "\xE4\xB8",
                                                   "\xFF"};  // invalid
    std::string out;
    for (std::size_t i = 0; i < pieces; ++i) {
        if (random() % 40 != 0) {
            out += plain[random() % plain.size()];
            continue;
        }
        const std::string& stop = stops[random() % stops.size()];
        const bool refused = stop.size() == 3 && (stop[0] == '\xE0' || stop[0] == '\xED');
        if (!(vouchable && refused)) out += stop;
    }
    return out;
}

TEST(PlainRun, StopsWhereCharacterByCharacterReadingDoes) {
    std::mt19937 random(20261126);
    for (int round = 0; round < 150 && !HasFailure(); ++round) {
        const std::string text = random_text(random, 10 + random() % 120);
        SCOPED_TRACE(::testing::PrintToString(text));
        for (const bool cross_lines : {true, false}) check_every_start(text, cross_lines);
    }
    note_strides_not_run();
}

// Decoded text whose characters the decoder checked (UncheckedSpans): runs go through every
// three-byte character, rare or not, and still stop at everything else.
TEST(PlainRun, VouchedRunsStopOnlyAtBytes) {
    std::mt19937 random(20261127);
    for (int round = 0; round < 150 && !HasFailure(); ++round) {
        const std::string text = random_text(random, 10 + random() % 120, true);
        SCOPED_TRACE(::testing::PrintToString(text));
        for (const bool cross_lines : {true, false}) check_every_start(text, cross_lines, true);
    }
    // And vouching does spare the table: rare characters (鍏ㄧ渷) stop a looked-up run, not a
    // vouched one.
    const std::string rare = "全省共办理各类案件1234件，鍏ㄧ渷同比增长15.3%，其中刑事案件321件。";
    const auto* const begin = reinterpret_cast<const unsigned char*>(rare.data());
    const auto* const end = begin + rare.size();
    EXPECT_LT(
        plain_run(begin, end, signs().three_byte_stops(DamageSigns::Watch::ordinary), true).bytes,
        plain_run(begin, end, nullptr, true).bytes);
    note_strides_not_run();
}

// Long plain stretches, where nearly all of a run is whole windows, with one thing to stop at
// (valid UTF-8: a run must end exactly there) placed at every byte offset of the first hundred.
TEST(PlainRun, LongRunsStopAtEveryOffset) {
    const std::string line = "全省共办理各类案件1234件，同比增长15.3%，其中刑事案件321件。\n";
    std::string stretch;
    while (stretch.size() < 400) stretch += line;
    for (const char* stop :
         {"\xEF\xBF\xBD", "?", "\t", "\xEF\xBB\xBF", "\xC3\xA9", "\xF0\x9F\x98\x80"})
        for (std::size_t at = 0; at < 100; ++at) {
            std::string text = stretch;
            while ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
            text.insert(at, stop);
            SCOPED_TRACE("stop " + ::testing::PrintToString(std::string(stop)) + " at byte " +
                         std::to_string(at));
            const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
            ASSERT_EQ(plain_bytes(begin, begin + text.size(), true), at);
            for (const Stride stride : strides()) {
                const PlainRun got =
                    plain_run(begin, begin + text.size(),
                              signs().three_byte_stops(DamageSigns::Watch::ordinary), true, stride);
                EXPECT_EQ(got.bytes, at) << name(stride);
                expect_same(got, expected_run(begin, at));
            }
        }
}

// Plain text goes by whole windows. A stride that stopped at every window would give the same
// runs as one that does not (the byte by byte loop after it takes over), so the tests above
// cannot tell them apart; this one can. From each of the first hundred starts of a long plain
// stretch, with the table of stops and vouched, within one line and across lines, the windows
// must reach the last ones that fit: the AVX2 stride stops where fewer than 34 bytes are left,
// the SSE2 stride where fewer than 20 are, each up to a window earlier.
TEST(PlainRun, WholeWindowsTakePlainText) {
    const std::string sentence = "全省共办理各类案件1234件，同比增长15.3%，其中刑事案件321件。";
    for (const bool cross_lines : {true, false}) {
        std::string stretch;
        while (stretch.size() < 2000) stretch += sentence + (cross_lines ? "\n" : "");
        const auto* const begin = reinterpret_cast<const unsigned char*>(stretch.data());
        const auto* const end = begin + stretch.size();
        for (const unsigned char* p = begin; p < begin + 100; ++p) {
            if ((*p & 0xC0) == 0x80) continue;
            const std::size_t plain = plain_bytes(p, end, cross_lines);
            ASSERT_EQ(plain, std::size_t(end - p)) << "the stretch is not plain";
            for (const Stride stride : strides())
                for (const std::uint8_t* stops :
                     {signs().three_byte_stops(DamageSigns::Watch::ordinary),
                      static_cast<const std::uint8_t*>(nullptr)}) {
                    const std::size_t left = stride == Stride::avx2 ? 34 + 32 : 20 + 16;
                    EXPECT_GE(whole_window_bytes(p, end, stops, cross_lines, stride) + left, plain)
                        << name(stride) << (stops ? "" : ", vouched") << " from byte " << p - begin
                        << (cross_lines ? ", across lines" : ", in one line");
                }
        }
    }
    note_strides_not_run();
}

}  // namespace
