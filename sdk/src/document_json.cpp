#include <boost/json.hpp>
#include <stdexcept>

#include "gongwen/json.hpp"

namespace json = boost::json;

namespace gongwen {
namespace {

json::value str_or_null(const std::string& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
}

json::value index_or_null(int i) {
    return i < 0 ? json::value(nullptr) : json::value(i);
}

json::object to_object(const Repair& r) {
    return {{"kind", r.kind},
            {"start", r.start},
            {"end", r.end},
            {"original", r.original},
            {"fixed", r.fixed}};
}

json::object to_object(const Section& s) {
    return {{"level", s.level},
            {"marker", s.marker},
            {"heading", s.heading},
            {"start", s.start},
            {"end", s.end}};
}

json::object to_object(const Metric& m) {
    return {{"text", m.text},
            {"value", m.value},
            {"value_max", m.value_max ? json::value(*m.value_max) : json::value(nullptr)},
            {"unit", m.unit},
            {"approx", m.approx},
            {"qualifier", str_or_null(m.qualifier)},
            {"kind", m.kind},
            {"subject", str_or_null(m.subject)},
            {"modality", m.modality},
            {"section", index_or_null(m.section)},
            {"start", m.start},
            {"end", m.end},
            {"period", str_or_null(m.period)},
            {"scope", str_or_null(m.scope)},
            {"direction", str_or_null(m.direction)},
            {"basis", str_or_null(m.basis)}};
}

json::object to_object(const Block& b) {
    json::array items;
    for (const auto& it : b.items)
        items.push_back(json::object{{"marker", it.marker}, {"start", it.start}, {"end", it.end}});
    return {{"kind", b.kind}, {"reason", str_or_null(b.reason)},     {"start", b.start},
            {"end", b.end},   {"section", index_or_null(b.section)}, {"items", std::move(items)}};
}

template <typename T>
json::array to_array(const std::vector<T>& v) {
    json::array a;
    a.reserve(v.size());
    for (const auto& x : v) a.push_back(to_object(x));
    return a;
}

json::object to_value(const Document& d) {
    json::array offset_map;
    for (const auto& s : d.offset_map)
        offset_map.push_back(
            json::array{s.text_start, s.text_len, s.original_start, s.original_len});
    json::array diagnostics;
    for (const auto& g : d.diagnostics)
        diagnostics.push_back(json::object{
            {"plugin", g.plugin}, {"severity", to_string(g.severity)}, {"message", g.message}});
    json::array chain;
    for (const auto& c : d.chain)
        chain.push_back(
            json::object{{"plugin", c.plugin}, {"version", c.version}, {"micros", c.micros}});
    json::object attributes;
    for (const auto& [k, v] : d.attributes) attributes[k] = v;

    return {
        {"source",
         {{"path", d.source.path},
          {"member", d.source.member ? json::value(*d.source.member) : json::value(nullptr)},
          {"sha256", d.source.sha256},
          {"bytes", d.source.bytes}}},
        {"encoding",
         {{"detected", str_or_null(d.encoding.detected)},
          {"confidence", d.encoding.confidence},
          {"bom", d.encoding.bom},
          {"repairs", to_array(d.encoding.repairs)},
          {"lossy", d.encoding.lossy}}},
        {"script",
         {{"detected", str_or_null(d.script.detected)},
          {"share", d.script.share},
          {"converted_to", str_or_null(d.script.converted_to)}}},
        {"original_text", d.original_text},
        {"text", d.text},
        {"title", str_or_null(d.title)},
        {"published", d.published ? json::value(*d.published) : json::value(nullptr)},
        {"issuer", str_or_null(d.issuer)},
        {"period", str_or_null(d.period)},
        {"report_kind", str_or_null(d.report_kind)},
        {"sections", to_array(d.sections)},
        {"metrics", to_array(d.metrics)},
        {"diagnostics", std::move(diagnostics)},
        {"chain", std::move(chain)},
        {"blocks", to_array(d.blocks)},
        {"offset_map", std::move(offset_map)},
        {"attributes", std::move(attributes)},
    };
}

void pretty_print(std::string& out, const json::value& v, int indent) {
    const std::string pad(indent * 2, ' ');
    const std::string inner((indent + 1) * 2, ' ');
    if (v.is_object() && !v.get_object().empty()) {
        out += "{\n";
        bool first = true;
        for (const auto& kv : v.get_object()) {
            if (!first) out += ",\n";
            first = false;
            out += inner + json::serialize(json::string(kv.key())) + ": ";
            pretty_print(out, kv.value(), indent + 1);
        }
        out += "\n" + pad + "}";
    } else if (v.is_array() && !v.get_array().empty()) {
        out += "[\n";
        bool first = true;
        for (const auto& e : v.get_array()) {
            if (!first) out += ",\n";
            first = false;
            out += inner;
            pretty_print(out, e, indent + 1);
        }
        out += "\n" + pad + "]";
    } else {
        out += json::serialize(v);
    }
}

// Reading: lenient about missing fields (they keep their defaults), strict about types.
class Reader {
  public:
    Reader(const json::object& o, std::string where) : o_(o), where_(std::move(where)) {}

    const json::value* get(const char* key) const {
        auto* v = o_.if_contains(key);
        return (v && !v->is_null()) ? v : nullptr;
    }
    [[noreturn]] void fail(const char* key, const char* expected) const {
        throw std::runtime_error("document JSON: " + where_ + key + " must be " + expected);
    }
    void read(const char* key, std::string& out) const {
        if (auto* v = get(key)) {
            if (!v->is_string()) fail(key, "a string");
            out = std::string(v->get_string());
        }
    }
    void read(const char* key, std::optional<std::string>& out) const {
        if (auto* v = get(key)) {
            if (!v->is_string()) fail(key, "a string or null");
            out = std::string(v->get_string());
        }
    }
    template <typename Number>
    void read_number(const char* key, Number& out) const {
        if (auto* v = get(key)) {
            if (!v->is_number()) fail(key, "a number");
            out = v->to_number<Number>();
        }
    }
    void read(const char* key, std::size_t& out) const { read_number(key, out); }
    void read(const char* key, int& out) const { read_number(key, out); }
    void read(const char* key, double& out) const { read_number(key, out); }
    void read(const char* key, std::int64_t& out) const { read_number(key, out); }
    void read(const char* key, std::optional<double>& out) const {
        if (get(key)) {
            double d = 0;
            read_number(key, d);
            out = d;
        }
    }
    void read(const char* key, bool& out) const {
        if (auto* v = get(key)) {
            if (!v->is_bool()) fail(key, "true or false");
            out = v->get_bool();
        }
    }
    Reader object(const char* key) const {
        static const json::object empty;
        auto* v = get(key);
        if (!v) return Reader(empty, where_ + key + ".");
        if (!v->is_object()) fail(key, "an object");
        return Reader(v->get_object(), where_ + key + ".");
    }
    const json::array& array(const char* key) const {
        static const json::array empty;
        auto* v = get(key);
        if (!v) return empty;
        if (!v->is_array()) fail(key, "an array");
        return v->get_array();
    }
    template <typename T, typename Fill>
    std::vector<T> objects(const char* key, Fill fill) const {
        std::vector<T> out;
        std::size_t i = 0;
        for (const auto& e : array(key)) {
            const std::string where = where_ + key + "[" + std::to_string(i++) + "].";
            if (!e.is_object())
                throw std::runtime_error("document JSON: " + where + " must be an object");
            T t;
            fill(Reader(e.get_object(), where), t);
            out.push_back(std::move(t));
        }
        return out;
    }

  private:
    const json::object& o_;
    std::string where_;
};

Severity severity_from(const std::string& s) {
    if (s == "error") return Severity::error;
    if (s == "warning") return Severity::warning;
    return Severity::info;
}

}  // namespace

std::string to_json(const Document& doc, JsonOptions options) {
    const json::value v = to_value(doc);
    if (!options.pretty) return json::serialize(v);
    std::string out;
    pretty_print(out, v, 0);
    return out;
}

Document document_from_json(std::string_view text) {
    json::error_code ec;
    json::value root = json::parse(text, ec);
    if (ec) throw std::runtime_error("document JSON: " + ec.message());
    if (!root.is_object()) throw std::runtime_error("document JSON: not an object");
    Reader r(root.get_object(), "");
    Document d;

    Reader src = r.object("source");
    src.read("path", d.source.path);
    src.read("member", d.source.member);
    src.read("sha256", d.source.sha256);
    src.read("bytes", d.source.bytes);

    Reader enc = r.object("encoding");
    enc.read("detected", d.encoding.detected);
    enc.read("confidence", d.encoding.confidence);
    enc.read("bom", d.encoding.bom);
    enc.read("lossy", d.encoding.lossy);
    d.encoding.repairs = enc.objects<Repair>("repairs", [](const Reader& e, Repair& x) {
        e.read("kind", x.kind);
        e.read("start", x.start);
        e.read("end", x.end);
        e.read("original", x.original);
        e.read("fixed", x.fixed);
    });

    Reader scr = r.object("script");
    scr.read("detected", d.script.detected);
    scr.read("share", d.script.share);
    scr.read("converted_to", d.script.converted_to);

    r.read("original_text", d.original_text);
    r.read("text", d.text);
    r.read("title", d.title);
    r.read("published", d.published);
    r.read("issuer", d.issuer);
    r.read("period", d.period);
    r.read("report_kind", d.report_kind);

    d.sections = r.objects<Section>("sections", [](const Reader& e, Section& s) {
        e.read("level", s.level);
        e.read("marker", s.marker);
        e.read("heading", s.heading);
        e.read("start", s.start);
        e.read("end", s.end);
    });
    d.metrics = r.objects<Metric>("metrics", [](const Reader& e, Metric& m) {
        e.read("text", m.text);
        e.read("value", m.value);
        e.read("value_max", m.value_max);
        e.read("unit", m.unit);
        e.read("approx", m.approx);
        e.read("qualifier", m.qualifier);
        e.read("kind", m.kind);
        e.read("subject", m.subject);
        e.read("modality", m.modality);
        e.read("section", m.section);
        e.read("start", m.start);
        e.read("end", m.end);
        e.read("period", m.period);
        e.read("scope", m.scope);
        e.read("direction", m.direction);
        e.read("basis", m.basis);
    });
    d.diagnostics = r.objects<Diagnostic>("diagnostics", [](const Reader& e, Diagnostic& g) {
        std::string severity;
        e.read("plugin", g.plugin);
        e.read("severity", severity);
        e.read("message", g.message);
        g.severity = severity_from(severity);
    });
    d.chain = r.objects<ChainStep>("chain", [](const Reader& e, ChainStep& c) {
        e.read("plugin", c.plugin);
        e.read("version", c.version);
        e.read("micros", c.micros);
    });
    d.blocks = r.objects<Block>("blocks", [](const Reader& e, Block& b) {
        e.read("kind", b.kind);
        e.read("reason", b.reason);
        e.read("start", b.start);
        e.read("end", b.end);
        e.read("section", b.section);
        b.items = e.objects<Item>("items", [](const Reader& ie, Item& it) {
            ie.read("marker", it.marker);
            ie.read("start", it.start);
            ie.read("end", it.end);
        });
    });
    for (const auto& seg : r.array("offset_map")) {
        const json::array* a = seg.if_array();
        if (!a || a->size() != 4)
            throw std::runtime_error("document JSON: offset_map entries must be [t, tl, o, ol]");
        d.offset_map.push_back({(*a)[0].to_number<std::size_t>(), (*a)[1].to_number<std::size_t>(),
                                (*a)[2].to_number<std::size_t>(),
                                (*a)[3].to_number<std::size_t>()});
    }
    if (auto* attrs = r.get("attributes")) {
        if (!attrs->is_object()) r.fail("attributes", "an object");
        for (const auto& kv : attrs->get_object()) {
            if (!kv.value().is_string())
                throw std::runtime_error("document JSON: attributes values must be strings");
            d.attributes[std::string(kv.key())] = std::string(kv.value().get_string());
        }
    }
    return d;
}

}  // namespace gongwen
