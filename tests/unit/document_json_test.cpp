#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "gongwen/json.hpp"

using namespace gongwen;

namespace {

Document sample() {
    Document d;
    d.source = {"/in/report.zip", std::string("dir/年报.txt"), "ab12", 42};
    d.bytes = "raw";
    d.encoding = {"GB18030", 0.97, false, {{"utf8-as-gbk", 3, 5, "鍏ㄧ", "全"}}, 2};
    d.script = {"Hant", 0.9, "zh-Hans"};
    d.original_text = "全省";
    d.text = "全省";
    d.offset_map = {{0, 2, 0, 2}};
    d.title = "2021年工作总结";
    d.published = "2022-03-21";
    d.issuer = "某司法厅";
    d.period = "2021";
    d.report_kind = "summary";
    d.blocks = {{"body", "", 0, 2, 0, {{"一是", 0, 1}}}};
    d.sections = {{1, "一、", "标题", 0, 2}};
    Metric m;
    m.text = "23.6萬宗";
    m.value = 236000;
    m.value_max = 240000;
    m.unit = "宗";
    m.approx = true;
    m.qualifier = "余";
    m.kind = "count";
    m.subject = "法律援助案件";
    m.modality = "plan";
    m.section = 0;
    m.start = 1;
    m.end = 2;
    m.period = "2021";
    m.scope = "全省";
    m.direction = "up";
    m.basis = "同比";
    d.metrics = {m};
    d.diagnose("encoding_fix", Severity::warning, "1 character lost");
    d.chain = {{"encoding_fix", "1.0.0", 12}};
    d.attributes = {{"keywords", "普法:2"}};
    return d;
}

}  // namespace

TEST(DocumentJson, HasTheDocumentedFields) {
    const auto v = boost::json::parse(to_json(sample())).as_object();
    for (const char* key :
         {"source", "encoding", "script", "original_text", "text", "title", "published", "issuer",
          "period", "sections", "metrics", "diagnostics", "chain"})
        EXPECT_TRUE(v.contains(key)) << key;
    EXPECT_FALSE(v.contains("bytes"));
    EXPECT_EQ(v.at("source").at("member").as_string(), "dir/年报.txt");
    const auto& metric = v.at("metrics").at(0).as_object();
    for (const char* key : {"text", "value", "unit", "approx", "qualifier", "kind", "subject",
                            "modality", "section", "start", "end"})
        EXPECT_TRUE(metric.contains(key)) << key;
    EXPECT_EQ(metric.at("value").to_number<double>(), 236000.0);
    EXPECT_EQ(v.at("diagnostics").at(0).at("severity").as_string(), "warning");
}

TEST(DocumentJson, EmptyFieldsAreNull) {
    const auto v = boost::json::parse(to_json(Document{})).as_object();
    EXPECT_TRUE(v.at("title").is_null());
    EXPECT_TRUE(v.at("published").is_null());
    EXPECT_TRUE(v.at("source").at("member").is_null());
    EXPECT_TRUE(v.at("sections").as_array().empty());
}

TEST(DocumentJson, RoundTripsEveryField) {
    const Document d = sample();
    const Document back = document_from_json(to_json(d));
    EXPECT_EQ(to_json(back), to_json(d));
    EXPECT_EQ(back.metrics.at(0).value_max, 240000.0);
    EXPECT_EQ(back.blocks.at(0).items.at(0).marker, "一是");
    EXPECT_EQ(back.bytes, "");  // raw bytes are not part of the JSON
}

TEST(DocumentJson, PrettyParsesToTheSameValue) {
    const Document d = sample();
    EXPECT_EQ(boost::json::parse(to_json(d, {true})), boost::json::parse(to_json(d)));
    EXPECT_NE(to_json(d, {true}).find("\n  \"source\""), std::string::npos);
}

TEST(DocumentJson, RejectsWrongTypesNamingTheField) {
    try {
        document_from_json(R"({"metrics": [{"value": "many"}]})");
        FAIL() << "accepted a string value";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("metrics[0].value"), std::string::npos) << e.what();
    }
    EXPECT_THROW(document_from_json("not json"), std::runtime_error);
    EXPECT_THROW(document_from_json("[1,2]"), std::runtime_error);
}
