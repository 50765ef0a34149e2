// The exported pages in a real browser: Debian's headless Chromium.
//
// Console errors: Chromium is run with --enable-logging=stderr, which writes every message of
// the page's DevTools console to stderr as a "CONSOLE" log line: script errors and
// console.error, but also what page script cannot observe, such as a resource blocked by the
// page's Content-Security-Policy or a failed load. That is why it is used here rather than a
// window.onerror recorder injected into the page (which would also change the page under
// test). Log formats can change between Chromium versions, so every run starts with a control
// page that makes console errors on purpose: if they are not seen, the test fails and says
// that it has gone blind, instead of passing silently.
//
// Screenshots: the PNG is decoded by Chromium itself (a canvas in a helper page reads the
// pixels and writes colour counts into the DOM, read back with --dump-dom), so no image library
// is needed. A highlight is proven by difference: the page against the same page with the
// highlight classes removed from its text (the legend keeps the colour in both), and the chart
// against a page that has no figures. Colours are taken from the shipped stylesheet.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <regex>

#include "chain_harness.hpp"
#include "gongwen/json.hpp"
#include "test_paths.hpp"

using namespace gongwen;
namespace fs = std::filesystem;

namespace {

const fs::path chromium = "/usr/bin/chromium";

std::string base64(const std::string& bytes) {
    static const char* alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned n = static_cast<unsigned char>(bytes[i]) << 16 |
                           static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        for (int s : {18, 12, 6, 0}) out.push_back(alphabet[(n >> s) & 63]);
    }
    if (i < bytes.size()) {
        unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out.push_back(alphabet[(n >> 18) & 63]);
        out.push_back(alphabet[(n >> 12) & 63]);
        out.push_back(i + 1 < bytes.size() ? alphabet[(n >> 6) & 63] : '=');
        out.push_back('=');
    }
    return out;
}

struct ChromiumRun {
    int status = -1;
    std::string stdout_text;
    std::vector<std::string> console;  // the page's console messages
};

// One headless Chromium run on `url`, in a profile of its own, never longer than two minutes.
ChromiumRun run_chromium(const fs::path& work, const std::string& name, const std::string& url,
                         const std::string& mode) {
    const fs::path profile = work / ("profile-" + name);
    const fs::path out = work / (name + ".out");
    const fs::path err = work / (name + ".err");
    const std::string cmd =
        "timeout 120 " + chromium.string() +
        " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
        " --disable-background-networking --disable-component-update --disable-sync"
        " --disable-default-apps --disable-dev-shm-usage --mute-audio --hide-scrollbars "
        "--force-color-profile=srgb"
        " --force-device-scale-factor=1 --enable-logging=stderr --v=0 --user-data-dir='" +
        profile.string() + "' " + mode + " '" + url + "' > '" + out.string() + "' 2> '" +
        err.string() + "'";
    ChromiumRun run;
    run.status = std::system(cmd.c_str());
    run.stdout_text = test::read_file(out);
    std::ifstream log(err);
    const std::regex console_line(":CONSOLE[:(]");
    for (std::string line; std::getline(log, line);)
        if (std::regex_search(line, console_line)) run.console.push_back(line);
    return run;
}

ChromiumRun screenshot(const fs::path& work, const fs::path& page, const fs::path& png) {
    return run_chromium(work, png.stem().string(), "file://" + page.string(),
                        "--window-size=1280,2000 --screenshot='" + png.string() + "'");
}

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
}

// Pixels of each colour ("rrggbb") in each PNG, counted by Chromium's own decoder.
std::vector<std::map<std::string, std::size_t>> colour_counts(
    const fs::path& work, const std::vector<fs::path>& pngs,
    const std::vector<std::string>& colours) {
    std::string images, wanted;
    for (const auto& png : pngs)
        images += "\"data:image/png;base64," + base64(test::read_file(png)) + "\",";
    for (const auto& c : colours) wanted += "\"" + c + "\",";
    const fs::path page = work / "count_colours.html";
    test::write_file(page, R"(<!DOCTYPE html><meta charset="utf-8"><pre id="out">pending</pre>
<script>
const images = [)" + images + R"(], wanted = [)" +
                               wanted + R"(];
Promise.all(images.map(src => new Promise((resolve, reject) => {
  const img = new Image();
  img.onload = () => {
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const counts = {};
    for (const w of wanted) counts[w] = 0;
    for (let i = 0; i < d.length; i += 4) {
      const hex = ((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]).toString(16).padStart(6, '0');
      if (hex in counts) counts[hex]++;
    }
    resolve(counts);
  };
  img.onerror = () => reject(new Error('cannot decode'));
  img.src = src;
}))).then(all => { document.getElementById('out').textContent = JSON.stringify(all); },
          e => { document.getElementById('out').textContent = 'error: ' + e.message; });
</script>)");
    const ChromiumRun run = run_chromium(work, "count", "file://" + page.string(),
                                         "--dump-dom --virtual-time-budget=10000");
    const std::smatch m = [&] {
        std::smatch found;
        std::regex_search(run.stdout_text, found, std::regex("<pre id=\"out\">([^<]*)</pre>"));
        return found;
    }();
    std::vector<std::map<std::string, std::size_t>> result;
    if (m.empty() || m[1].str().front() != '[') {
        ADD_FAILURE() << "the colour counter did not run: " << run.stdout_text.substr(0, 300);
        return result;
    }
    const boost::json::value v = boost::json::parse(m[1].str());
    for (const auto& counts : v.as_array()) {
        result.emplace_back();
        for (const auto& [colour, n] : counts.as_object())
            result.back()[std::string(colour)] = n.to_number<std::size_t>();
    }
    return result;
}

std::string stylesheet_colour(const std::string& property) {
    const std::string css = test::read_file(test::plugin_dir() / "html" / "style.css");
    std::smatch m;
    if (!std::regex_search(css, m, std::regex(property + ":\\s*#([0-9a-fA-F]{6});"))) {
        ADD_FAILURE() << "style.css has no " << property << " colour";
        return "";
    }
    std::string hex = m[1];
    for (auto& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return hex;
}

class HtmlInChromium : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!fs::exists(chromium))
            GTEST_SKIP() << chromium << " not found (Debian package chromium): skipping the "
                         << "browser checks of the html pages";
    }

    fs::path export_fixture(const std::string& name) {
        Document doc =
            document_from_json(test::read_file(test::data_dir() / "exporters" / (name + ".json")));
        test::ChainHarness chain({"html"},
                                 "[plugins.html]\ndir = \"" + pages.path().string() + "\"\n");
        const auto failure = chain.try_run(doc);
        EXPECT_FALSE(failure) << failure->message;
        return pages / (doc.source.sha256 + ".html");
    }

    // Screenshots outlive the test when GONGWEN_KEEP_SCREENSHOTS names a folder.
    void keep(const fs::path& png) {
        if (const char* dir = std::getenv("GONGWEN_KEEP_SCREENSHOTS")) {
            fs::create_directories(dir);
            fs::copy_file(png, fs::path(dir) / png.filename(),
                          fs::copy_options::overwrite_existing);
        }
    }

    test::TempDir pages;
    test::TempDir work;
};

}  // namespace

TEST_F(HtmlInChromium, PagesAndIndexRenderWithoutConsoleMessages) {
    // The control: a page that logs an error, throws, and loads a blocked resource.
    const fs::path control = work / "control.html";
    test::write_file(control,
                     "<!DOCTYPE html><meta charset=\"utf-8\"><meta http-equiv="
                     "\"Content-Security-Policy\" content=\"img-src 'none'\"><img src=\"x.png\">"
                     "<script>console.error('control-error'); throw new Error('control-throw');"
                     "</script>");
    const ChromiumRun seen = screenshot(work.path(), control, work / "control.png");
    ASSERT_GE(seen.console.size(), 2u)
        << "Chromium did not report the control page's console errors on stderr; its log "
           "format may have changed, and this test cannot see console errors any more";
    EXPECT_NE(joined(seen.console).find("control-error"), std::string::npos);
    EXPECT_NE(joined(seen.console).find("control-throw"), std::string::npos);

    std::vector<fs::path> rendered;
    for (const char* name : {"report_2021", "hostile", "bare"})
        rendered.push_back(export_fixture(name));
    rendered.push_back(pages / "index.html");
    for (const auto& page : rendered) {
        const fs::path png = work / (page.stem().string() + ".png");
        const ChromiumRun run = screenshot(work.path(), page, png);
        EXPECT_EQ(run.status, 0) << page;
        EXPECT_TRUE(run.console.empty()) << page << ":\n" << joined(run.console);
        EXPECT_GT(fs::exists(png) ? fs::file_size(png) : 0, 1000u) << "no screenshot of " << page;
        if (fs::exists(png)) keep(png);
    }
}

TEST_F(HtmlInChromium, ScreenshotShowsTheHighlightsAndTheChart) {
    const std::string highlight = stylesheet_colour("--mark-actual");
    const std::string bar = stylesheet_colour("--bar-0");
    ASSERT_FALSE(highlight.empty() || bar.empty());

    const fs::path report = export_fixture("report_2021");
    // The same page with the text's highlights switched off (the legend keeps its colour).
    std::string html = test::read_file(report);
    const auto text = html.find("<div class=\"text\"");
    ASSERT_NE(text, std::string::npos);
    std::string body = html.substr(text);
    for (auto at = body.find("class=\"m m-"); at != std::string::npos;
         at = body.find("class=\"m m-", at))
        body.replace(at, 11, "class=\"x-m-");
    const fs::path unmarked = pages / "unmarked.html";
    test::write_file(unmarked, html.substr(0, text) + body);
    const fs::path bare = export_fixture("bare");

    std::vector<fs::path> pngs;
    for (const auto& [page, name] :
         {std::pair{report, "report"}, {unmarked, "unmarked"}, {bare, "bare"}}) {
        pngs.push_back(work / (std::string(name) + ".png"));
        const ChromiumRun run = screenshot(work.path(), page, pngs.back());
        ASSERT_TRUE(fs::exists(pngs.back())) << "no screenshot of " << page;
        EXPECT_TRUE(run.console.empty()) << joined(run.console);
        keep(pngs.back());
    }
    const auto counts = colour_counts(work.path(), pngs, {highlight, bar});
    ASSERT_EQ(counts.size(), 3u);
    const auto& with = counts[0];
    const auto& without = counts[1];
    const auto& nothing = counts[2];
    // Nine achieved metrics are highlighted in the text: each is a few hundred pixels.
    EXPECT_GT(with.at(highlight), without.at(highlight) + 9 * 150)
        << "highlighted page " << with.at(highlight) << " px of #" << highlight
        << ", same page without highlights " << without.at(highlight);
    // Four bars in the first chart, the longest 380 px by 18 px.
    EXPECT_GT(with.at(bar), 380u * 18u) << "#" << bar << " pixels: " << with.at(bar);
    EXPECT_EQ(with.at(bar), without.at(bar)) << "only the highlights differ";
    EXPECT_EQ(nothing.at(highlight), 0u) << "a page without metrics has no highlight colour";
    EXPECT_EQ(nothing.at(bar), 0u) << "a page without figures has no bar colour";
}
