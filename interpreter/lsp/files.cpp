#include "interpreter/lsp/files.hpp"

#include "interpreter/lsp/protocol.hpp"
#include "interpreter/lsp/workspace.hpp"
#include "interpreter/stdlib_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace kader::lsp {

namespace fs = std::filesystem;

Files::~Files() {
    if (folder_.empty()) return;
    std::error_code ec;
    fs::remove_all(folder_, ec);
}

std::string Files::mirror(const std::string& builtin) {
    if (folder_.empty()) {
        std::error_code ec;
        std::string pattern = (fs::temp_directory_path(ec) / "kader-lsp-XXXXXX").string();
        if (ec || !mkdtemp(pattern.data())) return {};
        folder_ = pattern;
    }
    fs::path path = fs::path(folder_) / builtin;
    std::string name = path.string();
    if (mirror_.count(name)) return name;
    for (const auto& f : stdlib_files()) {
        if (f.path != builtin) continue;
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        std::ofstream out(path, std::ios::binary);
        out.write(f.text.data(), static_cast<std::streamsize>(f.text.size()));
        if (!out) return {};
        out.close();
        // Read-only: an edit there would change nothing Kader runs.
        fs::permissions(path,
                        fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read, ec);
        mirror_[name] = builtin;
        return name;
    }
    return {};
}

std::string Files::uri(const std::string& file) {
    if (workspace_.is_builtin(file)) {
        std::string written = mirror(file);
        return written.empty() ? std::string{} : uri_of_path(written);
    }
    return uri_of_path(normal_path(file));
}

std::optional<std::string> Files::file(std::string_view uri) const {
    auto path = path_of_uri(uri);
    if (!path) return std::nullopt;
    std::string normal = normal_path(*path);
    if (auto m = mirror_.find(normal); m != mirror_.end()) return m->second;
    return normal;
}

} // namespace kader::lsp
