#include "run_reader.hpp"

#include <algorithm>

#include "invalid_sequences.hpp"

namespace gongwen::encoding_fix {

std::vector<Read> read_traced(Charset& charset, std::string_view bytes, std::size_t offset) {
    const Charset::Traced t = charset.decode_traced(bytes);
    std::vector<Read> out(t.text.size());
    for (std::size_t i = 0; i < t.text.size(); ++i)
        out[i] = {t.text[i], t.starts[i] + offset, t.broken[i], false};
    return out;
}

std::size_t broken_count(const std::vector<Read>& r) {
    return std::size_t(std::count_if(r.begin(), r.end(), [](const Read& x) { return x.broken; }));
}

// One hole-free stretch of a run: characters [first, last) of the text, their bytes in the
// charset they were shown in, and the right reading of those bytes.
struct RunReader::Piece {
    std::size_t first = 0, last = 0;
    std::string bytes;
    std::vector<std::size_t> starts;  // byte offset of each character
    std::vector<Read> read;
    bool lost_first = false, lost_last = false;
    std::size_t head_stranded = 0;  // bytes at the start whose first byte is in the hole before
    std::size_t tail_needed = 0;    // bytes the cut character at the end misses
};

namespace {

// How many characters a group of `holes` substitutes (U+FFFD, '?') lost, given the cut
// character before it (`needed` bytes short) and the stranded bytes after it. A substitute
// stands for one byte or two; in UTF-8 the cut character and the stranded bytes may be one
// character, in a double-byte charset never. A double-byte decoder (Big5 reading GBK) puts
// one substitute for each pair it cannot map, and stays in step.
std::size_t lost_at_hole(bool utf8_real, bool pairs_shown, std::size_t holes, std::size_t needed,
                         std::size_t stranded, bool only_question_marks) {
    const std::size_t unit = utf8_real ? 3 : 2;
    if (needed && stranded && utf8_real && needed > stranded && needed - stranded <= 2 * holes)
        return 1;
    // Bytes after the group that only look stranded: the substitutes cannot hold the rest of
    // the cut character and the start of another (。 cut one byte short, then clean text whose
    // bytes read this way begin with a continuation byte).
    if (needed && stranded && needed + (unit - stranded) > 2 * holes) stranded = 0;
    if (!needed && !stranded)
        // A '?' between two intact characters is a question mark; a U+FFFD there took whole
        // characters of a double-byte charset.
        return utf8_real || only_question_marks ? 0 : pairs_shown ? holes : (holes + 1) / 2;
    const std::size_t known = needed + (stranded ? unit - stranded : 0);
    const std::size_t whole = holes > known ? (holes - known + unit - 1) / unit : 0;
    return (needed ? 1 : 0) + whole + (stranded ? 1 : 0);
}

// Widens the last island to [.., b), or starts one at [a, b) where it may not grow (`open`).
void extend(std::vector<Island>& islands, bool& open, std::size_t a, std::size_t b) {
    if (!open) {
        islands.push_back({});
        islands.back().start = a;
        open = true;
    }
    islands.back().end = b;
}

}  // namespace

RunReader::RunReader(Charset& shown, Charset& real, const CharFrequency& frequency)
    : shown_(shown),
      real_(real),
      frequency_(frequency),
      utf8_real_(real.name() == "UTF-8"),
      pairs_shown_(!utf8_real_ && !shown.single_byte()) {}

std::vector<RunReader::Piece> RunReader::cut(std::u32string_view text, std::size_t from,
                                             std::size_t to, Holes& holes, Run& run) const {
    std::vector<Piece> pieces;
    std::size_t j = from;
    bool ended = false;
    while (j < to && !ended) {
        std::size_t h = j;
        while (h < to && is_hole(text[h])) ++h;
        if (h >= to) {
            holes.emplace_back(j, h);
            j = h;
            break;
        }
        std::size_t piece_end = h;
        while (piece_end < to && !is_hole(text[piece_end]) && shown_.encodable(text[piece_end]))
            ++piece_end;
        Charset::Encoded enc = shown_.encode_prefix(text.substr(h, piece_end - h));
        if (enc.starts.empty()) {
            holes.emplace_back(j, h);
            j = h;
            ended = true;
            break;
        }
        holes.emplace_back(j, h);
        Piece p;
        p.first = h;
        p.last = h + enc.starts.size();
        p.bytes = std::move(enc.bytes);
        p.starts = std::move(enc.starts);
        pieces.push_back(std::move(p));
        j = pieces.back().last;
        // A character without bytes in the wrong charset ends the run.
        if (j < to && !is_hole(text[j])) ended = true;
    }
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        const bool hole_before = holes[k].first < holes[k].second && k > 0;
        const bool hole_after = k + 1 < holes.size() && holes[k + 1].first < holes[k + 1].second;
        read_piece(pieces[k], hole_before, hole_after);
    }
    if (holes.size() == pieces.size()) holes.emplace_back(j, j);  // none after the last
    run.end = j;
    run.ended = ended;
    return pieces;
}

// Reads `p.bytes` in the right charset. Next to a hole, characters cut by it are marked lost
// (the hole itself says how many characters that is): for UTF-8 the stranded continuation
// bytes after it and the cut sequence before it; for a double-byte charset, the hole took one
// byte or two, whichever reads without errors.
void RunReader::read_piece(Piece& p, bool hole_before, bool hole_after) const {
    p.read = read_traced(real_, p.bytes, 0);
    if (hole_before && !p.read.empty()) {
        if (utf8_real_) {
            std::size_t k = 0;
            while (k < p.read.size() && p.read[k].broken && p.read[k].start < 3 &&
                   (static_cast<unsigned char>(p.bytes[p.read[k].start]) & 0xC0) == 0x80)
                ++k;
            if (k) {
                p.head_stranded = k < p.read.size() ? p.read[k].start : p.bytes.size();
                p.read.erase(p.read.begin() + 1, p.read.begin() + std::ptrdiff_t(k));
                p.read[0] = {0xFFFD, 0, false, true};
                p.lost_first = true;
            }
        } else if (broken_count(p.read) && p.bytes.size() > 1) {
            std::vector<Read> shifted = read_traced(real_, std::string_view(p.bytes).substr(1), 1);
            if (broken_count(shifted) < broken_count(p.read)) {
                shifted.insert(shifted.begin(), Read{0xFFFD, 0, false, true});
                p.read = std::move(shifted);
                p.lost_first = true;
                p.head_stranded = 1;
            }
        }
    }
    if (hole_after && !p.read.empty() && p.read.back().broken &&
        !(p.lost_first && p.read.size() == 1)) {
        Read& last = p.read.back();
        std::size_t needed = 1;
        if (utf8_real_) {
            const unsigned char lead = static_cast<unsigned char>(p.bytes[last.start]);
            const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            needed = length - std::min(length - 1, p.bytes.size() - last.start);
        }
        last = {0xFFFD, last.start, false, true};
        p.lost_last = true;
        p.tail_needed = needed;
    }
}

RunReader::Run RunReader::read(std::u32string_view text, std::size_t from, std::size_t to) const {
    Run run;
    Holes holes;  // before each piece
    const std::vector<Piece> pieces = cut(text, from, to, holes, run);
    bool open = false;
    for (std::size_t k = 0; k < holes.size(); ++k) {
        const auto [h0, h1] = holes[k];
        if (h0 < h1) {
            const Piece* before = k > 0 ? &pieces[k - 1] : nullptr;
            const Piece* after = k < pieces.size() ? &pieces[k] : nullptr;
            const bool questions =
                std::all_of(text.begin() + std::ptrdiff_t(h0), text.begin() + std::ptrdiff_t(h1),
                            [](char32_t c) { return c == '?'; });
            const std::size_t lost =
                lost_at_hole(utf8_real_, pairs_shown_, h1 - h0,
                             before && before->lost_last ? before->tail_needed : 0,
                             after && after->lost_first ? after->head_stranded : 0, questions);
            if (lost) {
                extend(run.islands, open, h0, h1);
                Island& is = run.islands.back();
                is.parts.push_back({h0, h1, is.fixed.size(), {}, true});
                is.fixed.append(lost, U'\uFFFD');
                is.lost += lost;
            } else {
                open = false;
            }
        }
        if (k >= pieces.size()) break;
        compare(text, pieces[k], run.islands, open);
    }
    return run;
}

void RunReader::compare(std::u32string_view text, const Piece& p, std::vector<Island>& islands,
                        bool& open) const {
    // Segments between byte offsets where both readings start a character.
    std::size_t o = 0, d = 0;
    const std::size_t on = p.last - p.first, dn = p.read.size();
    while (o < on || d < dn) {
        std::size_t o_end = o + 1, d_end = d + 1;
        // Advance the one behind until both start at the same byte (or the end).
        while (true) {
            const std::size_t ob = o_end < on ? p.starts[o_end] : p.bytes.size();
            const std::size_t db = d_end < dn ? p.read[d_end].start : p.bytes.size();
            if (ob == db) break;
            if (ob < db)
                ++o_end;
            else
                ++d_end;
        }
        o_end = std::min(o_end, on);
        d_end = std::min(d_end, dn);
        bool same = o_end - o == d_end - d;
        bool invalid = false;
        for (std::size_t m = d; m < d_end; ++m) {
            invalid |= p.read[m].broken;
            const char32_t c = p.read[m].c;
            // Controls and private-use characters are what a charset makes of bytes that were
            // never its text (。 in Big5 read as GBK is U+E4C9).
            invalid |= (c < 0x20 && c != '\t') || (c >= 0x80 && c < 0xA0) || is_private_use(c);
            same = same && !p.read[m].lost && p.read[m].c == text[p.first + o + (m - d)];
        }
        if (same) {
            open = false;
        } else {
            // Bytes that read as nothing valid belong to text that was not damaged this way
            // (clean text next to the damage): they must not drag a valid neighbour into their
            // island.
            if (open && islands.back().invalid != invalid) open = false;
            extend(islands, open, p.first + o, p.first + o_end);
            Island& is = islands.back();
            is.invalid |= invalid;
            Island::Part part{p.first + o, p.first + o_end, is.fixed.size(), {}, false};
            for (std::size_t m = d; m < d_end; ++m) {
                if (p.read[m].lost) {
                    part.loss = true;
                    continue;  // the hole stands for it
                }
                is.fixed += p.read[m].c;
                if (const auto sc = frequency_.score(p.read[m].c))
                    part.after.sum += *sc, ++part.after.scored;
            }
            is.parts.push_back(part);
        }
        o = o_end;
        d = d_end;
    }
}

}  // namespace gongwen::encoding_fix
