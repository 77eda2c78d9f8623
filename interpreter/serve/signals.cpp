#include "interpreter/serve/signals.hpp"

#include <csignal>
#include <ctime>
#include <pthread.h>

namespace kader::serve {

namespace {

sigset_t handled_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

} // namespace

void block_signals() {
    sigset_t set = handled_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

bool wait_for_stop(const std::function<void()>& on_hangup, const std::function<bool()>& ended) {
    sigset_t set = handled_signals();
    // A short timeout, so that the end of the server for another reason is
    // seen soon without a signal having to wake this thread.
    const timespec tick{0, 100'000'000};
    while (!ended()) {
        int sig = sigtimedwait(&set, nullptr, &tick);
        if (sig == SIGHUP)
            on_hangup();
        else if (sig == SIGINT || sig == SIGTERM)
            return true;
        // otherwise EAGAIN (no signal in this tick) or EINTR
    }
    return false;
}

} // namespace kader::serve
