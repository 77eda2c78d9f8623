// Every dated rule of the standard library is pinned at its boundaries: a
// rule test names it on the day it starts to apply and the day before, and,
// where it ends, on its last day and the day after. A rule whose date is
// wrong by one day then fails a test instead of deciding a case silently
// under the wrong law.
#include "interpreter/decision.hpp"
#include "kader_catch.hpp"
#include "support.hpp"

#include "interpreter/api_internal.hpp"

#include <kader/kader.hpp>

#include <map>
#include <set>

namespace {

using Json = nlohmann::json;

// The rule ids each test day names in `applies`, `does_not_apply` or
// `overridden`, over every test file of the standard library.
std::map<kader::ast::Days, std::set<std::string>> named_by_day() {
    namespace fs = std::filesystem;
    const fs::path folder = kt::source_dir() / "stdlib-rules" / "tests";
    std::map<kader::ast::Days, std::set<std::string>> out;
    for (const auto& f : fs::directory_iterator(folder)) {
        if (f.path().extension() != ".json") continue;
        Json file = Json::parse(kt::read_file(f.path()));
        for (const auto& t : file["tests"]) {
            std::string date;
            if (t.contains("as_of"))
                date = t["as_of"];
            else if (t.contains("case"))
                date = t["case"]["date"];
            else
                date =
                    Json::parse(kt::read_file(folder / t["case_file"].get<std::string>()))["date"];
            auto day = kader::ast::parse_date(date);
            REQUIRE(day);
            for (const char* key : {"applies", "does_not_apply", "overridden"})
                if (t.contains(key))
                    for (const auto& id : t[key])
                        out[*day].insert(id.get<std::string>());
        }
    }
    return out;
}

// Whether a test on `day` names the rule. The rows of a table share its
// period, so for a row any row of the same table (`table#N`) will do.
bool named(const std::map<kader::ast::Days, std::set<std::string>>& by_day, kader::ast::Days day,
           const std::string& id) {
    auto it = by_day.find(day);
    if (it == by_day.end()) return false;
    const std::string table = id.substr(0, id.find('#'));
    for (const auto& n : it->second)
        if (n == id || (table != id && n.rfind(table + "#", 0) == 0)) return true;
    return false;
}

} // namespace

TEST_CASE("every dated rule of the standard library is tested on each side of its boundaries") {
    auto by_day = named_by_day();
    auto program = kader::program_of(kader::RuleSet::standard());
    std::vector<std::string> unpinned;
    int dated = 0;
    for (const auto& r : program->rules) {
        if (!r.from && !r.until) continue;
        ++dated;
        auto need = [&](kader::ast::Days day, const char* what) {
            if (!named(by_day, day, r.id))
                unpinned.push_back(r.id + ": no test on " + kader::ast::format_date(day) + " (" +
                                   what + ")");
        };
        if (r.from) {
            need(*r.from, "first day");
            need(*r.from - 1, "the day before");
        }
        if (r.until) {
            need(*r.until, "last day");
            need(*r.until + 1, "the day after");
        }
    }
    CHECK(dated > 40);
    INFO("add a test to stdlib-rules/tests/boundaries.test.json for each");
    CHECK(unpinned == std::vector<std::string>{});
}
