// One data file that feeds several sets (`groups.json#/east`,
// `groups.json#/west`) is parsed once per load of the rules, yet each set
// gets its own part, a mistake is still found at its line and column, the
// fingerprint still counts each `load`, and a file whose text changed
// between two reads is parsed again.
#include "lang/checker.hpp"
#include "lang/fingerprint.hpp"

#include "kader_catch.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kader {
namespace {

const std::string rules = R"(module groups

schema case {
  date: date
  destination: country
}

set east: country = load "groups.json#/east"

set west: country = load "groups.json#/west"

rule r
  goal sanctions
  basis "b"
  when case.destination in east or case.destination in west
  then prohibited
)";

const std::string groups = R"({
  "east": ["RU", "BY"],
  "west": ["GB", "US"]
})";

// Compiles `rules` with the data files of `texts`, the n-th reading of a
// file getting the n-th text listed for it (the last one from then on).
struct Compiled {
    std::shared_ptr<const Program> program;
    Diagnostics diags;
    int reads = 0;
};

Compiled compile_with(const std::vector<std::string>& texts) {
    Compiled c;
    std::vector<std::unique_ptr<Source>> sources;
    sources.push_back(std::make_unique<Source>("dir/groups.kader", rules));
    DataReader reader = [&](const Source&, const std::string& path,
                            std::string& error) -> std::optional<std::string> {
        if (path != "groups.json") {
            error = "no such file";
            return std::nullopt;
        }
        const std::size_t n = static_cast<std::size_t>(c.reads++);
        return texts[std::min(n, texts.size() - 1)];
    };
    c.program = compile(std::move(sources), reader, c.diags);
    return c;
}

const NamedSet& set_named(const Program& p, const std::string& name) {
    for (const auto& s : p.sets)
        if (s.name == name) return s;
    FAIL("no set " << name);
    return p.sets.front();
}

} // namespace

TEST_CASE("sets loaded from parts of one data file each get their own part") {
    auto c = compile_with({groups});
    REQUIRE(c.program);
    CHECK(c.reads == 2); // each load reads: each counts in the fingerprint
    const NamedSet& east = set_named(*c.program, "groups.east");
    const NamedSet& west = set_named(*c.program, "groups.west");
    CHECK(east.entries.size() == 2);
    CHECK(east.entries.contains("RU"));
    CHECK_FALSE(east.entries.contains("GB"));
    CHECK(west.entries.size() == 2);
    CHECK(west.entries.contains("US"));
    CHECK_FALSE(west.entries.contains("BY"));
    CHECK(east.data_path == "dir/groups.json");
    // The fingerprint of rule sets made before the file was parsed once.
    CHECK(c.program->fingerprint == fingerprint({rules, groups, groups}));
}

TEST_CASE("a data file shared by two sets reports a bad entry of the second at its place") {
    const std::string bad = R"({
  "east": ["RU", "BY"],
  "west": ["GB", "UK"]
})";
    auto c = compile_with({bad});
    CHECK_FALSE(c.program);
    const std::vector<Diagnostic> all = c.diags.all();
    REQUIRE(all.size() == 1);
    const Diagnostic& d = all.front();
    CHECK(d.message == "set `west` holds country codes, but \"UK\" is not an ISO 3166-1 alpha-2 "
                       "country code");
    CHECK(d.location.input == "dir/groups.json");
    CHECK(d.location.line == 3);
    CHECK(d.location.column == 18);
    CHECK(d.location.text == R"(  "west": ["GB", "UK"])");
}

TEST_CASE("a data file whose text changed between two loads is read as it is at each") {
    const std::string changed = R"({"east": ["CN"], "west": ["FR", "DE", "IT"]})";
    auto c = compile_with({groups, changed});
    REQUIRE(c.program);
    const NamedSet& east = set_named(*c.program, "groups.east");
    const NamedSet& west = set_named(*c.program, "groups.west");
    CHECK(east.entries.contains("RU"));
    CHECK(west.entries.size() == 3);
    CHECK(west.entries.contains("DE"));
    CHECK(c.program->fingerprint == fingerprint({rules, groups, changed}));
}

} // namespace kader
