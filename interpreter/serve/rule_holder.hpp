#pragma once
// The rule set the service decides with, and its reload. A request takes a
// snapshot (a shared pointer) once and decides with it to the end, so a reload
// never changes the rules under a request in flight: the old program lives on
// until its last request lets go of it.
#include "interpreter/rule_loader.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

#include <memory>
#include <mutex>

namespace kader::serve {

class RuleHolder {
public:
    RuleHolder(RuleSources sources, std::shared_ptr<const Program> first);

    std::shared_ptr<const Program> current() const;

    struct Reload {
        bool swapped = false;                    // the new rule set is now served
        std::shared_ptr<const Program> previous; // the rule set served before
        std::shared_ptr<const Program> current;  // the rule set served now
        Diagnostics diags;                       // errors when refused; warnings otherwise
    };
    // Reads and checks the same rule files again. A rule set with errors is
    // refused and the one served stays. One reload runs at a time.
    Reload reload();

private:
    RuleSources sources_;
    std::mutex reloading_;     // serialises reloads: two would race to swap
    mutable std::mutex guard_; // guards program_ only, held for a pointer copy
    std::shared_ptr<const Program> program_;
};

} // namespace kader::serve
