#pragma once
// Modules -> checked program. Resolves every name, checks types against the
// case schema, finds cycles, duplicates and missing legal bases, and loads
// the sets' data files. Reports every problem it finds, not just the first.
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kader {

// Reads a data file named in `set NAME = load "PATH"`, PATH relative to the
// rule file `from`. Returns the text, or nullopt with `error` set.
using DataReader = std::function<std::optional<std::string>(
    const Source& from, const std::string& path, std::string& error)>;

// Reads data files from the file system, relative to the rule file's folder.
std::optional<std::string> read_data_file(const Source& from, const std::string& path,
                                          std::string& error);
// The data file that `load "path"` in `from` names, as the user would name
// it: relative to the current folder (or the standard library's root).
std::string data_file_name(const Source& from, const std::string& path);

// Parses and checks the sources as one rule set. Null when there are errors.
std::shared_ptr<const Program> compile(std::vector<std::unique_ptr<Source>> sources,
                                       const DataReader& read_data, Diagnostics& diags);

// Did-you-mean: the candidate closest to `name` by edit distance, if close enough.
std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& candidates);

// Expressions typed on their own (the REPL), resolved against a compiled
// program as if written in a module that imports every module (by the last
// segment of its name); a set or definition may also go without its module
// when only one module declares it. The program is never changed: the
// nodes go to a scratch copy of its tables, which program() returns.
class ExpressionScope {
public:
    explicit ExpressionScope(std::shared_ptr<const Program> program);
    ~ExpressionScope();
    ExpressionScope(const ExpressionScope&) = delete;
    ExpressionScope& operator=(const ExpressionScope&) = delete;

    // The expression's node in program(), or -1 with the errors in `diags`.
    // `frame_size` is the number of local slots its evaluation needs.
    int resolve(const ast::Expr& e, Diagnostics& diags, int& frame_size);
    const Program& program() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kader
