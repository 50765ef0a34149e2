// DamageSigns on its own, built from the plugin's shipped data files. How a line is watched
// changes only which lines the repairer looks at, so through the chain a sign missed on clean
// text cannot be seen; a sign missed on mojibake shows in the repair matrix (repair_test.cpp).
#include <gtest/gtest.h>

#include <unicode/ucnv.h>

#include <string>

#include "gongwen/utf8.hpp"
#include "shipped_damage_signs.hpp"

using namespace gongwen;
using namespace gongwen::encoding_fix;
using Watch = DamageSigns::Watch;

namespace {

const DamageSigns& signs() {
    return encoding_fix::testing::shipped_damage_signs();
}
const CharFrequency& frequency() {
    return encoding_fix::testing::shipped_frequency();
}

// `utf8` written in `from` and read back in `to`, as software that took one for the other.
std::u32string misread(const std::string& utf8, const char* from, const char* to) {
    UErrorCode status = U_ZERO_ERROR;
    std::string bytes(utf8.size() * 2, '\0');
    bytes.resize(std::size_t(ucnv_convert(from, "UTF-8", bytes.data(), int32_t(bytes.size()),
                                          utf8.data(), int32_t(utf8.size()), &status)));
    EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
    std::string shown(bytes.size() * 3, '\0');
    shown.resize(std::size_t(ucnv_convert("UTF-8", to, shown.data(), int32_t(shown.size()),
                                          bytes.data(), int32_t(bytes.size()), &status)));
    EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
    return utf8::decode(shown);
}

TEST(DamageSigns, ATraditionalFormOfACommonCharacterIsOddOnlyUnderCloseWatch) {
    // 槍, 賭, 橫 and 粵 are rare in the (mostly Simplified) table, 枪, 赌, 横 and 粤 are not.
    const std::u32string line = U"依法打擊涉槍涉賭違法犯罪,推進橫琴粵澳深度合作區建設。";
    for (const char32_t c : {U'槍', U'賭', U'橫', U'粵'}) {
        ASSERT_TRUE(frequency().odd(c));
        ASSERT_FALSE(frequency().odd_in_either_script(c));
        EXPECT_EQ(signs().of(c, Watch::ordinary) & DamageSigns::odd, 0);
        EXPECT_NE(signs().of(c, Watch::close) & DamageSigns::odd, 0);
    }
    EXPECT_FALSE(signs().shows_damage(line, Watch::ordinary));
    EXPECT_TRUE(signs().shows_damage(line, Watch::close));
    // Characters rare in both scripts stay odd: 昕 and 茹 side by side are a sign (the
    // repairer then finds the name is no mojibake).
    EXPECT_TRUE(signs().shows_damage(U"由张昕茹同志负责。", Watch::ordinary));
}

TEST(DamageSigns, MojibakeOfEitherScriptShowsDamageUnderOrdinaryWatch) {
    for (const char* sentence : {"全省司法行政系统深入推进依法治理,调解成功率达到百分之九十八。",
                                 "全省司法行政系統深入推進依法治理,調解成功率達到百分之九十八。"}) {
        SCOPED_TRACE(sentence);
        for (const auto& [from, to] : {std::pair{"GBK", "Big5"}, std::pair{"Big5", "GBK"},
                                       std::pair{"UTF-8", "GBK"}, std::pair{"UTF-8", "Big5"}}) {
            SCOPED_TRACE(std::string(from) + " read as " + to);
            const std::u32string shown = misread(sentence, from, to);
            if (shown == utf8::decode(sentence)) continue;
            EXPECT_TRUE(signs().shows_damage(shown, Watch::ordinary)) << utf8::encode(shown);
        }
    }
}

TEST(DamageSigns, CloseWatchOnlyAddsOddCharacters) {
    for (char32_t c = 0; c < 0x10000; ++c) {
        const std::uint8_t ordinary = signs().of(c, Watch::ordinary);
        const std::uint8_t close = signs().of(c, Watch::close);
        ASSERT_EQ(ordinary & ~DamageSigns::odd, close & ~DamageSigns::odd)
            << std::hex << std::uint32_t(c);
        ASSERT_EQ(close & DamageSigns::odd, frequency().odd(c) ? DamageSigns::odd : 0)
            << std::hex << std::uint32_t(c);
        ASSERT_EQ(ordinary & DamageSigns::odd,
                  frequency().odd_in_either_script(c) ? DamageSigns::odd : 0)
            << std::hex << std::uint32_t(c);
        for (const Watch watch : {Watch::ordinary, Watch::close})
            ASSERT_EQ(signs().three_byte_stops(watch)[c] != 0,
                      c < 0x800 || signs().of(c, watch) != DamageSigns::plain)
                << std::hex << std::uint32_t(c);
    }
}

}  // namespace
