#pragma once
// Words for the typed parts of an explanation: values, facts, witnesses
// and reason trees. The decision text and the REPL write them through here,
// so a reason reads the same wherever it is shown.
#include "interpreter/decision.hpp"

#include <map>
#include <string>

namespace kader {

// true, 16, "RU", 2022-02-26, unknown, a list of 3.
std::string show(const ShownValue& v);
// destination = "RU"; contract_date: missing.
std::string show(const FactRead& f);
// items[1] (code 3A001.a.2).
std::string show(const Witness& w);
// The question an officer sends the exporter for a missing fact.
std::string question_text(const Program& p, const std::string& path);
// The expression a reason explains, as written in the rule file.
const std::string& expression_of(const Program& p, const Reason& r);

// The sets the reason of an applied rule of `d` read whose data files are
// not marked verified (their reliability note does not start with
// "verified"): a verdict that rests on them carries their notes. Set
// indices, in order. When the decision keeps no reasons (`--explain rules`),
// every set the rule's condition can read: more notes than its reason would
// name, never fewer.
std::vector<int> sets_to_review(const DecisionRecord& d, const AppliedRule& a);

// Prints reason trees, one line per expression with its value, the facts it
// read and the element that decided it. Across the trees one printer
// prints, a sub-proof already shown in full is referred to, not repeated.
class ReasonPrinter {
public:
    // `max_depth` < 0: no limit. A tree cut at the limit ends in `…`.
    ReasonPrinter(const Program& p, int max_depth) : p_(p), max_depth_(max_depth) {}

    // The tree of a rule's condition: its parts, from `indent` spaces on.
    // `owner` names where it is shown (a rule id), for later references.
    void condition(const Reason& r, int indent, const std::string& owner, std::string& out);
    // The tree below and including `r`.
    void tree(const Reason& r, int indent, const std::string& owner, std::string& out);

private:
    void lines(const Reason& r, int depth, int indent, std::string& out);
    std::string head(const Reason& r) const;
    const std::vector<Reason>& shown_parts(const Reason& r) const;
    bool same_line(const Reason& a, const Reason& b) const;
    std::string subtree_key(const Reason& r, int depth) const;

    const Program& p_;
    int max_depth_;
    std::string owner_;
    std::map<std::string, std::string> shown_; // sub-proof text -> where it was shown
};

} // namespace kader
