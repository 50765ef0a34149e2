#include "text_pipeline.hpp"

#include <algorithm>
#include <cstring>

#include "gongwen/utf8.hpp"
#include "plain_run.hpp"

namespace gongwen::encoding_fix {

TextPipeline::TextPipeline(MojibakeRepairer& repairer) : repairer_(repairer) {}

void TextPipeline::work_on(std::string_view line, bool tidy, PipelineResult& out) {
    std::u32string decoded = utf8::decode(line);
    normalize_line_endings(decoded);
    const std::vector<SpanFix> fixes = repairer_.find(decoded);
    // A line looked at only for its rare characters, which the repairer leaves alone, has
    // nothing to clean and nothing lost to count: it goes on as it came.
    if (fixes.empty() && !tidy) {
        out.code_points_out += decoded.size();
        out.text += line;
        return;
    }
    // Clean each piece between repairs on its own, so repair offsets follow from lengths.
    std::u32string text;
    text.reserve(decoded.size());
    std::vector<std::pair<std::size_t, std::size_t>> repaired;
    std::size_t kept_marks = 0;
    const std::size_t base = out.code_points_out;
    std::size_t at = 0;
    for (const SpanFix& fix : fixes) {
        text += clean(std::u32string_view(decoded).substr(at, fix.start - at), out.cleanup);
        const std::u32string fixed = clean(fix.fixed, out.cleanup);
        out.repairs.push_back(
            {fix.kind, base + text.size(), base + text.size() + fixed.size(),
             utf8::encode(std::u32string_view(decoded).substr(fix.start, fix.end - fix.start)),
             utf8::encode(fixed)});
        out.repair_losses.push_back(fix.lost);
        repaired.emplace_back(text.size(), text.size() + fixed.size());
        kept_marks += fix.lost -
                      std::min<std::size_t>(
                          fix.lost, std::size_t(std::count(fixed.begin(), fixed.end(), U'\uFFFD')));
        text += fixed;
        at = fix.end;
    }
    text += clean(std::u32string_view(decoded).substr(at), out.cleanup);
    const LostCharacters lost = count_lost(text, repaired);
    out.lost.replacement += lost.replacement;
    out.lost.question_marks += lost.question_marks + kept_marks;
    out.code_points_out += text.size();
    out.text += utf8::encode(text);
}

std::optional<PipelineResult> TextPipeline::run(std::string_view in, bool nul_is_foreign,
                                                const UncheckedSpans* unchecked) {
    PipelineResult out;
    out.text.reserve(in.size() + 1);
    const std::uint8_t* const signs = repairer_.signs().bmp_table(repairer_.watch());
    const std::uint8_t* const stops = repairer_.signs().three_byte_stops(repairer_.watch());
    const auto* const begin = reinterpret_cast<const unsigned char*>(in.data());
    const auto* const end = begin + in.size();
    const unsigned char* p = begin;
    // Where the decoder checked the characters, runs need not look them up (plain_run without
    // `stops`) up to the next span it did not check; inside one, they do.
    const bool use_checks = unchecked && repairer_.watch() == DamageSigns::Watch::ordinary;
    std::size_t cursor = 0;
    // Lines are copied in bulk: `quiet_from` is where the stretch of quiet lines not yet
    // copied starts.
    const unsigned char* quiet_from = begin;
    std::size_t quiet_code_points = 0;
    const auto flush_quiet = [&](const unsigned char* upto) {
        out.text.append(reinterpret_cast<const char*>(quiet_from), std::size_t(upto - quiet_from));
        out.code_points_out += quiet_code_points;
        quiet_code_points = 0;
    };
    // `copy` follows `text` a block behind, so that each block is copied while it is still in
    // the cache; copied whole at the end, a long text came from memory a second time.
    constexpr std::size_t copy_block = 32 * 1024;
    // (Reserved at the first block, not before: a text that turns out not to be UTF-8 fails
    // long before it.)
    const auto copy_written = [&] {
        if (out.copy.capacity() < in.size() + 1) out.copy.reserve(in.size() + 1);
        out.copy.append(out.text, out.copy.size());
    };
    while (p < end) {
        const unsigned char* line = p;
        bool quiet = true;
        bool tidy = false;  // it needs cleaning or holds something lost: not only rare characters
        std::size_t index = 0;  // code points into the line
        std::size_t last_odd = ~std::size_t(0) - DamageSigns::odd_distance;
        bool after_ascii_question = false;           // inside a run of '?' that followed ASCII
        bool previous_wide = false;                  // the previous character was not ASCII
        const unsigned char* content_end = nullptr;  // before "\r\n" or "\n"
        while (p < end) {
            // Runs of characters that sign nothing, the bulk of a clean report, are only
            // checked and counted; anything else leaves them for the character by character
            // rules below. ASCII letters count as plain only away from an odd character.
            // While the line is quiet the run may go on through the quiet lines after it.
            if (!after_ascii_question && index - last_odd > DamageSigns::odd_distance) {
                const unsigned char* run_end = end;
                const std::uint8_t* run_stops = stops;
                if (use_checks) {
                    const auto* const checked_end =
                        begin + unchecked->checked_until(std::size_t(p - begin), in.size(), cursor);
                    if (p < checked_end) run_end = checked_end, run_stops = nullptr;
                }
                if (run_end - p >= plain_run_tail) {
                    const PlainRun run = plain_run(p, run_end, run_stops, quiet);
                    if (run.bytes) {
                        out.multibyte += run.multibyte;
                        previous_wide = run.ends_wide;
                        if (run.lines) {
                            // This line and the next run.lines - 1 end in the run, all quiet,
                            // with LF: they are copied with the quiet stretch.
                            const std::size_t ended =
                                index + run.code_points - run.line_code_points;
                            out.code_points += ended;
                            quiet_code_points += ended;
                            line = p + run.line_start;
                            last_odd = ~std::size_t(0) - DamageSigns::odd_distance;
                            index = 0;
                            if (std::size_t(line - quiet_from) >= copy_block) {
                                flush_quiet(line);
                                quiet_from = line;
                                copy_written();
                            }
                        }
                        index += run.line_code_points;
                        p += run.bytes;
                        // A run from where one ended would be empty: on to the rules below.
                        if (p == end) break;
                    }
                }
            }
            if (!after_ascii_question) {
                const unsigned char* q = p;
                bool at_stop = false;
                while (end - q >= 3 && (q[0] & 0xF0) == 0xE0 && (q[1] & 0xC0) == 0x80 &&
                       (q[2] & 0xC0) == 0x80) {
                    const char32_t c = char32_t(q[0] & 0x0F) << 12 | char32_t(q[1] & 0x3F) << 6 |
                                       char32_t(q[2] & 0x3F);
                    if (stops[c]) {
                        at_stop = true;
                        break;
                    }
                    q += 3;
                }
                if (q != p) {
                    const std::size_t n = std::size_t(q - p) / 3;
                    index += n;
                    out.multibyte += n;
                    previous_wide = true;
                    p = q;
                    // A run from a character that stops one would be empty.
                    if (!at_stop) continue;
                }
            }
            if (index - last_odd > DamageSigns::odd_distance) {
                const unsigned char* q = p;
                while (q < end && *q >= 0x20 && *q < 0x7F && *q != '?') ++q;
                if (q != p) {
                    index += std::size_t(q - p);
                    previous_wide = after_ascii_question = false;
                    p = q;
                    continue;
                }
            }
            const unsigned char b = *p;
            if (b < 0x80) {
                if (b == '\n') {
                    content_end = p;
                    ++p;
                    break;
                }
                if ((b >= 0x20 && b < 0x7F && b != '?') || b == '\t') {
                    if (DamageSigns::resyncs(b) && index - last_odd <= DamageSigns::odd_distance)
                        quiet = false;
                    ++p;
                    ++index;
                    previous_wide = after_ascii_question = false;
                    continue;
                }
                if (b == '?') {
                    // A '?' next to Chinese may stand for a lost character: counted, so a look.
                    if (previous_wide) quiet = false;
                    tidy = true;
                    after_ascii_question = true;
                    previous_wide = false;
                    ++p;
                    ++index;
                    continue;
                }
                if (b == '\r' && p + 1 < end && p[1] == '\n') {
                    content_end = p;
                    p += 2;
                    break;
                }
                if (b == 0 && nul_is_foreign) return std::nullopt;
                quiet = false;  // a control character, a lone CR
                tidy = true;
                ++p;
                ++index;
                previous_wide = after_ascii_question = false;
                continue;
            }
            char32_t c;
            if ((b & 0xE0) == 0xC0) {
                if (end - p < 2 || (p[1] & 0xC0) != 0x80) return std::nullopt;
                c = char32_t(b & 0x1F) << 6 | (p[1] & 0x3F);
                if (c < 0x80) return std::nullopt;
                p += 2;
            } else if ((b & 0xF0) == 0xE0) {
                if (end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
                    return std::nullopt;
                c = char32_t(b & 0x0F) << 12 | char32_t(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
                if (c < 0x800 || (c >= 0xD800 && c < 0xE000)) return std::nullopt;
                p += 3;
            } else if ((b & 0xF8) == 0xF0) {
                if (end - p < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
                    (p[3] & 0xC0) != 0x80)
                    return std::nullopt;
                c = char32_t(b & 0x07) << 18 | char32_t(p[1] & 0x3F) << 12 |
                    char32_t(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
                if (c < 0x10000 || c > 0x10FFFF) return std::nullopt;
                p += 4;
            } else {
                return std::nullopt;
            }
            ++out.multibyte;
            const std::uint8_t sign = c < 0x10000 ? signs[c] : DamageSigns::tidy;
            if (sign & (DamageSigns::alarm | DamageSigns::tidy) || after_ascii_question)
                quiet = false, tidy = true;
            if (sign & DamageSigns::odd) {
                if (index - last_odd <= DamageSigns::odd_distance) quiet = false;
                last_odd = index;
            }
            ++index;
            previous_wide = true;
            after_ascii_question = false;
        }
        out.code_points += index + (content_end ? 1 : 0);
        const bool crlf = content_end && content_end + 1 < p;
        if (quiet && !crlf) {
            quiet_code_points += index + (content_end ? 1 : 0);
            continue;
        }
        flush_quiet(line);
        const unsigned char* const stop = content_end ? content_end : p;
        if (quiet) {
            out.text.append(reinterpret_cast<const char*>(line), std::size_t(stop - line));
            out.code_points_out += index;
        } else {
            work_on(std::string_view(reinterpret_cast<const char*>(line), std::size_t(stop - line)),
                    tidy, out);
        }
        if (content_end) {
            out.text += '\n';
            ++out.code_points_out;
        }
        quiet_from = p;
        if (out.text.size() - out.copy.size() >= copy_block) copy_written();
    }
    flush_quiet(end);
    copy_written();
    return out;
}

}  // namespace gongwen::encoding_fix
