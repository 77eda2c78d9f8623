#include "interpreter/lsp/workspace.hpp"

#include "interpreter/stdlib_files.hpp"
#include "lang/checker.hpp"
#include "lang/file_input.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <set>

namespace kader::lsp {

namespace fs = std::filesystem;

namespace {

bool is_rule_file(const fs::path& p) {
    return p.extension() == ".kader";
}

// Folders an editor's workspace holds that are nobody's rules.
bool skipped_folder(const fs::path& p) {
    std::string name = p.filename().string();
    return (!name.empty() && name.front() == '.') || name == "node_modules";
}

void rule_files_in(const fs::path& folder, std::vector<std::string>& out) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_directory(ec) && skipped_folder(it->path())) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && is_rule_file(it->path()))
            out.push_back(normal_path(it->path().string()));
    }
}

bool is_stdlib_rule_file(std::string_view path) {
    return path.size() > 6 && path.substr(path.size() - 6) == ".kader";
}

} // namespace

std::string normal_path(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(path), ec);
    return (ec ? fs::path(path) : p).lexically_normal().string();
}

void Workspace::add_folder(const std::string& path) {
    folders_.push_back(normal_path(path));
}

void Workspace::open(const std::string& path, std::string text) {
    open_[path] = std::move(text);
}

void Workspace::close(const std::string& path) {
    open_.erase(path);
}

std::vector<std::string> Workspace::rule_files(Diagnostics& diags) const {
    std::vector<std::string> files;
    for (const auto& given : rules_.paths) {
        std::error_code ec;
        if (fs::is_directory(given, ec))
            rule_files_in(given, files);
        else if (fs::exists(given, ec))
            files.push_back(normal_path(given));
        else
            diags.error(Code::path_not_found, whole_input(given), "no such file or folder");
    }
    for (const auto& folder : folders_)
        rule_files_in(folder, files);
    for (const auto& [path, _] : open_)
        files.push_back(path);
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

std::shared_ptr<const ModuleIndex> Workspace::indexed(const std::string& name, std::string text,
                                                      bool builtin) {
    auto& slot = parsed_[name];
    if (slot && slot->source->text == text) return slot;
    auto source = std::make_unique<Source>(name, std::move(text));
    source->builtin = builtin;
    slot = index_module(std::move(source));
    return slot;
}

const Analysis& Workspace::analyse() {
    Diagnostics diags;
    std::vector<std::shared_ptr<const ModuleIndex>> modules;
    std::set<std::string> user_modules;
    for (const auto& file : rule_files(diags)) {
        std::string text;
        if (auto o = open_.find(file); o != open_.end()) {
            text = o->second;
        } else {
            std::string error;
            auto read = read_regular_file(file, max_rule_file_bytes, error);
            if (!read) {
                diags.error(Code::file_unreadable, whole_input(file),
                            fmt::format("cannot read this rule file: it {}", error));
                continue;
            }
            text = std::move(*read);
        }
        modules.push_back(indexed(file, std::move(text), false));
        user_modules.insert(modules.back()->ast.name);
    }
    // A module of the workspace replaces the built-in one of its name: an
    // author editing the standard library itself checks the edited files.
    if (rules_.stdlib)
        for (const auto& f : stdlib_files()) {
            if (!is_stdlib_rule_file(f.path)) continue;
            auto m = indexed(std::string(f.path), std::string(f.text), true);
            if (!user_modules.count(m->ast.name)) modules.push_back(std::move(m));
        }

    std::vector<std::unique_ptr<Source>> sources;
    for (const auto& m : modules) {
        sources.push_back(std::make_unique<Source>(m->source->name, m->source->text));
        sources.back()->builtin = m->source->builtin;
    }
    auto program = compile(std::move(sources), read_rule_data, diags);
    if (program) last_good_ = program;

    Analysis next;
    for (const auto& [file, _] : analysis_.diagnostics)
        next.diagnostics[file]; // cleared unless reported again
    for (const auto& m : modules)
        if (!m->source->builtin) next.diagnostics[m->source->name];
    for (auto& d : diags.all())
        next.diagnostics[d.location.input].push_back(std::move(d));
    next.modules = std::move(modules);
    for (const auto& m : next.modules)
        next.index.add(m.get());
    next.program = std::move(program);
    analysis_ = std::move(next);
    return analysis_;
}

const Source* Workspace::source(const std::string& file) const {
    for (const auto& m : analysis_.modules)
        if (m->source->name == file) return m->source.get();
    return nullptr;
}

bool Workspace::is_builtin(const std::string& file) const {
    const Source* s = source(file);
    return s && s->builtin;
}

} // namespace kader::lsp
