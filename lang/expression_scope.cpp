// The REPL's scope: expressions typed on their own, resolved against a
// compiled program through the symbol tables the checker kept in it, in an
// open scope that sees every module (symbols.cpp, open_scope).
#include "lang/checker_internal.hpp"

namespace kader {

using checking::Checker;

struct ExpressionScope::Impl {
    std::shared_ptr<const Program> compiled;
    Program scratch;
    int open_module = -1;
    Diagnostics diags;
    DataReader no_data = [](const Source&, const std::string&,
                            std::string& error) -> std::optional<std::string> {
        error = "no data files are read here";
        return std::nullopt;
    };
    std::unique_ptr<Checker> checker;
};

// The compiled program is shared and never changed: new nodes, set literals
// and definition instances go to a scratch copy of its tables.
ExpressionScope::ExpressionScope(std::shared_ptr<const Program> program)
    : impl_(std::make_unique<Impl>()) {
    Impl& i = *impl_;
    i.compiled = std::move(program);
    const Program& p = *i.compiled;
    i.scratch.schema = p.schema;
    i.scratch.has_schema = p.has_schema;
    i.scratch.id_slot = p.id_slot;
    i.scratch.date_slot = p.date_slot;
    i.scratch.sets = p.sets;
    i.scratch.nodes = p.nodes;
    i.scratch.element_tests = p.element_tests; // the nodes' Node::element_test index it
    i.scratch.case_quantifiers = p.case_quantifiers;
    i.scratch.defs = p.defs;
    i.scratch.fingerprint = p.fingerprint;
    i.scratch.modules = p.modules;
    i.open_module = static_cast<int>(i.scratch.modules.size());
    i.scratch.modules.push_back(checking::open_scope(p.modules));
    i.checker = std::make_unique<Checker>(i.scratch, i.no_data, i.diags);
    i.checker->index_checked_modules();
}

ExpressionScope::~ExpressionScope() = default;

int ExpressionScope::resolve(const ast::Expr& e, Diagnostics& diags, int& frame_size) {
    impl_->diags = Diagnostics{};
    frame_size = 0;
    int node = impl_->checker->resolve_typed(e, impl_->open_module, frame_size);
    diags.append(impl_->diags);
    return node;
}

const Program& ExpressionScope::program() const {
    return impl_->scratch;
}

} // namespace kader
