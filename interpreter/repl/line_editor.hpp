#pragma once
// The terminal side of the REPL: line editing, history kept in a file and
// tab completion, through libedit. Only used when standard input is a
// terminal; scripts go straight to the Session.
#include "interpreter/repl/session.hpp"

#include <optional>
#include <string>

namespace kader::repl {

class LineEditor {
public:
    // `history_file` may be empty: then the history lasts for this session only.
    LineEditor(Session& session, std::string history_file);
    ~LineEditor();
    LineEditor(const LineEditor&) = delete;
    LineEditor& operator=(const LineEditor&) = delete;

    // The next line, without its newline; nullopt at the end of input (Ctrl-D).
    // Ctrl-C abandons the line being typed, and an entry continued over
    // several lines, and asks again.
    std::optional<std::string> read(const std::string& prompt);

    struct Impl;

private:
    Impl* impl_;
};

// Where the history goes: $HOME/.kader_history, or empty without a home.
std::string default_history_file();

} // namespace kader::repl
