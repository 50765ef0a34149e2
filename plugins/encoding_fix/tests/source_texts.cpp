#include "source_texts.hpp"

#include <unicode/ucnv.h>
#include <SimpleConverter.hpp>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "gongwen/utf8.hpp"
#include "test_paths.hpp"

namespace gongwen::encoding_fix::testing {

namespace {

namespace fs = std::filesystem;

std::string without_carriage_returns(std::string s) {
    std::erase(s, '\r');
    if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);
    return s;
}

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000;
}

std::vector<std::string> split_after(std::string_view text, std::u32string_view marks,
                                     bool keep_mark) {
    std::vector<std::string> out;
    std::string piece;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t begin = at;
        const char32_t c = utf8::next(text, at);
        const bool mark = marks.find(c) != std::u32string_view::npos;
        if (!mark || keep_mark) piece.append(text.substr(begin, at - begin));
        if (mark) {
            if (!piece.empty()) out.push_back(std::move(piece));
            piece.clear();
        }
    }
    if (!piece.empty()) out.push_back(std::move(piece));
    return out;
}

}  // namespace

std::optional<std::string> encode_strict(const char* charset, std::string_view utf8_text) {
    UErrorCode error = U_ZERO_ERROR;
    UConverter* target = ucnv_open(charset, &error);
    UConverter* source = ucnv_open("UTF-8", &error);
    UConverterFromUCallback old_action = nullptr;
    const void* old_context = nullptr;
    ucnv_setFromUCallBack(target, UCNV_FROM_U_CALLBACK_STOP, nullptr, &old_action, &old_context,
                          &error);
    std::string out(utf8_text.size() * 4 + 16, '\0');
    char* t = out.data();
    const char* s = utf8_text.data();
    ucnv_convertEx(target, source, &t, out.data() + out.size(), &s,
                   utf8_text.data() + utf8_text.size(), nullptr, nullptr, nullptr, nullptr, true,
                   true, &error);
    ucnv_close(target);
    ucnv_close(source);
    if (U_FAILURE(error)) return std::nullopt;
    out.resize(std::size_t(t - out.data()));
    return out;
}

std::string decode_lenient(const char* charset, std::string_view bytes) {
    UErrorCode error = U_ZERO_ERROR;
    std::string out(bytes.size() * 3 + 16, '\0');
    const int32_t n = ucnv_convert("UTF-8", charset, out.data(), int32_t(out.size()), bytes.data(),
                                   int32_t(bytes.size()), &error);
    if (U_FAILURE(error))
        throw std::runtime_error(std::string("ICU cannot decode ") + charset + ": " +
                                 u_errorName(error));
    out.resize(std::size_t(n));
    return out;
}

std::vector<std::string> fixture_reports(bool quiet) {
    std::vector<std::string> reports;
    for (const char* f :
         {"source_hans.txt", "source_hant.txt", "source_highlights.txt", "source_market.txt"})
        if (!quiet || std::string(f) != "source_hant.txt")
            reports.push_back(test::read_file(test::data_dir() / "encoding_fix" / f) + "\n");
    return reports;
}

const std::vector<SourceText>& source_texts(bool with_corpus) {
    static const auto load = [](bool corpus) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(test::data_dir() / "encoding_fix"))
            if (entry.path().filename().string().rfind("source_", 0) == 0)
                files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        const std::size_t fixtures = files.size();
        if (corpus)
            for (const fs::path& f : test::corpus_files()) files.push_back(f);
        const opencc::SimpleConverter to_traditional("s2tw.json");
        std::vector<SourceText> out;
        for (std::size_t i = 0; i < files.size(); ++i) {
            SourceText t{files[i].filename().string(),
                         without_carriage_returns(test::read_file(files[i])), i >= fixtures};
            std::string hant = to_traditional.Convert(t.utf8);
            // Already Traditional (a few characters differ in OpenCC's and the site's
            // choices): the conversion would add nothing but near copies.
            const std::u32string a = utf8::decode(t.utf8), b = utf8::decode(hant);
            std::size_t changed = 0;
            for (std::size_t k = 0; k < std::min(a.size(), b.size()); ++k) changed += a[k] != b[k];
            const bool add = changed * 50 > han_count(t.utf8);
            out.push_back(t);
            if (add) out.push_back({t.name + "/hant", std::move(hant), t.from_corpus});
        }
        return out;
    };
    static const std::vector<SourceText> fixtures_only = load(false);
    static const std::vector<SourceText> everything = load(true);
    return with_corpus ? everything : fixtures_only;
}

std::vector<std::string> paragraphs(std::string_view text) {
    std::vector<std::string> out;
    for (std::string& line : split_after(text, U"\n", false)) {
        std::u32string u = utf8::decode(line);
        const auto first = std::find_if_not(u.begin(), u.end(), is_space);
        const auto last = std::find_if_not(u.rbegin(), u.rend(), is_space).base();
        if (first < last) out.push_back(utf8::encode(std::u32string(first, last)));
    }
    return out;
}

std::vector<std::string> sentences(std::string_view paragraph) {
    return split_after(paragraph, U"。！？；!?;", true);
}

std::vector<std::string> clauses(std::string_view sentence, bool keep_marks) {
    return split_after(sentence, U"，、：,:（）()「」“”。！？；!?;", keep_marks);
}

std::size_t han_count(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t at = 0; at < text.size();) {
        const char32_t c = utf8::next(text, at);
        n += (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
             (c >= 0x20000 && c <= 0x3FFFF);
    }
    return n;
}

}  // namespace gongwen::encoding_fix::testing
