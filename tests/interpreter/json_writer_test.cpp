// The streaming JSON writer must write exactly what nlohmann would, so that
// `kader batch` and the embedding API agree byte for byte.
#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/json_writer.hpp"
#include "interpreter/render.hpp"
#include "interpreter/rule_loader.hpp"

#include "kader_catch.hpp"
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kader;

TEST_CASE("the JSON writer escapes texts exactly as nlohmann does") {
    std::string tricky =
        "quote \" backslash \\ newline \n tab \t bell \x07 unit \x1f euro \xe2\x82\xac";
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.key("k");
    w.value(tricky);
    w.key("list");
    w.strings({"a", "", "b"});
    w.key("flag");
    w.value(false);
    w.key("none");
    w.null();
    w.end_object();
    nlohmann::ordered_json j;
    j["k"] = tricky;
    j["list"] = {"a", "", "b"};
    j["flag"] = false;
    j["none"] = nullptr;
    REQUIRE(out == j.dump());
}

TEST_CASE("a decision rendered as JSON text equals its document form for every example case") {
    Diagnostics diags;
    auto program = load_rules(RuleSources{}, diags);
    REQUIRE(program);
    std::size_t checked = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(KADER_SOURCE_DIR "/examples/cases")) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        auto c = read_case_text(*program, text.str(), entry.path().string(), diags);
        REQUIRE(c);
        for (bool full : {false, true}) {
            auto decided = decide(program, *c, {std::nullopt, full}, "case", diags);
            REQUIRE(decided);
            const DecisionRecord& d = *decided;
            std::string direct = render_json(d);
            REQUIRE(direct == to_json(d).dump());
            REQUIRE(nlohmann::json::parse(direct)["case"] == c->id);
        }
        ++checked;
    }
    REQUIRE(checked >= 20);
}
