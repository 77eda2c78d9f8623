// The changes `why_not` tries: for each fact of the case a rule tests, the
// values the rules themselves single out. Read from the checked program, so
// that a search never guesses values no condition distinguishes.
#include "interpreter/whynot.hpp"

#include "lang/countries.hpp"
#include "lang/text_kinds.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <set>

namespace kader {

namespace {

using Json = nlohmann::ordered_json;

// What the rules do with one fact (a node of the schema): the literals and
// sets it is compared with, and whether anything reads it at all.
struct Tests {
    bool referenced = false;
    std::vector<double> numbers;
    std::vector<ast::Days> dates;
    std::vector<std::string> texts;
    std::vector<const NamedSet*> sets;
};

using TestMap = std::map<int, Tests>;

bool is_literal(const Node& n) {
    return n.op == Op::boolean || n.op == Op::number || n.op == Op::string || n.op == Op::date;
}

// The schema node of the scalar fact an expression reads: a field, or a
// variable bound to one (a quantifier over a list of texts, a definition's
// parameter). Every field has a schema node of its own, so the node names
// the fact wherever in the rules it is read. -1 for anything else.
int fact_of(const Node& n) {
    if (n.op != Op::field && n.op != Op::local) return -1;
    switch (n.type.kind) {
    case StaticType::boolean:
    case StaticType::number:
    case StaticType::string:
    case StaticType::date:
        return n.type.schema;
    default:
        return -1;
    }
}

// The element node of a list of scalars an expression reads (`party.flags`).
int list_fact_of(const Program& p, const Node& n) {
    if ((n.op != Op::field && n.op != Op::local) || n.type.kind != StaticType::list ||
        n.type.schema < 0)
        return -1;
    auto kind = p.schema[static_cast<std::size_t>(n.type.schema)].kind;
    return kind == ast::TypeKind::record || kind == ast::TypeKind::list ? -1 : n.type.schema;
}

void note_literal(Tests& t, const Node& literal) {
    switch (literal.op) {
    case Op::number:
        t.numbers.push_back(literal.number);
        break;
    case Op::date:
        t.dates.push_back(literal.date);
        break;
    case Op::string:
        t.texts.push_back(literal.text);
        break;
    default:
        break; // a boolean: both values are tried anyway
    }
}

void note_comparison(const Program& p, const Node& n, TestMap& tests) {
    for (int side = 0; side < 2; ++side) {
        const Node& fact = p.node(n.kids[static_cast<std::size_t>(side)]);
        const Node& other = p.node(n.kids[static_cast<std::size_t>(1 - side)]);
        if (int f = fact_of(fact); f >= 0 && is_literal(other)) note_literal(tests[f], other);
    }
}

// Every condition of every rule and definition instance is a node of the
// program; reading them all in order keeps the result deterministic.
TestMap gather_tests(const Program& p) {
    TestMap tests;
    for (const Node& n : p.nodes) {
        if (int f = fact_of(n); f >= 0) tests[f].referenced = true;
        switch (n.op) {
        case Op::eq:
        case Op::ne:
        case Op::lt:
        case Op::le:
        case Op::gt:
        case Op::ge:
            if (n.kids.size() == 2) note_comparison(p, n, tests);
            break;
        case Op::in_set:
        case Op::under_set:
            if (!n.kids.empty() && n.set >= 0)
                if (int f = fact_of(p.node(n.kids[0])); f >= 0)
                    tests[f].sets.push_back(&p.sets[static_cast<std::size_t>(n.set)]);
            break;
        case Op::under_code:
            if (n.kids.size() == 2) note_comparison(p, n, tests);
            break;
        case Op::in_list:
            if (n.kids.size() == 2 && p.node(n.kids[0]).op == Op::string)
                if (int f = list_fact_of(p, p.node(n.kids[1])); f >= 0)
                    note_literal(tests[f], p.node(n.kids[0]));
            break;
        default:
            break;
        }
    }
    return tests;
}

// The smallest step of a threshold as written: 1 for 16, 0.1 for 2.5.
int decimals_of(double t) {
    for (int k = 0; k < 6; ++k) {
        double scaled = t * std::pow(10.0, k);
        if (std::fabs(scaled - std::round(scaled)) < 1e-9 * std::max(1.0, std::fabs(scaled)))
            return k;
    }
    return 6;
}

Json number_json(double v, int decimals) {
    double scale = std::pow(10.0, decimals);
    double rounded = std::round(v * scale) / scale;
    if (decimals == 0 && std::fabs(rounded) < 1e15) return Json(static_cast<std::int64_t>(rounded));
    return Json(rounded);
}

// A text of the set, the same every time: the smallest entry.
std::optional<std::string> first_entry(const NamedSet& s) {
    if (s.entries.empty()) return std::nullopt;
    std::vector<std::string> texts = s.entries.texts();
    return std::move(*std::min_element(texts.begin(), texts.end()));
}

// A rule may name a CN chapter ("85"); a case names goods at least by heading.
std::optional<std::string> as_case_text(ast::TypeKind kind, std::string text) {
    if (kind == ast::TypeKind::cn && text.size() < 4) text.append(4 - text.size(), '0');
    if (!text_fits(kind, text)) return std::nullopt;
    return text;
}

bool tested_as(const Tests& t, const std::string& v) {
    for (const NamedSet* s : t.sets)
        if (s->contains(v) || s->covers(v)) return true;
    for (const auto& text : t.texts)
        if (v == text || code_under(v, text)) return true;
    return false;
}

// The first value of the kind (in a fixed order) that no set and no literal
// the fact is tested with covers: "somewhere else" for a country, "some
// other goods" for a code. Nothing for kinds without a fixed list of values.
std::optional<std::string> untested_value(ast::TypeKind kind, const Tests& t) {
    auto fits = [&](const std::string& v) { return text_fits(kind, v) && !tested_as(t, v); };
    switch (kind) {
    case ast::TypeKind::country:
        for (char a = 'A'; a <= 'Z'; ++a)
            for (char b = 'A'; b <= 'Z'; ++b)
                if (std::string v{a, b}; is_country_code(v) && !tested_as(t, v)) return v;
        return std::nullopt;
    case ast::TypeKind::cn:
        for (int heading = 101; heading <= 9999; ++heading)
            if (std::string v = fmt::format("{:04}", heading); fits(v)) return v;
        return std::nullopt;
    case ast::TypeKind::eccn:
        if (fits("EAR99")) return "EAR99";
        [[fallthrough]];
    case ast::TypeKind::code:
        for (int category = 0; category <= 9; ++category)
            for (char group : std::string("ABCDE"))
                for (int number = 1; number <= 999; ++number)
                    if (std::string v = fmt::format("{}{}{:03}", category, group, number); fits(v))
                        return v;
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

void sort_unique(std::vector<Json>& values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
}

std::vector<Json> text_values(ast::TypeKind kind, const Tests& t) {
    std::vector<Json> out;
    for (const auto& text : t.texts)
        if (auto v = as_case_text(kind, text)) out.emplace_back(*v);
    for (const NamedSet* s : t.sets)
        if (auto entry = first_entry(*s))
            if (auto v = as_case_text(kind, *entry)) out.emplace_back(*v);
    if (!t.texts.empty() || !t.sets.empty())
        if (auto v = untested_value(kind, t)) out.emplace_back(*v);
    return out;
}

// The days the rules in force change: the first and last day of each
// rule's period and the day either side of it.
std::vector<ast::Days> period_days(const Program& p) {
    std::set<ast::Days> days;
    for (const auto& r : p.rules) {
        if (r.from) days.insert({*r.from - 1, *r.from});
        if (r.until) days.insert({*r.until, *r.until + 1});
    }
    return {days.begin(), days.end()};
}

// A number or a date as a number, to measure how far a value moves.
std::optional<double> magnitude(const Json& v) {
    if (v.is_number()) return v.get<double>();
    if (v.is_string())
        if (auto d = ast::parse_date(v.get_ref<const std::string&>())) return *d;
    return std::nullopt;
}

// The nearest values first: the smallest move of a number or a date that
// changes the verdict is the one to show (the day before a rule took effect,
// not a day ten years back). Texts keep their order.
void nearest_first(std::vector<Json>& values, const Json* current) {
    auto now = current ? magnitude(*current) : std::nullopt;
    if (!now) return;
    auto distance = [&](const Json& v) {
        auto m = magnitude(v);
        return m ? std::fabs(*m - *now) : HUGE_VAL;
    };
    std::stable_sort(values.begin(), values.end(),
                     [&](const Json& a, const Json& b) { return distance(a) < distance(b); });
}

class Walker {
public:
    Walker(const Program& p, bool as_of_fixed) : p_(p), tests_(gather_tests(p)) {
        const SchemaNode& root = p.schema[0];
        if (int slot = root.field_index("date"); slot >= 0 && !as_of_fixed) {
            date_node_ = root.fields[static_cast<std::size_t>(slot)].type;
            period_ = period_days(p);
        }
    }

    std::vector<FactCandidates> run(const Json& root) {
        if (root.is_object()) record(root, 0, "", Json::json_pointer());
        return std::move(out_);
    }

private:
    const SchemaNode& node(int i) const { return p_.schema[static_cast<std::size_t>(i)]; }

    std::vector<Json> values_for(int n) const {
        auto it = tests_.find(n);
        static const Tests none;
        const Tests& t = it == tests_.end() ? none : it->second;
        std::vector<Json> out;
        switch (node(n).kind) {
        case ast::TypeKind::number:
            for (double x : t.numbers) {
                int k = decimals_of(x);
                double step = std::pow(10.0, -k);
                for (double v : {x - step, x, x + step})
                    out.push_back(number_json(v, k));
            }
            break;
        case ast::TypeKind::date:
            for (ast::Days d : t.dates)
                for (ast::Days v : {d - 1, d, d + 1})
                    out.emplace_back(ast::format_date(v));
            if (n == date_node_)
                for (ast::Days v : period_)
                    out.emplace_back(ast::format_date(v));
            break;
        case ast::TypeKind::boolean:
            if (t.referenced) out = {Json(false), Json(true)};
            break;
        case ast::TypeKind::enum_:
            if (t.referenced)
                for (const auto& v : node(n).enum_values)
                    out.emplace_back(v);
            break;
        default:
            out = text_values(node(n).kind, t);
            break;
        }
        sort_unique(out);
        return out;
    }

    void record(const Json& object, int n, const std::string& path,
                const Json::json_pointer& pointer) {
        for (const SchemaField& f : node(n).fields) {
            std::string sub = path.empty() ? f.name : path + "." + f.name;
            auto it = object.find(f.name);
            const Json* v = it == object.end() || it->is_null() ? nullptr : &*it;
            field(v, f.type, sub, pointer / f.name);
        }
    }

    void field(const Json* v, int n, const std::string& path, const Json::json_pointer& pointer) {
        const SchemaNode& s = node(n);
        if (s.kind == ast::TypeKind::record) {
            // An absent record's fields are not offered: its required fields
            // would have to be invented too.
            if (v && v->is_object()) record(*v, n, path, pointer);
            return;
        }
        if (s.kind != ast::TypeKind::list) return scalar(v, n, path, pointer);
        const SchemaNode& element = node(s.element);
        if (element.kind == ast::TypeKind::list) return;
        if (element.kind == ast::TypeKind::record) {
            if (v && v->is_array())
                for (std::size_t i = 0; i < v->size(); ++i)
                    if ((*v)[i].is_object())
                        record((*v)[i], s.element, fmt::format("{}[{}]", path, i), pointer / i);
            return;
        }
        scalar_list(v, s.element, path, pointer);
    }

    void scalar(const Json* v, int n, const std::string& path, const Json::json_pointer& pointer) {
        FactCandidates fc{path, pointer, {}};
        std::vector<Json> values = values_for(n);
        nearest_first(values, v);
        for (auto& x : values)
            if (!v || *v != x) fc.changes.push_back({path, v ? *v : Json(), x, n});
        if (!fc.changes.empty()) out_.push_back(std::move(fc));
    }

    // A list of texts (`transit`, `flags`): a tested value added (or the
    // list made with it when absent), a tested element taken out, and each
    // element changed like a fact of its own.
    void scalar_list(const Json* v, int element, const std::string& path,
                     const Json::json_pointer& pointer) {
        std::vector<Json> values = values_for(element);
        Json current = v && v->is_array() ? *v : Json::array();
        FactCandidates fc{path, pointer, {}};
        Json before = v ? *v : Json();
        for (const auto& x : values) {
            if (std::find(current.begin(), current.end(), x) != current.end()) continue;
            Json after = current;
            after.push_back(x);
            fc.changes.push_back({path, before, std::move(after), element});
        }
        for (std::size_t i = 0; i < current.size(); ++i) {
            if (std::find(values.begin(), values.end(), current[i]) == values.end()) continue;
            Json after = current;
            after.erase(i);
            fc.changes.push_back({path, before, std::move(after), element});
        }
        std::sort(fc.changes.begin(), fc.changes.end(),
                  [](const FactChange& a, const FactChange& b) { return a.after < b.after; });
        if (!fc.changes.empty()) out_.push_back(std::move(fc));
        for (std::size_t i = 0; i < current.size(); ++i)
            scalar(&current[i], element, fmt::format("{}[{}]", path, i), pointer / i);
    }

    const Program& p_;
    TestMap tests_;
    int date_node_ = -1;
    std::vector<ast::Days> period_;
    std::vector<FactCandidates> out_;
};

} // namespace

std::vector<FactCandidates> candidate_changes(const Program& program, const Json& case_json,
                                              bool as_of_fixed) {
    if (!program.has_schema || program.schema.empty()) return {};
    return Walker(program, as_of_fixed).run(case_json);
}

} // namespace kader
