// Expressions typed at the REPL: resolved in the open scope over every
// module, evaluated against the case, shown with their reason tree.
#include "interpreter/render_reason.hpp"
#include "interpreter/repl/session.hpp"
#include "interpreter/repl/text.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/render.hpp"
#include "lang/checker.hpp"
#include "lang/file_input.hpp"
#include "lang/json_input.hpp"
#include "lang/parser.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace kader::repl {

Reply Session::expression(const std::string& line, const std::string& text, std::size_t at,
                          bool explain) {
    auto source = std::make_unique<Source>("<input>", text);
    Diagnostics diags;
    auto e = parse_expression(*source, diags);
    int frame = 0;
    int node = -1;
    if (e && !diags.has_errors()) node = scope().resolve(*e, diags, frame);
    if (node < 0 || diags.has_errors()) {
        Reply r;
        r.error = true;
        for (const auto& d : diags.list()) {
            if (d.severity != Severity::error) continue;
            if (d.location.input == source->name) {
                InputError ie{d.message, d.help, at + d.location.column - 1, d.location.length,
                              d.code};
                r.text += render_error(line, ie);
            } else {
                r.text += render(d);
            }
        }
        if (r.text.empty())
            r.text = render_error(line, {"this is not an expression or a command",
                                         "`:help` lists the commands", at, text.size(),
                                         Code::repl_unknown_input});
        bool assignment = line.find('=') != std::string::npos &&
                          line.find("==") == std::string::npos && line.find('=') > 0 &&
                          !std::any_of(line.begin(), line.end(),
                                       [](char c) { return c == '<' || c == '>' || c == '!'; });
        if (assignment)
            r.text += "help: to change a fact, write `set PATH = VALUE`; to compare, `==`\n";
        else if (!e && text.find('[') != std::string::npos)
            r.text += "help: expressions go through lists with `any`, `all`, `none` or `count`; "
                      "`:show PATH` shows one element\n";
        else if (!e) {
            std::size_t n = 0;
            while (n < text.size() &&
                   (std::isalnum(static_cast<unsigned char>(text[n])) || text[n] == '_'))
                ++n;
            static const std::set<std::string> words = {"any",   "all",  "none", "count", "not",
                                                        "known", "case", "true", "false"};
            if (n > 0 && n < text.size() && is_space(text[n]) && !words.count(text.substr(0, n)))
                r.text += fmt::format("help: `{}` is not a command (`:help` lists them), so the "
                                      "line was read as an expression\n",
                                      text.substr(0, n));
        }
        return r;
    }
    const Program& p = scope().program();
    const Node& n = p.node(node);
    inputs_.push_back(std::move(source));
    if (n.op == Op::set) {
        const NamedSet& s = p.sets[static_cast<std::size_t>(n.set)];
        std::vector<std::string> entries = s.entries.texts();
        std::sort(entries.begin(), entries.end());
        std::string out;
        for (std::size_t i = 0; i < entries.size() && i < 40; ++i)
            out += (i ? ", " : "") + Json(entries[i]).dump();
        if (entries.size() > 40) out += fmt::format(", ... ({} more)", entries.size() - 40);
        std::string doc;
        for (const std::string* note : {&s.doc, &s.source, &s.reliability})
            if (!note->empty()) doc += "\n" + indent_lines(*note, "  ");
        return {fmt::format("a set of {} entr{}: {{{}}}{}", entries.size(),
                            entries.size() == 1 ? "y" : "ies", out, doc)};
    }
    // Without a case, every fact is absent (unknown).
    CaseData empty;
    empty.root.kind = Datum::Kind::record;
    if (p.has_schema) {
        empty.values.resize(p.schema[0].fields.size());
        empty.root.count = static_cast<std::uint32_t>(empty.values.size());
    }
    const CaseData* data = &empty;
    if (case_) {
        std::string problems;
        const Decided* now = current(problems);
        if (!now) return {"error: " + problems, true};
        data = &now->data;
    }
    Evaluator ev(p, *data);
    Reason reason;
    Value v = ev.evaluate(node, static_cast<std::size_t>(frame), &reason);
    std::string shown;
    if (v.kind == Value::Kind::list || v.kind == Value::Kind::record) {
        // A list's static type names its element's schema node; a record's, its own.
        int schema = n.type.schema;
        Json j = Json::array();
        if (v.kind == Value::Kind::record)
            j = datum_json(p, *data, *v.datum, schema);
        else
            for (const Datum& el : data->elements(*v.datum))
                j.push_back(datum_json(p, *data, el, schema));
        shown = one_line(j);
        if (shown.size() > 100) shown = j.dump(2);
    } else {
        shown = kader::show(v);
    }
    Reply r;
    r.text = shown;
    if (reason.witness) r.text += fmt::format("  (by {})", kader::show(*reason.witness));
    if (v.kind == Value::Kind::unknown) {
        if (!case_)
            r.text += "  (there is no case yet: `:case FILE` or `:new`)";
        else if (!ev.missing().empty())
            r.text += fmt::format("  (missing: {})", fmt::join(ev.missing(), ", "));
    }
    r.text += "\n";
    if (explain && !reason.parts.empty()) {
        r.text += "because\n";
        for (const auto& part : reason.parts) {
            // A definition shows its body under its name; the same line twice says nothing.
            if (p.node(part.node).source == p.node(reason.node).source) {
                for (const auto& sub : part.parts)
                    tree(p, sub, 0, r.text);
                continue;
            }
            tree(p, part, 0, r.text);
        }
    }
    return r;
}

} // namespace kader::repl
