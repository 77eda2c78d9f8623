// Diagnostics are coloured on a terminal, and only there: never in a pipe or
// a file, never with NO_COLOR set.
#include "support.hpp"

#include "lang/diagnostic.hpp"
#include "lang/source.hpp"

namespace {

const char* const broken = "module t\nrule r\n  then prohibit\n";

// Runs `kader check` on a broken file with standard error on a pseudo
// terminal (util-linux `script`), with `env` before the command.
kt::Run on_terminal(kt::TempDir& dir, const std::string& env) {
    dir.write("b.kader", broken);
    std::string command = env + " " + kt::quoted(KADER_BINARY) + " check --no-stdlib -r b.kader";
    return kt::shell("cd " + kt::quoted(dir.path()) + " && script -qec " + kt::quoted(command) +
                     " /dev/null");
}

} // namespace

TEST_CASE("a diagnostic rendered with colour marks the severity, the carets and the help") {
    kader::Source source("t.kader", "module t\nrule r\n  then prohibit\n");
    kader::Diagnostic d{kader::Severity::error,
                        kader::Code::syntax,
                        kader::span_of({&source, 3, 8, 8}),
                        "expected a verdict",
                        "did you mean `prohibited`?",
                        {},
                        {}};
    std::string plain = kader::render(d);
    CHECK(plain == "t.kader:3:8: error[K0201]: expected a verdict\n    then prohibit\n         "
                   "^~~~~~~~\nhelp: did you mean `prohibited`?\n");
    std::string coloured = kader::render(d, {true});
    CHECK_THAT(coloured, Catch::Contains("\x1b[1;31merror[K0201]\x1b[0m") &&
                             Catch::Contains("\x1b[1;32m^~~~~~~~\x1b[0m") &&
                             Catch::Contains("\x1b[1;36mhelp:\x1b[0m did you mean"));
}

TEST_CASE("kader colours diagnostics on a terminal unless NO_COLOR is set") {
    kt::TempDir dir;
    auto tty = on_terminal(dir, "env TERM=xterm");
    CHECK_THAT(tty.out, Catch::Contains("\x1b[1;31merror[K0201]\x1b[0m"));
    auto no_colour = on_terminal(dir, "env TERM=xterm NO_COLOR=1");
    CHECK_THAT(no_colour.out, Catch::Contains("error[K0201]: expected a verdict"));
    CHECK(no_colour.out.find('\x1b') == std::string::npos);
    dir.write("b.kader", broken);
    auto pipe = kt::shell("cd " + kt::quoted(dir.path()) + " && " + kt::quoted(KADER_BINARY) +
                          " check --no-stdlib -r b.kader");
    CHECK(pipe.exit_code == 1);
    CHECK(pipe.err.find('\x1b') == std::string::npos);
}
