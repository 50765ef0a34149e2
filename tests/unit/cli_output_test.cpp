// What the commands print: CJK-aware alignment, CSV and JSON as programs expect, progress
// lines when stderr is not a terminal.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>

#include "cli/display_width.hpp"
#include "cli/progress.hpp"
#include "cli/table_printer.hpp"

using namespace gongwen;

namespace {

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

}  // namespace

TEST(DisplayWidth, CountsWideCharactersTwiceAndColourNotAtAll) {
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("行政复议"), 8u);
    EXPECT_EQ(display_width("（一）"), 6u);   // full-width brackets
    EXPECT_EQ(display_width("ＡＢ"), 4u);     // full-width Latin
    EXPECT_EQ(display_width("e\u0301"), 1u);  // a combining accent takes no column
    EXPECT_EQ(display_width("\x1b[1;31m复议\x1b[0m"), 4u);
}

TEST(DisplayWidth, FitsTextIntoColumnsWithoutSplittingACharacter) {
    EXPECT_EQ(fit_width("行政复议案件", 7), "行政复…");
    EXPECT_EQ(fit_width("行政复议", 8), "行政复议");
    EXPECT_EQ(fit_width("abcdef", 4), "abc…");
    // An open colour is closed after the cut.
    EXPECT_EQ(fit_width("\x1b[1m行政复议案件", 5), "\x1b[1m行政\x1b[0m…");
}

TEST(TablePrinter, AlignsColumnsByDisplayWidthNumbersRight) {
    Table t({{"doc"}, {"subject"}, {"value"}});
    t.add_row({std::int64_t{1}, std::string("行政复议案件"), 39.0});
    t.add_row({std::int64_t{12}, std::string("cases"), 1234.5});
    t.add_row({std::int64_t{3}});  // missing cells are null
    std::ostringstream out;
    print_aligned(out, t);
    const auto l = lines(out.str());
    ASSERT_EQ(l.size(), 5u);
    EXPECT_EQ(l[0], "doc  subject        value");
    EXPECT_EQ(l[2], "  1  行政复议案件      39");
    EXPECT_EQ(l[3], " 12  cases         1234.5");
    EXPECT_EQ(l[4], "  3");
    for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(display_width(l[i]), display_width(l[3]));
}

TEST(TablePrinter, TruncatesOnlyColumnsWithALimitAndKeepsCellsOnOneLine) {
    Table t({{"title", 6}, {"text"}});
    t.add_row({std::string("很长的报告标题"), std::string("两行\n文本")});
    std::ostringstream out;
    print_aligned(out, t);
    EXPECT_EQ(lines(out.str())[2], "很长…  两行 文本");
}

TEST(TablePrinter, WritesCsvThatSpreadsheetsRead) {
    Table t({{"a"}, {"b"}, {"c"}});
    t.add_row({std::string("x,y"), std::string("say \"hi\""), Cell()});
    t.add_row({std::int64_t{-3}, 0.25, std::string("多\n行")});
    std::ostringstream out;
    print_csv(out, t);
    EXPECT_EQ(out.str(), "a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\r\n-3,0.25,\"多\n行\"\r\n");
}

TEST(TablePrinter, WritesJsonWithTypedValues) {
    Table t({{"id"}, {"value"}, {"name"}, {"none"}});
    t.add_row({std::int64_t{7}, 1.5, std::string("全省"), Cell()});
    std::ostringstream out;
    print_json(out, t);
    const auto v = boost::json::parse(out.str()).as_array();
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].at("id").as_int64(), 7);
    EXPECT_DOUBLE_EQ(v[0].at("value").as_double(), 1.5);
    EXPECT_EQ(v[0].at("name").as_string(), "全省");
    EXPECT_TRUE(v[0].at("none").is_null());
}

TEST(TablePrinter, FormatsNumbersAsPeopleWriteThem) {
    EXPECT_EQ(format_number(236000), "236000");
    EXPECT_EQ(format_number(12.83), "12.83");
    EXPECT_EQ(format_number(-0.5), "-0.5");
    EXPECT_EQ(format_number(1e20), "100000000000000000000");
}

TEST(Progress, PrintsAPlainLineEveryTenPercentWhenNotOnATerminal) {
    std::ostringstream out;
    {
        Progress p("export", 20, out, Progress::Style::lines);
        for (int i = 0; i < 20; ++i) p.advance(i == 4);
        p.note("gongwen: one failed");
    }
    const auto l = lines(out.str());
    ASSERT_EQ(l.size(), 11u) << out.str();
    EXPECT_EQ(l[0], "export: 2/20 (10%)");
    EXPECT_EQ(l[4], "export: 10/20 (50%), 1 failed");
    EXPECT_EQ(l[9], "gongwen: one failed");
    EXPECT_EQ(l[10].rfind("export: 20/20 done in ", 0), 0u) << l[10];
    EXPECT_NE(l[10].find("1 failed"), std::string::npos);
}

TEST(Progress, DrawsABarInPlaceOnATerminal) {
    std::ostringstream out;
    {
        Progress p("reprocess", 3, out, Progress::Style::bar);
        for (int i = 0; i < 3; ++i) p.advance();
    }
    const std::string s = out.str();
    EXPECT_NE(s.find("\r\x1b[K"), std::string::npos);
    EXPECT_NE(s.find("3/3 100%"), std::string::npos) << s;
    EXPECT_EQ(s.back(), '\n');
    EXPECT_EQ(lines(s).size(), 1u);
}
