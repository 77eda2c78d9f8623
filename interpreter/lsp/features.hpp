#pragma once
// The language features `kader lsp` offers, each from the workspace's
// current analysis to the protocol's result JSON. Places come in and go out
// in the protocol's terms (0-based lines, UTF-16 columns); in between they
// are Kader's (1-based lines, byte columns).
#include "interpreter/lsp/files.hpp"
#include "interpreter/lsp/protocol.hpp"
#include "interpreter/lsp/workspace.hpp"

#include <optional>
#include <string>

namespace kader::lsp {

// A place in a rule file of the analysis, in Kader's terms.
struct Place {
    std::string file;
    const Source* source = nullptr;
    std::uint32_t line = 1, column = 1;
};

// The protocol's {line, character} in `source` as a Place; nullopt past the end.
std::optional<Place> place_of(const Source& source, const std::string& file, const json& position);
// The protocol's range of `length` bytes at line:column of `source`.
json range_of(const Source* source, std::uint32_t line, std::uint32_t column, std::uint32_t length);
// A protocol Location for a place in a rule file; null when it cannot be shown.
json location_of(Files& files, const Workspace& ws, const Location& at);

json hover(const Workspace& ws, const Place& at);
json definition(Files& files, const Workspace& ws, const Place& at);
json references(Files& files, const Workspace& ws, const Place& at, bool with_declaration);
json completion(const Workspace& ws, const Place& at);
json document_symbols(const Workspace& ws, const std::string& file);
// One edit that gives the file its canonical layout (`kader fmt`); nullopt
// when the file does not parse.
std::optional<json> formatting(const Workspace& ws, const std::string& file);
// Quick fixes for the did-you-mean diagnostics within `range` of the file.
json code_actions(Files& files, const Workspace& ws, const std::string& file, const json& range);
// textDocument/publishDiagnostics params for one file.
json published_diagnostics(Files& files, const Workspace& ws, const std::string& file,
                           const std::vector<Diagnostic>& diagnostics);

} // namespace kader::lsp
