// The playground's WebAssembly module: the interpreter behind a few C
// functions that take and return JSON text (web/playground.js calls them).
// Each returns a pointer to a reply that stays valid until the next call:
// JavaScript copies it at once, and the page is single-threaded.
//
// Every reply is an object with "ok". A failed call has "error" (the
// diagnostics as the command line shows them) and "diagnostics"; bad input
// is such a reply, never an abort.
#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"
#include "interpreter/rule_loader.hpp"
#include "interpreter/version.hpp"
#include "interpreter/whynot.hpp"
#include "lang/countries.hpp"
#include "lang/json_input.hpp"
#include "web/example_cases.hpp"
#include "web/wasm_json.hpp"

#include <exception>
#include <new>

namespace kader::web {

namespace {

// The rule set decisions are made with: the last one that loaded.
std::shared_ptr<const Program> current;
std::string reply;

const char* answer(const Json& j) {
    reply = j.dump();
    return reply.c_str();
}

Json failure(const std::string& error, Json diagnostics = Json::array()) {
    return {{"ok", false}, {"error", error}, {"diagnostics", std::move(diagnostics)}};
}

Json failure(const Diagnostics& diags) {
    std::string text = render(diags);
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return failure(text, diagnostics_json(diags, [](const Diagnostic&) { return true; }));
}

// The standard library's own warnings are not the user's to act on (as in `kader test`).
bool shown_after_load(const Diagnostic& d) {
    return d.severity == Severity::error || !is_builtin_rule_file(d.location.input);
}

// An exception escaping the library is a defect; the page says so instead of
// the module aborting, and the next call starts afresh.
template <typename F> const char* guarded(F f) {
    try {
        return answer(f());
    } catch (const std::bad_alloc&) {
        return answer(failure("out of memory"));
    } catch (const std::exception& e) {
        return answer(failure(std::string("internal error: ") + e.what() +
                              " (a defect in Kader: please report it)"));
    }
}

const std::shared_ptr<const Program>& program() {
    if (!current) {
        Diagnostics diags;
        current = load_rules(RuleSources{}, diags);
    }
    return current;
}

// `text` empty: none given. Otherwise a date in the calendar, or an error.
bool as_of_from(const char* text, std::optional<ast::Days>& out, Json& error) {
    std::string_view t = text ? text : "";
    if (t.empty()) return true;
    out = ast::parse_date(t);
    if (!out)
        error = failure("the as-of date `" + std::string(t) +
                        "` is not a date in the calendar (YYYY-MM-DD)");
    return out.has_value();
}

Json load(const char* modules_text) {
    Diagnostics diags;
    auto modules = parse_json_strict(modules_text ? modules_text : "", "modules", diags);
    if (!modules) return failure(diags);
    RuleSources sources;
    if (!modules->is_array())
        return failure("the modules are not a list of {\"name\": ..., \"text\": ...}");
    for (const auto& m : *modules) {
        if (!m.is_object() || !m.contains("name") || !m.contains("text") ||
            !m["name"].is_string() || !m["text"].is_string() ||
            m["name"].get<std::string>().empty())
            return failure("each module is {\"name\": \"a name\", \"text\": \"its rules\"}");
        sources.texts.emplace_back(m["name"].get<std::string>(), m["text"].get<std::string>());
    }
    auto loaded = load_rules(sources, diags);
    Json out = {{"ok", loaded != nullptr},
                {"diagnostics", diagnostics_json(diags, shown_after_load)}};
    if (loaded) current = loaded;
    out["fingerprint"] = program() ? program()->fingerprint : "";
    out["modules"] = program() ? program()->module_names() : std::vector<std::string>{};
    return out;
}

Json decide_case(const char* case_text, const char* as_of) {
    DecideOptions options;
    Json error;
    if (!as_of_from(as_of, options.as_of, error)) return error;
    if (!program()) return failure("the standard library did not load");
    Diagnostics diags;
    auto c = read_case_text(*program(), case_text ? case_text : "", "case", diags);
    if (!c) return failure(diags);
    auto decided = decide(program(), *c, options, "case", diags);
    if (!decided) return failure(diags);
    // "json" as `kader eval --format json` writes it, "text" as `kader eval` does.
    return {{"ok", true},
            {"verdict", ast::to_string(decided->verdict)},
            {"incomplete", decided->incomplete},
            {"json", render_json(*decided) + "\n"},
            {"text", render_text(*decided)}};
}

Json why_not_case(const char* case_text, const char* target, const char* as_of, int changes) {
    WhyNotOptions options;
    Json error;
    if (!as_of_from(as_of, options.as_of, error)) return error;
    auto t = parse_why_not_target(target ? target : "");
    if (!t)
        return failure("choose the verdict to reach: allow, license_required, escalate, deny, "
                       "prohibited, lower or higher");
    options.target = *t;
    if (changes < 1 || changes > why_not_max_changes_limit)
        return failure("the facts changed at most: give a whole number from 1 to " +
                       std::to_string(why_not_max_changes_limit));
    options.max_changes = changes;
    if (!program()) return failure("the standard library did not load");
    Diagnostics diags;
    std::string_view text = case_text ? case_text : "";
    // As `kader whynot`: read once from the text, so that a case the schema
    // refuses is reported at its line and column; the search edits the JSON.
    if (!read_case_text(*program(), text, "case", diags)) return failure(diags);
    auto case_json = parse_ordered_json_strict(text, "case", diags);
    if (!case_json) return failure(diags);
    auto result = why_not(program(), *case_json, options, "case", diags);
    if (!result) return failure(diags);
    // How the page names the bounds the hint suggests raising.
    WhyNotSpelling spelling{"Facts changed at most", "the search budget"};
    return {{"ok", true},
            {"found", result->found},
            {"text", render_why_not_text(*result, spelling)},
            {"result", to_json(*result)}};
}

Json schema() {
    if (!program()) return failure("the standard library did not load");
    return {{"ok", true}, {"schema", schema_json(*program())}};
}

// The country codes a case may use, for the form's suggestions (the page
// names them in the reader's language).
Json countries() {
    Json list = Json::array();
    for (auto code : country_codes())
        list.push_back(std::string(code));
    return {{"ok", true}, {"countries", std::move(list)}};
}

Json examples() {
    Json list = Json::array();
    for (const auto& f : example_cases())
        list.push_back({{"path", f.path}, {"text", f.text}});
    return {{"ok", true}, {"examples", std::move(list)}};
}

} // namespace

} // namespace kader::web

using namespace kader::web;

extern "C" {

const char* kader_version() {
    return guarded([] { return Json{{"ok", true}, {"version", kader::engine_version()}}; });
}
// `modules`: [{"name": "mine.kader", "text": "..."}], besides the standard library.
const char* kader_load(const char* modules) {
    return guarded([&] { return load(modules); });
}
// `as_of`: "" for the case's own date.
const char* kader_decide(const char* case_text, const char* as_of) {
    return guarded([&] { return decide_case(case_text, as_of); });
}
const char* kader_whynot(const char* case_text, const char* target, const char* as_of,
                         int max_changes) {
    return guarded([&] { return why_not_case(case_text, target, as_of, max_changes); });
}
const char* kader_schema() {
    return guarded([] { return schema(); });
}
const char* kader_examples() {
    return guarded([] { return examples(); });
}
const char* kader_countries() {
    return guarded([] { return countries(); });
}
}
