#pragma once
// The fast path of reading a case: JSON text straight into the schema's
// layout, with no document in between (simdjson On-Demand).
//
// It takes only a case that the strict reader (case_reader.hpp) would take,
// and then builds a case with exactly the values the strict reader gives. Anything else,
// or anything unusual (a repeated key, an unknown field, a null where a value
// must be, an escaped control character, -0, a number out of range, a text
// over 64 KiB), it declines without a word: the strict reader then reads the
// text again and reports what is wrong at its line and column. The fuzz
// target case_json checks this promise on every input it makes.
#include "interpreter/case_data.hpp"
#include "lang/program.hpp"

#include <optional>
#include <string_view>

namespace kader {

// The case's values, read into `into` (its `id` and `date` not yet taken
// out: take_id_and_date), or false when the fast path declines (`into` is
// then of no use). Never throws; `program` must have a schema.
// `readable_after`: how many bytes after the text may be read, though not
// as part of it. With case_text_padding of them (case_reader.hpp) the text
// is read where it is; with fewer, from a copy with the padding after it.
bool read_case_root_fast(const Program& program, std::string_view text, std::size_t readable_after,
                         CaseData& into);
// The same into a case of its own.
std::optional<CaseData> read_case_root_fast(const Program& program, std::string_view text);

} // namespace kader
