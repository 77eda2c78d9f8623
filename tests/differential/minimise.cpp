#include "minimise.hpp"

namespace kdiff {

namespace {

bool is_constant(const GExpr& e) {
    return e.kind == GExpr::Kind::atom && (e.text == "true" || e.text == "false");
}

GExpr constant(bool value) {
    GExpr e;
    e.text = value ? "true" : "false";
    e.condition = true;
    return e;
}

// Every expression one simplification away from `e`: a condition replaced
// by a constant, a connective by one of its parts or without one part, or
// the same one step further down.
void variants(const GExpr& e, std::vector<GExpr>& out) {
    if (e.condition && !is_constant(e)) {
        out.push_back(constant(true));
        out.push_back(constant(false));
    }
    bool connective = e.kind == GExpr::Kind::and_ || e.kind == GExpr::Kind::or_;
    if (connective || e.kind == GExpr::Kind::not_)
        for (const auto& k : e.kids)
            out.push_back(k);
    if (connective && e.kids.size() > 2)
        for (std::size_t i = 0; i < e.kids.size(); ++i) {
            GExpr smaller = e;
            smaller.kids.erase(smaller.kids.begin() + static_cast<std::ptrdiff_t>(i));
            out.push_back(std::move(smaller));
        }
    for (std::size_t i = 0; i < e.kids.size(); ++i) {
        std::vector<GExpr> kid;
        variants(e.kids[i], kid);
        for (auto& v : kid) {
            GExpr changed = e;
            changed.kids[i] = std::move(v);
            out.push_back(std::move(changed));
        }
    }
}

template <typename T> std::vector<T> without(const std::vector<T>& v, std::size_t i) {
    std::vector<T> out = v;
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(i));
    return out;
}

// Removals of whole declarations come first: they shrink the most.
void declaration_candidates(const GPair& p, std::vector<GPair>& out) {
    const GRuleSet& rs = p.rules;
    for (std::size_t i = 0; i < rs.tables.size(); ++i) {
        out.push_back(p);
        out.back().rules.tables = without(rs.tables, i);
    }
    for (std::size_t i = 0; i < rs.rules.size(); ++i) {
        out.push_back(p);
        out.back().rules.rules = without(rs.rules, i);
    }
    for (std::size_t i = 0; i < rs.defs.size(); ++i) {
        out.push_back(p);
        out.back().rules.defs = without(rs.defs, i);
    }
    for (std::size_t i = 0; i < rs.sets.size(); ++i) {
        out.push_back(p);
        out.back().rules.sets = without(rs.sets, i);
    }
}

void table_candidates(const GPair& p, std::vector<GPair>& out) {
    for (std::size_t t = 0; t < p.rules.tables.size(); ++t) {
        const GTable& table = p.rules.tables[t];
        for (std::size_t r = 0; table.rows.size() > 1 && r < table.rows.size(); ++r) {
            out.push_back(p);
            out.back().rules.tables[t].rows = without(table.rows, r);
        }
        for (std::size_t c = 0; table.columns.size() > 1 && c < table.columns.size(); ++c) {
            out.push_back(p);
            GTable& changed = out.back().rules.tables[t];
            changed.columns = without(table.columns, c);
            for (auto& row : changed.rows)
                row.cells = without(row.cells, c);
        }
        for (std::size_t r = 0; r < table.rows.size(); ++r)
            for (std::size_t c = 0; c < table.columns.size(); ++c)
                if (table.rows[r].cells[c] != "-") {
                    out.push_back(p);
                    out.back().rules.tables[t].rows[r].cells[c] = "-";
                }
        if (table.period.from || table.period.until) {
            out.push_back(p);
            out.back().rules.tables[t].period = {};
        }
    }
}

void rule_line_candidates(const GPair& p, std::vector<GPair>& out) {
    for (std::size_t i = 0; i < p.rules.rules.size(); ++i) {
        const GRule& r = p.rules.rules[i];
        auto change = [&](auto edit) {
            out.push_back(p);
            edit(out.back().rules.rules[i]);
        };
        if (r.period.from) change([](GRule& x) { x.period.from.reset(); });
        if (r.period.until) change([](GRule& x) { x.period.until.reset(); });
        if (r.exception_to)
            change([](GRule& x) {
                x.exception_to.reset();
                if (!x.goal) x.goal = "end_use";
            });
        // An exception to the base's base: lets the middle of a chain go.
        for (const auto& base : p.rules.rules)
            if (r.exception_to && base.name == *r.exception_to && base.exception_to) {
                std::string skip = *base.exception_to;
                change([skip](GRule& x) { x.exception_to = skip; });
            }
        if (r.review) change([](GRule& x) { x.review = false; });
        if (!r.message.empty()) change([](GRule& x) { x.message.clear(); });
        for (std::size_t k = 0; k < r.obligations.size(); ++k)
            change([k](GRule& x) { x.obligations = without(x.obligations, k); });
        if (r.verdict && !r.obligations.empty()) change([](GRule& x) { x.verdict.reset(); });
    }
}

void expression_candidates(const GPair& p, std::vector<GPair>& out) {
    auto each = [&](const GExpr& e, auto put) {
        std::vector<GExpr> vs;
        variants(e, vs);
        for (auto& v : vs) {
            out.push_back(p);
            put(out.back().rules, std::move(v));
        }
    };
    for (std::size_t i = 0; i < p.rules.rules.size(); ++i)
        each(p.rules.rules[i].when,
             [i](GRuleSet& rs, GExpr v) { rs.rules[i].when = std::move(v); });
    for (std::size_t i = 0; i < p.rules.defs.size(); ++i)
        each(p.rules.defs[i].body, [i](GRuleSet& rs, GExpr v) { rs.defs[i].body = std::move(v); });
    for (std::size_t t = 0; t < p.rules.tables.size(); ++t)
        for (std::size_t c = 0; c < p.rules.tables[t].columns.size(); ++c)
            if (p.rules.tables[t].columns[c].kind != GExpr::Kind::atom)
                each(p.rules.tables[t].columns[c],
                     [t, c](GRuleSet& rs, GExpr v) { rs.tables[t].columns[c] = std::move(v); });
}

// Case facts: every key of every object and every element of every list.
void json_variants(const nlohmann::json& j, std::vector<nlohmann::json>& out) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            nlohmann::json smaller = j;
            smaller.erase(it.key());
            out.push_back(std::move(smaller));
            std::vector<nlohmann::json> inner;
            json_variants(it.value(), inner);
            for (auto& v : inner) {
                nlohmann::json changed = j;
                changed[it.key()] = std::move(v);
                out.push_back(std::move(changed));
            }
        }
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) {
            nlohmann::json smaller = j;
            smaller.erase(i);
            out.push_back(std::move(smaller));
            std::vector<nlohmann::json> inner;
            json_variants(j[i], inner);
            for (auto& v : inner) {
                nlohmann::json changed = j;
                changed[i] = std::move(v);
                out.push_back(std::move(changed));
            }
        }
    }
}

void case_candidates(const GPair& p, std::vector<GPair>& out) {
    if (p.as_of) {
        out.push_back(p);
        out.back().as_of.reset();
    }
    std::vector<nlohmann::json> cases;
    json_variants(p.case_json, cases);
    for (auto& c : cases) {
        out.push_back(p);
        out.back().case_json = std::move(c);
    }
}

// Drops field `name` of `record` from every JSON record of that type below `j`.
void drop_key(const GType& type, nlohmann::json& j, const GType* record, const std::string& name) {
    if (j.is_array() && type.kind == GType::Kind::list) {
        for (auto& e : j)
            drop_key(*type.element, e, record, name);
        return;
    }
    if (!j.is_object() || type.kind != GType::Kind::record) return;
    if (&type == record) j.erase(name);
    for (const auto& f : type.fields)
        if (j.contains(f.name)) drop_key(f.type, j[f.name], record, name);
}

// List element types are shared between copies of a GType: unshare them
// before changing one copy.
void unshare(GType& t) {
    if (t.element) {
        t.element = std::make_shared<GType>(*t.element);
        unshare(*t.element);
    }
    for (auto& f : t.fields)
        unshare(f.type);
}

// Every field of every record type below `t`, in a fixed walk order.
void record_fields(GType& t, std::vector<std::pair<GType*, std::size_t>>& out) {
    GType* rec = t.kind == GType::Kind::list ? t.element.get() : &t;
    if (rec->kind != GType::Kind::record) return;
    for (std::size_t i = 0; i < rec->fields.size(); ++i) {
        out.push_back({rec, i});
        record_fields(rec->fields[i].type, out);
    }
}

// Schema fields that nothing uses any more go, with their facts in the case.
void schema_candidates(const GPair& p, std::vector<GPair>& out) {
    for (std::size_t k = 0;; ++k) {
        GPair c = p;
        GType root;
        root.kind = GType::Kind::record;
        root.fields = c.rules.schema;
        unshare(root);
        std::vector<std::pair<GType*, std::size_t>> fields;
        record_fields(root, fields);
        if (k >= fields.size()) return;
        auto [rec, i] = fields[k];
        std::string name = rec->fields[i].name;
        if (rec == &root && name == "date") continue; // the case's date is required
        drop_key(root, c.case_json, rec, name);
        rec->fields.erase(rec->fields.begin() + static_cast<std::ptrdiff_t>(i));
        c.rules.schema = root.fields;
        out.push_back(std::move(c));
    }
}

std::vector<GPair> candidates(const GPair& p) {
    std::vector<GPair> out;
    declaration_candidates(p, out);
    table_candidates(p, out);
    rule_line_candidates(p, out);
    expression_candidates(p, out);
    case_candidates(p, out);
    schema_candidates(p, out);
    return out;
}

} // namespace

GPair minimise(GPair pair, const StillFails& fails, int budget) {
    bool progress = true;
    while (progress && budget > 0) {
        progress = false;
        for (auto& c : candidates(pair)) {
            if (budget-- <= 0) break;
            if (fails(c)) {
                pair = std::move(c);
                progress = true;
                break;
            }
        }
    }
    return pair;
}

} // namespace kdiff
