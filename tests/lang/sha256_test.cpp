// SHA-256 and the rule-set fingerprint made with it: the digests of FIPS
// 180-4's examples, whatever pieces the bytes come in, and a fingerprint
// pinned, since decision logs keep fingerprints and compare them later.
#include "lang/fingerprint.hpp"
#include "lang/sha256.hpp"

#include "kader_catch.hpp"

#include <fmt/format.h>
#include <string>

namespace kader {

namespace {

std::string hex(const std::array<std::uint8_t, 32>& digest) {
    std::string out;
    for (std::uint8_t byte : digest)
        out += fmt::format("{:02x}", byte);
    return out;
}

// The digest of `text` fed to the hasher `piece` bytes at a time.
std::string digest_in_pieces(const std::string& text, std::size_t piece) {
    Sha256 hash;
    for (std::size_t at = 0; at < text.size(); at += piece)
        hash.update(std::string_view(text).substr(at, piece));
    return hex(hash.finish());
}

} // namespace

TEST_CASE("SHA-256 gives the digests of FIPS 180-4's examples, in pieces of any size") {
    const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    const std::string million(1000000, 'a');
    CHECK(sha256_of("") ==
          "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_of("abc") ==
          "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    for (std::size_t piece : {1, 3, 63, 64, 65, 1000}) {
        CAPTURE(piece);
        CHECK(digest_in_pieces(two_blocks, piece) ==
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }
    CHECK(digest_in_pieces(million, 4096) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("a fingerprint hashes its texts sorted and length-prefixed, repeats included") {
    // As hashlib computes it: each text of the sorted list as "LENGTH:TEXT".
    CHECK(fingerprint({"rule r", "module m", "rule r"}) ==
          "sha256:6065d853258592a197bd5bcd7b526663195d4b14ba801ae16434cb1d4173eeed");
    CHECK(fingerprint({"rule r", "module m", "rule r"}) ==
          fingerprint({"module m", "rule r", "rule r"}));
    CHECK(fingerprint({"ab", "c"}) != fingerprint({"a", "bc"}));
}

} // namespace kader
