#pragma once
// The REPL's words and small text helpers, shared by its command files:
// trimming a line, the verdict line, the difference between two decisions,
// reason trees, wrapping help text. Internal to interpreter/repl.
#include "interpreter/decision.hpp"
#include "interpreter/repl/case_editor.hpp"
#include "interpreter/repl/session.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kader::repl {

bool is_space(char c);
// The span [begin, end) of `s` without surrounding blanks.
std::pair<std::size_t, std::size_t> trimmed(const std::string& s, std::size_t begin = 0,
                                            std::size_t end = std::string::npos);
std::string trim(const std::string& s);
// An error about the line as a whole (no caret).
InputError line_error(Code code, std::string message, std::string help = {});

std::string verdict_word(const std::optional<ast::Verdict>& v);
// "license_required (incomplete: missing ...)".
std::string verdict_text(const DecisionRecord& d);
bool is_overridden(const DecisionRecord& d, int rule);
// Each applied rule's state, by id: its verdict, "obligation" or "overridden".
std::map<std::string, std::pair<std::string, const AppliedRule*>>
rule_states(const DecisionRecord& d);
// The verdict and the rules that set it, as shown after each change.
std::string digest(const DecisionRecord& d);
// How the decision moved from `a` to `b`: the verdict line and the rules that
// came, went or changed.
std::string diff(const DecisionRecord& a, const DecisionRecord& b);
// A reason tree, indented by depth.
void tree(const Program& p, const Reason& r, int depth, std::string& out);
std::string indent_lines(const std::string& text, const std::string& indent);
std::string wrap(const std::string& text, std::size_t width, const std::string& indent);
std::string rule_header(const RuleInfo& r);
// A value of the case as JSON, for showing an expression's value.
Json datum_json(const Program& p, const CaseData& c, const Datum& d, int node);
// The case's problems, one per line, at most `limit` of them.
std::string problems_text(const std::vector<Problem>& problems, std::size_t limit = 1000);
// The closest name, also when two letters are swapped (`:hlep`).
std::optional<std::string> closest(const std::string& name, const std::vector<std::string>& names);

} // namespace kader::repl
