// The decision JSON read into a typed Memo (render_memo.hpp).
#include "interpreter/render_memo.hpp"

#include "interpreter/eurlex.hpp"
#include "lang/ast.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <map>
#include <tuple>

namespace kader {

// ---------------------------------------------------------------------------
// Reading the decision JSON. Every field the memo uses is checked here, once;
// the first one that is missing or of the wrong type ends the reading with a
// message naming it by its path from the top ("applied[0].basis").

namespace {

using json = nlohmann::ordered_json;

struct NotADecision {
    std::string message;
};

[[noreturn]] void refuse(const std::string& where, const std::string& problem) {
    throw NotADecision{fmt::format("\"{}\" {}", where, problem)};
}

std::string child(const std::string& where, const char* key) {
    return where.empty() ? key : where + "." + key;
}

std::string element(const std::string& where, std::size_t i) {
    return fmt::format("{}[{}]", where, i);
}

// "a number", "an object", "null": what a value is, for messages.
std::string kind_of(const json& v) {
    std::string name = v.type_name();
    if (v.is_null()) return name;
    return (std::string_view("aeiou").find(name[0]) == std::string_view::npos ? "a " : "an ") +
           name;
}

void expect(const json& v, bool ok, const std::string& where, const char* wanted) {
    if (!ok) refuse(where, fmt::format("is {}, not {}", kind_of(v), wanted));
}

// obj[key], which must be there; `obj` is an object.
const json& member(const json& obj, const std::string& where, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end()) refuse(child(where, key), "is missing");
    return *it;
}

const json& object_at(const json& obj, const std::string& where, const char* key) {
    const json& v = member(obj, where, key);
    expect(v, v.is_object(), child(where, key), "an object");
    return v;
}

const json& array_at(const json& obj, const std::string& where, const char* key) {
    const json& v = member(obj, where, key);
    expect(v, v.is_array(), child(where, key), "an array");
    return v;
}

std::string string_at(const json& obj, const std::string& where, const char* key) {
    const json& v = member(obj, where, key);
    expect(v, v.is_string(), child(where, key), "a string");
    return v.get<std::string>();
}

// Fields that only some entries have.
std::optional<std::string> optional_string_at(const json& obj, const std::string& where,
                                              const char* key) {
    if (!obj.contains(key)) return std::nullopt;
    return string_at(obj, where, key);
}

const json* optional_array_at(const json& obj, const std::string& where, const char* key) {
    return obj.contains(key) ? &array_at(obj, where, key) : nullptr;
}

bool bool_at(const json& obj, const std::string& where, const char* key) {
    const json& v = member(obj, where, key);
    expect(v, v.is_boolean(), child(where, key), "a boolean");
    return v.get<bool>();
}

std::string verdict_in(const json& v, const std::string& where) {
    expect(v, v.is_string(), where, "a verdict");
    if (!ast::verdict_from(v.get<std::string>()))
        refuse(where, fmt::format("is not a verdict: \"{}\"", v.get<std::string>()));
    return v.get<std::string>();
}

// A verdict, or null where the decision allows it.
std::optional<std::string> nullable_verdict_at(const json& obj, const std::string& where,
                                               const char* key) {
    const json& v = member(obj, where, key);
    if (v.is_null()) return std::nullopt;
    return verdict_in(v, child(where, key));
}

// Each element of an array, checked to be an object, with its path.
template <typename F> void each_object(const json& list, const std::string& where, F&& f) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        expect(list[i], list[i].is_object(), element(where, i), "an object");
        f(list[i], element(where, i));
    }
}

std::vector<std::string> strings_in(const json& list, const std::string& where) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        expect(list[i], list[i].is_string(), element(where, i), "a string");
        out.push_back(list[i].get<std::string>());
    }
    return out;
}

std::string number_text(const json& v) {
    if (v.is_number_unsigned()) return fmt::format("{}", v.get<std::uint64_t>());
    if (v.is_number_integer()) return fmt::format("{}", v.get<std::int64_t>());
    return fmt::format("{}", v.get<double>());
}

// A fact as the decision text shows it: "RU" in quotes, dates and numbers bare.
MemoFact fact_in(const json& fact, const std::string& where) {
    MemoFact f{string_at(fact, where, "path"), {}, false};
    std::string type = string_at(fact, where, "type");
    const json& v = member(fact, where, "value");
    std::string at = child(where, "value");
    if (type == "unknown") {
        f.missing = true;
    } else if (type == "string" || type == "date") {
        expect(v, v.is_string(), at, "a string");
        f.value =
            type == "string" ? fmt::format("\"{}\"", v.get<std::string>()) : v.get<std::string>();
    } else if (type == "number" || type == "list") {
        expect(v, v.is_number(), at, "a number");
        f.value = type == "number" ? number_text(v) : "a list of " + number_text(v);
    } else if (type == "boolean") {
        expect(v, v.is_boolean(), at, "a boolean");
        f.value = v.get<bool>() ? "true" : "false";
    } else if (type == "record") {
        f.value = "a record";
    } else {
        refuse(child(where, "type"), fmt::format("is not a type of fact: \"{}\"", type));
    }
    return f;
}

bool same_fact(const MemoFact& a, const MemoFact& b) {
    return a.path == b.path && a.value == b.value && a.missing == b.missing;
}

// The facts a reason tree read, depth first, each once. Walked with a stack
// of its own, so that no tree is too deep for it.
std::vector<MemoFact> facts_in(const json& reason, const std::string& where) {
    std::vector<MemoFact> out;
    std::vector<std::pair<const json*, std::string>> todo{{&reason, where}};
    while (!todo.empty()) {
        auto [r, at] = std::move(todo.back());
        todo.pop_back();
        expect(*r, r->is_object(), at, "an object");
        if (const json* facts = optional_array_at(*r, at, "facts"))
            each_object(*facts, child(at, "facts"), [&](const json& f, const std::string& fat) {
                MemoFact fact = fact_in(f, fat);
                auto same = [&](const MemoFact& o) { return same_fact(o, fact); };
                if (std::none_of(out.begin(), out.end(), same)) out.push_back(std::move(fact));
            });
        if (const json* parts = optional_array_at(*r, at, "parts"))
            for (std::size_t i = parts->size(); i-- > 0;)
                todo.emplace_back(&(*parts)[i], element(child(at, "parts"), i));
    }
    return out;
}

MemoProvision provision_in(const json& a, const std::string& where) {
    MemoProvision p;
    p.rule = string_at(a, where, "rule");
    p.verdict = nullable_verdict_at(a, where, "verdict");
    p.goal = string_at(a, where, "goal");
    p.basis = string_at(a, where, "basis");
    p.message = string_at(a, where, "message");
    p.location = string_at(a, where, "location");
    p.review = optional_string_at(a, where, "review");
    if (const json* sets = optional_array_at(a, where, "set_reviews"))
        each_object(*sets, child(where, "set_reviews"), [&](const json& s, const std::string& at) {
            p.set_reviews.push_back({string_at(s, at, "set"), string_at(s, at, "data_file"),
                                     string_at(s, at, "reliability")});
        });
    if (!a.contains("reason"))
        refuse(child(where, "reason"),
               "is missing: a decision written with `--explain rules` keeps no reasons, and a "
               "memo cites the facts each rule rests on (write it with `--explain brief`)");
    p.facts = facts_in(object_at(a, where, "reason"), child(where, "reason"));
    return p;
}

MemoOverride override_in(const json& o, const std::string& where) {
    MemoOverride m{string_at(o, where, "rule"), {string_at(o, where, "by")}, false};
    if (const json* all = optional_array_at(o, where, "all_by"))
        m.by = strings_in(*all, child(where, "all_by"));
    if (o.contains("conflict")) m.conflict = bool_at(o, where, "conflict");
    return m;
}

MemoQuestion question_in(const json& m, const std::string& where) {
    return {string_at(m, where, "path"), string_at(m, where, "question"),
            nullable_verdict_at(m, where, "could_raise_to"),
            nullable_verdict_at(m, where, "could_lower_to"),
            strings_in(array_at(m, where, "rules"), child(where, "rules"))};
}

int severity(const std::optional<std::string>& verdict) {
    auto v = verdict ? ast::verdict_from(*verdict) : std::nullopt;
    return v ? static_cast<int>(*v) : -1; // an obligation-only rule is the mildest
}

// "items[10]" after "items[9]": numbers in paths compare as numbers.
bool path_less(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    while (i < a.size() && j < b.size()) {
        if (digit(a[i]) && digit(b[j])) {
            std::size_t i0 = i, j0 = j;
            while (i < a.size() && digit(a[i]))
                ++i;
            while (j < b.size() && digit(b[j]))
                ++j;
            std::string_view x(a.data() + i0, i - i0), y(b.data() + j0, j - j0);
            if (x.size() != y.size()) return x.size() < y.size();
            if (x != y) return x < y;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i, ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

// Deciding first, in the decision's order; then the others, most severe first.
void order_provisions(Memo& memo) {
    for (auto& p : memo.provisions) {
        for (const auto& o : memo.overrides)
            if (o.rule == p.rule) p.overridden_by = o.by;
        p.deciding = p.overridden_by.empty() && p.verdict == memo.verdict;
    }
    std::stable_sort(memo.provisions.begin(), memo.provisions.end(),
                     [](const MemoProvision& a, const MemoProvision& b) {
                         if (a.deciding != b.deciding) return a.deciding;
                         return severity(a.verdict) > severity(b.verdict);
                     });
}

// Every fact the applied rules read, by path, each once.
std::vector<MemoFact> all_facts(const Memo& memo) {
    std::vector<MemoFact> out;
    for (const auto& p : memo.provisions)
        out.insert(out.end(), p.facts.begin(), p.facts.end());
    auto less = [](const MemoFact& a, const MemoFact& b) {
        if (a.path != b.path) return path_less(a.path, b.path);
        return std::tie(a.missing, a.value) < std::tie(b.missing, b.value);
    };
    std::sort(out.begin(), out.end(), less);
    out.erase(std::unique(out.begin(), out.end(), same_fact), out.end());
    return out;
}

Memo read_memo(const json& d) {
    if (!d.is_object()) throw NotADecision{fmt::format("the top level is {}", kind_of(d))};
    Memo m;
    m.case_id = string_at(d, "", "case");
    m.verdict = verdict_in(member(d, "", "verdict"), "verdict");
    m.incomplete = bool_at(d, "", "incomplete");
    m.as_of = string_at(d, "", "as_of");
    const json& ruleset = object_at(d, "", "ruleset");
    m.fingerprint = string_at(ruleset, "ruleset", "fingerprint");
    m.modules = strings_in(array_at(ruleset, "ruleset", "modules"), "ruleset.modules");
    for (const auto& [goal, verdict] : object_at(d, "", "goals").items())
        m.goals.emplace_back(goal, verdict_in(verdict, "goals." + goal));
    each_object(array_at(d, "", "applied"), "applied", [&](const json& a, const std::string& at) {
        m.provisions.push_back(provision_in(a, at));
    });
    each_object(
        array_at(d, "", "overridden"), "overridden",
        [&](const json& o, const std::string& at) { m.overrides.push_back(override_in(o, at)); });
    each_object(
        array_at(d, "", "obligations"), "obligations", [&](const json& o, const std::string& at) {
            m.obligations.push_back({string_at(o, at, "obligation"), string_at(o, at, "rule"),
                                     string_at(o, at, "basis"), string_at(o, at, "message")});
        });
    if (m.incomplete || d.contains("missing"))
        each_object(array_at(d, "", "missing"), "missing",
                    [&](const json& q, const std::string& at) {
                        m.questions.push_back(question_in(q, at));
                    });
    order_provisions(m);
    m.facts = all_facts(m);
    return m;
}

} // namespace

std::optional<Memo> memo_from_json(const nlohmann::ordered_json& decision, std::string& error) {
    try {
        return read_memo(decision);
    } catch (const NotADecision& e) {
        error = e.message;
    } catch (const std::exception& e) { // nlohmann or allocation: still no escape
        error = e.what();
    }
    return std::nullopt;
}

const MemoProvision* Memo::provision(const std::string& rule) const {
    for (const auto& p : provisions)
        if (p.rule == rule) return &p;
    return nullptr;
}

std::string provision_of(const std::string& basis) {
    int depth = 0;
    for (std::size_t i = 0; i < basis.size(); ++i) {
        if (basis[i] == '(') ++depth;
        if (basis[i] == ')' && depth > 0) --depth;
        if (basis[i] == ';' && depth == 0) return basis.substr(0, i);
    }
    return basis;
}

} // namespace kader
