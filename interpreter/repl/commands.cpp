// The REPL's commands: one table (name, usage, help, examples), the
// dispatch of a line to its command, and `:help`.
#include "interpreter/repl/session.hpp"
#include "interpreter/repl/text.hpp"

#include <fmt/format.h>

namespace kader::repl {

namespace {

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

} // namespace kader::repl
