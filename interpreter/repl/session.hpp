#pragma once
// The REPL's command interpreter: takes one line, returns the text to show.
// Free of terminal I/O, so scripted sessions can drive it directly; the
// line editor (line_editor.hpp) and `kader repl` put a terminal around it.
//
// State: the rule set (kept when a reload fails), the case as JSON (edited
// with schema-checked commands, re-validated before each decision), an undo
// stack, the "as of" date, and the last decision (recomputed after a change).
#include "interpreter/case_data.hpp"
#include "interpreter/decision.hpp"
#include "interpreter/repl/case_editor.hpp"
#include "interpreter/rule_loader.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kader {
class ExpressionScope;
}

namespace kader::repl {

// Open brackets of a line that continues over several, counted as its parts
// arrive so that each byte is looked at once (quoted text is skipped).
struct BracketScan {
    long depth = 0;
    bool quoted = false;
    bool escaped = false;
    void feed(std::string_view text);
};

struct Reply {
    std::string text;   // what to show; ends with a newline unless empty
    bool error = false; // the command failed (the session goes on)
    bool quit = false;  // :quit
    bool more = false;  // the line is not finished (an open bracket): read the next one
};

// What completion offers for the text before the cursor: the options replace
// the text from `start` on. An option ending in a space is complete.
struct Completion {
    std::size_t start = 0;
    std::vector<std::string> options;
};

// Where the line being run comes from: a line of a script read from
// standard input, or nothing (a line typed at a terminal).
struct LineOrigin {
    std::string input;      // "<stdin>", or empty
    std::uint32_t line = 0; // 1-based line of the script; 0 at a terminal
};

class Session {
public:
    explicit Session(RuleSources rules);
    // A session over a rule set already compiled from `rules` (start() then
    // only reports ready): for programs that run many sessions, such as the
    // REPL's fuzz target. `:reload` still reads `rules` again.
    Session(RuleSources rules, std::shared_ptr<const Program> compiled);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Loads the rule set. On failure the reply holds the diagnostics and the
    // session cannot run commands.
    Reply start();
    bool ready() const { return program_ != nullptr; }

    // One line of input. Lines that open a bracket they do not close ask for
    // more (reply.more); the next call continues them.
    Reply run(const std::string& line);

    // "kader> ", "kader EX-04> " with a case, "...> " while a line continues;
    // "kader EX-04* as of 2022-01-01> " when the case has unsaved changes and
    // is decided as of another day.
    std::string prompt() const;
    // Drops a continued entry (the terminal's Ctrl-C).
    void discard_entry();
    // A script: the next line run is line `line` of it, so that its errors
    // say where they are (`<stdin>:12:8: error...`). 0: typed at a terminal.
    void set_script_line(std::uint32_t line);
    // One line about the loaded rule set, for the banner.
    std::string summary() const;

    Completion complete(const std::string& before_cursor) const;

    const Json* current_case() const { return case_ ? &*case_ : nullptr; }
    const std::shared_ptr<const Program>& program() const { return program_; }

private:
    struct Decided {
        CaseData data;
        DecisionRecord decision;
    };

public:
    // A command as typed: the line, the command word, its arguments and
    // where they start in the line.
    struct Call {
        const std::string& line;
        const std::string& word;
        const std::string& args;
        std::size_t at;
    };
    // One command of the REPL (the table is in commands.cpp).
    struct Command {
        const char* name; // as typed, with its colon when it needs one
        const char* usage;
        const char* summary;
        const char* details; // for `:help NAME`
        std::vector<const char*> examples;
        std::vector<const char*> aliases; // other spellings: `exit`, `:q`
        bool takes_args = true;
        Reply (*run)(Session&, const Call&) = nullptr; // null: typed expressions
    };
    using CommandTable = std::vector<std::pair<const char*, std::vector<Command>>>;
    // The commands by group, as `:help` lists them.
    static const CommandTable& command_table();
    static std::vector<std::string> command_names();

private:
    static const Command* command_for(const std::string& word);
    static const Command* find_command(const std::string& name);
    Reply dispatch(const std::string& line);
    // ---- errors about the line being run
    Reply fail(const std::string& line, const InputError& e) const;
    Reply fail(std::string message, std::string help = {}) const;
    Reply fail(const InputError& e) const;
    std::string render_error(const std::string& line, const InputError& e) const;
    // ---- commands
    Reply help(const std::string& line, const std::string& args);
    Reply load(const std::string& line, const std::string& args, std::size_t at);
    Reply reload();
    Reply rules(const std::string& args);
    Reply open_case(const std::string& line, const std::string& args, std::size_t at);
    Reply new_case();
    Reply show(const std::string& line, const std::string& args, std::size_t at);
    Reply save(const std::string& line, const std::string& args, std::size_t at, bool overwrite);
    Reply edit(const std::string& line, EditKind kind, const std::string& args, std::size_t at);
    Reply undo();
    Reply eval(const std::string& line, const std::string& args, std::size_t at);
    Reply why(const std::string& line, const std::string& args, std::size_t at);
    Reply why_rule(int rule);
    Reply whatif(const std::string& line, const std::string& args, std::size_t at);
    std::optional<std::string> whatif_change(const std::string& line, const std::string& args,
                                             std::size_t at, Json& next,
                                             std::optional<ast::Days>& as_of, Reply& r) const;
    Reply asof(const std::string& line, const std::string& args, std::size_t at);
    Reply whynot(const std::string& line, const std::string& args, std::size_t at);
    Reply expression(const std::string& line, const std::string& text, std::size_t at,
                     bool explain);
    // ---- helpers
    std::optional<Edit> parse_edit(EditKind kind, const std::string& args, std::size_t at,
                                   InputError& error) const;
    std::optional<Decided> decide_data(CaseData data, std::optional<ast::Days> as_of,
                                       std::string& problems) const;
    std::optional<Decided> decide_json(const Json& c, std::optional<ast::Days> as_of,
                                       std::string& problems) const;
    const Decided* current(std::string& problems);
    std::string
    after_change(const std::optional<Decided>& before); // the verdict line(s) after an edit
    bool need_case(Reply& r) const;
    // The decision of the current case, or nothing with `r` set to why not
    // (no case yet, or a case that cannot be decided).
    const Decided* decision_now(Reply& r);
    void changed() { decided_.reset(); }
    // Whether the case differs from the file it was loaded from or saved to.
    bool modified() const { return !saved_at_ || *saved_at_ != undo_.size(); }
    int find_rule(const std::string& name, InputError& error, bool& ambiguous) const;
    ExpressionScope& scope();
    std::vector<std::string> path_candidates() const;
    std::vector<std::string> value_candidates(const std::string& path) const;
    std::vector<std::string> name_candidates(const std::string& word) const;

    RuleSources rules_;
    std::shared_ptr<const Program> program_;
    std::unique_ptr<ExpressionScope> scope_;      // made on the first typed expression
    std::vector<std::unique_ptr<Source>> inputs_; // typed expressions (their nodes point here)
    std::optional<Json> case_;
    // Each change as the JSON patch that takes it back, and the change's line:
    // a patch holds only what changed, so undo costs memory in proportion to
    // the edits, not a full case copy per edit.
    std::vector<std::pair<Json, std::string>> undo_;
    std::optional<ast::Days> as_of_;
    std::optional<std::size_t> saved_at_; // undo_.size() when the case was loaded or saved
    std::optional<Decided> decided_;
    LineOrigin origin_;        // where the line being run comes from
    std::string entry_;        // the entry being run, for errors that point at none of it
    std::string pending_;      // a line that continues
    BracketScan pending_scan_; // the brackets of pending_, scanned once
};

// A continued entry is capped: past this it is an error, not unbounded memory.
inline constexpr std::size_t max_entry_bytes = 1 << 20;

// An error as the REPL shows it: the message, the line with a caret under
// the span, and the advice; in a script, with the script's line number.
Diagnostic to_diagnostic(const std::string& line, const InputError& e, const LineOrigin& origin);

} // namespace kader::repl
