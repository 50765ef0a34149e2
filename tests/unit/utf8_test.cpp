#include <gtest/gtest.h>

#include "gongwen/document.hpp"
#include "gongwen/utf8.hpp"

namespace u = gongwen::utf8;

TEST(Utf8, ValidAcceptsChineseAndAscii) {
    EXPECT_TRUE(u::valid("2021年全省司法行政工作总结 ok"));
    EXPECT_TRUE(u::valid(""));
    EXPECT_TRUE(u::valid("\xF0\x9F\x98\x80"));  // U+1F600
}

TEST(Utf8, ValidRejectsMalformed) {
    EXPECT_FALSE(u::valid("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(u::valid("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(u::valid("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(u::valid("abc\xE4\xB8"));       // truncated at the end
    EXPECT_FALSE(u::valid("\xB9\xA4\xD7\xF7"));  // GBK bytes of 工作
    // Malformed byte after a long ASCII run (exercises the 8-byte fast path).
    EXPECT_FALSE(u::valid("abcdefghijklmnop\xFF"));
}

TEST(Utf8, DecodeEncodeRoundTrip) {
    const std::string s = "一、（一）1.①ａ";
    const std::u32string cps = u::decode(s);
    EXPECT_EQ(cps.size(), 9u);
    EXPECT_EQ(cps[0], U'一');
    EXPECT_EQ(u::encode(cps), s);
    EXPECT_EQ(u::length(s), 9u);
}

TEST(Utf8, NextReplacesMalformedByteAndAdvances) {
    const std::string s =
        "\xFF"
        "a";
    std::size_t pos = 0;
    EXPECT_EQ(u::next(s, pos), u::replacement);
    EXPECT_EQ(pos, 1u);
    EXPECT_EQ(u::next(s, pos), U'a');
}

// next() reads ASCII and three-byte sequences inline: it must read every lead byte followed by
// every kind of byte, cut short or not, as the general decoder does.
TEST(Utf8, NextInlineReadsAsTheGeneralDecoder) {
    const unsigned char kinds[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                   0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
    int compared = 0;
    for (unsigned lead = 0; lead < 0x100; ++lead)
        for (const unsigned char b1 : kinds)
            for (const unsigned char b2 : kinds)
                for (std::size_t length = 1; length <= 4; ++length) {
                    const std::string all{char(lead), char(b1), char(b2), char(0x80)};
                    const std::string s = "x" + all.substr(0, length);
                    std::size_t inline_pos = 1, general_pos = 1;
                    const char32_t got = u::next(s, inline_pos);
                    const char32_t want = u::detail::next_any(s, general_pos);
                    ASSERT_EQ(got, want) << std::hex << lead << " " << int(b1) << " " << int(b2)
                                         << " length " << length;
                    ASSERT_EQ(inline_pos, general_pos);
                    ++compared;
                }
    EXPECT_EQ(compared, 256 * 11 * 11 * 4);
    std::size_t pos = 0;
    EXPECT_EQ(u::next("\xE5\xB7\xA5", pos), U'工');
    pos = 0;
    EXPECT_EQ(u::next("\xED\xA0\x80", pos), u::replacement);  // a surrogate
    pos = 0;
    EXPECT_EQ(u::next("\xE0\x80\xAF", pos), u::replacement);  // overlong
}

TEST(Utf8, IndexConvertsOffsets) {
    const std::string s = "ab全省c";
    u::Index idx(s);
    EXPECT_EQ(idx.code_points(), 5u);
    EXPECT_EQ(idx.byte_offset(2), 2u);
    EXPECT_EQ(idx.byte_offset(3), 5u);
    EXPECT_EQ(idx.byte_offset(5), s.size());
    EXPECT_EQ(idx.code_point_offset(6), 3u);  // inside 省
    EXPECT_EQ(idx.slice(s, 2, 4), "全省");
}

TEST(OffsetMap, EmptyMapIsIdentity) {
    gongwen::Document d;
    EXPECT_EQ(gongwen::map_to_original(d, 17), 17u);
}

TEST(OffsetMap, FollowsSegments) {
    gongwen::Document d;
    // text "ABxyCD" from original "ABlongCD": "xy" (2) replaced "long" (4).
    d.offset_map = {{0, 2, 0, 2}, {2, 2, 2, 4}, {4, 2, 6, 2}};
    EXPECT_EQ(gongwen::map_to_original(d, 1), 1u);
    EXPECT_EQ(gongwen::map_to_original(d, 2), 2u);
    EXPECT_EQ(gongwen::map_to_original(d, 3), 2u);  // inside a converted phrase: its start
    EXPECT_EQ(gongwen::map_to_original(d, 4), 6u);
    EXPECT_EQ(gongwen::map_to_original(d, 5), 7u);
}
