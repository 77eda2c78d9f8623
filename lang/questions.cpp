#include "lang/questions.hpp"

#include <charconv>
#include <cstdint>
#include <fmt/format.h>
#include <optional>
#include <vector>

namespace kader {

namespace {

// One step of a JSON path: a field name and the list indices after it
// (`items[0]` is "items" and {0}; `matrix[1][2]` is "matrix" and {1, 2}).
struct Step {
    std::string name;
    std::vector<std::uint64_t> indices;
};

// An index between `[` and `]`, digits only; nothing for anything else, or
// for a number too large to count from 1.
std::optional<std::uint64_t> parse_index(std::string_view digits) {
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size() || digits.empty() ||
        value == UINT64_MAX)
        return std::nullopt;
    return value;
}

// The steps of `path`, or nothing when it is not a path as the evaluator
// writes them (a name, then `[N]` any number of times, steps joined by `.`).
std::optional<std::vector<Step>> parse_path(std::string_view path) {
    std::vector<Step> steps;
    std::size_t at = 0;
    while (at < path.size()) {
        Step step;
        std::size_t end = path.find_first_of(".[", at);
        if (end == std::string_view::npos) end = path.size();
        step.name = std::string(path.substr(at, end - at));
        if (step.name.empty()) return std::nullopt;
        at = end;
        while (at < path.size() && path[at] == '[') {
            std::size_t close = path.find(']', at);
            if (close == std::string_view::npos) return std::nullopt;
            auto index = parse_index(path.substr(at + 1, close - at - 1));
            if (!index) return std::nullopt;
            step.indices.push_back(*index);
            at = close + 1;
        }
        steps.push_back(std::move(step));
        if (at == path.size()) break;
        if (path[at] != '.' || at + 1 == path.size()) return std::nullopt;
        ++at;
    }
    if (steps.empty()) return std::nullopt;
    return steps;
}

// `contract_date` as words: "contract date".
std::string words(std::string_view name) {
    std::string out(name);
    for (char& c : out)
        if (c == '_') c = ' ';
    return out;
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() > tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// One element of a list, named after the list: "items" -> "item",
// "parties" -> "party", "classes" -> "class", "transit" -> "transit". Simple
// English plurals only; anything else keeps its name.
std::string singular(std::string_view list) {
    std::string w = words(list);
    if (ends_with(w, "ies")) return w.substr(0, w.size() - 3) + 'y';
    for (std::string_view tail : {"sses", "shes", "ches", "xes"})
        if (ends_with(w, tail)) return w.substr(0, w.size() - 2);
    if (ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us"))
        return w.substr(0, w.size() - 1);
    return w;
}

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

// "a", "a or b", "a, b or c".
std::string alternatives(const std::vector<std::string>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
        out += values[i];
    }
    return out;
}

// What a path resolves to in the schema, as far as the schema knows it.
struct Target {
    const SchemaField* field = nullptr; // the field of the last step, if the schema has it
    const SchemaNode* node = nullptr;   // the value the path ends at, if the schema knows it
    std::vector<std::string> about;     // "item 1", ... for every index on the way
};

const SchemaNode* node_at(const Program& p, int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= p.schema.size()) return nullptr;
    return &p.schema[static_cast<std::size_t>(index)];
}

Target resolve(const Program& p, const std::vector<Step>& steps) {
    Target t;
    const SchemaNode* node = p.has_schema ? node_at(p, 0) : nullptr;
    for (const Step& step : steps) {
        const SchemaField* field = nullptr;
        if (node && node->kind == ast::TypeKind::record) {
            int slot = node->field_index(step.name);
            if (slot >= 0) field = &node->fields[static_cast<std::size_t>(slot)];
        }
        t.field = field;
        node = field ? node_at(p, field->type) : nullptr;
        for (std::size_t k = 0; k < step.indices.size(); ++k) {
            std::string element = k == 0 ? singular(step.name) : "entry";
            t.about.push_back(fmt::format("{} {}", element, step.indices[k] + 1));
            node = node && node->kind == ast::TypeKind::list ? node_at(p, node->element) : nullptr;
        }
    }
    t.node = node;
    return t;
}

// The records between the last list element of the path and the fact, as
// a hint after the generated question: "(params)" for
// `items[0].params.node_nm`, "(serves.params)" one level deeper.
std::string context(const std::vector<Step>& steps) {
    std::size_t from = 0;
    for (std::size_t i = 0; i + 1 < steps.size(); ++i)
        if (!steps[i].indices.empty()) from = i + 1;
    std::string out;
    for (std::size_t i = from; i + 1 < steps.size(); ++i)
        out += (out.empty() ? "" : ".") + steps[i].name;
    return out.empty() ? out : " (" + out + ")";
}

// A question made from the field's name and its type: what an officer
// would write without a prepared text.
std::string generated_text(const std::vector<Step>& steps, const SchemaNode* node) {
    const Step& last = steps.back();
    std::string what = last.indices.empty() ? words(last.name) : singular(last.name);
    std::string hint = context(steps);
    switch (node ? node->kind : ast::TypeKind::string) {
    case ast::TypeKind::boolean:
        return fmt::format("{}{}: yes or no?", capitalised(what), hint);
    case ast::TypeKind::enum_:
        if (node->enum_values.empty()) break;
        return fmt::format("What is the {}{}: {}?", what, hint, alternatives(node->enum_values));
    case ast::TypeKind::list:
        return fmt::format("What are the {}{}?", what, hint);
    case ast::TypeKind::record:
        return fmt::format("What are the details of the {}{}?", what, hint);
    default:
        break;
    }
    return fmt::format("What is the {}{}?", what, hint);
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts)
        out += (out.empty() ? "" : ", ") + part;
    return out;
}

} // namespace

Question question_for(const Program& program, std::string_view json_path) {
    auto steps = parse_path(json_path);
    if (!steps) {
        std::string text = json_path.empty() ? "Which fact is missing?"
                                             : fmt::format("What is the value of {}?", json_path);
        return {std::move(text), true, {}};
    }
    Target target = resolve(program, *steps);
    Question q;
    q.about = joined(target.about);
    if (target.field && !target.field->ask.empty()) {
        q.text = target.field->ask;
        return q;
    }
    q.text = generated_text(*steps, target.node);
    q.generated = true;
    return q;
}

std::string question_line(const Question& q) {
    if (q.about.empty()) return q.text;
    return capitalised(q.about) + ": " + q.text;
}

} // namespace kader
