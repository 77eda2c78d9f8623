// The symbol tables the checker keeps in the program, and the REPL's open
// scope resolved through them: a bare name goes to the one module that
// declares it, a name several modules declare must be qualified.
#include "lang/checker.hpp"
#include "lang/parser.hpp"
#include "tests/lang/support.hpp"

#include "kader_catch.hpp"

namespace kader {
namespace {

const char* module_x = R"(module demo.x

set shared = {"A"}
set only_x = {"B"}

def pick(c) = c in shared

rule r
  goal end_use
  basis "test"
  when pick("A") and "B" in only_x
  then deny "x"
)";

const char* module_y = R"(module other.y

import demo.x

set shared = {"C"}

rule s
  goal end_use
  basis "test"
  when "C" in shared and x.pick("A")
  then deny "y"
)";

std::shared_ptr<const Program> compile_two(Diagnostics& diags) {
    std::vector<std::unique_ptr<Source>> sources;
    sources.push_back(std::make_unique<Source>("x.kader", module_x));
    sources.push_back(std::make_unique<Source>("y.kader", module_y));
    DataReader none = [](const Source&, const std::string&, std::string& error) {
        error = "no data files here";
        return std::optional<std::string>{};
    };
    return compile(std::move(sources), none, diags);
}

const ModuleInfo& module_named(const Program& p, const std::string& name) {
    for (const auto& m : p.modules)
        if (m.name == name) return m;
    FAIL("no module " << name);
    throw;
}

// The expression typed in the REPL, resolved; the errors rendered as headlines.
struct Typed {
    int node = -1;
    std::vector<std::string> errors;
};

Typed type_in(ExpressionScope& scope, const std::string& text) {
    Source source("<input>", text);
    Diagnostics diags;
    auto e = parse_expression(source, diags);
    REQUIRE(e);
    int frame_size = 0;
    Typed t;
    t.node = scope.resolve(*e, diags, frame_size);
    t.errors = test::headlines(diags);
    return t;
}

} // namespace

TEST_CASE("the program keeps each module's symbols, kinds, places and imports") {
    Diagnostics diags;
    auto p = compile_two(diags);
    REQUIRE(p);
    const ModuleInfo& x = module_named(*p, "demo.x");
    const ModuleInfo& y = module_named(*p, "other.y");
    REQUIRE(x.symbols.size() == 4);
    CHECK(x.symbols.at("shared").kind == Symbol::set);
    CHECK(x.symbols.at("pick").kind == Symbol::def);
    CHECK(x.symbols.at("r").kind == Symbol::rule);
    CHECK(x.symbols.at("only_x").location.line == 4);
    CHECK(x.symbols.at("only_x").location.column == 5);
    CHECK(x.imports.empty());
    REQUIRE(y.imports.count("x") == 1);
    CHECK(p->modules[static_cast<std::size_t>(y.imports.at("x"))].name == "demo.x");
    // Each set symbol leads to the loaded set; each definition to its AST.
    const Symbol& shared = y.symbols.at("shared");
    CHECK(p->sets[static_cast<std::size_t>(y.set_index[shared.index])].name == "other.y.shared");
    CHECK(x.ast->defs[x.symbols.at("pick").index].name == "pick");
    CHECK(x.ambiguous.empty());
}

TEST_CASE("the REPL's scope: bare names of one module, qualified names of several") {
    Diagnostics diags;
    auto p = compile_two(diags);
    REQUIRE(p);
    std::size_t nodes = p->nodes.size();
    ExpressionScope scope(p);

    Typed only = type_in(scope, R"("B" in only_x)");
    CHECK(only.errors.empty());
    CHECK(scope.program().node(only.node).op == Op::in_set);
    CHECK(
        scope.program().sets[static_cast<std::size_t>(scope.program().node(only.node).set)].name ==
        "demo.x.only_x");

    Typed call = type_in(scope, R"(pick("A"))");
    CHECK(call.errors.empty());
    CHECK(scope.program().node(call.node).text == "demo.x.pick");

    Typed both = type_in(scope, R"("A" in shared)");
    CHECK(both.node == -1);
    CHECK(both.errors == std::vector<std::string>{
                             "<input>:1:8: error[K0310]: `shared` is declared in several modules"});

    Typed qualified = type_in(scope, R"("C" in y.shared)");
    CHECK(qualified.errors.empty());
    CHECK(scope.program()
              .sets[static_cast<std::size_t>(scope.program().node(qualified.node).set)]
              .name == "other.y.shared");

    Typed slip = type_in(scope, R"("B" in only_y)");
    CHECK(slip.errors ==
          std::vector<std::string>{"<input>:1:8: error[K0305]: unknown name `only_y`"});

    // The compiled program is shared and never changed.
    CHECK(p->nodes.size() == nodes);
}

} // namespace kader
