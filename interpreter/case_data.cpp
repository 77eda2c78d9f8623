#include "interpreter/case_data.hpp"

#include "interpreter/room.hpp"

#include <algorithm>

namespace kader {

bool same_values(const CaseData& a, const Datum& x, const CaseData& b, const Datum& y) {
    if (x.kind != y.kind) return false;
    switch (x.kind) {
    case Datum::Kind::absent:
        return true;
    case Datum::Kind::boolean:
        return x.boolean == y.boolean;
    case Datum::Kind::number:
        return x.number == y.number;
    case Datum::Kind::date:
        return x.date == y.date;
    case Datum::Kind::string:
        return a.text(x) == b.text(y);
    case Datum::Kind::list:
    case Datum::Kind::record:
        if (x.count != y.count) return false;
        for (std::size_t i = 0; i < x.count; ++i)
            if (!same_values(a, a.element(x, i), b, b.element(y, i))) return false;
        return true;
    }
    return false;
}

void prefetch(const CaseData& c) {
    auto ask = [](const void* start, std::size_t bytes) {
        constexpr std::size_t line = 64, most = 4096;
        const char* p = static_cast<const char*>(start);
        for (std::size_t at = 0, end = std::min(bytes, most); at < end; at += line)
            __builtin_prefetch(p + at);
    };
    ask(c.values.data(), c.values.size() * sizeof(Datum));
    ask(c.chars.data(), c.chars.size());
}

namespace {

// The list room of the last builder on this thread, for the next one.
thread_local std::vector<Datum> spare_pending;

} // namespace

CaseBuilder::CaseBuilder(CaseData& into) : case_(into) {
    // Room past the bound is let go: one large case does not hold on to its
    // room for the rest of a run.
    if (!room::worth_keeping(case_.values)) std::vector<Datum>().swap(case_.values);
    if (!room::worth_keeping(case_.chars)) std::vector<char>().swap(case_.chars);
    case_.root = Datum{};
    case_.values.clear();
    case_.chars.clear();
    case_.id.clear();
    case_.date = 0;
    case_.has_date = false;
    room::take(pending_, spare_pending);
}

CaseBuilder::~CaseBuilder() {
    room::take(spare_pending, pending_);
}

Datum CaseBuilder::number(double x) {
    Datum d;
    d.kind = Datum::Kind::number;
    d.number = x;
    return d;
}

Datum CaseBuilder::boolean(bool b) {
    Datum d;
    d.kind = Datum::Kind::boolean;
    d.boolean = b;
    return d;
}

Datum CaseBuilder::date(ast::Days day) {
    Datum d;
    d.kind = Datum::Kind::date;
    d.date = day;
    return d;
}

Datum CaseBuilder::end_list(std::size_t start) {
    Datum d;
    d.kind = Datum::Kind::list;
    d.first = static_cast<std::uint32_t>(case_.values.size());
    d.count = static_cast<std::uint32_t>(pending_.size() - start);
    case_.values.insert(case_.values.end(), pending_.begin() + static_cast<std::ptrdiff_t>(start),
                        pending_.end());
    pending_.resize(start);
    return d;
}

} // namespace kader
