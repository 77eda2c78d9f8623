// kader eval: decide one case.
#include "interpreter/case_reader.hpp"
#include "interpreter/cli/commands.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"

#include <fmt/format.h>
#include <iostream>

namespace kader::cli {

int run_eval(const CommandSpec& spec, const Args& args) {
    std::string format = args.value("--format").value_or("text");
    if (format != "text" && format != "json") {
        usage_error(spec, fmt::format("`--format {}`: choose text or json", format));
        return exit_bad_input;
    }
    DecideOptions options;
    if (!explain_option(spec, args, options) || !as_of_option(spec, args, options.as_of))
        return exit_bad_input;
    auto program = load_or_report(args);
    if (!program) return exit_bad_input;
    bool log_ok = true;
    auto log = open_log_option(args, log_ok);
    if (!log_ok) return exit_bad_input;
    const std::string& path = args.positional.front();
    auto text = read_input(path);
    if (!text) return exit_bad_input;
    Diagnostics diags;
    auto c = read_case_text(*program, *text, path == "-" ? "<stdin>" : path, diags);
    if (!c) {
        std::cerr << render(diags, stderr_style());
        return exit_bad_input;
    }
    auto decided = decide(program, *c, options, path == "-" ? "<stdin>" : path, diags);
    if (!decided) {
        std::cerr << render(diags, stderr_style());
        return exit_bad_input;
    }
    const DecisionRecord& d = *decided;
    std::string json = render_json(d);
    // A decision that should be on record is shown only once it is.
    if (log &&
        !log->append(*program, {"eval", options.as_of.has_value(), options.full},
                     {{summary_of(d), *text, json, path == "-" ? "<stdin>" : path}}, diags)) {
        std::cerr << render(diags, stderr_style());
        return exit_bad_input;
    }
    if (format == "json")
        std::cout << json << '\n';
    else
        std::cout << render_text(d);
    return exit_ok;
}

} // namespace kader::cli
