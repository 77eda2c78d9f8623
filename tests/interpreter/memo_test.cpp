// `kader memo` (docs/memo.md): the EUR-Lex links of legal bases, the memo
// read from a decision JSON, its Markdown and HTML, the command line and its
// errors. The golden files in golden-memo/ pin the memo of one complete and
// one incomplete example case; after an intended change regenerate them with
//
//   KADER_UPDATE_GOLDEN=1 ./build/tests/interpreter/interpreter_tests '[memo]'
//
// and review the diff before committing.
#include "interpreter/eurlex.hpp"
#include "interpreter/render_memo.hpp"
#include "support.hpp"

#include <fmt/format.h>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

// The CELEX numbers of the acts a text cites, in order.
kt::Strings celex_in(const std::string& text) {
    kt::Strings out;
    for (const auto& act : kader::find_eu_acts(text))
        out.push_back(act.celex);
    return out;
}

// The words of the text each citation covers.
kt::Strings cited_text(const std::string& text) {
    kt::Strings out;
    for (const auto& act : kader::find_eu_acts(text))
        out.push_back(text.substr(act.begin, act.end - act.begin));
    return out;
}

const fs::path cases = kt::source_dir() / "examples" / "cases";
const std::string complete_case = "chips-ru-defence-via-hk-2022-11";
const std::string incomplete_case = "encryption-ru-2022";

std::string case_arg(const std::string& name) {
    return kt::quoted(cases / (name + ".json"));
}

// The decision JSON of an example case, as `eval --format json` writes it.
std::string decision_of(const std::string& name) {
    auto r = kt::kader("eval " + case_arg(name) + " --format json");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

// A small decision, complete and valid, for tests that change one field.
nlohmann::ordered_json small_decision() {
    return nlohmann::ordered_json::parse(R"json({
      "case": "T-1", "verdict": "deny", "incomplete": false, "as_of": "2024-01-02",
      "ruleset": {"fingerprint": "sha256:00", "modules": ["t"]},
      "goals": {"end_use": "deny", "strategic_dependency": "allow", "tech_leadership": "allow",
                "sanctions": "allow", "control_list": "allow"},
      "applied": [{"rule": "t.r", "verdict": "deny", "goal": "end_use",
                   "basis": "Reg. (EU) 2021/821 Art. 4(1)", "message": "m",
                   "location": "t.kader:3:1",
                   "reason": {"expr": "x", "value": true, "facts": [
                       {"path": "destination", "type": "string", "value": "CN"}]}}],
      "overridden": [], "undetermined": [], "obligations": []})json");
}

std::string memo_error(const nlohmann::ordered_json& decision) {
    std::string error;
    auto memo = kader::memo_from_json(decision, error);
    CHECK_FALSE(memo);
    return error;
}

} // namespace

TEST_CASE("EUR-Lex: regulations old and new numbering", "[memo][eurlex]") {
    CHECK(celex_in("Reg. (EU) 833/2014 Art. 2a(1)") == kt::Strings{"32014R0833"});
    CHECK(celex_in("Reg. (EC) 765/2006 Art. 1e") == kt::Strings{"32006R0765"});
    CHECK(celex_in("as extended by Reg. (EU) 2022/1904 of 6 Oct 2022") ==
          kt::Strings{"32022R1904"});
    CHECK(celex_in("inserted by Reg. (EU) No 960/2014 of 8 Sep 2014") == kt::Strings{"32014R0960"});
    CHECK(celex_in("Reg. (EU) 2021/821 Art. 3(1) and Annex I") == kt::Strings{"32021R0821"});
    CHECK(celex_in("Council Reg. (EC) No 428/2009 Art. 3(1)") == kt::Strings{"32009R0428"});
    CHECK(celex_in("Council Reg. (EC) No 1334/2000 (dual-use regulation until 26 Aug 2009)") ==
          kt::Strings{"32000R1334"});
    CHECK(celex_in("Regulation (EEC) No 2913/92") == kt::Strings{"31992R2913"});
    // (EC) and "No" mark the old series even when the number looks like a later year.
    CHECK(celex_in("Council Regulation (EC) No 2015/2006") == kt::Strings{"32006R2015"});
    CHECK(cited_text("see Reg. (EU) 833/2014 Art. 2") == kt::Strings{"Reg. (EU) 833/2014"});
}

TEST_CASE("EUR-Lex: decisions and common positions and CELEX numbers", "[memo][eurlex]") {
    CHECK(celex_in("(Decision (CFSP) 2023/1601)") == kt::Strings{"32023D1601"});
    CHECK(celex_in("e.g. Decision 2014/512/CFSP (Russia)") == kt::Strings{"32014D0512"});
    CHECK(cited_text("e.g. Decision 2014/512/CFSP (Russia)") ==
          kt::Strings{"Decision 2014/512/CFSP"});
    CHECK(celex_in("Council Common Position 2008/944/CFSP (criteria)") ==
          kt::Strings{"32008E0944"});
    CHECK(celex_in("Directive 2009/43/EC") == kt::Strings{"32009L0043"});
    CHECK(celex_in("consolidated text 02006R0765-20250327") == kt::Strings{"02006R0765-20250327"});
    CHECK(celex_in("CELEX 32014R0833.") == kt::Strings{"32014R0833"});
    CHECK(kader::eurlex_url("32014R0833") ==
          "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32014R0833");
}

TEST_CASE("EUR-Lex: several acts in one basis and lists of regulations", "[memo][eurlex]") {
    CHECK(celex_in("Reg. (EU) 833/2014 and Reg. (EC) 765/2006 as amended") ==
          kt::Strings{"32014R0833", "32006R0765"});
    std::string list = "Annex IV extended by Regs. 2022/879, 2023/427, 2023/1214 (third-country "
                       "entities), 2023/2878 and the 13th package of 23 Feb 2024";
    CHECK(celex_in(list) == kt::Strings{"32022R0879", "32023R0427", "32023R1214", "32023R2878"});
    CHECK(cited_text(list) == kt::Strings{"Regs. 2022/879", "2023/427", "2023/1214", "2023/2878"});
    CHECK(celex_in("Regs. 2022/879, 2023/427 and 2023/1214") ==
          kt::Strings{"32022R0879", "32023R0427", "32023R1214"});
}

TEST_CASE("EUR-Lex: what is not an EU act is not linked", "[memo][eurlex]") {
    for (const char* text :
         {"15 CFR 742.6(a)(6) and ECCN 3A090 (BIS interim final rule of 7 Oct 2022, 87 FR 62186)",
          "Regeling geavanceerde productieapparatuur voor halfgeleiders, Stcrt. 2023, 18212",
          "Kamerstuk 22054 nr. 376 of 1 Dec 2022", "FR doc. 2023-23055; 89 FR 23886",
          "OJ L 229, 31.7.2014", "Tweede Kamer 36 360 XVII nr. 1", "nr. BZ2404162",
          "Regulation of the Minister", "Decision of 2 Sep 2024", "Reg. (EU) 833/20145",
          "Reg. (EU) 0/2014", "Reg. (EU) 2014/", "Regs. and Decisions", "X32014R0833",
          "Reg. (EU) 1904/2022" /* NUMBER/YEAR after 2014 is no regulation */, ""})
        CHECK(celex_in(text).empty());
}

TEST_CASE("EUR-Lex: every basis of the standard library links only EU acts", "[memo][eurlex]") {
    std::regex basis_line(R"re(basis "([^"]*)")re");
    std::set<std::string> all;
    for (const auto& e : fs::recursive_directory_iterator(kt::source_dir() / "stdlib-rules")) {
        if (e.path().extension() != ".kader") continue;
        std::string text = kt::read_file(e.path());
        for (std::sregex_iterator m(text.begin(), text.end(), basis_line), end; m != end; ++m)
            for (const auto& act : kader::find_eu_acts((*m)[1].str()))
                all.insert(act.celex);
    }
    CHECK(all == std::set<std::string>{"02006R0765-20250327", "32000R1334", "32006R0765",
                                       "32008E0944", "32009R0428", "32014D0512", "32014R0833",
                                       "32014R0960", "32021R0821", "32022R0328", "32022R0355",
                                       "32022R0879", "32022R1904", "32023D1601", "32023R0427",
                                       "32023R1214", "32023R1594", "32023R2878", "32024R1865"});
}

TEST_CASE("EUR-Lex: pieces join to the text with links on the citations", "[memo][eurlex]") {
    std::string text = "Reg. (EU) 833/2014 Art. 2(1), as replaced by Reg. (EU) 2022/328";
    auto pieces = kader::link_eu_acts(text);
    REQUIRE(pieces.size() == 3);
    CHECK(pieces[0].text == "Reg. (EU) 833/2014");
    CHECK(pieces[0].url == kader::eurlex_url("32014R0833"));
    CHECK(pieces[1].url.empty());
    CHECK(pieces[2].url == kader::eurlex_url("32022R0328"));
    std::string joined;
    for (const auto& p : pieces)
        joined += p.text;
    CHECK(joined == text);
}

TEST_CASE("memo: the golden memos of a complete and an incomplete case", "[memo]") {
    fs::path golden = kt::source_dir() / "tests" / "interpreter" / "golden-memo";
    for (const auto& name : {complete_case, incomplete_case}) {
        for (const std::string format : {"md", "html"}) {
            auto r = kt::kader("memo " + case_arg(name) + " --format " + format);
            INFO(name << " " << format << ": " << r.err);
            REQUIRE(r.exit_code == 0);
            CHECK(r.err.empty());
            kt::compare_golden(golden / (name + "." + format), r.out);
        }
    }
}

TEST_CASE("memo: a case and its decision JSON give the same bytes", "[memo]") {
    kt::TempDir dir;
    for (const auto& name : {complete_case, incomplete_case, std::string("euv-jp-eu001-2024")}) {
        auto decision = dir.write(name + ".decision.json", decision_of(name));
        for (const std::string format : {"md", "html"}) {
            INFO(name << " " << format);
            auto from_case = kt::kader("memo " + case_arg(name) + " --format " + format);
            auto from_json =
                kt::kader("memo --from " + kt::quoted(decision) + " --format " + format);
            REQUIRE(from_case.exit_code == 0);
            REQUIRE(from_json.exit_code == 0);
            CHECK(from_case.out == from_json.out);
            // Standard input on either side, and a second run: the same bytes.
            auto piped = kt::kader("memo --from - --format " + format, kt::read_file(decision));
            CHECK(piped.out == from_case.out);
            auto case_piped =
                kt::kader("memo - --format " + format, kt::read_file(cases / (name + ".json")));
            CHECK(case_piped.out == from_case.out);
            CHECK(kt::kader("memo " + case_arg(name) + " --format " + format).out == from_case.out);
        }
    }
}

TEST_CASE("memo: Markdown is the default and cites first", "[memo]") {
    auto r = kt::kader("memo " + case_arg(complete_case));
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out,
               Catch::StartsWith("# Decision memo: case EX-02\n\n- **Verdict:** PROHIBITED\n"));
    CHECK_THAT(r.out, Catch::Contains(
                          "### 1. [Reg. (EU) 833/2014](https://eur-lex.europa.eu/legal-content/"
                          "EN/TXT/?uri=CELEX:32014R0833) Art. 2a(1) and Annex VII"));
    CHECK_THAT(r.out, Catch::Contains("- **Verdict:** prohibited (deciding)\n"));
    CHECK_THAT(r.out, Catch::Contains("  - `items[0].cn` = \"85423190\"\n"));
    // The sections, in their order.
    std::size_t at = 0;
    for (const char* section :
         {"## Verdict per goal", "## Provisions that applied", "## Exceptions considered",
          "## Obligations", "## Missing facts", "## Review notes", "## Facts relied on"}) {
        auto next = r.out.find(section, at);
        INFO(section);
        CHECK(next != std::string::npos);
        at = next;
    }
    CHECK_THAT(r.out, Catch::EndsWith("| `parties[1].sector` | \"military\" |\n"));
}

TEST_CASE("memo: an incomplete case asks its questions", "[memo]") {
    auto r = kt::kader("memo " + case_arg(incomplete_case));
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("- **Verdict:** PROHIBITED (incomplete)\n"));
    CHECK_THAT(r.out,
               Catch::Contains("1. On which date did the exporter request the authorisation?\n"
                               "   - **Fact:** `authorisation_requested`\n"
                               "   - **Effect:** could lower the verdict to escalate\n"));
}

TEST_CASE("memo: exceptions and obligations", "[memo]") {
    auto r = kt::kader("memo " + case_arg("euv-jp-eu001-2024"));
    REQUIRE(r.exit_code == 0);
    std::string eu_2021_821 = "[Reg. (EU) 2021/821](" + kader::eurlex_url("32021R0821") + ")";
    CHECK_THAT(r.out, Catch::Contains("## Exceptions considered\n\n"
                                      "- **Overridden:** `dual_use.annex_i_export_licence`: " +
                                      eu_2021_821 +
                                      " Art. 3(1) and Annex I (in force 9 Sep 2021)\n"
                                      "  - **by** `dual_use.eu001_general_authorisation`: " +
                                      eu_2021_821 + " Art. 12(1)(a) and Annex II"));
    CHECK_THAT(r.out, Catch::Contains("(overridden by `dual_use.eu001_general_authorisation`)"));
    CHECK_THAT(r.out, Catch::Contains("- `register_eu001`: register with the CDIU"));
}

TEST_CASE("memo: HTML is one page that needs nothing else", "[memo]") {
    auto r = kt::kader("memo " + case_arg(complete_case) + " --format html");
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                                        "<meta charset=\"utf-8\">\n"));
    CHECK_THAT(r.out, Catch::Contains("<title>Decision memo: case EX-02 (PROHIBITED)</title>"));
    CHECK_THAT(r.out, Catch::Contains("@media print") && Catch::Contains("@page"));
    CHECK_THAT(r.out, Catch::Contains("<a href=\"https://eur-lex.europa.eu/legal-content/EN/TXT/"
                                      "?uri=CELEX:32014R0833\" data-celex=\"32014R0833\">Reg. "
                                      "(EU) 833/2014</a>"));
    for (const char* external : {"<script", "<link", "src=", "@import", "url("})
        CHECK(r.out.find(external) == std::string::npos);
    CHECK_THAT(r.out, Catch::EndsWith("</main>\n</body>\n</html>\n"));
}

TEST_CASE("memo: text from the decision is escaped in Markdown and HTML", "[memo]") {
    auto d = small_decision();
    d["case"] = "<T&1>";
    d["applied"][0]["message"] = "a | b *c* [d](e) <script>'\"\nnext line";
    d["applied"][0]["reason"]["facts"][0]["path"] = "odd`path|";
    std::string error;
    auto memo = kader::memo_from_json(d, error);
    REQUIRE(memo);
    std::string md = kader::write_memo_markdown(*memo);
    CHECK_THAT(md, Catch::Contains("a \\| b \\*c\\* \\[d\\](e) \\<script\\>'\" next line"));
    CHECK_THAT(md, Catch::Contains("| ``odd`path\\|`` | \"CN\" |"));
    CHECK_THAT(md, Catch::StartsWith("# Decision memo: case \\<T\\&1\\>\n"));
    std::string html = kader::write_memo_html(*memo);
    CHECK_THAT(html, Catch::Contains("a | b *c* [d](e) &lt;script&gt;&#39;&quot; next line"));
    CHECK_THAT(html, Catch::Contains("<title>Decision memo: case &lt;T&amp;1&gt; (DENY)</title>"));
    CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("memo: the model orders provisions and collects the facts", "[memo]") {
    auto d = small_decision();
    auto milder = d["applied"][0];
    milder["rule"] = "t.mild";
    milder["verdict"] = "license_required";
    milder["reason"] = nlohmann::ordered_json::parse(R"json({"expr": "y", "value": true,
      "parts": [
        {"expr": "z", "value": true, "facts": [
          {"path": "items[10].code", "type": "string", "value": "3A001"},
          {"path": "date", "type": "date", "value": "2024-01-02"}]},
        {"expr": "w", "value": null, "facts": [
          {"path": "items[9].code", "type": "unknown", "value": null},
          {"path": "items[0].count", "type": "number", "value": 1.5}]}]})json");
    auto obligation_only = milder;
    obligation_only["rule"] = "t.duty";
    obligation_only["verdict"] = nullptr;
    d["applied"] = {obligation_only, milder, d["applied"][0]};
    std::string error;
    auto memo = kader::memo_from_json(d, error);
    REQUIRE(memo);
    REQUIRE(memo->provisions.size() == 3);
    CHECK(memo->provisions[0].rule == "t.r"); // deciding first
    CHECK(memo->provisions[0].deciding);
    CHECK(memo->provisions[1].rule == "t.mild");
    CHECK(memo->provisions[2].rule == "t.duty");
    kt::Strings paths;
    for (const auto& f : memo->facts)
        paths.push_back(f.path + (f.missing ? " missing" : " = " + f.value));
    CHECK(paths == kt::Strings{"date = 2024-01-02", "destination = \"CN\"", "items[0].count = 1.5",
                               "items[9].code missing", "items[10].code = \"3A001\""});
}

TEST_CASE("memo: a decision JSON with a missing or ill-typed field is refused", "[memo]") {
    auto d = small_decision();
    CHECK(memo_error(nlohmann::ordered_json::array()) == "the top level is an array");
    auto without = [&](const char* key) {
        auto copy = d;
        copy.erase(key);
        return copy;
    };
    for (const char* key : {"case", "verdict", "incomplete", "as_of", "ruleset", "goals", "applied",
                            "overridden", "obligations"})
        CHECK(memo_error(without(key)) == fmt::format("\"{}\" is missing", key));
    auto with = [&](const char* pointer, nlohmann::ordered_json value) {
        auto copy = d;
        copy[nlohmann::ordered_json::json_pointer(pointer)] = std::move(value);
        return copy;
    };
    CHECK(memo_error(with("/verdict", 3)) == "\"verdict\" is a number, not a verdict");
    CHECK(memo_error(with("/verdict", "forbidden")) ==
          "\"verdict\" is not a verdict: \"forbidden\"");
    CHECK(memo_error(with("/incomplete", "no")) == "\"incomplete\" is a string, not a boolean");
    CHECK(memo_error(with("/incomplete", true)) == "\"missing\" is missing");
    CHECK(memo_error(with("/ruleset/modules/0", nullptr)) ==
          "\"ruleset.modules[0]\" is null, not a string");
    CHECK(memo_error(with("/goals/sanctions", "maybe")) ==
          "\"goals.sanctions\" is not a verdict: \"maybe\"");
    CHECK(memo_error(with("/applied/0/basis", false)) ==
          "\"applied[0].basis\" is a boolean, not a string");
    CHECK(memo_error(with("/applied/0/reason/facts/0/value", 7)) ==
          "\"applied[0].reason.facts[0].value\" is a number, not a string");
    CHECK(memo_error(with("/applied/0/reason/parts", nlohmann::ordered_json::array({1}))) ==
          "\"applied[0].reason.parts[0]\" is a number, not an object");
    CHECK(memo_error(with("/overridden", nlohmann::ordered_json::parse(R"([{"rule": "t.r"}])"))) ==
          "\"overridden[0].by\" is missing");
    CHECK(memo_error(with("/applied/0/reason/facts/0/type", "colour")) ==
          "\"applied[0].reason.facts[0].type\" is not a type of fact: \"colour\"");
}

TEST_CASE("memo: every field of a real decision removed or replaced is refused or read", "[memo]") {
    // Whatever is taken out of a real decision or given the wrong type, the
    // memo is written or refused with a message: nothing throws or crashes.
    auto d = nlohmann::ordered_json::parse(decision_of(incomplete_case));
    std::vector<nlohmann::ordered_json::json_pointer> pointers;
    auto flat = d.flatten();
    for (const auto& [key, value] : flat.items())
        pointers.emplace_back(key);
    REQUIRE(pointers.size() > 100);
    std::size_t refused = 0;
    for (const auto& p : pointers) {
        for (const auto& replacement : {nlohmann::ordered_json(42), nlohmann::ordered_json("x"),
                                        nlohmann::ordered_json::object()}) {
            auto copy = d;
            copy[p] = replacement;
            std::string error;
            auto memo = kader::memo_from_json(copy, error);
            if (!memo) ++refused;
            CHECK((memo.has_value() != !error.empty()));
            if (memo) CHECK_FALSE(kader::write_memo_html(*memo).empty());
        }
    }
    // The reason trees hold many fields the memo does not read (expr, location),
    // so not every replacement is refused; the fields it reads are.
    CHECK(refused > pointers.size() / 2);
}

TEST_CASE("memo: usage errors", "[memo][cli]") {
    kt::TempDir dir;
    auto decision = dir.write("d.json", decision_of(complete_case));
    std::string c = case_arg(complete_case), from = " --from " + kt::quoted(decision);
    struct Bad {
        std::string args, message;
    };
    for (const auto& bad : std::vector<Bad>{
             {c + from, "give a case or `--from DECISION.json`, not both"},
             {"", "give a case (CASE.json) or a decision (`--from DECISION.json`)"},
             {c + " --format pdf", "`--format pdf`: choose md or html"},
             {from + " --as-of 2024-01-01", "`--as-of` decides a case"},
             {from + " --no-stdlib", "`-r` and `--no-stdlib` choose the rules"},
             {c + " --as-of 2024-02-30", "is not a date in the calendar"},
         }) {
        auto r = kt::kader("memo " + bad.args);
        INFO(bad.args);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, Catch::StartsWith("kader memo: error: ") &&
                              Catch::Contains(bad.message) && Catch::Contains("usage: kader memo"));
    }
}

TEST_CASE("memo: a decision file that cannot be read or is not a decision", "[memo][cli]") {
    kt::TempDir dir;
    auto missing = kt::kader("memo --from " + kt::quoted(dir.path() / "none.json"));
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.err, Catch::Contains("none.json: error: cannot read this file"));

    auto broken = dir.write("broken.json", "{\n  \"case\": \"X\",\n  \"verdict\": deny\n}\n");
    auto not_json = kt::kader("memo --from " + kt::quoted(broken));
    CHECK(not_json.exit_code == 2);
    CHECK(not_json.out.empty());
    CHECK_THAT(not_json.err,
               Catch::Contains("broken.json:3:14: error") && Catch::Contains("malformed JSON"));

    auto no_verdict = dir.write("no-verdict.json", R"({"case": "X"})");
    auto r = kt::kader("memo --from " + kt::quoted(no_verdict));
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err ==
          (no_verdict.string() + ": error: not a Kader decision: \"verdict\" is missing\n"));

    auto typed = small_decision();
    typed["verdict"] = nlohmann::ordered_json::array();
    auto wrong = kt::kader("memo --from - --format html", typed.dump());
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err ==
          "<stdin>: error: not a Kader decision: \"verdict\" is an array, not a verdict\n");

    // A decision without its reasons has no facts for the memo to cite.
    auto rules_only = kt::kader("eval --format json --explain rules " + case_arg(complete_case));
    REQUIRE(rules_only.exit_code == 0);
    auto no_reasons = kt::kader("memo --from -", rules_only.out);
    CHECK(no_reasons.exit_code == 2);
    CHECK_THAT(no_reasons.err,
               Catch::StartsWith("<stdin>: error: not a Kader decision: \"applied[0].reason\" is "
                                 "missing: a decision written with `--explain rules` keeps no "
                                 "reasons"));

    auto case_file = kt::kader("memo --from " + case_arg(complete_case));
    CHECK(case_file.exit_code == 2);
    CHECK_THAT(case_file.err, Catch::Contains("not a Kader decision: \"case\" is missing"));

    auto bad_case = kt::kader("memo -", "{\"destination\": 3}");
    CHECK(bad_case.exit_code == 2);
    CHECK(bad_case.out.empty());
    CHECK_THAT(bad_case.err, Catch::Contains("<stdin>"));
}

TEST_CASE("memo: the excerpts of docs/memo.md are what the memo writes", "[memo]") {
    std::string memos;
    for (const char* name :
         {"chips-ru-defence-via-hk-2022-11", "euv-jp-eu001-2024", "encryption-ru-2022"})
        memos += kt::kader("memo " + case_arg(name)).out;
    std::string doc = kt::read_file(kt::source_dir() / "docs" / "memo.md");
    const std::string fence = "```markdown\n";
    std::size_t lines = 0;
    for (auto at = doc.find(fence); at != std::string::npos; at = doc.find(fence, at)) {
        auto end = doc.find("```\n", at + fence.size());
        REQUIRE(end != std::string::npos);
        std::istringstream block(doc.substr(at + fence.size(), end - at - fence.size()));
        for (std::string line; std::getline(block, line);) {
            if (line == "…") continue; // the page leaves lines out
            INFO(line);
            CHECK(memos.find(line + "\n") != std::string::npos);
            ++lines;
        }
        at = end;
    }
    CHECK(lines > 30);
}
