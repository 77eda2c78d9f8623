#pragma once
// The rule set an editor works on: the standard library (unless
// --no-stdlib), the files and folders given with -r, the editor's workspace
// folders, and the documents open in the editor, whose unsaved text wins
// over the file on disk. Each analysis checks the whole rule set, as `kader
// check` would, and re-parses only the modules whose text changed.
#include "interpreter/lsp/index.hpp"
#include "interpreter/rule_loader.hpp"
#include "lang/program.hpp"

#include <kader/diagnostic.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kader::lsp {

struct Analysis {
    std::vector<std::shared_ptr<const ModuleIndex>> modules;
    Index index;
    std::shared_ptr<const Program> program; // null when the rule set has errors
    // By file (a path, or a standard library file's name): the file's
    // diagnostics, those of files without any included as empty lists.
    std::map<std::string, std::vector<Diagnostic>> diagnostics;
};

class Workspace {
public:
    explicit Workspace(RuleSources rules) : rules_(std::move(rules)) {}

    void add_folder(const std::string& path);
    void open(const std::string& path, std::string text);
    void close(const std::string& path);
    bool is_open(const std::string& path) const { return open_.count(path) > 0; }

    // Reads the files again and checks the rule set.
    const Analysis& analyse();
    const Analysis& current() const { return analysis_; }
    // The last program that checked: set sizes and the schema while the rule set has errors.
    const Program* last_program() const { return last_good_.get(); }

    // The text of a rule file of the current analysis.
    const Source* source(const std::string& file) const;
    // Whether `file` is a standard library file compiled into Kader.
    bool is_builtin(const std::string& file) const;

private:
    std::vector<std::string> rule_files(Diagnostics& diags) const;
    std::shared_ptr<const ModuleIndex> indexed(const std::string& name, std::string text,
                                               bool builtin);

    RuleSources rules_;
    std::vector<std::string> folders_;
    std::map<std::string, std::string> open_; // path -> text the editor holds
    std::map<std::string, std::shared_ptr<const ModuleIndex>> parsed_; // reused while unchanged
    Analysis analysis_;
    std::shared_ptr<const Program> last_good_;
};

// A path as the workspace names files: absolute, without `.` and `..`.
std::string normal_path(const std::string& path);

} // namespace kader::lsp
