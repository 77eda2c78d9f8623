#include "interpreter/rule_loader.hpp"

#include "interpreter/stdlib_files.hpp"
#include "lang/file_input.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

namespace kader {

namespace fs = std::filesystem;

namespace {

void add_file(const fs::path& path, std::vector<std::unique_ptr<Source>>& out, Diagnostics& diags) {
    std::string error;
    auto text = read_regular_file(path.string(), max_rule_file_bytes, error);
    if (!text) {
        diags.error(Code::file_unreadable, whole_input(path.string()),
                    fmt::format("cannot read this rule file: it {}", error));
        return;
    }
    out.push_back(std::make_unique<Source>(path.lexically_normal().string(), std::move(*text)));
}

// A folder contributes its *.kader files, recursively, in name order.
void add_path(const std::string& name, std::vector<std::unique_ptr<Source>>& out,
              Diagnostics& diags) {
    std::error_code ec;
    fs::path path(name);
    if (fs::is_directory(path, ec)) {
        std::vector<fs::path> files;
        for (auto it = fs::recursive_directory_iterator(path, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
            if (it->is_regular_file() && it->path().extension() == ".kader")
                files.push_back(it->path());
        std::sort(files.begin(), files.end());
        if (files.empty()) {
            diags.error(Code::folder_without_rules, whole_input(name),
                        "this folder holds no rule files (*.kader)");
        }
        for (const auto& f : files)
            add_file(f, out, diags);
        return;
    }
    if (!fs::exists(path, ec)) {
        diags.error(Code::path_not_found, whole_input(name), "no such file or folder");
        return;
    }
    add_file(path, out, diags);
}

} // namespace

std::optional<std::string> read_rule_data(const Source& from, const std::string& path,
                                          std::string& error) {
    std::string wanted = data_file_name(from, path);
    if (!from.builtin) return read_data_file(from, path, error);
    for (const auto& f : stdlib_files())
        if (f.path == wanted) return std::string(f.text);
    error = fmt::format("the standard library has no data file `{}`", wanted);
    return std::nullopt;
}

bool is_builtin_rule_file(const std::string& name) {
    const auto& files = stdlib_files();
    return std::any_of(files.begin(), files.end(), [&](const auto& f) { return f.path == name; });
}

std::optional<std::vector<std::unique_ptr<Source>>> read_rule_sources(const RuleSources& sources,
                                                                      Diagnostics& diags) {
    std::vector<std::unique_ptr<Source>> list;
    if (sources.stdlib)
        for (const auto& f : stdlib_files())
            if (f.path.size() > 6 && f.path.substr(f.path.size() - 6) == ".kader") {
                list.push_back(std::make_unique<Source>(std::string(f.path), std::string(f.text)));
                list.back()->builtin = true;
            }
    for (const auto& p : sources.paths)
        add_path(p, list, diags);
    for (const auto& [name, text] : sources.texts)
        list.push_back(std::make_unique<Source>(name, text));
    if (diags.has_errors()) return std::nullopt;
    if (list.empty()) {
        diags.error(Code::no_rules, Span{}, "no rules to load",
                    "name rule files with -r, or leave out --no-stdlib");
        return std::nullopt;
    }
    return list;
}

std::shared_ptr<const Program> load_rules(const RuleSources& sources, Diagnostics& diags) {
    auto list = read_rule_sources(sources, diags);
    if (!list) return nullptr;
    return compile(std::move(*list), read_rule_data, diags);
}

} // namespace kader
