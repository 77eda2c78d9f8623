#pragma once
// The REPL's case editing: paths such as `parties[1].country`, checked
// against the schema, and edits (set, unset, add, remove) on the case JSON.
// The case stays JSON with its keys in the order they were written, so that
// a saved case reads like the one that was loaded. Free of terminal I/O.
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kader::repl {

using Json = nlohmann::ordered_json;

// A mistake in the user's line, pointing at a span of it: what the REPL's
// readers of a line report, made into a Diagnostic (to_diagnostic) once the
// whole line is known.
struct InputError {
    std::string message;
    std::string help;
    std::size_t column = std::string::npos; // 0-based byte offset in the line; npos: no caret
    std::size_t length = 1;
    Code code = Code::repl_usage;
};

struct PathStep {
    bool is_index = false;
    std::string field;
    std::size_t index = 0;
    std::size_t column = 0, length = 0; // the step's span in the line
};

struct CasePath {
    std::vector<PathStep> steps; // empty: the whole case
    std::size_t column = 0, length = 0;

    // Canonical text, `parties[1].country`; "case" for the whole case.
    std::string text(std::size_t steps_count = std::string::npos) const;
};

// Parses `text` as a path; `offset` is where it starts in the line. A
// leading `case.` is accepted (`case.parties[0]`), and `case` alone is the
// whole case.
std::optional<CasePath> parse_path(std::string_view text, std::size_t offset, InputError& error);

// The schema node of each prefix of the path: nodes[0] is the case record,
// nodes[k] the value after k steps. Checks fields and list steps against the
// schema (not list lengths: those depend on the case).
std::optional<std::vector<int>> schema_nodes(const Program& program, const CasePath& path,
                                             InputError& error);

// The value at `path`, or null when it (or a record on the way) is absent.
const Json* value_at(const Json& root, const CasePath& path);

// Words for what a schema node holds: "a country code such as \"NL\"", ...
std::string describe_type(const Program& program, int node);

enum class EditKind { set, unset, add, remove };

struct Edit {
    EditKind kind = EditKind::set;
    CasePath path;
    Json value;                   // set, add
    std::size_t value_column = 0; // the value's span in the line, for carets
    std::size_t value_length = 1;
};

// Applies the edit to `root` (the caller keeps a copy to go back to).
// Returns what changed, as shown to the user: `parties[0].country: "HK" -> "RU"`.
// Checks the path and list bounds; the value itself is checked afterwards by
// validating the whole case (see new_problems).
std::optional<std::string> apply_edit(const Program& program, Json& root, const Edit& edit,
                                      InputError& error);

// The case's problems against the schema, as `path: message` lines (with
// `help: ...` on the following line when there is advice).
struct Problem {
    std::string message;
    std::string help;
    Code code = Code::case_invalid_value;
    bool operator==(const Problem& o) const { return message == o.message && help == o.help; }
};
std::vector<Problem> case_problems(const Program& program, const Json& root);
// The errors of a reading of the case, as problems.
std::vector<Problem> problems_of(const Diagnostics& diags);

// Problems of `after` that `before` did not have: the ones an edit caused.
std::vector<Problem> new_problems(const std::vector<Problem>& before,
                                  const std::vector<Problem>& after);

// An empty case: every required field present (null when it has no
// sensible empty value), required non-empty lists with one empty element.
Json skeleton(const Program& program);

// The paths of the nulls in a case (the facts still to set after :new).
std::vector<std::string> null_paths(const Json& root);

// JSON on one line, with a space after `:` and `,`.
std::string one_line(const Json& v);
// The same, cut to `width` characters with "...".
std::string brief(const Json& v, std::size_t width = 100);

} // namespace kader::repl
