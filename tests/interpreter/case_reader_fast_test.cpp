// The fast case reader (simdjson) takes only what the strict reader takes,
// and builds the very same case; everything else it leaves to the strict
// reader, which reports it.
#include "support.hpp"

#include "interpreter/api_internal.hpp"
#include "interpreter/case_reader.hpp"
#include "interpreter/case_reader_fast.hpp"
#include "lang/json_input.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace {

const kader::Program& stdlib_program() {
    static auto rules = kader::RuleSet::load(std::vector<std::string>{});
    REQUIRE(rules.ok());
    static auto program = kader::program_of(rules.value());
    return *program;
}

// The strict reader alone: a JSON document, then the schema walk.
std::optional<kader::CaseData> read_strictly(std::string_view text) {
    kader::Diagnostics diags;
    auto json = kader::parse_json_strict(text, "case.json", diags);
    if (!json) return std::nullopt;
    auto c = kader::read_case(stdlib_program(), *json, "case.json", diags);
    return c;
}

std::optional<kader::CaseData> read_fast(std::string_view text) {
    return kader::read_case_root_fast(stdlib_program(), text);
}

// The same values, wherever each case keeps them.
bool same(const kader::CaseData& a, const kader::CaseData& b) {
    return kader::same_values(a, a.root, b, b.root);
}

// The promise: where the fast reader takes a text, the strict one takes it
// too and reads the same case.
void check_agree(const std::string& text) {
    INFO(text);
    auto fast = read_fast(text);
    if (!fast) return;
    auto strict = read_strictly(text);
    REQUIRE(strict);
    CHECK(same(*fast, *strict));
}

// A text the fast reader must take, and read as the strict reader does.
void check_read_alike(const std::string& text) {
    INFO(text);
    auto fast = read_fast(text);
    REQUIRE(fast);
    auto strict = read_strictly(text);
    REQUIRE(strict);
    CHECK(same(*fast, *strict));
}

std::string replace_first(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

const std::string base =
    kt::read_file(kt::source_dir() / "examples/cases/ai-accelerator-cn-2023.json");

} // namespace

TEST_CASE("the fast reader reads every example case as the strict reader does") {
    std::size_t n = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(kt::source_dir() / "examples/cases")) {
        if (entry.path().extension() != ".json") continue;
        std::string text = kt::read_file(entry.path());
        INFO(entry.path().string());
        auto fast = read_fast(text);
        REQUIRE(fast); // the fast path is taken: a well-formed case is never left to the slow one
        auto strict = read_strictly(text);
        REQUIRE(strict);
        CHECK(same(*fast, *strict));
        ++n;
    }
    CHECK(n >= 20);
}

TEST_CASE("the fast reader takes well-formed variants and reads them as the strict reader does") {
    const std::vector<std::string> variants = {
        "\xEF\xBB\xBF" + base,                                  // a byte order mark
        replace_first(base, "\"tpp\": 5600", "\"tpp\": 5.6e3"), // an exponent
        replace_first(base, "\"tpp\": 5600", "\"tpp\": 9007199254740993"),
        replace_first(base, "\"pd\": 6.8", "\"pd\": 1e-400"), // underflows to 0
        replace_first(base, "\"pd\": 6.8", "\"pd\": 0"),
        replace_first(base, "\"destination\"", "\"destin\\u0061tion\""), // an escaped key
        replace_first(base, "\"CN\"", "\"\\u0043N\""),                   // an escaped value
        replace_first(base, "datacenter", "centre de donn\\u00e9es \\ud834\\udd1e"),
        replace_first(base, "datacenter", "\xC3\xA9t\xC3\xA9"),  // UTF-8 as written
        replace_first(base, "\"flags\": []", "\"flags\": null"), // optional, given as null
        base + " \n\t\r ",                                       // whitespace after the value
        // Keys are first compared as written with the name expected next;
        // a name of more than 16 bytes, in its place and out of it:
        replace_first(base, "\"end_use\": \"civil\",",
                      "\"end_use\": \"civil\", \"authorisation_requested\": \"2023-11-02\","),
        replace_first(base, "\"destination\": \"CN\",",
                      "\"authorisation_requested\": \"2023-11-02\", \"destination\": \"CN\","),
        replace_first(base, "\"end_use\": \"civil\",",
                      "\"end_use\": \"civil\", \"authorisation_requeste\\u0064\": \"2023-11-02\","),
        replace_first(base, "\"end_use\"", "\"end_use\"  "), // space before the colon
    };
    for (const auto& text : variants) {
        INFO(text);
        auto fast = read_fast(text);
        CHECK(fast);
        check_agree(text);
    }
}

TEST_CASE("the fast reader leaves what is wrong or unusual to the strict reader") {
    const std::vector<std::string> declined = {
        base + " x",                             // trailing bytes
        base + "}", base + std::string(1, '\0'), // a NUL after the value
        base + "\xEF\xBB\xBF",
        replace_first(base, "\"id\": \"EX-23\",",
                      "\"id\": \"EX-23\", \"id\": \"EX-24\","), // repeated key
        replace_first(base, "\"destination\": \"CN\",",
                      "\"destination\": \"CN\", \"destin\\u0061tion\": \"JP\","),
        replace_first(base, "\"id\": \"EX-23\",",
                      "\"id\": \"EX-23\", \"colour\": \"red\","), // unknown field
        // A key that starts or extends the name expected next is another field:
        replace_first(base, "\"destination\"", "\"destinatio\""),
        replace_first(base, "\"destination\"", "\"destinationx\""),
        replace_first(base, "\"destination\"", "\"Destination\""),
        replace_first(base, "\"end_use\": \"civil\",",
                      "\"end_use\": \"civil\", \"authorisation_requested_\": \"2023-11-02\","),
        replace_first(base, "\"end_use\": \"civil\",",
                      "\"end_use\": \"civil\", \"authorisation_requeste\": \"2023-11-02\","),
        replace_first(base, "\"destination\": \"CN\"", "\"destination\": null"), // required, null
        replace_first(base, "\"destination\": \"CN\",", ""), // required, missing
        replace_first(base, "\"destination\": \"CN\"", "\"destination\": \"XX\""), // not a country
        replace_first(base, "\"destination\": \"CN\"", "\"destination\": 7"),
        replace_first(base, "\"end_use\": \"civil\"",
                      "\"end_use\": \"civilian\""),                    // not in the enum
        replace_first(base, "\"cn\": \"84733020\"", "\"cn\": \"84\""), // a chapter only
        replace_first(base, "\"date\": \"2023-12-01\"", "\"date\": \"2023-02-30\""),
        replace_first(base, "\"tpp\": 5600", "\"tpp\": 1e999"), // out of range
        replace_first(base, "\"tpp\": 5600", "\"tpp\": -0"),    // -0
        replace_first(base, "\"tpp\": 5600", "\"tpp\": 05600"), // not JSON
        replace_first(base, "\"tpp\": 5600", "\"tpp\": 5600x"),
        replace_first(base, "\"tpp\": 5600", "\"tpp\": \"5600\""),
        replace_first(base, "\"us_persons\": false", "\"us_persons\": fals"),
        replace_first(base, "\"us_persons\": false", "\"us_persons\": nul"),
        replace_first(base, "\"flags\": []", "\"flags\": [null]"), // null element
        replace_first(base, "\"flags\": []", "\"flags\": [,]"),
        replace_first(base, "\"pd\": 6.8\n", "\"pd\": 6.8,\n"), // trailing comma
        replace_first(base, "datacenter", "data\tcenter"),      // raw control character
        replace_first(base, "datacenter", "data\\u0000center"), // escaped control character
        replace_first(base, "datacenter",
                      "data\xFF"
                      "center"),                                  // not UTF-8
        replace_first(base, "datacenter", "\\ud834"),             // half a surrogate pair
        replace_first(base, "datacenter", "\\x41"),               // not an escape
        "", "   ", "[]", "null", base.substr(0, base.size() / 2), // cut short
    };
    for (const auto& text : declined) {
        INFO(text);
        CHECK_FALSE(read_fast(text));
    }
}

TEST_CASE("a control character anywhere in a text of any length is left to the strict reader") {
    // The fast reader looks at eight, then four, then single bytes: a
    // control character in each of those places, in texts of 1 to 20 bytes,
    // raw (not JSON) or escaped; and the byte just above them, which is plain.
    const std::string description = "\"datacenter AI accelerator board\"";
    for (std::size_t length = 1; length <= 20; ++length)
        for (std::size_t at = 0; at < length; ++at) {
            std::string text(length, 'a');
            for (std::string control : {"\x01", "\x1f", "\\u001f"}) {
                std::string cased = text;
                cased.replace(at, 1, control);
                std::string json = replace_first(base, description, "\"" + cased + "\"");
                INFO(json);
                CHECK_FALSE(read_fast(json));
            }
            std::string plain = text;
            plain[at] = ' ';
            CHECK(read_fast(replace_first(base, description, "\"" + plain + "\"")));
        }
}

TEST_CASE("a text is read where it is when plain, and unescaped when not, at every place") {
    // A plain text is taken where it is in the case, up to its closing
    // quote, found eight bytes at a time; one with an escape is unescaped.
    // An escape, and a byte that only looks like one, in each place of
    // texts of 1 to 20 bytes: each read as the strict reader reads it.
    const std::string description = "\"datacenter AI accelerator board\"";
    for (std::size_t length = 1; length <= 20; ++length)
        for (std::size_t at = 0; at < length; ++at)
            for (std::string put : {"\\\"", "\\\\", "\\/", "\\u00e9", "\\ud834\\udd1e", "\xC3\xA9",
                                    "'", "!", "#", "[", "]", "}", "\x7F"}) {
                std::string text(length, 'a');
                text.replace(at, 1, put);
                check_read_alike(replace_first(base, description, "\"" + text + "\""));
            }
}

TEST_CASE("texts with escapes in case after case, longer and shorter") {
    // Unescaped texts go to room the thread keeps, as long as the longest
    // case that needed it: a longer case makes it larger before its first text.
    for (std::size_t escapes : {1, 2, 50, 3, 400, 4000}) {
        std::string text;
        for (std::size_t i = 0; i < escapes; ++i)
            text += "x\\u00e9\\\"";
        check_read_alike(replace_first(base, "datacenter", text));
    }
}

TEST_CASE("a number of many digits is read by the strict reader, exactly") {
    // simdjson 3.0.1 reads 0.63333333333333333333 as 0.0799... (found by fuzzing).
    for (std::string digits :
         {"0.63333333333333333333", "0.633333333333333333333333333333333333333",
          "633333333333333333333e-21", "12345678901234567890", "6.800000000000000001"}) {
        std::string text = replace_first(base, "\"pd\": 6.8", "\"pd\": " + digits);
        INFO(text);
        CHECK_FALSE(read_fast(text));
        auto strict = read_strictly(text);
        REQUIRE(strict);
        // The same case as with the number written in 17 digits, which the fast reader takes.
        std::string shortest =
            replace_first(base, "\"pd\": 6.8",
                          fmt::format("\"pd\": {:.17g}", std::strtod(digits.c_str(), nullptr)));
        auto fast = read_fast(shortest);
        REQUIRE(fast);
        CHECK(same(*strict, *fast));
    }
}

TEST_CASE("a case over 64 KiB is left to the strict reader, which reads it") {
    std::string text = replace_first(base, "datacenter", std::string(70 * 1024, 'a'));
    CHECK_FALSE(read_fast(text));
    CHECK(read_strictly(text));
}

TEST_CASE("a case the strict reader refuses is refused with its diagnostic at its place") {
    // The fast reader declined; the strict one says where, as before.
    std::string text = replace_first(base, "\"tpp\": 5600", "\"tpp\": 1e999");
    kader::Diagnostics diags;
    CHECK_FALSE(kader::read_case_text(stdlib_program(), text, "case.json", diags));
    REQUIRE(diags.list().size() == 1);
    const auto& d = diags.list().front();
    CHECK(kader::code_name(d.code) == "K0107");
    CHECK(d.location.input == "case.json");
    CHECK(d.location.line == 16);
    CHECK(d.location.column == 16);
}

TEST_CASE("a case read into the blocks of another case holds its own values alone") {
    // A batch reads every case of a thread into one CaseData.
    kader::CaseData into;
    kader::Diagnostics diags;
    auto read_into = [&](std::string_view text) {
        return kader::read_case_text(stdlib_program(), text, "case.json", diags, into);
    };
    std::string large = replace_first(base, "datacenter", std::string(4000, 'a'));
    REQUIRE(read_into(large));
    const auto first_copy = into;
    std::string small = replace_first(base, "datacenter", "lab");
    REQUIRE(read_into(small));
    auto strict = read_strictly(small);
    REQUIRE(strict);
    CHECK(same(into, *strict));
    CHECK(into.id == strict->id);
    CHECK(into.date == strict->date);
    CHECK(into.chars.size() < first_copy.chars.size());
    CHECK_FALSE(same(into, first_copy));
    // The room was kept: both blocks are as large as the first case made them.
    CHECK(into.chars.capacity() >= first_copy.chars.size());
    CHECK(into.values.capacity() >= first_copy.values.size());
    // Room past the bound kept is let go, not held for the rest of a run.
    std::string huge = replace_first(base, "datacenter", std::string(200 * 1024, 'a'));
    REQUIRE(read_into(huge)); // (the strict reader's: the fast one declines a text this long)
    CHECK(into.chars.size() > 200 * 1024);
    REQUIRE(read_into(small));
    CHECK(same(into, *strict));
    CHECK(into.chars.capacity() < 64 * 1024);
    // A text that is no case leaves the reasons, and a case read after it is whole.
    CHECK_FALSE(read_into(replace_first(base, "\"tpp\": 5600", "\"tpp\": \"x\"")));
    CHECK(diags.has_errors());
    REQUIRE(read_into(small));
    CHECK(same(into, *strict));
    CHECK(diags.list().size() == 1);
}

TEST_CASE("a text read in place reads as its copy does, whatever lies in the room after it") {
    // `kader batch` reads each line where it is, in a string with room after
    // it (pad_case_text). simdjson reads into that room but never takes it
    // as part of the case. The most misleading room there is: the rest of a
    // well-formed case, after a text cut short at every byte.
    const kader::Program& program = stdlib_program();
    std::size_t read_whole = 0;
    for (std::size_t cut = 0; cut <= base.size(); ++cut) {
        std::string in_place = base + std::string(kader::case_text_padding, ' ');
        in_place.resize(cut);
        std::size_t room = in_place.capacity() - in_place.size();
        REQUIRE(room >= kader::case_text_padding);
        INFO("cut at " << cut << ": " << in_place);
        kader::CaseData read_there;
        bool there = kader::read_case_root_fast(program, in_place, room, read_there);
        auto copied = read_fast(std::string(in_place)); // (a copy has no such room)
        REQUIRE(there == copied.has_value());
        if (!there) continue;
        CHECK(same(read_there, *copied));
        ++read_whole;
    }
    // Only the whole case, and the case cut inside its last whitespace, are cases.
    CHECK(read_whole >= 1);
    CHECK(read_whole <= 2);
}

TEST_CASE("a padded line is read by read_case_string as by read_case_text, and stays as it was") {
    const kader::Program& program = stdlib_program();
    for (const std::string& text : {base, replace_first(base, "\"tpp\": 5600", "\"tpp\": 1e999"),
                                    base.substr(0, base.size() / 2)}) {
        INFO(text);
        std::string line = text;
        kader::pad_case_text(line);
        CHECK(line == text); // the padding is room after the text, not part of it
        CHECK(line.capacity() - line.size() >= kader::case_text_padding);
        kader::CaseData padded, plain;
        kader::Diagnostics padded_diags, plain_diags;
        bool a = kader::read_case_string(program, line, "case.json", padded_diags, padded);
        bool b = kader::read_case_text(program, text, "case.json", plain_diags, plain);
        REQUIRE(a == b);
        if (a)
            CHECK(same(padded, plain));
        else
            CHECK(kader::render(padded_diags, {false, false}) ==
                  kader::render(plain_diags, {false, false}));
    }
}
