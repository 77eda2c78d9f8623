#include "lang/fingerprint.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <openssl/evp.h>

namespace kader {

namespace {

std::string finish(EVP_MD_CTX* ctx) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(ctx, digest, &size);
    EVP_MD_CTX_free(ctx);
    std::string out = "sha256:";
    for (unsigned int i = 0; i < size; ++i)
        out += fmt::format("{:02x}", digest[i]);
    return out;
}

} // namespace

std::string fingerprint(std::vector<std::string> texts) {
    std::sort(texts.begin(), texts.end());
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    for (const auto& t : texts) {
        // length-prefixed, so that two texts never hash like their concatenation
        std::string length = fmt::format("{}:", t.size());
        EVP_DigestUpdate(ctx, length.data(), length.size());
        EVP_DigestUpdate(ctx, t.data(), t.size());
    }
    return finish(ctx);
}

std::string sha256_of(std::string_view text) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    EVP_DigestUpdate(ctx, text.data(), text.size());
    return finish(ctx);
}

} // namespace kader
