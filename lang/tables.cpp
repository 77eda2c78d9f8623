// Decision tables: each row becomes a rule of its own (`table#N`), whose
// condition is the `and` of its cells, each cell compared with its column
// exactly as a comparison in `when` would be (Checker::compare).
#include "lang/checker_internal.hpp"

#include <algorithm>

namespace kader::checking {

void Checker::build_table(int module, const Table& t) {
    ModuleInfo& m = module_info(module);
    check_common(t.common, "table", t.name, t.name_location, true);
    TableInfo table;
    table.id = m.ast->name + "." + t.name;
    table.hit = t.hit;
    table.basis = t.common.basis.value_or("");
    int frame = 0;
    Scope scope{module, {}, &frame};
    std::vector<int> columns;
    for (const auto& c : t.columns)
        columns.push_back(resolve(*c, scope));
    int table_index = static_cast<int>(p_.tables.size());
    for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
        const Row& row = t.rows[ri];
        if (row.cells.size() != columns.size()) {
            diags_.error(Code::row_width, row.location,
                         fmt::format("this row has {} cell{}, but the table has {} column{}",
                                     row.cells.size(), row.cells.size() == 1 ? "" : "s",
                                     columns.size(), columns.size() == 1 ? "" : "s"));
            continue;
        }
        if (row.basis && row.basis->find_first_not_of(" \t") == std::string::npos)
            diags_.error(Code::empty_basis, row.basis_location,
                         fmt::format("the basis of row {} of table `{}` is empty", ri + 1, t.name),
                         "cite the row's provision, or leave `basis` out to cite the table's");
        Node all{Op::and_, {StaticType::boolean, -1}};
        all.location = row.location;
        std::vector<std::string> words;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const Cell& cell = row.cells[c];
            if (cell.kind == Cell::Kind::any) continue;
            // The column's node is shared by every row: it is resolved once.
            int value = resolve(*cell.value, scope);
            Node cmp{Op::eq, {StaticType::boolean, -1}};
            cmp.location = cell.location;
            bool is_bool = p_.node(columns[c]).type.kind == StaticType::boolean &&
                           p_.node(value).op == Op::boolean && cell.op == CompareOp::eq;
            if (is_bool) {
                cmp = p_.node(value).boolean ? p_.node(columns[c])
                                             : Node{Op::not_, {StaticType::boolean, -1}};
                if (!p_.node(value).boolean) {
                    cmp.kids = {columns[c]};
                    cmp.location = cell.location;
                    cmp.source = "not " + p_.node(columns[c]).source;
                    all.kids.push_back(add_node(std::move(cmp)));
                } else {
                    all.kids.push_back(columns[c]);
                }
                words.push_back(p_.node(all.kids.back()).source);
                continue;
            }
            StaticType lt = p_.node(columns[c]).type, rt = p_.node(value).type;
            std::string source = fmt::format("{} {} {}", p_.node(columns[c]).source,
                                             to_string(cell.op), p_.node(value).source);
            bool equality = cell.op != CompareOp::in && cell.op != CompareOp::not_in &&
                            cell.op != CompareOp::under;
            if (equality && lt.kind != StaticType::any && rt.kind != StaticType::any &&
                lt.kind != rt.kind) {
                diags_.error(Code::cell_type, cell.location,
                             fmt::format("this cell is {}, but the column `{}` is {}",
                                         type_words(rt), p_.node(columns[c]).source,
                                         type_words(lt)));
                continue;
            }
            int compared =
                compare(cell.op, columns[c], value, cell.location, cell.location, source);
            words.push_back(source);
            all.kids.push_back(compared);
        }
        all.source = words.empty() ? "true (every cell is `-`)"
                                   : fmt::format("{}", fmt::join(words, " and "));
        if (all.kids.empty())
            all = Node{Op::boolean, {StaticType::boolean, -1}}, all.boolean = true,
            all.source = "true";
        all.location = row.location;
        RuleInfo info;
        info.id = fmt::format("{}#{}", table.id, ri + 1);
        info.module = m.ast->name;
        info.doc = t.doc;
        info.location = row.location;
        info.goal = t.common.goal.value_or(Goal::end_use);
        // A row that cites its own provision is decided under it.
        info.basis = row.basis ? *row.basis : t.common.basis.value_or("");
        if (t.common.from) info.from = t.common.from->date;
        if (t.common.until) info.until = t.common.until->date;
        info.review = t.common.review;
        // A row with one condition is that condition: no `and` of one part in its explanation.
        bool single = all.op == Op::and_ && all.kids.size() == 1;
        info.when = single ? all.kids[0] : add_node(std::move(all));
        info.verdict = row.verdict;
        Scope message_scope{module, {}, &frame, scope.next_slot};
        info.message = message(row.message, message_scope);
        info.table = table_index;
        info.row = static_cast<int>(ri + 1);
        table.rows.push_back(static_cast<int>(p_.rules.size()));
        p_.rules.push_back(std::move(info));
    }
    for (int r : table.rows)
        p_.rules[static_cast<std::size_t>(r)].frame_size = std::max(frame, scope.next_slot);
    p_.tables.push_back(std::move(table));
}

} // namespace kader::checking
