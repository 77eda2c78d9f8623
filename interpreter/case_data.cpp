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

// The room of cases read on this thread, for the next one (CaseBuilder).
struct Room {
    std::vector<Datum> values;
    std::vector<char> chars;
    std::vector<Datum> pending;
};
thread_local Room spare_room;

} // namespace

CaseBuilder::CaseBuilder() {
    room::take(case_.values, spare_room.values);
    room::take(case_.chars, spare_room.chars);
    room::take(pending_, spare_room.pending);
}

CaseBuilder::~CaseBuilder() {
    room::take(spare_room.pending, pending_);
}

void CaseBuilder::give_back_room(CaseData&& c) {
    room::take(spare_room.values, c.values);
    room::take(spare_room.chars, c.chars);
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

Datum CaseBuilder::start_record(std::size_t fields) {
    Datum d;
    d.kind = Datum::Kind::record;
    d.first = static_cast<std::uint32_t>(case_.values.size());
    d.count = static_cast<std::uint32_t>(fields);
    case_.values.resize(case_.values.size() + fields);
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

CaseData CaseBuilder::finish(const Datum& root) {
    case_.root = root;
    pending_.clear();
    CaseData out = std::move(case_);
    case_ = CaseData{};
    return out;
}

} // namespace kader
