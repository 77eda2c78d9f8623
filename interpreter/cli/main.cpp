// kader: one binary, subcommands in the style of git.
#include "interpreter/cli/commands.hpp"
#include "interpreter/version.hpp"

#include <fmt/format.h>
#include <iostream>

namespace kader::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {{"eval",
          "eval [-r PATH]... [--no-stdlib] CASE.json [--as-of DATE] [--format text|json] "
          "[--explain rules|brief|full] [--log FILE.db]",
          "decide one case (`-` reads it from standard input)",
          {"--as-of", "--format", "--explain", "--log"},
          {},
          1,
          1},
         run_eval},
        {{"whynot",
          "whynot [-r PATH]... [--no-stdlib] CASE.json (--target VERDICT | --lower | --higher) "
          "[--max-changes N] [--budget N] [--as-of DATE] [--format text|json]",
          "the smallest change of facts that moves the verdict, and the rules that would then "
          "decide",
          {"--as-of", "--target", "--max-changes", "--budget", "--format"},
          {"--lower", "--higher"},
          1,
          1},
         run_whynot},
        {{"batch",
          "batch [-r PATH]... [--no-stdlib] CASES.jsonl [-j N] [--as-of DATE] "
          "[--explain rules|brief|full] [--log FILE.db]",
          "decide one case per line, one decision JSON per output line, in input order",
          {"-j", "--as-of", "--explain", "--log"},
          {},
          1,
          1},
         run_batch},
        {{"check",
          "check [-r PATH]... [--no-stdlib]",
          "load and statically check a rule set",
          {},
          {},
          0,
          0},
         run_check},
        {{"test",
          "test [-r PATH]... [--no-stdlib] [TESTS...] [--min-coverage N]",
          "run rule tests and report rule coverage",
          {"--min-coverage"},
          {},
          0,
          1000},
         run_test},
        {{"doc",
          "doc [-r PATH]... [--no-stdlib]",
          "reference documentation (Markdown) generated from the rule files",
          {},
          {},
          0,
          0},
         run_doc},
        {{"fmt",
          "fmt [--check] FILES...",
          "format rule files in place, or list those that differ",
          {},
          {"--check"},
          1,
          100000,
          false},
         run_fmt},
        {{"diff",
          "diff --old PATH --new PATH CASES.jsonl [--no-stdlib] [--as-of DATE] [--format "
          "text|json]",
          "what a change of the rules does to a set of cases, and why (exit 1: decisions differ)",
          {"--old", "--new", "--as-of", "--format"},
          {},
          1,
          1},
         run_diff},
        {{"memo",
          "memo [-r PATH]... [--no-stdlib] (CASE.json | --from DECISION.json) [--as-of DATE] "
          "[--format md|html]",
          "a citation-first memo of a decision for the case file (Markdown or HTML)",
          {"--from", "--as-of", "--format"},
          {},
          0,
          1},
         run_memo},
        {{"log",
          "log (list FILE.db [--case ID] [--limit N] | show FILE.db ID) [--format text|json]",
          "read a decision log written by `eval --log` or `batch --log`",
          {"--case", "--limit", "--format"},
          {},
          2,
          3,
          false},
         run_log},
        {{"replay",
          "replay FILE.db [--id ID] [--current] [-r PATH]... [--no-stdlib] [--as-of DATE] "
          "[--format text|json]",
          "decide logged cases again, with the logged rule set or with today's, and say what "
          "changed",
          {"--id", "--as-of", "--format"},
          {"--current"},
          1,
          1},
         run_replay},
        {serve_spec(), nullptr, "kader-serve"},
        {{"lsp",
          "lsp [-r PATH]... [--no-stdlib]",
          "a language server for editors, over stdin and stdout (docs/editors.md)",
          {},
          {},
          0,
          0},
         run_lsp},
        {repl_spec(), nullptr, "kader-repl"},
        {{"explain",
          "explain (CODE | --all)",
          "what a diagnostic code such as K0305 means",
          {},
          {"--all"},
          0,
          1,
          false},
         run_explain},
    };
    return list;
}

namespace {

void print_help() {
    std::cout << fmt::format("kader {} - export-control rules that explain their "
                             "verdicts\n\nusage: kader COMMAND [ARGS]\n\n",
                             kader::engine_version());
    for (const auto& c : commands())
        std::cout << fmt::format("  {:<6}  {}\n", c.spec.name, c.spec.summary);
    std::cout
        << "\n  -r PATH      a rule file or folder (repeatable); the standard library is built in\n"
           "  --no-stdlib  leave the standard library out\n\n"
           "`kader help COMMAND` shows a command's usage. Exit codes: 0 decided / passed, 1 tests "
           "or\n"
           "checks failed (whynot: no change found), 2 usage error or bad input.\n";
}

const Command* find(const std::string& name) {
    for (const auto& c : commands())
        if (name == c.spec.name) return &c;
    return nullptr;
}

int help(const std::vector<std::string>& args) {
    if (args.empty()) {
        print_help();
        return exit_ok;
    }
    const Command* c = find(args[0]);
    if (!c) {
        std::cerr << fmt::format("kader: error: unknown command `{}`\nhelp: see `kader help`\n",
                                 args[0]);
        return exit_bad_input;
    }
    std::cout << fmt::format("usage: kader {}\n\n{}\n", c->spec.usage, c->spec.summary);
    return exit_ok;
}

} // namespace

} // namespace kader::cli

int main(int argc, char** argv) {
    using namespace kader::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_help();
        return exit_bad_input;
    }
    std::string name = args.front();
    args.erase(args.begin());
    if (name == "--version" || name == "version") {
        std::cout << "kader " << kader::engine_version() << '\n';
        return output_written("version", exit_ok);
    }
    if (name == "help" || name == "--help" || name == "-h")
        return output_written("help", help(args));
    const Command* c = find(name);
    if (!c) {
        std::cerr << fmt::format("kader: error: unknown command `{}`\nhelp: see `kader help`\n",
                                 name);
        return exit_bad_input;
    }
    if (c->program) return run_sibling_program(c->spec, c->program, args);
    return run_command(c->spec, c->run, args);
}
