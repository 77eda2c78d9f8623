#pragma once
// What the fuzz targets share: how a broken property is reported, the
// standard library compiled once per process, the fixed example cases, and
// checks on decisions. A broken property prints what it is and aborts, so
// libFuzzer keeps the input as a crash; a plain "no crash" would let wrong
// answers through.
#include "interpreter/case_data.hpp"
#include "interpreter/decide.hpp"
#include "lang/checker.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kader::fuzz {

// Prints the property and the details to stderr, then aborts.
[[noreturn]] void violated(std::string_view property, std::string_view details);

// Runs `body`; an exception that escapes is a finding: every input must end
// as an answer or a located error, never as an exception out of the library.
template <typename Body> void guarded(const char* target, Body&& body) {
    try {
        body();
    } catch (const std::exception& e) {
        violated("no exception escapes", std::string(target) + ": " + e.what());
    } catch (...) {
        violated("no exception escapes", std::string(target) + ": an exception not derived "
                                                               "from std::exception");
    }
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// The input's lines as `kader batch` and `kader repl` read them: split at
// '\n', without it (a last line without '\n' counts, an empty tail does not).
std::vector<std::string> lines_of(std::string_view text);

// A file of the source tree (KADER_SOURCE_DIR), read at start-up; aborts if missing.
std::string read_repo_file(const std::string& relative);

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing beyond U+10FFFF). Written apart from the project's
// own check, as an oracle.
bool valid_utf8(std::string_view text);

inline constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

// `text` with a byte order mark if it has none, and without it if it has one:
// editors add or drop it freely, so it must change nothing. Nothing when
// `text` starts with two marks (the second is then text, not a mark).
std::optional<std::string> toggle_byte_order_mark(std::string_view text);

// The standard library, compiled once per process, as `kader eval` loads it.
const std::shared_ptr<const Program>& stdlib_program();

// The data files of the embedded standard library, and nothing else: a fuzz
// input must neither read the disk (`load "/dev/zero"`) nor depend on it.
std::optional<std::string> embedded_data_only(const Source& from, const std::string& path,
                                              std::string& error);

// The date used when a case has none, as `--as-of` would give it.
ast::Days default_as_of();

// Decides a case that has a date or is given an as-of date: a refusal is a
// finding.
DecisionRecord decide_dated(const std::shared_ptr<const Program>& program, const CaseData& c,
                            const DecideOptions& options);

// Decides `c` twice and checks that both decisions render to the same JSON,
// that the JSON is one line of valid JSON, and that the text rendering
// works. Returns the JSON.
std::string decide_checked(const std::shared_ptr<const Program>& program, const CaseData& c,
                           const DecideOptions& options);

} // namespace kader::fuzz
