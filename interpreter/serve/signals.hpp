#pragma once
// SIGHUP, SIGINT and SIGTERM without signal handlers: the signals are blocked
// in every thread, and the main thread takes them with sigtimedwait and does
// the work (a reload, a stop) as ordinary code. Nothing runs in a signal
// handler, so nothing there has to be async-signal-safe.
#include <functional>

namespace kader::serve {

// Blocks the signals in the calling thread, which every thread started after
// inherits, and ignores SIGPIPE (a client that hangs up is an error on its
// socket, not the end of the server). Call before starting any thread.
void block_signals();

// Takes the signals until SIGINT or SIGTERM comes (true) or `ended()` turns
// true (false, seen within a tenth of a second); calls `on_hangup` for each
// SIGHUP meanwhile.
bool wait_for_stop(const std::function<void()>& on_hangup, const std::function<bool()>& ended);

} // namespace kader::serve
