// Rules: each `rule` becomes a RuleInfo with its condition resolved, its
// legal basis, goal and period checked, and its messages' values bound;
// rules end sorted by id, and each module lists its own.
#include "lang/checker_internal.hpp"
#include "lang/printer.hpp"

#include <algorithm>

namespace kader::checking {

std::vector<MessagePart> Checker::message(const std::optional<Message>& m, Scope& scope) {
    std::vector<MessagePart> parts;
    if (!m) return parts;
    for (const auto& part : m->parts) {
        if (!part.expr) {
            parts.push_back({part.text, -1});
            continue;
        }
        int node = resolve(*part.expr, scope);
        StaticType t = p_.node(node).type;
        if (t.kind == StaticType::list || t.kind == StaticType::record || t.kind == StaticType::set)
            diags_.error(Code::not_showable, part.expr->location,
                         fmt::format("`{}` is {} and cannot be shown in a message",
                                     print(*part.expr), type_words(t)),
                         "show one of its fields");
        parts.push_back({{}, node});
    }
    return parts;
}

bool Checker::check_common(const Common& c, const std::string& what, const std::string& name,
                           Location where, bool needs_goal) {
    bool ok = true;
    if (!c.basis) {
        diags_.error(Code::no_basis, where, fmt::format("{} `{}` has no legal basis", what, name),
                     "add a line such as `basis \"Reg. (EU) 833/2014 Art. 2\"`");
        ok = false;
    } else if (c.basis->find_first_not_of(" \t") == std::string::npos) {
        diags_.error(Code::empty_basis, c.basis_location,
                     fmt::format("the basis of {} `{}` is empty", what, name));
        ok = false;
    }
    if (needs_goal && !c.goal && c.goal_location.line == 0) {
        diags_.error(Code::no_goal, where, fmt::format("{} `{}` has no goal", what, name),
                     "add `goal G` with G one of end_use, strategic_dependency, tech_leadership, "
                     "sanctions, control_list");
        ok = false;
    }
    if (c.from && c.until && c.from->date > c.until->date)
        diags_.error(Code::never_in_effect, c.until->location,
                     fmt::format("{} `{}` is never in effect: it ends on {} before it starts on {}",
                                 what, name, format_date(c.until->date),
                                 format_date(c.from->date)));
    return ok;
}

void Checker::build_rule(int module, const Rule& r) {
    ModuleInfo& m = module_info(module);
    RuleInfo info;
    info.id = m.ast->name + "." + r.name;
    info.module = m.ast->name;
    info.doc = r.doc;
    info.location = r.location; // where the rule starts, as decisions cite it (file:line:1)
    check_common(r.common, "rule", r.name, r.name_location, !r.exception_to);
    info.goal = r.common.goal.value_or(Goal::end_use);
    info.basis = r.common.basis.value_or("");
    if (r.common.from) info.from = r.common.from->date;
    if (r.common.until) info.until = r.common.until->date;
    info.review = r.common.review;
    if (!r.when)
        diags_.error(Code::no_condition, r.name_location,
                     fmt::format("rule `{}` has no condition", r.name),
                     "add a line `when CONDITION`");
    if (!r.verdict && r.obligations.empty())
        diags_.error(Code::concludes_nothing, r.name_location,
                     fmt::format("rule `{}` concludes nothing", r.name),
                     "add `then VERDICT \"message\"` or `oblige NAME \"message\"`");
    info.verdict = r.verdict;
    std::set<const Expr*> witnesses;
    std::vector<Local> witness_locals;
    Scope scope{module, {}, &info.frame_size};
    if (r.when) {
        collect_witnesses(*r.when, witnesses);
        scope.witnesses = &witnesses;
        scope.witness_locals = &witness_locals;
        info.when = resolve(*r.when, scope);
        check_condition(info.when, "when");
    }
    Scope message_scope{module, witness_locals, &info.frame_size, scope.next_slot};
    Unavailable unavailable;
    if (r.when) unavailable_witnesses(*r.when, witnesses, module, unavailable);
    message_scope.unavailable = &unavailable;
    info.message = message(r.message, message_scope);
    for (const auto& o : r.obligations)
        info.obligations.push_back({o.name, message(o.message, message_scope), o.location});
    info.frame_size = std::max(info.frame_size, message_scope.next_slot);
    int index = static_cast<int>(p_.rules.size());
    rule_by_name_[{module, r.name}] = index;
    if (r.exception_to) exception_links_.push_back({index, &r});
    p_.rules.push_back(std::move(info));
}

void Checker::build_rules() {
    for (std::size_t mi = 0; mi < p_.modules.size(); ++mi) {
        const Module& mod = *p_.modules[mi].ast;
        for (const auto& d : mod.order) {
            if (d.kind == Module::DeclKind::rule)
                build_rule(static_cast<int>(mi), mod.rules[d.index]);
            if (d.kind == Module::DeclKind::table)
                build_table(static_cast<int>(mi), mod.tables[d.index]);
        }
        // Definitions nobody calls are still checked, with parameters of unknown type.
        for (const auto& d : mod.defs) {
            std::string id = mod.name + "." + d.name;
            bool done = std::any_of(instances_.begin(), instances_.end(), [&](const auto& kv) {
                return kv.first.rfind(id + "(", 0) == 0;
            });
            if (done) continue;
            std::vector<int> args;
            for (std::size_t i = 0; i < d.params.size(); ++i)
                args.push_back(add_node(Node{Op::boolean, {}}));
            bool was_used = used_.count({static_cast<int>(mi), d.name}) > 0;
            def_instance(static_cast<int>(mi), d, args, d.name_location);
            if (!was_used) used_.erase({static_cast<int>(mi), d.name});
        }
    }
}

// Rules sorted by id make every list in a decision deterministic.
void Checker::sort_rules() {
    std::vector<int> order(p_.rules.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const RuleInfo& ra = p_.rules[static_cast<std::size_t>(a)];
        const RuleInfo& rb = p_.rules[static_cast<std::size_t>(b)];
        if (ra.table >= 0 && ra.table == rb.table) return ra.row < rb.row;
        return ra.id < rb.id;
    });
    std::vector<int> new_index(order.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        new_index[static_cast<std::size_t>(order[i])] = static_cast<int>(i);
    std::vector<RuleInfo> sorted;
    for (int o : order)
        sorted.push_back(std::move(p_.rules[static_cast<std::size_t>(o)]));
    auto remap = [&](int& i) {
        if (i >= 0) i = new_index[static_cast<std::size_t>(i)];
    };
    for (auto& r : sorted) {
        remap(r.exception_to);
        for (int& e : r.exceptions)
            remap(e);
        std::sort(r.exceptions.begin(), r.exceptions.end());
    }
    for (auto& t : p_.tables)
        for (int& r : t.rows)
            remap(r);
    p_.rules = std::move(sorted);
    for (auto& m : p_.modules)
        for (std::size_t i = 0; i < p_.rules.size(); ++i)
            if (p_.rules[i].module == m.name) m.rules.push_back(static_cast<int>(i));
}

// The rules' frames one after another, in rule order (see RuleInfo::frame_at).
void Checker::place_rule_frames() {
    int at = 0;
    for (auto& r : p_.rules) {
        r.frame_at = at;
        at += r.frame_size;
    }
    p_.rule_frames = at;
}

namespace {

// Every set to review an expression can read, through the definitions it
// calls (each walked once: `walked` holds those already seen).
void collect_sets_read(const Program& p, int node, std::vector<int>& out,
                       std::vector<bool>& walked) {
    const Node& n = p.node(node);
    if ((n.op == Op::in_set || n.op == Op::under_set) && n.set >= 0 &&
        p.sets[static_cast<std::size_t>(n.set)].needs_review())
        out.push_back(n.set);
    if (n.def >= 0 && !walked[static_cast<std::size_t>(n.def)]) {
        walked[static_cast<std::size_t>(n.def)] = true;
        collect_sets_read(p, p.defs[static_cast<std::size_t>(n.def)].root, out, walked);
    }
    for (int k : n.kids)
        collect_sets_read(p, k, out, walked);
}

} // namespace

// Once per rule set, not per decision (see RuleInfo::sets_to_review). A rule
// set with errors is never decided, and its nodes may be incomplete.
void Checker::find_sets_to_review() {
    if (diags_.has_errors()) return;
    for (auto& r : p_.rules) {
        if (r.when < 0) continue;
        std::vector<bool> walked(p_.defs.size());
        collect_sets_read(p_, r.when, r.sets_to_review, walked);
        std::sort(r.sets_to_review.begin(), r.sets_to_review.end());
        r.sets_to_review.erase(std::unique(r.sets_to_review.begin(), r.sets_to_review.end()),
                               r.sets_to_review.end());
    }
}

} // namespace kader::checking
