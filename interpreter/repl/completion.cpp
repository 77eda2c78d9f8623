// Tab completion for the REPL: commands, case paths (with the list indices
// of the current case), values the schema allows (country codes, enum
// values), rule ids, module members, names and keywords, file names.
#include "interpreter/repl/session.hpp"

#include "lang/countries.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <set>

namespace kader::repl {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t';
}
bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}
bool starts_with(const std::string& s, const std::string& prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

const std::vector<std::string>& country_codes() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> out;
        for (char a = 'A'; a <= 'Z'; ++a)
            for (char b = 'A'; b <= 'Z'; ++b) {
                std::string code{a, b};
                if (is_country_code(code)) out.push_back(code);
            }
        return out;
    }();
    return codes;
}

// The commands, from the command table: completion offers what dispatch runs.
const std::vector<std::string>& commands() {
    static const std::vector<std::string> list = Session::command_names();
    return list;
}

const std::vector<std::string>& keywords() {
    static const std::vector<std::string> list = {"any",  "all",   "none", "count", "known",
                                                  "not",  "and",   "or",   "in",    "under",
                                                  "true", "false", "case"};
    return list;
}

std::vector<std::string> filter(const std::vector<std::string>& all, const std::string& prefix) {
    std::vector<std::string> out;
    for (const auto& s : all)
        if (starts_with(s, prefix)) out.push_back(s);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string module_alias(const std::string& module) {
    return module.substr(module.rfind('.') + 1);
}

// Paths of the schema, with the indices of the lists in the case.
void walk(const Program& p, int node, const Json* value, const std::string& path,
          std::vector<std::pair<std::string, bool>>& out) {
    const SchemaNode& n = p.schema[static_cast<std::size_t>(node)];
    if (n.kind == ast::TypeKind::record) {
        for (const auto& f : n.fields) {
            std::string sub = path.empty() ? f.name : path + "." + f.name;
            const SchemaNode& t = p.schema[static_cast<std::size_t>(f.type)];
            bool scalar = t.kind != ast::TypeKind::record && t.kind != ast::TypeKind::list;
            out.push_back({sub, scalar});
            const Json* v = value && value->is_object() && value->contains(f.name)
                                ? &(*value)[f.name]
                                : nullptr;
            walk(p, f.type, v, sub, out);
        }
    } else if (n.kind == ast::TypeKind::list && value && value->is_array()) {
        const SchemaNode& t = p.schema[static_cast<std::size_t>(n.element)];
        bool scalar = t.kind != ast::TypeKind::record && t.kind != ast::TypeKind::list;
        for (std::size_t i = 0; i < value->size(); ++i) {
            std::string sub = fmt::format("{}[{}]", path, i);
            out.push_back({sub, scalar});
            walk(p, n.element, &(*value)[i], sub, out);
        }
    }
}

// Options that go one segment further than what is typed: `par` offers
// `parties`, `parties` offers `parties[0]`, `parties[0].` its fields.
std::vector<std::string> segment_options(const std::vector<std::pair<std::string, bool>>& paths,
                                         const std::string& typed) {
    std::set<std::string> out;
    for (const auto& [path, scalar] : paths) {
        if (!starts_with(path, typed)) continue;
        std::size_t cut = path.find_first_of(".[", typed.size() + 1);
        if (cut == std::string::npos)
            out.insert(scalar ? path + " " : path);
        else
            out.insert(path.substr(0, cut));
    }
    return {out.begin(), out.end()};
}

} // namespace

std::vector<std::string> Session::path_candidates() const {
    std::vector<std::string> out;
    if (!program_ || !program_->has_schema) return out;
    std::vector<std::pair<std::string, bool>> paths;
    walk(*program_, 0, case_ ? &*case_ : nullptr, "", paths);
    for (auto& [p, scalar] : paths)
        out.push_back(scalar ? p + " " : p);
    return out;
}

std::vector<std::string> Session::value_candidates(const std::string& path_text) const {
    std::vector<std::string> out;
    InputError error;
    auto path = parse_path(path_text, 0, error);
    if (!path) return out;
    auto nodes = schema_nodes(*program_, *path, error);
    if (!nodes) return out;
    int node = nodes->back();
    const SchemaNode* n = &program_->schema[static_cast<std::size_t>(node)];
    if (n->kind == ast::TypeKind::list) n = &program_->schema[static_cast<std::size_t>(n->element)];
    switch (n->kind) {
    case ast::TypeKind::country:
        for (const auto& c : country_codes())
            out.push_back("\"" + c + "\"");
        break;
    case ast::TypeKind::enum_:
        for (const auto& v : n->enum_values)
            out.push_back("\"" + v + "\"");
        break;
    case ast::TypeKind::boolean:
        out = {"true", "false"};
        break;
    default:
        break;
    }
    return out;
}

std::vector<std::string> Session::name_candidates(const std::string& word) const {
    std::vector<std::string> out;
    if (!program_) return out;
    const Program& p = *program_;
    if (!word.empty() && word[0] == '"') {
        for (const auto& c : country_codes())
            out.push_back("\"" + c + "\"");
        for (const auto& n : p.schema)
            if (n.kind == ast::TypeKind::enum_)
                for (const auto& v : n.enum_values)
                    out.push_back("\"" + v + "\"");
        return filter(out, word);
    }
    // Members of each module, from its symbol table: sets, and definitions
    // (with `(` when they take arguments).
    std::map<std::string, std::set<std::string>> members; // by full module name
    for (const auto& m : p.modules)
        for (const auto& [name, symbol] : m.symbols) {
            if (symbol.kind == Symbol::set) members[m.name].insert(name + " ");
            if (symbol.kind == Symbol::def)
                members[m.name].insert(name +
                                       (m.ast->defs[symbol.index].params.empty() ? " " : "("));
        }
    auto dot = word.rfind('.');
    if (dot == std::string::npos) {
        std::map<std::string, int> owners;
        for (const auto& [module, names] : members)
            for (const auto& n : names)
                ++owners[n];
        for (const auto& [n, count] : owners)
            if (count == 1) out.push_back(n);
        std::map<std::string, int> aliases;
        for (const auto& m : p.modules)
            ++aliases[module_alias(m.name)];
        for (const auto& [alias, count] : aliases)
            if (count == 1) out.push_back(alias + ".");
        for (const auto& k : keywords())
            out.push_back(k + (k == "case" ? "." : " "));
        return filter(out, word);
    }
    std::string base = word.substr(0, dot);
    std::string prefix = word.substr(0, dot + 1);
    // A module's members.
    for (const auto& m : p.modules)
        if (module_alias(m.name) == base)
            for (const auto& n : members[m.name])
                out.push_back(prefix + n);
    if (!out.empty()) return filter(out, word);
    // Fields of the case, or of a record reached from it.
    if (base == "case" || starts_with(base, "case.")) {
        InputError error;
        auto path = parse_path(base, 0, error);
        if (!path) return out;
        auto nodes = schema_nodes(p, *path, error);
        if (!nodes) return out;
        const SchemaNode& n = p.schema[static_cast<std::size_t>(nodes->back())];
        if (n.kind == ast::TypeKind::record)
            for (const auto& f : n.fields)
                out.push_back(prefix + f.name);
        return filter(out, word);
    }
    return out;
}

Completion Session::complete(const std::string& line) const {
    Completion c;
    if (!program_) return c;
    std::size_t b = 0;
    while (b < line.size() && is_space(line[b]))
        ++b;
    std::size_t first_end = b;
    while (first_end < line.size() && !is_space(line[first_end]))
        ++first_end;
    std::string first = line.substr(b, first_end - b);
    // The name being typed in an expression: letters, digits, `_` and `.`, or a text in quotes.
    auto expression_word = [&]() {
        std::size_t s = line.size();
        while (s > 0 && is_name_char(line[s - 1]))
            --s;
        if (s > 0 && line[s - 1] == '"') --s;
        return s;
    };
    auto names = [&](std::size_t start) {
        c.start = start;
        std::string word = line.substr(start);
        c.options = name_candidates(word);
        // A quantifier's variable: `any p in case.parties: p.co` offers the element's fields.
        auto dot = word.find('.');
        if (c.options.empty() && dot != std::string::npos) {
            std::string var = word.substr(0, dot);
            // Tokens of names and paths: `any`, `p`, `in`, `case.parties`, ...
            std::vector<std::string> tokens;
            std::string token;
            for (char ch : line + " ") {
                if (is_name_char(ch) || ch == '[' || ch == ']') {
                    token += ch;
                } else if (!token.empty()) {
                    tokens.push_back(token);
                    token.clear();
                }
            }
            for (std::size_t t = 0; t + 3 < tokens.size(); ++t) {
                const std::string& q = tokens[t];
                if ((q != "any" && q != "all" && q != "none" && q != "count") ||
                    tokens[t + 1] != var || tokens[t + 2] != "in")
                    continue;
                const std::string list_text = tokens[t + 3];
                InputError error;
                auto list = parse_path(list_text, 0, error);
                if (!list) continue;
                auto nodes = schema_nodes(*program_, *list, error);
                if (!nodes) continue;
                const SchemaNode& l = program_->schema[static_cast<std::size_t>(nodes->back())];
                if (l.kind != ast::TypeKind::list) continue;
                int node = l.element;
                std::string middle = word.substr(dot + 1);
                auto last = middle.rfind('.');
                std::string walked = last == std::string::npos ? "" : middle.substr(0, last);
                bool ok = true;
                std::size_t pos = 0;
                while (ok && pos < walked.size()) {
                    std::size_t next = walked.find('.', pos);
                    std::string field = walked.substr(
                        pos, next == std::string::npos ? std::string::npos : next - pos);
                    const SchemaNode& r = program_->schema[static_cast<std::size_t>(node)];
                    int slot = r.kind == ast::TypeKind::record ? r.field_index(field) : -1;
                    if (slot < 0)
                        ok = false;
                    else
                        node = r.fields[static_cast<std::size_t>(slot)].type;
                    pos = next == std::string::npos ? walked.size() : next + 1;
                }
                const SchemaNode& r = program_->schema[static_cast<std::size_t>(node)];
                if (!ok || r.kind != ast::TypeKind::record) continue;
                std::string prefix = word.substr(0, word.rfind('.') + 1);
                std::vector<std::string> fields;
                for (const auto& f : r.fields)
                    fields.push_back(prefix + f.name);
                c.options = filter(fields, word);
            }
        }
    };
    if (first_end == line.size()) { // the first word
        c.start = b;
        std::vector<std::string> options;
        for (const auto& cmd : commands())
            if (starts_with(cmd, first)) options.push_back(cmd + " ");
        if (first.empty() || first[0] != ':') {
            names(expression_word());
            if (c.start != b) return c; // inside a word such as `case.dest`
            for (auto& o : c.options)
                options.push_back(o);
        }
        c.options = filter(options, first);
        return c;
    }
    std::string cmd = first[0] == ':' ? first.substr(1) : first;
    std::size_t arg = first_end;
    while (arg < line.size() && is_space(line[arg]))
        ++arg;
    std::size_t token = line.find_last_of(" \t") + 1;
    std::string typed = line.substr(token);
    auto paths = [&](std::size_t start) {
        c.start = start;
        std::vector<std::pair<std::string, bool>> all;
        if (program_->has_schema) walk(*program_, 0, case_ ? &*case_ : nullptr, "", all);
        c.options = segment_options(all, line.substr(start));
    };
    if (cmd == "whatif") {
        if (token == arg) { // the first argument: a path or a verb
            paths(arg);
            for (const char* verb : {"set ", "unset ", "add ", "remove ", "asof "})
                if (starts_with(verb, typed)) c.options.push_back(verb);
            std::sort(c.options.begin(), c.options.end());
            return c;
        }
        std::size_t second_end = arg;
        while (second_end < line.size() && !is_space(line[second_end]))
            ++second_end;
        std::string verb = line.substr(arg, second_end - arg);
        if (verb == "asof") return c;
        if (verb == "set" || verb == "unset" || verb == "add" || verb == "remove") {
            cmd = verb;
            arg = second_end;
            while (arg < line.size() && is_space(line[arg]))
                ++arg;
        } else {
            cmd = "set";
        }
    }
    if (cmd == "set" || cmd == "unset" || cmd == "add" || cmd == "remove" ||
        (cmd == "show" && first[0] == ':')) {
        std::size_t eq = line.find('=', arg);
        if (cmd == "set" && eq != std::string::npos) {
            std::string path = line.substr(arg, eq - arg);
            while (!path.empty() && is_space(path.back()))
                path.pop_back();
            std::size_t start = eq + 1;
            while (start < line.size() && is_space(line[start]))
                ++start;
            c.start = start;
            c.options = filter(value_candidates(path), line.substr(start));
            return c;
        }
        if (token == arg) {
            paths(arg);
            return c;
        }
        if (cmd == "add") {
            std::size_t path_end = arg;
            while (path_end < line.size() && !is_space(line[path_end]))
                ++path_end;
            c.start = token;
            c.options = filter(value_candidates(line.substr(arg, path_end - arg)), typed);
        }
        return c;
    }
    // `whynot TARGET [changes N] [budget N] [json]`, and `why not TARGET`.
    static const std::vector<std::string> targets = {
        "allow ", "license_required ", "escalate ", "deny ", "prohibited ", "lower ", "higher "};
    if (cmd == "whynot") {
        c.start = token;
        c.options = filter(token == arg ? targets
                                        : std::vector<std::string>{"changes ", "budget ", "json "},
                           typed);
        return c;
    }
    if (cmd == "why" && token > arg && line.compare(arg, 3, "not") == 0 &&
        std::all_of(line.begin() + static_cast<std::ptrdiff_t>(arg) + 3,
                    line.begin() + static_cast<std::ptrdiff_t>(token), is_space) &&
        typed.find('.') == std::string::npos) {
        c.start = token;
        c.options = filter(targets, typed);
        return c;
    }
    if (cmd == "why") {
        std::size_t start = expression_word();
        if (start == arg) {
            std::vector<std::string> options;
            for (const auto& r : program_->rules) {
                options.push_back(r.id + " ");
                options.push_back(r.id.substr(r.module.size() + 1) + " ");
            }
            names(start);
            for (auto& o : c.options)
                options.push_back(o);
            c.options = filter(options, line.substr(start));
            return c;
        }
        names(start);
        return c;
    }
    if (first[0] == ':' && cmd == "rules") {
        std::vector<std::string> options;
        for (int g = 0; g < ast::goal_count; ++g)
            options.push_back(std::string(ast::to_string(static_cast<ast::Goal>(g))) + " ");
        for (const auto& m : program_->modules)
            options.push_back(m.name + " ");
        c.start = token;
        c.options = filter(options, typed);
        return c;
    }
    if (first[0] == ':' && (cmd == "load" || cmd == "case" || cmd == "save")) {
        namespace fs = std::filesystem;
        std::string text = line.substr(arg);
        auto slash = text.rfind('/');
        std::string dir = slash == std::string::npos ? "" : text.substr(0, slash + 1);
        std::string prefix = slash == std::string::npos ? text : text.substr(slash + 1);
        std::vector<std::string> options;
        std::error_code ec;
        for (auto it = fs::directory_iterator(dir.empty() ? "." : dir, ec);
             !ec && it != fs::directory_iterator(); it.increment(ec)) {
            std::string name = it->path().filename().string();
            if (!starts_with(name, prefix) ||
                (name[0] == '.' && (prefix.empty() || prefix[0] != '.')))
                continue;
            bool directory = it->is_directory(ec);
            options.push_back(dir + name + (directory ? "/" : " "));
        }
        c.start = arg;
        c.options = filter(options, text);
        return c;
    }
    if ((first[0] == ':' || cmd == "help") && (cmd == "help" || cmd == "h")) {
        std::vector<std::string> options;
        for (const auto& cmdname : commands())
            options.push_back(cmdname + " ");
        c.start = token;
        c.options = filter(options, typed);
        return c;
    }
    if (first[0] == ':' && cmd == "asof") {
        c.start = token;
        c.options = filter({"case "}, typed);
        return c;
    }
    if (cmd == "eval") {
        c.start = token;
        c.options = filter({"full ", "json "}, typed);
        return c;
    }
    if (first[0] == ':') return c;
    names(expression_word());
    return c;
}

} // namespace kader::repl
