#include "document_conversion.hpp"

#include <string>

#include "utf8_decoding.hpp"

namespace variant_convert {
namespace {

bool is_cut(const CodePointClasses& classes, const char* p, std::size_t& length) {
    return (classes.of(decode_validated(p, length)) & CodePointClasses::in_key) == 0;
}

// Start of the piece that holds `p`: just after the nearest character before it that no key
// contains, but not before `floor` (where the previous piece ended).
const char* piece_start(const CodePointClasses& classes, const char* p, const char* floor) {
    while (p > floor) {
        const char* previous = p - 1;
        while ((static_cast<unsigned char>(*previous) & 0xC0) == 0x80) --previous;
        std::size_t length = 0;
        if (is_cut(classes, previous, length)) return p;
        p = previous;
    }
    return floor;
}

// End of the piece that holds `p`: the next character that no key contains, or `end`. The
// scan has not checked the text after `p` yet: a malformed sequence ends the piece too (and
// the scan stops at it).
const char* piece_end(const CodePointClasses& classes, const char* p, const char* end) {
    while (p < end) {
        std::size_t length = 0;
        const char32_t cp = decode_checked(p, end, length);
        if (cp == invalid_code_point || !(classes.of(cp) & CodePointClasses::in_key)) return p;
        p += length;
    }
    return end;
}

// Converts one piece that may change: the user's phrases first, OpenCC between them.
void convert_piece(std::string_view piece, const OpenccConverter* converter,
                   const UserDictionary* user, std::string& out, OffsetPieces& pieces) {
    auto by_opencc = [&](const char* begin, const char* end) {
        if (begin == end) return;
        if (converter) {
            converter->convert({begin, end}, out, pieces);
        } else {
            out.append(begin, end);
            pieces.keep(count_code_points(begin, end));
        }
    };
    const char* const end = piece.data() + piece.size();
    if (!user || user->empty()) {
        by_opencc(piece.data(), end);
        return;
    }
    const char* pending = piece.data();  // not converted yet
    const char* p = pending;
    while (p < end) {
        const CodePointTrie::Match m = user->longest_prefix({p, static_cast<std::size_t>(end - p)});
        if (m.bytes == 0) {
            p += sequence_length(static_cast<unsigned char>(*p));
            continue;
        }
        by_opencc(pending, p);
        const UserDictionary::Entry& entry = user->entry(m.value);
        out += entry.to;
        pieces.replace(m.code_points, entry.to_code_points);
        p += m.bytes;
        pending = p;
    }
    by_opencc(pending, end);
}

// Everything the scan does besides counting: converting the pieces that may change. Output
// starts only with the first piece whose conversion differs from it, so a document that
// needs no change is never copied.
class PieceConverter {
  public:
    PieceConverter(std::string_view text, const CodePointClasses& classes,
                   const TriggerSet& triggers, const OpenccConverter* converter,
                   const UserDictionary* user, DocumentConversion& result)
        : text_(text),
          classes_(classes),
          triggers_(triggers),
          converter_(converter),
          user_(user),
          result_(result) {}

    // Called for a watched character at `p`, at or after the end of the last converted piece.
    // Converts the piece around it if a change is possible there; returns where the scan may
    // next call (the end of that piece, or `p` itself).
    __attribute__((noinline)) const char* convert_around(const char* p, std::uint8_t flags) {
        if (!(flags & CodePointClasses::triggers)) {
            std::size_t length = 0;
            const char32_t cp = decode_validated(p, length);
            if (!triggers_.phrase_occurs_at(text_, static_cast<std::size_t>(p - text_.data()), cp))
                return p;
        }
        const char* from = piece_start(classes_, p, done_);
        const char* to = piece_end(classes_, p, text_.data() + text_.size());
        converted_.clear();
        converted_pieces_.clear();
        convert_piece({from, static_cast<std::size_t>(to - from)}, converter_, user_, converted_,
                      converted_pieces_);
        done_ = to;
        if (!started_) {
            if (converted_ == std::string_view(from, static_cast<std::size_t>(to - from)))
                return to;
            result_.text.reserve(text_.size() + text_.size() / 8);
            started_ = true;
        }
        result_.text.append(copied_, from);
        result_.pieces.keep(count_code_points(copied_, from));
        result_.text += converted_;
        result_.pieces.append(converted_pieces_);
        copied_ = to;
        return to;
    }

    void finish() {
        const char* end = text_.data() + text_.size();
        if (started_) {
            result_.text.append(copied_, end);
            result_.pieces.keep(count_code_points(copied_, end));
            result_.changed = true;
        }
    }

  private:
    std::string_view text_;
    const CodePointClasses& classes_;
    const TriggerSet& triggers_;
    const OpenccConverter* converter_;
    const UserDictionary* user_;
    DocumentConversion& result_;
    const char* done_ = text_.data();    // end of the last piece converted
    const char* copied_ = text_.data();  // once started: result_ holds the input before it
    bool started_ = false;
    std::string converted_;
    OffsetPieces converted_pieces_;
};

// The scan only counts votes; the rare character that can change the text sends its piece to
// the converter, and the scan goes on (characters before `next` are converted already). Most
// bytes of Chinese text start three-byte sequences and ASCII is skipped when no ASCII
// character is watched, so the common case costs one table load per character; the loop
// keeps its state in registers, with the conversion out of line.
template <bool ascii_watched>
DocumentConversion scan(std::string_view text, const CodePointClasses& classes,
                        const TriggerSet& triggers, const OpenccConverter* converter,
                        const UserDictionary* user) {
    constexpr std::uint8_t watched = CodePointClasses::triggers | CodePointClasses::phrase;
    DocumentConversion result;
    PieceConverter pieces(text, classes, triggers, converter, user, result);
    const std::uint8_t* const bmp = classes.bmp();
    const char* const end = text.data() + text.size();
    const char* next = text.data();
    std::size_t hans = 0, hant = 0;

    for (const char* p = text.data(); p < end;) {
        const auto lead = static_cast<unsigned char>(*p);
        if (!ascii_watched && lead < 0x80) {
            ++p;
            continue;
        }
        std::size_t length = 3;
        std::uint8_t flags;
        const auto* u = reinterpret_cast<const unsigned char*>(p);
        // Three-byte sequences that cannot be overlong or surrogates (lead E1..EC, EE, EF),
        // checked here; anything else is checked in full.
        if (lead >= 0xE1 && lead != 0xED && lead <= 0xEF && end - p >= 3 &&
            ((u[1] ^ 0x80) | (u[2] ^ 0x80)) < 0x40) [[likely]] {
            flags = bmp[((lead & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F)];
        } else {
            const char32_t cp = decode_checked(p, end, length);
            if (cp == invalid_code_point)
                throw InvalidUtf8("text is not valid UTF-8 (byte " +
                                  std::to_string(p - text.data()) + ")");
            flags = classes.of(cp);
        }
        hans += flags & CodePointClasses::hans;
        hant += (flags & CodePointClasses::hant) >> 1;
        if ((flags & watched) && p >= next) [[unlikely]]
            next = pieces.convert_around(p, flags);
        p += length;
    }

    result.votes = {hans, hant};
    pieces.finish();
    return result;
}

}  // namespace

DocumentConversion convert_document(std::string_view text, const CodePointClasses& classes,
                                    const TriggerSet& triggers, const OpenccConverter* converter,
                                    const UserDictionary* user) {
    constexpr std::uint8_t watched = CodePointClasses::triggers | CodePointClasses::phrase;
    bool ascii_watched = false;
    for (char32_t c = 0; c < 0x80; ++c) ascii_watched |= (classes.of(c) & watched) != 0;
    return ascii_watched ? scan<true>(text, classes, triggers, converter, user)
                         : scan<false>(text, classes, triggers, converter, user);
}

}  // namespace variant_convert
