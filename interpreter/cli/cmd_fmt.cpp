// kader fmt: canonical formatting of rule files.
#include "interpreter/cli/commands.hpp"
#include "lang/formatter.hpp"
#include "lang/parser.hpp"

#include <fmt/format.h>
#include <fstream>
#include <iostream>

namespace kader::cli {

int run_fmt(const CommandSpec&, const Args& args) {
    bool check = args.has("--check");
    bool bad = false, differs = false;
    for (const auto& path : args.positional) {
        auto text = read_input(path);
        if (!text) {
            bad = true;
            continue;
        }
        Source source(path, *text);
        Diagnostics diags;
        ast::Module module = parse_module(source, diags);
        if (diags.has_errors()) {
            std::cerr << render(diags, stderr_style());
            bad = true;
            continue;
        }
        std::string formatted = format_module(module);
        if (formatted == *text) continue;
        if (check) {
            std::cout << path << '\n';
            differs = true;
            continue;
        }
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << formatted;
        if (!out) {
            std::cerr << fmt::format("{}: error: cannot write this file\n", path);
            bad = true;
        }
    }
    if (bad) return exit_bad_input;
    return differs ? exit_failed : exit_ok;
}

} // namespace kader::cli
