// Screens the cases named on the command line with the standard rules and
// prints one line per case: the verdict and the rules that decided it.
#include <fstream>
#include <iostream>
#include <kader/kader.hpp>
#include <sstream>

int main(int argc, char** argv) {
    kader::RuleSet rules = kader::RuleSet::standard();
    int status = 0;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i]);
        std::stringstream text;
        text << in.rdbuf();
        auto decision = rules.evaluate(text.str());
        if (!decision) {
            for (const auto& d : decision.diagnostics())
                std::cerr << argv[i] << ": " << d << '\n';
            status = 2;
            continue;
        }
        std::cout << argv[i] << ": " << kader::to_string(decision->verdict());
        for (const auto& id : decision->applied_rules())
            std::cout << ' ' << id;
        std::cout << '\n';
    }
    return status;
}
