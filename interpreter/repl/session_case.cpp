// The REPL's case commands: `:case`, `:new`, `:show`, `:save`, the edits
// (`set`, `unset`, `add`, `remove`) and `:undo`.
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

bool Session::need_case(Reply& r) const {
    if (case_) return true;
    r = fail(line_error(Code::repl_state, "there is no case yet",
                        "load one with `:case FILE`, or start one with `:new`"));
    return false;
}

const Session::Decided* Session::decision_now(Reply& r) {
    if (!need_case(r)) return nullptr;
    std::string problems;
    const Decided* now = current(problems);
    if (!now) r = {"error: " + problems, true};
    return now;
}

Reply Session::open_case(const std::string& line, const std::string& args, std::size_t at) {
    if (args.empty())
        return fail(line, {"`:case` needs a case file",
                           "as in `:case examples/cases/chips-cn-distributor-2024.json`", at, 1});
    std::ifstream in(args, std::ios::binary);
    if (!in || std::filesystem::is_directory(args))
        return fail(
            line,
            {fmt::format("cannot read `{}`", args), {}, at, args.size(), Code::file_unreadable});
    std::ostringstream text;
    text << in.rdbuf();
    Diagnostics diags;
    auto parsed = parse_ordered_json_strict(text.str(), args, diags);
    if (!parsed) return {render(diags), true};
    Json c = std::move(*parsed);
    if (!c.is_object())
        return fail(line, {fmt::format("`{}` holds no case: a case is a JSON object {{...}}", args),
                           {},
                           at,
                           args.size()});
    if (case_) undo_.push_back({Json::diff(c, *case_), trim(line)});
    case_ = std::move(c);
    saved_at_ = undo_.size();
    changed();
    Reply r;
    std::string id = case_->contains("id") && (*case_)["id"].is_string()
                         ? (*case_)["id"].get<std::string>()
                         : "";
    std::string date = case_->contains("date") && (*case_)["date"].is_string()
                           ? (*case_)["date"].get<std::string>()
                           : "";
    r.text = fmt::format("loaded {}: {}{}\n", args, id.empty() ? "a case" : "case " + id,
                         date.empty() ? "" : " of " + date);
    if (as_of_)
        r.text += fmt::format("deciding as of {} (set with `:asof`)\n", ast::format_date(*as_of_));
    auto list = case_problems(*program_, *case_);
    if (!list.empty()) {
        r.text += fmt::format("the case does not fit the schema; fix it with `set`:\n{}",
                              problems_text(list));
        return r;
    }
    r.text += after_change(std::nullopt);
    return r;
}

Reply Session::new_case() {
    if (!program_->has_schema)
        return fail("the rule set declares no `schema case`, so there is no case to start");
    Json fresh = skeleton(*program_);
    if (case_) undo_.push_back({Json::diff(fresh, *case_), ":new"});
    case_ = std::move(fresh);
    saved_at_.reset(); // a new case is in no file yet
    changed();
    auto nulls = null_paths(*case_);
    Reply r;
    r.text = "new case\n";
    r.text += one_line(*case_) + "\n";
    if (!nulls.empty())
        r.text += fmt::format("set these facts first: {}\n", fmt::join(nulls, ", "));
    return r;
}

Reply Session::show(const std::string& line, const std::string& args, std::size_t at) {
    Reply r;
    if (!need_case(r)) return r;
    if (args.empty()) return {case_->dump(2) + "\n"};
    InputError error;
    auto path = parse_path(args, at, error);
    if (!path || !schema_nodes(*program_, *path, error)) return fail(line, error);
    const Json* v = value_at(*case_, *path);
    if (!v) return {fmt::format("{} is not in the case (unknown)\n", path->text())};
    return {v->dump(2) + "\n"};
}

// `:save FILE` never replaces a file; `:save! FILE` does.
Reply Session::save(const std::string& line, const std::string& args, std::size_t at,
                    bool overwrite) {
    Reply r;
    if (!need_case(r)) return r;
    if (args.empty())
        return fail(line, {"`:save` needs a file name", "as in `:save what-if.json`", at, 1});
    std::error_code ec;
    if (!overwrite && std::filesystem::exists(args, ec))
        return fail(line, {fmt::format("`{}` exists already", args),
                           fmt::format("to replace it, use `:save! {}`", args), at, args.size(),
                           Code::repl_usage});
    std::ofstream out(args, std::ios::binary);
    if (!out)
        return fail(
            line,
            {fmt::format("cannot write `{}`", args), {}, at, args.size(), Code::file_unreadable});
    out << case_->dump(2) << '\n';
    out.close();
    if (!out)
        return fail(
            line,
            {fmt::format("cannot write `{}`", args), {}, at, args.size(), Code::file_unreadable});
    saved_at_ = undo_.size();
    return {fmt::format("saved the case to {}\n", args)};
}

std::optional<Edit> Session::parse_edit(EditKind kind, const std::string& args, std::size_t at,
                                        InputError& error) const {
    static const char* usage[] = {"set PATH = VALUE", "unset PATH", "add LIST VALUE",
                                  "remove LIST[N]"};
    const char* use = usage[static_cast<int>(kind)];
    if (args.empty()) {
        error = {fmt::format("expected `{}`", use), "`:help set` explains paths and values", at, 1};
        return std::nullopt;
    }
    std::size_t path_end = 0, value_begin = std::string::npos;
    if (kind == EditKind::set) {
        path_end = args.find('=');
        if (path_end == std::string::npos) {
            std::size_t after = 0;
            while (after < args.size() && !is_space(args[after]))
                ++after;
            error = {fmt::format("expected `=` after the path: `{}`", use), {}, at + after, 1};
            return std::nullopt;
        }
        value_begin = path_end + 1;
    } else {
        path_end = 0;
        while (path_end < args.size() && !is_space(args[path_end]) && args[path_end] != '=')
            ++path_end;
        if (path_end < args.size()) value_begin = path_end;
    }
    auto [pb, pe] = trimmed(args, 0, path_end);
    Edit edit;
    edit.kind = kind;
    auto path = parse_path(args.substr(pb, pe - pb), at + pb, error);
    if (!path) return std::nullopt;
    edit.path = *path;
    auto nodes = schema_nodes(*program_, edit.path, error);
    if (!nodes) return std::nullopt;
    if (kind == EditKind::unset || kind == EditKind::remove) {
        if (value_begin != std::string::npos) {
            auto [vb, ve] = trimmed(args, value_begin);
            error = {
                fmt::format("unexpected text after the path: `{}`", use), {}, at + vb, ve - vb};
            return std::nullopt;
        }
        return edit;
    }
    std::size_t vb = 0, ve = 0;
    if (value_begin != std::string::npos) {
        std::tie(vb, ve) = trimmed(args, value_begin);
        if (kind == EditKind::add && vb < ve && args[vb] == '=')
            std::tie(vb, ve) = trimmed(args, vb + 1);
    }
    if (value_begin == std::string::npos || vb == ve) {
        error = {fmt::format("expected a value: `{}`", use),
                 "values are JSON: \"KZ\", 5, true, {...}", at + args.size(), 1};
        return std::nullopt;
    }
    std::string text = args.substr(vb, ve - vb);
    edit.value_column = at + vb;
    edit.value_length = ve - vb;
    int node = nodes->back();
    if (kind == EditKind::add) {
        const SchemaNode& list = program_->schema[static_cast<std::size_t>(node)];
        if (list.kind != ast::TypeKind::list) {
            error = {fmt::format("`{}` is {}, not a list", edit.path.text(),
                                 describe_type(*program_, node)),
                     "`add` appends to a list, as in `add parties {...}`", edit.path.column,
                     edit.path.length};
            return std::nullopt;
        }
        node = list.element;
    }
    JsonError bad;
    auto value = parse_ordered_json_strict(text, bad);
    if (value) {
        edit.value = std::move(*value);
        return edit;
    }
    using K = ast::TypeKind;
    K k = program_->schema[static_cast<std::size_t>(node)].kind;
    bool texty = k == K::string || k == K::country || k == K::code || k == K::cn || k == K::enum_ ||
                 k == K::date;
    bool bare = std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ||
               c == '/';
    });
    if (texty && bare) {
        edit.value = text;
        return edit;
    }
    std::size_t byte = std::min<std::size_t>(bad.offset, text.size() - 1);
    std::string help = !bad.syntax ? bad.help
                       : text[0] == '{' || text[0] == '[' || text[0] == '"'
                           ? "check the brackets, quotes and commas"
                       : texty ? "a text goes in double quotes, as in \"KZ\""
                               : fmt::format("expected {}", describe_type(*program_, node));
    error = {bad.syntax ? std::string("this value is not JSON") : bad.message, help, at + vb + byte,
             1, Code::repl_value};
    return std::nullopt;
}

Reply Session::edit(const std::string& line, EditKind kind, const std::string& args,
                    std::size_t at) {
    Reply r;
    if (!need_case(r)) return r;
    InputError error;
    auto e = parse_edit(kind, args, at, error);
    if (!e) return fail(line, error);
    Json next = *case_;
    // A case that is decided has no problems: no need to read it again.
    auto before_problems = decided_ ? std::vector<Problem>{} : case_problems(*program_, next);
    auto change = apply_edit(*program_, next, *e, error);
    if (!change) return fail(line, error);
    Diagnostics reading;
    auto data = read_case(*program_, next, "case", reading);
    auto fresh = new_problems(before_problems, problems_of(reading));
    if (!fresh.empty()) {
        bool value = kind == EditKind::set || kind == EditKind::add;
        InputError first{fresh.front().message, fresh.front().help,
                         value ? e->value_column : e->path.column,
                         value ? e->value_length : e->path.length, fresh.front().code};
        // `set exporter.name = ...` on a case without an exporter: the record needs its other
        // required fields too.
        if (first.help.empty() && kind == EditKind::set &&
            first.message.find(": the required field") != std::string::npos) {
            std::string record =
                first.message.substr(0, first.message.find(": the required field"));
            InputError ignored;
            auto rp = parse_path(record, 0, ignored);
            auto rn = rp ? schema_nodes(*program_, *rp, ignored) : std::nullopt;
            if (rn) {
                std::vector<std::string> fields;
                for (const auto& f : program_->schema[static_cast<std::size_t>(rn->back())].fields)
                    if (!f.optional) fields.push_back(fmt::format("\"{}\": ...", f.name));
                first.help = fmt::format("set the whole record at once: `set {} = {{{}}}`", record,
                                         fmt::join(fields, ", "));
            }
        }
        if (first.help.empty() && value && e->value.is_number()) {
            auto nodes = schema_nodes(*program_, e->path, error);
            using K = ast::TypeKind;
            K k =
                nodes ? program_->schema[static_cast<std::size_t>(nodes->back())].kind : K::number;
            if (k == K::string || k == K::cn || k == K::code || k == K::eccn || k == K::country)
                first.help = fmt::format("write it in quotes: \"{}\"", e->value.dump());
        }
        r = fail(line, first);
        for (std::size_t i = 1; i < fresh.size(); ++i)
            r.text += render_error(
                "", {fresh[i].message, fresh[i].help, std::string::npos, 1, fresh[i].code});
        r.text += "the case is unchanged\n";
        return r;
    }
    std::string problems;
    std::optional<Decided> before;
    if (current(problems)) before = std::move(decided_);
    undo_.push_back({Json::diff(next, *case_), trim(line)});
    case_ = std::move(next);
    changed();
    if (data) decided_ = decide_data(std::move(*data), as_of_, problems);
    r.text = *change + "\n" + after_change(before);
    return r;
}

Reply Session::undo() {
    if (undo_.empty()) return {"nothing to undo\n"};
    std::string problems;
    std::optional<Decided> before;
    if (current(problems)) before = std::move(decided_);
    std::string label = undo_.back().second;
    if (label.size() > 60) label = label.substr(0, 57) + "...";
    case_->patch_inplace(undo_.back().first);
    undo_.pop_back();
    changed();
    return {fmt::format("undid `{}`\n", label) + after_change(before)};
}

} // namespace kader::repl
