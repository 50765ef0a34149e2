// section_split on the five sample reports in ../shared/corpus: the full expected outline of
// each (every heading, level and marker), the line kinds, and the metadata the text holds.
// Skips, saying why, where the corpus is absent.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "chain_harness.hpp"
#include "gongwen/utf8.hpp"
#include "split_checks.hpp"
#include "test_paths.hpp"

using namespace section_split_test;
using gongwen::test::ChainHarness;

namespace {

// clang-format off
const std::vector<ExpectedSection> outline_000 = {
    {1, "一、", "堅持政治統領黨建引領,政治忠誠和組織力不斷強化"},
    {1, "二、", "加強法治建設統籌謀劃,依法治省工作邁出堅實步伐"},
    {1, "三、", "胸懷“國之大者”“省之要者”,法治引領改革作用充分發揮"},
    {1, "四、", "推動立法工作提質增效,良法善治保駕護航亮點凸顯"},
    {1, "五、", "深入推進法治政府建設,廣東政府治理體系逐步健全"},
    {1, "六、", "堅持統籌好發展和安全,助力平安廣東建設成果豐碩"},
    {1, "七、", "健全現代法律服務體系,法治為民的滿意度不斷提升"},
    {1, "八、", "加大基層基礎保障力度,司法行政事業發展后勁增強"},
    {1, "九、", "深入開展隊伍教育整頓,打造司法行政鐵軍成效明顯"},
};
const std::vector<ExpectedSection> outline_001 = {
    {1, "一、", "依法防控新冠肺炎疫情,全面助力打赢疫情防控阻击战"},
    {2, "1.", "强化疫情防控法治保障"},
    {2, "2.", "加强疫情防控法治宣传和法律服务"},
    {2, "3.", "筑牢疫情防控严密防线"},
    {1, "二、", "坚持党对司法行政工作的绝对领导,全面加强党的政治建设"},
    {2, "4.", "学习贯彻习近平新时代中国特色社会主义思想"},
    {2, "5.", "坚持和加强党对司法行政工作的绝对领导"},
    {2, "6.", "全面加强司法行政机关党的建设"},
    {2, "7.", "持之以恒正风肃纪反腐"},
    {1, "三、", "深化全面依法治国实践,统筹推动建设更高水平法治广州"},
    {2, "8.", "加强全面依法治市统筹协调工作"},
    {2, "9.", "完善法治督察工作机制"},
    {2, "10.", "持续优化法治化营商环境"},
    {1, "四、", "聚焦国家省市重大战略,全面深化司法行政改革"},
    {2, "11.", "全面深化司法行政改革"},
    {2, "12.", "打造粤港澳大湾区法律服务高地"},
    {2, "13.", "加强广深两市司法行政合作"},
    {1, "五、", "完善行政立法体制机制,全面提升制度体系现代化水平"},
    {2, "14.", "加强和改进政府立法制度建设"},
    {2, "15.", "加强重要领域立法"},
    {2, "16.", "健全行政规范性文件管理机制"},
    {2, "17.", "统筹推进法规规章规范性文件清理"},
    {1, "六、", "严格规范公正文明执法,全面提升政府治理现代化水平"},
    {2, "18.", "加强行政执法规范化建设"},
    {2, "19.", "推进行政决策科学化民主化法治化"},
    {2, "20.", "推进行政复议规范化信息化专业化建设"},
    {2, "21.", "提高行政应诉能力水平"},
    {1, "七、", "建设现代法律服务业强市,全面提升市场治理现代化水平"},
    {2, "22.", "打造全国公共法律服务最便捷城市"},
    {2, "23.", "做大做强涉外法律服务业"},
    {2, "24.", "全面深化律师工作"},
    {2, "25.", "创新优化公证服务"},
    {2, "26.", "完善司法鉴定管理体制"},
    {2, "27.", "完善法律援助制度"},
    {1, "八、", "服务市域治理试点,全面提升社会治理现代化水平"},
    {2, "28.", "加大全民普法力度"},
    {2, "29.", "健全矛盾纠纷多元化解机制"},
    {2, "30.", "提升监狱治理水平"},
    {2, "31.", "深化社区矫正工作体系建设"},
    {2, "32.", "完善刑释人员安置帮教管理机制"},
    {2, "33.", "加强司法行政戒毒工作"},
    {1, "九、", "全面落实新时代党的组织路线,着力建设一支党和人民信得过靠得住能放心的司法行政铁军"},
    {2, "34.", "完善选人用人工作机制"},
    {2, "35.", "创新干部培养教育"},
    {2, "36.", "强化激励保障措施"},
    {1, "十、", "加强基层基础建设,为司法行政事业发展夯实根基"},
    {2, "37.", "强化科技基础建设"},
    {2, "38.", "强化机关效能建设"},
    {2, "39.", "强化基层基础建设"},
};
const std::vector<ExpectedSection> outline_002 = {
    {1, "一、", "2021年推进法治政府建设的主要举措和成效"},
    {2, "(一)", "坚持统筹协调,依法行政工作全面推进"},
    {3, "1.", "统筹推进法治政府建设"},
    {3, "2.", "深入推进依法行政工作"},
    {2, "(二)", "坚持以人民为中心的发展思想,均等普惠的现代公共法律服务水平不断提升"},
    {3, "1.", "深化普法依法治理"},
    {3, "2.", "加强调解工作和特殊人群管控"},
    {3, "3.", "强化公共法律服务供给"},
    {1, "二、", "存在不足和问题"},
    {1, "三、", "2022年重点工作"},
    {2, "(一)", "深入学习贯彻习近平法治思想,提升法治政府建设效能"},
    {2, "(二)", "全面深化改革,提升全区依法行政水平"},
    {2, "(三)", "推进全民普法,提高普法宣传教育针对性及实效性"},
    {2, "(四)", "探索工作新模式,打造新时代人民调解和社区矫正工作品牌"},
    {2, "(五)", "优化服务体系,大力提升公共法律服务和律师管理工作水平"},
};
const std::vector<ExpectedSection> outline_003 = {
    {1, "一、", "上半年工作情况"},
    {2, "(一)", "以政治建设为统领,统筹推进各项重点工作"},
    {2, "(二)", "坚持党对依法治区的绝对领导,深化法治宝安建设"},
    {2, "(三)", "强化依法行政能力,推进法治政府建设工作"},
    {2, "(四)", "健全行政复议与行政诉讼衔接机制,提升行政复议和应诉水平"},
    {2, "(五)", "创新法治宣传形式,打造精准普法大格局"},
    {2, "(六)", "推动企业合规建设工作,探索宝安合规建设新路径"},
    {2, "(七)", "夯实基层调解工作,深化中央依法治国办“三调联动”试点"},
    {2, "(八)", "做大做强公共法律服务,为宝安群众排忧解难"},
    {2, "(九)", "加强律师行业管理,为宝安打造坚实律师队伍"},
    {2, "(十)", "强化社区矫正与安置帮教工作,切实维护社会稳定"},
    {1, "二、", "下半年工作计划"},
    {2, "(一)", "推动落实全面依法治区工作"},
    {2, "(二)", "不断深化企业合规建设工作"},
    {2, "(三)", "纵深推进法治政府建设"},
    {2, "(四)", "持续推进三调联动与光明模式衔接"},
    {2, "(五)", "强化普法宣传力度"},
    {2, "(六)", "加强对政府法律顾问的管理"},
    {2, "(七)", "继续扶持法律服务业发展"},
    {2, "(八)", "做好社区矫正对象管控工作"},
    {2, "(九)", "着力提升公共法律服务水平"},
    {2, "(十)", "提供精准公证服务"},
};
const std::vector<ExpectedSection> outline_004 = {
    {1, "", "深入学习贯彻研究阐释习近平法治思想"},
    {1, "", "构建科学、精准、规范法治建设考评体系"},
    {1, "", "全省道交专项整治工作成效显著"},
    {1, "", "推进新时代律师工作高质量发展"},
    {1, "", "持续巩固提升行政复议体制改革成果"},
    {1, "", "首次对全省法治建设开展高规格全覆盖督察"},
    {1, "", "合力打造法治化营商环境 护航全省经济高质量发展"},
    {1, "", "在全国率先建立政府规章动态清理机制"},
    {1, "", "建设全国首家行政规范性文件研究中心"},
    {1, "", "部署开展“铸忠诚警魂”活动岗位实战大练兵"},
};
// clang-format on

std::filesystem::path corpus_file(const std::string& prefix) {
    for (const auto& f : gongwen::test::corpus_files())
        if (f.filename().string().rfind(prefix, 0) == 0) return f;
    ADD_FAILURE() << "no corpus file " << prefix << "_*.txt";
    return {};
}

gongwen::Document run_corpus(const std::string& prefix) {
    ChainHarness chain({"encoding_fix", "section_split"});
    gongwen::Document doc = chain.run_file(corpus_file(prefix));
    expect_well_formed(doc);
    return doc;
}

// Every non-blank line that is not body or heading, by 1-based line number: "kind" or
// "kind/reason". All other non-blank lines must be body or heading blocks.
using LineKinds = std::map<std::size_t, std::string>;

void expect_line_kinds(const gongwen::Document& doc, const LineKinds& expected) {
    const std::u32string text = gongwen::utf8::decode(doc.text);
    std::vector<std::size_t> line_start{0};
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == U'\n') line_start.push_back(i + 1);
    std::set<std::size_t> seen;
    for (const auto& b : doc.blocks) {
        if (b.kind == "blank") continue;
        const std::size_t line = static_cast<std::size_t>(
            std::upper_bound(line_start.begin(), line_start.end(), b.start) - line_start.begin());
        const std::string got = b.reason.empty() ? b.kind : b.kind + "/" + b.reason;
        const auto want = expected.find(line);
        if (want == expected.end()) {
            EXPECT_TRUE(b.kind == "body" || b.kind == "heading")
                << "line " << line << " is " << got << ": " << slice(doc, b.start, b.end);
        } else {
            EXPECT_EQ(got, want->second) << "line " << line << ": " << slice(doc, b.start, b.end);
            seen.insert(line);
        }
    }
    for (const auto& [line, kind] : expected) EXPECT_TRUE(seen.count(line)) << "line " << line;
}

}  // namespace

TEST(SectionSplitCorpus, TraditionalSummaryWithNavigationAndSpam) {
    GONGWEN_REQUIRE_CORPUS();
    const auto doc = run_corpus("000");
    EXPECT_EQ(outline_of(doc), outline_000);
    expect_line_kinds(doc, {{1, "boilerplate/navigation"},
                            {2, "boilerplate/navigation"},
                            {4, "title"},
                            {6, "field/title_block"},
                            {7, "boilerplate/widget"},
                            {96, "boilerplate/footer"},
                            {97, "boilerplate/spam"}});
    EXPECT_EQ(doc.title, "2021年全省司法行政工作總結");
    EXPECT_EQ(doc.published, "2022-03-21");
    EXPECT_EQ(doc.issuer, "廣東省司法廳");
    EXPECT_EQ(doc.period, "2021");
    EXPECT_EQ(doc.report_kind, "summary");
    EXPECT_TRUE(warnings(doc).empty());
    // The paragraph with the damaged span is body text of chapter 六 (the sixth section).
    const auto damaged = blocks_containing(doc, "啟動法治戒毒場所示范創建活動");
    ASSERT_EQ(damaged.size(), 1u);
    EXPECT_EQ(damaged[0]->kind, "body");
    EXPECT_EQ(damaged[0]->section, 5);
}

TEST(SectionSplitCorpus, PlanNumberedContinuouslyAcrossChapters) {
    GONGWEN_REQUIRE_CORPUS();
    const auto doc = run_corpus("001");
    EXPECT_EQ(outline_of(doc), outline_001);
    expect_line_kinds(doc, {});
    EXPECT_EQ(doc.title, "");
    EXPECT_FALSE(doc.published.has_value());
    EXPECT_EQ(doc.issuer, "");
    EXPECT_EQ(doc.period, "2020");
    EXPECT_EQ(doc.report_kind, "plan");
    EXPECT_TRUE(warnings(doc).empty()) << "1 … 39 across chapters is the plan's own numbering";
}

TEST(SectionSplitCorpus, AnnualReportWithTitleBlockAndItems) {
    GONGWEN_REQUIRE_CORPUS();
    const auto doc = run_corpus("002");
    EXPECT_EQ(outline_of(doc), outline_002);
    expect_line_kinds(doc, {{1, "boilerplate/navigation"},
                            {3, "boilerplate/navigation"},
                            {4, "boilerplate/navigation"},
                            {6, "title"},
                            {8, "field/title_block"},
                            {10, "boilerplate/widget"},
                            {12, "boilerplate/widget"},
                            {14, "boilerplate/widget"},
                            {16, "boilerplate/widget"}});
    EXPECT_EQ(doc.title, "江海区司法局2021年法治政府建设年度报告");
    EXPECT_EQ(doc.published, "2021-12-31");
    EXPECT_EQ(doc.issuer, "江海区司法局");
    EXPECT_EQ(doc.period, "2021");
    EXPECT_EQ(doc.report_kind, "annual_report");
    EXPECT_TRUE(warnings(doc).empty());
    // 一是/二是 items are recorded under their paragraph, never as headings.
    std::size_t items = 0;
    for (const auto& b : doc.blocks) {
        if (!b.items.empty()) {
            EXPECT_EQ(b.kind, "body");
        }
        items += b.items.size();
    }
    EXPECT_GE(items, 15u);
    const auto mediation = blocks_containing(doc, "矛盾纠纷多元化解工作机制更加健全");
    ASSERT_EQ(mediation.size(), 1u);
    ASSERT_FALSE(mediation[0]->items.empty());
    EXPECT_EQ(mediation[0]->items[0].marker, "一是");
    EXPECT_EQ(doc.sections[mediation[0]->section].heading, "加强调解工作和特殊人群管控");
}

TEST(SectionSplitCorpus, HalfYearSummaryWithSignatureAndBackwardsYears) {
    GONGWEN_REQUIRE_CORPUS();
    const auto doc = run_corpus("003");
    EXPECT_EQ(outline_of(doc), outline_003);
    expect_line_kinds(doc, {{1, "boilerplate/navigation"},
                            {2, "boilerplate/navigation"},
                            {57, "field/signature"},
                            {58, "field/signature"}});
    EXPECT_EQ(doc.title, "");
    EXPECT_EQ(doc.published, "2021-07-01");
    EXPECT_EQ(doc.issuer, "深圳市宝安区司法局");
    EXPECT_EQ(doc.period, "2021H1");
    EXPECT_EQ(doc.report_kind, "summary");
    const auto w = warnings(doc);
    ASSERT_EQ(w.size(), 3u);
    for (const auto& message : w)
        EXPECT_NE(message.find("backwards year range \"2021-2015年\""), std::string::npos)
            << message;
    // The last section ends with its body, before the signature.
    EXPECT_EQ(slice(doc, doc.sections.back().end - 5, doc.sections.back().end), "西部证源。");
}

TEST(SectionSplitCorpus, HighlightsWithUnnumberedHeadlinesAndCaptions) {
    GONGWEN_REQUIRE_CORPUS();
    const auto doc = run_corpus("004");
    EXPECT_EQ(outline_of(doc), outline_004);
    expect_line_kinds(doc, {{1, "boilerplate/navigation"},
                            {3, "title"},
                            {5, "field/title_block"},
                            {6, "boilerplate/widget"},
                            {8, "title"},
                            {10, "title"},
                            {32, "boilerplate/caption"},
                            {81, "boilerplate/caption"},
                            {147, "boilerplate/caption"},
                            {166, "boilerplate/caption"}});
    EXPECT_EQ(doc.title, "2023年全省法治建设和司法行政工作十大亮点");
    EXPECT_EQ(doc.published, "2024-01-31");
    EXPECT_EQ(doc.issuer, "甘肃政法网");
    EXPECT_EQ(doc.period, "2023");
    EXPECT_EQ(doc.report_kind, "highlights");
    EXPECT_TRUE(warnings(doc).empty());
}

TEST(SectionSplitCorpus, SameOutlineShapeAfterVariantConversion) {
    GONGWEN_REQUIRE_CORPUS();
    // In the default chain variant_convert runs first; the outline must not depend on it.
    ChainHarness plain({"encoding_fix", "section_split"});
    ChainHarness converted({"encoding_fix", "variant_convert", "section_split"});
    for (const auto& file : gongwen::test::corpus_files()) {
        SCOPED_TRACE(file.filename().string());
        const auto a = plain.run_file(file);
        const auto b = converted.run_file(file);
        expect_well_formed(b);
        ASSERT_EQ(a.sections.size(), b.sections.size());
        for (std::size_t i = 0; i < a.sections.size(); ++i) {
            EXPECT_EQ(a.sections[i].level, b.sections[i].level);
            EXPECT_EQ(a.sections[i].marker, b.sections[i].marker);
        }
        std::size_t boiler_a = 0, boiler_b = 0;
        for (const auto& blk : a.blocks) boiler_a += blk.kind == "boilerplate";
        for (const auto& blk : b.blocks) boiler_b += blk.kind == "boilerplate";
        EXPECT_EQ(boiler_a, boiler_b);
        EXPECT_EQ(a.published, b.published);
        EXPECT_EQ(a.report_kind, b.report_kind);
        EXPECT_EQ(a.period, b.period);
    }
}
