// The element type of a set: declared (`set annex_vii: cn = load "..."`)
// or given by its first use (`item.cn in annex_vii`). Every entry is checked
// against it, wherever it is written, and a set used as two different types
// is refused: one of the two uses can never match.
#include "lang/checker_internal.hpp"
#include "lang/text_kinds.hpp"

namespace kader::checking {

namespace {

// A key per type that entries are checked against: an enum by its node.
int type_key(ValueType t) {
    return t.kind == TypeKind::enum_ ? t.schema : -1 - static_cast<int>(t.kind);
}

// Enum values are texts: a set of texts may be compared with an enum, whose
// values its entries are then checked against.
bool compatible(TypeKind a, TypeKind b) {
    auto textual = [](TypeKind k) { return k == TypeKind::string || k == TypeKind::enum_; };
    return a == b || (textual(a) && textual(b));
}

} // namespace

void Checker::check_entries(SetEntries& entries, ValueType type, const std::string& subject) {
    if (!entries.checked.insert(type_key(type)).second) return;
    for (std::size_t i = 0; i < entries.texts.size(); ++i) {
        const std::string& text = entries.texts[i];
        if (text.empty() || fits(text, type)) continue;
        Location at = entry_location(entries, i);
        std::string message =
            type.kind == TypeKind::enum_
                ? fmt::format("set `{}` holds values of `{}`, but \"{}\" is not one of them",
                              entries.name, subject, text)
                : fmt::format("set `{}` holds {}, but \"{}\" is not {}", entries.name,
                              kind_plural(type.kind), text, kind_singular(type.kind));
        diags_.error(Code::invalid_literal, at, std::move(message), hint(text, type, subject));
    }
}

// Sets whose type is declared are checked whether or not anything uses them.
void Checker::check_declared_sets() {
    for (auto& entries : set_entries_)
        if (entries.declared) check_entries(entries, {*entries.declared, -1}, "");
}

// Whether this use agrees with the set's type; the first use of an
// undeclared set gives it its type.
bool Checker::same_set_type(SetEntries& entries, ValueType type, const Node& set,
                            const Node& subject) {
    if (entries.declared) {
        if (compatible(*entries.declared, type.kind)) return true;
        diags_.error(Code::set_type_mismatch, set.location,
                     fmt::format("set `{}` holds {} (it is declared `{}`), but `{}` is {}",
                                 entries.name, kind_plural(*entries.declared),
                                 kind_keyword(*entries.declared), subject.source,
                                 kind_singular(type.kind)),
                     "compare it with a value of its type, or use another set");
        return false;
    }
    if (!entries.used) {
        entries.used = type;
        entries.first_use = set.location;
        entries.first_subject = subject.source;
        return true;
    }
    if (compatible(entries.used->kind, type.kind)) return true;
    diags_.error(
        Code::set_used_as_two_types, set.location,
        fmt::format("set `{}` is used here as {} (with `{}`), but it was first used as {}",
                    entries.name, kind_plural(type.kind), subject.source,
                    kind_plural(entries.used->kind)),
        "declare the set's type, as in `set NAME: cn = ...`, and use it with values of that "
        "type only",
        {related(entries.first_use,
                 fmt::format("first used as {} with `{}` here", kind_plural(entries.used->kind),
                             entries.first_subject))});
    return false;
}

// `x in SET`, `x under SET`: the set's entries against the type of `x`.
void Checker::check_set_use(int set_node, int subject, Relation relation) {
    const Node& set = p_.node(set_node);
    const Node& x = p_.node(subject);
    auto type = value_type(x.type);
    if (set.op != Op::set || set.set < 0 || !type) return;
    if (static_cast<std::size_t>(set.set) >= set_entries_.size()) return;
    SetEntries& entries = set_entries_[static_cast<std::size_t>(set.set)];
    if (entries.name.empty()) { // a set literal: each entry is a literal of the comparison
        for (std::size_t i = 0; i < entries.texts.size() && i < entries.locations.size(); ++i)
            check_text(entries.texts[i], entries.locations[i], *type, x.source, relation);
        return;
    }
    if (!same_set_type(entries, *type, set, x)) return;
    bool coded = kind_is_coded(type->kind);
    if (relation == Relation::under && !coded) return;
    check_entries(entries, *type, x.source);
}

} // namespace kader::checking
