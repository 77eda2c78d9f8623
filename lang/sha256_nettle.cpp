// SHA-256 through Nettle (Debian: nettle-dev), for the native builds.
//
// Nettle, not OpenSSL: loading OpenSSL's libcrypto (4.5 MB, thousands of
// symbols to bind) took 1.0-1.3 ms of every `kader` command's start, and its
// EVP interface another 1.3 ms at the first digest (fetching its provider,
// reading its configuration); Nettle's library is 0.3 MB and starts in about
// 0.1 ms. Both hash with the processor's SHA instructions where it has them
// (1.6 GB/s measured), so the rule files of a start cost the same.
#include "lang/sha256.hpp"

#include <nettle/sha2.h>
#include <nettle/version.h>

namespace kader {

struct Sha256::State {
    sha256_ctx ctx;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
    sha256_init(&state_->ctx);
}
Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
    sha256_update(&state_->ctx, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
}

std::array<std::uint8_t, 32> Sha256::finish() {
    std::array<std::uint8_t, 32> out{};
#if NETTLE_VERSION_MAJOR >= 4
    sha256_digest(&state_->ctx, out.data()); // Nettle 4 dropped the length argument
#else
    sha256_digest(&state_->ctx, out.size(), out.data());
#endif
    return out;
}

} // namespace kader
