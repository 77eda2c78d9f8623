#pragma once
// Helpers shared by the front-end tests: parsing text held in memory and
// showing ASTs and diagnostics in a form that assertions can compare.
#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/source.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace kader::test {

// A module with the source its locations point into.
struct Parsed {
    std::unique_ptr<Source> source;
    Diagnostics diags;
    ast::Module module;

    bool ok() const { return !diags.has_errors(); }
};

Parsed parse(std::string text, std::string name = "t.kader");

// The expression as an S-expression, every node kind spelled out:
// `(and (== (. case destination) "RU") (known (. case end_use)))`.
std::string sexpr(const ast::Expr& e);

// The first line of each rendered diagnostic: `t.kader:5:8: error: ...`.
std::vector<std::string> headlines(const Diagnostics& diags);

// The same without the file name: `5:8: error: ...`.
std::vector<std::string> located_messages(const Diagnostics& diags);

std::string read_file(const std::filesystem::path& path);

// The repository's folders, found from the path the build passes in.
std::filesystem::path source_dir();

// Every `*.kader` file under `folder`, recursively, sorted.
std::vector<std::filesystem::path> kader_files(const std::filesystem::path& folder);

} // namespace kader::test
