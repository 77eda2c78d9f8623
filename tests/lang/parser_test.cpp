#include "lang/parser.hpp"

#include <catch2/catch.hpp>

using namespace kader;

TEST_CASE("a rule parses with all its lines") {
    Source src("t.kader", "module m\n\nrule r\n  goal sanctions\n  basis \"b\"\n  when case.destination == \"RU\"\n  then prohibited \"x {case.destination}\"\n");
    Diagnostics d;
    auto m = parse_module(src, d);
    INFO(render(d));
    REQUIRE(d.empty());
    REQUIRE(m.rules.size() == 1);
}
