#include "archive/member_path.hpp"

#include <unicode/unistr.h>

#include "gongwen/utf8.hpp"

namespace gongwen {

std::string decode_member_name(std::string_view raw) {
    if (utf8::valid(raw)) return std::string(raw);
    const icu::UnicodeString decoded(raw.data(), static_cast<int32_t>(raw.size()), "GB18030");
    std::string out;
    decoded.toUTF8String(out);
    return out;
}

CheckedMemberPath check_member_path(std::string_view name) {
    std::string unified(name);
    for (char& c : unified)
        if (c == '\\') c = '/';
    const std::string_view n = unified;
    if (!n.empty() && n.front() == '/') return {{}, "absolute path: member skipped"};
    const auto ascii_letter = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    };
    if (n.size() >= 2 && ascii_letter(n[0]) && n[1] == ':')
        return {{}, "absolute Windows path: member skipped"};

    CheckedMemberPath checked;
    std::size_t pos = 0;
    while (pos <= n.size()) {
        std::size_t slash = n.find('/', pos);
        if (slash == std::string_view::npos) slash = n.size();
        const std::string_view part = n.substr(pos, slash - pos);
        if (part == "..") return {{}, "path traversal (a \"..\" component): member skipped"};
        if (!part.empty() && part != ".") {
            if (!checked.path.empty()) checked.path += '/';
            checked.path += part;
        }
        pos = slash + 1;
    }
    return checked;
}

}  // namespace gongwen
