// metric_extract through the real chain runner: normalization, exclusions, context, rules as
// data, and the hand-checked lists of the sample corpus (docs/metrics.md defines a figure).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "chain_harness.hpp"
#include "gongwen/utf8.hpp"
#include "test_paths.hpp"

using gongwen::Document;
using gongwen::Metric;
namespace fs = std::filesystem;
namespace test = gongwen::test;

namespace {

// Runs only metric_extract on a document whose text is already decoded, as encoding_fix and
// variant_convert hand it on; the result does not depend on those plugins' progress.
Document extract(const std::string& text, const std::string& report_kind = "",
                 const std::string& toml = "") {
    test::ChainHarness chain({"metric_extract"}, toml);
    Document doc = test::document_from_bytes(text, "fixture.txt");
    doc.text = text;
    doc.report_kind = report_kind;
    if (auto failure = chain.try_run(doc)) ADD_FAILURE() << failure->message;
    return doc;
}

const Metric* find(const Document& doc, const std::string& surface) {
    for (const auto& m : doc.metrics)
        if (m.text == surface) return &m;
    return nullptr;
}

std::string texts(const Document& doc) {
    std::string s;
    for (const auto& m : doc.metrics) s += "[" + m.text + "]";
    return s;
}

#define EXPECT_METRIC(doc, surface, val, unit_, kind_)                             \
    do {                                                                           \
        const Metric* m_ = find(doc, surface);                                     \
        ASSERT_NE(m_, nullptr) << "no metric " << surface << " in " << texts(doc); \
        EXPECT_DOUBLE_EQ(m_->value, val) << surface;                               \
        EXPECT_EQ(m_->unit, unit_) << surface;                                     \
        EXPECT_EQ(m_->kind, kind_) << surface;                                     \
    } while (0)

struct Expected {
    std::string text, unit, kind, modality, subject;
    double value = 0;
    std::optional<double> value_max;
};

std::vector<Expected> read_expected(const std::string& name) {
    const fs::path file = test::data_dir() / "metric_extract" / "expected" / (name + ".json");
    const auto root = boost::json::parse(test::read_file(file)).as_object();
    std::vector<Expected> out;
    for (const auto& v : root.at("metrics").as_array()) {
        const auto& o = v.as_object();
        Expected e;
        e.text = o.at("text").as_string().c_str();
        e.value = o.at("value").to_number<double>();
        e.unit = o.at("unit").as_string().c_str();
        e.kind = o.at("kind").as_string().c_str();
        if (auto* m = o.if_contains("modality")) e.modality = m->as_string().c_str();
        if (auto* m = o.if_contains("subject")) e.subject = m->as_string().c_str();
        if (auto* m = o.if_contains("value_max")) e.value_max = m->to_number<double>();
        out.push_back(e);
    }
    return out;
}

bool same_figure(const Metric& m, const Expected& e) {
    return std::fabs(m.value - e.value) <= 1e-6 * std::max(1.0, std::fabs(e.value)) &&
           m.unit == e.unit;
}

// Value+unit agreement, in text order (longest common subsequence), as docs/metrics.md
// describes the scoring.
struct Score {
    std::size_t matched = 0, found = 0, expected = 0;
    std::vector<std::pair<std::size_t, std::size_t>> pairs;  // (metric, expected)
    double precision() const { return found ? double(matched) / double(found) : 1.0; }
    double recall() const { return expected ? double(matched) / double(expected) : 1.0; }
};

Score score(const Document& doc, const std::vector<Expected>& exp) {
    const auto& got = doc.metrics;
    const std::size_t n = got.size(), k = exp.size();
    std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(k + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = k; j-- > 0;)
            lcs[i][j] = same_figure(got[i], exp[j]) ? lcs[i + 1][j + 1] + 1
                                                    : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    Score s{lcs[0][0], n, k, {}};
    for (std::size_t i = 0, j = 0; i < n && j < k;) {
        if (same_figure(got[i], exp[j])) {
            s.pairs.emplace_back(i, j);
            ++i, ++j;
        } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
            ++i;
        } else {
            ++j;
        }
    }
    return s;
}

Document corpus_report(const std::string& stem, const std::string& report_kind = "") {
    const auto dir = test::corpus_dir();
    return extract(test::read_file(*dir / (stem + ".txt")), report_kind);
}

}  // namespace

// --- numbers as they are written -------------------------------------------------------

TEST(MetricExtractNumbers, ArabicDecimalsSeparatorsAndFullWidthDigits) {
    Document d = extract("全年办理案件1,234件，收案１２３宗，满意度93.05分，增长１２．５％。\n");
    EXPECT_METRIC(d, "1,234件", 1234, "件", "count");
    EXPECT_METRIC(d, "１２３宗", 123, "宗", "count");
    EXPECT_METRIC(d, "93.05分", 93.05, "分", "score");
    EXPECT_METRIC(d, "１２．５％", 12.5, "%", "percent");
}

TEST(MetricExtractNumbers, ChineseNumerals) {
    Document d =
        extract("召开会议三次，设立两个中心，培训十余期，举办一百二十场，参与群众千余人。\n");
    EXPECT_METRIC(d, "三次", 3, "次", "count");
    EXPECT_METRIC(d, "两个", 2, "个", "count");
    EXPECT_METRIC(d, "十余期", 10, "期", "count");
    EXPECT_METRIC(d, "一百二十场", 120, "场", "count");
    EXPECT_METRIC(d, "千余人", 1000, "人", "count");
    EXPECT_TRUE(find(d, "十余期")->approx);
    EXPECT_EQ(find(d, "千余人")->qualifier, "余");
}

TEST(MetricExtractNumbers, MultipliersInBothScriptsAndMoneyInYuan) {
    Document d = extract(
        "办理援助案件23.6萬宗，执行到位金额245.3亿元，减免2381万元，投入資金1."
        "2億元，覆盖三万余人。\n");
    EXPECT_METRIC(d, "23.6萬宗", 236000, "宗", "count");
    EXPECT_METRIC(d, "245.3亿元", 24530000000.0, "元", "money");
    EXPECT_METRIC(d, "2381万元", 23810000, "元", "money");
    EXPECT_METRIC(d, "1.2億元", 120000000, "元", "money");
    EXPECT_METRIC(d, "三万余人", 30000, "人", "count");
}

TEST(MetricExtractNumbers, QualifiersBeforeInsideAndAfter) {
    Document d = extract(
        "调处纠纷约48.9万件，服务超850万次，接待近20万人次，新建2个以上，办结130余萬件。\n");
    EXPECT_EQ(find(d, "约48.9万件")->qualifier, "约");
    EXPECT_EQ(find(d, "超850万次")->qualifier, "超");
    EXPECT_EQ(find(d, "近20万人次")->qualifier, "近");
    EXPECT_EQ(find(d, "2个以上")->qualifier, "以上");
    EXPECT_METRIC(d, "130余萬件", 1300000, "件", "count");
    for (const auto& m : d.metrics) EXPECT_TRUE(m.approx) << m.text;
}

TEST(MetricExtractNumbers, RangesKeepTheirUpperBound) {
    Document d = extract("每年开展3至5个项目，吸纳20-40岁青年，举办三到五次培训，增幅10%-20%。\n");
    EXPECT_METRIC(d, "3至5个", 3, "个", "count");
    EXPECT_EQ(find(d, "3至5个")->value_max, 5);
    EXPECT_EQ(find(d, "20-40岁")->value_max, 40);
    EXPECT_EQ(find(d, "三到五次")->value_max, 5);
    EXPECT_EQ(find(d, "10%-20%")->value_max, 20);
}

TEST(MetricExtractNumbers, RanksAreFiguresOrdinalsAreNames) {
    Document d = extract(
        "满意度排名第二，荣登热力榜第19名，律师人数居全国首位。召开第四届论坛，第二批试点，第一次会"
        "议。\n");
    EXPECT_METRIC(d, "第二", 2, "", "rank");
    EXPECT_METRIC(d, "第19名", 19, "名", "rank");
    EXPECT_METRIC(d, "首位", 1, "位", "rank");
    EXPECT_EQ(d.metrics.size(), 3u) << texts(d);
}

TEST(MetricExtractNumbers, PercentagePointsMultiplesAndDurations) {
    Document d =
        extract("下降3.2个百分点，增长1.5倍，百分之九十五的群众满意，倒查30年，用时3个月。\n");
    EXPECT_METRIC(d, "3.2个百分点", 3.2, "个百分点", "points");
    EXPECT_METRIC(d, "1.5倍", 1.5, "倍", "multiple");
    EXPECT_METRIC(d, "百分之九十五", 95, "%", "percent");
    EXPECT_METRIC(d, "30年", 30, "年", "duration");
    EXPECT_METRIC(d, "3个月", 3, "个月", "duration");
}

// --- what is not a figure ------------------------------------------------------------------

TEST(MetricExtractExclusions, DatesYearsTitlesSlogansHotlinesMarkersAndCodes) {
    Document d = extract(
        "2021年，深入学习十九届六中全会精神，落实“1+1+9”部署和“八五”普法规划，印发《三年行动计划"
        "(2021-2023年)》，司法通〔2017〕105号。3月10日开通12348热线与12345热线，拨打12348咨询，"
        "启用5G设备和H5页面，实施三年行动计划，增强四个意识，打造一批品牌，建党100周年，省市县三级"
        "，"
        "时间：2022-03-21 17:48:27。\n1.强化督导（1）细化任务\n");
    EXPECT_TRUE(d.metrics.empty()) << texts(d);
}

TEST(MetricExtractExclusions, AFigureBesideAnExclusionIsStillFound) {
    Document d = extract("“20”为20项重点业务，12348热线接听来电2.6万个，全省首个平台上线3个月。\n");
    EXPECT_METRIC(d, "20项", 20, "项", "count");
    EXPECT_METRIC(d, "2.6万个", 26000, "个", "count");
    EXPECT_METRIC(d, "3个月", 3, "个月", "duration");
    EXPECT_EQ(d.metrics.size(), 3u) << texts(d);
}

// --- context ------------------------------------------------------------------------------

TEST(MetricExtractContext, RespectivelyPairsEachFigureWithItsSubject) {
    Document d =
        extract("2023年全省律师、公证、司法鉴定业务收费较2022年底分别增长12.4%、31.1%、43.1%。\n");
    ASSERT_EQ(d.metrics.size(), 3u) << texts(d);
    EXPECT_EQ(d.metrics[0].subject, "律师");
    EXPECT_EQ(d.metrics[1].subject, "公证");
    EXPECT_EQ(d.metrics[2].subject, "司法鉴定业务收费");
    for (const auto& m : d.metrics) {
        EXPECT_EQ(m.direction, "up");
        EXPECT_EQ(m.basis, "较2022年底");
        EXPECT_EQ(m.period, "2023") << "the basis date is not the period";
        EXPECT_EQ(m.scope, "全省");
    }
}

TEST(MetricExtractContext, SubjectScopePeriodDirectionAndBasis) {
    Document d =
        extract("2021年上半年，全市共受理法律援助案件1737宗，同比增长12%；对6个县开展督察。\n");
    const Metric* cases = find(d, "1737宗");
    ASSERT_NE(cases, nullptr) << texts(d);
    EXPECT_EQ(cases->subject, "法律援助案件");
    EXPECT_EQ(cases->scope, "全市");
    EXPECT_EQ(cases->period, "2021H1");
    EXPECT_EQ(cases->direction, "");
    const Metric* rise = find(d, "12%");
    EXPECT_EQ(rise->direction, "up");
    EXPECT_EQ(rise->basis, "同比");
    EXPECT_EQ(find(d, "6个")->subject, "县");
}

TEST(MetricExtractContext, PlanWordsPlanSectionsAndPlanReports) {
    Document d = extract(
        "2021年上半年工作总结\n一、上半年工作情况\n举办讲座21场，全年拟开展200场，预计10家律所受益"
        "。\n"
        "二、下半年工作计划\n推动21条重点任务落实。\n");
    EXPECT_EQ(find(d, "21场")->modality, "actual");
    EXPECT_EQ(find(d, "200场")->modality, "plan");
    EXPECT_EQ(find(d, "200场")->period, "2021");
    EXPECT_EQ(find(d, "10家")->modality, "plan");
    EXPECT_EQ(find(d, "21条")->modality, "plan");
    EXPECT_EQ(find(d, "21条")->period, "2021H2");

    Document plan = extract("完善50个工作站建设。\n", "plan");
    EXPECT_EQ(find(plan, "50个")->modality, "plan");
}

TEST(MetricExtractContext, TraditionalTextNormalizesUnits) {
    Document d = extract(
        "2021年，全省執業律師發展至6.1萬名，辦理公證案件130餘萬件，設立機構兩個，審核約1."
        "42萬項。\n");
    EXPECT_METRIC(d, "6.1萬名", 61000, "名", "count");
    EXPECT_EQ(find(d, "6.1萬名")->subject, "執業律師");
    EXPECT_METRIC(d, "130餘萬件", 1300000, "件", "count");
    EXPECT_EQ(find(d, "130餘萬件")->qualifier, "余");
    EXPECT_METRIC(d, "兩個", 2, "个", "count");
    EXPECT_METRIC(d, "約1.42萬項", 14200, "项", "count");
}

TEST(MetricExtractContext, OffsetsAreCodePointsIntoText) {
    const std::string text = "長者助手\n全年辦理法律援助案件23.6萬宗。\n";
    Document d = extract(text);
    ASSERT_EQ(d.metrics.size(), 1u);
    gongwen::utf8::Index index(d.text);
    EXPECT_EQ(index.slice(d.text, d.metrics[0].start, d.metrics[0].end), "23.6萬宗");
}

// --- blocks and sections from section_split ---------------------------------------------

TEST(MetricExtractBlocks, ReadsOnlyBodyAndHeadingBlocksAndTakesTheirSection) {
    test::ChainHarness chain({"metric_extract"});
    const std::string text = "首页 > 12个栏目\n一、工作计划\n新建3个站点。\n来源：5家媒体\n";
    Document doc = test::document_from_bytes(text);
    doc.text = text;
    const auto u = gongwen::utf8::decode(text);
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < u.size(); ++i)
        if (u[i] == U'\n') starts.push_back(i + 1);
    doc.sections.push_back({1, "一、", "工作计划", starts[1], starts[3] - 1});
    doc.blocks = {{"boilerplate", "navigation", starts[0], starts[1] - 1, -1, {}},
                  {"heading", "", starts[1], starts[2] - 1, 0, {}},
                  {"body", "", starts[2], starts[3] - 1, 0, {}},
                  {"field", "", starts[3], starts[4] - 1, -1, {}}};
    ASSERT_FALSE(chain.try_run(doc));
    ASSERT_EQ(doc.metrics.size(), 1u) << texts(doc);
    EXPECT_EQ(doc.metrics[0].text, "3个");
    EXPECT_EQ(doc.metrics[0].section, 0);
    EXPECT_EQ(doc.metrics[0].modality, "plan") << "the section's heading is a plan heading";
}

TEST(MetricExtractBlocks, BlocksOutsideTheTextAreReportedNotFollowed) {
    test::ChainHarness chain({"metric_extract"});
    Document doc = test::document_from_bytes("新建3个站点。");
    doc.text = "新建3个站点。";
    doc.blocks = {{"body", "", 0, 7, -1, {}}, {"body", "", 5, 900, -1, {}}};
    ASSERT_FALSE(chain.try_run(doc));
    EXPECT_EQ(doc.metrics.size(), 1u);
    ASSERT_FALSE(doc.diagnostics.empty());
    EXPECT_NE(doc.diagnostics.back().message.find("outside the text"), std::string::npos);
}

TEST(MetricExtractChain, RunsAfterTheRealDecoderAndSplitter) {
    // Through encoding_fix (and section_split): the figures of a fixture survive whatever
    // outline the splitter finds.
    const fs::path file = test::data_dir() / "metric_extract" / "summary_simplified.txt";
    for (const auto& chain : std::vector<std::vector<std::string>>{
             {"encoding_fix", "metric_extract"},
             {"encoding_fix", "section_split", "metric_extract"}}) {
        test::ChainHarness harness(chain);
        Document d = harness.run_file(file);
        EXPECT_NE(find(d, "3,256件"), nullptr) << texts(d);
        EXPECT_NE(find(d, "1.35亿元"), nullptr) << texts(d);
        EXPECT_EQ(find(d, "2022"), nullptr);
    }
}

// --- rules are data -----------------------------------------------------------------------

TEST(MetricExtractRules, ExtraRulesExtendTheDefaultsWithoutRecompiling) {
    test::TempDir dir;
    test::write_file(dir / "units.tsv", "# votes\n票\tcount\n");
    const std::string text = "投票总量约12.83万票。\n";
    EXPECT_EQ(find(extract(text), "约12.83万票"), nullptr);
    Document d = extract(
        text, "", "[plugins.metric_extract]\nextra_rules_dir = \"" + dir.path().string() + "\"\n");
    EXPECT_METRIC(d, "约12.83万票", 128300, "票", "count");
}

TEST(MetricExtractRules, ABadRuleFileIsRefusedNamingFileAndLine) {
    test::TempDir dir;
    test::write_file(dir / "units.tsv", "件\tcount\n票\tvotes\n");
    try {
        extract("1件", "",
                "[plugins.metric_extract]\nextra_rules_dir = \"" + dir.path().string() + "\"\n");
        FAIL() << "a unit of an unknown kind was accepted";
    } catch (const std::exception& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("units.tsv:2"), std::string::npos) << msg;
        EXPECT_NE(msg.find("votes"), std::string::npos) << msg;
    }
}

TEST(MetricExtractRules, AMissingRulesFolderIsAClearError) {
    try {
        extract("1件", "", "[plugins.metric_extract]\nrules_dir = \"/nonexistent/rules\"\n");
        FAIL() << "loaded rules from a folder that does not exist";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/rules"), std::string::npos) << e.what();
    }
}

TEST(MetricExtractRobustness, EmptyMalformedAndHugeInputsDoNotCrash) {
    EXPECT_TRUE(extract("").metrics.empty());
    EXPECT_TRUE(extract("“《〔第").metrics.empty());
    std::string long_number(5000, '9');
    Document d = extract(long_number + "件 " + std::string(2000, '\n') + "十十十十万亿亿个");
    for (const auto& m : d.metrics) EXPECT_TRUE(std::isfinite(m.value)) << m.text;
    EXPECT_EQ(find(d, long_number + "件"), nullptr) << "a 5000-digit run is not a figure";
}

// --- the sample corpus and the project's own fixtures: hand-checked lists ---------------

TEST(MetricExtractCorpus, WholeTraditionalReportMatchesItsHandCheckedList) {
    GONGWEN_REQUIRE_CORPUS();
    const std::string stem = "000_2365871302b7a241";
    Document d = corpus_report(stem);
    const auto exp = read_expected(stem);
    ASSERT_EQ(d.metrics.size(), exp.size()) << texts(d);
    for (std::size_t i = 0; i < exp.size(); ++i) {
        EXPECT_TRUE(same_figure(d.metrics[i], exp[i]))
            << i << ": got " << d.metrics[i].text << " = " << d.metrics[i].value << " "
            << d.metrics[i].unit << ", expected " << exp[i].text;
        EXPECT_EQ(d.metrics[i].kind, exp[i].kind) << exp[i].text;
        if (!exp[i].subject.empty()) {
            EXPECT_EQ(d.metrics[i].subject, exp[i].subject);
        }
        EXPECT_EQ(d.metrics[i].period, "2021") << exp[i].text;
        EXPECT_EQ(d.metrics[i].modality, "actual") << exp[i].text;
    }
}

TEST(MetricExtractCorpus, BuildSetReportsMatchTheirListsIncludingModality) {
    GONGWEN_REQUIRE_CORPUS();
    for (const auto& [stem, kind] : std::vector<std::pair<std::string, std::string>>{
             {"003_53330ba47b92bb3c", ""}, {"001_2bf3b4625b07bd2c", "plan"}}) {
        Document d = corpus_report(stem, kind);
        const auto exp = read_expected(stem);
        const Score s = score(d, exp);
        EXPECT_EQ(s.matched, exp.size()) << stem << ": " << texts(d);
        EXPECT_EQ(s.found, exp.size()) << stem << ": " << texts(d);
        for (auto [i, j] : s.pairs) {
            EXPECT_EQ(d.metrics[i].modality, exp[j].modality) << stem << " " << exp[j].text;
            EXPECT_EQ(d.metrics[i].kind, exp[j].kind) << stem << " " << exp[j].text;
        }
    }
}

TEST(MetricExtractCorpus, HeldOutReportsReachPrecisionAndRecallOf95Percent) {
    GONGWEN_REQUIRE_CORPUS();
    // 002 and 004 were held back while the rules were written (docs/metrics.md).
    for (const std::string stem : {"002_f38c9fd3b00c043e", "004_cb699fb354cca544"}) {
        const Score s = score(corpus_report(stem), read_expected(stem));
        EXPECT_GE(s.precision(), 0.95) << stem;
        EXPECT_GE(s.recall(), 0.95) << stem;
    }
}

TEST(MetricExtractFixtures, OwnFixturesMatchTheirHandCheckedLists) {
    for (const std::string stem : {"summary_simplified", "plan_traditional"}) {
        const Document d =
            extract(test::read_file(test::data_dir() / "metric_extract" / (stem + ".txt")));
        const auto exp = read_expected(stem);
        const Score s = score(d, exp);
        EXPECT_GE(s.precision(), 0.95) << stem << ": " << texts(d);
        EXPECT_GE(s.recall(), 0.95) << stem << ": " << texts(d);
        for (auto [i, j] : s.pairs) {
            if (!exp[j].modality.empty()) {
                EXPECT_EQ(d.metrics[i].modality, exp[j].modality) << stem << " " << exp[j].text;
            }
            if (!exp[j].subject.empty()) {
                EXPECT_EQ(d.metrics[i].subject, exp[j].subject) << stem << " " << exp[j].text;
            }
            if (exp[j].value_max) {
                EXPECT_EQ(d.metrics[i].value_max, exp[j].value_max) << stem << " " << exp[j].text;
            }
        }
    }
}
