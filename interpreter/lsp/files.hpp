#pragma once
// Rule files as the editor names them (URIs) and as Kader names them (paths,
// or the names of the standard library's files, which are compiled into
// Kader and exist on no disk). A standard library file is written to a
// private folder the first time the editor is sent to it, so that "go to
// definition" can open it; the folder goes when the server ends.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kader::lsp {

class Workspace;

class Files {
public:
    explicit Files(const Workspace& workspace) : workspace_(workspace) {}
    ~Files();
    Files(const Files&) = delete;
    Files& operator=(const Files&) = delete;

    // The URI of a rule file or data file; empty when it cannot be shown.
    std::string uri(const std::string& file);
    // The file a URI names: a path, or a standard library file's name.
    std::optional<std::string> file(std::string_view uri) const;

private:
    std::string mirror(const std::string& builtin);

    const Workspace& workspace_;
    std::string folder_;                        // where standard library files are written
    std::map<std::string, std::string> mirror_; // written path -> built-in name
};

} // namespace kader::lsp
