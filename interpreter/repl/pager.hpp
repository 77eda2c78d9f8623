#pragma once
// The terminal side of the REPL: output longer than the terminal goes
// through a pager, as git and man do. Only used when standard input and
// output are a terminal; scripts never page.
#include <string>

namespace kader::repl {

// Writes `text` to standard output, through $PAGER (`less -R` when it is not
// set; `PAGER=` or `PAGER=cat` turns paging off) when it has more lines than
// the terminal. If the pager cannot run, the text is written directly.
void show_paged(const std::string& text);

} // namespace kader::repl
