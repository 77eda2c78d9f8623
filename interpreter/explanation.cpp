// Paths of an explanation block as text, and the tree of one of its reasons.
#include "interpreter/explanation.hpp"

#include "interpreter/decision.hpp"
#include "interpreter/room.hpp"

namespace kader {

std::string path_text(const std::vector<PathStep>& steps, std::int32_t path) {
    std::string out;
    auto put = [&](std::string_view piece) { out.append(piece); };
    put_path(steps, path, put);
    return out;
}

// Two steps made apart may name one place (a field read twice): compared
// as the texts they write, which is what a reader of the explanation sees.
bool same_path(const std::vector<PathStep>& steps, std::int32_t a, std::int32_t b) {
    return a == b || path_text(steps, a) == path_text(steps, b);
}

void Explanation::make_room() {
    if (reasons.capacity() != 0) return;
    reasons.reserve(16);
    facts.reserve(8);
    witnesses.reserve(4);
    texts.reserve(64);
}

void Explanation::clear_for_reuse() {
    if (room::worth_keeping(reasons) && room::worth_keeping(facts) &&
        room::worth_keeping(witnesses) && room::worth_keeping(steps) && room::worth_keeping(texts))
        clear();
    else
        *this = Explanation{};
}

namespace {

ShownValue shown(const Explanation& e, const BlockValue& v) {
    ShownValue s;
    s.kind = v.kind;
    s.boolean = v.boolean;
    s.number = v.number;
    s.date = v.date;
    s.text = e.text(v);
    s.count = v.count;
    return s;
}

} // namespace

Reason reason_tree(const Explanation& e, int root) {
    Reason r;
    if (root < 0) return r;
    const ReasonEntry& at = e.reason(root);
    r.node = at.node;
    r.definition = at.definition;
    r.value = shown(e, at.value);
    for (int f = at.first_fact; f >= 0; f = e.fact(f).next) {
        r.facts.push_back({e.path_text(e.fact(f).path), shown(e, e.fact(f).value)});
    }
    if (at.witness >= 0) {
        const BlockWitness& bw = e.witness(at.witness);
        Witness& w = r.witness.emplace();
        w.path = e.path_text(bw.path);
        w.field = bw.field;
        w.name = e.text(bw.name_at, bw.name_size);
    }
    for (int p = at.first_part; p >= 0; p = e.reason(p).next)
        r.parts.push_back(reason_tree(e, p));
    return r;
}

Reason DecisionRecord::reason(int index) const {
    return reason_tree(explanation, index);
}

} // namespace kader
