#pragma once
// A case, checked against the schema and laid out for evaluation: records
// are runs of values indexed by the schema's field slots, so a field access
// is an index, never a lookup by name.
//
// The whole case lives in two blocks: its values (16 bytes each) and the
// characters of its texts. A case of a few dozen values is a few cache lines
// read in order, with no allocation per list, record or text; and since a
// value names others by index, not by address, a case can be copied or moved
// as it is.
#include "lang/ast.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

// One value of a case, in 16 bytes: what it holds shares the first eight,
// by its kind. At 16 bytes a value is returned and copied in two registers;
// at 24, the reader built each one on the stack field by field and copied it
// to its place in three words, and the copy waited for the fields written
// (store forwarding): a sixth of reading a case.
struct Datum {
    enum class Kind : std::uint8_t { absent, boolean, number, string, date, list, record };
    union {
        double number = 0; // a number
        ast::Days date;    // a date
        // A list or a record: where its elements (a record's fields, by
        // slot) start in CaseData::values. A string: where its bytes start in
        // CaseData::chars.
        struct {
            std::uint32_t first;
            std::uint32_t count; // the elements, or the string's bytes
        };
    };
    Kind kind = Kind::absent;
    bool boolean = false;
};
static_assert(sizeof(Datum) == 16);

struct CaseData {
    Datum root;
    std::vector<Datum> values; // every value below the root
    // The bytes of every text. A vector, not a string: a text is appended
    // by code inlined where the reader calls it (a string appends through a
    // call into the C++ library, a twentieth of reading a case).
    std::vector<char> chars;
    std::string id;     // the case's `id`, when it has one
    ast::Days date = 0; // the case's `date`: the default "as of"
    bool has_date = false;

    std::string_view text(const Datum& d) const { return {chars.data() + d.first, d.count}; }
    std::span<const Datum> elements(const Datum& d) const {
        return {values.data() + d.first, d.count};
    }
    const Datum& element(const Datum& d, std::size_t i) const { return values[d.first + i]; }
};

// Asks for the case's values and texts from memory all at once (up to a
// few KiB). Evaluation reads them one after another, and a case decided a
// while after it was read (a benchmark over many cases, a program that keeps
// cases) waited for each cache line in turn.
void prefetch(const CaseData& c);

// Whether two cases hold the same values (wherever each keeps them).
bool same_values(const CaseData& a, const Datum& x, const CaseData& b, const Datum& y);

// Builds a case's layout while a reader walks its JSON. A value is returned
// as a Datum; what it holds (a record's fields, a list's elements, a text's
// bytes) is already in the case. A record takes its slots when it starts; a
// list's elements gather aside until it ends, so they lie side by side.
// A case is at most 64 MiB of text, so the indexes fit 32 bits.
class CaseBuilder {
public:
    // Builds into `into`, emptied first: its blocks keep the room they have,
    // so that a reader that reads case after case into one CaseData (a batch,
    // a thread at a time) allocates nothing once its first cases made room.
    // The builder keeps its own list room on the thread for the next one.
    explicit CaseBuilder(CaseData& into);
    ~CaseBuilder();
    CaseBuilder(const CaseBuilder&) = delete;
    CaseBuilder& operator=(const CaseBuilder&) = delete;

    // Room for a case read from `json_bytes` of JSON, so that it is built
    // without growing: its texts take fewer bytes than the JSON, and a value
    // takes a few bytes of it at the least (a guess; more room is made if needed).
    void reserve(std::size_t json_bytes) {
        case_.chars.reserve(json_bytes);
        case_.values.reserve(json_bytes / 16 + 16);
        pending_.reserve(16);
    }

    Datum text(std::string_view s) {
        Datum d;
        d.kind = Datum::Kind::string;
        d.first = static_cast<std::uint32_t>(case_.chars.size());
        d.count = static_cast<std::uint32_t>(s.size());
        case_.chars.insert(case_.chars.end(), s.begin(), s.end());
        return d;
    }
    Datum number(double x);
    Datum boolean(bool b);
    Datum date(ast::Days day);

    // A record of `fields` slots, all absent until set_field. Slot by slot,
    // inline: with the room reserved (reserve), each is a store, where
    // growing the vector by `fields` called into the C++ library.
    Datum start_record(std::size_t fields) {
        Datum d;
        d.kind = Datum::Kind::record;
        d.first = static_cast<std::uint32_t>(case_.values.size());
        d.count = static_cast<std::uint32_t>(fields);
        for (std::size_t i = 0; i < fields; ++i)
            case_.values.emplace_back();
        return d;
    }
    void set_field(const Datum& record, std::size_t slot, const Datum& value) {
        case_.values[record.first + slot] = value;
    }

    // A list: its elements are added, in order, between start_list and end_list.
    std::size_t start_list() const { return pending_.size(); }
    void add_element(const Datum& value) { pending_.push_back(value); }
    Datum end_list(std::size_t start);

    // The case's root (its `id` and `date` are not yet taken out of it).
    void finish(const Datum& root) { case_.root = root; }

private:
    CaseData& case_;
    std::vector<Datum> pending_; // elements of the lists being read, innermost last
};

} // namespace kader
