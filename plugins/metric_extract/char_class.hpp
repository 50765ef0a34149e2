// Character classes metric_extract reads sentences with.
#pragma once

namespace metric_extract {

// Ends a sentence: modality, period and scope never reach across one.
inline bool is_sentence_end(char32_t c) {
    switch (c) {
        case U'。':
        case U'！':
        case U'？':
        case U'；':
        case U'!':
        case U'?':
        case U';':
        case U'\n':
            return true;
        default:
            return false;
    }
}

// Ends a clause: a subject never reaches across one.
inline bool is_clause_end(char32_t c) {
    switch (c) {
        case U'，':
        case U',':
        case U'：':
        case U':':
        case U'、':
        case U'（':
        case U'(':
        case U'）':
        case U')':
        case U'《':
        case U'》':
        case U'“':
        case U'”':
        case U'「':
        case U'」':
        case U'『':
        case U'』':
        case U'【':
        case U'】':
        case U'…':
        case U'—':
            return true;
        default:
            return is_sentence_end(c);
    }
}

inline bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\r' || c == 0x00A0 || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF;
}

// Separators between the figures of one list (12.4%、31.1%和43.1%).
inline bool is_list_separator(char32_t c) {
    return c == U'、' || c == U'，' || c == U',' || c == U'和' || c == U'及' || c == U'与' ||
           c == U'與' || is_space(c);
}

inline bool is_range_separator(char32_t c) {
    switch (c) {
        case U'至':
        case U'到':
        case U'-':
        case U'－':
        case U'—':
        case U'–':
        case U'~':
        case U'～':
        case U'〜':
            return true;
        default:
            return false;
    }
}

}  // namespace metric_extract
