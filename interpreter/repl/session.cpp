// The REPL's session: one line at a time, continued lines, the prompt, and
// errors about the line. The commands are in commands.cpp (the table and
// `:help`) and in one file per family: session_case.cpp, session_decide.cpp,
// session_rules.cpp, session_expression.cpp.
#include "interpreter/repl/session.hpp"
#include "interpreter/repl/text.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/render.hpp"
#include "lang/checker.hpp"
#include "lang/file_input.hpp"
#include "lang/json_input.hpp"
#include "lang/parser.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace kader::repl {

// In a script the error names the script's line (`<stdin>:12:8:`) and, when
// it points at nothing in particular, shows the whole line; typed at a
// terminal, the line is on the screen already.
Diagnostic to_diagnostic(const std::string& line, const InputError& e, const LineOrigin& origin) {
    Diagnostic d;
    d.code = e.code;
    d.message = e.message;
    d.help = e.help;
    std::uint32_t number = origin.line ? origin.line : 1;
    if (e.column != std::string::npos && !line.empty())
        d.location = make_span(origin.input, number, static_cast<std::uint32_t>(e.column + 1),
                               static_cast<std::uint32_t>(e.length), line);
    else if (origin.line && !line.empty())
        d.location =
            make_span(origin.input, number, 1, static_cast<std::uint32_t>(line.size()), line);
    else if (origin.line) {
        d.location = whole_input(origin.input);
        d.location.line = number;
        d.location.column = 1;
    }
    return d;
}

void Session::set_script_line(std::uint32_t line) {
    origin_ = line ? LineOrigin{"<stdin>", line} : LineOrigin{};
}

Reply Session::fail(const std::string& line, const InputError& e) const {
    return {render_error(line, e), true};
}

Reply Session::fail(std::string message, std::string help) const {
    return {render_error(entry_, {std::move(message), std::move(help)}), true};
}

Reply Session::fail(const InputError& e) const {
    return {render_error(entry_, e), true};
}

std::string Session::render_error(const std::string& line, const InputError& e) const {
    return render(to_diagnostic(line, e, origin_));
}

void BracketScan::feed(std::string_view text) {
    for (char c : text) {
        if (quoted) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                quoted = false;
            continue;
        }
        if (c == '"')
            quoted = true;
        else if (c == '{' || c == '[' || c == '(')
            ++depth;
        else if (c == '}' || c == ']' || c == ')')
            --depth;
    }
}

Session::Session(RuleSources rules) : rules_(std::move(rules)) {}
Session::Session(RuleSources rules, std::shared_ptr<const Program> compiled)
    : rules_(std::move(rules)), program_(std::move(compiled)) {}
Session::~Session() = default;

Reply Session::start() {
    if (program_) return {};
    Diagnostics diags;
    auto p = load_rules(rules_, diags);
    Reply r;
    if (!p) {
        r.text = render(diags);
        r.error = true;
        return r;
    }
    program_ = std::move(p);
    for (const auto& d : diags.list())
        if (d.severity == Severity::warning && !is_builtin_rule_file(d.location.input))
            r.text += render(d);
    return r;
}

std::string Session::summary() const {
    if (!program_) return "no rule set";
    return fmt::format("{} rules in {} modules (rule set {}...)", program_->rules.size(),
                       program_->modules.size(), program_->fingerprint.substr(0, 19));
}

// The case's name, `*` when it has changes not saved to a file, and the
// as-of date when decisions use another day than the case's own.
std::string Session::prompt() const {
    if (!pending_.empty()) return "...> ";
    if (!case_) return "kader> ";
    std::string name = "case";
    auto id = case_->find("id");
    if (id != case_->end() && id->is_string() && !id->get_ref<const std::string&>().empty())
        name = id->get_ref<const std::string&>();
    if (modified()) name += '*';
    auto date = case_->find("date");
    bool other_day = as_of_ && !(date != case_->end() && date->is_string() &&
                                 date->get_ref<const std::string&>() == ast::format_date(*as_of_));
    if (other_day) name += " as of " + ast::format_date(*as_of_);
    return fmt::format("kader {}> ", name);
}

void Session::discard_entry() {
    pending_.clear();
    pending_scan_ = {};
}

ExpressionScope& Session::scope() {
    if (!scope_) scope_ = std::make_unique<ExpressionScope>(program_);
    return *scope_;
}

Reply Session::run(const std::string& input) {
    std::string line = input;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    // An empty line ends a continued line, closed or not.
    bool finish = false;
    if (!pending_.empty()) {
        finish = trim(line).empty();
        if (!finish) {
            std::string more = " " + trim(line);
            pending_scan_.feed(more);
            pending_ += more;
        }
        line = std::move(pending_);
        pending_.clear();
    } else {
        pending_scan_ = {};
        pending_scan_.feed(line);
    }
    entry_.clear(); // set below once the entry is whole: copying each continued line would be
                    // quadratic
    if (!program_) return fail("no rule set is loaded");
    if (line.size() > max_entry_bytes) {
        pending_scan_ = {};
        return fail(line_error(
            Code::line_too_long,
            fmt::format("this entry is longer than {} bytes and was discarded", max_entry_bytes),
            "check for a bracket or quote that is never closed"));
    }
    if (!finish && pending_scan_.depth > 0) {
        pending_ = std::move(line);
        return {{}, false, false, true};
    }
    entry_ = line;
    // Every command quotes parts of its line back, some as JSON: the line must be UTF-8.
    if (std::size_t bad = first_invalid_utf8(line); bad != std::string::npos)
        return fail(line, {"this line is not valid UTF-8 here", "type the line again", bad, 1,
                           Code::invalid_utf8});
    Reply r = dispatch(line);
    if (!r.text.empty() && r.text.back() != '\n') r.text += '\n';
    return r;
}

} // namespace kader::repl
