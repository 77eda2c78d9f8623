#pragma once
#include <kader/export.h>
// The one diagnostic type of Kader, from the parser to the embedding API:
// a severity, a stable code (K0312), where it is, a message, advice, and
// related places ("first declared here"). A diagnostic is a plain value: it
// carries the line it points into, so it can be kept and shown after the
// rule set or case it came from is gone.
//
//   file.kader:12:8: error[K0305]: unknown name `anex_vii`
//     when item.cn in anex_vii
//                     ^~~~~~~~
//   help: did you mean `annex_vii`?
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

enum class Severity { error, warning };

// Stable codes, listed with their meaning in diagnostic_codes.def.
enum class Code : std::uint16_t {
#define KADER_CODE(number, name, summary) name = number,
#include "kader/diagnostic_codes.def"
#undef KADER_CODE
};

// "K0312".
KADER_API std::string code_name(Code code);
// The code named by "K0312" (or "k312"), if there is one.
KADER_API std::optional<Code> code_from_name(std::string_view name);
// What the code means, in a sentence or two.
KADER_API const char* code_summary(Code code);
// Every code, in order.
KADER_API const std::vector<Code>& all_codes();

// A place in an input: a rule file, a data file, a case, a REPL line.
struct Span {
    std::string input;             // the file name or what names the input ("case", "line 3")
    std::uint32_t line = 0;        // 1-based; 0 when the whole input is meant
    std::uint32_t column = 0;      // 1-based, in bytes
    std::uint32_t length = 1;      // in bytes, for the marks under the line
    std::string text;              // the line as shown under the message (a long line is cut
                                   // to a window, marked "..."); may be empty
    std::uint32_t text_offset = 0; // where the span starts in `text`, 0-based

    bool known() const { return line != 0; }
};

// Another place a diagnostic refers to, with what it is.
struct Related {
    Span location;
    std::string message; // "first declared here"
};

// A correction an editor can offer as a quick fix (the checker's
// did-you-mean): the name `replace`, written within the diagnostic's span,
// becomes `with`.
struct Suggestion {
    std::string replace, with;
};

struct Diagnostic {
    Severity severity = Severity::error;
    Code code = Code::internal;
    Span location;
    std::string message;
    std::string help; // advice on its own line; may be empty
    std::vector<Related> related;
    std::optional<Suggestion> suggestion; // when the help is a did-you-mean
};

// How diagnostics are shown: with colour on a terminal that wants it.
struct RenderStyle {
    bool colour = false;
    bool snippets = true; // the lines the diagnostic points into, with marks under them
};

// The diagnostic as a compiler shows it, ending in a newline.
KADER_API std::string render(const Diagnostic& d, RenderStyle style = {});
// The same text without the final newline.
KADER_API std::ostream& operator<<(std::ostream& out, const Diagnostic& d);

} // namespace kader
