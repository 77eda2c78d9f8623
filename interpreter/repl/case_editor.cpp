#include "interpreter/repl/case_editor.hpp"

#include "interpreter/case_reader.hpp"
#include "lang/checker.hpp"
#include "lang/text_kinds.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kader::repl {

namespace {

bool ident_first(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool ident_other(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

const SchemaNode& schema(const Program& p, int node) {
    return p.schema[static_cast<std::size_t>(node)];
}

std::string prefix_words(const CasePath& path, std::size_t steps) {
    return steps == 0 ? "the case" : fmt::format("`{}`", path.text(steps));
}

std::string element_range(const std::string& list, std::size_t size) {
    if (size == 1) return fmt::format("`{}` has 1 element: {}[0]", list, list);
    return fmt::format("`{}` has {} elements: {}[0] to {}[{}]", list, size, list, list, size - 1);
}

InputError at_step(const PathStep& s, std::string message, std::string help = {}) {
    return {std::move(message), std::move(help), s.column, std::max<std::size_t>(1, s.length),
            Code::repl_path};
}

// Adds `key` to a record, in the order of the schema's fields, so that new
// facts land where a reader of the case expects them.
void insert_field(Json& object, const SchemaNode& record, const std::string& key, Json value) {
    if (object.contains(key)) {
        object[key] = std::move(value);
        return;
    }
    int wanted = record.field_index(key);
    Json out = Json::object();
    bool placed = false;
    for (auto& [k, v] : object.items()) {
        int at = record.field_index(k);
        if (!placed && at > wanted) {
            out[key] = std::move(value);
            placed = true;
        }
        out[k] = std::move(v);
    }
    if (!placed) out[key] = std::move(value);
    object = std::move(out);
}

Json skeleton_of(const Program& p, int node) {
    const SchemaNode& n = schema(p, node);
    switch (n.kind) {
    case ast::TypeKind::record: {
        Json o = Json::object();
        for (const auto& f : n.fields)
            if (!f.optional) o[f.name] = skeleton_of(p, f.type);
        return o;
    }
    case ast::TypeKind::list: {
        Json a = Json::array();
        if (n.nonempty) a.push_back(skeleton_of(p, n.element));
        return a;
    }
    default:
        return nullptr;
    }
}

void collect_nulls(const Json& v, const std::string& path, std::vector<std::string>& out) {
    if (v.is_null()) {
        out.push_back(path);
    } else if (v.is_object()) {
        for (const auto& [k, sub] : v.items())
            collect_nulls(sub, path.empty() ? k : path + "." + k, out);
    } else if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i)
            collect_nulls(v[i], fmt::format("{}[{}]", path, i), out);
    }
}

} // namespace

std::string CasePath::text(std::size_t count) const {
    std::string out;
    count = std::min(count, steps.size());
    for (std::size_t i = 0; i < count; ++i) {
        const PathStep& s = steps[i];
        if (s.is_index)
            out += fmt::format("[{}]", s.index);
        else
            out += (out.empty() ? "" : ".") + s.field;
    }
    return out.empty() ? "case" : out;
}

std::optional<CasePath> parse_path(std::string_view text, std::size_t offset, InputError& error) {
    CasePath path;
    path.column = offset;
    path.length = std::max<std::size_t>(1, text.size());
    auto fail = [&](std::size_t at, std::string message,
                    std::string help = {}) -> std::optional<CasePath> {
        error = {std::move(message), std::move(help), offset + at, 1, Code::repl_path};
        return std::nullopt;
    };
    if (text.empty()) return fail(0, "expected a path such as `parties[0].country`");
    std::size_t i = 0;
    bool first = true;
    while (i < text.size()) {
        if (text[i] == '[') {
            std::size_t start = i++;
            std::size_t digits = i;
            while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
                ++i;
            if (i == digits) return fail(i, "a list index is a number, as in `parties[0]`");
            if (i >= text.size() || text[i] != ']') return fail(i, "expected `]` after the index");
            ++i;
            PathStep s;
            s.is_index = true;
            // No case holds a million elements in one list; a longer number
            // is a slip, and std::stoul would throw on one past 2^64.
            if (i - 1 - digits > 6)
                return fail(digits, "this list index is too large",
                            "lists in a case are numbered from 0, as in `parties[0]`");
            s.index = std::stoul(std::string(text.substr(digits, i - 1 - digits)));
            s.column = offset + start;
            s.length = i - start;
            if (first) return fail(start, "a path starts with a field name, as in `parties[0]`");
            path.steps.push_back(s);
            continue;
        }
        if (!first) {
            if (text[i] != '.')
                return fail(i, "expected `.` or `[` here",
                            "paths look like `items[0].params.node_nm`");
            ++i;
        }
        std::size_t start = i;
        if (i >= text.size() || !ident_first(text[i])) return fail(i, "expected a field name");
        while (i < text.size() && ident_other(text[i]))
            ++i;
        PathStep s;
        s.field = std::string(text.substr(start, i - start));
        s.column = offset + start;
        s.length = i - start;
        // `case.destination` is how rules say it; accept it here too.
        if (first && s.field == "case") {
            first = false;
            if (i < text.size() && text[i] == '[')
                return fail(i, "the case is a record, not a list");
            if (i < text.size()) {
                if (text[i] != '.') return fail(i, "expected `.` after `case`");
                ++i;
                if (i >= text.size()) return fail(i, "expected a field name after `case.`");
                first = true;
            }
            continue;
        }
        first = false;
        path.steps.push_back(s);
    }
    return path;
}

std::optional<std::vector<int>> schema_nodes(const Program& program, const CasePath& path,
                                             InputError& error) {
    if (!program.has_schema) {
        error = {"the rule set declares no `schema case`, so the case has no fields",
                 {},
                 path.column,
                 path.length};
        return std::nullopt;
    }
    std::vector<int> nodes{0};
    for (std::size_t k = 0; k < path.steps.size(); ++k) {
        const PathStep& s = path.steps[k];
        const SchemaNode& n = schema(program, nodes.back());
        if (s.is_index) {
            if (n.kind != ast::TypeKind::list) {
                error = at_step(s, fmt::format("{} is not a list", prefix_words(path, k)));
                return std::nullopt;
            }
            nodes.push_back(n.element);
            continue;
        }
        if (n.kind == ast::TypeKind::list) {
            error = at_step(
                s,
                fmt::format("{} is a list: pick one of its elements first", prefix_words(path, k)),
                fmt::format("as in `{}[0].{}`", path.text(k), s.field));
            return std::nullopt;
        }
        if (n.kind != ast::TypeKind::record) {
            error = at_step(s, fmt::format("{} is {} and has no fields", prefix_words(path, k),
                                           describe_type(program, nodes.back())));
            return std::nullopt;
        }
        int slot = n.field_index(s.field);
        if (slot < 0) {
            std::vector<std::string> names;
            for (const auto& f : n.fields)
                names.push_back(f.name);
            auto best = closest_name(s.field, names);
            error = at_step(s, fmt::format("{} has no field `{}`", prefix_words(path, k), s.field),
                            best ? fmt::format("did you mean `{}`?", *best)
                                 : fmt::format("its fields are: {}", fmt::join(names, ", ")));
            return std::nullopt;
        }
        nodes.push_back(n.fields[static_cast<std::size_t>(slot)].type);
    }
    return nodes;
}

const Json* value_at(const Json& root, const CasePath& path) {
    const Json* at = &root;
    for (const auto& s : path.steps) {
        if (s.is_index) {
            if (!at->is_array() || s.index >= at->size()) return nullptr;
            at = &(*at)[s.index];
        } else {
            if (!at->is_object()) return nullptr;
            auto it = at->find(s.field);
            if (it == at->end()) return nullptr;
            at = &*it;
        }
        if (at->is_null()) return nullptr;
    }
    return at;
}

std::string describe_type(const Program& program, int node) {
    const SchemaNode& n = schema(program, node);
    switch (n.kind) {
    case ast::TypeKind::enum_:
        return fmt::format("one of {}", fmt::join(n.enum_values, ", "));
    case ast::TypeKind::list:
        return n.nonempty ? "a non-empty list" : "a list";
    default:
        return kind_expected(n.kind);
    }
}

std::optional<std::string> apply_edit(const Program& program, Json& root, const Edit& edit,
                                      InputError& error) {
    const CasePath& path = edit.path;
    auto nodes = schema_nodes(program, path, error);
    if (!nodes) return std::nullopt;
    std::size_t n = path.steps.size();
    if (n == 0 && edit.kind != EditKind::set) {
        error = {"name a fact of the case, as in `parties[0]`", {}, path.column, path.length};
        return std::nullopt;
    }
    // Walk to the parent of the last step, creating absent optional records for `set`.
    Json* at = &root;
    std::size_t last = n == 0 ? 0 : n - 1;
    for (std::size_t k = 0; k < last; ++k) {
        const PathStep& s = path.steps[k];
        if (s.is_index) {
            if (!at->is_array() || s.index >= at->size()) {
                std::size_t size = at->is_array() ? at->size() : 0;
                error = at_step(s,
                                size == 0 ? fmt::format("`{}` is empty", path.text(k))
                                          : element_range(path.text(k), size),
                                fmt::format("add one with `add {} VALUE`", path.text(k)));
                return std::nullopt;
            }
            at = &(*at)[s.index];
            continue;
        }
        const SchemaNode& child = schema(program, (*nodes)[k + 1]);
        bool absent = !at->contains(s.field) || (*at)[s.field].is_null();
        if (absent) {
            if (edit.kind != EditKind::set && edit.kind != EditKind::add) {
                error = at_step(s, fmt::format("`{}` is not in the case", path.text(k + 1)));
                return std::nullopt;
            }
            if (child.kind == ast::TypeKind::list) {
                if (path.steps[k + 1].is_index) {
                    error = at_step(
                        path.steps[k + 1], fmt::format("`{}` is empty", path.text(k + 1)),
                        fmt::format("add an element with `add {} VALUE`", path.text(k + 1)));
                    return std::nullopt;
                }
            }
            insert_field(*at, schema(program, (*nodes)[k]), s.field,
                         child.kind == ast::TypeKind::list ? Json::array() : Json::object());
        }
        at = &(*at)[s.field];
    }
    auto shown = [](const Json* v) { return v ? brief(*v) : std::string("(absent)"); };
    if (n == 0) { // set case = {...}
        std::string old = brief(root);
        root = edit.value;
        return fmt::format("case: {} -> {}", old, brief(root));
    }
    const PathStep& s = path.steps[last];
    const SchemaNode& target = schema(program, (*nodes)[n]);
    std::string where = path.text();
    auto out_of_range = [&](std::size_t size) {
        std::string list = path.text(last);
        error =
            at_step(s, size == 0 ? fmt::format("`{}` is empty", list) : element_range(list, size),
                    edit.kind == EditKind::set ? fmt::format("add one with `add {} VALUE`", list)
                                               : std::string{});
    };
    switch (edit.kind) {
    case EditKind::set: {
        if (s.is_index) {
            if (!at->is_array() || s.index >= at->size()) {
                out_of_range(at->is_array() ? at->size() : 0);
                return std::nullopt;
            }
            std::string old = brief((*at)[s.index]);
            (*at)[s.index] = edit.value;
            return fmt::format("{}: {} -> {}", where, old, brief(edit.value));
        }
        const Json* before =
            at->contains(s.field) && !(*at)[s.field].is_null() ? &(*at)[s.field] : nullptr;
        std::string old = shown(before);
        if (edit.value.is_null()) {
            at->erase(s.field);
            return fmt::format("{}: {} -> (absent)", where, old);
        }
        insert_field(*at, schema(program, (*nodes)[last]), s.field, edit.value);
        return fmt::format("{}: {} -> {}", where, old, brief(edit.value));
    }
    case EditKind::unset: {
        if (s.is_index) {
            error = at_step(s, fmt::format("`{}` is a list element", where),
                            fmt::format("take it out of the list with `remove {}`", where));
            return std::nullopt;
        }
        const SchemaNode& record = schema(program, (*nodes)[last]);
        const SchemaField& f = record.fields[static_cast<std::size_t>(record.field_index(s.field))];
        if (!f.optional) {
            error =
                at_step(s, fmt::format("`{}` is required by the schema and cannot be unset", where),
                        fmt::format("change it with `set {} = VALUE`", where));
            return std::nullopt;
        }
        if (!at->contains(s.field)) return fmt::format("{}: already absent", where);
        std::string old = shown(&(*at)[s.field]);
        at->erase(s.field);
        return fmt::format("{}: {} -> (absent, now unknown)", where, old);
    }
    case EditKind::add: {
        if (target.kind != ast::TypeKind::list) {
            error = at_step(
                s,
                fmt::format("`{}` is {}, not a list", where, describe_type(program, (*nodes)[n])),
                "`add` appends to a list, as in `add parties {...}`");
            return std::nullopt;
        }
        Json* list = nullptr;
        if (s.is_index) {
            if (!at->is_array() || s.index >= at->size()) {
                out_of_range(at->is_array() ? at->size() : 0);
                return std::nullopt;
            }
            list = &(*at)[s.index];
        } else {
            if (!at->contains(s.field) || (*at)[s.field].is_null())
                insert_field(*at, schema(program, (*nodes)[last]), s.field, Json::array());
            list = &(*at)[s.field];
        }
        if (!list->is_array()) {
            error = at_step(s, fmt::format("`{}` in the case is not a list", where));
            return std::nullopt;
        }
        list->push_back(edit.value);
        return fmt::format("{}[{}]: (new) {}", where, list->size() - 1, brief(edit.value));
    }
    case EditKind::remove: {
        if (!s.is_index) {
            error = at_step(s, fmt::format("`{}` is not a list element", where),
                            target.kind == ast::TypeKind::list
                                ? fmt::format("name the element, as in `remove {}[0]`", where)
                                : fmt::format("to forget a fact, use `unset {}`", where));
            return std::nullopt;
        }
        if (!at->is_array() || s.index >= at->size()) {
            out_of_range(at->is_array() ? at->size() : 0);
            return std::nullopt;
        }
        std::string old = brief((*at)[s.index]);
        at->erase(s.index);
        std::string note =
            s.index < at->size() ? fmt::format(" (the elements after it move up by one)") : "";
        return fmt::format("{}: removed {}{}", where, old, note);
    }
    }
    return std::nullopt;
}

std::vector<Problem> problems_of(const Diagnostics& diags) {
    std::vector<Problem> out;
    for (const auto& d : diags.list())
        if (d.severity == Severity::error) out.push_back({d.message, d.help, d.code});
    return out;
}

std::vector<Problem> case_problems(const Program& program, const Json& root) {
    Diagnostics diags;
    read_case(program, root, "case", diags);
    return problems_of(diags);
}

std::vector<Problem> new_problems(const std::vector<Problem>& before,
                                  const std::vector<Problem>& after) {
    std::vector<Problem> out;
    for (const auto& p : after)
        if (std::find(before.begin(), before.end(), p) == before.end()) out.push_back(p);
    return out;
}

Json skeleton(const Program& program) {
    if (!program.has_schema) return Json::object();
    return skeleton_of(program, 0);
}

std::vector<std::string> null_paths(const Json& root) {
    std::vector<std::string> out;
    collect_nulls(root, "", out);
    return out;
}

std::string one_line(const Json& v) {
    if (v.is_object()) {
        std::string out = "{";
        for (const auto& [k, sub] : v.items()) {
            if (out.size() > 1) out += ", ";
            out += Json(k).dump() + ": " + one_line(sub);
        }
        return out + "}";
    }
    if (v.is_array()) {
        std::string out = "[";
        for (const auto& sub : v) {
            if (out.size() > 1) out += ", ";
            out += one_line(sub);
        }
        return out + "]";
    }
    return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string brief(const Json& v, std::size_t width) {
    std::string s = one_line(v);
    if (s.size() > width) s = s.substr(0, width - 3) + "...";
    return s;
}

} // namespace kader::repl
