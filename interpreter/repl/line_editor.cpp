#include "interpreter/repl/line_editor.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <histedit.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace kader::repl {

namespace {

volatile std::sig_atomic_t interrupted = 0;

void on_interrupt(int) {
    interrupted = 1;
}

bool starts_with(const std::string& s, const std::string& prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

std::size_t terminal_width() {
    winsize w{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
    return 80;
}

} // namespace

struct LineEditor::Impl {
    Session& session;
    std::string history_file;
    std::string prompt;
    EditLine* el = nullptr;
    History* history = nullptr;
    HistEvent event{};
    bool abandoned = false;
    struct sigaction previous {};

    static Impl* of(EditLine* el) {
        void* data = nullptr;
        el_get(el, EL_CLIENTDATA, &data);
        return static_cast<Impl*>(data);
    }

    static char* prompt_of(EditLine* el) { return const_cast<char*>(of(el)->prompt.c_str()); }

    // Ctrl-C while editing: the line is abandoned (read() asks again).
    static unsigned char interrupt(EditLine* el, int) {
        Impl* self = of(el);
        self->abandoned = true;
        const LineInfo* li = el_line(el);
        el_cursor(el, static_cast<int>(li->lastchar - li->cursor));
        std::fputs("^C\n", stdout);
        std::fflush(stdout);
        return CC_NEWLINE;
    }

    // Inserts what all options share; lists them when that is all there is to do.
    static unsigned char complete(EditLine* el, int) {
        Impl* self = of(el);
        const LineInfo* li = el_line(el);
        std::string before(li->buffer, static_cast<std::size_t>(li->cursor - li->buffer));
        Completion c = self->session.complete(before);
        if (c.options.empty() || c.start > before.size()) return CC_REFRESH_BEEP;
        std::string typed = before.substr(c.start);
        std::string common = c.options.front();
        for (const auto& o : c.options) {
            std::size_t n = 0;
            while (n < common.size() && n < o.size() && common[n] == o[n])
                ++n;
            common.resize(n);
        }
        if (common.size() > typed.size() && starts_with(common, typed)) {
            el_insertstr(el, common.substr(typed.size()).c_str());
            return CC_REFRESH;
        }
        if (c.options.size() == 1) return CC_REFRESH;
        for (auto& o : c.options)
            while (!o.empty() && o.back() == ' ')
                o.pop_back();
        std::size_t width = 0;
        for (const auto& o : c.options)
            width = std::max(width, o.size());
        width += 2;
        std::size_t columns = std::max<std::size_t>(1, terminal_width() / width);
        std::string out = "\n";
        std::size_t shown = std::min<std::size_t>(c.options.size(), 200);
        for (std::size_t i = 0; i < shown; ++i) {
            const std::string& o = c.options[i];
            out += o;
            bool end_of_row = (i + 1) % columns == 0 || i + 1 == shown;
            out += end_of_row ? "\n" : std::string(width - o.size(), ' ');
        }
        if (shown < c.options.size())
            out += "... " + std::to_string(c.options.size() - shown) + " more\n";
        std::fputs(out.c_str(), stdout);
        std::fflush(stdout);
        return CC_REDISPLAY;
    }
};

std::string default_history_file() {
    const char* home = std::getenv("HOME");
    if (!home || !*home) return {};
    return std::string(home) + "/.kader_history";
}

LineEditor::LineEditor(Session& session, std::string history_file)
    : impl_(new Impl{session, std::move(history_file), {}}) {
    Impl& i = *impl_;
    i.history = history_init();
    history(i.history, &i.event, H_SETSIZE, 1000);
    history(i.history, &i.event, H_SETUNIQUE, 1);
    if (!i.history_file.empty()) history(i.history, &i.event, H_LOAD, i.history_file.c_str());
    i.el = el_init("kader", stdin, stdout, stderr);
    el_set(i.el, EL_CLIENTDATA, impl_);
    el_set(i.el, EL_EDITOR, "emacs");
    el_set(i.el, EL_SIGNAL, 1);
    el_set(i.el, EL_PROMPT, &Impl::prompt_of);
    el_set(i.el, EL_HIST, history, i.history);
    el_set(i.el, EL_ADDFN, "kader-complete", "complete a command, path, name or value",
           &Impl::complete);
    el_set(i.el, EL_BIND, "^I", "kader-complete", nullptr);
    // While a line is edited, Ctrl-C is a key (not a signal) that abandons it.
    el_set(i.el, EL_SETTY, "-d", "-isig", nullptr);
    el_set(i.el, EL_ADDFN, "kader-interrupt", "abandon the line", &Impl::interrupt);
    el_set(i.el, EL_BIND, "^C", "kader-interrupt", nullptr);
    el_source(i.el, nullptr); // the user's ~/.editrc, if any
    // Ctrl-C while a command runs does not end the session either.
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, &i.previous);
}

LineEditor::~LineEditor() {
    sigaction(SIGINT, &impl_->previous, nullptr);
    el_end(impl_->el);
    history_end(impl_->history);
    delete impl_;
}

std::optional<std::string> LineEditor::read(const std::string& prompt) {
    Impl& i = *impl_;
    i.prompt = prompt;
    for (;;) {
        interrupted = 0;
        i.abandoned = false;
        int count = 0;
        const char* line = el_gets(i.el, &count);
        if (i.abandoned) {
            // Ctrl-C drops the whole entry, also the lines a bracket kept open.
            i.session.discard_entry();
            i.prompt = i.session.prompt();
            continue;
        }
        if (!line) {
            if (count < 0 && errno == EINTR) continue;
            return std::nullopt;
        }
        std::string text(line, static_cast<std::size_t>(std::max(count, 0)));
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
            text.pop_back();
        if (text.find_first_not_of(" \t") != std::string::npos) {
            history(i.history, &i.event, H_ENTER, text.c_str());
            if (!i.history_file.empty())
                history(i.history, &i.event, H_SAVE, i.history_file.c_str());
        }
        return text;
    }
}

} // namespace kader::repl
