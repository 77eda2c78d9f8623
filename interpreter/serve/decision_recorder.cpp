#include "interpreter/serve/decision_recorder.hpp"

namespace kader::serve {

namespace {

// Entries of one append share the program and the context.
bool same_append(const LogContext& a, const LogContext& b) {
    return a.command == b.command && a.as_of_given == b.as_of_given && a.full == b.full;
}

} // namespace

DecisionRecorder::DecisionRecorder(std::unique_ptr<DecisionLog> log) : log_(std::move(log)) {}

// The waiting requests that can go into one append with the first of them, in
// the order they came; the others wait for a later round.
std::vector<DecisionRecorder::Pending*> DecisionRecorder::take_group() {
    std::vector<Pending*> group;
    const Pending* first = queue_.front();
    for (auto it = queue_.begin(); it != queue_.end();) {
        if ((*it)->program == first->program && same_append(*(*it)->context, *first->context)) {
            group.push_back(*it);
            it = queue_.erase(it);
        } else {
            ++it;
        }
    }
    return group;
}

// Runs without the mutex: only the request that set writing_ touches the log.
void DecisionRecorder::write_group(const std::vector<Pending*>& group) {
    Diagnostics diags;
    bool ok = false;
    // Whatever happens, every request of the group must be answered, or they
    // would wait for ever.
    try {
        std::vector<LogEntry> all;
        for (const auto* p : group)
            all.insert(all.end(), p->entries.begin(), p->entries.end());
        ok = log_->append(*group.front()->program, *group.front()->context, all, diags);
    } catch (const std::exception& e) {
        diags.error(Code::internal, whole_input(log_->path()),
                    std::string("internal error while logging: ") + e.what(),
                    "a defect in Kader: please report it");
    }
    // The append is one transaction: each request of the group shares its fate.
    for (auto* p : group) {
        p->written = ok;
        if (!ok) p->diags.append(diags);
    }
}

bool DecisionRecorder::record(const std::shared_ptr<const Program>& program,
                              const LogContext& context, std::vector<LogEntry> entries,
                              Diagnostics& diags) {
    if (entries.empty()) return true;
    Pending me{program.get(), &context, std::move(entries), false, false, {}};
    std::unique_lock lock(mutex_);
    queue_.push_back(&me);
    while (!me.done) {
        if (writing_) {
            written_.wait(lock);
            continue;
        }
        // No one is writing: this request appends what is waiting, its own or not.
        writing_ = true;
        auto group = take_group();
        lock.unlock();
        write_group(group);
        lock.lock();
        for (auto* p : group)
            p->done = true;
        writing_ = false;
        written_.notify_all();
    }
    diags.append(me.diags);
    return me.written;
}

} // namespace kader::serve
