// SHA-256 through OpenSSL, for the native builds.
//
// Through OpenSSL's SHA256_* functions where the library still has them, not
// its EVP interface: the first EVP digest of a process fetches its provider
// and loads OpenSSL's configuration, 1.3 ms measured (0.8 ms without the
// configuration), a tenth of `kader check`'s whole start and more than the
// hashing of its rule files; SHA256_Init takes microseconds. Both compute
// the same SHA-256 with the same code (SHA-NI where the processor has it).
// OpenSSL 3 marks those functions deprecated in favour of EVP, for pluggable
// providers (FIPS), which a fingerprint does not need; a build of OpenSSL
// without them (OPENSSL_NO_DEPRECATED_3_0) gets the EVP path.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "lang/sha256.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

namespace kader {

#ifndef OPENSSL_NO_DEPRECATED_3_0

struct Sha256::State {
    SHA256_CTX ctx;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
    SHA256_Init(&state_->ctx);
}
Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
    SHA256_Update(&state_->ctx, bytes.data(), bytes.size());
}

std::array<std::uint8_t, 32> Sha256::finish() {
    std::array<std::uint8_t, 32> out{};
    SHA256_Final(out.data(), &state_->ctx);
    return out;
}

#else

struct Sha256::State {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~State() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
    EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr);
}
Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
    EVP_DigestUpdate(state_->ctx, bytes.data(), bytes.size());
}

std::array<std::uint8_t, 32> Sha256::finish() {
    std::array<std::uint8_t, 32> out{};
    unsigned int size = 0;
    EVP_DigestFinal_ex(state_->ctx, out.data(), &size);
    return out;
}

#endif

} // namespace kader
