#include "lang/fingerprint.hpp"
#include "lang/sha256.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kader {

namespace {

std::string finish(Sha256& hash) {
    std::string out = "sha256:";
    for (std::uint8_t byte : hash.finish())
        out += fmt::format("{:02x}", byte);
    return out;
}

} // namespace

std::string fingerprint(std::vector<std::string> texts) {
    std::sort(texts.begin(), texts.end());
    Sha256 hash;
    for (const auto& t : texts) {
        // length-prefixed, so that two texts never hash like their concatenation
        hash.update(fmt::format("{}:", t.size()));
        hash.update(t);
    }
    return finish(hash);
}

std::string sha256_of(std::string_view text) {
    Sha256 hash;
    hash.update(text);
    return finish(hash);
}

} // namespace kader
