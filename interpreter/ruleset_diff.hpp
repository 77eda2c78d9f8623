#pragma once
// What changed between two rule sets, as the causes a change of decision
// can be put down to: a rule added, removed or rewritten, an effective
// period moved, a definition rewritten, a set entry added or removed. Built
// once per pair of programs; asked per case.
#include "lang/program.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace kader {

struct Cause {
    enum class Kind : std::uint8_t {
        rule_added,
        rule_removed,
        rule_changed,       // its condition, verdict, message, basis or exceptions
        period_changed,     // its `effective` period
        definition_changed, // a definition it reads, directly or through others
        set_entry_added,
        set_entry_removed,
        set_changed, // a set it reads changed, but by no entry that concerns this case
        date_moved,  // same rule, decided as of another day: it came into or went out of effect
        unattributed,
    };
    Kind kind = Kind::unattributed;
    std::string name;  // the rule, definition or set
    std::string entry; // the set entry
    std::string file;  // a set's data file, as its `load` names it (not part of the key)
    // period_changed: the periods before and after; date_moved: the rule's period.
    std::optional<ast::Days> from, until, new_from, new_until;
    bool into = false; // date_moved: the new day lies in the period, the old one did not

    static Cause of(Kind kind, std::string name = {}, std::string entry = {}) {
        Cause c;
        c.kind = kind;
        c.name = std::move(name);
        c.entry = std::move(entry);
        return c;
    }
    auto key() const { return std::tie(kind, name, entry, from, until, new_from, new_until, into); }
    bool operator<(const Cause& o) const { return key() < o.key(); }
    bool operator==(const Cause& o) const { return key() == o.key(); }
};

class RuleSetDiff {
public:
    RuleSetDiff(const Program& before, const Program& after);

    bool identical() const { return identical_; }
    // Adds to `out` the changes that can move the outcome of rule `id`:
    // its own, those of the definitions and sets it reads (set entries only
    // when one equals or covers a text of the case, `case_texts`).
    void causes_for_rule(const std::string& id, const std::vector<std::string>& case_texts,
                         std::set<Cause>& out) const;

private:
    // A rule as compared: its text without places, and what it reads.
    struct RuleShape {
        std::string signature;
        std::optional<ast::Days> from, until;
        std::set<std::string> defs, sets; // read directly or through definitions
    };
    struct SetChange {
        std::vector<std::string> added, removed;
        std::string file;
    };
    void own_causes(const std::string& id, const std::vector<std::string>& case_texts,
                    std::set<Cause>& out) const;
    static std::map<std::string, RuleShape> shapes(const Program& p);
    static std::map<std::string, std::string> definition_signatures(const Program& p);

    bool identical_ = false;
    std::map<std::string, RuleShape> before_, after_;
    std::set<std::string> changed_defs_;
    std::map<std::string, SetChange> changed_sets_;
};

} // namespace kader
