// The rule reference (`kader doc`): definitions, sets with their data and
// provenance, tables as tables, the review list, and links that resolve.
#include "support.hpp"

#include "interpreter/api_internal.hpp"

#include "interpreter/render_reference.hpp"

#include <regex>
#include <set>

using Catch::Contains;

namespace {

const std::string rules = kt::module_t(R"R(
/// An item made on a node of 16 nm or smaller.
def advanced(item) = known(item.params.node_nm) and item.params.node_nm <= 16

def any_advanced = any item in case.items: advanced(item)

/// Destinations of concern, chosen by the authors of these rules.
set concern: country = {"RU", "IR", "BY"}

/// Consignees listed by the Council.
set listed = load "listed.json"

/// Screening of destinations and nodes.
table screening
  goal end_use
  hit first
  basis "Internal screening guidance"
  review "the screening thresholds are not agreed yet"
  | case.destination | any_advanced | => verdict                        |
  | in concern       | -            | => deny "destination of concern"  |
  | -                | true         | => escalate "advanced node"       |

/// A listed party anywhere in the chain.
rule listed_party
  goal sanctions
  basis "Annex IV"
  review "the list is partial"
  when any p in case.parties: p.name in listed
  then prohibited "{p.name} is listed"
)R");

// Fourteen names: more than the reference shows unfolded.
const char* const listed_json = R"({
  "source": "Council Implementing Regulation 2024/0001, Annex",
  "reliability": "transcribed by hand, not checked against the OJ",
  "entries": ["Zeta LLC", "Alpha JSC", "Beta Ltd", "Gamma AG", "Delta BV", "Epsilon SA",
              "Eta Oy", "Theta AB", "Iota AS", "Kappa Kft", "Lambda SpA", "Mu Sp", "Nu NV",
              "Xi GmbH"]
})";

std::string reference() {
    kt::TempDir dir;
    dir.write("t.kader", rules);
    dir.write("listed.json", listed_json);
    auto loaded = kader::RuleSet::load({dir.path().string()}, false);
    REQUIRE(loaded.ok());
    return kader::render_reference(*kader::program_of(*loaded));
}

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++n;
    return n;
}

// The targets of `](#id)` links that no `<a id="id">` in the document defines.
std::set<std::string> broken_links(const std::string& doc) {
    const std::regex anchor_pattern(R"re(<a id="([^"]+)"></a>)re");
    const std::regex link_pattern(R"re(\]\(#([^)]+)\))re");
    const std::sregex_iterator none;
    std::set<std::string> anchors, broken;
    for (auto i = std::sregex_iterator(doc.begin(), doc.end(), anchor_pattern); i != none; ++i)
        anchors.insert((*i)[1]);
    for (auto i = std::sregex_iterator(doc.begin(), doc.end(), link_pattern); i != none; ++i)
        if (!anchors.count((*i)[1])) broken.insert((*i)[1]);
    return broken;
}

} // namespace

TEST_CASE("the reference shows every definition with its body as Kader source") {
    std::string doc = reference();
    CHECK_THAT(doc, Contains("<a id=\"def-t.advanced\"></a>\n#### `t.advanced(item)`"));
    CHECK_THAT(doc, Contains("An item made on a node of 16 nm or smaller."));
    CHECK_THAT(doc, Contains("```kader\ndef advanced(item) =\n"
                             "  known(item.params.node_nm) and item.params.node_nm <= 16\n```"));
    CHECK_THAT(doc, Contains("def any_advanced =\n  any item in case.items: advanced(item)"));
}

TEST_CASE("the reference shows a set's own doc, its data file's notes and its entries") {
    std::string doc = reference();
    CHECK_THAT(doc, Contains("Consignees listed by the Council."));
    CHECK_THAT(doc, Contains("| data file | `listed.json` |"));
    CHECK_THAT(doc, Contains("| source of the data | Council Implementing Regulation 2024/0001, "
                             "Annex |"));
    CHECK_THAT(doc, Contains("| reliability | transcribed by hand, not checked against the OJ |"));
    CHECK_THAT(doc, Contains("<details><summary>14 entries</summary>\n\n`Alpha JSC`, `Beta Ltd`, "
                             "`Delta BV`"));
    CHECK_THAT(doc, Contains("`Xi GmbH`, `Zeta LLC`\n\n</details>"));
    // A short inline set is listed openly, sorted, with its declared type.
    CHECK_THAT(doc, Contains("Destinations of concern, chosen by the authors of these rules."));
    CHECK_THAT(doc, Contains("| element type | country |"));
    CHECK_THAT(doc, Contains("Entries: `BY`, `IR`, `RU`\n"));
}

TEST_CASE("the reference shows a decision table as a table, its rows not as rules") {
    std::string doc = reference();
    CHECK_THAT(doc, Contains("Screening of destinations and nodes."));
    CHECK_THAT(doc, Contains("| hit policy | first: only the first matching row applies |"));
    CHECK_THAT(doc, Contains("| row | `case.destination` | `any_advanced` | verdict | message |\n"
                             "|---|---|---|---|---|\n"
                             "| 1 | `in concern` | - | deny | destination of concern |\n"
                             "| 2 | - | `true` | escalate | advanced node |\n"));
    CHECK(occurrences(doc, "Screening of destinations and nodes.") == 1);
    CHECK_THAT(doc, !Contains("screening#"));
}

TEST_CASE("the reference shows a rule with its outcome, review note and condition") {
    std::string doc = reference();
    CHECK_THAT(doc, Contains("<a id=\"rule-t.listed_party\"></a>\n#### `t.listed_party`"));
    CHECK_THAT(doc, Contains("| verdict | prohibited |\n| message | {p.name} is listed |"));
    CHECK_THAT(doc, Contains("| needs review | the list is partial |"));
    CHECK_THAT(doc, Contains("| condition | `any p in case.parties: p.name in listed` |"));
}

TEST_CASE("the reference collects every review note with a link that resolves") {
    std::string doc = reference();
    auto review = doc.find("## Needs review");
    REQUIRE(review != std::string::npos);
    std::string list = doc.substr(review);
    CHECK_THAT(list, Contains("- [`t.listed_party`](#rule-t.listed_party): the list is partial"));
    CHECK_THAT(list, Contains("- [`t.screening` (table)](#table-t.screening): the screening "
                              "thresholds are not agreed yet"));
    CHECK_THAT(doc, Contains("<a id=\"rule-t.listed_party\"></a>"));
    CHECK_THAT(doc, Contains("<a id=\"table-t.screening\"></a>"));
    CHECK_THAT(doc, Contains("- [Needs review](#needs-review) (2 notes)"));
    CHECK(broken_links(doc).empty());
}

TEST_CASE("the reference shows the case schema once, as a list of fields") {
    std::string doc = reference();
    CHECK(occurrences(doc, "### Case schema") == 1);
    CHECK_THAT(doc, Contains("- `destination`: country\n"));
    CHECK_THAT(doc,
               Contains("- `end_use` *(optional)*: one of `civil`, `military`, `wmd`, `unknown`"));
    CHECK_THAT(doc,
               Contains("- `items`: nonempty list of record\n  - `code` *(optional)*: code\n"));
    CHECK_THAT(
        doc, Contains("  - `params` *(optional)*: record\n    - `node_nm` *(optional)*: number\n"));
}

TEST_CASE("the reference shows a field's question under the field, in its list item") {
    auto standard = kader::RuleSet::standard();
    std::string doc = kader::render_reference(*kader::program_of(standard));
    CHECK_THAT(doc, Contains("- `contract_date` *(optional)*: date\\\n"
                             "  Question: When was the contract for these goods concluded?\n"));
    CHECK_THAT(doc, Contains("    - `node_nm` *(optional)*: number\\\n"
                             "      Question: Which technology node (nm) does the item serve?\n"));
    CHECK_THAT(doc, Contains("- `date`: date\n"));
}

TEST_CASE("every link of the standard library's reference resolves") {
    auto standard = kader::RuleSet::standard();
    std::string doc = kader::render_reference(*kader::program_of(standard));
    CHECK(broken_links(doc) == std::set<std::string>{});
    CHECK_THAT(doc, Contains("## Needs review"));
    // Headings carry no `{#id}`: GitHub would show it as text.
    CHECK_THAT(doc, !Contains("{#"));
}
