#include "interpreter/repl/session.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/render.hpp"
#include "lang/checker.hpp"
#include "lang/file_input.hpp"
#include "lang/json_input.hpp"
#include "lang/parser.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace kader::repl {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The span [begin, end) of `s` without surrounding blanks.
std::pair<std::size_t, std::size_t> trimmed(const std::string& s, std::size_t begin = 0,
                                            std::size_t end = std::string::npos) {
    end = std::min(end, s.size());
    while (begin < end && is_space(s[begin]))
        ++begin;
    while (end > begin && is_space(s[end - 1]))
        --end;
    return {begin, end};
}

std::string trim(const std::string& s) {
    auto [b, e] = trimmed(s);
    return s.substr(b, e - b);
}

InputError line_error(Code code, std::string message, std::string help = {}) {
    return {std::move(message), std::move(help), std::string::npos, 1, code};
}

std::string verdict_word(const std::optional<ast::Verdict>& v) {
    return v ? ast::to_string(*v) : "obligation";
}

std::string verdict_text(const DecisionRecord& d) {
    std::string out = ast::to_string(d.verdict);
    if (d.incomplete) out += fmt::format(" (incomplete: missing {})", fmt::join(d.missing, ", "));
    return out;
}

bool is_overridden(const DecisionRecord& d, int rule) {
    return std::any_of(d.overridden.begin(), d.overridden.end(),
                       [&](const OverriddenRule& o) { return o.rule == rule; });
}

// Each applied rule's state, by id: its verdict, "obligation" or "overridden".
std::map<std::string, std::pair<std::string, const AppliedRule*>>
rule_states(const DecisionRecord& d) {
    std::map<std::string, std::pair<std::string, const AppliedRule*>> out;
    for (const auto& a : d.applied)
        out[d.rule(a.rule).id] = {is_overridden(d, a.rule) ? "overridden" : verdict_word(a.verdict),
                                  &a};
    return out;
}

// The verdict and the rules that made it, for a decision seen for the first time.
std::string digest(const DecisionRecord& d) {
    std::string out = fmt::format("verdict: {}\n", verdict_text(d));
    std::size_t width = 0;
    auto states = rule_states(d);
    for (const auto& [id, s] : states)
        width = std::max(width, s.first.size());
    for (const auto& a : d.applied) {
        const std::string& id = d.rule(a.rule).id;
        out += fmt::format("  {:<{}}  {}\n", states[id].first, width, id);
    }
    return out;
}

// How the decision moved from `a` to `b`.
std::string diff(const DecisionRecord& a, const DecisionRecord& b) {
    std::string out;
    if (a.verdict != b.verdict || a.incomplete != b.incomplete)
        out += fmt::format("verdict: {} -> {}\n", verdict_text(a), verdict_text(b));
    else
        out += fmt::format("verdict: still {}\n", verdict_text(b));
    auto before = rule_states(a), after = rule_states(b);
    std::size_t changes = 0;
    for (const auto& [id, s] : after) {
        auto it = before.find(id);
        if (it == before.end()) {
            out += fmt::format("  + {}  {}\n", s.first, id);
            if (!s.second->message.empty()) out += fmt::format("      {}\n", s.second->message);
            ++changes;
        } else if (it->second.first != s.first) {
            out += fmt::format("  ~ {}  {} (was {})\n", s.first, id, it->second.first);
            ++changes;
        }
    }
    for (const auto& [id, s] : before)
        if (!after.count(id)) {
            out += fmt::format("  - {}  {}\n", s.first, id);
            ++changes;
        }
    std::set<std::string> was_undetermined, is_undetermined;
    for (const auto& u : a.undetermined)
        was_undetermined.insert(a.rule(u.rule).id);
    for (const auto& u : b.undetermined) {
        const RuleInfo& r = b.rule(u.rule);
        is_undetermined.insert(r.id);
        if (was_undetermined.count(r.id)) continue;
        out += fmt::format("  ? {}  {} (missing {})\n", verdict_word(r.verdict), r.id,
                           u.missing.empty() ? "nothing recorded"
                                             : fmt::format("{}", fmt::join(u.missing, ", ")));
        ++changes;
    }
    std::vector<std::string> settled;
    for (const auto& id : was_undetermined)
        if (!is_undetermined.count(id) && !after.count(id)) settled.push_back(id);
    if (!settled.empty()) {
        out += fmt::format("  settled (no longer undetermined): {}\n", fmt::join(settled, ", "));
        ++changes;
    }
    if (changes == 0 && a.verdict == b.verdict)
        out = fmt::format("verdict: still {}; no rule changed\n", verdict_text(b));
    return out;
}

// A reason tree, every level shown.
void tree(const Reason& r, int depth, std::string& out) {
    out += fmt::format("{}{}: {}", std::string(static_cast<std::size_t>(2 + 2 * depth), ' '),
                       r.expr, r.value);
    if (!r.witness.empty()) out += fmt::format("  (by {})", r.witness);
    out += '\n';
    for (const auto& part : r.parts) {
        // A definition shows its body under its name; the same line twice says nothing.
        if (part.expr == r.expr && part.value == r.value) {
            for (const auto& sub : part.parts)
                tree(sub, depth + 1, out);
            continue;
        }
        tree(part, depth + 1, out);
    }
}

std::string indent_lines(const std::string& text, const std::string& indent) {
    std::string out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        out += indent + l + '\n';
    return out;
}

// Flows `text` into lines of at most `width` characters after `indent`.
std::string wrap(const std::string& text, std::size_t width, const std::string& indent) {
    std::string out, line;
    std::istringstream words(text);
    for (std::string w; words >> w;) {
        if (!line.empty() && line.size() + 1 + w.size() > width) {
            out += indent + line + '\n';
            line.clear();
        }
        line += (line.empty() ? "" : " ") + w;
    }
    if (!line.empty()) out += indent + line + '\n';
    return out;
}

std::string rule_header(const RuleInfo& r) {
    std::string out;
    if (!r.doc.empty()) out += indent_lines(r.doc, "  ");
    out += fmt::format("  basis: {}\n", r.basis);
    if (r.review) out += fmt::format("  review: {}\n", *r.review);
    out += fmt::format("  at {}\n", to_string(r.location));
    return out;
}

// A case value as JSON, for lists and records typed at the prompt.
Json datum_json(const Program& p, const Datum& d, int node) {
    switch (d.kind) {
    case Datum::Kind::absent:
        return nullptr;
    case Datum::Kind::boolean:
        return d.boolean;
    case Datum::Kind::number:
        return d.number == static_cast<double>(static_cast<long long>(d.number))
                   ? Json(static_cast<long long>(d.number))
                   : Json(d.number);
    case Datum::Kind::string:
        return d.text;
    case Datum::Kind::date:
        return ast::format_date(d.date);
    case Datum::Kind::list: {
        Json a = Json::array();
        int element = node >= 0 ? p.schema[static_cast<std::size_t>(node)].element : -1;
        for (const auto& e : d.elements)
            a.push_back(datum_json(p, e, element));
        return a;
    }
    case Datum::Kind::record: {
        Json o = Json::object();
        if (node < 0) return o;
        const SchemaNode& rec = p.schema[static_cast<std::size_t>(node)];
        for (std::size_t i = 0; i < d.elements.size() && i < rec.fields.size(); ++i)
            if (d.elements[i].kind != Datum::Kind::absent)
                o[rec.fields[i].name] = datum_json(p, d.elements[i], rec.fields[i].type);
        return o;
    }
    }
    return nullptr;
}

std::string problems_text(const std::vector<Problem>& problems, std::size_t limit = 1000) {
    std::string out;
    for (std::size_t i = 0; i < problems.size() && i < limit; ++i) {
        out += fmt::format("  {}\n", problems[i].message);
        if (!problems[i].help.empty()) out += fmt::format("    help: {}\n", problems[i].help);
    }
    if (problems.size() > limit)
        out += fmt::format("  ... and {} more (`eval` lists them all)\n", problems.size() - limit);
    return out;
}

struct CommandInfo {
    const char* name; // as typed, with its colon when it needs one
    const char* usage;
    const char* summary;
    const char* details; // for `:help NAME`
    std::vector<const char*> examples;
};

const std::vector<std::pair<const char*, std::vector<CommandInfo>>>& command_groups() {
    static const std::vector<std::pair<const char*, std::vector<CommandInfo>>> groups = {
        {"Deciding",
         {{"eval",
           "eval [full] [json]",
           "decide the case and explain the verdict",
           "Decides the current case as of its date (or the `:asof` date) and shows the decision "
           "as `kader eval` does.\n"
           "`full` also lists every rule that did not apply and why; `json` shows the decision "
           "record as JSON.",
           {"eval", "eval full", "eval json"}},
          {"why",
           "why [RULE | EXPRESSION]",
           "the reasons: of the decision, of one rule, of an expression",
           "`why` alone shows the complete reason tree of every rule that applied, and the rules "
           "left undetermined.\n"
           "`why RULE` tells whether the rule applied, was overridden, was undetermined or did not "
           "apply, and why,\n"
           "with the tree of its condition. A rule may be named by its full id or by its last part "
           "when that is unique.\n"
           "`why EXPRESSION` evaluates an expression with its reason tree.",
           {"why", "why sanctions.russia.dual_use_ban", "why dual_use_ban",
            "why common.russia_bound"}},
          {"whatif",
           "whatif CHANGE [; CHANGE]...",
           "decide with changes, without keeping them",
           "CHANGE is what `set`, `unset`, `add` or `remove` take, or `asof DATE`; several "
           "changes, separated by `;`,\n"
           "are made together. Shows how the verdict and the\n"
           "applied rules would move: `+` a rule that would apply, `-` one that would no longer "
           "apply, `~` one whose\n"
           "state changes, `?` one that would become undetermined. The case stays as it is.",
           {"whatif parties[0].country = \"RU\"", "whatif unset end_use", "whatif asof 2022-01-01",
            "whatif add parties {\"role\": \"end_user\", \"country\": \"RU\"}",
            "whatif destination = \"RU\"; asof 2022-01-01"}},
          {":asof",
           ":asof [DATE | case]",
           "decide as of another date",
           "Without an argument, shows the date decisions are made for. `case` goes back to the "
           "case's own `date`.",
           {":asof 2022-02-26", ":asof case"}}}},
        {"The case",
         {{"set",
           "set PATH = VALUE",
           "change a fact (checked against the schema)",
           "PATH names a fact: `destination`, `parties[1].country`, `items[0].params.node_nm` (a "
           "leading `case.` is\n"
           "allowed). VALUE is JSON: \"KZ\", 5, true, {...}, [...]; a single word can go without "
           "quotes where the\n"
           "schema expects a text, code or date. A record on the way that is absent is created. A "
           "value the schema\n"
           "refuses leaves the case unchanged. After the change, the verdict is decided again and "
           "what moved is shown.",
           {"set parties[1].country = \"KZ\"", "set items[0].params.node_nm = 5",
            "set end_use = military", "set date = 2022-11-15"}},
          {"unset",
           "unset PATH",
           "forget an optional fact (it becomes unknown)",
           "Removes an optional fact from the case: rules that need it become undetermined rather "
           "than false.",
           {"unset end_use", "unset parties[0].flags"}},
          {"add",
           "add LIST VALUE",
           "append an element to a list",
           "Appends VALUE (JSON) to the list at LIST.",
           {"add parties {\"role\": \"end_user\", \"country\": \"RU\", \"sector\": \"military\"}",
            "add transit \"KZ\"", "add parties[0].flags \"supplies_russia\""}},
          {"remove",
           "remove LIST[N]",
           "take an element out of a list",
           "Removes one element; the elements after it move up by one.",
           {"remove parties[1]", "remove transit[0]"}},
          {":undo",
           ":undo",
           "take back the last change",
           "Undoes the last `set`, `unset`, `add`, `remove`, `:new` or `:case`.",
           {":undo"}},
          {":case",
           ":case FILE",
           "load a case from a JSON file",
           "Loads the case and decides it. A case the schema refuses is still loaded, with its "
           "problems listed, so\n"
           "that it can be fixed with `set`.",
           {":case examples/cases/chips-cn-distributor-2024.json"}},
          {":new",
           ":new",
           "start an empty case from the schema",
           "Starts a case with every required fact empty (null); `set` them before deciding.",
           {":new"}},
          {":show",
           ":show [PATH]",
           "the case, or one fact, as JSON",
           "",
           {":show", ":show parties[0]", ":show items[0].params"}},
          {":save",
           ":save FILE",
           "write the case to a JSON file",
           "Never replaces a file that exists: `:save! FILE` does.",
           {":save what-if.json", ":save! what-if.json"}}}},
        {"Rules",
         {{":rules",
           ":rules [GOAL | TEXT]",
           "list the rules, marking those that apply",
           "Lists the modules and their rules with the verdict each can conclude, its goal and its "
           "period. With a goal\n"
           "(end_use, strategic_dependency, tech_leadership, sanctions, control_list) only that "
           "goal's rules;\n"
           "with other text, the rules whose id contains it. Marks: `*` applies, `~` overridden, "
           "`?` undetermined.",
           {":rules", ":rules sanctions", ":rules russia"}},
          {":load",
           ":load PATH",
           "add a rule file or folder to the rule set",
           "Compiles the rule set with PATH added. When it does not compile, the diagnostics are "
           "shown and the\n"
           "previous rule set stays active.",
           {":load my-rules/", ":load extra.kader"}},
          {":reload",
           ":reload",
           "read the rule files again",
           "Re-reads every rule file (after editing them). The case is kept. When the files do not "
           "compile, the\n"
           "diagnostics are shown and the previous rule set stays active.",
           {":reload"}}}},
        {"Other",
         {{"EXPRESSION",
           "EXPRESSION",
           "any Kader expression, evaluated against the case",
           "An expression typed alone is evaluated against the case and shown with its value; "
           "`any`/`all` show the\n"
           "element that decided. Sets and definitions of every module are in scope, by "
           "`module.name` (the last part\n"
           "of the module's name) or by their name alone when only one module has it.",
           {"case.destination", "any p in case.parties: p.country in common.diversion_risk",
            "count i in case.items: known(i.code)", "common.russia_bound",
            "\"HK\" in diversion_risk"}},
          {":help",
           ":help [COMMAND]",
           "this list, or one command with examples",
           "",
           {":help", ":help set"}},
          {":quit", ":quit", "leave (Ctrl-D does too)", "", {":quit"}}}},
    };
    return groups;
}

// The closest name, also when two letters are swapped (`:hlep`).
std::optional<std::string> closest(const std::string& name, const std::vector<std::string>& names) {
    if (auto best = closest_name(name, names)) return best;
    for (const auto& n : names) {
        if (n.size() != name.size()) continue;
        std::vector<std::size_t> differ;
        for (std::size_t i = 0; i < n.size(); ++i)
            if (n[i] != name[i]) differ.push_back(i);
        if (differ.size() == 2 && differ[1] == differ[0] + 1 && n[differ[0]] == name[differ[1]] &&
            n[differ[1]] == name[differ[0]])
            return n;
    }
    return std::nullopt;
}

const CommandInfo* find_command(std::string name) {
    if (name == "quit" || name == "exit" || name == ":q" || name == ":exit") name = ":quit";
    if (name == "help") name = ":help";
    if (name == "expression" || name == "expr") name = "EXPRESSION";
    for (const auto& [_, list] : command_groups())
        for (const auto& c : list) {
            std::string n = c.name;
            if (name == n || (n[0] == ':' && name == n.substr(1)) ||
                (n[0] != ':' && name == ":" + n))
                return &c;
        }
    return nullptr;
}

std::vector<std::string> command_names() {
    std::vector<std::string> out;
    for (const auto& [_, list] : command_groups())
        for (const auto& c : list)
            if (std::string(c.name) != "EXPRESSION") out.push_back(c.name);
    return out;
}

} // namespace

// In a script the error names the script's line (`<stdin>:12:8:`) and, when
// it points at nothing in particular, shows the whole line; typed at a
// terminal, the line is on the screen already.
Diagnostic to_diagnostic(const std::string& line, const InputError& e, const LineOrigin& origin) {
    Diagnostic d;
    d.code = e.code;
    d.message = e.message;
    d.help = e.help;
    std::uint32_t number = origin.line ? origin.line : 1;
    if (e.column != std::string::npos && !line.empty())
        d.location = make_span(origin.input, number, static_cast<std::uint32_t>(e.column + 1),
                               static_cast<std::uint32_t>(e.length), line);
    else if (origin.line && !line.empty())
        d.location =
            make_span(origin.input, number, 1, static_cast<std::uint32_t>(line.size()), line);
    else if (origin.line) {
        d.location = whole_input(origin.input);
        d.location.line = number;
        d.location.column = 1;
    }
    return d;
}

void Session::set_script_line(std::uint32_t line) {
    origin_ = line ? LineOrigin{"<stdin>", line} : LineOrigin{};
}

Reply Session::fail(const std::string& line, const InputError& e) const {
    return {render_error(line, e), true};
}

Reply Session::fail(std::string message, std::string help) const {
    return {render_error(entry_, {std::move(message), std::move(help)}), true};
}

Reply Session::fail(const InputError& e) const {
    return {render_error(entry_, e), true};
}

std::string Session::render_error(const std::string& line, const InputError& e) const {
    return render(to_diagnostic(line, e, origin_));
}

void BracketScan::feed(std::string_view text) {
    for (char c : text) {
        if (quoted) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                quoted = false;
            continue;
        }
        if (c == '"')
            quoted = true;
        else if (c == '{' || c == '[' || c == '(')
            ++depth;
        else if (c == '}' || c == ']' || c == ')')
            --depth;
    }
}

Session::Session(RuleSources rules) : rules_(std::move(rules)) {}
Session::Session(RuleSources rules, std::shared_ptr<const Program> compiled)
    : rules_(std::move(rules)), program_(std::move(compiled)) {}
Session::~Session() = default;

Reply Session::start() {
    if (program_) return {};
    Diagnostics diags;
    auto p = load_rules(rules_, diags);
    Reply r;
    if (!p) {
        r.text = render(diags);
        r.error = true;
        return r;
    }
    program_ = std::move(p);
    for (const auto& d : diags.list())
        if (d.severity == Severity::warning && !is_builtin_rule_file(d.location.input))
            r.text += render(d);
    return r;
}

std::string Session::summary() const {
    if (!program_) return "no rule set";
    return fmt::format("{} rules in {} modules (rule set {}...)", program_->rules.size(),
                       program_->modules.size(), program_->fingerprint.substr(0, 19));
}

// The case's name, `*` when it has changes not saved to a file, and the
// as-of date when decisions use another day than the case's own.
std::string Session::prompt() const {
    if (!pending_.empty()) return "...> ";
    if (!case_) return "kader> ";
    std::string name = "case";
    auto id = case_->find("id");
    if (id != case_->end() && id->is_string() && !id->get_ref<const std::string&>().empty())
        name = id->get_ref<const std::string&>();
    if (modified()) name += '*';
    auto date = case_->find("date");
    bool other_day = as_of_ && !(date != case_->end() && date->is_string() &&
                                 date->get_ref<const std::string&>() == ast::format_date(*as_of_));
    if (other_day) name += " as of " + ast::format_date(*as_of_);
    return fmt::format("kader {}> ", name);
}

void Session::discard_entry() {
    pending_.clear();
    pending_scan_ = {};
}

ExpressionScope& Session::scope() {
    if (!scope_) scope_ = std::make_unique<ExpressionScope>(program_);
    return *scope_;
}

Reply Session::run(const std::string& input) {
    std::string line = input;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    // An empty line ends a continued line, closed or not.
    bool finish = false;
    if (!pending_.empty()) {
        finish = trim(line).empty();
        if (!finish) {
            std::string more = " " + trim(line);
            pending_scan_.feed(more);
            pending_ += more;
        }
        line = std::move(pending_);
        pending_.clear();
    } else {
        pending_scan_ = {};
        pending_scan_.feed(line);
    }
    entry_.clear(); // set below once the entry is whole: copying each continued line would be
                    // quadratic
    if (!program_) return fail("no rule set is loaded");
    if (line.size() > max_entry_bytes) {
        pending_scan_ = {};
        return fail(line_error(
            Code::line_too_long,
            fmt::format("this entry is longer than {} bytes and was discarded", max_entry_bytes),
            "check for a bracket or quote that is never closed"));
    }
    if (!finish && pending_scan_.depth > 0) {
        pending_ = std::move(line);
        return {{}, false, false, true};
    }
    entry_ = line;
    // Every command quotes parts of its line back, some as JSON: the line must be UTF-8.
    if (std::size_t bad = first_invalid_utf8(line); bad != std::string::npos)
        return fail(line, {"this line is not valid UTF-8 here", "type the line again", bad, 1,
                           Code::invalid_utf8});
    Reply r = dispatch(line);
    if (!r.text.empty() && r.text.back() != '\n') r.text += '\n';
    return r;
}

Reply Session::dispatch(const std::string& line) {
    auto [b, e] = trimmed(line);
    if (b == e) return {};
    std::string text = line.substr(b, e - b);
    if (text[0] == '#' || text.rfind("//", 0) == 0) return {};
    std::size_t word_end = b;
    while (word_end < e && !is_space(line[word_end]))
        ++word_end;
    std::string word = line.substr(b, word_end - b);
    auto [ab, ae] = trimmed(line, word_end, e);
    std::string args = line.substr(ab, ae - ab);
    std::string name = word[0] == ':' ? word.substr(1) : word;
    bool colon = word[0] == ':';
    // Init-captures: clang before 16 cannot capture structured bindings (P1091).
    auto no_args = [&, ab = ab, ae = ae](Reply (Session::*f)()) -> Reply {
        if (!args.empty())
            return fail(line, {fmt::format("`{}` takes no argument", word), {}, ab, ae - ab});
        return (this->*f)();
    };
    if (name == "help" || name == "h" || (name == "?" && colon)) return help(line, args);
    if (name == "quit" || name == "exit" || (name == "q" && colon)) {
        Reply r;
        r.quit = true;
        return r;
    }
    if (name == "eval") return eval(line, args, ab);
    if (name == "why") return why(line, args, ab);
    if (name == "whatif") return whatif(line, args, ab);
    if (name == "set") return edit(line, EditKind::set, args, ab);
    if (name == "unset") return edit(line, EditKind::unset, args, ab);
    if (name == "add") return edit(line, EditKind::add, args, ab);
    if (name == "remove") return edit(line, EditKind::remove, args, ab);
    if (colon) {
        if (name == "load") return load(line, args, ab);
        if (name == "reload") {
            if (!args.empty())
                return fail(line, {"`:reload` takes no argument",
                                   "to add rule files, use `:load PATH`", ab, ae - ab});
            return reload();
        }
        if (name == "rules") return rules(args);
        if (name == "case") return open_case(line, args, ab);
        if (name == "new") return no_args(&Session::new_case);
        if (name == "show") return show(line, args, ab);
        if (name == "save" || name == "save!") return save(line, args, ab, name == "save!");
        if (name == "undo") return no_args(&Session::undo);
        if (name == "asof" || name == "as-of" || name == "as_of") return asof(line, args, ab);
        auto names = command_names();
        auto best = closest(word, names);
        return fail(line,
                    {fmt::format("unknown command `{}`", word),
                     best ? fmt::format("did you mean `{}`? (`:help` lists the commands)", *best)
                          : "`:help` lists the commands",
                     b, word.size(), Code::repl_unknown_input});
    }
    return expression(line, text, b, false);
}

// ---------------------------------------------------------------------------
// help

Reply Session::help(const std::string& line, const std::string& args) {
    Reply r;
    if (!args.empty()) {
        const CommandInfo* c = find_command(args);
        if (!c) {
            auto best = closest(args, command_names());
            return fail(line, {fmt::format("no command `{}`", args),
                               best ? fmt::format("did you mean `{}`?", *best)
                                    : "`:help` lists the commands",
                               line.find(args), args.size()});
        }
        r.text = fmt::format("{}\n  {}\n", c->usage, c->summary);
        if (*c->details) r.text += "\n" + wrap(c->details, 76, "  ");
        if (!c->examples.empty()) {
            r.text += "\nexamples\n";
            for (const char* e : c->examples)
                r.text += fmt::format("  {}\n", e);
        }
        return r;
    }
    std::size_t width = 0;
    for (const auto& [_, list] : command_groups())
        for (const auto& c : list)
            width = std::max(width, std::string(c.usage).size());
    for (const auto& [group, list] : command_groups()) {
        r.text += fmt::format("{}\n", group);
        for (const auto& c : list)
            r.text += fmt::format("  {:<{}}  {}\n", c.usage, width, c.summary);
    }
    r.text += "\nexamples\n";
    for (const char* e :
         {"set parties[1].country = \"KZ\"", "set items[0].params.node_nm = 5",
          "add parties {\"role\": \"end_user\", \"country\": \"RU\", \"sector\": \"military\"}",
          "whatif destination = \"RU\"", "why sanctions.russia.dual_use_ban",
          "any p in case.parties: p.country in common.diversion_risk"})
        r.text += fmt::format("  {}\n", e);
    r.text += "\n`:help COMMAND` explains one command. Tab completes commands, paths, rule ids, "
              "names and country codes.\n";
    return r;
}

// ---------------------------------------------------------------------------
// rules

Reply Session::load(const std::string& line, const std::string& args, std::size_t at) {
    if (args.empty())
        return fail(line,
                    {"`:load` needs a rule file or folder", "as in `:load my-rules/`", at, 1});
    RuleSources next = rules_;
    next.paths.push_back(args);
    Diagnostics diags;
    auto p = load_rules(next, diags);
    Reply r;
    if (!p) {
        r.text = render(diags) + fmt::format("error: the rule set with `{}` does not compile; the "
                                             "previous rule set stays active\n",
                                             args);
        r.error = true;
        return r;
    }
    for (const auto& d : diags.list())
        if (d.severity == Severity::warning && !is_builtin_rule_file(d.location.input))
            r.text += render(d);
    std::string problems;
    std::optional<Decided> before;
    if (current(problems)) before = std::move(decided_);
    rules_ = std::move(next);
    program_ = std::move(p);
    scope_.reset();
    changed();
    r.text += fmt::format("loaded {}: {}\n", args, summary());
    r.text += after_change(before);
    return r;
}

Reply Session::reload() {
    Diagnostics diags;
    auto p = load_rules(rules_, diags);
    Reply r;
    if (!p) {
        r.text =
            render(diags) +
            fmt::format(
                "error: the rule files do not compile; the previous rule set stays active ({})\n",
                summary());
        r.error = true;
        return r;
    }
    for (const auto& d : diags.list())
        if (d.severity == Severity::warning && !is_builtin_rule_file(d.location.input))
            r.text += render(d);
    bool same = p->fingerprint == program_->fingerprint;
    std::string problems;
    std::optional<Decided> before;
    if (current(problems)) before = std::move(decided_);
    program_ = std::move(p);
    scope_.reset();
    changed();
    r.text += fmt::format("reloaded: {}{}\n", summary(), same ? ", unchanged" : "");
    if (!same) r.text += after_change(before);
    return r;
}

Reply Session::rules(const std::string& args) {
    const Program& p = *program_;
    auto goal = ast::goal_from(args);
    const DecisionRecord* d = nullptr;
    std::string problems;
    if (case_) {
        if (const Decided* now = current(problems)) d = &now->decision;
    }
    auto mark = [&](int index) -> std::string {
        if (!d) return " ";
        for (const auto& a : d->applied)
            if (a.rule == index) return is_overridden(*d, index) ? "~" : "*";
        for (const auto& u : d->undetermined)
            if (u.rule == index) return "?";
        return " ";
    };
    Reply r;
    std::size_t name_width = 0, verdict_width = 0, shown = 0;
    auto wanted = [&](const RuleInfo& rule) {
        if (args.empty()) return true;
        if (goal) return rule.goal == *goal;
        return rule.id.find(args) != std::string::npos;
    };
    for (const auto& rule : p.rules) {
        if (!wanted(rule)) continue;
        name_width = std::max(name_width, rule.id.size() - rule.module.size() - 1);
        verdict_width = std::max(verdict_width, verdict_word(rule.verdict).size());
    }
    for (const auto& m : p.modules) {
        std::vector<int> list;
        for (int i : m.rules)
            if (wanted(p.rules[static_cast<std::size_t>(i)])) list.push_back(i);
        if (list.empty()) continue;
        r.text += fmt::format("{}{} ({} rule{})\n", shown ? "\n" : "", m.name, list.size(),
                              list.size() == 1 ? "" : "s");
        for (int i : list) {
            const RuleInfo& rule = p.rules[static_cast<std::size_t>(i)];
            std::string period;
            if (rule.from) period += " from " + ast::format_date(*rule.from);
            if (rule.until) period += " until " + ast::format_date(*rule.until);
            std::string line = fmt::format(
                "{} {:<{}}  {:<{}}  {}{}", mark(i), rule.id.substr(m.name.size() + 1), name_width,
                verdict_word(rule.verdict), verdict_width, ast::to_string(rule.goal), period);
            r.text += line + "\n";
            ++shown;
        }
    }
    if (shown == 0) {
        std::vector<std::string> goals;
        for (int g = 0; g < ast::goal_count; ++g)
            goals.push_back(ast::to_string(static_cast<ast::Goal>(g)));
        return fail(
            fmt::format("no rule matches `{}`", args),
            fmt::format("filter by a goal ({}) or by part of a rule id", fmt::join(goals, ", ")));
    }
    if (d)
        r.text += fmt::format("\n* applies  ~ overridden  ? undetermined (as of {})\n",
                              ast::format_date(d->as_of));
    return r;
}

// ---------------------------------------------------------------------------
// the case

bool Session::need_case(Reply& r) const {
    if (case_) return true;
    r = fail(line_error(Code::repl_state, "there is no case yet",
                        "load one with `:case FILE`, or start one with `:new`"));
    return false;
}

std::optional<Session::Decided> Session::decide_json(const Json& c, std::optional<ast::Days> as_of,
                                                     std::string& problems) const {
    // One reading of the case: its data, or the problems that keep it from being decided.
    Diagnostics diags;
    auto data = read_case(*program_, c, "case", diags);
    if (!data) {
        auto list = problems_of(diags);
        problems = list.empty() ? render(diags)
                                : fmt::format("the case does not fit the schema yet:\n{}",
                                              problems_text(list));
        return std::nullopt;
    }
    return decide_data(std::move(*data), as_of, problems);
}

std::optional<Session::Decided> Session::decide_data(CaseData data, std::optional<ast::Days> as_of,
                                                     std::string& problems) const {
    DecideOptions options;
    options.as_of = as_of;
    options.full = true;
    Diagnostics diags;
    auto decision = decide(program_, data, options, "case", diags);
    if (!decision) {
        problems = render(diags);
        return std::nullopt;
    }
    return Decided{std::move(data), std::move(*decision)};
}

const Session::Decided* Session::current(std::string& problems) {
    if (decided_) return &*decided_;
    if (!case_) {
        problems = "there is no case yet";
        return nullptr;
    }
    decided_ = decide_json(*case_, as_of_, problems);
    return decided_ ? &*decided_ : nullptr;
}

std::string Session::after_change(const std::optional<Decided>& before) {
    if (!case_) return {};
    std::string problems;
    const Decided* now = current(problems);
    if (!now) {
        auto list = case_problems(*program_, *case_);
        if (list.empty()) return problems;
        return fmt::format("not decided yet; the case still needs:\n{}", problems_text(list, 5));
    }
    return before ? diff(before->decision, now->decision) : digest(now->decision);
}

Reply Session::open_case(const std::string& line, const std::string& args, std::size_t at) {
    if (args.empty())
        return fail(line, {"`:case` needs a case file",
                           "as in `:case examples/cases/chips-cn-distributor-2024.json`", at, 1});
    std::ifstream in(args, std::ios::binary);
    if (!in || std::filesystem::is_directory(args))
        return fail(
            line,
            {fmt::format("cannot read `{}`", args), {}, at, args.size(), Code::file_unreadable});
    std::ostringstream text;
    text << in.rdbuf();
    Diagnostics diags;
    auto parsed = parse_ordered_json_strict(text.str(), args, diags);
    if (!parsed) return {render(diags), true};
    Json c = std::move(*parsed);
    if (!c.is_object())
        return fail(line, {fmt::format("`{}` holds no case: a case is a JSON object {{...}}", args),
                           {},
                           at,
                           args.size()});
    if (case_) undo_.push_back({Json::diff(c, *case_), trim(line)});
    case_ = std::move(c);
    saved_at_ = undo_.size();
    changed();
    Reply r;
    std::string id = case_->contains("id") && (*case_)["id"].is_string()
                         ? (*case_)["id"].get<std::string>()
                         : "";
    std::string date = case_->contains("date") && (*case_)["date"].is_string()
                           ? (*case_)["date"].get<std::string>()
                           : "";
    r.text = fmt::format("loaded {}: {}{}\n", args, id.empty() ? "a case" : "case " + id,
                         date.empty() ? "" : " of " + date);
    if (as_of_)
        r.text += fmt::format("deciding as of {} (set with `:asof`)\n", ast::format_date(*as_of_));
    auto list = case_problems(*program_, *case_);
    if (!list.empty()) {
        r.text += fmt::format("the case does not fit the schema; fix it with `set`:\n{}",
                              problems_text(list));
        return r;
    }
    r.text += after_change(std::nullopt);
    return r;
}

Reply Session::new_case() {
    if (!program_->has_schema)
        return fail("the rule set declares no `schema case`, so there is no case to start");
    Json fresh = skeleton(*program_);
    if (case_) undo_.push_back({Json::diff(fresh, *case_), ":new"});
    case_ = std::move(fresh);
    saved_at_.reset(); // a new case is in no file yet
    changed();
    auto nulls = null_paths(*case_);
    Reply r;
    r.text = "new case\n";
    r.text += one_line(*case_) + "\n";
    if (!nulls.empty())
        r.text += fmt::format("set these facts first: {}\n", fmt::join(nulls, ", "));
    return r;
}

Reply Session::show(const std::string& line, const std::string& args, std::size_t at) {
    Reply r;
    if (!need_case(r)) return r;
    if (args.empty()) return {case_->dump(2) + "\n"};
    InputError error;
    auto path = parse_path(args, at, error);
    if (!path || !schema_nodes(*program_, *path, error)) return fail(line, error);
    const Json* v = value_at(*case_, *path);
    if (!v) return {fmt::format("{} is not in the case (unknown)\n", path->text())};
    return {v->dump(2) + "\n"};
}

// `:save FILE` never replaces a file; `:save! FILE` does.
Reply Session::save(const std::string& line, const std::string& args, std::size_t at,
                    bool overwrite) {
    Reply r;
    if (!need_case(r)) return r;
    if (args.empty())
        return fail(line, {"`:save` needs a file name", "as in `:save what-if.json`", at, 1});
    std::error_code ec;
    if (!overwrite && std::filesystem::exists(args, ec))
        return fail(line, {fmt::format("`{}` exists already", args),
                           fmt::format("to replace it, use `:save! {}`", args), at, args.size(),
                           Code::repl_usage});
    std::ofstream out(args, std::ios::binary);
    if (!out)
        return fail(
            line,
            {fmt::format("cannot write `{}`", args), {}, at, args.size(), Code::file_unreadable});
    out << case_->dump(2) << '\n';
    out.close();
    if (!out)
        return fail(
            line,
            {fmt::format("cannot write `{}`", args), {}, at, args.size(), Code::file_unreadable});
    saved_at_ = undo_.size();
    return {fmt::format("saved the case to {}\n", args)};
}

std::optional<Edit> Session::parse_edit(EditKind kind, const std::string& args, std::size_t at,
                                        InputError& error) const {
    static const char* usage[] = {"set PATH = VALUE", "unset PATH", "add LIST VALUE",
                                  "remove LIST[N]"};
    const char* use = usage[static_cast<int>(kind)];
    if (args.empty()) {
        error = {fmt::format("expected `{}`", use), "`:help set` explains paths and values", at, 1};
        return std::nullopt;
    }
    std::size_t path_end = 0, value_begin = std::string::npos;
    if (kind == EditKind::set) {
        path_end = args.find('=');
        if (path_end == std::string::npos) {
            std::size_t after = 0;
            while (after < args.size() && !is_space(args[after]))
                ++after;
            error = {fmt::format("expected `=` after the path: `{}`", use), {}, at + after, 1};
            return std::nullopt;
        }
        value_begin = path_end + 1;
    } else {
        path_end = 0;
        while (path_end < args.size() && !is_space(args[path_end]) && args[path_end] != '=')
            ++path_end;
        if (path_end < args.size()) value_begin = path_end;
    }
    auto [pb, pe] = trimmed(args, 0, path_end);
    Edit edit;
    edit.kind = kind;
    auto path = parse_path(args.substr(pb, pe - pb), at + pb, error);
    if (!path) return std::nullopt;
    edit.path = *path;
    auto nodes = schema_nodes(*program_, edit.path, error);
    if (!nodes) return std::nullopt;
    if (kind == EditKind::unset || kind == EditKind::remove) {
        if (value_begin != std::string::npos) {
            auto [vb, ve] = trimmed(args, value_begin);
            error = {
                fmt::format("unexpected text after the path: `{}`", use), {}, at + vb, ve - vb};
            return std::nullopt;
        }
        return edit;
    }
    std::size_t vb = 0, ve = 0;
    if (value_begin != std::string::npos) {
        std::tie(vb, ve) = trimmed(args, value_begin);
        if (kind == EditKind::add && vb < ve && args[vb] == '=')
            std::tie(vb, ve) = trimmed(args, vb + 1);
    }
    if (value_begin == std::string::npos || vb == ve) {
        error = {fmt::format("expected a value: `{}`", use),
                 "values are JSON: \"KZ\", 5, true, {...}", at + args.size(), 1};
        return std::nullopt;
    }
    std::string text = args.substr(vb, ve - vb);
    edit.value_column = at + vb;
    edit.value_length = ve - vb;
    int node = nodes->back();
    if (kind == EditKind::add) {
        const SchemaNode& list = program_->schema[static_cast<std::size_t>(node)];
        if (list.kind != ast::TypeKind::list) {
            error = {fmt::format("`{}` is {}, not a list", edit.path.text(),
                                 describe_type(*program_, node)),
                     "`add` appends to a list, as in `add parties {...}`", edit.path.column,
                     edit.path.length};
            return std::nullopt;
        }
        node = list.element;
    }
    JsonError bad;
    auto value = parse_ordered_json_strict(text, bad);
    if (value) {
        edit.value = std::move(*value);
        return edit;
    }
    using K = ast::TypeKind;
    K k = program_->schema[static_cast<std::size_t>(node)].kind;
    bool texty = k == K::string || k == K::country || k == K::code || k == K::cn || k == K::enum_ ||
                 k == K::date;
    bool bare = std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ||
               c == '/';
    });
    if (texty && bare) {
        edit.value = text;
        return edit;
    }
    std::size_t byte = std::min<std::size_t>(bad.offset, text.size() - 1);
    std::string help = !bad.syntax ? bad.help
                       : text[0] == '{' || text[0] == '[' || text[0] == '"'
                           ? "check the brackets, quotes and commas"
                       : texty ? "a text goes in double quotes, as in \"KZ\""
                               : fmt::format("expected {}", describe_type(*program_, node));
    error = {bad.syntax ? std::string("this value is not JSON") : bad.message, help, at + vb + byte,
             1, Code::repl_value};
    return std::nullopt;
}

Reply Session::edit(const std::string& line, EditKind kind, const std::string& args,
                    std::size_t at) {
    Reply r;
    if (!need_case(r)) return r;
    InputError error;
    auto e = parse_edit(kind, args, at, error);
    if (!e) return fail(line, error);
    Json next = *case_;
    // A case that is decided has no problems: no need to read it again.
    auto before_problems = decided_ ? std::vector<Problem>{} : case_problems(*program_, next);
    auto change = apply_edit(*program_, next, *e, error);
    if (!change) return fail(line, error);
    Diagnostics reading;
    auto data = read_case(*program_, next, "case", reading);
    auto fresh = new_problems(before_problems, problems_of(reading));
    if (!fresh.empty()) {
        bool value = kind == EditKind::set || kind == EditKind::add;
        InputError first{fresh.front().message, fresh.front().help,
                         value ? e->value_column : e->path.column,
                         value ? e->value_length : e->path.length, fresh.front().code};
        // `set exporter.name = ...` on a case without an exporter: the record needs its other
        // required fields too.
        if (first.help.empty() && kind == EditKind::set &&
            first.message.find(": the required field") != std::string::npos) {
            std::string record =
                first.message.substr(0, first.message.find(": the required field"));
            InputError ignored;
            auto rp = parse_path(record, 0, ignored);
            auto rn = rp ? schema_nodes(*program_, *rp, ignored) : std::nullopt;
            if (rn) {
                std::vector<std::string> fields;
                for (const auto& f : program_->schema[static_cast<std::size_t>(rn->back())].fields)
                    if (!f.optional) fields.push_back(fmt::format("\"{}\": ...", f.name));
                first.help = fmt::format("set the whole record at once: `set {} = {{{}}}`", record,
                                         fmt::join(fields, ", "));
            }
        }
        if (first.help.empty() && value && e->value.is_number()) {
            auto nodes = schema_nodes(*program_, e->path, error);
            using K = ast::TypeKind;
            K k =
                nodes ? program_->schema[static_cast<std::size_t>(nodes->back())].kind : K::number;
            if (k == K::string || k == K::cn || k == K::code || k == K::eccn || k == K::country)
                first.help = fmt::format("write it in quotes: \"{}\"", e->value.dump());
        }
        r = fail(line, first);
        for (std::size_t i = 1; i < fresh.size(); ++i)
            r.text += render_error(
                "", {fresh[i].message, fresh[i].help, std::string::npos, 1, fresh[i].code});
        r.text += "the case is unchanged\n";
        return r;
    }
    std::string problems;
    std::optional<Decided> before;
    if (current(problems)) before = std::move(decided_);
    undo_.push_back({Json::diff(next, *case_), trim(line)});
    case_ = std::move(next);
    changed();
    if (data) decided_ = decide_data(std::move(*data), as_of_, problems);
    r.text = *change + "\n" + after_change(before);
    return r;
}

Reply Session::undo() {
    if (undo_.empty()) return {"nothing to undo\n"};
    std::string problems;
    std::optional<Decided> before;
    if (current(problems)) before = std::move(decided_);
    std::string label = undo_.back().second;
    if (label.size() > 60) label = label.substr(0, 57) + "...";
    case_->patch_inplace(undo_.back().first);
    undo_.pop_back();
    changed();
    return {fmt::format("undid `{}`\n", label) + after_change(before)};
}

// ---------------------------------------------------------------------------
// deciding

Reply Session::eval(const std::string& line, const std::string& args, std::size_t at) {
    bool full = false, json = false;
    std::size_t i = 0;
    while (i < args.size()) {
        std::size_t j = i;
        while (j < args.size() && !is_space(args[j]))
            ++j;
        std::string word = args.substr(i, j - i);
        if (word == "full")
            full = true;
        else if (word == "json")
            json = true;
        else
            return fail(line, {fmt::format("`eval` takes `full` and `json`, not `{}`", word),
                               {},
                               at + i,
                               word.size()});
        while (j < args.size() && is_space(args[j]))
            ++j;
        i = j;
    }
    Reply r;
    if (!need_case(r)) return r;
    std::string problems;
    const Decided* now = current(problems);
    if (!now) return {"error: " + problems, true};
    DecisionRecord d = now->decision;
    d.full = full;
    if (json) return {to_json(d).dump(2) + "\n"};
    return {render_text(d)};
}

int Session::find_rule(const std::string& name, InputError& error, bool& ambiguous) const {
    ambiguous = false;
    const Program& p = *program_;
    if (int i = p.rule_index(name); i >= 0) return i;
    std::vector<int> found;
    for (std::size_t i = 0; i < p.rules.size(); ++i) {
        const std::string& id = p.rules[i].id;
        if (id.size() > name.size() &&
            id.compare(id.size() - name.size(), name.size(), name) == 0 &&
            id[id.size() - name.size() - 1] == '.')
            found.push_back(static_cast<int>(i));
    }
    if (found.size() == 1) return found.front();
    std::vector<std::string> ids;
    if (found.size() > 1) {
        for (int f : found)
            ids.push_back(p.rules[static_cast<std::size_t>(f)].id);
        ambiguous = true;
        error.message = fmt::format("several rules are called `{}`", name);
        error.help = fmt::format("name one by its full id: {}", fmt::join(ids, ", "));
        return -1;
    }
    for (const auto& r : p.rules) {
        ids.push_back(r.id);
        ids.push_back(r.id.substr(r.module.size() + 1));
    }
    auto best = closest_name(name, ids);
    error.code = Code::repl_state;
    error.message = fmt::format("no rule `{}`", name);
    error.help = best ? fmt::format("did you mean `{}`?", *best) : "`:rules` lists the rules";
    return -1;
}

Reply Session::why(const std::string& line, const std::string& args, std::size_t at) {
    if (!args.empty()) {
        bool name_like = std::all_of(args.begin(), args.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '#';
        });
        if (name_like) {
            InputError error;
            bool ambiguous = false;
            int rule = find_rule(args, error, ambiguous);
            if (rule >= 0) return why_rule(rule);
            error.column = at;
            error.length = args.size();
            if (ambiguous) return fail(line, error);
            // Not a rule: perhaps a definition or another expression.
            Source probe("<input>", args);
            Diagnostics diags;
            auto e = parse_expression(probe, diags);
            int frame = 0;
            if (!e || diags.has_errors() || scope().resolve(*e, diags, frame) < 0)
                return fail(line, error);
        }
        return expression(line, args, at, true);
    }
    Reply r;
    if (!need_case(r)) return r;
    std::string problems;
    const Decided* now = current(problems);
    if (!now) return {"error: " + problems, true};
    const DecisionRecord& d = now->decision;
    std::string verdict = ast::to_string(d.verdict);
    for (auto& c : verdict)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    r.text = fmt::format("{}{}, as of {}\n", verdict, d.incomplete ? " (incomplete)" : "",
                         ast::format_date(d.as_of));
    if (d.applied.empty())
        r.text +=
            fmt::format("\nno rule applied ({} rules checked); `why RULE` shows why one did not\n",
                        program_->rules.size());
    for (const auto& a : d.applied) {
        const RuleInfo& rule = d.rule(a.rule);
        r.text += fmt::format("\n{}  {}{}\n", verdict_word(a.verdict), rule.id,
                              is_overridden(d, a.rule) ? "  [overridden]" : "");
        if (!a.message.empty()) r.text += fmt::format("  {}\n", a.message);
        r.text += fmt::format("  basis: {}\n  because\n", rule.basis);
        tree(a.reason, 2, r.text);
    }
    if (!d.overridden.empty()) {
        r.text += "\noverridden\n";
        for (const auto& o : d.overridden) {
            std::vector<std::string> by;
            for (int b : o.by)
                by.push_back(d.rule(b).id);
            r.text += fmt::format("  {} by {}\n", d.rule(o.rule).id, fmt::join(by, ", "));
        }
    }
    if (!d.undetermined.empty()) {
        r.text += "\nundetermined (facts missing)\n";
        for (const auto& u : d.undetermined)
            r.text +=
                fmt::format("  {} could conclude {}; missing: {}\n", d.rule(u.rule).id,
                            verdict_word(d.rule(u.rule).verdict),
                            u.missing.empty() ? "(none recorded)"
                                              : fmt::format("{}", fmt::join(u.missing, ", ")));
    }
    return r;
}

Reply Session::why_rule(int index) {
    Reply r;
    if (!need_case(r)) return r;
    std::string problems;
    const Decided* now = current(problems);
    if (!now) return {"error: " + problems, true};
    const DecisionRecord& d = now->decision;
    const RuleInfo& rule = program_->rules[static_cast<std::size_t>(index)];
    auto traced = [&] {
        Evaluator ev(*program_, now->data);
        Reason reason;
        ev.condition(rule, &reason);
        std::string out;
        tree(reason, 1, out);
        return out;
    };
    for (const auto& a : d.applied) {
        if (a.rule != index) continue;
        if (is_overridden(d, index)) {
            std::vector<std::string> by;
            for (const auto& o : d.overridden)
                if (o.rule == index)
                    for (int b : o.by)
                        by.push_back(d.rule(b).id);
            r.text = fmt::format(
                "{} applies, but is overridden by {}: the exception's conclusion replaces its {}\n",
                rule.id, fmt::join(by, ", "), verdict_word(a.verdict));
        } else {
            r.text = fmt::format("{} applies: {}\n", rule.id, verdict_word(a.verdict));
        }
        if (!a.message.empty()) r.text += fmt::format("  {}\n", a.message);
        r.text += rule_header(rule) + "because\n";
        tree(a.reason, 1, r.text);
        return r;
    }
    for (const auto& u : d.undetermined) {
        if (u.rule != index) continue;
        r.text = fmt::format(
            "{} is undetermined: it could conclude {}, but facts are missing: {}\n", rule.id,
            verdict_word(rule.verdict),
            u.missing.empty() ? "(none recorded)" : fmt::format("{}", fmt::join(u.missing, ", ")));
        r.text += rule_header(rule) + "because\n" + traced();
        return r;
    }
    std::string failed;
    for (const auto& n : d.not_applied)
        if (n.rule == index) failed = n.failed;
    if (!rule.in_effect(d.as_of)) {
        r.text = fmt::format("{} does not apply: {}\n", rule.id, failed) + rule_header(rule);
        return r;
    }
    Evaluator ev(*program_, now->data);
    if (ev.condition(rule).is_false()) {
        r.text = fmt::format("{} does not apply: its condition is false\n", rule.id) +
                 rule_header(rule) + "because\n" + traced();
        return r;
    }
    r.text = fmt::format("{} does not apply: {}\n", rule.id, failed) + rule_header(rule);
    return r;
}

namespace {

// The changes of a `whatif`, split at each `;` outside quotes and brackets:
// each with its offset in `args`.
std::vector<std::pair<std::string, std::size_t>> whatif_parts(const std::string& args) {
    std::vector<std::pair<std::string, std::size_t>> parts;
    BracketScan scan;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= args.size(); ++i) {
        bool split = i == args.size() ||
                     (args[i] == ';' && scan.depth == 0 && !scan.quoted && !scan.escaped);
        if (!split) {
            scan.feed(std::string_view(args).substr(i, 1));
            continue;
        }
        auto [b, e] = trimmed(args, begin, i);
        parts.push_back({args.substr(b, e - b), b});
        begin = i + 1;
    }
    return parts;
}

} // namespace

// One change of a `whatif`, made on `next` (or on the as-of date): its
// description, or nullopt with the error in `r`.
std::optional<std::string> Session::whatif_change(const std::string& line, const std::string& args,
                                                  std::size_t at, Json& next,
                                                  std::optional<ast::Days>& as_of, Reply& r) const {
    std::size_t word_end = 0;
    while (word_end < args.size() && !is_space(args[word_end]))
        ++word_end;
    std::string word = args.substr(0, word_end);
    auto [rb, re] = trimmed(args, word_end);
    std::string rest = args.substr(rb, re - rb);
    if (word == "asof" || word == ":asof") {
        auto day = ast::parse_date(rest);
        if (!day) {
            r = fail(line, {"expected a date in the calendar, as in 2022-02-26",
                            {},
                            at + rb,
                            std::max<std::size_t>(1, rest.size())});
            return std::nullopt;
        }
        as_of = day;
        return fmt::format("it were decided as of {}", rest);
    }
    EditKind kind = EditKind::set;
    std::string edit_args = args;
    std::size_t edit_at = at;
    if (word == "set" || word == "unset" || word == "add" || word == "remove") {
        kind = word == "set"     ? EditKind::set
               : word == "unset" ? EditKind::unset
               : word == "add"   ? EditKind::add
                                 : EditKind::remove;
        edit_args = rest;
        edit_at = at + rb;
    }
    InputError error;
    auto e = parse_edit(kind, edit_args, edit_at, error);
    if (!e) {
        r = fail(line, error);
        return std::nullopt;
    }
    const Json* old = value_at(next, e->path);
    std::string was = old ? brief(*old) : "absent";
    std::string where = e->path.text();
    std::string change;
    switch (kind) {
    case EditKind::set:
        if (e->value.is_null())
            change = fmt::format("{} were unknown (instead of {})", where, was);
        else if (old && *old == e->value)
            change = fmt::format("{} = {} (it already is)", where, brief(e->value));
        else
            change = fmt::format("{} = {} (instead of {})", where, brief(e->value), was);
        break;
    case EditKind::unset:
        change = fmt::format("{} were unknown (instead of {})", where, was);
        break;
    case EditKind::add:
        change = fmt::format("{} also had {}", where, brief(e->value));
        break;
    case EditKind::remove:
        change = fmt::format("{} were taken out ({})", where, was);
        break;
    }
    auto before_problems = case_problems(*program_, next);
    if (!apply_edit(*program_, next, *e, error)) {
        r = fail(line, error);
        return std::nullopt;
    }
    auto fresh = new_problems(before_problems, case_problems(*program_, next));
    if (!fresh.empty()) {
        bool value = kind == EditKind::set || kind == EditKind::add;
        r = fail(line, {fresh.front().message, fresh.front().help,
                        value ? e->value_column : e->path.column,
                        value ? e->value_length : e->path.length, fresh.front().code});
        for (std::size_t i = 1; i < fresh.size(); ++i)
            r.text += render_error(
                "", {fresh[i].message, fresh[i].help, std::string::npos, 1, fresh[i].code});
        return std::nullopt;
    }
    return change;
}

// `whatif CHANGE; CHANGE; ...`: the decision with all the changes made
// together, against the decision now; the case itself stays as it is.
Reply Session::whatif(const std::string& line, const std::string& args, std::size_t at) {
    Reply r;
    if (!need_case(r)) return r;
    if (args.empty())
        return fail(line, {"`whatif` needs a change",
                           "as in `whatif destination = \"RU\"` (see `:help whatif`)", at, 1});
    Json next = *case_;
    std::optional<ast::Days> as_of = as_of_;
    std::vector<std::string> changes;
    for (const auto& [part, offset] : whatif_parts(args)) {
        if (part.empty())
            return fail(line, {"an empty change between `;`", "write one change between each `;`",
                               at + offset, 1});
        auto change = whatif_change(line, part, at + offset, next, as_of, r);
        if (!change) return r;
        changes.push_back(std::move(*change));
    }
    std::string problems;
    const Decided* now = current(problems);
    if (!now) return {"error: " + problems, true};
    auto then = decide_json(next, as_of, problems);
    if (!then) return {"error: " + problems, true};
    r.text = fmt::format("what if {}:\n", fmt::join(changes, ", and ")) +
             diff(now->decision, then->decision);
    r.text += "(the case is unchanged; `set` keeps a change)\n";
    return r;
}

Reply Session::asof(const std::string& line, const std::string& args, std::size_t at) {
    auto case_date = [&]() -> std::string {
        if (case_ && case_->contains("date") && (*case_)["date"].is_string())
            return (*case_)["date"].get<std::string>();
        return "its date";
    };
    if (args.empty()) {
        if (as_of_)
            return {fmt::format(
                "deciding as of {} (set with `:asof`; `:asof case` goes back to the case's date)\n",
                ast::format_date(*as_of_))};
        return {fmt::format("deciding as of the case's date ({})\n",
                            case_ ? case_date() : "no case yet")};
    }
    std::optional<ast::Days> next;
    if (args != "case") {
        next = ast::parse_date(args);
        if (!next)
            return fail(line, {fmt::format("`{}` is not a date in the calendar", args),
                               "write it as YYYY-MM-DD, or `case` for the case's own date", at,
                               args.size(), Code::bad_date});
    }
    std::string problems;
    std::optional<Decided> before;
    if (case_ && current(problems)) before = std::move(decided_);
    as_of_ = next;
    changed();
    Reply r;
    r.text = next ? fmt::format("deciding as of {}\n", args)
                  : fmt::format("deciding as of the case's date ({})\n", case_date());
    if (case_) r.text += after_change(before);
    return r;
}

// ---------------------------------------------------------------------------
// expressions

Reply Session::expression(const std::string& line, const std::string& text, std::size_t at,
                          bool explain) {
    auto source = std::make_unique<Source>("<input>", text);
    Diagnostics diags;
    auto e = parse_expression(*source, diags);
    int frame = 0;
    int node = -1;
    if (e && !diags.has_errors()) node = scope().resolve(*e, diags, frame);
    if (node < 0 || diags.has_errors()) {
        Reply r;
        r.error = true;
        for (const auto& d : diags.list()) {
            if (d.severity != Severity::error) continue;
            if (d.location.input == source->name) {
                InputError ie{d.message, d.help, at + d.location.column - 1, d.location.length,
                              d.code};
                r.text += render_error(line, ie);
            } else {
                r.text += render(d);
            }
        }
        if (r.text.empty())
            r.text = render_error(line, {"this is not an expression or a command",
                                         "`:help` lists the commands", at, text.size(),
                                         Code::repl_unknown_input});
        bool assignment = line.find('=') != std::string::npos &&
                          line.find("==") == std::string::npos && line.find('=') > 0 &&
                          !std::any_of(line.begin(), line.end(),
                                       [](char c) { return c == '<' || c == '>' || c == '!'; });
        if (assignment)
            r.text += "help: to change a fact, write `set PATH = VALUE`; to compare, `==`\n";
        else if (!e && text.find('[') != std::string::npos)
            r.text += "help: expressions go through lists with `any`, `all`, `none` or `count`; "
                      "`:show PATH` shows one element\n";
        else if (!e) {
            std::size_t n = 0;
            while (n < text.size() &&
                   (std::isalnum(static_cast<unsigned char>(text[n])) || text[n] == '_'))
                ++n;
            static const std::set<std::string> words = {"any",   "all",  "none", "count", "not",
                                                        "known", "case", "true", "false"};
            if (n > 0 && n < text.size() && is_space(text[n]) && !words.count(text.substr(0, n)))
                r.text += fmt::format("help: `{}` is not a command (`:help` lists them), so the "
                                      "line was read as an expression\n",
                                      text.substr(0, n));
        }
        return r;
    }
    const Program& p = scope().program();
    const Node& n = p.node(node);
    inputs_.push_back(std::move(source));
    if (n.op == Op::set) {
        const NamedSet& s = p.sets[static_cast<std::size_t>(n.set)];
        std::vector<std::string> entries(s.entries.begin(), s.entries.end());
        std::sort(entries.begin(), entries.end());
        std::string out;
        for (std::size_t i = 0; i < entries.size() && i < 40; ++i)
            out += (i ? ", " : "") + Json(entries[i]).dump();
        if (entries.size() > 40) out += fmt::format(", ... ({} more)", entries.size() - 40);
        std::string doc;
        for (const std::string* note : {&s.doc, &s.source, &s.reliability})
            if (!note->empty()) doc += "\n" + indent_lines(*note, "  ");
        return {fmt::format("a set of {} entr{}: {{{}}}{}", entries.size(),
                            entries.size() == 1 ? "y" : "ies", out, doc)};
    }
    // Without a case, every fact is absent (unknown).
    CaseData empty;
    empty.root.kind = Datum::Kind::record;
    if (p.has_schema) empty.root.elements.resize(p.schema[0].fields.size());
    const CaseData* data = &empty;
    if (case_) {
        std::string problems;
        const Decided* now = current(problems);
        if (!now) return {"error: " + problems, true};
        data = &now->data;
    }
    Evaluator ev(p, *data);
    Reason reason;
    Value v = ev.evaluate(node, static_cast<std::size_t>(frame), &reason);
    std::string shown;
    if (v.kind == Value::Kind::list || v.kind == Value::Kind::record) {
        // A list's static type names its element's schema node; a record's, its own.
        int schema = n.type.schema;
        Json j = Json::array();
        if (v.kind == Value::Kind::record)
            j = datum_json(p, *v.datum, schema);
        else
            for (const auto& el : v.datum->elements)
                j.push_back(datum_json(p, el, schema));
        shown = one_line(j);
        if (shown.size() > 100) shown = j.dump(2);
    } else {
        shown = kader::show(v);
    }
    Reply r;
    r.text = shown;
    if (!reason.witness.empty()) r.text += fmt::format("  (by {})", reason.witness);
    if (v.kind == Value::Kind::unknown) {
        if (!case_)
            r.text += "  (there is no case yet: `:case FILE` or `:new`)";
        else if (!ev.missing().empty())
            r.text += fmt::format("  (missing: {})", fmt::join(ev.missing(), ", "));
    }
    r.text += "\n";
    if (explain && !reason.parts.empty()) {
        r.text += "because\n";
        for (const auto& part : reason.parts) {
            if (part.expr == reason.expr && part.value == reason.value) {
                for (const auto& sub : part.parts)
                    tree(sub, 0, r.text);
                continue;
            }
            tree(part, 0, r.text);
        }
    }
    return r;
}

} // namespace kader::repl
