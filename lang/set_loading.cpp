// Sets: their entries, written inline or loaded from a data file, with the
// place of every entry kept so that set_types.cpp can point at a bad one.
#include "lang/checker_internal.hpp"
#include "lang/data_file_fast.hpp"
#include "lang/file_input.hpp"
#include "lang/json_input.hpp"

#include <algorithm>
#include <filesystem>

namespace kader {

std::optional<std::string> read_data_file(const Source& from, const std::string& path,
                                          std::string& error) {
    namespace fs = std::filesystem;
    fs::path full = fs::path(from.name).parent_path() / path;
    std::string why;
    auto text = read_regular_file(full.string(), max_data_file_bytes, why);
    if (!text) error = fmt::format("cannot read `{}`: it {}", full.string(), why);
    return text;
}

std::string data_file_name(const Source& from, const std::string& path) {
    return (std::filesystem::path(from.name).parent_path() / path).lexically_normal().string();
}

namespace checking {

int Checker::add_set(NamedSet set, SetEntries entries) {
    // From the entries as written, a vector: walking the hash set's nodes
    // would miss the cache at every entry of a large set.
    set.note_entries(entries.texts);
    p_.sets.push_back(std::move(set));
    // The REPL's scope starts from compiled sets, whose entries it does not know.
    set_entries_.resize(p_.sets.size() - 1);
    set_entries_.push_back(std::move(entries));
    return static_cast<int>(p_.sets.size() - 1);
}

namespace {

// The tokens of a JSON pointer (`/entity_list/0`), `~1` and `~0` unescaped.
std::vector<std::string> pointer_tokens(const std::string& pointer) {
    std::vector<std::string> tokens;
    for (std::size_t at = 0; at < pointer.size();) {
        std::size_t next = pointer.find('/', at + 1);
        std::string token =
            pointer.substr(at + 1, next == std::string::npos ? next : next - at - 1);
        for (std::size_t t = 0; (t = token.find('~', t)) != std::string::npos; ++t)
            token.replace(t, 2, token.compare(t, 2, "~1") == 0 ? "/" : "~");
        tokens.push_back(std::move(token));
        at = next == std::string::npos ? pointer.size() : next;
    }
    return tokens;
}

} // namespace

// Where entry `i` is written: in the rule file, or in its data file, whose
// entries are all located the first time one of them is asked for.
Location Checker::entry_location(SetEntries& entries, std::size_t i) {
    if (entries.locations.empty() && entries.data) {
        const Source& data = *entries.data;
        std::vector<std::size_t> offsets = json_array_offsets(data.text, entries.data_path);
        if (offsets.size() != entries.texts.size()) return {}; // cannot happen for valid JSON
        entries.locations.reserve(offsets.size());
        for (std::size_t offset : offsets) {
            auto line = std::upper_bound(data.line_starts.begin(), data.line_starts.end(), offset);
            std::size_t number = static_cast<std::size_t>(line - data.line_starts.begin());
            Location at;
            at.source = &data;
            at.line = static_cast<std::uint32_t>(number);
            at.column = static_cast<std::uint32_t>(offset - data.line_starts[number - 1] + 1);
            at.length = static_cast<std::uint32_t>(
                std::min<std::size_t>(entries.texts[entries.locations.size()].size() + 2, 200));
            entries.locations.push_back(at);
        }
    }
    return i < entries.locations.size() ? entries.locations[i] : Location{};
}

// A data file as read, with its lines, and parsed by the fast path.
struct Checker::DataFile {
    std::shared_ptr<const Source> source;
    FastDataFile fast;

    explicit DataFile(std::shared_ptr<const Source> read)
        : source(std::move(read)), fast(source->text) {}
};

// The data file `name` whose text is `text`: made once, and again only if
// its text is not the one read before (the file changed while the rules
// loaded). Each `load` still reads the file, and each reading counts in the
// rule set's fingerprint as before.
const Checker::DataFile& Checker::data_file(const std::string& name, std::string text) {
    auto& known = data_files_[name];
    if (!known || known->source->text != text)
        known =
            std::make_shared<const DataFile>(std::make_shared<const Source>(name, std::move(text)));
    return *known;
}

// A data file's mistakes are reported where they are written in it, with a
// note at the `load` that read it; mistakes of the `load` itself (no file,
// nothing at the pointer) at the `load`.
void Checker::load_set_file(ModuleInfo& m, const SetDecl& s, NamedSet& set, SetEntries& entries) {
    // "file.json#/key/0" picks a part of the file (a JSON pointer), so one
    // published data file can feed several sets.
    std::string file = *s.load_path, pointer;
    if (auto hash = file.find('#'); hash != std::string::npos) {
        pointer = file.substr(hash + 1);
        file = file.substr(0, hash);
    }
    set.data_file = *s.load_path;
    std::string error;
    auto read = read_data_(*m.ast->source, file, error);
    if (!read) {
        diags_.error(Code::data_file_unreadable, s.load_location, error,
                     "the path is relative to the rule file's folder");
        return;
    }
    // The data file as the user would name it: relative to the current folder.
    const std::string name = data_file_name(*m.ast->source, file);
    set.data_path = name;
    const DataFile& file_data = data_file(name, std::move(*read));
    const std::string& text = file_data.source->text;
    auto in_file = [&](std::size_t offset) { return json_span(text, offset, name); };
    // Where the entries are: the pointer's tokens, then "entries" for an object.
    std::vector<std::string> path = pointer_tokens(pointer);
    // Almost every data file is well-formed: the fast path reads those, and
    // anything it declines, the strict reading below reads again and reports.
    if (auto fast = file_data.fast.entries_at(path)) {
        set.source = std::move(fast->source);
        set.reliability = std::move(fast->reliability);
        set.entries.reserve(fast->entries.size());
        for (const auto& entry : fast->entries)
            set.entries.insert(entry);
        entries.texts = std::move(fast->entries);
        if (fast->in_object) path.push_back("entries");
        entries.data = file_data.source;
        entries.data_path = std::move(path);
        return;
    }
    std::vector<Related> loaded_here{related(s.load_location, "loaded here")};
    JsonError bad;
    auto parsed = parse_json_strict(text, bad);
    if (!parsed) {
        if (bad.first)
            loaded_here.insert(loaded_here.begin(), {in_file(*bad.first), "first given here"});
        diags_.error(Code::data_file_json, in_file(bad.offset), bad.message, bad.help,
                     std::move(loaded_here));
        return;
    }
    nlohmann::json data = std::move(*parsed);
    if (!pointer.empty()) {
        try {
            nlohmann::json part = data.at(nlohmann::json::json_pointer(pointer));
            data = std::move(part);
        } catch (const nlohmann::json::exception&) {
            diags_.error(Code::data_pointer_missing, s.load_location,
                         fmt::format("`{}` has nothing at `{}`", file, pointer),
                         "after `#` comes a JSON pointer such as `#/entity_list`");
            return;
        }
    }
    const nlohmann::json* list = &data;
    // Other keys, such as "source" and "reliability", document the data.
    if (data.is_object()) {
        if (data.contains("source") && data["source"].is_string())
            set.source = data["source"].get<std::string>();
        if (data.contains("reliability") && data["reliability"].is_string())
            set.reliability = data["reliability"].get<std::string>();
        list = data.contains("entries") ? &data["entries"] : nullptr;
    }
    if (!list || !list->is_array()) {
        if (list) path.push_back("entries");
        diags_.error(Code::data_file_shape, in_file(json_value_offset(text, path).value_or(0)),
                     "a data file holds an array of texts, or an object with an \"entries\" array",
                     fmt::format("as in {{\"source\": \"...\", \"entries\": [\"RU\", \"BY\"]}}"),
                     std::move(loaded_here));
        return;
    }
    if (data.is_object()) path.push_back("entries");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto& v = (*list)[i];
        if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
            std::vector<std::size_t> offsets = json_array_offsets(text, path);
            diags_.error(Code::data_entry_not_text, in_file(i < offsets.size() ? offsets[i] : 0),
                         fmt::format("entry {} of this data file is not a non-empty text", i + 1),
                         "each entry is a text in double quotes, such as \"RU\"",
                         std::move(loaded_here));
            return;
        }
        set.entries.insert(v.get<std::string>());
        entries.texts.push_back(v.get<std::string>());
    }
    entries.data = file_data.source;
    entries.data_path = std::move(path);
}

void Checker::load_sets() {
    for (std::size_t mi = 0; mi < p_.modules.size(); ++mi) {
        ModuleInfo& m = p_.modules[mi];
        for (std::size_t i = 0; i < m.ast->sets.size(); ++i) {
            const SetDecl& s = m.ast->sets[i];
            NamedSet set;
            set.name = m.ast->name + "." + s.name;
            set.location = s.name_location;
            set.doc = s.doc;
            SetEntries entries;
            entries.name = s.name;
            entries.declared = s.element;
            if (s.load_path) {
                load_set_file(m, s, set, entries);
            } else {
                entries.texts = s.entries;
                entries.locations = s.entry_locations;
                for (std::size_t e = 0; e < s.entries.size(); ++e) {
                    if (s.entries[e].empty())
                        diags_.error(Code::empty_set_entry, s.entry_locations[e],
                                     "a set entry cannot be empty");
                    else if (!set.entries.insert(s.entries[e]))
                        diags_.warning(
                            Code::set_entry_twice, s.entry_locations[e],
                            fmt::format("`{}` is listed twice in set `{}`", s.entries[e], s.name));
                }
            }
            m.set_index[i] = add_set(std::move(set), std::move(entries));
        }
    }
    check_declared_sets();
}

} // namespace checking
} // namespace kader
