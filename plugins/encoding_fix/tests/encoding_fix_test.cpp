// encoding_fix through the real chain runner: fixtures written for it (tests/data/encoding_fix,
// made by make_fixtures.py from an invented report) and the sample corpus when present.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>

#include <unicode/ucnv.h>

#include "chain_harness.hpp"
#include "gongwen/utf8.hpp"
#include "test_paths.hpp"

using namespace gongwen;
namespace fs = std::filesystem;

namespace {

fs::path fixture(const std::string& name) {
    return test::data_dir() / "encoding_fix" / name;
}

std::string expected(const std::string& name) {
    return test::read_file(fixture(name + ".expected.txt"));
}

test::ChainHarness& chain() {
    static test::ChainHarness harness({"encoding_fix"});
    return harness;
}

std::string failure_of(const std::string& bytes, test::ChainHarness& runner = chain()) {
    Document doc = test::document_from_bytes(bytes);
    const auto failure = runner.try_run(doc);
    return failure ? failure->message : "";
}

// ICU stands in for the upstream software that damaged or encoded the text.
std::string icu_encode(const char* charset, const std::string& utf8_text) {
    UErrorCode error = U_ZERO_ERROR;
    std::string out(utf8_text.size() * 4 + 16, '\0');
    const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), int32_t(out.size()),
                                   utf8_text.data(), int32_t(utf8_text.size()), &error);
    EXPECT_TRUE(U_SUCCESS(error)) << u_errorName(error);
    out.resize(std::size_t(std::max(n, 0)));
    return out;
}

std::string icu_decode(const char* charset, const std::string& bytes) {
    UErrorCode error = U_ZERO_ERROR;
    std::string out(bytes.size() * 4 + 16, '\0');
    const int32_t n = ucnv_convert("UTF-8", charset, out.data(), int32_t(out.size()), bytes.data(),
                                   int32_t(bytes.size()), &error);
    EXPECT_TRUE(U_SUCCESS(error)) << u_errorName(error);
    out.resize(std::size_t(std::max(n, 0)));
    return out;
}

// `clean` written in GBK, with the first byte of `character` replaced by '?' (as a site did
// with a byte it lost), read back by `decoder`.
std::string first_byte_lost(const std::string& clean, const std::string& character,
                            const char* decoder) {
    std::string bytes = icu_encode("GBK", clean);
    bytes[bytes.find(icu_encode("GBK", character))] = '?';
    return icu_decode(decoder, bytes);
}

// `clean` with `character` marked lost by the '?' that stands for it.
std::string marked_lost(std::string clean, const std::string& character) {
    return clean.replace(clean.find(character), character.size(), "?");
}

// `got` is `want` with some characters replaced by U+FFFD; returns how many.
std::size_t losses_against(const std::string& got_text, const std::string& want_text) {
    const std::u32string got = utf8::decode(got_text), want = utf8::decode(want_text);
    EXPECT_EQ(got.size(), want.size()) << got_text;
    std::size_t lost = 0;
    for (std::size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
        if (got[i] == U'\uFFFD')
            ++lost;
        else if (got[i] != want[i]) {
            ADD_FAILURE() << "differs at " << i << ": " << got_text;
            break;
        }
    }
    return lost;
}

bool has_diagnostic(const Document& d, Severity s, const std::string& part) {
    return std::any_of(d.diagnostics.begin(), d.diagnostics.end(), [&](const Diagnostic& x) {
        return x.plugin == "encoding_fix" && x.severity == s &&
               x.message.find(part) != std::string::npos;
    });
}

// Every repair's offsets point at its fixed text in original_text.
void expect_repairs_consistent(const Document& d) {
    const utf8::Index index(d.original_text);
    for (const Repair& r : d.encoding.repairs) {
        ASSERT_LE(r.start, r.end);
        ASSERT_LE(r.end, index.code_points());
        EXPECT_EQ(index.slice(d.original_text, r.start, r.end), r.fixed) << r.kind;
        EXPECT_NE(r.original, r.fixed);
    }
}

void expect_clean_text(const Document& d) {
    EXPECT_TRUE(utf8::valid(d.text));
    EXPECT_EQ(d.text.find('\r'), std::string::npos);
    EXPECT_NE(d.text.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(d.text, d.original_text);
}

struct Clean {
    const char* file;
    const char* encoding;
    bool bom;
};

class CleanEncodings : public ::testing::TestWithParam<Clean> {};

}  // namespace

TEST_P(CleanEncodings, DecodeToTheExactText) {
    const Clean c = GetParam();
    const Document d = chain().run_file(fixture(c.file));
    EXPECT_EQ(d.encoding.detected, c.encoding);
    EXPECT_EQ(d.encoding.bom, c.bom);
    EXPECT_GE(d.encoding.confidence, 0.95);
    EXPECT_TRUE(d.encoding.repairs.empty());
    EXPECT_EQ(d.encoding.lossy, 0u);
    EXPECT_EQ(d.text, expected(c.file));
    expect_clean_text(d);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CleanEncodings,
                         ::testing::Values(Clean{"hans.gb18030.txt", "GB18030", false},
                                           Clean{"hant.gb18030.txt", "GB18030", false},
                                           Clean{"hant.big5.txt", "Big5", false},
                                           Clean{"hans.utf16le-bom.txt", "UTF-16LE", true},
                                           Clean{"hans.utf16be.txt", "UTF-16BE", false},
                                           Clean{"hant.utf16le.txt", "UTF-16LE", false},
                                           Clean{"hans.utf8-bom-crlf.txt", "UTF-8", true}));

// Clean GB18030 and Big5 decode through a table of their one- and two-byte characters; what
// it does not know (a four-byte GB18030 character, a Hong Kong character only Big5-HKSCS has,
// a byte that is no character) must still come out as ICU reads it.
TEST(EncodingFix, CharactersBeyondTheTwoByteTablesDecodeExactly) {
    const std::string text = expected("hans.gb18030.txt");
    // 𠮷 (U+20BB7) and 㐀 (U+3400) are four bytes in GB18030.
    const std::string rare = text + "\n吉祥的𠮷字与㐀字。\n" + text;
    Document gb = test::document_from_bytes(icu_encode("GB18030", rare));
    ASSERT_FALSE(chain().try_run(gb));
    EXPECT_EQ(gb.encoding.detected, "GB18030");
    EXPECT_EQ(gb.text, rare);

    // 啫 (0x8BF7 in Big5-HKSCS) is not in plain Big5.
    const std::string hant = expected("hant.big5.txt") + "\n香港的啫喱。\n";
    Document big5 = test::document_from_bytes(icu_encode("Big5-HKSCS", hant));
    ASSERT_FALSE(chain().try_run(big5));
    EXPECT_EQ(big5.encoding.detected, "Big5");
    EXPECT_EQ(big5.text, hant);

    // A byte GB18030 has no character for, at the start of a line in the middle.
    std::string broken = icu_encode("GB18030", text);
    broken.insert(broken.find('\n', broken.size() / 2) + 1, "\xFF");
    Document damaged = test::document_from_bytes(broken);
    ASSERT_FALSE(chain().try_run(damaged));
    EXPECT_EQ(damaged.encoding.detected, "GB18030");
    EXPECT_EQ(damaged.encoding.lossy, 1u);
    EXPECT_TRUE(has_diagnostic(damaged, Severity::warning, "invalid"));

    // Broken bytes mid-line, a lead byte before a line break, a four-byte form cut short:
    // each line the fast table cannot read is read by ICU, and the whole is what ICU makes of
    // all of it.
    std::string lines = icu_encode("GB18030", text);
    for (const char* bad : {"\xFF", "\x81\n", "\x81\x30\n", "\x95\x32\x82"}) {
        const std::size_t at = lines.find("\xA1\xA3", lines.size() / 3);  // 。
        ASSERT_NE(at, std::string::npos);
        lines.insert(at, bad);
    }
    Document several = test::document_from_bytes(lines);
    ASSERT_FALSE(chain().try_run(several));
    EXPECT_EQ(several.encoding.detected, "GB18030");
    EXPECT_EQ(several.original_text, icu_decode("GB18030", lines));
}

TEST(EncodingFix, RepairsUtf8ReadAsGbk) {
    const Document d = chain().run_file(fixture("utf8_as_gbk.txt"));
    EXPECT_EQ(d.encoding.detected, "UTF-8");
    EXPECT_EQ(d.text, expected("utf8_as_gbk.txt"));
    ASSERT_FALSE(d.encoding.repairs.empty());
    for (const Repair& r : d.encoding.repairs) EXPECT_EQ(r.kind, "utf8-as-gbk");
    expect_repairs_consistent(d);
    EXPECT_TRUE(has_diagnostic(d, Severity::warning, "utf8-as-gbk"));
}

TEST(EncodingFix, RepairsLatin1AndBig5Mojibake) {
    const Document latin = chain().run_file(fixture("latin1.txt"));
    EXPECT_EQ(latin.text, expected("latin1.txt"));
    std::vector<std::string> kinds;
    for (const Repair& r : latin.encoding.repairs) kinds.push_back(r.kind);
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), "gbk-as-latin1"), kinds.end());
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), "utf8-as-latin1"), kinds.end());
    expect_repairs_consistent(latin);

    const Document big5 = chain().run_file(fixture("big5_as_gbk.txt"));
    EXPECT_EQ(big5.text, expected("big5_as_gbk.txt"));
    ASSERT_FALSE(big5.encoding.repairs.empty());
    EXPECT_EQ(big5.encoding.repairs[0].kind, "big5-as-gbk");
    expect_repairs_consistent(big5);
}

// A sentence of clean text written in one charset and read as another, between clean text.
struct DamagedSentence {
    const char* charset_written;  // the bytes of the damaged sentence
    const char* charset_read;     // what the site read them as
    std::string before, sentence, after;
};

// The damaged text goes in as UTF-8, or, with `document_charset`, written in that charset.
void expect_sentence_repaired(const DamagedSentence& c, const char* document_charset = nullptr) {
    const std::string damaged =
        c.before + icu_decode(c.charset_read, icu_encode(c.charset_written, c.sentence)) + c.after;
    std::string bytes = damaged;
    if (document_charset) {
        bytes = icu_encode(document_charset, damaged);
        ASSERT_EQ(icu_decode(document_charset, bytes), damaged) << "the damage must survive";
    }
    Document d = test::document_from_bytes(bytes);
    ASSERT_FALSE(chain().try_run(d));
    if (document_charset) {
        EXPECT_EQ(d.encoding.detected, document_charset);
    }
    EXPECT_EQ(d.text, c.before + c.sentence + c.after) << damaged;
    EXPECT_FALSE(d.encoding.repairs.empty());
    expect_repairs_consistent(d);
}

// A sentence damaged inside clean text: the clean characters on either side read validly the
// wrong way too, but they are text (a word, common characters, quotation marks), and stay.
TEST(EncodingFix, RepairsADamagedSentenceAndLeavesTheCleanTextAroundIt) {
    for (const DamagedSentence& c : std::vector<DamagedSentence>{
             {"Big5", "GB18030", "全縣建成公共法律服務工作室212個,實現全覆蓋。",
              "全年辦理法律援助案件1365件,同比增長12.4%", "。\n"},
             {"Big5", "GB18030", "全縣排查化解矛盾糾紛3517件,調解成功率98.6%。",
              "其中婚姻家庭案件841件、鄰里案件1093件", "。培育“老張調解室”等品牌調解室6個。\n"},
             {"GB18030", "Big5", "全縣建成公共法律服務工作室212個,實現全覆蓋。",
              "全年辦理法律援助案件1365件,同比增長12.4%", "。培育“老張調解室”等品牌調解室6個。\n"},
         })
        expect_sentence_repaired(c);
}

// The same damage in a document that arrived in GB18030 or Big5: decoding checks the
// characters it reads from its table as it goes (UncheckedSpans), and the mojibake must still
// be looked at, also where every character of it comes from that table (the first case) and
// the text after it is long enough for the scan to take it in whole windows.
TEST(EncodingFix, RepairsADamagedSentenceInADocumentThatArrivedInALegacyEncoding) {
    struct Case {
        DamagedSentence sentence;
        const char* document_charset;
        bool plain_characters;  // the mojibake: only three-byte characters, none private use
    };
    for (const auto& [c, document_charset, plain_characters] : std::vector<Case>{
             {{"UTF-8", "GB18030", "全县建成公共法律服务工作室212个,实现全覆盖。",
               "全省司法行政系统深入推进依法治理",
               "。全年办理法律援助案件1365件,同比增长12.4%。\n调解成功率98.6%。\n"},
              "GB18030",
              true},
             {{"GB18030", "Big5", "全縣建成公共法律服務工作室212個,實現全覆蓋。",
               "全年辦理法律援助案件1365件,同比增長12.4%", "。培育“老張調解室”等品牌調解室6個。\n"},
              "Big5",
              false},
         }) {
        SCOPED_TRACE(std::string(c.charset_written) + " read as " + c.charset_read + " in " +
                     document_charset);
        if (plain_characters) {
            const std::string mojibake =
                icu_decode(c.charset_read, icu_encode(c.charset_written, c.sentence));
            for (const char32_t m : utf8::decode(mojibake)) {
                ASSERT_TRUE(m >= 0x800 && m < 0x10000 && !(m >= 0xE000 && m < 0xF900) &&
                            m != 0xFFFD)
                    << mojibake;
            }
        }
        expect_sentence_repaired(c, document_charset);
    }
}

// A damaged sentence long enough to mark its document as damaged that way (40 characters and
// more), where the edges of islands may be mojibake that reads as common characters. Still, the
// clean text just before it is left out where its full stop reads as a sign (件。 as 璃﹝), and
// the clean text just after it where the damage ends in a full stop and what follows would read
// as rarer characters (建立 as 膘蕾).
TEST(EncodingFix, LeavesTheCleanTextAroundALongDamagedSentence) {
    for (const DamagedSentence& c : std::vector<DamagedSentence>{
             {"Big5", "GB18030", "二是法律援助應援盡援。全年辦理法律援助案件1365件。",
              "審核審查省政府及其部門規範性文件三百件、其他文件九十件,備案審查地市政府規章和規範性"
              "文件四百五十五件",
              "。\n"},
             {"Big5", "GB18030", "六是行政規範性文件管理落實到位。",
              "全面實行“三統一”制度,做好行政規範性文件清理工作,全年清理規章和規範性文件一百二十"
              "件。",
              "建立區級證明事項告知承諾制工作協調機制。\n"},
             {"GB18030", "Big5", "一是聚焦本职工作。",
              "履行好法律参谋、助手职责,全年审查重大行政决策和合同协议二十三件,提出法律意见五十条"
              "。",
              "做好常规法制审查、法律顾问工作。\n"},
         })
        expect_sentence_repaired(c);
}

// Where one damage marks most of a document, the edges of its islands are mojibake too; but
// clean text after it that would read as Latin letters (GBK 全 is UTF-8 for ȫ) is still text.
TEST(EncodingFix, CleanTextThatWouldReadAsLettersStaysAfterADocumentsOwnDamage) {
    const std::string sentence = "2021年是“十四五”开局之年,也是全面推进依法治县的关键之年。";
    const std::string after = "全县司法行政工作的总体思路是:坚持以人民为中心。\n";
    const std::string damaged = icu_decode("windows-936-2000", sentence) + after;
    Document d = test::document_from_bytes(damaged);
    ASSERT_FALSE(chain().try_run(d));
    // The full stop's last byte was cut off: it is lost, and marked.
    EXPECT_EQ(losses_against(d.text, sentence + after), 1u) << d.text;
    EXPECT_EQ(d.encoding.lossy, 1u);
    expect_repairs_consistent(d);
}

// UTF-8 read as GBK where the damage ends: the full stop's last byte had nothing to pair with
// and became a U+FFFD, and the clean text after it begins with a byte that UTF-8 would take for
// the tail of a character (坚 is BC E1 in GBK). One character was lost there, not two: one
// substitute cannot hold the rest of the full stop and the start of another character.
TEST(EncodingFix, AFullStopCutAtTheEndOfTheDamageIsOneLostCharacter) {
    const std::string sentence = "完善“i调解”智慧管理平台建设，推动矛盾纠纷多元化解。";
    const std::string after = "坚持“科技赋能”，智慧解纷提速增效明显。\n";
    for (const char* read_as : {"GB18030", "windows-936-2000"}) {
        const std::string damaged = icu_decode(read_as, sentence) + after;
        Document d = test::document_from_bytes(damaged);
        ASSERT_FALSE(chain().try_run(d));
        EXPECT_EQ(losses_against(d.text, sentence + after), 1u) << read_as << ": " << d.text;
        EXPECT_EQ(d.encoding.lossy, 1u) << read_as;
        expect_repairs_consistent(d);
    }
}

TEST(EncodingFix, RealignsAGbkSpanReadOutOfStepAndCountsTheLostCharacter) {
    const Document d = chain().run_file(fixture("gbk_misaligned.txt"));
    EXPECT_EQ(d.text, expected("gbk_misaligned.txt"));
    ASSERT_EQ(d.encoding.repairs.size(), 1u);
    EXPECT_EQ(d.encoding.repairs[0].kind, "gbk-misaligned");
    EXPECT_EQ(d.encoding.lossy, 1u);  // the character whose first byte was cut off: '?'
    expect_repairs_consistent(d);
}

// Windows code page 936 reads some pairs as private-use characters where GB18030 has others;
// a stretch read out of step by it can start with one (FE84 is U+E848 there).
TEST(EncodingFix, RealignsWhatCodePage936ReadOutOfStep) {
    const std::string clean = "首頁 > 政務公開 > 工作總結\n";
    const std::string damaged = first_byte_lost(clean, "政", "windows-936-2000");
    ASSERT_NE(damaged.find("\uE848"), std::string::npos) << damaged;
    Document d = test::document_from_bytes(damaged);
    ASSERT_FALSE(chain().try_run(d));
    EXPECT_EQ(d.text, marked_lost(clean, "政"));
    EXPECT_EQ(d.encoding.lossy, 1u);
    ASSERT_EQ(d.encoding.repairs.size(), 1u);
    EXPECT_EQ(d.encoding.repairs[0].kind, "gbk-misaligned");
}

// A lost byte can throw a single character out of step, which then need not look odd: the
// '?' that marks the loss, or the ASCII byte the decoder falls back in step on, says where to
// look. A '?' before clean text is left alone.
TEST(EncodingFix, RealignsAOneCharacterStretchBehindAQuestionMark) {
    const std::string clean =
        "召開縣委全面依法治縣委員會會議2次,審議通過《清河縣法治建設實施方案》。\n";
    const std::string damaged = first_byte_lost(clean, "審", "GBK");
    ASSERT_NE(damaged.find("?徸h"), std::string::npos) << damaged;

    Document d = test::document_from_bytes(damaged);
    ASSERT_FALSE(chain().try_run(d));
    EXPECT_EQ(d.text, marked_lost(clean, "審"));
    ASSERT_EQ(d.encoding.repairs.size(), 1u);
    EXPECT_EQ(d.encoding.repairs[0].kind, "gbk-misaligned");
    EXPECT_EQ(d.encoding.lossy, 1u);

    // Nor are rare characters next to ASCII letters, where a decoder out of step would fall
    // back in step; least of all beside a character the realigning charset cannot write (Big5
    // has no 级), or where the reading would bring Traditional forms into Simplified text (峨A
    // as GBK out of step is 階), or characters neither Simplified nor Traditional text writes
    // (婢A is 続, a Japanese form).
    for (const std::string question :
         {"你知道嗎?我們的APP已經上線了。\n", "是否完成?應在年底前完成。\n", "問題?部分解決。\n",
          "我们使用了鑫ABC系统。\n", "讓鄰里A棟居民參與。\n", "赣州A级景区、婺源B级景区。\n",
          "犇Jie公司成立。\n", "邗江E站建成。\n", "全市漸B级景区达到5个。\n", "在峨A区开展工作。\n",
          "在婢A区开展工作。\n"}) {
        Document q = test::document_from_bytes(question);
        ASSERT_FALSE(chain().try_run(q));
        EXPECT_EQ(q.text, question);
        EXPECT_TRUE(q.encoding.repairs.empty()) << question;
    }
}

// Where nothing marks the lost byte, the stretch can still show its shape: it ends in a
// U+FFFD where the last character's second byte met an ASCII one it cannot pair with. And of
// the starts a stretch could have, the one that keeps the character before it wins when that
// reading is as good: a lost character counts for no start more than another.
TEST(EncodingFix, RealignsASilentStretchAndKeepsTheTextBeforeIt) {
    struct Case {
        std::string clean, lost;
        std::size_t lost_count;
    };
    for (const Case& c : std::vector<Case>{
             {"全縣建成公共法律服務工作室212個,實現全覆蓋。\n", "實", 1},
             {"全面推進司法鑑定協作信息平台,建立健全鑑定機制。\n", "信", 2},
         }) {
        std::string bytes = icu_encode("GBK", c.clean);
        bytes.erase(bytes.find(icu_encode("GBK", c.lost)), 1);  // the first byte, silently
        const std::string damaged = icu_decode("GBK", bytes);
        Document d = test::document_from_bytes(damaged);
        ASSERT_FALSE(chain().try_run(d));
        EXPECT_EQ(losses_against(d.text, c.clean), c.lost_count) << damaged << " → " << d.text;
        EXPECT_EQ(d.encoding.lossy, c.lost_count) << d.text;
        ASSERT_EQ(d.encoding.repairs.size(), 1u) << damaged;
        EXPECT_EQ(d.encoding.repairs[0].kind, "gbk-misaligned");
    }
}

TEST(EncodingFix, LossyMojibakeComesBackExceptTheCharactersThatLostAByte) {
    const Document d = chain().run_file(fixture("utf8_as_gbk_lossy.txt"));
    const std::string want = test::read_file(fixture("source_hans.txt"));
    const std::size_t lost = losses_against(d.text, want);
    EXPECT_GT(lost, 0u);
    EXPECT_LT(lost, utf8::length(want) / 20);  // most of the paragraph is back
    EXPECT_EQ(d.encoding.lossy, lost);
    expect_repairs_consistent(d);
}

TEST(EncodingFix, CountsLostCharactersWithoutInventingThem) {
    const Document d = chain().run_file(fixture("lost.txt"));
    EXPECT_EQ(d.text, expected("lost.txt"));  // 锟斤拷 → U+FFFD U+FFFD, the rest untouched
    // 锟斤拷 (2) + U+FFFD (1) + '?' inside a word (1); the '?' ending a question is no loss.
    EXPECT_EQ(d.encoding.lossy, 4u);
    ASSERT_EQ(d.encoding.repairs.size(), 1u);
    EXPECT_EQ(d.encoding.repairs[0].kind, "lost-marker");
    EXPECT_TRUE(has_diagnostic(d, Severity::warning, "4 characters lost"));
    // Question marks that stood in for characters at the end of a line, where no character
    // follows them to show it: three or more together next to Chinese are lost characters.
    const std::string body = test::read_file(fixture("source_hans.txt"));
    const Document end = chain().run(body + "全年共办理案件???\n" + body);
    EXPECT_EQ(end.encoding.lossy, 3u);
    EXPECT_EQ(end.text, body + "全年共办理案件???\n" + body);
}

TEST(EncodingFix, NormalisesToNfcAndLfAndDropsControls) {
    // e + combining acute, CR LF, a lone CR, a stray control (BEL), a BOM inside the text.
    const std::string body = test::read_file(fixture("source_hans.txt"));
    const Document d = chain().run("Cafe\xCC\x81\r\n司法\r局\x07\xEF\xBB\xBF工作\r\n" + body);
    EXPECT_EQ(d.text, "Caf\xC3\xA9\n司法\n局工作\n" + body);
    EXPECT_TRUE(has_diagnostic(d, Severity::info, "control character"));
    EXPECT_TRUE(has_diagnostic(d, Severity::info, "NFC"));
    expect_clean_text(d);
}

// A long text is handed on in blocks (the text and its copy for Document::text are written a
// block at a time): repaired, cleaned and quiet lines must come out in order across every block
// boundary, in both.
TEST(EncodingFix, ALongDocumentWithDamageThroughoutComesOutWhole) {
    const std::string body = test::read_file(fixture("source_hans.txt"));
    const std::string damaged = test::read_file(fixture("utf8_as_gbk.txt"));
    std::string bytes, want;
    for (int i = 0; i < 300; ++i) {  // half a megabyte
        bytes += body;
        want += body;
        if (i % 40 == 3) {  // quiet stretches of 70 kB between
            bytes += damaged;
            want += expected("utf8_as_gbk.txt");
        }
        if (i % 53 == 5) {
            bytes += "司法\r\n局\x07工作\r\n";
            want += "司法\n局工作\n";
        }
    }
    const Document d = chain().run(bytes);
    EXPECT_EQ(d.text.size(), want.size());
    // Not EXPECT_EQ: half a megabyte in a failure message helps nobody.
    EXPECT_TRUE(d.text == want);
    EXPECT_FALSE(d.encoding.repairs.empty());
    expect_repairs_consistent(d);
    expect_clean_text(d);
}

// Clean lines are scanned many bytes at a time (plain_run): whatever the scan must stop for has
// to be found wherever it falls, at every offset of a line long enough for several windows.
const std::string long_line =
    "全省共办理各类案件1234件，同比增长15.3%，其中刑事案件321件、民事案件654件，"
    "结案率达到98.7%，比上年提高2.1个百分点。";

// `insert` put in before the `at`-th character of long_line.
std::string line_with(std::size_t at, const std::string& insert) {
    const std::u32string u = utf8::decode(long_line);
    return utf8::encode(u.substr(0, at)) + insert + utf8::encode(u.substr(at));
}

TEST(EncodingFix, SignsAreFoundAtEveryOffsetOfALongLine) {
    const std::size_t n = utf8::decode(long_line).size();
    for (std::size_t at = 0; at <= n; ++at) {
        SCOPED_TRACE("before character " + std::to_string(at));
        const std::string body = test::read_file(fixture("source_hans.txt"));
        // A lost character is counted, a control dropped, a decomposed letter composed.
        const Document lost = chain().run(body + line_with(at, "\xEF\xBF\xBD") + "\n");
        EXPECT_EQ(lost.encoding.lossy, 1u);
        const Document control = chain().run(body + line_with(at, "\x01") + "\n");
        EXPECT_EQ(control.text, body + long_line + "\n");
        const Document nfd = chain().run(body + line_with(at, "e\xCC\x81") + "\n");
        EXPECT_EQ(nfd.text, body + line_with(at, "\xC3\xA9") + "\n");
    }
}

TEST(EncodingFix, InvalidUtf8IsFoundAtEveryOffsetOfALongLine) {
    const std::string body = test::read_file(fixture("source_hans.txt"));
    // Overlong (of U+0000 and of 'A'), a surrogate, a stray continuation byte, a lead byte
    // without its tail, bytes no UTF-8 has, a four-byte form beyond U+10FFFF.
    const char* const invalid[] = {
        "\xE0\x80\x80", "\xE0\x81\x81", "\xC0\xAF",         "\xED\xA0\x80",    "\x80",
        "\xE4\xB8",     "\xFF",         "\xF8\x88\x80\x80", "\xF4\x90\x80\x80"};
    for (std::size_t at = 0; at <= 70; ++at)
        for (const char* bad : invalid) {
            // Byte offsets, so that some of these cut a character in two.
            std::string bytes = body + long_line + "\n";
            bytes.insert(body.size() + at, bad);
            SCOPED_TRACE("at byte " + std::to_string(at) +
                         " of the line: " + ::testing::PrintToString(std::string(bad)));
            const Document d = chain().run(bytes);
            EXPECT_TRUE(utf8::valid(d.text));
            EXPECT_TRUE(has_diagnostic(d, Severity::warning, "invalid byte sequence"));
        }
}

TEST(EncodingFix, RandomLinesOfPlainAndInvalidBytesAreReadExactly) {
    const std::string body = test::read_file(fixture("source_hans.txt"));
    // Characters of a report without damage signs, ASCII, and pieces of invalid UTF-8.
    std::vector<std::string> pieces;
    for (char32_t c : utf8::decode(body))
        if (c >= 0x80) pieces.push_back(utf8::encode(std::u32string(1, c)));
    for (const char* a : {"1", "23", "%", ".", " ", "ab", "GDP"}) pieces.push_back(a);
    const std::vector<std::string> invalid = {"\xE4\xB8",     "\x80", "\xE0\x80\x80",
                                              "\xED\xA0\x80", "\xC3", "\xF0\x9F\x98"};
    std::mt19937 random(20261126);
    for (int round = 0; round < 400; ++round) {
        std::string line;
        bool broken = false;
        const int length = 20 + int(random() % 60);
        for (int i = 0; i < length; ++i) {
            if (random() % 50 == 0) {
                line += invalid[random() % invalid.size()];
                broken = true;
            } else {
                line += pieces[random() % pieces.size()];
            }
        }
        SCOPED_TRACE(::testing::PrintToString(line));
        const Document d = chain().run(body + line + "\n");
        EXPECT_TRUE(utf8::valid(d.text));
        if (broken)
            EXPECT_TRUE(has_diagnostic(d, Severity::warning, "invalid byte sequence"));
        else
            EXPECT_EQ(d.text, body + line + "\n");
    }
}

TEST(EncodingFix, ShortChineseSnippetsAreDetected) {
    const std::string hans = "全年办理法律援助案件同比增长";
    const std::string hant = "全年辦理法律援助案件同比增長";
    const Document gb = chain().run(icu_encode("GB18030", hans));
    EXPECT_EQ(gb.encoding.detected, "GB18030");
    EXPECT_EQ(gb.text, hans);
    const Document big5 = chain().run(icu_encode("Big5", hant));
    EXPECT_EQ(big5.encoding.detected, "Big5");
    EXPECT_EQ(big5.text, hant);
    const Document u8 = chain().run(hans);
    EXPECT_EQ(u8.encoding.detected, "UTF-8");
    EXPECT_EQ(u8.text, hans);
}

TEST(EncodingFix, RefusesWhatIsNotText) {
    const auto refuse = [](const std::string& file, const std::string& reason) {
        const std::string msg = failure_of(test::read_file(fixture("not_text/" + file)));
        EXPECT_EQ(msg.rfind("not text: ", 0), 0u) << file << ": " << msg;
        EXPECT_NE(msg.find(reason), std::string::npos) << file << ": " << msg;
    };
    refuse("empty.txt", "empty");
    refuse("image.png", "PNG image");
    refuse("utf32.txt", "UTF-32");
    refuse("nul_padded.txt", "NUL");
    refuse("random.bin", "binary");
    refuse("high_bytes.bin", "binary");
}

TEST(EncodingFix, ConfigNarrowsEncodingsAndRepairs) {
    test::ChainHarness only_big5({"encoding_fix"},
                                 "[plugins.encoding_fix]\nencodings = [\"Big5\"]\n");
    const Document d = only_big5.run_file(fixture("hans.gb18030.txt"));
    EXPECT_EQ(d.encoding.detected, "Big5");  // forced; the confidence warning says so
    test::ChainHarness no_repairs({"encoding_fix"}, "[plugins.encoding_fix]\nrepairs = []\n");
    const Document raw = no_repairs.run_file(fixture("utf8_as_gbk.txt"));
    EXPECT_TRUE(raw.encoding.repairs.empty());
    EXPECT_NE(raw.text, expected("utf8_as_gbk.txt"));
}

TEST(EncodingFix, BadConfigNamesTheKey) {
    const auto load_error = [](const std::string& toml) -> std::string {
        try {
            test::ChainHarness h({"encoding_fix"}, toml);
        } catch (const std::exception& e) {
            return e.what();
        }
        return "";
    };
    std::string msg = load_error("[plugins.encoding_fix]\nencodings = [\"Shift_JIS\"]\n");
    EXPECT_NE(msg.find("plugins.encoding_fix.encodings"), std::string::npos) << msg;
    EXPECT_NE(msg.find("Shift_JIS"), std::string::npos) << msg;
    msg = load_error("[plugins.encoding_fix]\nrepairs = [\"utf8-as-klingon\"]\n");
    EXPECT_NE(msg.find("utf8-as-klingon"), std::string::npos) << msg;
    msg = load_error("[plugins.encoding_fix]\nmin_confidence = 2.0\n");
    EXPECT_NE(msg.find("min_confidence"), std::string::npos) << msg;
}

TEST(EncodingFix, BrokenDataFileIsReportedWithItsLine) {
    test::TempDir dir;
    // The chain refuses to load with `<file>:<line>` in its message.
    const auto expect_refused = [&](const std::string& key, const std::string& file,
                                    const std::string& content, const std::string& where) {
        test::write_file(dir / file, content);
        try {
            test::ChainHarness h({"encoding_fix"}, "[plugins.encoding_fix]\n" + key + " = \"" +
                                                       (dir / file).string() + "\"\n");
            ADD_FAILURE() << "accepted a malformed " << key;
        } catch (const std::exception& e) {
            EXPECT_NE(std::string(e.what()).find(where), std::string::npos) << e.what();
        }
    };
    expect_refused("binary_signatures", "sig.tsv", "# comment\n0\tZZ\tnonsense\n", "sig.tsv:2");
    expect_refused("simplified_forms", "forms.tsv", "擴\t扩\nabc\t扩\n", "forms.tsv:2");
    expect_refused("word_pairs", "pairs.tsv", "# comment\n瑕疵\n瑕\n", "pairs.tsv:3");
}

// The sample corpus: real reports, UTF-8 as collected. Nothing is keyed on their wording.
TEST(EncodingFixCorpus, DecodesEveryReportAndRepairsOnlyRealDamage) {
    GONGWEN_REQUIRE_CORPUS();
    for (const fs::path& file : test::corpus_files()) {
        const Document d = chain().run_file(file);
        EXPECT_EQ(d.encoding.detected, "UTF-8") << file;
        EXPECT_GE(d.encoding.confidence, 0.99) << file;
        EXPECT_LE(d.encoding.repairs.size(), 1u) << file;  // at most the one damaged span
        for (const Repair& r : d.encoding.repairs) EXPECT_EQ(r.kind, "gbk-misaligned") << file;
        expect_repairs_consistent(d);
        expect_clean_text(d);
    }
}

TEST(EncodingFixCorpus, ReencodedReportsComeBackUnchanged) {
    GONGWEN_REQUIRE_CORPUS();
    for (const fs::path& file : test::corpus_files()) {
        const Document u8 = chain().run_file(file);
        for (const char* charset : {"GB18030", "UTF-16LE", "UTF-16BE"}) {
            const Document d = chain().run(icu_encode(charset, u8.text));
            EXPECT_EQ(d.encoding.detected, charset) << file;
            EXPECT_EQ(d.text, u8.text) << file << " in " << charset;
        }
    }
}

// The span issue #3 names in corpus report 000: GBK bytes of 。“慧動運動戒毒 whose first lead
// byte was lost. Everything after the lost character comes back; the '?' that stands for it
// stays and is counted, and a diagnostic says a character was lost.
TEST(EncodingFixCorpus, RealignsTheMisalignedSpanOfReport000) {
    GONGWEN_REQUIRE_CORPUS();
    const auto files = test::corpus_files();
    const auto it = std::find_if(files.begin(), files.end(), [](const fs::path& f) {
        return f.filename().string().rfind("000_", 0) == 0;
    });
    if (it == files.end()) GTEST_SKIP() << "report 000 is not in this corpus";
    const Document d = chain().run_file(*it);
    EXPECT_NE(d.text.find("示范創建活動?“慧動運動戒毒與康復訓練工作體系”"), std::string::npos);
    EXPECT_EQ(d.text.find("盎蹌舆"), std::string::npos);
    ASSERT_EQ(d.encoding.repairs.size(), 1u);
    const Repair& r = d.encoding.repairs.front();
    EXPECT_EQ(r.kind, "gbk-misaligned");
    EXPECT_EQ(r.original.substr(0, std::string("?!盎蹌舆").size()), "?!盎蹌舆") << r.original;
    EXPECT_EQ(r.fixed.substr(0, std::string("?“慧動運").size()), "?“慧動運") << r.fixed;
    EXPECT_GE(d.encoding.lossy, 1u);
    std::string all;
    for (const Diagnostic& x : d.diagnostics) all += x.message + "\n";
    EXPECT_TRUE(has_diagnostic(d, Severity::warning, "1 character lost for good")) << all;
}
