// section_split on reports written for these tests (tests/data/section_split/), one for each
// outline style the corpus does not show, with the same kinds of furniture and damage.
#include <gtest/gtest.h>

#include "chain_harness.hpp"
#include "split_checks.hpp"
#include "test_paths.hpp"

using namespace section_split_test;
using gongwen::test::ChainHarness;

namespace {

gongwen::Document run_fixture(const std::string& name) {
    ChainHarness chain({"encoding_fix", "section_split"});
    gongwen::Document doc = chain.run_file(gongwen::test::data_dir() / "section_split" / name);
    expect_well_formed(doc);
    return doc;
}

bool contains(const std::vector<std::string>& messages, const std::string& part) {
    for (const auto& m : messages)
        if (m.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST(SectionSplitFixture, ArabicCommaSummaryWithFurniture) {
    const auto doc = run_fixture("summary_arabic_comma.txt");
    const std::vector<ExpectedSection> outline = {
        {1, "1、", "法治建设统筹推进"},
        {1, "2、", "普法宣传深入开展"},
        {1, "3、", "人民调解提质增效"},
        {1, "4、", "公共法律服务更加便捷"},
    };
    EXPECT_EQ(outline_of(doc), outline);
    EXPECT_EQ(doc.title, "临江县司法局2022年工作总结");
    EXPECT_EQ(doc.published, "2023-01-16");
    EXPECT_EQ(doc.issuer, "临江县司法局");
    EXPECT_EQ(doc.period, "2022");
    EXPECT_EQ(doc.report_kind, "summary");
    expect_block(doc, "机构概况", "boilerplate", "navigation");
    expect_block(doc, "首页 > 信息公开", "boilerplate", "navigation");
    expect_block(doc, "临江县司法局2022年工作总结", "title");
    expect_block(doc, "浏览次数", "field", "title_block");
    expect_block(doc, "【字体", "boilerplate", "widget");
    expect_block(doc, "附件下载", "boilerplate", "footer");
    expect_block(doc, "统计表.xls", "boilerplate", "footer");
    expect_block(doc, "案件清单.pdf", "boilerplate", "footer");
    expect_block(doc, "扫一扫", "boilerplate", "widget");
    expect_block(doc, "版权所有", "boilerplate", "footer");
    expect_block(doc, "百家乐", "boilerplate", "spam");
    expect_block(doc, "现将全年工作总结如下", "body");
    EXPECT_TRUE(warnings(doc).empty()) << warnings(doc).front();

    // A run-in heading is split: the heading up to its full stop, the rest of the line body.
    const auto parts = blocks_containing(doc, "召开县委全面依法治县委员会会议");
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0]->kind, "body");
    EXPECT_EQ(parts[0]->section, 0);
    ASSERT_EQ(parts[0]->items.size(), 2u);
    EXPECT_EQ(parts[0]->items[0].marker, "一是");
    EXPECT_EQ(slice(doc, parts[0]->items[0].start, parts[0]->items[0].end),
              "一是完善工作机制，出台《临江县法治督察工作规定》。");
    EXPECT_EQ(slice(doc, parts[0]->items[1].start, parts[0]->items[1].end),
              "二是强化考核，将法治建设纳入综合考核，占比提高到5%。");
    const auto& heading = doc.blocks[static_cast<std::size_t>(parts[0] - doc.blocks.data()) - 1];
    EXPECT_EQ(heading.kind, "heading");
    EXPECT_EQ(slice(doc, heading.start, heading.end),
              "\u00a0\u00a0\u00a0\u00a01、法治建设统筹推进。");
    // A section ends at its last body character: not at the attachment footer after it.
    EXPECT_EQ(slice(doc, doc.sections[3].start, doc.sections[3].end),
              "4、公共法律服务更加便捷。法律援助中心受理案件412件，挽回经济损失1260万元。");
}

TEST(SectionSplitFixture, ReportStartingAtParenLevelNestsToCircledNumbers) {
    const auto doc = run_fixture("nested_paren_levels.txt");
    const std::vector<ExpectedSection> outline = {
        {1, "（一）", "基本情况"},
        {1, "（二）", "主要做法"},
        {2, "1.", "加强组织领导"},
        {3, "（1）", "明确职责分工"},
        {4, "①", "建立周调度制度，累计调度12次"},
        {4, "②", "建立通报制度，印发通报6期"},
        {3, "（2）", "强化督促检查"},
        {3, "（4）", "严格考核问责"},
        {2, "2.", "完善制度体系"},
        {2, "2.", "推进数字化建设"},
        {1, "（三）", "存在问题"},
        {1, "（五）", "下一步打算"},
    };
    EXPECT_EQ(outline_of(doc), outline);
    EXPECT_EQ(doc.title, "");
    EXPECT_EQ(doc.published, "2021-07-05") << "the signature's date, in Chinese numerals";
    EXPECT_EQ(doc.issuer, "市法治办");
    EXPECT_EQ(doc.period, "2021H1");
    expect_block(doc, "市法治办", "field", "signature");
    expect_block(doc, "二〇二一年七月五日", "field", "signature");

    const auto w = warnings(doc);
    EXPECT_EQ(w.size(), 4u);
    EXPECT_TRUE(contains(
        w, "\"（4）\" (line 10) follows \"（2）\" under \"1.加强组织领导\": （3） is missing"));
    EXPECT_TRUE(contains(w, "\"2.\" (line 12) repeats the number"));
    EXPECT_TRUE(contains(w, "\"（五）\" (line 17) follows \"（三）\": （四） is missing"));
    EXPECT_TRUE(contains(w, "backwards year range \"2021-2015年\" (line 11)"));

    // Items at the start of a paragraph.
    const auto items = blocks_containing(doc, "基层力量不足");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0]->items.size(), 3u);
}

TEST(SectionSplitFixture, UnnumberedHeadlinesWithCaptionsAndTwoLineHeadline) {
    const auto doc = run_fixture("highlights_headlines.txt");
    const std::vector<ExpectedSection> outline = {
        {1, "", "行政复议主渠道作用凸显"},
        {1, "", "公共法律服务网络全覆盖 实现一社区一法律顾问"},
        {1, "", "人民调解化解纠纷见实效"},
    };
    EXPECT_EQ(outline_of(doc), outline);
    EXPECT_EQ(doc.title, "2024年江北区司法行政工作十大亮点");
    EXPECT_EQ(doc.published, "2025-01-06") << "not the date in the welcome banner";
    EXPECT_EQ(doc.issuer, "江北法治网");
    EXPECT_EQ(doc.period, "2024");
    EXPECT_EQ(doc.report_kind, "highlights");
    expect_block(doc, "欢迎访问", "boilerplate", "navigation");
    expect_block(doc, "字号", "boilerplate", "widget");
    expect_block(doc, "奋力谱写法治江北新篇章", "title");
    expect_block(doc, "——2024年", "title");
    expect_block(doc, "区司法局召开行政复议工作推进会", "boilerplate", "caption");
    expect_block(doc, "法律顾问走进社区", "boilerplate", "caption");
    expect_block(doc, "以案促改成效明显", "body");
    EXPECT_TRUE(warnings(doc).empty());
    // Both lines of the two-line headline are heading blocks of the same section.
    const auto second = blocks_containing(doc, "实现一社区一法律顾问");
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0]->kind, "heading");
    EXPECT_EQ(second[0]->section, 1);
}

TEST(SectionSplitFixture, TraditionalReportWithoutOutline) {
    // Run without encoding_fix, so that the mis-decoded span reaches section_split as it is.
    const auto doc = split_text(gongwen::test::read_file(
        gongwen::test::data_dir() / "section_split" / "no_outline_traditional.txt"));
    EXPECT_TRUE(doc.sections.empty());
    EXPECT_EQ(doc.title, "南灣區司法局關於2023年上半年法治宣傳工作的總結");
    EXPECT_EQ(doc.published, "2023-07-10");
    EXPECT_EQ(doc.issuer, "南灣區司法局");
    EXPECT_EQ(doc.period, "2023H1");
    EXPECT_EQ(doc.report_kind, "summary");
    expect_block(doc, "首頁 > 政務公開", "boilerplate", "navigation");
    expect_block(doc, "【字體 :", "boilerplate", "widget");
    expect_block(doc, "附件下載", "boilerplate", "footer");
    for (const auto& b : doc.blocks) EXPECT_EQ(b.section, -1);
    // The damaged span stays in the body, and the items around it are found.
    ASSERT_EQ(blocks_containing(doc, "?!盎蹌舆").size(), 1u);
    const auto body = blocks_containing(doc, "開展“憲法進萬家”活動56場次");
    ASSERT_EQ(body.size(), 1u);
    EXPECT_EQ(body[0]->kind, "body");
    ASSERT_EQ(body[0]->items.size(), 3u);
    EXPECT_EQ(body[0]->items[2].marker, "三是");
}

TEST(SectionSplitFixture, PlanWithNumberingRunningAcrossChapters) {
    const auto doc = run_fixture("plan_continuous_numbering.txt");
    const std::vector<ExpectedSection> outline = {
        {1, "一、", "坚持党的全面领导"}, {2, "1.", "深入学习贯彻习近平法治思想"},
        {2, "2.", "加强机关党的建设"},   {1, "二、", "统筹推进法治建设"},
        {2, "3.", "完善法治督察机制"},   {2, "4.", "推进法治政府示范创建"},
        {2, "5.", "加强行政执法监督"},   {1, "三、", "提升公共法律服务水平"},
        {2, "6.", "优化法律援助服务"},   {2, "7.", "深化人民调解工作"},
    };
    EXPECT_EQ(outline_of(doc), outline);
    EXPECT_TRUE(warnings(doc).empty()) << "numbering that runs on across chapters is no fault";
    EXPECT_EQ(doc.title, "");
    EXPECT_EQ(doc.report_kind, "plan");
    EXPECT_EQ(doc.period, "2024");
    EXPECT_FALSE(doc.published.has_value());
}

TEST(SectionSplitFixture, InlineTextsInBothScripts) {
    // The same report in both scripts gives the same structure.
    const std::string simplified =
        "首页 > 政务公开\n\n某县司法局2021年工作总结\n\n发布时间：2022-01-05 来源：某县司法局\n\n"
        "一、主要成绩\n全年办理案件120件。\n二、存在问题\n力量不足。\n";
    const std::string traditional =
        "首頁 > 政務公開\n\n某縣司法局2021年工作總結\n\n發布時間：2022-01-05 來源：某縣司法局\n\n"
        "一、主要成績\n全年辦理案件120件。\n二、存在問題\n力量不足。\n";
    ChainHarness chain({"encoding_fix", "section_split"});
    const auto a = chain.run(simplified);
    const auto b = chain.run(traditional);
    expect_well_formed(a);
    expect_well_formed(b);
    ASSERT_EQ(a.blocks.size(), b.blocks.size());
    for (std::size_t i = 0; i < a.blocks.size(); ++i) {
        EXPECT_EQ(a.blocks[i].kind, b.blocks[i].kind) << i;
        EXPECT_EQ(a.blocks[i].reason, b.blocks[i].reason) << i;
    }
    EXPECT_EQ(outline_of(b),
              (std::vector<ExpectedSection>{{1, "一、", "主要成績"}, {1, "二、", "存在問題"}}));
    EXPECT_EQ(b.issuer, "某縣司法局");
    EXPECT_EQ(a.published, b.published);
    EXPECT_EQ(a.report_kind, "summary");
    EXPECT_EQ(b.report_kind, "summary");
}

TEST(SectionSplitFixture, EmptyAndDegenerateTexts) {
    for (const std::string text :
         {"", "\n", "\n\n\n", "一、", "（一）\n", "1.\n2.", "   \u3000\n", "一是", "首页 > ",
          "2021-2015年", "\xff\xfe broken \xe4\xb8", "\r\n一、标题\r\n正文。\r\n"}) {
        const auto doc = split_text(text);
        expect_well_formed(doc);
    }
    EXPECT_TRUE(split_text("").blocks.empty());
    const auto doc = split_text("只有一行正文，没有换行。");
    ASSERT_EQ(doc.blocks.size(), 1u);
    EXPECT_EQ(doc.blocks[0].kind, "body");
}

TEST(SectionSplitFixture, OtherTitleBlockAndSignatureLayouts) {
    // Fields above the title; a bracketed date line under it; parts above chapters;
    // unnumbered subheads inside a numbered chapter; issuer and date on one closing line.
    const auto doc = split_text(
        "来源：北山市司法局 发布日期：2023年2月1日\n"
        "北山市司法局2022年度法治政府建设情况报告\n"
        "（2023年1月20日）\n\n"
        "第一部分 主要工作\n"
        "一、完善制度\n"
        "健全机制\n"
        "全年出台规范性文件12件，备案审查率100%。\n"
        "强化监督\n"
        "开展执法检查8次，整改问题35个。\n"
        "二、优化服务\n"
        "办理公证事项2300件。\n"
        "第二部分 工作打算\n"
        "一、持续推进\n"
        "继续完善制度建设。\n"
        "北山市司法局 2023年1月20日\n");
    const std::vector<ExpectedSection> outline = {
        {1, "第一部分", "主要工作"}, {2, "一、", "完善制度"}, {3, "", "健全机制"},
        {3, "", "强化监督"},         {2, "二、", "优化服务"}, {1, "第二部分", "工作打算"},
        {2, "一、", "持续推进"},
    };
    EXPECT_EQ(outline_of(doc), outline);
    EXPECT_EQ(doc.title, "北山市司法局2022年度法治政府建设情况报告");
    EXPECT_EQ(doc.published, "2023-02-01");
    EXPECT_EQ(doc.issuer, "北山市司法局") << "the signature's issuer";
    EXPECT_EQ(doc.period, "2022");
    EXPECT_EQ(doc.report_kind, "annual_report");
    expect_block(doc, "（2023年1月20日）", "field", "title_block");
    expect_block(doc, "北山市司法局 2023年1月20日", "field", "signature");
    EXPECT_TRUE(warnings(doc).empty()) << warnings(doc).front();
}
