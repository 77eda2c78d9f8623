// The REPL's commands: one table (name, usage, help, examples, other
// spellings, handler), the dispatch of a line to its command, and `:help`.
#include "interpreter/repl/session.hpp"
#include "interpreter/repl/text.hpp"
#include "interpreter/whynot.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kader::repl {

namespace {

// Where the target starts in `why not TARGET ...`: the word after `not` is a
// verdict, `lower` or `higher`. Otherwise `why not ...` is an expression
// (`why not common.russia_bound`) and `why` evaluates it.
std::optional<std::size_t> why_not_at(const std::string& args) {
    if (args.compare(0, 3, "not") != 0 || args.size() < 4 || !is_space(args[3])) return {};
    std::size_t at = 3;
    while (at < args.size() && is_space(args[at]))
        ++at;
    std::size_t end = at;
    while (end < args.size() && !is_space(args[end]))
        ++end;
    if (!parse_why_not_target(args.substr(at, end - at))) return {};
    return at;
}

} // namespace

// Every command, once: what `:help` shows of it, the other spellings it is
// typed with, and what runs it. Dispatch, `:help` and completion all read
// this table. (A static member, so that the handlers may call the session's
// private commands.)
const Session::CommandTable& Session::command_table() {
    static const CommandTable groups = {
        {"Deciding",
         {{"eval",
           "eval [full] [json]",
           "decide the case and explain the verdict",
           "Decides the current case as of its date (or the `:asof` date) and shows the decision "
           "as `kader eval` does.\n"
           "`full` also lists every rule that did not apply and why; `json` shows the decision "
           "record as JSON.",
           {"eval", "eval full", "eval json"},
           {},
           true,
           [](Session& s, const Call& c) { return s.eval(c.line, c.args, c.at); }},
          {"why",
           "why [RULE | EXPRESSION]",
           "the reasons: of the decision, of one rule, of an expression",
           "`why` alone shows the complete reason tree of every rule that applied, and the rules "
           "left undetermined.\n"
           "`why RULE` tells whether the rule applied, was overridden, was undetermined or did not "
           "apply, and why,\n"
           "with the tree of its condition. A rule may be named by its full id or by its last part "
           "when that is unique.\n"
           "`why EXPRESSION` evaluates an expression with its reason tree.\n"
           "`why not VERDICT` (or `lower`, `higher`) is `whynot`: the smallest change of facts "
           "that reaches it.",
           {"why", "why sanctions.russia.dual_use_ban", "why dual_use_ban",
            "why common.russia_bound", "why not allow"},
           {},
           true,
           [](Session& s, const Call& c) {
               if (auto at = why_not_at(c.args))
                   return s.whynot(c.line, c.args.substr(*at), c.at + *at);
               return s.why(c.line, c.args, c.at);
           }},
          {"whynot",
           "whynot VERDICT|lower|higher",
           "the smallest change of facts that moves the verdict",
           "`whynot VERDICT|lower|higher [changes N] [budget N] [json]`, also typed `why not "
           "...`: searches for\n"
           "the fewest changes of the case's facts after which it is decided VERDICT (or any "
           "lower or higher\n"
           "verdict), trying the values the rules test: their literals, thresholds, sets and "
           "periods. Shows up to\n"
           "5 alternatives of the smallest size found, each with the rules that would then "
           "decide. At most\n"
           "`changes` facts at once (2 unless given, at most 4) and `budget` decisions (20000 "
           "unless given).\n"
           "The case stays as it is; `whatif` tries an alternative with its full explanation.",
           {"why not allow", "whynot lower", "whynot higher", "whynot allow changes 3",
            "whynot license_required budget 50000 json"},
           {},
           true,
           [](Session& s, const Call& c) { return s.whynot(c.line, c.args, c.at); }},
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
            "whatif destination = \"RU\"; asof 2022-01-01"},
           {},
           true,
           [](Session& s, const Call& c) { return s.whatif(c.line, c.args, c.at); }},
          {":asof",
           ":asof [DATE | case]",
           "decide as of another date",
           "Without an argument, shows the date decisions are made for. `case` goes back to the "
           "case's own `date`.",
           {":asof 2022-02-26", ":asof case"},
           {":as-of", ":as_of"},
           true,
           [](Session& s, const Call& c) { return s.asof(c.line, c.args, c.at); }}}},
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
            "set end_use = military", "set date = 2022-11-15"},
           {},
           true,
           [](Session& s, const Call& c) { return s.edit(c.line, EditKind::set, c.args, c.at); }},
          {"unset",
           "unset PATH",
           "forget an optional fact (it becomes unknown)",
           "Removes an optional fact from the case: rules that need it become undetermined rather "
           "than false.",
           {"unset end_use", "unset parties[0].flags"},
           {},
           true,
           [](Session& s, const Call& c) { return s.edit(c.line, EditKind::unset, c.args, c.at); }},
          {"add",
           "add LIST VALUE",
           "append an element to a list",
           "Appends VALUE (JSON) to the list at LIST.",
           {"add parties {\"role\": \"end_user\", \"country\": \"RU\", \"sector\": \"military\"}",
            "add transit \"KZ\"", "add parties[0].flags \"supplies_russia\""},
           {},
           true,
           [](Session& s, const Call& c) { return s.edit(c.line, EditKind::add, c.args, c.at); }},
          {"remove",
           "remove LIST[N]",
           "take an element out of a list",
           "Removes one element; the elements after it move up by one.",
           {"remove parties[1]", "remove transit[0]"},
           {},
           true,
           [](Session& s, const Call& c) {
               return s.edit(c.line, EditKind::remove, c.args, c.at);
           }},
          {":undo",
           ":undo",
           "take back the last change",
           "Undoes the last `set`, `unset`, `add`, `remove`, `:new` or `:case`.",
           {":undo"},
           {},
           false,
           [](Session& s, const Call&) { return s.undo(); }},
          {":case",
           ":case FILE",
           "load a case from a JSON file",
           "Loads the case and decides it. A case the schema refuses is still loaded, with its "
           "problems listed, so\n"
           "that it can be fixed with `set`.",
           {":case examples/cases/chips-cn-distributor-2024.json"},
           {},
           true,
           [](Session& s, const Call& c) { return s.open_case(c.line, c.args, c.at); }},
          {":new",
           ":new",
           "start an empty case from the schema",
           "Starts a case with every required fact empty (null); `set` them before deciding.",
           {":new"},
           {},
           false,
           [](Session& s, const Call&) { return s.new_case(); }},
          {":show",
           ":show [PATH]",
           "the case, or one fact, as JSON",
           "",
           {":show", ":show parties[0]", ":show items[0].params"},
           {},
           true,
           [](Session& s, const Call& c) { return s.show(c.line, c.args, c.at); }},
          {":save",
           ":save FILE",
           "write the case to a JSON file",
           "Never replaces a file that exists: `:save! FILE` does.",
           {":save what-if.json", ":save! what-if.json"},
           {},
           true,
           [](Session& s, const Call& c) { return s.save(c.line, c.args, c.at, false); }},
          {":save!",
           ":save! FILE",
           "write the case to a JSON file, replacing it",
           "Like `:save`, but replaces the file when it exists.",
           {":save! what-if.json"},
           {},
           true,
           [](Session& s, const Call& c) { return s.save(c.line, c.args, c.at, true); }}}},
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
           {":rules", ":rules sanctions", ":rules russia"},
           {},
           true,
           [](Session& s, const Call& c) { return s.rules(c.args); }},
          {":load",
           ":load PATH",
           "add a rule file or folder to the rule set",
           "Compiles the rule set with PATH added. When it does not compile, the diagnostics are "
           "shown and the\n"
           "previous rule set stays active.",
           {":load my-rules/", ":load extra.kader"},
           {},
           true,
           [](Session& s, const Call& c) { return s.load(c.line, c.args, c.at); }},
          {":reload",
           ":reload",
           "read the rule files again",
           "Re-reads every rule file (after editing them). The case is kept. When the files do not "
           "compile, the\n"
           "diagnostics are shown and the previous rule set stays active.",
           {":reload"},
           {},
           true,
           [](Session& s, const Call& c) {
               if (!c.args.empty())
                   return s.fail(c.line,
                                 {"`:reload` takes no argument",
                                  "to add rule files, use `:load PATH`", c.at, c.args.size()});
               return s.reload();
           }}}},
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
            "\"HK\" in diversion_risk"},
           {},
           true,
           nullptr},
          {":help",
           ":help [COMMAND]",
           "this list, or one command with examples",
           "",
           {":help", ":help set"},
           {"help", "h", ":h", ":?"},
           true,
           [](Session& s, const Call& c) { return s.help(c.line, c.args); }},
          {":quit",
           ":quit",
           "leave (Ctrl-D does too)",
           "",
           {":quit"},
           {"quit", "exit", ":exit", ":q"},
           true,
           [](Session&, const Call&) {
               Reply r;
               r.quit = true;
               return r;
           }}}},
    };
    return groups;
}

namespace {

// Whether `word` as typed names `c`: its name or another spelling, and a
// command without a colon also with one (`:eval`). A command with a colon
// needs it: `case` alone starts an expression such as `case.destination`.
bool names(const Session::Command& c, const std::string& word) {
    std::string name = c.name;
    if (word == name || (name[0] != ':' && word == ":" + name)) return true;
    return std::find(c.aliases.begin(), c.aliases.end(), word) != c.aliases.end();
}

} // namespace

const Session::Command* Session::command_for(const std::string& word) {
    for (const auto& [_, list] : command_table())
        for (const auto& c : list)
            if (c.run && names(c, word)) return &c;
    return nullptr;
}

// For `:help NAME`: also without the colon, and `expression` for typed expressions.
const Session::Command* Session::find_command(const std::string& name) {
    for (const auto& [_, list] : command_table())
        for (const auto& c : list) {
            std::string n = c.name;
            if (names(c, name) || (n[0] == ':' && name == n.substr(1)) ||
                (n == "EXPRESSION" && (name == "expression" || name == "expr")))
                return &c;
        }
    return nullptr;
}

std::vector<std::string> Session::command_names() {
    std::vector<std::string> out;
    for (const auto& [_, list] : command_table())
        for (const auto& c : list)
            if (c.run) out.push_back(c.name);
    return out;
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
    if (const Command* c = command_for(word)) {
        if (!c->takes_args && !args.empty())
            return fail(line, {fmt::format("`{}` takes no argument", word), {}, ab, ae - ab});
        return c->run(*this, Call{line, word, args, ab});
    }
    if (word[0] == ':') {
        auto best = closest(word, command_names());
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
        const Command* c = find_command(args);
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
    for (const auto& [_, list] : command_table())
        for (const auto& c : list)
            width = std::max(width, std::string(c.usage).size());
    for (const auto& [group, list] : command_table()) {
        r.text += fmt::format("{}\n", group);
        for (const auto& c : list)
            r.text += fmt::format("  {:<{}}  {}\n", c.usage, width, c.summary);
    }
    r.text += "\nexamples\n";
    for (const char* e :
         {"set parties[1].country = \"KZ\"", "set items[0].params.node_nm = 5",
          "add parties {\"role\": \"end_user\", \"country\": \"RU\", \"sector\": \"military\"}",
          "whatif destination = \"RU\"", "why sanctions.russia.dual_use_ban", "why not allow",
          "any p in case.parties: p.country in common.diversion_risk"})
        r.text += fmt::format("  {}\n", e);
    r.text += "\n`:help COMMAND` explains one command. Tab completes commands, paths, rule ids, "
              "names and country codes.\n";
    return r;
}

} // namespace kader::repl
