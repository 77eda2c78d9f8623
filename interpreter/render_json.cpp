#include "interpreter/json_writer.hpp"
#include "interpreter/render.hpp"

#include <fmt/format.h>

namespace kader {

namespace {

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629), or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    std::size_t n = c >= 0xC2 && c <= 0xDF   ? 2
                    : c >= 0xE0 && c <= 0xEF ? 3
                    : c >= 0xF0 && c <= 0xF4 ? 4
                                             : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    unsigned char c1 = byte(i + 1);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 >= 0x90))
        return 0; // overlong, surrogate or beyond U+10FFFF
    return n;
}

} // namespace

void JsonWriter::string_literal(std::string_view s) {
    out_ += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (static_cast<unsigned char>(c) >= 0x80) {
            // Rule files are not checked for UTF-8; JSON must be UTF-8, so
            // a byte that starts no valid sequence becomes U+FFFD.
            std::size_t n = utf8_length(s, i);
            if (n == 0) {
                out_ += "\xEF\xBF\xBD";
                continue;
            }
            out_.append(s.substr(i, n));
            i += n - 1;
            continue;
        }
        switch (c) {
        case '"':
            out_ += "\\\"";
            break;
        case '\\':
            out_ += "\\\\";
            break;
        case '\b':
            out_ += "\\b";
            break;
        case '\f':
            out_ += "\\f";
            break;
        case '\n':
            out_ += "\\n";
            break;
        case '\r':
            out_ += "\\r";
            break;
        case '\t':
            out_ += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out_ += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
            else
                out_ += c;
        }
    }
    out_ += '"';
}

namespace {

void write_verdict(JsonWriter& w, const std::optional<ast::Verdict>& v) {
    if (v)
        w.value(ast::to_string(*v));
    else
        w.null();
}

void write_reason(JsonWriter& w, const Reason& r) {
    w.begin_object();
    w.key("expr");
    w.value(r.expr);
    w.key("value");
    if (r.value == "true" || r.value == "false")
        w.value(r.value == "true");
    else if (r.value == "unknown")
        w.null();
    else
        w.value(r.value);
    if (!r.definition.empty()) {
        w.key("definition");
        w.value(r.definition);
    }
    if (!r.witness.empty()) {
        w.key("witness");
        w.value(r.witness);
    }
    if (!r.parts.empty()) {
        w.key("parts");
        w.begin_array();
        for (const auto& p : r.parts)
            write_reason(w, p);
        w.end_array();
    }
    w.end_object();
}

void write_applied(JsonWriter& w, const DecisionRecord& d) {
    w.begin_array();
    for (const auto& a : d.applied) {
        const RuleInfo& r = d.rule(a.rule);
        w.begin_object();
        w.key("rule");
        w.value(r.id);
        w.key("verdict");
        write_verdict(w, a.verdict);
        w.key("goal");
        w.value(ast::to_string(r.goal));
        w.key("basis");
        w.value(r.basis);
        w.key("message");
        w.value(a.message);
        w.key("location");
        w.value(to_string(r.location));
        if (r.review) {
            w.key("review");
            w.value(*r.review);
        }
        w.key("reason");
        write_reason(w, a.reason);
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
        w.value(to_string(d.rule(o.rule).location));
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

void write_not_applied(JsonWriter& w, const DecisionRecord& d) {
    w.begin_array();
    for (const auto& n : d.not_applied) {
        w.begin_object();
        w.key("rule");
        w.value(d.rule(n.rule).id);
        w.key("failed");
        w.value(n.failed);
        w.end_object();
    }
    w.end_array();
}

} // namespace

std::string render_json(const DecisionRecord& d) {
    const Program& p = *d.program;
    std::string out;
    out.reserve(4096);
    JsonWriter w(out);
    w.begin_object();
    w.key("case");
    w.value(d.case_id);
    w.key("verdict");
    w.value(ast::to_string(d.verdict));
    w.key("incomplete");
    w.value(d.incomplete);
    w.key("as_of");
    w.value(ast::format_date(d.as_of));
    w.key("ruleset");
    w.begin_object();
    w.key("fingerprint");
    w.value(p.fingerprint);
    w.key("modules");
    w.begin_array();
    for (const auto& m : p.modules)
        w.value(m.name);
    w.end_array();
    w.end_object();
    w.key("goals");
    w.begin_object();
    for (int g = 0; g < ast::goal_count; ++g) {
        w.key(ast::to_string(static_cast<ast::Goal>(g)));
        w.value(ast::to_string(d.goals[static_cast<std::size_t>(g)]));
    }
    w.end_object();
    w.key("applied");
    write_applied(w, d);
    w.key("overridden");
    write_overridden(w, d);
    w.key("undetermined");
    write_undetermined(w, d);
    w.key("obligations");
    write_obligations(w, d);
    if (d.incomplete) {
        w.key("missing");
        w.strings(d.missing);
    }
    if (d.full) {
        w.key("not_applied");
        write_not_applied(w, d);
    }
    w.end_object();
    return out;
}

// The document form, for embedding programs; the same bytes as render_json.
nlohmann::ordered_json to_json(const DecisionRecord& d) {
    return nlohmann::ordered_json::parse(render_json(d));
}

nlohmann::ordered_json to_json(const Reason& r) {
    std::string out;
    JsonWriter w(out);
    write_reason(w, r);
    return nlohmann::ordered_json::parse(out);
}

} // namespace kader
