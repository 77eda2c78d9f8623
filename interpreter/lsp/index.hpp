#pragma once
// What the names in the rule files stand for, found from each module's parse
// tree alone: an author navigates a rule set while it still has errors, when
// the checker gives no program. Names resolve as the checker resolves them
// (lang/resolver.cpp): a local, then the module's own sets and definitions,
// then `alias.member` of an imported module.
#include "lang/ast.hpp"
#include "lang/source.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kader::lsp {

// A module (member empty), a declaration in a module, or a data file.
struct Target {
    std::string module, member;
    std::string data_file; // the path a `load "..."` names, resolved against its rule file

    bool operator==(const Target&) const = default;
};

// A declaration's name, where it is written.
struct Declaration {
    ast::Module::DeclKind kind;
    std::size_t index; // in the module's AST list of that kind
    std::string name;
    Location at; // the name
};

// A place where a name is used, and what it stands for.
struct Use {
    Location at;
    Target target;
};

// One rule file, parsed, with its declarations and uses.
struct ModuleIndex {
    std::unique_ptr<Source> source;
    ast::Module ast;
    bool parsed = false; // no syntax errors (the formatter needs a whole parse)
    std::vector<Declaration> declarations;
    std::vector<Use> uses;
    std::map<std::string, std::string> aliases; // last segment -> module imported

    const Declaration* declaration(std::string_view name) const;
};

// Parses `source` and indexes it.
std::unique_ptr<ModuleIndex> index_module(std::unique_ptr<Source> source);

// The rule set's modules, by module name.
class Index {
public:
    void add(const ModuleIndex* module);
    const ModuleIndex* module(std::string_view name) const;
    const std::vector<const ModuleIndex*>& modules() const { return modules_; }

    // What is at a place of a file: a use, or a declaration's own name.
    std::optional<Target> target_at(const std::string& file, std::uint32_t line,
                                    std::uint32_t column) const;
    // Where a target is declared: the name of a declaration, or a module's `module` line.
    std::optional<Location> declaration_of(const Target& target) const;
    // Every use of a target, in file order.
    std::vector<Location> uses_of(const Target& target) const;

private:
    std::vector<const ModuleIndex*> modules_;
    std::map<std::string, const ModuleIndex*, std::less<>> by_name_;
};

} // namespace kader::lsp
