// A command that is a program of its own (kader-serve, kader-repl), run in place of
// kader, so that it keeps kader's process: its id, its signals, its exit code.
#include "interpreter/cli/commands.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace kader::cli {

int run_sibling_program(const CommandSpec& spec, const char* program,
                        const std::vector<std::string>& args) {
    // The folder of the binary itself, whatever link or PATH entry named it.
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    const std::string path = (self.parent_path() / program).string();
    if (!error) {
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(path.c_str()));
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        std::cout.flush();
        ::execv(path.c_str(), argv.data());
    }
    const std::string why = error ? error.message() : std::strerror(errno);
    std::cerr << fmt::format("kader {}: error: cannot run `{}`: {}\nhelp: `kader {}` runs the "
                             "program {}, installed in the same folder as kader\n",
                             spec.name, error ? std::string(program) : path, why, spec.name,
                             program);
    return exit_internal;
}

} // namespace kader::cli
