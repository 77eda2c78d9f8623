#include "interpreter/rule_tests.hpp"

#include "lang/checker.hpp"
#include "lang/file_input.hpp"
#include "lang/json_input.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <set>

namespace kader {

namespace {

using nlohmann::json;

const std::vector<std::string> test_keys = {
    "name",       "case",    "case_file",      "as_of",      "verdict",
    "incomplete", "applies", "does_not_apply", "overridden", "obligations"};

std::string suggestion(std::string_view name, const std::vector<std::string>& candidates) {
    auto best = closest_name(name, candidates);
    return best ? fmt::format("did you mean `{}`?", *best) : std::string{};
}

class Reader {
public:
    Reader(const Program& program, std::string_view text, const std::string& file,
           Diagnostics& diags)
        : text_(text), file_(file), diags_(diags) {
        for (const auto& r : program.rules) {
            rule_ids_.push_back(r.id);
            for (const auto& o : r.obligations)
                if (std::find(obligations_.begin(), obligations_.end(), o.name) ==
                    obligations_.end())
                    obligations_.push_back(o.name);
        }
    }

    RuleTestFile read() {
        RuleTestFile out;
        auto doc = parse_json_strict(text_, file_, diags_);
        if (!doc) {
            ++out.broken;
            return out;
        }
        if (!doc->is_object() || !doc->contains("tests") || !(*doc)["tests"].is_array()) {
            error(Code::test_file_shape, {}, "a test file is a JSON object with a \"tests\" list",
                  "see docs/testing.md for its format");
            ++out.broken;
            return out;
        }
        for (const auto& [key, _] : doc->items())
            if (key != "tests")
                error(Code::test_unknown_key, {key},
                      fmt::format("unknown key `{}` in a test file", key),
                      "a test file holds only \"tests\"");
        const json& tests = (*doc)["tests"];
        for (std::size_t i = 0; i < tests.size(); ++i) {
            std::size_t before = diags_.error_count();
            auto test = read_test(tests[i], i);
            if (test && diags_.error_count() == before)
                out.tests.push_back(std::move(*test));
            else
                ++out.broken;
        }
        return out;
    }

private:
    // The value at `path` below the document, or the document.
    Span span(const std::vector<std::string>& path) const {
        auto offset = json_value_offset(text_, path);
        return json_span(text_, offset.value_or(0), file_);
    }

    // "FILE:LINE:COL" of that value: it names where a test or its case is written.
    std::string at(const std::vector<std::string>& path) const {
        Span s = span(path);
        return fmt::format("{}:{}:{}", s.input, s.line, s.column);
    }

    void error(Code code, const std::vector<std::string>& path, std::string message,
               std::string help = {}) {
        diags_.error(code, span(path), std::move(message), std::move(help));
    }

    std::optional<RuleTest> read_test(const json& t, std::size_t index) {
        const std::vector<std::string> here = {"tests", std::to_string(index)};
        auto path = [&](const std::string& key) {
            auto p = here;
            p.push_back(key);
            return p;
        };
        if (!t.is_object()) {
            error(Code::test_file_shape, here, fmt::format("tests[{}] is not a test object", index),
                  "a test is an object with \"name\", \"case\" and \"verdict\"");
            return std::nullopt;
        }
        RuleTest test;
        test.name = t.contains("name") && t["name"].is_string() ? t["name"].get<std::string>()
                                                                : fmt::format("test {}", index + 1);
        std::string label = fmt::format("tests[{}] \"{}\"", index, test.name);
        test.where = at(here) + ": " + label;
        for (const auto& [key, _] : t.items())
            if (std::find(test_keys.begin(), test_keys.end(), key) == test_keys.end())
                error(Code::test_unknown_key, path(key),
                      fmt::format("{}: unknown key `{}`", label, key), suggestion(key, test_keys));
        if (!t.contains("name") || !t["name"].is_string())
            error(Code::test_file_shape, here,
                  fmt::format("{}: a test needs a `name`, a sentence saying what it shows", label));
        read_verdict(t, path("verdict"), label, test);
        read_case(t, here, label, test);
        if (t.contains("as_of")) {
            test.as_of = t["as_of"].is_string() ? ast::parse_date(t["as_of"].get<std::string>())
                                                : std::nullopt;
            if (!test.as_of)
                error(Code::test_bad_value, path("as_of"),
                      fmt::format("{}: `as_of` must be a date \"YYYY-MM-DD\"", label));
        }
        if (t.contains("incomplete")) {
            if (t["incomplete"].is_boolean())
                test.incomplete = t["incomplete"].get<bool>();
            else
                error(Code::test_bad_value, path("incomplete"),
                      fmt::format("{}: `incomplete` is true or false", label));
        }
        test.applies = names(t, "applies", here, label, rule_ids_, "rule");
        test.does_not_apply = names(t, "does_not_apply", here, label, rule_ids_, "rule");
        test.overridden = names(t, "overridden", here, label, rule_ids_, "rule");
        test.obligations = names(t, "obligations", here, label, obligations_, "obligation");
        return test;
    }

    void read_verdict(const json& t, const std::vector<std::string>& path, const std::string& label,
                      RuleTest& test) {
        static const std::vector<std::string> verdicts = {"allow", "license_required", "escalate",
                                                          "deny", "prohibited"};
        if (!t.contains("verdict")) {
            error(Code::test_file_shape, {path.begin(), path.end() - 1},
                  fmt::format("{}: a test needs the `verdict` it expects", label),
                  "one of allow, license_required, escalate, deny, prohibited");
            return;
        }
        const json& v = t["verdict"];
        auto verdict = v.is_string() ? ast::verdict_from(v.get<std::string>()) : std::nullopt;
        if (!verdict) {
            error(Code::test_bad_value, path,
                  fmt::format("{}: `verdict` must be one of allow, license_required, escalate, "
                              "deny, prohibited",
                              label),
                  v.is_string() ? suggestion(v.get<std::string>(), verdicts) : std::string{});
            return;
        }
        test.verdict = *verdict;
    }

    void read_case(const json& t, const std::vector<std::string>& here, const std::string& label,
                   RuleTest& test) {
        auto path = here;
        if (t.contains("case") && t.contains("case_file")) {
            path.push_back("case_file");
            error(Code::test_case_missing, path,
                  fmt::format("{}: give the case inline (`case`) or as a file "
                              "(`case_file`), not both",
                              label));
            return;
        }
        if (t.contains("case")) {
            path.push_back("case");
            test.case_json = t["case"];
            test.case_origin = at(path);
            return;
        }
        if (!t.contains("case_file") || !t["case_file"].is_string()) {
            error(Code::test_case_missing, here,
                  fmt::format("{}: a test needs `case` or `case_file`", label));
            return;
        }
        path.push_back("case_file");
        namespace fs = std::filesystem;
        std::string name = (fs::path(file_).parent_path() / t["case_file"].get<std::string>())
                               .lexically_normal()
                               .string();
        std::string why;
        auto text = read_regular_file(name, max_case_file_bytes, why);
        if (!text) {
            error(Code::test_case_unreadable, path,
                  fmt::format("{}: cannot read the case file {}: it {}", label, name, why));
            return;
        }
        auto parsed = parse_json_strict(*text, name, diags_);
        if (!parsed) return;
        test.case_json = std::move(*parsed);
        test.case_origin = name;
    }

    std::vector<std::string> names(const json& t, const char* key,
                                   const std::vector<std::string>& here, const std::string& label,
                                   const std::vector<std::string>& known, const char* what) {
        std::vector<std::string> out;
        if (!t.contains(key)) return out;
        auto path = here;
        path.push_back(key);
        const json& list = t[key];
        if (!list.is_array()) {
            error(Code::test_bad_value, path,
                  fmt::format("{}: `{}` is a list of {} names", label, key, what));
            return out;
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto item = path;
            item.push_back(std::to_string(i));
            if (!list[i].is_string()) {
                error(Code::test_bad_value, item,
                      fmt::format("{}: `{}` is a list of {} names", label, key, what));
                continue;
            }
            std::string name = list[i].get<std::string>();
            if (std::find(known.begin(), known.end(), name) == known.end()) {
                error(Code::test_unknown_name, item,
                      fmt::format("{}: no {} `{}` in the rule set", label, what, name),
                      suggestion(name, known));
                continue;
            }
            out.push_back(std::move(name));
        }
        return out;
    }

    std::string_view text_;
    const std::string& file_;
    Diagnostics& diags_;
    std::vector<std::string> rule_ids_, obligations_;
};

} // namespace

RuleTestFile read_rule_tests(const Program& program, std::string_view text, const std::string& file,
                             Diagnostics& diags) {
    try {
        return Reader(program, text, file, diags).read();
    } catch (const std::exception& e) { // a bug, not the file's fault: say so, never crash
        diags.error(Code::internal, whole_input(file), fmt::format("internal error: {}", e.what()));
        return {{}, 1};
    }
}

} // namespace kader
