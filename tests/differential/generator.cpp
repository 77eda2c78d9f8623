#include "generator.hpp"

#include <algorithm>
#include <random>

namespace kdiff {

namespace {

using Kind = GType::Kind;

// Small pools of values, shared by rule literals and case facts, so that
// conditions hold about as often as they fail. The codes probe the edges of
// `under`: 3A001.ab is not below 3A001.a, 3A002 is not below 3A001 (nor 3A001 below 3A00).
const std::vector<std::string> countries = {"RU", "BY", "CN", "NL", "HK", "KZ", "US", "DE"};
const std::vector<std::string> codes = {"3A001",     "3A001.a", "3A001.a.2", "3A001.ab", "3A002",
                                        "3B001.f.1", "3B001",   "ML11.a",    "5A002"};
const std::vector<std::string> cns = {"8542", "854231", "85423190", "85423", "84864000", "8486"};
const std::vector<std::string> words = {"prior_diversion", "supplies_russia", "humanitarian",
                                        "medical", "embassy"};
const std::vector<std::string> numbers = {"-2", "0", "3", "5", "7", "16", "16.5", "28", "40"};
const std::vector<std::string> dates = {"2021-12-31", "2022-02-25", "2022-02-26", "2022-05-27",
                                        "2022-10-07", "2023-01-01", "2023-06-30", "2024-03-15"};
const std::vector<std::string> verdicts = {"allow", "license_required", "escalate", "deny",
                                           "prohibited"};
const std::vector<std::string> goals = {"end_use", "strategic_dependency", "tech_leadership",
                                        "sanctions", "control_list"};
const std::vector<std::string> obligation_names = {"o_clause", "o_statement", "o_register"};

std::string quoted(const std::string& s) {
    return "\"" + s + "\"";
}

GType scalar(Kind k) {
    GType t;
    t.kind = k;
    return t;
}

GType enum_of(std::vector<std::string> values) {
    GType t = scalar(Kind::enum_);
    t.enum_values = std::move(values);
    return t;
}

GType list_of(GType element, bool nonempty) {
    GType t = scalar(Kind::list);
    t.element = std::make_shared<GType>(std::move(element));
    t.nonempty = nonempty;
    return t;
}

GType record_of(std::vector<GField> fields) {
    GType t = scalar(Kind::record);
    t.fields = std::move(fields);
    return t;
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(engine_) < p; }
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }
    template <typename T> const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(between(0, static_cast<int>(v.size()) - 1))];
    }

private:
    std::mt19937_64 engine_;
};

// One fixed shape of case with every kind of fact; which fields are optional
// and which lists must be nonempty is drawn per seed.
std::vector<GField> make_schema(Rng& r) {
    auto opt = [&](double p) { return r.chance(p); };
    GType params = record_of(
        {{"node_nm", opt(0.8), scalar(Kind::number)}, {"layers", opt(0.8), scalar(Kind::number)}});
    GType item = record_of({{"code", opt(0.7), scalar(Kind::code)},
                            {"cn", opt(0.6), scalar(Kind::cn)},
                            {"qty", opt(0.5), scalar(Kind::number)},
                            {"params", opt(0.6), params},
                            {"tags", opt(0.6), list_of(scalar(Kind::string), false)}});
    GType party = record_of({{"role", opt(0.3), enum_of({"consignee", "end_user", "intermediary"})},
                             {"country", opt(0.3), scalar(Kind::country)},
                             {"since", opt(0.7), scalar(Kind::date)},
                             {"flags", opt(0.6), list_of(scalar(Kind::string), false)}});
    return {{"id", true, scalar(Kind::string)},
            {"date", false, scalar(Kind::date)},
            {"destination", opt(0.3), scalar(Kind::country)},
            {"end_use", opt(0.7), enum_of({"civil", "military", "wmd", "unknown"})},
            {"contract_date", opt(0.7), scalar(Kind::date)},
            {"value_eur", opt(0.6), scalar(Kind::number)},
            {"licensed", opt(0.6), scalar(Kind::boolean)},
            {"flags", opt(0.6), list_of(scalar(Kind::string), false)},
            {"items", opt(0.3), list_of(item, r.chance(0.6))},
            {"parties", opt(0.6), list_of(party, r.chance(0.3))},
            {"transit", opt(0.6), list_of(scalar(Kind::country), false)}};
}

const std::vector<std::string>& pool(Kind k) {
    switch (k) {
    case Kind::country:
        return countries;
    case Kind::code:
        return codes;
    case Kind::cn:
        return cns;
    case Kind::number:
        return numbers;
    case Kind::date:
        return dates;
    default:
        return words;
    }
}

// A literal of the kind, as written in a rule.
std::string literal(Rng& r, const GType& t) {
    switch (t.kind) {
    case Kind::boolean:
        return r.chance(0.5) ? "true" : "false";
    case Kind::number:
    case Kind::date:
        return r.pick(pool(t.kind));
    case Kind::enum_:
        return quoted(r.pick(t.enum_values));
    case Kind::code: {
        // 3A0012 is a case fact only: the checker refuses it in a rule, as
        // no control code is written that way.
        std::string code = r.pick(codes);
        return quoted(code == "3A0012" ? "3A001" : code);
    }
    default:
        return quoted(r.pick(pool(t.kind)));
    }
}

GExpr atom(std::string text, bool condition = false) {
    GExpr e;
    e.text = std::move(text);
    e.condition = condition;
    return e;
}

GExpr node(GExpr::Kind k, std::string text, std::vector<GExpr> kids, bool condition = true) {
    GExpr e;
    e.kind = k;
    e.text = std::move(text);
    e.kids = std::move(kids);
    e.condition = condition;
    return e;
}

// ---- expressions ------------------------------------------------------------

struct Place { // a fact reachable from the scope: `case.items`, `x1.params.node_nm`
    std::string text;
    const GType* type;
    bool optional;
};

struct Local {
    std::string name;
    const GType* type;
};

struct DefInfo {
    std::string name;
    enum class Shape { condition, parameter, number } shape;
    const GType* param = nullptr; // the record type of the parameter
};

class ExprGen {
public:
    ExprGen(Rng& r, const std::vector<GField>& schema) : r_(r), root_(record_of(schema)) {}

    std::vector<DefInfo> defs; // those usable so far
    std::vector<Local> locals;
    std::vector<std::string> set_names[3]; // country, code, cn
    bool with_case = true;                 // false in a table column: only case facts anyway

    GExpr condition(int depth) {
        int roll = r_.between(0, 99);
        if (depth <= 0 || roll < 40) return leaf(depth);
        if (roll < 55) return logic(GExpr::Kind::and_, depth);
        if (roll < 68) return logic(GExpr::Kind::or_, depth);
        if (roll < 75) return node(GExpr::Kind::not_, "", {condition(depth - 1)});
        if (roll < 90) return quantifier(depth);
        if (auto call = def_call()) return *call;
        return leaf(depth);
    }

    // Facts reachable from the case and the locals in scope.
    std::vector<Place> places() const {
        std::vector<Place> out;
        collect("case", root_, false, 0, out);
        for (const auto& l : visible_locals()) {
            if (l.type->kind == Kind::record)
                collect(l.name, *l.type, false, 0, out);
            else
                out.push_back({l.name, l.type, false});
        }
        return out;
    }

    // The locals not hidden by an inner one of the same name.
    std::vector<Local> visible_locals() const {
        std::vector<Local> out;
        for (std::size_t i = 0; i < locals.size(); ++i) {
            bool hidden = false;
            for (std::size_t k = i + 1; k < locals.size(); ++k)
                hidden = hidden || locals[k].name == locals[i].name;
            if (!hidden) out.push_back(locals[i]);
        }
        return out;
    }

    std::vector<Place> places_of(bool (*keep)(const Place&)) const {
        std::vector<Place> all = places(), out;
        std::copy_if(all.begin(), all.end(), std::back_inserter(out), keep);
        return out;
    }

    GExpr comparison(const Place& p) {
        const GType& t = *p.type;
        GExpr lhs = atom(p.text, t.kind == Kind::boolean);
        switch (t.kind) {
        case Kind::boolean:
            if (r_.chance(0.5)) return atom(p.text, true);
            return compare(lhs, r_.chance(0.5) ? "==" : "!=", atom(literal(r_, t)));
        case Kind::number:
        case Kind::date:
            return compare(lhs, r_.pick(std::vector<std::string>{"==", "!=", "<", "<=", ">", ">="}),
                           other_or_literal(p));
        case Kind::country:
            if (r_.chance(0.4)) return membership(lhs, 0, t);
            if (r_.chance(0.2)) {
                if (auto list = list_of_kind(Kind::country))
                    return compare(lhs, r_.chance(0.7) ? "in" : "not in", atom(list->text));
            }
            return compare(lhs, r_.chance(0.6) ? "==" : "!=", atom(literal(r_, t)));
        case Kind::code:
        case Kind::cn: {
            int which = t.kind == Kind::code ? 1 : 2;
            if (r_.chance(0.3) && !set_names[which].empty())
                return compare(lhs, "under", atom(r_.pick(set_names[which])));
            if (r_.chance(0.15)) return compare(lhs, "under", atom(set_literal(t)));
            if (r_.chance(0.2)) return membership(lhs, which, t);
            return compare(lhs, r_.chance(0.8) ? "under" : "==", atom(literal(r_, t)));
        }
        case Kind::enum_:
            if (r_.chance(0.25)) return compare(lhs, "in", atom(set_literal(t)));
            return compare(lhs, r_.chance(0.7) ? "==" : "!=", atom(literal(r_, t)));
        default: // a plain text: a quantifier variable over a list of texts
            return compare(lhs, r_.chance(0.7) ? "==" : "!=", atom(literal(r_, t)));
        }
    }

private:
    GExpr leaf(int depth) {
        int roll = r_.between(0, 99);
        if (roll < 3) return atom(r_.chance(0.5) ? "true" : "false", true);
        if (roll < 15) {
            auto opt = places_of([](const Place& p) { return p.optional; });
            if (!opt.empty()) return node(GExpr::Kind::known, "", {atom(r_.pick(opt).text)});
        }
        if (roll < 18 && depth > 0) // known() of a whole condition: true unless it is unknown
            return node(GExpr::Kind::known, "", {condition(depth - 1)});
        if (roll < 25) {
            if (auto list = list_of_kind(Kind::string))
                return compare(atom(quoted(r_.pick(words))), r_.chance(0.8) ? "in" : "not in",
                               atom(list->text));
        }
        if (roll < 33 && depth > 0) {
            if (auto c = count_comparison(depth)) return *c;
        }
        if (roll < 40) {
            if (auto call = def_call()) return *call;
        }
        auto scalars = places_of([](const Place& p) {
            return p.type->kind != Kind::list && p.type->kind != Kind::record;
        });
        const Place& p = r_.pick(scalars);
        if (p.text == "case.id") return node(GExpr::Kind::known, "", {atom(p.text)});
        return comparison(p);
    }

    GExpr logic(GExpr::Kind k, int depth) {
        std::vector<GExpr> kids;
        int n = r_.between(2, 3);
        for (int i = 0; i < n; ++i)
            kids.push_back(condition(depth - 1));
        return node(k, "", std::move(kids));
    }

    GExpr quantifier(int depth) {
        auto lists = places_of([](const Place& p) { return p.type->kind == Kind::list; });
        if (lists.empty()) return leaf(0);
        const Place& list = r_.pick(lists);
        std::string var = fresh_or_shadowing();
        static const std::vector<std::string> kinds = {"any", "all", "none"};
        std::string header = r_.pick(kinds) + " " + var + " in " + list.text;
        locals.push_back({var, list.type->element.get()});
        GExpr body = condition(depth - 1);
        locals.pop_back();
        return node(GExpr::Kind::quant, header, {std::move(body)});
    }

    // Now and then the name of an enclosing variable: the inner one hides it.
    std::string fresh_or_shadowing() {
        if (!locals.empty() && r_.chance(0.15)) return r_.pick(locals).name;
        return "x" + std::to_string(++next_var_);
    }

    std::optional<GExpr> count_comparison(int depth) {
        auto lists = places_of([](const Place& p) { return p.type->kind == Kind::list; });
        if (lists.empty()) return std::nullopt;
        const Place& list = r_.pick(lists);
        std::string var = "x" + std::to_string(++next_var_);
        locals.push_back({var, list.type->element.get()});
        GExpr body = condition(depth - 1);
        locals.pop_back();
        GExpr count =
            node(GExpr::Kind::quant, "count " + var + " in " + list.text, {std::move(body)}, false);
        static const std::vector<std::string> ops = {"==", "!=", "<", "<=", ">", ">="};
        return compare(std::move(count), r_.pick(ops), atom(std::to_string(r_.between(0, 2))));
    }

    // A call of an earlier definition that fits the scope.
    std::optional<GExpr> def_call() {
        std::vector<GExpr> options;
        for (const auto& d : defs) {
            if (d.shape == DefInfo::Shape::condition) options.push_back(atom(d.name, true));
            if (d.shape == DefInfo::Shape::number)
                options.push_back(compare(atom(d.name), r_.chance(0.5) ? ">=" : "==",
                                          atom(std::to_string(r_.between(0, 2)))));
            if (d.shape == DefInfo::Shape::parameter)
                for (const auto& l : visible_locals())
                    if (l.type == d.param)
                        options.push_back(node(GExpr::Kind::call, d.name, {atom(l.name)}));
        }
        if (options.empty()) return std::nullopt;
        return r_.pick(options);
    }

    GExpr compare(GExpr lhs, std::string op, GExpr rhs) {
        return node(GExpr::Kind::compare, std::move(op), {std::move(lhs), std::move(rhs)});
    }

    GExpr membership(GExpr lhs, int which, const GType& t) {
        std::string op = r_.chance(0.75) ? "in" : "not in";
        if (r_.chance(0.5) && !set_names[which].empty())
            return compare(std::move(lhs), op, atom(r_.pick(set_names[which])));
        return compare(std::move(lhs), op, atom(set_literal(t)));
    }

    std::string set_literal(const GType& t) {
        std::string out = "{";
        int n = r_.between(1, 3);
        for (int i = 0; i < n; ++i)
            out += (i ? ", " : "") + literal(r_, t);
        return out + "}";
    }

    // Another fact of the same kind (case.contract_date < case.date), or a literal.
    GExpr other_or_literal(const Place& p) {
        if (r_.chance(0.2)) {
            std::vector<Place> same;
            for (const auto& q : places())
                if (q.type->kind == p.type->kind && q.text != p.text) same.push_back(q);
            if (!same.empty()) return atom(r_.pick(same).text);
        }
        return atom(literal(r_, *p.type));
    }

    std::optional<Place> list_of_kind(Kind element) {
        std::vector<Place> out;
        for (const auto& p : places())
            if (p.type->kind == Kind::list && p.type->element->kind == element) out.push_back(p);
        if (out.empty()) return std::nullopt;
        return r_.pick(out);
    }

    static void collect(const std::string& prefix, const GType& record, bool optional, int depth,
                        std::vector<Place>& out) {
        for (const auto& f : record.fields) {
            std::string text = prefix + "." + f.name;
            bool opt = optional || f.optional;
            out.push_back({text, &f.type, opt});
            if (f.type.kind == Kind::record && depth < 2)
                collect(text, f.type, opt, depth + 1, out);
        }
    }

    Rng& r_;
    GType root_;
    int next_var_ = 0;
};

// ---- declarations -----------------------------------------------------------

const GType* find_record(const std::vector<GField>& schema, const std::string& list) {
    for (const auto& f : schema)
        if (f.name == list) return f.type.element.get();
    return nullptr;
}

GPeriod period(Rng& r) {
    GPeriod p;
    int roll = r.between(0, 2);
    std::string a = r.pick(dates), b = r.pick(dates);
    if (b < a) std::swap(a, b);
    if (roll != 1) p.from = a;
    if (roll != 0) p.until = b;
    return p;
}

// Whether two periods share a day (dates compare as text: YYYY-MM-DD).
bool overlap(const GPeriod& a, const GPeriod& b) {
    bool a_first = a.until && b.from && *a.until < *b.from;
    bool b_first = b.until && a.from && *b.until < *a.from;
    return !a_first && !b_first;
}

std::string message(Rng& r) {
    if (r.chance(0.6)) return {};
    return r.chance(0.5) ? "decided for {case.destination}" : "a plain message";
}

void add_defs(Rng& r, ExprGen& g, const std::vector<GField>& schema, GRuleSet& rs) {
    int n = r.between(0, 3);
    for (int i = 1; i <= n; ++i) {
        GDef d;
        d.name = "d" + std::to_string(i);
        int shape = r.between(0, 2);
        if (shape == 1) {
            const GType* record = find_record(schema, r.chance(0.5) ? "items" : "parties");
            d.param = "subject";
            g.locals.push_back({d.param, record});
            d.body = g.condition(2);
            g.locals.clear();
            rs.defs.push_back(d);
            g.defs.push_back({d.name, DefInfo::Shape::parameter, record});
            continue;
        }
        if (shape == 2) {
            // A number: count over a list of the case, compared where it is used.
            auto lists = g.places_of([](const Place& p) {
                return p.type->kind == Kind::list && p.text.rfind("case.", 0) == 0 &&
                       std::count(p.text.begin(), p.text.end(), '.') == 1;
            });
            const Place& list = r.pick(lists);
            g.locals.push_back({"y", list.type->element.get()});
            GExpr body = g.condition(1);
            g.locals.clear();
            d.body = node(GExpr::Kind::quant, "count y in " + list.text, {std::move(body)}, false);
            rs.defs.push_back(d);
            g.defs.push_back({d.name, DefInfo::Shape::number});
            continue;
        }
        d.body = g.condition(3);
        rs.defs.push_back(d);
        g.defs.push_back({d.name, DefInfo::Shape::condition});
    }
}

void add_rules(Rng& r, ExprGen& g, const GenOptions& o, GRuleSet& rs) {
    int n = r.between(1, 7);
    for (int i = 1; i <= n; ++i) {
        GRule rule;
        rule.name = "r" + std::to_string(i);
        const GRule* base = nullptr;
        if (o.exceptions && i > 1 && r.chance(0.4)) {
            base = &rs.rules[static_cast<std::size_t>(r.between(0, i - 2))];
            if (o.exception_chains || !base->exception_to)
                rule.exception_to = base->name;
            else
                base = nullptr;
        }
        // An exception takes its base's goal and must be in effect on some day its base is:
        // the checker refuses anything else.
        if (!rule.exception_to) rule.goal = r.pick(goals);
        if (o.periods && r.chance(0.25)) rule.period = period(r);
        if (base && !overlap(rule.period, base->period)) rule.period = base->period;
        rule.review = r.chance(0.05);
        rule.when = g.condition(r.between(1, 4));
        if (r.chance(0.85)) rule.verdict = r.pick(verdicts);
        rule.message = message(r);
        int obligations = r.chance(0.3) ? r.between(1, 2) : 0;
        if (!rule.verdict) obligations = std::max(obligations, 1);
        for (int k = 0; k < obligations; ++k)
            rule.obligations.push_back(r.pick(obligation_names));
        rs.rules.push_back(std::move(rule));
    }
}

// A cell that fits a column of the given kind of value.
std::string cell(Rng& r, const GType& t, ExprGen& g) {
    if (r.chance(0.35)) return "-";
    switch (t.kind) {
    case Kind::boolean:
        return r.chance(0.5) ? "true" : "false";
    case Kind::number:
    case Kind::date: {
        static const std::vector<std::string> ops = {"", "< ", "<= ", "> ", ">= ", "!= "};
        return r.pick(ops) + literal(r, t);
    }
    case Kind::code:
    case Kind::cn: {
        int which = t.kind == Kind::code ? 1 : 2;
        if (r.chance(0.3) && !g.set_names[which].empty())
            return "under " + r.pick(g.set_names[which]);
        return (r.chance(0.7) ? "under " : "") + literal(r, t);
    }
    case Kind::country:
        if (r.chance(0.3) && !g.set_names[0].empty())
            return (r.chance(0.7) ? "in " : "not in ") + r.pick(g.set_names[0]);
        return (r.chance(0.3) ? "!= " : "") + literal(r, t);
    default:
        return (r.chance(0.2) ? "!= " : "") + literal(r, t);
    }
}

void add_tables(Rng& r, ExprGen& g, const GenOptions& o, GRuleSet& rs) {
    static const GType boolean = scalar(Kind::boolean);
    int n = o.tables ? r.between(0, 2) : 0;
    for (int i = 1; i <= n; ++i) {
        GTable t;
        t.name = "t" + std::to_string(i);
        t.goal = r.pick(goals);
        int hit = r.between(0, 4);
        if (hit < 2) t.hit = "first";
        if (hit >= 2 && hit < 4) t.hit = "collect";
        if (o.periods && r.chance(0.2)) t.period = period(r);
        std::vector<const GType*> kinds;
        int columns = r.between(1, 3);
        auto scalars = g.places_of([](const Place& p) {
            return p.type->kind != Kind::list && p.type->kind != Kind::record &&
                   p.text != "case.id";
        });
        for (int c = 0; c < columns; ++c) {
            if (r.chance(0.35)) {
                t.columns.push_back(g.condition(2));
                kinds.push_back(&boolean);
            } else {
                const Place& p = r.pick(scalars);
                t.columns.push_back(atom(p.text, p.type->kind == Kind::boolean));
                kinds.push_back(p.type);
            }
        }
        int rows = r.between(1, 4);
        for (int k = 0; k < rows; ++k) {
            GRow row;
            for (const GType* kind : kinds)
                row.cells.push_back(cell(r, *kind, g));
            row.verdict = r.pick(verdicts);
            row.message = message(r);
            t.rows.push_back(std::move(row));
        }
        rs.tables.push_back(std::move(t));
    }
}

void add_sets(Rng& r, ExprGen& g, GRuleSet& rs) {
    static const char* names[] = {"s_country", "s_code", "s_cn"};
    static const Kind kinds[] = {Kind::country, Kind::code, Kind::cn};
    for (int k = 0; k < 3; ++k) {
        if (!r.chance(0.6)) continue;
        GSet s;
        s.name = names[k];
        int n = r.between(1, 4);
        for (int i = 0; i < n; ++i) {
            GType type;
            type.kind = kinds[k];
            std::string e = literal(r, type);
            if (std::find(s.entries.begin(), s.entries.end(), e) == s.entries.end())
                s.entries.push_back(e);
        }
        g.set_names[k].push_back(s.name);
        rs.sets.push_back(std::move(s));
    }
}

// ---- cases ------------------------------------------------------------------

nlohmann::json fact(Rng& r, const GType& t, const GenOptions& o);

nlohmann::json record_value(Rng& r, const GType& t, const GenOptions& o) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& f : t.fields) {
        if (f.optional && r.chance(0.3)) {
            if (o.null_facts && r.chance(0.25)) j[f.name] = nullptr;
            continue;
        }
        j[f.name] = fact(r, f.type, o);
    }
    return j;
}

nlohmann::json fact(Rng& r, const GType& t, const GenOptions& o) {
    switch (t.kind) {
    case Kind::boolean:
        return r.chance(0.5);
    case Kind::number: {
        const std::string& n = r.pick(numbers);
        return n.find('.') == std::string::npos ? nlohmann::json(std::stoi(n))
                                                : nlohmann::json(std::stod(n));
    }
    case Kind::enum_:
        return r.pick(t.enum_values);
    case Kind::list: {
        nlohmann::json j = nlohmann::json::array();
        int n = r.between(t.nonempty ? 1 : 0, 3);
        for (int i = 0; i < n; ++i)
            j.push_back(fact(r, *t.element, o));
        return j;
    }
    case Kind::record:
        return record_value(r, t, o);
    default:
        return r.pick(pool(t.kind));
    }
}

} // namespace

GPair generate(std::uint64_t seed, const GenOptions& options) {
    Rng r(seed);
    GPair pair;
    GRuleSet& rs = pair.rules;
    rs.schema = make_schema(r);
    ExprGen g(r, rs.schema);
    add_sets(r, g, rs);
    if (options.definitions) add_defs(r, g, rs.schema, rs);
    add_rules(r, g, options, rs);
    add_tables(r, g, options, rs);
    pair.case_json = record_value(r, record_of(rs.schema), options);
    if (options.as_of && r.chance(0.25)) pair.as_of = r.pick(dates);
    return pair;
}

} // namespace kdiff
