// Tab completion, through the Session (the terminal test presses Tab for real).
#include "support.hpp"

#include "kader_catch.hpp"

using namespace kader;
using namespace kader::test;

namespace {

std::vector<std::string> options(const repl::Session& s, const std::string& line) {
    return s.complete(line).options;
}

} // namespace

TEST_CASE("completion offers commands, paths, values, rules, names and files") {
    InDir here(fresh_workdir("completion"));
    repl::Session s({{"rules"}, {}, false});
    REQUIRE_FALSE(s.start().error);
    REQUIRE_FALSE(s.run(":case cases/hk.json").error);

    CHECK(options(s, ":he") == std::vector<std::string>{":help "});
    CHECK(options(s, "wha") == std::vector<std::string>{"whatif "});
    CHECK(options(s, ":re") == std::vector<std::string>{":reload "});
    // Paths go one segment at a time, with the indices of the case's lists.
    CHECK(options(s, "set par") == std::vector<std::string>{"parties"});
    CHECK(options(s, "set parties") == std::vector<std::string>{"parties", "parties[0]"});
    CHECK(options(s, "set parties[0].co") == std::vector<std::string>{"parties[0].country "});
    CHECK(options(s, "set items[0].params.") ==
          std::vector<std::string>{"items[0].params.node_nm "});
    CHECK(options(s, "unset end") == std::vector<std::string>{"end_use "});
    CHECK(options(s, "whatif des") == std::vector<std::string>{"destination "});
    CHECK(options(s, "whatif un") == std::vector<std::string>{"unset "});
    CHECK(options(s, "whatif unset end") == std::vector<std::string>{"end_use "});
    repl::Completion c = s.complete("set parties[0].country = \"K");
    CHECK(c.start == 25);
    CHECK(std::find(c.options.begin(), c.options.end(), "\"KZ\"") != c.options.end());
    CHECK(options(s, "set end_use = \"m") == std::vector<std::string>{"\"military\""});
    CHECK(options(s, "set parties[0].role = \"i") == std::vector<std::string>{"\"intermediary\""});
    CHECK(options(s, "add transit \"N") ==
          std::vector<std::string>{"\"NA\"", "\"NC\"", "\"NE\"", "\"NF\"", "\"NG\"", "\"NI\"",
                                   "\"NL\"", "\"NO\"", "\"NP\"", "\"NR\"", "\"NU\"", "\"NZ\""});
    // Rules by full id or by their last part.
    CHECK(options(s, "why trade.dual") == std::vector<std::string>{"trade.dual_use_ban "});
    CHECK(options(s, "why general") == std::vector<std::string>{"general_authorisation "});
    // Names in expressions: modules, their members, fields of the case and of a quantifier's
    // variable.
    CHECK(options(s, "comm") == std::vector<std::string>{"common."});
    CHECK(options(s, "common.lea") == std::vector<std::string>{"common.leaves_eu "});
    CHECK(options(s, "common.list") == std::vector<std::string>{"common.listed("});
    CHECK(options(s, "case.dest") == std::vector<std::string>{"case.destination"});
    CHECK(options(s, "case.exporter.co") == std::vector<std::string>{"case.exporter.country"});
    CHECK(options(s, "any p in case.parties: p.ro") == std::vector<std::string>{"p.role"});
    CHECK(options(s, "\"HK\" in common.div") == std::vector<std::string>{"common.diversion_risk "});
    CHECK(options(s, "case.destination == \"H") ==
          std::vector<std::string>{"\"HK\"", "\"HM\"", "\"HN\"", "\"HR\"", "\"HT\"", "\"HU\""});
    CHECK(options(s, ":rules sa") == std::vector<std::string>{"sanctions "});
    CHECK(options(s, ":asof c") == std::vector<std::string>{"case "});
    CHECK(options(s, "eval f") == std::vector<std::string>{"full "});
    CHECK(options(s, ":help wh") == std::vector<std::string>{"whatif ", "why ", "whynot "});
    // `whynot` and `why not`: the verdicts, `lower` and `higher`, then the options.
    CHECK(options(s, "whynot l") == std::vector<std::string>{"license_required ", "lower "});
    CHECK(options(s, "why not h") == std::vector<std::string>{"higher "});
    CHECK(options(s, "whynot allow b") == std::vector<std::string>{"budget "});
    CHECK(options(s, "why not common.lea") == std::vector<std::string>{"common.leaves_eu "});
    // Files for :case, :load and :save.
    CHECK(options(s, ":case cases/h") == std::vector<std::string>{"cases/hk.json "});
    CHECK(options(s, ":load mo") == std::vector<std::string>{"more/"});
    CHECK(options(s, "set nothing.here").empty());
}
