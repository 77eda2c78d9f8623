#include "support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace kt {

const char* const schema = R"(schema case {
  id: optional string
  date: date
  destination: country
  end_use: optional enum {civil, military, wmd, unknown}
  contract_date: optional date
  value_eur: optional number
  licensed: optional boolean
  flags: optional list of string
  items: nonempty list of record {
    code: optional code
    cn: optional cn
    params: optional record {
      node_nm: optional number
      layers: optional number
    }
  }
  parties: optional list of record {
    name: optional string
    role: enum {consignee, end_user, intermediary}
    country: country
    flags: optional list of string
  }
  transit: optional list of country
}
)";

std::string module_t(const std::string& rules) {
    return std::string("module t\n\n") + schema + "\n" + rules;
}

namespace {

std::string joined(const std::vector<kader::Diagnostic>& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics)
        out += kader::render(d);
    return out;
}

} // namespace

kader::RuleSet load(const std::string& text) {
    auto r = kader::RuleSet::from_strings({{"t.kader", text}}, false);
    INFO(joined(r.diagnostics()));
    REQUIRE(r.ok());
    return *r;
}

std::string load_errors(const std::string& text) {
    auto r = kader::RuleSet::from_strings({{"t.kader", text}}, false);
    REQUIRE_FALSE(r.ok());
    return joined(r.diagnostics());
}

kader::Decision decide(const kader::RuleSet& rules, const std::string& case_json,
                       const kader::EvalOptions& options) {
    auto d = rules.evaluate(std::string_view(case_json), options);
    INFO(joined(d.diagnostics()));
    REQUIRE(d.ok());
    return *d;
}

nlohmann::ordered_json json_of(const kader::Decision& d) {
    return nlohmann::ordered_json::parse(d.to_json());
}

nlohmann::ordered_json decide_json(const kader::RuleSet& rules, const std::string& case_json,
                                   const kader::EvalOptions& options) {
    return json_of(decide(rules, case_json, options));
}

std::string case_errors(const kader::RuleSet& rules, const std::string& case_json) {
    auto d = rules.evaluate(std::string_view(case_json));
    REQUIRE_FALSE(d.ok());
    return joined(d.diagnostics());
}

std::vector<std::string> column(const nlohmann::ordered_json& list, const char* key) {
    std::vector<std::string> out;
    for (const auto& e : list)
        out.push_back(e.at(key).get<std::string>());
    return out;
}

nlohmann::ordered_json entry(const nlohmann::ordered_json& list, const std::string& id) {
    for (const auto& e : list)
        if (e.at("rule") == id) return e;
    FAIL("no entry for rule " << id << " in " << list.dump());
    return {};
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kader-test-XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    REQUIRE(made != nullptr);
    path_ = made;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& text) const {
    std::filesystem::path p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string quoted(const std::filesystem::path& p) {
    std::string out = "'";
    for (char c : p.string()) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

Run shell(const std::string& command, const std::string& input) {
    TempDir io;
    auto in = io.write("stdin", input);
    std::string full = "( " + command + " ) <" + quoted(in) + " >" + quoted(io.path() / "stdout") +
                       " 2>" + quoted(io.path() / "stderr");
    int status = std::system(full.c_str());
    Run r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(io.path() / "stdout");
    r.err = read_file(io.path() / "stderr");
    return r;
}

Run kader(const std::string& args, const std::string& input) {
    return shell(quoted(KADER_BINARY) + " " + args, input);
}

std::filesystem::path source_dir() {
    return KADER_SOURCE_DIR;
}

nlohmann::ordered_json witness(const std::string& path, const std::string& field,
                               const std::string& name) {
    return {{"path", path}, {"field", field}, {"name", name}};
}

void compare_golden(const std::filesystem::path& file, const std::string& actual) {
    const char* update = std::getenv("KADER_UPDATE_GOLDEN");
    if (update && *update && std::string(update) != "0") {
        std::ofstream(file, std::ios::binary) << actual;
        WARN("updated " << file.string());
        return;
    }
    INFO("golden file " << file.string() << " (KADER_UPDATE_GOLDEN=1 regenerates it)");
    REQUIRE(std::filesystem::exists(file));
    CHECK(read_file(file) == actual);
}

} // namespace kt
