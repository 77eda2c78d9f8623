#include "interpreter/case_reader_fast.hpp"

#include "interpreter/case_reader.hpp"
#include "lang/byte_words.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <simdjson.h>
#include <string>

namespace kader {

namespace {

namespace od = simdjson::ondemand;

// Longer texts go to the strict reader: the parser each thread keeps grows to
// the longest text it has read, and should stay small. A case is a few hundred
// bytes; at 64 KiB, parsing is no longer what a decision costs.
constexpr std::size_t fast_text_limit = 64 * 1024;

// One bit per field marks the fields given; a record with more fields than
// bits is left to the strict reader.
constexpr std::size_t max_fields = 64;

// Numbers with more digits than a double holds go to the strict reader.
constexpr std::ptrdiff_t max_number_digits = 17;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// The digits of a number's significand (before its exponent, if any). One
// pass: find_first_of("eE") looked each character up with memchr.
std::ptrdiff_t significand_digits(std::string_view token) {
    std::ptrdiff_t digits = 0;
    for (char c : token) {
        if (c == 'e' || c == 'E') break;
        digits += is_digit(c);
    }
    return digits;
}

// What the strict reader refuses or reads differently: control characters
// (raw ones are not JSON; escaped ones are rare enough to leave to it).
bool has_control_character(std::string_view s) {
    using namespace byte_words;
    std::size_t i = skip_words(s, 0, [](auto w) { return below(w, 0x20) != 0; });
    for (const char* p = s.data() + i; p != s.data() + s.size(); ++p)
        if (static_cast<unsigned char>(*p) < 0x20) return true;
    return false;
}

// Where the text of a string ends, its opening quote just before `p`, when
// it is plain: written without escapes or control characters, as nearly all
// are; otherwise null. One pass, eight bytes at a time, over the text where
// it is in the case: get_string() copied each text out through a call into
// the library, and the copy was then looked through for control characters
// (163 instructions more for a screen-1 case, of 8,700 for reading it).
// simdjson checked, before any value was read, that every string of the
// case is closed, and the case has padding after it to load from.
const char* plain_string_end(const char* p) {
    using namespace byte_words;
    if constexpr (std::endian::native == std::endian::little) {
        for (;; p += 8) {
            auto w = load<std::uint64_t>(p);
            // (The lowest byte found is exact: a borrow runs only upwards.)
            if (std::uint64_t found = below(w, 0x20) | equal(w, '"') | equal(w, '\\')) {
                p += std::countr_zero(found) / 8;
                return *p == '"' ? p : nullptr;
            }
        }
    }
    for (;; ++p) {
        if (*p == '"') return p;
        if (*p == '\\' || static_cast<unsigned char>(*p) < 0x20) return nullptr;
    }
}

// Whether the key written at `raw` (its text as in the case, after its
// opening quote) is `f`'s name, exactly. The case is read from a copy with
// SIMDJSON_PADDING bytes after it, so 16 bytes can be loaded from any key.
// A key that matches the name's bytes and then closes is that name: a
// field name has no escapes. (Any other key, escaped ones included, is
// unescaped and looked up by name.)
bool key_is(od::raw_json_string key, const SchemaField& f) {
    std::size_t n = f.name.size();
    // (simdjson's own comparison stops at the key's closing quote.)
    if (n > 16) return key.unsafe_is_equal(f.name);
    const char* raw = key.raw();
    std::uint64_t w[2];
    std::memcpy(w, raw, sizeof w);
    std::uint64_t differ = ((w[0] & f.mask[0]) ^ f.words[0]) | ((w[1] & f.mask[1]) ^ f.words[1]);
    return differ == 0 && raw[n] == '"';
}

// The slot of the field `field` names. Programs write a record's fields in
// the order of the schema, so the slot after the last one is tried first,
// on the key as written: a search through the names was a tenth of reading
// a case, and unescaping each key and comparing it with memcmp cost 1,000
// instructions per case more than this. -1: no such field; -2: a key
// simdjson could not read.
int field_slot(const SchemaNode& node, od::field& field, int expected) {
    auto at = static_cast<std::size_t>(expected);
    if (at < node.fields.size() && key_is(field.key(), node.fields[at])) return expected;
    std::string_view key;
    if (field.unescaped_key().get(key)) return -2;
    return node.field_index(key);
}

// Each function returns false to decline; `out` is then of no use.
class FastReader {
public:
    FastReader(const Program& program, od::parser& parser, std::size_t json_bytes, CaseData& into)
        : program_(program), parser_(parser), json_bytes_(json_bytes), build_(into) {
        build_.reserve(json_bytes);
    }

    // Values are taken by reference: a copy of simdjson's value (a few
    // words written apart and read back as one) waited on the writes (store
    // forwarding), and was the reader's hottest spot.
    // Inline, with records and lists calls of their own: a leaf (a text, a
    // number, a date, a truth: most values of a case) is then read within
    // the loop of its record or list. A read() that held record() and list()
    // paid their frame (six registers saved, 232 bytes of stack) for every
    // leaf: 212 instructions of a screen-1 case's 8,900.
    [[gnu::always_inline]] bool read(od::value& v, int schema, Datum& out) {
        const SchemaNode& node = program_.schema[static_cast<std::size_t>(schema)];
        switch (node.kind) {
        case ast::TypeKind::record:
            return record(v, node, out);
        case ast::TypeKind::list:
            return list(v, node, out);
        case ast::TypeKind::number:
            return number(v, out);
        case ast::TypeKind::boolean: {
            bool b = false;
            if (v.get_bool().get(b)) return false;
            out = build_.boolean(b);
            return true;
        }
        case ast::TypeKind::date:
            return date(v, out);
        default:
            return text(v, node, out);
        }
    }

    void finish(const Datum& root) { build_.finish(root); }

private:
    [[gnu::noinline]] bool record(od::value& v, const SchemaNode& node, Datum& out) {
        od::object object;
        if (node.fields.size() > max_fields || v.get_object().get(object)) return false;
        out = build_.start_record(node.fields.size());
        std::uint64_t given = 0;
        int slot = -1;
        for (auto result : object) {
            if (result.error()) return false;
            od::field& field = result.value_unsafe(); // not copied (see read)
            slot = field_slot(node, field, slot + 1);
            if (slot < 0) return false; // an unknown field, or a key not read
            std::uint64_t bit = std::uint64_t{1} << slot;
            if (given & bit) return false; // a repeated key
            given |= bit;
            od::value& value = field.value();
            const SchemaField& f = node.fields[static_cast<std::size_t>(slot)];
            // Only an optional field is asked whether it is null (then it is
            // absent): a null where a value must be fails to read as one.
            if (f.optional) {
                bool null = false;
                if (value.is_null().get(null)) return false;
                if (null) continue;
            }
            Datum d;
            if (!read(value, f.type, d)) return false;
            build_.set_field(out, static_cast<std::size_t>(slot), d);
        }
        return (given & node.required) == node.required;
    }

    [[gnu::noinline]] bool list(od::value& v, const SchemaNode& node, Datum& out) {
        od::array array;
        if (v.get_array().get(array)) return false;
        std::size_t start = build_.start_list();
        for (auto element : array) {
            od::value value;
            // (A null element fails to read as one: no element is optional.)
            if (element.get(value)) return false;
            Datum d;
            if (!read(value, node.element, d)) return false;
            build_.add_element(d);
        }
        out = build_.end_list(start);
        return !(node.nonempty && out.count == 0);
    }

    bool number(od::value& v, Datum& out) {
        // simdjson 3.0.1 reads some numbers of more than 19 digits wrongly
        // (0.63333333333333333333 as 0.0799...; found by the fuzz target):
        // long ones are the strict reader's. Figures in cases are short.
        // (value::raw_json_token() returns the text itself, not a result.)
        // (A token no longer than that has no more digits: most are.)
        std::string_view token = v.raw_json_token();
        if (token.size() > static_cast<std::size_t>(max_number_digits) &&
            significand_digits(token) > max_number_digits)
            return false;
        double x = 0;
        if (v.get_double().get(x) || !std::isfinite(x)) return false;
        // nlohmann reads "-0" as the integer 0 but "-0.0" as -0.0: not worth copying.
        if (x == 0 && std::signbit(x)) return false;
        out = build_.number(x);
        return true;
    }

    bool date(od::value& v, Datum& out) {
        std::string_view s;
        if (v.get_string().get(s)) return false;
        auto day = ast::parse_date(s);
        if (!day) return false;
        out = build_.date(*day);
        return true;
    }

    bool text(od::value& v, const SchemaNode& node, Datum& out) {
        od::raw_json_string raw;
        if (v.get_raw_json_string().get(raw)) return false;
        // The document's UTF-8 was checked whole when simdjson took it.
        std::string_view s;
        if (const char* end = plain_string_end(raw.raw()))
            s = std::string_view(raw.raw(), static_cast<std::size_t>(end - raw.raw()));
        else if (!unescape(raw, s) || has_control_character(s))
            return false;
        // (A plain text, most of them, has no shape to check.)
        if (node.kind != ast::TypeKind::string && !text_value_fits(node, s)) return false;
        out = build_.text(s);
        return true;
    }

    // A text written with escapes, unescaped into room of the parser's
    // kind: as long as the case's text and SIMDJSON_PADDING more, made when
    // a case first needs it and kept for the cases after it.
    bool unescape(od::raw_json_string raw, std::string_view& s) {
        if (!unescaped_at_) {
            thread_local std::unique_ptr<std::uint8_t[]> room;
            thread_local std::size_t room_size = 0;
            if (room_size < json_bytes_ + simdjson::SIMDJSON_PADDING) {
                room_size = json_bytes_ + simdjson::SIMDJSON_PADDING;
                room = std::make_unique_for_overwrite<std::uint8_t[]>(room_size);
            }
            unescaped_at_ = room.get();
        }
        return !parser_.unescape(raw, unescaped_at_).get(s);
    }

    const Program& program_;
    od::parser& parser_;
    std::size_t json_bytes_;
    std::uint8_t* unescaped_at_ = nullptr; // where the next unescaped text goes
    CaseBuilder build_;
};

// Whether nothing follows the value read. (simdjson 3.0 has no
// document::at_end(); its current_location() is out of bounds exactly there.)
bool at_end(od::document& document) {
    return document.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

} // namespace

// simdjson reads up to SIMDJSON_PADDING bytes past the end of its input
// (never as part of it): a caller that has them after its text says so.
static_assert(case_text_padding >= simdjson::SIMDJSON_PADDING);

bool read_case_root_fast(const Program& program, std::string_view text, std::size_t readable_after,
                         CaseData& into) {
    // The strict reader allows a byte order mark before the value.
    // (Byte by byte: comparing a substring called memcmp for every case.)
    if (text.size() >= 3 && text[0] == '\xEF' && text[1] == '\xBB' && text[2] == '\xBF')
        text.remove_prefix(3);
    if (text.size() > fast_text_limit || program.schema.empty()) return false;
    thread_local od::parser parser;
    const char* at = text.data();
    if (readable_after < case_text_padding) {
        // A padded copy (a batch line has the padding, and is not copied).
        thread_local std::string padded;
        padded.assign(text);
        padded.append(case_text_padding, ' ');
        at = padded.data();
    }
    od::document document;
    od::value root;
    if (parser.iterate(at, text.size(), text.size() + case_text_padding).get(document) ||
        document.get_value().get(root))
        return false;
    FastReader reader(program, parser, text.size(), into);
    Datum out;
    if (!reader.read(root, 0, out) || !at_end(document)) return false;
    reader.finish(out);
    return true;
}

std::optional<CaseData> read_case_root_fast(const Program& program, std::string_view text) {
    std::optional<CaseData> c(std::in_place);
    if (!read_case_root_fast(program, text, 0, *c)) return std::nullopt;
    return c;
}

} // namespace kader
