#include "interpreter/json_writer.hpp"
#include "interpreter/render.hpp"
#include "interpreter/render_reason.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <fmt/format.h>

namespace kader {

namespace {

// A place in the rules as to_string(Location) writes it: "" when unknown.
void write_location(JsonWriter& w, const Location& at) {
    if (at.source)
        w.place(at.source->name, at.line, at.column);
    else
        w.value("");
}

void write_verdict(JsonWriter& w, const std::optional<ast::Verdict>& v) {
    if (v)
        w.value(ast::to_string(*v));
    else
        w.null();
}

const char* type_name(ShownValue::Kind k) {
    switch (k) {
    case ShownValue::Kind::unknown:
        return "unknown";
    case ShownValue::Kind::boolean:
        return "boolean";
    case ShownValue::Kind::number:
        return "number";
    case ShownValue::Kind::string:
        return "string";
    case ShownValue::Kind::date:
        return "date";
    case ShownValue::Kind::list:
        return "list";
    case ShownValue::Kind::record:
        return "record";
    }
    return "unknown";
}

// The reasons of a decision are written piece by piece into the writer's
// room (JsonWriter::raw): their shape is known here, member by member, and
// a reason is dozens of small pieces.

// A value in its JSON type: null when unknown, a date as "YYYY-MM-DD", a
// list as its length (the elements are in the case).
void write_value(JsonWriter& w, const Explanation& e, const BlockValue& v) {
    switch (v.kind) {
    case ShownValue::Kind::unknown:
    case ShownValue::Kind::record:
        w.raw("null");
        break;
    case ShownValue::Kind::boolean:
        if (v.boolean)
            w.raw("true");
        else
            w.raw("false");
        break;
    case ShownValue::Kind::number:
        w.raw_number(v.number);
        break;
    case ShownValue::Kind::string:
        w.raw_string(e.text(v));
        break;
    case ShownValue::Kind::date:
        w.raw_string(ast::format_date(v.date));
        break;
    case ShownValue::Kind::list:
        w.raw_number(static_cast<double>(v.count));
        break;
    }
}

// `,"type":"NAME"` for a value of kind `k`, as one piece: every fact has one.
std::string_view type_member(ShownValue::Kind k) {
    // (`record` is the last kind: see ShownValue.)
    constexpr std::size_t kinds = static_cast<std::size_t>(ShownValue::Kind::record) + 1;
    static const std::array<std::string, kinds> members = [] {
        std::array<std::string, kinds> out;
        for (std::size_t i = 0; i < kinds; ++i)
            out[i] = fmt::format(",\"type\":\"{}\"", type_name(static_cast<ShownValue::Kind>(i)));
        return out;
    }();
    return members[static_cast<std::size_t>(k)];
}

// `,"value":…` for `v`; a boolean or an unknown value (that of most
// reasons) as one piece.
void write_value_member(JsonWriter& w, const Explanation& e, const BlockValue& v) {
    switch (v.kind) {
    case ShownValue::Kind::boolean:
        if (v.boolean)
            w.raw(",\"value\":true");
        else
            w.raw(",\"value\":false");
        return;
    case ShownValue::Kind::unknown:
        w.raw(",\"value\":null");
        return;
    default:
        w.raw(",\"value\":");
        write_value(w, e, v);
    }
}

// A path of the block as its text ("items[0].code"), quoted, made where
// the output goes (through a buffer of its own, every path was copied twice).
void write_path(JsonWriter& w, const Explanation& e, std::int32_t path) {
    constexpr std::size_t most = 128; // longer paths: made as a string first
    char* to = w.raw_room(most + 2);
    std::size_t size = 1;
    to[0] = '"';
    bool fits = true;
    auto put = [&](std::string_view piece) {
        fits = fits && size + piece.size() <= most + 1;
        if (!fits || piece.empty()) return;
        std::memcpy(to + size, piece.data(), piece.size());
        size += piece.size();
    };
    put_path(e.steps, path, put);
    if (!fits) {
        w.raw_plain_string(e.path_text(path));
        return;
    }
    assert(JsonWriter::needs_no_escape(std::string_view(to + 1, size - 1)));
    to[size++] = '"';
    w.raw_written(size);
}

void write_facts(JsonWriter& w, const Explanation& e, int first) {
    w.raw(",\"facts\":[");
    for (int f = first; f >= 0; f = e.fact(f).next) {
        const BlockFact& fact = e.fact(f);
        if (f == first)
            w.raw("{\"path\":");
        else
            w.raw(",{\"path\":");
        write_path(w, e, fact.path);
        w.raw(type_member(fact.value.kind));
        write_value_member(w, e, fact.value);
        w.raw("}");
    }
    w.raw("]");
}

void write_witness(JsonWriter& w, const Explanation& e, const BlockWitness& witness) {
    w.raw(",\"witness\":{\"path\":");
    write_path(w, e, witness.path);
    if (witness.name_size > 0) {
        if (!witness.field.empty()) {
            w.raw(",\"field\":");
            w.raw_plain_string(witness.field); // a schema's field name
        }
        w.raw(",\"name\":");
        w.raw_string(e.text(witness.name_at, witness.name_size));
    }
    w.raw("}");
}

// Reason `at` of the block: the expression (its text and place, written
// once per rule set in `f`), its value, the definition it called, the facts
// it read, the element that decided it, and its parts. The writer has been
// told a value follows (JsonWriter::value_follows).
void write_reason(JsonWriter& w, JsonFragments& f, const Explanation& e, int at) {
    if (at < 0) { // no reason kept: written as an empty one
        w.raw("{\"expr\":\"(condition)\",\"value\":null}");
        return;
    }
    const Program& p = f.program();
    const ReasonEntry& r = e.reason(at);
    w.raw("{");
    if (r.node >= 0)
        w.raw(f.node(r.node));
    else
        w.raw("\"expr\":\"(condition)\"");
    if (r.value.kind != ShownValue::Kind::boolean && r.value.kind != ShownValue::Kind::unknown)
        w.raw(type_member(r.value.kind));
    write_value_member(w, e, r.value);
    if (r.definition >= 0) {
        w.raw(",\"definition\":");
        w.raw_plain_string(p.defs[static_cast<std::size_t>(r.definition)].name); // "module.def"
    }
    if (r.first_fact >= 0) write_facts(w, e, r.first_fact);
    if (r.witness >= 0) write_witness(w, e, e.witness(r.witness));
    if (r.first_part >= 0) {
        w.raw(",\"parts\":[");
        for (int part = r.first_part; part >= 0; part = e.reason(part).next) {
            if (part != r.first_part) w.raw(",");
            write_reason(w, f, e, part);
        }
        w.raw("]");
    }
    w.raw("}");
}

// The review notes of the data sets the verdict rests on, when any.
void write_set_reviews(JsonWriter& w, const DecisionRecord& d, const AppliedRule& a) {
    const Program& p = *d.program;
    auto sets = sets_to_review(d, a);
    if (sets.empty()) return;
    w.key("set_reviews");
    w.begin_array();
    for (int i : sets) {
        const NamedSet& s = p.sets[static_cast<std::size_t>(i)];
        w.begin_object();
        w.key("set");
        w.value(s.name);
        w.key("data_file");
        w.value(s.data_file);
        w.key("reliability");
        w.value(s.reliability);
        w.end_object();
    }
    w.end_array();
}

void write_applied(JsonWriter& w, JsonFragments& f, const DecisionRecord& d) {
    w.begin_array();
    for (const auto& a : d.applied) {
        w.begin_object();
        w.members(f.rule_id(a.rule));
        w.key("verdict");
        write_verdict(w, a.verdict);
        w.members(f.rule_law(a.rule));
        w.key("message");
        w.value(a.message);
        w.members(f.rule_place(a.rule));
        write_set_reviews(w, d, a);
        if (d.reasons) { // (not with `--explain rules`)
            w.key("reason");
            w.value_follows();
            write_reason(w, f, d.explanation, a.reason);
        }
        w.end_object();
    }
    w.end_array();
}

void write_overridden(JsonWriter& w, const DecisionRecord& d) {
    w.begin_array();
    for (const auto& o : d.overridden) {
        w.begin_object();
        w.key("rule");
        w.value(d.rule(o.rule).id);
        w.key("by");
        w.value(d.rule(o.by.front()).id);
        if (o.by.size() > 1) {
            std::vector<std::string> all;
            for (int b : o.by)
                all.push_back(d.rule(b).id);
            w.key("all_by");
            w.strings(all);
        }
        w.key("location");
        write_location(w, d.rule(o.rule).location);
        if (o.conflict) {
            w.key("conflict");
            w.value(true);
        }
        w.end_object();
    }
    w.end_array();
}

void write_undetermined(JsonWriter& w, const DecisionRecord& d) {
    w.begin_array();
    for (const auto& u : d.undetermined) {
        const RuleInfo& r = d.rule(u.rule);
        w.begin_object();
        w.key("rule");
        w.value(r.id);
        w.key("could_conclude");
        write_verdict(w, r.verdict);
        w.key("missing");
        w.strings(u.missing);
        w.end_object();
    }
    w.end_array();
}

void write_obligations(JsonWriter& w, const DecisionRecord& d) {
    w.begin_array();
    for (const auto& o : d.obligations) {
        const RuleInfo& r = d.rule(o.rule);
        w.begin_object();
        w.key("obligation");
        w.value(o.name);
        w.key("rule");
        w.value(r.id);
        w.key("basis");
        w.value(r.basis);
        w.key("message");
        w.value(o.message);
        w.end_object();
    }
    w.end_array();
}

const char* why_name(NotAppliedRule::Why why) {
    switch (why) {
    case NotAppliedRule::Why::not_in_effect:
        return "not_in_effect";
    case NotAppliedRule::Why::earlier_row_applied:
        return "earlier_row_applied";
    case NotAppliedRule::Why::parent_did_not_apply:
        return "exception_to_rule_not_applied";
    case NotAppliedRule::Why::condition_failed:
        return "condition_failed";
    }
    return "condition_failed";
}

void write_not_applied(JsonWriter& w, JsonFragments& f, const DecisionRecord& d) {
    w.begin_array();
    for (const auto& n : d.not_applied) {
        const RuleInfo& r = d.rule(n.rule);
        w.begin_object();
        w.key("rule");
        w.value(r.id);
        w.key("why");
        w.value(why_name(n.why));
        switch (n.why) {
        case NotAppliedRule::Why::not_in_effect:
            w.key("effective_from");
            r.from ? w.value(ast::format_date(*r.from)) : w.null();
            w.key("effective_until");
            r.until ? w.value(ast::format_date(*r.until)) : w.null();
            break;
        case NotAppliedRule::Why::earlier_row_applied:
        case NotAppliedRule::Why::parent_did_not_apply:
            w.key("other");
            w.value(d.rule(n.other).id);
            break;
        case NotAppliedRule::Why::condition_failed:
            w.key("failed");
            w.value_follows();
            write_reason(w, f, d.explanation, n.condition);
            break;
        }
        w.end_object();
    }
    w.end_array();
}

void write_missing(JsonWriter& w, const DecisionRecord& d) {
    w.begin_array();
    for (const auto& m : d.missing) {
        w.begin_object();
        w.key("path");
        w.value(m.path);
        w.key("question");
        w.value(question_text(*d.program, m.path));
        w.key("could_raise_to");
        m.could_raise_to ? w.value(ast::to_string(*m.could_raise_to)) : w.null();
        w.key("could_lower_to");
        m.could_lower_to ? w.value(ast::to_string(*m.could_lower_to)) : w.null();
        std::vector<std::string> rules;
        for (int r : m.rules)
            rules.push_back(d.rule(r).id);
        w.key("rules");
        w.strings(rules);
        w.end_object();
    }
    w.end_array();
}

// How many mixes of goal verdicts there are: a verdict for each goal.
constexpr std::size_t mix_count = [] {
    std::size_t n = 1;
    for (int g = 0; g < ast::goal_count; ++g)
        n *= ast::verdict_count;
    return n;
}();

} // namespace

JsonFragments::JsonFragments(const Program& program)
    : program_(program), rule_ids_(program.rules.size()), rule_laws_(program.rules.size()),
      rule_places_(program.rules.size()), nodes_(program.nodes.size()), goal_mixes_(mix_count) {}

// The members `write` writes into an object, kept from the first call on.
template <class Write> std::string_view JsonFragments::cached(Span& span, Write&& write) {
    if (span.length == 0) {
        std::string object;
        JsonWriter w(object);
        w.begin_object();
        write(w);
        w.end_object();
        w.finish();
        span.offset = static_cast<std::uint32_t>(text_.size());
        span.length = static_cast<std::uint32_t>(object.size() - 2);
        text_.append(object, 1, span.length);
    }
    return std::string_view(text_).substr(span.offset, span.length);
}

std::string_view JsonFragments::ruleset() {
    return cached(ruleset_, [&](JsonWriter& w) {
        w.key("ruleset");
        w.begin_object();
        w.key("fingerprint");
        w.value(program_.fingerprint);
        w.key("modules");
        w.begin_array();
        for (const auto& m : program_.modules)
            w.value(m.name);
        w.end_array();
        w.end_object();
    });
}

std::string_view JsonFragments::rule_id(int rule) {
    return cached(rule_ids_[static_cast<std::size_t>(rule)], [&](JsonWriter& w) {
        w.key("rule");
        w.value(program_.rules[static_cast<std::size_t>(rule)].id);
    });
}

std::string_view JsonFragments::rule_law(int rule) {
    return cached(rule_laws_[static_cast<std::size_t>(rule)], [&](JsonWriter& w) {
        const RuleInfo& r = program_.rules[static_cast<std::size_t>(rule)];
        w.key("goal");
        w.value(ast::to_string(r.goal));
        w.key("basis");
        w.value(r.basis);
    });
}

std::string_view JsonFragments::rule_place(int rule) {
    return cached(rule_places_[static_cast<std::size_t>(rule)], [&](JsonWriter& w) {
        const RuleInfo& r = program_.rules[static_cast<std::size_t>(rule)];
        w.key("location");
        write_location(w, r.location);
        if (r.review) {
            w.key("review");
            w.value(*r.review);
        }
    });
}

std::string_view JsonFragments::node(int node) {
    return cached(nodes_[static_cast<std::size_t>(node)], [&](JsonWriter& w) {
        w.key("expr");
        w.value(program_.node(node).source);
        w.key("location");
        write_location(w, program_.node(node).location);
    });
}

std::string_view JsonFragments::outcome(ast::Verdict verdict, bool incomplete) {
    std::size_t i = static_cast<std::size_t>(verdict) * 2 + incomplete;
    return cached(outcomes_[i], [&](JsonWriter& w) {
        w.key("verdict");
        w.value(ast::to_string(verdict));
        w.key("incomplete");
        w.value(incomplete);
    });
}

std::string_view JsonFragments::goals(const std::array<ast::Verdict, ast::goal_count>& goals) {
    std::uint32_t mix = 0;
    for (ast::Verdict v : goals)
        mix = mix * ast::verdict_count + static_cast<std::uint32_t>(v);
    return cached(goal_mixes_[mix], [&](JsonWriter& w) {
        w.key("goals");
        w.begin_object();
        for (int g = 0; g < ast::goal_count; ++g) {
            w.key(ast::to_string(static_cast<ast::Goal>(g)));
            w.value(ast::to_string(goals[static_cast<std::size_t>(g)]));
        }
        w.end_object();
    });
}

namespace {

// Writes the key of a list of the decision; an empty list (as most are)
// with it, in one piece. True when the list is written.
template <std::size_t N, class List>
bool key_of_list(JsonWriter& w, const char (&key)[N], const List& list) {
    if (list.empty()) {
        w.empty_array(key);
        return true;
    }
    w.key(key);
    return false;
}

} // namespace

std::string render_json(const DecisionRecord& d) {
    JsonFragments fragments(*d.program);
    return render_json(d, fragments);
}

std::string render_json(const DecisionRecord& d, JsonFragments& f) {
    std::string out;
    render_json(d, f, out);
    return out;
}

void render_json(const DecisionRecord& d, JsonFragments& f, std::string& out) {
    if (&f.program() != d.program.get()) {
        JsonFragments own(*d.program);
        render_json(d, own, out);
        return;
    }
    // Written into room the fragments keep, then appended to `out` whole.
    JsonWriter w(out, f.scratch());
    w.begin_object();
    w.key("case");
    w.value(d.case_id);
    w.members(f.outcome(d.verdict, d.incomplete));
    w.key("as_of");
    w.date(d.as_of);
    w.members(f.ruleset());
    w.members(f.goals(d.goals));
    if (!key_of_list(w, "applied", d.applied)) write_applied(w, f, d);
    if (!key_of_list(w, "overridden", d.overridden)) write_overridden(w, d);
    if (!key_of_list(w, "undetermined", d.undetermined)) write_undetermined(w, d);
    if (!key_of_list(w, "obligations", d.obligations)) write_obligations(w, d);
    if (d.incomplete) {
        w.key("missing");
        write_missing(w, d);
    }
    if (d.full) {
        w.key("not_applied");
        write_not_applied(w, f, d);
    }
    w.end_object();
    w.finish();
}

// The document form, for embedding programs; the same bytes as render_json.
nlohmann::ordered_json to_json(const DecisionRecord& d) {
    return nlohmann::ordered_json::parse(render_json(d));
}

} // namespace kader
