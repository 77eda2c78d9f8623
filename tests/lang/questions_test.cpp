// question_for(): the schema's `ask` for a missing fact, which list element
// it concerns, and a question made from the field's name when the schema
// has none. The standard schema asks a question for every fact that can be
// missing.
#include "lang/checker.hpp"
#include "lang/questions.hpp"
#include "tests/lang/support.hpp"

#include "kader_catch.hpp"

using namespace kader;

namespace {

const std::string schema_text = R"(module schema

schema case {
  date: date
  contract_date: optional date ask "When was the contract concluded?"
  authorisation_requested: optional date
  end_use: optional enum {civil, military, wmd}
  exporter: optional record {
    name: string
    us_persons: optional boolean ask "Is any US person involved?"
  } ask "Who is the exporter?"
  items: nonempty list of record {
    code: optional code
    params: optional record {
      node_nm: optional number ask "Which technology node (nm) does the item serve?"
      immersion: optional boolean
    }
    serves: optional record {
      params: optional record {
        wavelength_nm: optional number
      }
    }
  }
  parties: list of record {
    sector: optional enum {civil, military} ask "In which sector does the party work?"
    flags: optional list of string
  }
  transit: optional list of country
  classes: optional list of string
}
)";

std::shared_ptr<const Program> compiled(const std::string& text) {
    std::vector<std::unique_ptr<Source>> sources;
    sources.push_back(std::make_unique<Source>("schema.kader", text));
    DataReader none = [](const Source&, const std::string&, std::string& error) {
        error = "no data files here";
        return std::optional<std::string>{};
    };
    Diagnostics diags;
    auto program = compile(std::move(sources), none, diags);
    INFO(render(diags));
    REQUIRE(program);
    return program;
}

const Program& program() {
    static const auto p = compiled(schema_text);
    return *p;
}

Question ask(std::string_view path) {
    return question_for(program(), path);
}

} // namespace

TEST_CASE("a fact of the case gets the schema's question as written") {
    Question q = ask("contract_date");
    CHECK(q.text == "When was the contract concluded?");
    CHECK_FALSE(q.generated);
    CHECK(q.about.empty());
    CHECK(question_line(q) == "When was the contract concluded?");
    CHECK(ask("exporter.us_persons").text == "Is any US person involved?");
    CHECK(ask("exporter").text == "Who is the exporter?");
}

TEST_CASE("a fact of a list element says which element, counted from 1") {
    Question q = ask("items[0].params.node_nm");
    CHECK(q.text == "Which technology node (nm) does the item serve?");
    CHECK_FALSE(q.generated);
    CHECK(q.about == "item 1");
    CHECK(question_line(q) == "Item 1: Which technology node (nm) does the item serve?");
    Question party = ask("parties[1].sector");
    CHECK(party.text == "In which sector does the party work?");
    CHECK(party.about == "party 2");
    CHECK(ask("parties[0].flags[2]").about == "party 1, flag 3");
    CHECK(ask("items[2]").about == "item 3");
    CHECK(ask("classes[0]").about == "class 1");
    CHECK(ask("transit[4]").about == "transit 5");
}

TEST_CASE("without `ask` the question is made from the field's name and type") {
    auto generated = [](std::string_view path) {
        Question q = ask(path);
        CHECK(q.generated);
        return question_line(q);
    };
    CHECK(generated("authorisation_requested") == "What is the authorisation requested?");
    CHECK(generated("end_use") == "What is the end use: civil, military or wmd?");
    CHECK(generated("items[0].code") == "Item 1: What is the code?");
    CHECK(generated("items[0].params.immersion") == "Item 1: Immersion (params): yes or no?");
    CHECK(generated("items[1].serves.params.wavelength_nm") ==
          "Item 2: What is the wavelength nm (serves.params)?");
    CHECK(generated("items[0].serves") == "Item 1: What are the details of the serves?");
    CHECK(generated("transit") == "What are the transit?");
    CHECK(generated("exporter.name") == "What is the name (exporter)?");
    CHECK(generated("items[2]") == "Item 3: What are the details of the item?");
}

TEST_CASE("a path the schema does not know gets a question from its words") {
    Question q = ask("licence.reference_number");
    CHECK(q.generated);
    CHECK(q.text == "What is the reference number (licence)?");
    CHECK(ask("items[0].colour").text == "What is the colour?");
    CHECK(ask("items[0].colour").about == "item 1");
    CHECK(ask("contract_date.day").text == "What is the day (contract_date)?");
    CHECK(ask("date[0]").about == "date 1");
}

TEST_CASE("a malformed path gets a generic question, never a crash") {
    for (std::string_view path :
         {"", ".", "a.", ".a", "a..b", "items[", "items[]", "items[x]", "items[-1]", "[0]",
          "items[0]x", "items[99999999999999999999999]", "items[18446744073709551615]"}) {
        INFO(path);
        Question q = ask(path);
        CHECK(q.generated);
        CHECK_FALSE(q.text.empty());
        CHECK(q.about.empty());
    }
    CHECK(ask("").text == "Which fact is missing?");
    CHECK(ask("items[").text == "What is the value of items[?");
}

TEST_CASE("a program without a schema still gets questions") {
    auto p = compiled("module m\n");
    Question q = question_for(*p, "items[0].params.node_nm");
    CHECK(q.generated);
    CHECK(question_line(q) == "Item 1: What is the node nm (params)?");
}

TEST_CASE("the standard schema asks a question for every fact that can be missing") {
    auto p = compiled(test::read_file(test::source_dir() / "stdlib-rules" / "schema.kader"));
    std::vector<std::string> unasked;
    // A field can be missing when it is optional or below an optional record.
    auto walk = [&](auto&& self, int node, const std::string& path, bool present) -> void {
        const SchemaNode& n = p->schema.at(static_cast<std::size_t>(node));
        if (n.kind == ast::TypeKind::list) return self(self, n.element, path + "[0]", true);
        for (const auto& f : n.fields) {
            std::string at = path.empty() ? f.name : path + "." + f.name;
            bool field_present = present && !f.optional;
            if (!field_present && f.ask.empty()) unasked.push_back(at);
            if (!field_present) {
                Question q = question_for(*p, at);
                CHECK_FALSE(q.generated);
                CHECK(q.text.back() == '?');
            }
            self(self, f.type, at, field_present);
        }
    };
    walk(walk, 0, "", true);
    CHECK(unasked == std::vector<std::string>{});
}
