// Fuzz target: case JSON -> read against the standard library's schema ->
// decide, as `kader eval FILE --format json` does.
//
// Properties:
//  - no silent default: a text that strict JSON refuses (trailing bytes, a
//    NUL, a repeated key, 1e999, nesting beyond the limit) is never
//    accepted as a case (strict_json.hpp is the independent oracle);
//  - a refused case says why: at least one error diagnostic;
//  - the fast reader (simdjson) takes only what the strict reader takes, and
//    reads it as the same case;
//  - a byte order mark changes nothing (accepted either way, same decision);
//  - eval is deterministic: the case decided twice renders the same JSON,
//    which is one line of valid JSON; the full explanation works too.
#include "fuzz_support.hpp"
#include "strict_json.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/case_reader_fast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/json_input.hpp"

#include <fmt/format.h>
#include <optional>

namespace kader::fuzz {

namespace {

// The decision JSON of an accepted case (the full explanation checked too),
// or nothing for a refused one.
std::optional<std::string> read_and_decide(std::string_view text) {
    const auto& program = stdlib_program();
    Diagnostics diags;
    auto c = read_case_text(*program, text, "fuzz.json", diags);
    if (!c) {
        if (!diags.has_errors()) violated("a refused case says why", std::string(text));
        render(diags); // messages quote the input: rendering must cope with any bytes
        return std::nullopt;
    }
    if (std::string problem = strict_json_problem(text); !problem.empty())
        violated("no silent default: text that is not strict JSON is not accepted as a case",
                 problem);
    DecideOptions options;
    if (!c->has_date) options.as_of = default_as_of();
    std::string json = decide_checked(program, *c, options);
    options.full = true;
    decide_checked(program, *c, options);
    return json;
}

// Where the fast reader takes a text, the strict one alone (a document, then
// the schema walk) must take it too and build the same case.
void check_fast_reader(std::string_view text) {
    const auto& program = stdlib_program();
    auto fast = read_case_root_fast(*program, text);
    if (!fast) return;
    Diagnostics diags;
    auto json = parse_json_strict(text, "fuzz.json", diags);
    auto strict = json ? read_case(*program, *json, "fuzz.json", diags) : std::nullopt;
    if (!strict) violated("the fast reader takes only what the strict reader takes", render(diags));
    if (!same_values(*strict, strict->root, *fast, fast->root))
        violated("the fast reader reads a case as the strict reader does", std::string(text));
}

void check_case_json(std::string_view text) {
    check_fast_reader(text);
    auto decision = read_and_decide(text);
    auto toggled_text = toggle_byte_order_mark(text);
    if (!toggled_text) return;
    auto toggled = read_and_decide(*toggled_text);
    if (decision != toggled)
        violated("a byte order mark changes nothing",
                 fmt::format("as given: {}\nwith the mark toggled: {}",
                             decision.value_or("refused"), toggled.value_or("refused")));
}

} // namespace

} // namespace kader::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    kader::fuzz::stdlib_program();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = kader::fuzz::as_text(data, size);
    kader::fuzz::guarded("case_json", [&] { kader::fuzz::check_case_json(text); });
    return 0;
}
