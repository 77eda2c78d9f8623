// kader repl: explore hypothetical cases interactively. With a terminal,
// line editing, history and completion; otherwise commands are read line by
// line from standard input, without prompts, so that scripts can drive it.
#include "interpreter/cli/commands.hpp"
#include "interpreter/repl/line_editor.hpp"
#include "interpreter/repl/pager.hpp"
#include "interpreter/repl/session.hpp"

#include <clocale>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace kader::cli {

int run_repl(const CommandSpec&, const Args& args) {
    repl::Session session(args.rules);
    repl::Reply started = session.start();
    if (!session.ready()) {
        std::cerr << started.text;
        return exit_bad_input;
    }
    std::cerr << started.text; // warnings about the user's rule files
    bool terminal = isatty(STDIN_FILENO) != 0;
    bool failed = false;
    auto show = [&](const repl::Reply& r) {
        std::cout << r.text << std::flush;
        failed = failed || r.error;
    };
    if (terminal)
        std::cout << fmt::format("kader repl: {}\n`:help` lists the commands, Tab completes, "
                                 "`:quit` or Ctrl-D leaves.\n",
                                 session.summary());
    if (!args.positional.empty()) show(session.run(":case " + args.positional.front()));
    if (terminal) {
        std::setlocale(LC_CTYPE, "");
        repl::LineEditor editor(session, repl::default_history_file());
        for (;;) {
            auto line = editor.read(session.prompt());
            if (!line) {
                std::cout << '\n';
                break;
            }
            repl::Reply r = session.run(*line);
            // Long output (a full explanation, the rule list) goes through a pager.
            if (isatty(STDOUT_FILENO))
                repl::show_paged(r.text);
            else
                show(r);
            if (r.quit) break;
        }
        return exit_ok;
    }
    // A script: exit status 1 when any of its commands failed.
    std::string line;
    bool quit = false;
    std::uint32_t number = 0;
    while (!quit && std::getline(std::cin, line)) {
        session.set_script_line(++number); // errors name the script's line
        repl::Reply r = session.run(line);
        show(r);
        quit = r.quit;
    }
    if (!quit) show(session.run("")); // finishes a line left open at the end
    return failed ? exit_failed : exit_ok;
}

} // namespace kader::cli
