// Fuzz target: rule text -> parse, format round trip, check, decide.
//
// Properties:
//  - diagnostics stay proportionate to the input (no quadratic blow-up);
//  - a file that parses is UTF-8; a byte order mark changes nothing;
//  - `fmt` output parses, has the same meaning (lang/ast_compare.hpp) and
//    is a fixed point (formatting it again changes nothing);
//  - a rule set that checks never fails at run time: deciding the fixed
//    cases neither crashes nor throws, every rule condition evaluates to a
//    truth value or unknown, and deciding twice gives the same JSON;
//  - the formatted text checks too and decides the fixed cases the same way.
//
// The input is one rule file in the context of the standard library: when
// it declares the module of a stdlib file (the seeds are the stdlib files),
// it takes that file's place, so that mutations of real rules check.
#include "fuzz_support.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/render_reason.hpp"
#include "interpreter/stdlib_files.hpp"
#include "lang/ast_compare.hpp"
#include "lang/formatter.hpp"
#include "lang/parser.hpp"

#include <fmt/format.h>

namespace kader::fuzz {

namespace {

struct StdlibFile {
    std::string path;   // "stdlib-rules/sanctions/russia.kader"
    std::string module; // "sanctions.russia"
    std::string text;
};

const std::vector<StdlibFile>& stdlib_rule_files() {
    static const std::vector<StdlibFile> files = [] {
        std::vector<StdlibFile> out;
        for (const auto& f : stdlib_files()) {
            if (!f.path.ends_with(".kader")) continue;
            Source source{std::string(f.path), std::string(f.text)};
            Diagnostics diags;
            ast::Module m = parse_module(source, diags);
            out.push_back({std::string(f.path), m.name, std::string(f.text)});
        }
        return out;
    }();
    return files;
}

// The fixed cases every rule set that checks is run on: one that decides,
// one with a missing fact (unknown values), as the standard schema reads them.
const std::vector<std::string>& fixed_cases() {
    static const std::vector<std::string> cases = {
        read_repo_file("examples/cases/chips-ru-defence-via-hk-2022-11.json"),
        read_repo_file("examples/cases/end-use-missing-cn-2023.json"),
    };
    return cases;
}

// The input's file name: the stdlib file whose module it declares (so that
// relative `load` paths resolve the same), else a new file of the stdlib folder.
std::string file_name_for(const std::string& module) {
    for (const auto& f : stdlib_rule_files())
        if (!module.empty() && f.module == module) return f.path;
    return "stdlib-rules/fuzz.kader";
}

std::shared_ptr<const Program> compile_with_stdlib(const std::string& text,
                                                   const std::string& module, Diagnostics& diags) {
    std::vector<std::unique_ptr<Source>> sources;
    for (const auto& f : stdlib_rule_files()) {
        if (!module.empty() && f.module == module) continue;
        sources.push_back(std::make_unique<Source>(f.path, f.text));
        sources.back()->builtin = true;
    }
    sources.push_back(std::make_unique<Source>(file_name_for(module), text));
    return compile(std::move(sources), embedded_data_only, diags);
}

// Each error quotes its source line; a bound well above what real files give
// (kilobytes of diagnostics for kilobytes of rules) catches quadratic growth.
void check_diagnostics_size(const Diagnostics& diags, std::size_t input_size) {
    std::size_t bound = 1'000'000 + 64 * input_size;
    std::string text = render(diags);
    if (text.size() > bound)
        violated("diagnostics stay proportionate to the input",
                 fmt::format("{} bytes of diagnostics for {} bytes of rules ({} diagnostics); "
                             "the first ones:\n{}",
                             text.size(), input_size, diags.list().size(), text.substr(0, 2000)));
}

// The same file with the mark toggled parses as well and means the same.
void check_byte_order_mark(const std::string& text, const ast::Module& module, bool errors) {
    auto toggled_text = toggle_byte_order_mark(text);
    if (!toggled_text) return;
    Source other("stdlib-rules/fuzz.kader", *toggled_text);
    Diagnostics diags;
    ast::Module toggled = parse_module(other, diags);
    if (diags.has_errors() != errors)
        violated("a byte order mark changes nothing",
                 fmt::format("the file {} parse errors, with the mark toggled it {}:\n{}",
                             errors ? "has" : "has no", diags.has_errors() ? "has" : "has none",
                             render(diags).substr(0, 2000)));
    if (!errors && !same_meaning(module, toggled))
        violated("a byte order mark changes nothing", "the meaning differs with the mark toggled");
}

void check_format(const ast::Module& module, const std::string& name, std::string& formatted) {
    formatted = format_module(module);
    Source again(name, formatted);
    Diagnostics diags;
    ast::Module reparsed = parse_module(again, diags);
    if (diags.has_errors())
        violated("fmt output parses", render(diags) + "\n---- formatted ----\n" + formatted);
    if (!same_meaning(module, reparsed))
        violated("fmt keeps the meaning", "---- formatted ----\n" + formatted);
    std::string twice = format_module(reparsed);
    if (twice != formatted)
        violated("fmt is idempotent",
                 "---- once ----\n" + formatted + "\n---- twice ----\n" + twice);
}

// A reason as the decision text prints it, with its paths.
std::string printed(const Program& program, Explanation& block, const Evaluator& e, int root) {
    block.steps = e.steps();
    std::string out;
    ReasonPrinter(program, -1).tree(reason_tree(block, root), 0, "rule", out);
    return out;
}

// The reason of a rule that holds, made from its truth steps
// (Evaluator::explain_held), is the one node-by-node evaluation makes.
void check_explained(const Program& program, const CaseData& c, const RuleInfo& rule) {
    Evaluator by_steps(program, c), by_nodes(program, c);
    by_steps.holds(rule);
    by_nodes.holds(rule);
    Explanation steps_block, nodes_block;
    int steps_root = -1, nodes_root = -1;
    by_steps.explain_held(rule, steps_block, steps_root);
    by_nodes.condition(rule, nodes_block, nodes_root);
    std::string from_steps = printed(program, steps_block, by_steps, steps_root);
    std::string from_nodes = printed(program, nodes_block, by_nodes, nodes_root);
    if (from_steps != from_nodes)
        violated("a rule that holds is explained from its truth steps as node by node",
                 fmt::format("rule {}:\n---- steps ----\n{}---- nodes ----\n{}", rule.id,
                             from_steps, from_nodes));
}

// A checked condition is boolean: at run time it is a truth value or
// unknown, never a number, string or list; its truth steps give that truth,
// and explain it when it holds.
void check_conditions(const Program& program, const CaseData& c) {
    Evaluator evaluator(program, c);
    for (const auto& rule : program.rules) {
        if (rule.when < 0) continue;
        Value v = evaluator.condition(rule);
        if (v.kind != Value::Kind::boolean && v.kind != Value::Kind::unknown)
            violated("a checked rule's condition is a truth value at run time",
                     fmt::format("rule {} gives {}", rule.id, show(v)));
        // Its truth steps (lang/truth_plan.cpp) give the same truth.
        if (int t = evaluator.holds(rule); t != v.tri())
            violated("a condition's truth steps give its value's truth",
                     fmt::format("rule {}: steps {}, nodes {}", rule.id, t, show(v)));
        if (v.is_true()) check_explained(program, c, rule);
    }
}

// What a decision concludes, without the source locations that formatting moves.
std::string meaning_of(const DecisionRecord& d) {
    std::string out = fmt::format("{} incomplete={}", ast::to_string(d.verdict), d.incomplete);
    for (int g = 0; g < ast::goal_count; ++g)
        out += fmt::format(" {}", ast::to_string(d.goals[static_cast<std::size_t>(g)]));
    for (const auto& a : d.applied)
        out += fmt::format("\napplied {} {} {}", d.rule(a.rule).id,
                           a.verdict ? ast::to_string(*a.verdict) : "-", a.message);
    for (const auto& o : d.overridden)
        out += fmt::format("\noverridden {}", d.rule(o.rule).id);
    for (const auto& u : d.undetermined)
        out += fmt::format("\nundetermined {}", d.rule(u.rule).id);
    for (const auto& o : d.obligations)
        out += fmt::format("\noblige {} {}", o.name, o.message);
    for (const auto& m : d.missing)
        out += fmt::format("\nmissing {}", m.path);
    return out;
}

// Runs the fixed cases that the program's schema accepts; returns what each concludes.
std::vector<std::string> run_fixed_cases(const std::shared_ptr<const Program>& program) {
    std::vector<std::string> meanings;
    for (const auto& text : fixed_cases()) {
        Diagnostics diags;
        auto c = read_case_text(*program, text, "fixed case", diags);
        if (!c) {
            meanings.push_back("not read");
            continue;
        }
        check_conditions(*program, *c);
        DecideOptions options;
        // A fuzzed schema may leave `date` out: decide such a case as of a fixed day.
        if (!c->has_date) options.as_of = default_as_of();
        DecideOptions brief = options;
        options.full = true;
        decide_checked(program, *c, options);
        meanings.push_back(meaning_of(decide_dated(program, *c, brief)));
    }
    return meanings;
}

// The file and its formatted text check alike and decide the fixed cases alike.
void check_compiled(const std::string& text, const std::string& formatted,
                    const std::string& module) {
    Diagnostics check_diags;
    auto program = compile_with_stdlib(text, module, check_diags);
    check_diagnostics_size(check_diags, text.size());
    if (!program) return;
    auto meanings = run_fixed_cases(program);

    Diagnostics formatted_diags;
    auto reformatted = compile_with_stdlib(formatted, module, formatted_diags);
    if (!reformatted)
        violated("the formatted rule file checks like the original",
                 render(formatted_diags) + "\n---- formatted ----\n" + formatted);
    if (run_fixed_cases(reformatted) != meanings)
        violated("the formatted rule file decides the fixed cases like the original",
                 "---- formatted ----\n" + formatted);
}

// A file that parses: its text, its layout, its checks, its run time.
void check_parsed(const std::string& text, const ast::Module& module) {
    if (!valid_utf8(text))
        violated("a rule file that parses is UTF-8", "the file parses without errors");
    std::string formatted;
    check_format(module, file_name_for(module.name), formatted);
    check_compiled(text, formatted, module.name);
}

void check_rule_text(const std::string& text) {
    Source source("stdlib-rules/fuzz.kader", text);
    Diagnostics diags;
    ast::Module module = parse_module(source, diags);
    check_diagnostics_size(diags, text.size());
    if (!diags.has_errors()) check_parsed(text, module);
    // Last, so that a more specific property is the one reported.
    check_byte_order_mark(text, module, diags.has_errors());
}

} // namespace

} // namespace kader::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    kader::fuzz::fixed_cases();
    kader::fuzz::stdlib_rule_files();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(kader::fuzz::as_text(data, size));
    kader::fuzz::guarded("rule_text", [&] { kader::fuzz::check_rule_text(text); });
    return 0;
}
