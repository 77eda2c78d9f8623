// The case schema: the one `schema case { ... }` of the rule set, as a table
// of type nodes (Program::schema) that expressions are typed against.
#include "lang/checker_internal.hpp"

namespace kader::checking {

// A field's `ask`: a question must say something, and it is only ever asked
// when the fact can be missing. A required field whose records above it are
// all required too, up to the case or to a list's element, is never missing:
// the case is refused without it. Below an optional record, a required field is missing
// whenever the record is, so its question is asked. A list's element is
// reached only when the list is there (see schema_node).
void Checker::check_question(const ast::Field& f, bool always_present) {
    if (!f.ask) return;
    if (f.ask->find_first_not_of(" \t\n") == std::string::npos) {
        diags_.error(Code::empty_question, f.ask_location,
                     fmt::format("the question of field `{}` is empty", f.name),
                     "write the question an officer sends the exporter, or remove `ask`");
        return;
    }
    if (always_present)
        diags_.warning(Code::question_never_asked, f.ask_location,
                       fmt::format("the question of field `{}` is never asked: every case has "
                                   "the field",
                                   f.name),
                       "remove `ask`, or make the field `optional` if a case may leave it out");
}

int Checker::schema_node(const ast::Type& t, bool always_present) {
    SchemaNode n;
    n.kind = t.kind;
    n.nonempty = t.nonempty;
    n.location = t.location;
    n.enum_values = t.enum_values;
    std::set<std::string> seen;
    for (const auto& v : t.enum_values)
        if (!seen.insert(v).second)
            diags_.error(Code::enum_value_twice, t.location,
                         fmt::format("`{}` is listed twice in the enum", v));
    int index = static_cast<int>(p_.schema.size());
    p_.schema.push_back(n);
    if (t.kind == TypeKind::list && t.element) {
        // Elements are never optional, and a rule reaches one only through a
        // quantifier over a list that is there: below an absent list, the list
        // itself is the missing fact.
        int element = schema_node(*t.element, true);
        p_.schema[static_cast<std::size_t>(index)].element = element;
    }
    if (t.kind == TypeKind::record) {
        std::vector<SchemaField> fields;
        std::set<std::string> names;
        for (const auto& f : t.fields) {
            if (!names.insert(f.name).second)
                diags_.error(Code::field_twice, f.location,
                             fmt::format("field `{}` is declared twice", f.name));
            bool present = always_present && !f.optional;
            check_question(f, present);
            fields.push_back(
                {f.name, f.optional, schema_node(f.type, present), f.ask.value_or(""), {}, {}});
            fields.back().name_words();
        }
        SchemaNode& record = p_.schema[static_cast<std::size_t>(index)];
        record.fields = std::move(fields);
        for (std::size_t i = 0; i < record.fields.size() && i < 64; ++i)
            if (!record.fields[i].optional) record.required |= std::uint64_t{1} << i;
        for (const char* name : {"code", "name", "id", "cn", "description", "country"})
            if (int slot = record.field_index(name); slot >= 0)
                record.naming_fields.push_back(slot);
    }
    return index;
}

void Checker::build_schema() {
    const Schema* found = nullptr;
    for (const auto& m : p_.modules) {
        for (const auto& s : m.ast->schemas) {
            if (s.name != "case") {
                diags_.warning(
                    Code::unused_schema, s.name_location,
                    fmt::format("schema `{}` is not used: rules read the schema named `case`",
                                s.name));
                continue;
            }
            if (found) {
                diags_.error(Code::case_schema_twice, s.name_location,
                             "the schema `case` is declared twice",
                             "declare the case's fields in one schema",
                             {related(found->name_location, "first declared here")});
                continue;
            }
            found = &s;
        }
    }
    if (!found) return;
    p_.has_schema = true;
    schema_node(found->record, true);
    p_.id_slot = p_.schema[0].field_index("id");
    p_.date_slot = p_.schema[0].field_index("date");
}

StaticType Checker::type_of(int schema) const {
    if (schema < 0) return {};
    const SchemaNode& n = p_.schema[static_cast<std::size_t>(schema)];
    switch (n.kind) {
    case TypeKind::number:
        return {StaticType::number, schema};
    case TypeKind::boolean:
        return {StaticType::boolean, schema};
    case TypeKind::date:
        return {StaticType::date, schema};
    case TypeKind::list:
        return {StaticType::list, n.element};
    case TypeKind::record:
        return {StaticType::record, schema};
    default:
        return {StaticType::string, schema};
    }
}

} // namespace kader::checking
