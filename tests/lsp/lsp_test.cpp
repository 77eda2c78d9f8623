// `kader lsp` as an editor sees it: a scripted client speaks the protocol to
// the server over pipes, and checks what comes back (ranges, codes, texts,
// locations, exit codes), errors included.
#include "client.hpp"
#include "interpreter/lsp/completion.hpp"
#include "kader_catch.hpp"

#include <fstream>
#include <kader/diagnostic.hpp>
#include <regex>
#include <set>
#include <sstream>

using lt::Client;
using lt::json;
namespace fs = std::filesystem;

namespace {

const char* trade_rules = R"(module trade

import lists

schema case {
  date: date
  destination: country
  end_use: optional enum {civil, military}
  items: nonempty list of record {
    cn: optional cn
  }
}

/// The destination is under an arms embargo.
def embargoed = case.destination in lists.embargo

rule embargo
  goal sanctions
  basis "Test basis: arms embargo"
  when embargoed
  then prohibited "destination {case.destination}"
)";

const char* lists_rules = R"(module lists

/// Countries under an arms embargo.
set embargo: country = {"RU", "BY"}
)";

class Folder {
public:
    Folder() {
        path_ = fs::temp_directory_path() /
                ("kader-lsp-" + std::to_string(getpid()) + "-" + std::to_string(counter()++));
        fs::create_directories(path_);
    }
    ~Folder() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(path_ / name, std::ios::binary) << text;
        return path_ / name;
    }
    const fs::path& path() const { return path_; }

private:
    static int& counter() {
        static int n = 0;
        return n;
    }
    fs::path path_;
};

// The rule set of two modules, on disk.
struct TwoModules {
    Folder folder;
    fs::path trade = folder.write("trade.kader", trade_rules);
    fs::path lists = folder.write("lists.kader", lists_rules);
};

json position(int line, int character) {
    return {{"line", line}, {"character", character}};
}

json at(const fs::path& file, int line, int character) {
    return {{"textDocument", {{"uri", lt::uri(file)}}}, {"position", position(line, character)}};
}

void open(Client& c, const fs::path& file, const std::string& text) {
    c.notify("textDocument/didOpen",
             {{"textDocument",
               {{"uri", lt::uri(file)}, {"languageId", "kader"}, {"version", 1}, {"text", text}}}});
}

void change(Client& c, const fs::path& file, const std::string& text, int version) {
    c.notify("textDocument/didChange",
             {{"textDocument", {{"uri", lt::uri(file)}, {"version", version}}},
              {"contentChanges", {{{"text", text}}}}});
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
    return text;
}

json range(int line, int from, int to) {
    return {{"start", position(line, from)}, {"end", position(line, to)}};
}

} // namespace

TEST_CASE("lsp: initialize announces the features and the server's version") {
    TwoModules rules;
    Client c({"--no-stdlib"});
    json answer = c.start(rules.folder.path());
    const json& caps = answer["result"]["capabilities"];
    CHECK(caps["hoverProvider"] == true);
    CHECK(caps["definitionProvider"] == true);
    CHECK(caps["referencesProvider"] == true);
    CHECK(caps["documentSymbolProvider"] == true);
    CHECK(caps["documentFormattingProvider"] == true);
    CHECK(caps["codeActionProvider"]["codeActionKinds"] == json::array({"quickfix"}));
    CHECK(caps["completionProvider"]["triggerCharacters"] == json::array({".", "\""}));
    CHECK(answer["result"]["serverInfo"]["name"] == "kader");
    CHECK(c.request("shutdown", nullptr)["result"].is_null());
    c.notify("exit", nullptr);
    CHECK(c.finish() == 0);
}

TEST_CASE("lsp: a broken file gets its diagnostic at the typo, a quick fix, and none once fixed") {
    TwoModules rules;
    Client c({"--no-stdlib"});
    c.start(rules.folder.path());
    CHECK(c.diagnostics_for(lt::uri(rules.trade)).empty());

    std::string broken = replaced(trade_rules, "lists.embargo", "lists.embarg");
    open(c, rules.trade, broken);
    json diags = c.diagnostics_for(lt::uri(rules.trade));
    REQUIRE(diags.size() == 1);
    const json& d = diags[0];
    // line 15 of the file: `def embargoed = case.destination in lists.embarg`
    CHECK(d["range"] == range(14, 42, 48));
    CHECK(d["severity"] == 1);
    CHECK(d["code"] == kader::code_name(kader::Code::no_such_member));
    CHECK(d["source"] == "kader");
    CHECK_THAT(d["message"].get<std::string>(),
               Catch::Contains("module `lists` has no set or definition `embarg`") &&
                   Catch::Contains("help: did you mean `embargo`?"));

    json actions =
        c.request("textDocument/codeAction", {{"textDocument", {{"uri", lt::uri(rules.trade)}}},
                                              {"range", range(14, 0, 0)},
                                              {"context", {{"diagnostics", diags}}}})["result"];
    REQUIRE(actions.size() == 1);
    CHECK(actions[0]["title"] == "Change `embarg` to `embargo`");
    CHECK(actions[0]["kind"] == "quickfix");
    json edits = actions[0]["edit"]["changes"][lt::uri(rules.trade)];
    REQUIRE(edits.size() == 1);
    CHECK(edits[0]["range"] == range(14, 42, 48));
    CHECK(edits[0]["newText"] == "embargo");
    // No fix where there is no diagnostic.
    CHECK(c.request("textDocument/codeAction",
                    {{"textDocument", {{"uri", lt::uri(rules.trade)}}},
                     {"range", range(3, 0, 0)},
                     {"context", {{"diagnostics", json::array()}}}})["result"]
              .empty());

    change(c, rules.trade, trade_rules, 2);
    CHECK(c.diagnostics_for(lt::uri(rules.trade)).empty());
}

TEST_CASE("lsp: an error in one module is published for that module, with related places") {
    TwoModules rules;
    Client c({"--no-stdlib"});
    c.start(rules.folder.path());
    // Declared twice: the second declaration is the error, the first is related.
    std::string twice = std::string(lists_rules) + "\nset embargo: country = {\"IR\"}\n";
    open(c, rules.lists, twice);
    json diags = c.diagnostics_for(lt::uri(rules.lists));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0]["code"] == kader::code_name(kader::Code::declared_twice));
    CHECK(diags[0]["range"]["start"] == position(5, 4));
    REQUIRE(diags[0]["relatedInformation"].size() == 1);
    CHECK(diags[0]["relatedInformation"][0]["location"]["uri"] == lt::uri(rules.lists));
    CHECK(diags[0]["relatedInformation"][0]["location"]["range"]["start"] == position(3, 4));
    CHECK(diags[0]["relatedInformation"][0]["message"] == "first declared here");
    CHECK(c.diagnostics_for(lt::uri(rules.trade)).empty());
}

TEST_CASE("lsp: hover shows a rule's goal and basis, a set's size and a definition's body") {
    TwoModules rules;
    Client c({"--no-stdlib"});
    c.start(rules.folder.path());
    auto hover_text = [&](const fs::path& file, int line, int character) {
        json r = c.request("textDocument/hover", at(file, line, character))["result"];
        return r.is_null() ? std::string("(none)") : r["contents"]["value"].get<std::string>();
    };
    std::string rule = hover_text(rules.trade, 16, 6); // rule embargo
    CHECK_THAT(rule, Catch::Contains("**rule** `trade.embargo` → `prohibited`") &&
                         Catch::Contains("Goal: `sanctions`") &&
                         Catch::Contains("Basis: Test basis: arms embargo"));
    std::string set = hover_text(rules.trade, 14, 44); // lists.embargo
    CHECK_THAT(set, Catch::Contains("**set** `lists.embargo`: 2 entries") &&
                        Catch::Contains("Countries under an arms embargo."));
    std::string def = hover_text(rules.trade, 19, 8); // when embargoed
    CHECK_THAT(def, Catch::Contains("def embargoed = case.destination in lists.embargo") &&
                        Catch::Contains("The destination is under an arms embargo."));
    std::string module = hover_text(rules.trade, 2, 8); // import lists
    CHECK_THAT(module, Catch::StartsWith("**module** `lists`"));
    CHECK(hover_text(rules.trade, 6, 2) == "(none)"); // a schema field name
}

TEST_CASE("lsp: go to definition and find references across modules") {
    TwoModules rules;
    Client c({"--no-stdlib"});
    c.start(rules.folder.path());
    json def = c.request("textDocument/definition", at(rules.trade, 14, 44))["result"];
    CHECK(def["uri"] == lt::uri(rules.lists));
    CHECK(def["range"] == range(3, 4, 11));
    json import = c.request("textDocument/definition", at(rules.trade, 2, 9))["result"];
    CHECK(import["uri"] == lt::uri(rules.lists));
    CHECK(import["range"] == range(0, 7, 12));
    json local = c.request("textDocument/definition", at(rules.trade, 19, 10))["result"];
    CHECK(local["range"] == range(14, 4, 13));
    CHECK(c.request("textDocument/definition", at(rules.trade, 0, 0))["result"].is_null());

    json refs = c.request("textDocument/references",
                          {{"textDocument", {{"uri", lt::uri(rules.lists)}}},
                           {"position", position(3, 6)},
                           {"context", {{"includeDeclaration", true}}}})["result"];
    REQUIRE(refs.size() == 2);
    CHECK(refs[0]["uri"] == lt::uri(rules.lists));
    CHECK(refs[0]["range"] == range(3, 4, 11));
    CHECK(refs[1]["uri"] == lt::uri(rules.trade));
    CHECK(refs[1]["range"] == range(14, 42, 49));
}

TEST_CASE("lsp: completion offers the schema's fields, a module's members, codes and keywords") {
    TwoModules rules;
    Client c({"--no-stdlib"});
    c.start(rules.folder.path());
    auto labels = [&](const std::string& text, int line, int character) {
        change(c, rules.trade, text, 2);
        json items =
            c.request("textDocument/completion", at(rules.trade, line, character))["result"];
        std::set<std::string> out;
        for (const auto& i : items)
            out.insert(i["label"].get<std::string>());
        return out;
    };
    open(c, rules.trade, trade_rules);
    std::string text = std::string(trade_rules) + "def x = case.\n";
    auto fields = labels(text, 21, 13);
    CHECK(fields == std::set<std::string>{"date", "destination", "end_use", "items"});
    text = std::string(trade_rules) + "def y = any item in case.items: item.\n";
    CHECK(labels(text, 21, 37) == std::set<std::string>{"cn"});
    text = std::string(trade_rules) + "def z = lists.\n";
    CHECK(labels(text, 21, 14) == std::set<std::string>{"embargo"});
    text = std::string(trade_rules) + "def w = case.destination == \"N\n";
    auto codes = labels(text, 21, 30);
    CHECK(codes.count("NL"));
    CHECK(codes.count("military")); // the schema's enum values
    CHECK_FALSE(codes.count("rule"));
    auto general = labels(std::string(trade_rules) + "\n", 21, 0);
    for (const char* word : {"rule", "when", "prohibited", "sanctions", "embargoed", "lists"})
        CHECK(general.count(word));
}

TEST_CASE("lsp: the keywords completion offers are the grammar's") {
    std::ifstream in(std::string(KADER_SOURCE_DIR) + "/lang/grammar.hpp");
    std::stringstream text;
    text << in.rdbuf();
    std::set<std::string> grammar;
    std::regex key(R"re(KADER_KEY\(\w+, "(\w+)"\);)re");
    std::string s = text.str();
    for (std::sregex_iterator it(s.begin(), s.end(), key), end; it != end; ++it)
        grammar.insert((*it)[1]);
    REQUIRE(grammar.size() > 30);
    std::set<std::string> offered;
    for (auto k : kader::lsp::keywords())
        offered.insert(std::string(k));
    CHECK(offered == grammar);
}

TEST_CASE("lsp: document symbols and formatting") {
    TwoModules rules;
    Client c({"--no-stdlib"});
    c.start(rules.folder.path());
    json symbols = c.request("textDocument/documentSymbol",
                             {{"textDocument", {{"uri", lt::uri(rules.trade)}}}})["result"];
    REQUIRE(symbols.size() == 3);
    CHECK(symbols[0]["name"] == "case");
    CHECK(symbols[0]["kind"] == 23);
    CHECK(symbols[1]["name"] == "embargoed");
    CHECK(symbols[1]["kind"] == 12);
    CHECK(symbols[1]["selectionRange"] == range(14, 4, 13));
    CHECK(symbols[2]["name"] == "embargo");
    CHECK(symbols[2]["detail"] == "rule");
    CHECK(symbols[2]["range"]["start"] == position(16, 0));

    // Badly laid out: formatting gives the canonical text back in one edit.
    std::string messy = replaced(trade_rules, "  goal sanctions", "      goal    sanctions");
    open(c, rules.trade, messy);
    json edits = c.request("textDocument/formatting",
                           {{"textDocument", {{"uri", lt::uri(rules.trade)}}},
                            {"options", {{"tabSize", 2}, {"insertSpaces", true}}}})["result"];
    REQUIRE(edits.size() == 1);
    // As `kader fmt` lays it out: a definition's body on a line of its own.
    CHECK(edits[0]["newText"] ==
          replaced(trade_rules, "def embargoed = case", "def embargoed =\n  case"));
    CHECK(edits[0]["range"]["start"] == position(0, 0));
    // A file that does not parse is not formatted: an error says why.
    change(c, rules.trade, std::string(trade_rules) + "rule\n", 3);
    json refused =
        c.request("textDocument/formatting", {{"textDocument", {{"uri", lt::uri(rules.trade)}}}});
    CHECK(refused["error"]["code"] == -32803);
    CHECK_THAT(refused["error"]["message"].get<std::string>(), Catch::Contains("syntax errors"));
}

TEST_CASE("lsp: the standard library is checked with the workspace and can be opened") {
    Folder folder;
    std::string mine = R"(module mine

import common

rule embargo
  goal end_use
  basis "Test basis: arms embargo"
  when case.destination in common.arms_embargo
  then deny "destination {case.destination}"
)";
    fs::path file = folder.write("mine.kader", mine);
    Client c({});
    c.start(folder.path());
    CHECK(c.diagnostics_for(lt::uri(file)).empty());
    json def = c.request("textDocument/definition", at(file, 7, 36))["result"];
    std::string uri = def["uri"].get<std::string>();
    CHECK_THAT(uri, Catch::EndsWith("/stdlib-rules/common.kader"));
    std::ifstream shown(uri.substr(7));
    std::string text((std::istreambuf_iterator<char>(shown)), {});
    CHECK_THAT(text, Catch::Contains("set arms_embargo: country"));
    int line = def["range"]["start"]["line"].get<int>();
    CHECK(line > 0);
    json hover = c.request("textDocument/hover", at(file, 7, 36))["result"];
    CHECK_THAT(hover["contents"]["value"].get<std::string>(),
               Catch::Contains("**set** `common.arms_embargo`") && Catch::Contains("Source:"));
    c.request("shutdown", nullptr);
    c.notify("exit", nullptr);
    CHECK(c.finish() == 0);
    CHECK_FALSE(fs::exists(uri.substr(7))); // the copy goes with the server
}

TEST_CASE("lsp: columns are counted in UTF-16 units, as the protocol counts them") {
    TwoModules rules;
    Client c({"--no-stdlib"});
    c.start(rules.folder.path());
    // "é" is 2 bytes and 1 unit, "€" 3 bytes and 1 unit, "𝄞" 4 bytes and 2 units.
    std::string text = std::string(trade_rules) +
                       "\nrule other\n  goal sanctions\n  basis \"é€𝄞\"\n  when embargoed\n"
                       "  then deny \"é€𝄞 {nope}\"\n";
    open(c, rules.trade, text);
    json diags = c.diagnostics_for(lt::uri(rules.trade));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0]["code"] == kader::code_name(kader::Code::unknown_name));
    // `  then deny "é€𝄞 {` is 19 units before `nope`.
    CHECK(diags[0]["range"] == range(26, 19, 23));
    json hover = c.request("textDocument/hover", at(rules.trade, 26, 20))["result"];
    CHECK(hover.is_null());
}

TEST_CASE("lsp: changes typed faster than they are checked are checked once, at the last text") {
    TwoModules rules;
    Client c({"--no-stdlib"});
    c.start(rules.folder.path());
    open(c, rules.trade, trade_rules);
    CHECK(c.diagnostics_for(lt::uri(rules.trade)).empty());
    // Forty keystrokes' worth of changes in one write, as an editor sends them
    // while the server is busy: every one but the last leaves a typo.
    std::string burst;
    for (int version = 2; version < 42; ++version) {
        std::string text = version == 41 ? replaced(trade_rules, "lists.embargo", "lists.embarg")
                                         : replaced(trade_rules, "lists.embargo",
                                                    "lists.embargo" + std::to_string(version));
        burst +=
            Client::framed("textDocument/didChange",
                           {{"textDocument", {{"uri", lt::uri(rules.trade)}, {"version", version}}},
                            {"contentChanges", {{{"text", text}}}}});
    }
    c.send_raw(burst);
    auto published = c.publications_for(lt::uri(rules.trade));
    // Once, for the last text: `embarg`, at its place.
    REQUIRE(published.size() == 1);
    REQUIRE(published[0].size() == 1);
    CHECK(published[0][0]["range"] == range(14, 42, 48));
    CHECK_THAT(published[0][0]["message"].get<std::string>(),
               Catch::Contains("has no set or definition `embarg`"));
    // A request after a change is answered from the changed text.
    change(c, rules.trade, replaced(trade_rules, "def embargoed", "def banned"), 42);
    json symbols = c.request("textDocument/documentSymbol",
                             {{"textDocument", {{"uri", lt::uri(rules.trade)}}}})["result"];
    CHECK(symbols.dump().find("\"banned\"") != std::string::npos);
    c.request("shutdown", nullptr);
    c.notify("exit", nullptr);
    CHECK(c.finish() == 0);
}

TEST_CASE("lsp: protocol errors are answered and the session goes on") {
    TwoModules rules;
    Client c({"--no-stdlib"});
    json early = c.request("textDocument/hover", at(rules.trade, 0, 0));
    CHECK(early["error"]["code"] == -32002);
    c.start(rules.folder.path());
    CHECK(c.request("no/such/method", json::object())["error"]["code"] == -32601);
    json bad_params = c.request("textDocument/hover", {{"textDocument", {{"uri", 7}}}});
    CHECK(bad_params["error"]["code"] == -32602);
    json not_file = c.request("textDocument/hover", {{"textDocument", {{"uri", "untitled:1"}}},
                                                     {"position", position(0, 0)}});
    CHECK(not_file["error"]["code"] == -32602);
    CHECK(c.request("textDocument/hover", at(rules.trade, 9999, 0))["result"].is_null());
    c.send_raw("Content-Length: 9\r\n\r\n{\"a\": [}}");
    json parse_error = c.next_notification(""); // an answer without a method
    CHECK(parse_error["error"]["code"] == -32700);
    CHECK(parse_error["id"].is_null());
    CHECK(c.request("initialize", json::object())["error"]["code"] == -32600);
    c.request("shutdown", nullptr);
    CHECK(c.request("textDocument/hover", at(rules.trade, 0, 0))["error"]["code"] == -32600);
    c.notify("exit", nullptr);
    CHECK(c.finish() == 0);
}

TEST_CASE(
    "lsp: a broken frame ends the session with a message, an editor gone without exit with 1") {
    {
        Client c({"--no-stdlib"});
        c.send_raw("Content-Type: text/plain\r\n\r\n{}");
        CHECK(c.finish() == 2);
        CHECK_THAT(c.stderr_text(), Catch::Contains("a message has no `Content-Length` header"));
    }
    {
        Client c({"--no-stdlib"});
        c.send_raw("Content-Length: 99999999999\r\n\r\n");
        CHECK(c.finish() == 2);
        CHECK_THAT(c.stderr_text(), Catch::Contains("over the limit"));
    }
    {
        TwoModules rules;
        Client c({"--no-stdlib"});
        c.start(rules.folder.path());
        CHECK(c.finish() == 1); // no `shutdown`, no `exit`
    }
    {
        Client c({"--no-stdlib", "extra"});
        CHECK(c.finish() == 2); // a usage error, as every command gives one
    }
}
