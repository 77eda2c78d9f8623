// kader explain: what a diagnostic code means, or the table of all codes
// (docs/language.md carries that table; a test keeps the two in step).
#include "interpreter/cli/commands.hpp"

#include <fmt/format.h>
#include <iostream>

namespace kader::cli {

namespace {

// "K0312" and its meaning, as a row of a Markdown table.
std::string table_row(Code code) {
    std::string summary = code_summary(code);
    std::string cell;
    for (char c : summary)
        cell += c == '|' ? std::string("\\|") : std::string(1, c);
    return fmt::format("| `{}` | {} |\n", code_name(code), cell);
}

} // namespace

int run_explain(const CommandSpec& spec, const Args& args) {
    if (args.flags.count("--all")) {
        if (!args.positional.empty()) {
            usage_error(spec, "give a code or `--all`, not both");
            return 2;
        }
        std::string out = "| code | meaning |\n|---|---|\n";
        for (Code c : all_codes())
            out += table_row(c);
        std::cout << out;
        return 0;
    }
    if (args.positional.size() != 1) {
        usage_error(spec, "give one code, such as K0305, or `--all`");
        return 2;
    }
    auto code = code_from_name(args.positional.front());
    if (!code) {
        std::cerr << fmt::format("kader explain: error[{}]: `{}` is not a Kader diagnostic code\n"
                                 "help: codes look like K0305; `kader explain --all` lists them\n",
                                 code_name(Code::bad_argument), args.positional.front());
        return 2;
    }
    std::cout << fmt::format("{}: {}\n", code_name(*code), code_summary(*code));
    return 0;
}

} // namespace kader::cli
