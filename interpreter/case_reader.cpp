#include "interpreter/case_reader.hpp"

#include "interpreter/case_reader_fast.hpp"

#include "lang/checker.hpp"
#include "lang/code_shapes.hpp"
#include "lang/countries.hpp"
#include "lang/file_input.hpp"
#include "lang/json_input.hpp"
#include "lang/text_kinds.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kader {

bool text_value_accepted(const SchemaNode& node, std::string_view s) {
    return first_invalid_utf8(s) == std::string::npos && text_value_fits(node, s);
}

bool text_value_fits(const SchemaNode& node, std::string_view s) {
    using K = ast::TypeKind;
    switch (node.kind) {
    case K::country: // (the most frequent: asked for directly, not through text_fits)
        return is_country_code(s);
    case K::code:
    case K::eccn:
        return text_fits(node.kind, s);
    case K::cn:
        // A case names goods at least by heading (4 digits); rules may name chapters.
        return s.size() >= 4 && valid_cn_code(s);
    case K::enum_:
        return std::find(node.enum_values.begin(), node.enum_values.end(), s) !=
               node.enum_values.end();
    default:
        return true;
    }
}

void take_id_and_date(const Program& program, CaseData& c) {
    if (program.id_slot >= 0) {
        const Datum& id = c.element(c.root, static_cast<std::size_t>(program.id_slot));
        if (id.kind == Datum::Kind::string) c.id = c.text(id);
    }
    if (program.date_slot >= 0) {
        const Datum& date = c.element(c.root, static_cast<std::size_t>(program.date_slot));
        if (date.kind == Datum::Kind::date) {
            c.date = date.date;
            c.has_date = true;
        }
    }
}

namespace {

// The JSON as written, shortened: the case's own text in error messages.
template <class J> std::string shown(const J& v) {
    return json_excerpt(v);
}

// Where a value sits in the case, as a chain of steps built on the stack:
// the text `items[2].params.node_nm` is made only for an error message.
struct Path {
    const Path* parent = nullptr;
    std::string_view field; // a record field, when not is_index
    std::size_t index = 0;
    bool is_index = false;

    // The steps from the case's root, as JSON pointer tokens.
    std::vector<std::string> tokens() const {
        std::vector<std::string> out = parent ? parent->tokens() : std::vector<std::string>{};
        if (parent) out.push_back(is_index ? std::to_string(index) : std::string(field));
        return out;
    }

    std::string text() const {
        if (!parent) return {};
        std::string up = parent->text();
        if (is_index) return fmt::format("{}[{}]", up, index);
        return up.empty() ? std::string(field) : fmt::format("{}.{}", up, field);
    }
};

// Generic over the JSON flavour: the REPL keeps its case as ordered_json
// (the keys in the order written) and must not convert it for every reading.
template <class json> class Reader {
public:
    // `text`, when the case was read from one, lets errors name its line and column.
    Reader(const Program& p, const std::string& origin, Diagnostics& diags, CaseData& into,
           std::string_view text = {})
        : p_(p), origin_(origin), diags_(diags), text_(text), build_(into) {}

    Datum read(const json& v, int schema, const Path& path) {
        const SchemaNode& node = p_.schema[static_cast<std::size_t>(schema)];
        switch (node.kind) {
        case ast::TypeKind::record:
            return record(v, node, path);
        case ast::TypeKind::list:
            return list(v, node, path);
        case ast::TypeKind::number:
            if (!v.is_number())
                return fail(Code::case_wrong_type, path,
                            fmt::format("expected a number, got {}", shown(v)));
            // Only an embedder's own JSON can hold these; NaN would compare
            // equal to every threshold in the evaluator.
            if (double x = v.template get<double>(); std::isfinite(x)) return build_.number(x);
            return fail(Code::case_invalid_value, path,
                        fmt::format("expected a finite number, got {}", shown(v)));
        case ast::TypeKind::boolean:
            if (!v.is_boolean())
                return fail(Code::case_wrong_type, path,
                            fmt::format("expected true or false, got {}", shown(v)));
            return build_.boolean(v.template get<bool>());
        case ast::TypeKind::date: {
            auto day = v.is_string() ? ast::parse_date(v.template get_ref<const std::string&>())
                                     : std::nullopt;
            if (!day)
                return fail(
                    Code::case_invalid_value, path,
                    fmt::format("expected a date \"YYYY-MM-DD\" that exists, got {}", shown(v)));
            return build_.date(*day);
        }
        default:
            return text(v, node, path);
        }
    }

    void finish(const Datum& root) { build_.finish(root); }

private:
    Datum fail(Code code, const Path& at, std::string message, std::string help = {}) {
        std::string path = at.text();
        diags_.error(code, located(at),
                     fmt::format("{}: {}", path.empty() ? "case" : path, message), std::move(help));
        return {};
    }

    // The value at `at` in the case's text, or the nearest enclosing value
    // written there (a missing field: its record); the case as a whole when
    // it was not read from a text.
    Span located(const Path& at) const {
        Span whole = whole_input(origin_);
        if (text_.empty()) return whole;
        std::vector<std::string> tokens = at.tokens();
        for (;;) {
            if (auto offset = json_value_offset(text_, tokens))
                return json_span(text_, *offset, origin_);
            if (tokens.empty()) return whole;
            tokens.pop_back();
        }
    }

    Datum text(const json& v, const SchemaNode& node, const Path& path) {
        using K = ast::TypeKind;
        if (!v.is_string()) {
            if (node.kind == K::enum_)
                return fail(Code::case_wrong_type, path,
                            fmt::format("expected one of {}, got {}",
                                        fmt::join(node.enum_values, ", "), shown(v)));
            return fail(Code::case_wrong_type, path,
                        fmt::format("expected {}, got {}", kind_expected(node.kind), shown(v)));
        }
        const std::string& s = v.template get_ref<const std::string&>();
        if (!text_value_accepted(node, s)) return refuse_text(v, s, node, path);
        return build_.text(s);
    }

    // Why text_value_accepted refused `s`, as a diagnostic.
    Datum refuse_text(const json& v, const std::string& s, const SchemaNode& node,
                      const Path& path) {
        using K = ast::TypeKind;
        // Text from an embedder's own JSON was never through a parser's check.
        if (first_invalid_utf8(s) != std::string::npos)
            return fail(Code::invalid_utf8, path, "the text is not valid UTF-8");
        switch (node.kind) {
        case K::cn:
            return fail(Code::case_invalid_value, path,
                        fmt::format("expected {}, got {}", kind_expected(node.kind), shown(v)),
                        text_fits(node.kind, s) ? "name the goods at least by their heading"
                                                : text_hint(node.kind, s));
        case K::enum_: {
            auto best = closest_name(s, node.enum_values);
            return fail(
                Code::case_invalid_value, path,
                fmt::format("\"{}\" is not one of {}", s, fmt::join(node.enum_values, ", ")),
                best ? fmt::format("did you mean \"{}\"?", *best) : std::string{});
        }
        default:
            return fail(Code::case_invalid_value, path,
                        fmt::format("\"{}\" is not {}", s, kind_singular(node.kind)),
                        text_hint(node.kind, s));
        }
    }

    Datum list(const json& v, const SchemaNode& node, const Path& path) {
        if (!v.is_array())
            return fail(Code::case_wrong_type, path,
                        fmt::format("expected a list, got {}", shown(v)));
        if (node.nonempty && v.empty())
            return fail(Code::case_empty_list, path,
                        "expected at least one element, got an empty list");
        std::size_t start = build_.start_list();
        for (std::size_t i = 0; i < v.size(); ++i) {
            Path element{&path, {}, i, true};
            if (v[i].is_null()) {
                fail(Code::case_wrong_type, element, "a list element cannot be null");
                continue;
            }
            build_.add_element(read(v[i], node.element, element));
        }
        return build_.end_list(start);
    }

    Datum record(const json& v, const SchemaNode& node, const Path& path) {
        if (!v.is_object())
            return fail(Code::case_wrong_type, path,
                        fmt::format("expected an object {{...}}, got {}", shown(v)));
        Datum d = build_.start_record(node.fields.size());
        for (const auto& [key, value] : v.items()) {
            Path field{&path, key, 0, false};
            int slot = node.field_index(key);
            if (slot < 0) {
                std::vector<std::string> names;
                for (const auto& f : node.fields)
                    names.push_back(f.name);
                auto best = closest_name(key, names);
                fail(Code::case_unknown_field, field, "unknown field",
                     best ? fmt::format("did you mean `{}`?", *best)
                          : fmt::format("the fields here are: {}", fmt::join(names, ", ")));
                continue;
            }
            const SchemaField& f = node.fields[static_cast<std::size_t>(slot)];
            if (value.is_null()) {
                if (!f.optional)
                    fail(Code::case_missing_field, field, "is required and cannot be null");
                continue;
            }
            Datum value_read = read(value, f.type, field);
            build_.set_field(d, static_cast<std::size_t>(slot), value_read);
        }
        for (const auto& f : node.fields)
            if (!f.optional && !v.contains(f.name))
                fail(Code::case_missing_field, path,
                     fmt::format("the required field `{}` is missing", f.name));
        return d;
    }

    const Program& p_;
    const std::string& origin_;
    Diagnostics& diags_;
    std::string_view text_;
    CaseBuilder build_;
};

template <class json>
bool read_any(const Program& program, const json& v, const std::string& origin, Diagnostics& diags,
              CaseData& into, std::string_view text = {}) {
    if (!program.has_schema) {
        diags.error(Code::case_without_schema, whole_input(origin),
                    "the rule set declares no `schema case`, so no case can be read");
        return false;
    }
    // The reader follows the schema, but messages quote the case's values:
    // a value nested without bound (an embedder's own JSON) is refused first.
    if (json_depth(v) > json_max_depth) {
        diags.error(Code::case_too_deep, whole_input(origin),
                    fmt::format("the case nests deeper than {} levels", json_max_depth));
        return false;
    }
    std::size_t errors = diags.error_count();
    Reader<json> reader(program, origin, diags, into, text);
    Datum root = reader.read(v, 0, Path{});
    if (diags.error_count() > errors) return false;
    reader.finish(root);
    take_id_and_date(program, into);
    return true;
}

template <class json>
std::optional<CaseData> read_any(const Program& program, const json& v, const std::string& origin,
                                 Diagnostics& diags) {
    std::optional<CaseData> c(std::in_place);
    if (!read_any(program, v, origin, diags, *c)) return std::nullopt;
    return c;
}

} // namespace

std::optional<CaseData> read_case(const Program& program, const nlohmann::json& v,
                                  const std::string& origin, Diagnostics& diags) {
    return read_any(program, v, origin, diags);
}

std::optional<CaseData> read_case(const Program& program, const nlohmann::ordered_json& v,
                                  const std::string& origin, Diagnostics& diags) {
    return read_any(program, v, origin, diags);
}

namespace {

// Almost every case is well-formed: the fast reader takes those, and
// anything it does not take, the strict reader reads again and reports.
bool read_text(const Program& program, std::string_view text, std::size_t readable_after,
               const std::string& origin, Diagnostics& diags, CaseData& into) {
    if (program.has_schema && read_case_root_fast(program, text, readable_after, into)) {
        take_id_and_date(program, into);
        return true;
    }
    auto json = parse_json_strict(text, origin, diags);
    return json && read_any(program, *json, origin, diags, into, text);
}

} // namespace

bool read_case_text(const Program& program, std::string_view text, const std::string& origin,
                    Diagnostics& diags, CaseData& into) {
    return read_text(program, text, 0, origin, diags, into);
}

void pad_case_text(std::string& text) {
    std::size_t size = text.size();
    text.append(case_text_padding, ' ');
    text.resize(size); // (a shorter string keeps its room, and what is in it)
}

bool read_case_string(const Program& program, const std::string& text, const std::string& origin,
                      Diagnostics& diags, CaseData& into) {
    // (A string's room is capacity() bytes, and one more for its closing zero.)
    return read_text(program, text, text.capacity() - text.size(), origin, diags, into);
}

std::optional<CaseData> read_case_text(const Program& program, std::string_view text,
                                       const std::string& origin, Diagnostics& diags) {
    std::optional<CaseData> c(std::in_place);
    if (!read_case_text(program, text, origin, diags, *c)) return std::nullopt;
    return c;
}

} // namespace kader
