#include "config/daemon_config.hpp"

#include <toml++/toml.h>

#include <boost/dll/runtime_symbol_info.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace gongwen {
namespace fs = std::filesystem;
namespace {

// Reads one table, remembering which keys it consumed so leftovers can be reported.
class TableReader {
  public:
    TableReader(const fs::path& file, const toml::table& table, std::string prefix)
        : file_(file), table_(table), prefix_(std::move(prefix)) {}

    [[noreturn]] void fail(const toml::node& node, const std::string& key,
                           const std::string& message) const {
        throw ConfigFileError(file_.string() + ":" + std::to_string(node.source().begin.line) +
                              ": " + full(key) + ": " + message);
    }

    std::string full(const std::string& key) const {
        return prefix_.empty() ? key : prefix_ + "." + key;
    }

    const toml::node* node(const std::string& key) {
        seen_.insert(key);
        return table_.get(key);
    }

    void read(const std::string& key, std::string& out) {
        if (auto* n = node(key)) {
            if (!n->is_string()) fail(*n, key, "expected a string");
            out = n->value<std::string>().value();
        }
    }
    void read(const std::string& key, fs::path& out) {
        std::string s;
        read(key, s);
        if (!s.empty()) out = s;
        if (auto* n = table_.get(key); n && s.empty()) fail(*n, key, "expected a non-empty path");
    }
    void read(const std::string& key, bool& out) {
        if (auto* n = node(key)) {
            if (!n->is_boolean()) fail(*n, key, "expected true or false");
            out = n->value<bool>().value();
        }
    }
    template <typename Int>
    void read(const std::string& key, Int& out, std::int64_t min, std::int64_t max) {
        if (auto* n = node(key)) {
            if (!n->is_integer()) fail(*n, key, "expected an integer");
            const auto v = n->value<std::int64_t>().value();
            if (v < min || v > max)
                fail(*n, key,
                     std::to_string(v) + " is out of range [" + std::to_string(min) + ", " +
                         std::to_string(max) + "]");
            out = static_cast<Int>(v);
        }
    }
    // A string key restricted to `choices`, mapped to an enum value.
    template <typename Enum>
    void read_enum(const std::string& key, Enum& out,
                   const std::vector<std::pair<std::string, Enum>>& choices) {
        auto* n = node(key);
        if (!n) return;
        if (!n->is_string()) fail(*n, key, "expected a string");
        const std::string v = n->value<std::string>().value();
        std::string list;
        for (const auto& [name, value] : choices) {
            if (name == v) {
                out = value;
                return;
            }
            list += (list.empty() ? "" : ", ") + name;
        }
        fail(*n, key, "\"" + v + "\" is not one of " + list);
    }
    void read(const std::string& key, std::vector<std::string>& out) {
        if (auto* n = node(key)) {
            const toml::array* arr = n->as_array();
            if (!arr) fail(*n, key, "expected an array of strings");
            out.clear();
            for (const auto& e : *arr) {
                if (!e.is_string()) fail(e, key, "expected an array of strings");
                out.push_back(e.value<std::string>().value());
            }
        }
    }
    void read_choice(const std::string& key, std::string& out,
                     const std::vector<std::string>& choices) {
        read(key, out);
        for (const auto& c : choices)
            if (c == out) return;
        std::string list;
        for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
        fail(*table_.get(key), key, "\"" + out + "\" is not one of " + list);
    }
    const toml::table* subtable(const std::string& key) {
        auto* n = node(key);
        if (!n) return nullptr;
        if (!n->is_table()) fail(*n, key, "expected a table");
        return n->as_table();
    }

    // Any key nobody asked for is most likely a typo: refuse it rather than ignore it.
    void reject_unknown() const {
        for (const auto& [k, v] : table_)
            if (!seen_.count(std::string(k.str()))) fail(v, std::string(k.str()), "unknown key");
    }

  private:
    const fs::path& file_;
    const toml::table& table_;
    std::string prefix_;
    std::set<std::string> seen_;
};

ConfigValue to_config_value(const TableReader& r, const std::string& key, const toml::node& n) {
    if (n.is_string()) return n.value<std::string>().value();
    if (n.is_boolean()) return n.value<bool>().value();
    if (n.is_integer()) return n.value<std::int64_t>().value();
    if (n.is_floating_point()) return n.value<double>().value();
    if (const toml::array* arr = n.as_array()) {
        std::vector<std::string> out;
        for (const auto& e : *arr) {
            if (!e.is_string()) r.fail(e, key, "plugin arrays may only hold strings");
            out.push_back(e.value<std::string>().value());
        }
        return out;
    }
    r.fail(n, key, "unsupported value type (use a string, number, boolean or string array)");
}

}  // namespace

DaemonConfig load_config(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ConfigFileError(file.string() + ": cannot read: " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    return parse_config(text.str(), file);
}

DaemonConfig parse_config(const std::string& text, const fs::path& file) {
    toml::table root;
    try {
        root = toml::parse(text, file.string());
    } catch (const toml::parse_error& e) {
        throw ConfigFileError(file.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                              std::string(e.description()));
    }

    DaemonConfig cfg;
    cfg.file = file;
    cfg.text = text;
    TableReader top(file, root, "");

    if (const toml::table* t = top.subtable("daemon")) {
        TableReader r(file, *t, "daemon");
        r.read("workers", cfg.workers, 0, 256);
        r.read_choice("log_level", cfg.log_level,
                      {"trace", "debug", "info", "warn", "error", "critical", "off"});
        r.read("settle_ms", cfg.settle_ms, 0, 3'600'000);
        r.read("stable_ms", cfg.stable_ms, 0, 3'600'000);
        r.read_enum("isolation", cfg.isolation,
                    {{"process", Isolation::process}, {"none", Isolation::none}});
        r.read("document_timeout_s", cfg.document_timeout_s, 1, 86'400);
        r.read("worker_memory_mb", cfg.worker_memory_mb, 64, 1'048'576);
        r.read("max_attempts", cfg.max_attempts, 1, 100);
        r.read("control_socket", cfg.control_socket);
        r.read("metrics_listen", cfg.metrics_listen);
        r.reject_unknown();
    }
    if (cfg.workers == 0)
        cfg.workers = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

    if (const toml::table* t = top.subtable("store")) {
        TableReader r(file, *t, "store");
        r.read("database", cfg.database);
        r.reject_unknown();
    }
    if (const toml::table* t = top.subtable("output")) {
        TableReader r(file, *t, "output");
        r.read("dir", cfg.output_dir);
        r.reject_unknown();
    }

    if (const toml::node* n = top.node("inbox")) {
        const toml::array* arr = n->as_array();
        if (!arr) top.fail(*n, "inbox", "expected [[inbox]] tables");
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const toml::table* t = (*arr)[i].as_table();
            if (!t) top.fail((*arr)[i], "inbox", "expected [[inbox]] tables");
            TableReader r(file, *t, "inbox[" + std::to_string(i) + "]");
            InboxConfig inbox;
            inbox.ignore = default_ignore_globs;
            r.read("path", inbox.path);
            if (inbox.path.empty()) top.fail(*t, "inbox", "every [[inbox]] needs a path");
            // The ledger keys files by path: make it independent of the working directory.
            inbox.path = fs::absolute(inbox.path).lexically_normal();
            r.read("recursive", inbox.recursive);
            r.read("ignore", inbox.ignore);
            r.read_enum("mode", inbox.mode,
                        {{"inotify", WatchMode::inotify}, {"poll", WatchMode::poll}});
            r.read("poll_interval_ms", inbox.poll_interval_ms, 100, 3'600'000);
            r.read_enum(
                "on_done", inbox.on_done,
                {{"leave", OnDone::leave}, {"move", OnDone::move}, {"delete", OnDone::remove}});
            r.read_enum("on_failed", inbox.on_failed,
                        {{"leave", OnFailed::leave}, {"move", OnFailed::move}});
            r.read("done_dir", inbox.done_dir);
            r.read("failed_dir", inbox.failed_dir);
            if (inbox.done_dir.empty()) inbox.done_dir = inbox.path / "done";
            if (inbox.failed_dir.empty()) inbox.failed_dir = inbox.path / "failed";
            inbox.done_dir = fs::absolute(inbox.done_dir).lexically_normal();
            inbox.failed_dir = fs::absolute(inbox.failed_dir).lexically_normal();
            r.reject_unknown();
            cfg.inboxes.push_back(std::move(inbox));
        }
    }

    if (const toml::table* t = top.subtable("archives")) {
        TableReader r(file, *t, "archives");
        r.read("max_depth", cfg.archives.max_depth, 0, 16);
        r.read("max_members", cfg.archives.max_members, 1, 10'000'000);
        std::uint64_t member_mb = cfg.archives.max_member_size >> 20;
        std::uint64_t total_mb = cfg.archives.max_total_size >> 20;
        r.read("max_member_mb", member_mb, 1, 1'048'576);
        r.read("max_total_mb", total_mb, 1, 16'777'216);
        cfg.archives.max_member_size = member_mb << 20;
        cfg.archives.max_total_size = total_mb << 20;
        int ratio = static_cast<int>(cfg.archives.max_ratio);
        r.read("max_ratio", ratio, 0, 1'000'000);
        cfg.archives.max_ratio = ratio;
        r.reject_unknown();
    }

    if (const toml::table* t = top.subtable("chain")) {
        TableReader r(file, *t, "chain");
        r.read("plugins", cfg.chain);
        std::vector<std::string> dirs;
        r.read("plugin_dirs", dirs);
        for (auto& d : dirs) cfg.plugin_dirs.emplace_back(d);
        r.reject_unknown();
    }

    if (const toml::table* t = top.subtable("plugins")) {
        for (const auto& [name, node] : *t) {
            const std::string plugin(name.str());
            const toml::table* pt = node.as_table();
            if (!pt) top.fail(node, "plugins." + plugin, "expected a table");
            TableReader r(file, *pt, "plugins." + plugin);
            ConfigTable table("plugins." + plugin, fs::path{});
            for (const auto& [key, value] : *pt) {
                const std::string k(key.str());
                table.set(k, to_config_value(r, k, value),
                          static_cast<int>(value.source().begin.line));
            }
            cfg.plugin_tables.emplace(plugin, std::move(table));
        }
    }
    top.reject_unknown();
    return cfg;
}

fs::path find_config(const std::string& cli_value) {
    if (!cli_value.empty()) {
        if (!fs::exists(cli_value)) throw ConfigFileError(cli_value + ": no such config file");
        return cli_value;
    }
    if (const char* env = std::getenv("GONGWEN_CONFIG"); env && *env) {
        if (!fs::exists(env))
            throw ConfigFileError(std::string(env) +
                                  ": no such config file (from $GONGWEN_CONFIG)");
        return env;
    }
    // Installed under another prefix, the config sits in <prefix>/etc/gongwen.
    const fs::path beside_binary = boost::dll::program_location().parent_path().parent_path() /
                                   "etc" / "gongwen" / "gongwen.toml";
    for (const fs::path& p :
         {fs::path("config/gongwen.toml"), fs::path("/etc/gongwen/gongwen.toml"), beside_binary})
        if (fs::exists(p)) return p;
    throw ConfigFileError(
        "no config file: pass --config, set $GONGWEN_CONFIG, or create ./config/gongwen.toml");
}

}  // namespace gongwen
