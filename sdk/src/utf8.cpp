#include "gongwen/utf8.hpp"

#include <algorithm>

namespace gongwen::utf8 {
namespace {

// Length of the sequence introduced by lead byte `b`, 0 when `b` cannot start one.
int sequence_length(unsigned char b) {
    if (b < 0x80) return 1;
    if (b >= 0xC2 && b <= 0xDF) return 2;
    if (b >= 0xE0 && b <= 0xEF) return 3;
    if (b >= 0xF0 && b <= 0xF4) return 4;
    return 0;
}

// Decodes one well-formed sequence at `pos`; returns its length, or 0 when malformed.
int decode_at(std::string_view s, std::size_t pos, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[pos]);
    const int len = sequence_length(b0);
    if (len == 0 || pos + len > s.size()) return 0;
    if (len == 1) {
        cp = b0;
        return 1;
    }
    char32_t value = b0 & (0x7F >> len);
    for (int i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + i]);
        if ((b & 0xC0) != 0x80) return 0;
        value = (value << 6) | (b & 0x3F);
    }
    // Reject overlongs, surrogates and values above U+10FFFF.
    static constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < min_for_len[len] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    cp = value;
    return len;
}

}  // namespace

bool valid(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        // ASCII runs dominate even Chinese text (punctuation, digits, newlines): skip 8 at a time.
        while (pos + 8 <= s.size()) {
            unsigned long long word;
            __builtin_memcpy(&word, s.data() + pos, 8);
            if (word & 0x8080808080808080ULL) break;
            pos += 8;
        }
        if (pos >= s.size()) break;
        char32_t cp;
        const int len = decode_at(s, pos, cp);
        if (len == 0) return false;
        pos += len;
    }
    return true;
}

char32_t detail::next_any(std::string_view s, std::size_t& pos) {
    char32_t cp = replacement;
    const int len = decode_at(s, pos, cp);
    if (len == 0) {
        ++pos;
        return replacement;
    }
    pos += len;
    return cp;
}

void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::size_t length(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t pos = 0; pos < s.size();) {
        next(s, pos);
        ++n;
    }
    return n;
}

std::u32string decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t pos = 0; pos < s.size();) out.push_back(next(s, pos));
    return out;
}

std::string encode(std::u32string_view s) {
    std::string out;
    out.reserve(s.size() * 3);
    for (char32_t cp : s) append(out, cp);
    return out;
}

Index::Index(std::string_view s) {
    byte_of_.reserve(s.size() + 1);
    for (std::size_t pos = 0; pos < s.size();) {
        byte_of_.push_back(pos);
        next(s, pos);
    }
    byte_of_.push_back(s.size());
}

std::size_t Index::byte_offset(std::size_t code_point) const {
    return code_point < byte_of_.size() ? byte_of_[code_point] : byte_of_.back();
}

std::size_t Index::code_point_offset(std::size_t byte) const {
    auto it = std::upper_bound(byte_of_.begin(), byte_of_.end(), byte);
    return static_cast<std::size_t>(it - byte_of_.begin()) - 1;
}

std::string_view Index::slice(std::string_view s, std::size_t start, std::size_t end) const {
    const std::size_t b = byte_offset(start);
    const std::size_t e = byte_offset(end);
    return e > b ? s.substr(b, e - b) : std::string_view{};
}

}  // namespace gongwen::utf8
