#include "interpreter/serve/rule_holder.hpp"

namespace kader::serve {

RuleHolder::RuleHolder(RuleSources sources, std::shared_ptr<const Program> first)
    : sources_(std::move(sources)), program_(std::move(first)) {}

std::shared_ptr<const Program> RuleHolder::current() const {
    std::lock_guard lock(guard_);
    return program_;
}

RuleHolder::Reload RuleHolder::reload() {
    std::lock_guard one_at_a_time(reloading_);
    Reload out;
    // Loading takes a while; requests keep being served meanwhile.
    auto loaded = load_rules(sources_, out.diags);
    std::lock_guard lock(guard_);
    out.previous = program_;
    if (loaded && !out.diags.has_errors()) {
        program_ = std::move(loaded);
        out.swapped = true;
    }
    out.current = program_;
    return out;
}

} // namespace kader::serve
