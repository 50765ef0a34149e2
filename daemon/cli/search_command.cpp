#include <unistd.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/command_errors.hpp"
#include "cli/commands.hpp"
#include "cli/display_width.hpp"
#include "cli/document_label.hpp"
#include "cli/read_only_database.hpp"
#include "cli/table_printer.hpp"
#include "config/daemon_config.hpp"
#include "store/database.hpp"
#include "store/full_text_search.hpp"
#include "store/script_fold.hpp"

namespace gongwen {

namespace {

// Marks for a term in a snippet: colour on a terminal, brackets where colour would be noise.
struct Marks {
    std::string open;
    std::string close;
};

Marks marks_for(const std::string& format) {
    const char* no_color = std::getenv("NO_COLOR");
    if (format == "table" && isatty(STDOUT_FILENO) && !(no_color && *no_color))
        return {"\x1b[1;31m", "\x1b[0m"};
    return {"【", "】"};
}

boost::json::value to_json(const SearchResults& r, const std::string& query,
                           const std::vector<SearchTerm>& terms) {
    boost::json::array jterms;
    for (const auto& t : terms) jterms.push_back({{"term", t.typed}, {"searched", t.folded}});
    boost::json::array docs;
    for (const auto& d : r.documents) {
        boost::json::array sections;
        for (const auto& s : d.sections) {
            boost::json::array marks;
            for (const auto& [a, b] : s.snippet.marks) marks.push_back({a, b});
            boost::json::value section = nullptr;
            if (s.section) section = *s.section;
            sections.push_back({{"section", section},
                                {"heading", s.heading},
                                {"snippet", s.snippet.text},
                                {"marks", std::move(marks)}});
        }
        boost::json::value member = nullptr;
        if (d.member) member = *d.member;
        boost::json::value title = nullptr;
        if (!d.title.empty()) title = d.title;
        docs.push_back({{"id", d.document_id},
                        {"sha256", d.sha256},
                        {"title", title},
                        {"source", d.source_path},
                        {"member", member},
                        {"score", d.score},
                        {"sections_matched", d.sections_matched},
                        {"sections", std::move(sections)}});
    }
    return {{"query", query},
            {"terms", std::move(jterms)},
            {"total_documents", r.total_documents},
            {"total_sections", r.total_sections},
            {"used_index", r.used_index},
            {"documents", std::move(docs)}};
}

}  // namespace

int search_command(const SearchOptions& options) {
    return report_errors([&] {
        const DaemonConfig config = load_config(find_config(options.config));
        const auto database = open_read_only(config);
        Database& db = *database;

        // The index holds folded text: the query must be folded the same way to match it.
        const ScriptFold& fold = ScriptFold::shared();
        if (!fold.warning().empty()) std::cerr << "gongwen: warning: " << fold.warning() << "\n";
        const auto terms = parse_search_query(options.query, &fold);

        SearchLimits limits;
        limits.limit = options.limit;
        limits.sections_per_document = std::max<std::size_t>(1, options.sections);
        if (options.format == "table") {
            // Narrower context so that a hit fits a terminal line.
            limits.snippet_before = 12;
            limits.snippet_after = 28;
        }
        const SearchResults r = search(db, terms, limits);

        if (options.format == "json") {
            std::cout << boost::json::serialize(to_json(r, options.query, terms)) << "\n";
            return 0;
        }
        const Marks marks = marks_for(options.format);
        const bool csv = options.format == "csv";
        Table table(
            csv ? std::vector<Column>{{"rank"},
                                      {"document"},
                                      {"sha256"},
                                      {"title"},
                                      {"section"},
                                      {"heading"},
                                      {"sections_matched"},
                                      {"score"},
                                      {"snippet"}}
                : std::vector<Column>{
                      {"#"}, {"doc"}, {"title", 28}, {"section", 22}, {"hits"}, {"snippet"}});
        std::int64_t rank = 0;
        for (const auto& d : r.documents) {
            ++rank;
            const std::string label = document_label(d.title, d.source_path, d.member);
            bool first = true;
            for (const auto& s : d.sections) {
                const Cell section = cell_or_null(s.section);
                const std::string heading = s.heading.empty() ? "(outside sections)" : s.heading;
                if (csv)
                    table.add_row({rank, d.document_id, d.sha256, label, section, s.heading,
                                   d.sections_matched, d.score,
                                   s.snippet.highlighted(marks.open, marks.close)});
                else if (first)
                    table.add_row({rank, d.document_id, label, heading, d.sections_matched,
                                   s.snippet.highlighted(marks.open, marks.close)});
                else
                    table.add_row({Cell(), Cell(), Cell(), heading, Cell(),
                                   s.snippet.highlighted(marks.open, marks.close)});
                first = false;
            }
        }
        if (csv) {
            print_csv(std::cout, table);
            return 0;
        }
        if (r.total_documents == 0) {
            std::cout << "No document matches " << options.query << ".\n";
            return 0;
        }
        print_aligned(std::cout, table, stdout_terminal_columns());
        std::cout << "\n"
                  << r.total_documents << " document" << (r.total_documents == 1 ? "" : "s") << " ("
                  << r.total_sections << " section" << (r.total_sections == 1 ? "" : "s")
                  << ") match";
        if (static_cast<std::int64_t>(r.documents.size()) < r.total_documents)
            std::cout << "; the best " << r.documents.size() << " shown (--limit 0 for all)";
        std::cout << ".\n";
        return 0;
    });
}

}  // namespace gongwen
