// Fuzz target: REPL lines against a loaded case, through repl::Session as
// `kader repl examples/cases/chips-ru-defence-via-hk-2022-11.json` runs them.
//
// The input is one line (a seed) or a short script, one line per '\n'; a
// line left open (an unclosed bracket) is ended with an empty line. Each
// input gets a fresh session, so every finding replays on its own.
//
// Commands that touch files (`:load`, `:case`, `:save`) are skipped: a fuzz
// input must neither write files nor read the disk.
//
// Properties:
//  - no line ends the session: nothing escapes Session::run;
//  - a reply's text is empty or ends with a newline; `more` only with no text;
//  - completion offers options that start within the line;
//  - after the script, `eval` twice gives the same text (deterministic).
#include "fuzz_support.hpp"

#include "interpreter/repl/session.hpp"

#include <fmt/format.h>

namespace kader::fuzz {

namespace {

const std::string& case_path() {
    static const std::string path =
        std::string(KADER_SOURCE_DIR) + "/examples/cases/chips-ru-defence-via-hk-2022-11.json";
    return path;
}

// Anywhere in the line, since a continued line joins the next ones to it.
bool touches_files(const std::string& line) {
    for (const char* command : {":load", ":case", ":save"})
        if (line.find(command) != std::string::npos) return true;
    return false;
}

void check_reply(const std::string& line, const repl::Reply& r) {
    if (!r.text.empty() && r.text.back() != '\n')
        violated("a REPL reply ends with a newline", line + "\n---- reply ----\n" + r.text);
    if (r.more && !r.text.empty())
        violated("a REPL reply that asks for more shows nothing", line + "\n" + r.text);
    // At a line start only: replies quote the user's line, which may say anything.
    for (const char* internal : {"internal error", "error: internal error"})
        if (r.text.starts_with(internal) ||
            r.text.find("\n" + std::string(internal)) != std::string::npos)
            violated("a REPL reply is never an internal error", line + "\n" + r.text);
}

void check_completion(const repl::Session& session, const std::string& line) {
    repl::Completion c = session.complete(line);
    if (c.start > line.size())
        violated("completion starts within the line",
                 fmt::format("start {} in a line of {} bytes: {}", c.start, line.size(), line));
}

repl::Session& started(repl::Session& session) {
    repl::Reply r = session.start();
    if (!session.ready()) violated("the REPL starts with the standard library", r.text);
    r = session.run(":case " + case_path());
    if (r.error) violated("the REPL loads the fixed case", r.text);
    return session;
}

void check_script(std::string_view text) {
    // The standard library is compiled once; each input gets a fresh session over it.
    repl::Session session{RuleSources{}, stdlib_program()};
    started(session);
    bool more = false;
    for (const auto& line : lines_of(text)) {
        if (touches_files(line)) continue;
        if (!more) check_completion(session, line);
        repl::Reply r = session.run(line);
        check_reply(line, r);
        if (r.quit) return;
        more = r.more;
    }
    if (more) check_reply("", session.run(""));
    if (!session.current_case()) return;
    repl::Reply first = session.run("eval");
    repl::Reply second = session.run("eval");
    if (first.text != second.text || first.error != second.error)
        violated("eval in the REPL is deterministic",
                 first.text + "\n---- then ----\n" + second.text);
}

} // namespace

} // namespace kader::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    kader::fuzz::read_repo_file("examples/cases/chips-ru-defence-via-hk-2022-11.json");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = kader::fuzz::as_text(data, size);
    kader::fuzz::guarded("repl_line", [&] { kader::fuzz::check_script(text); });
    return 0;
}
