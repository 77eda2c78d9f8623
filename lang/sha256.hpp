#pragma once
// SHA-256, the hash of rule-set fingerprints and of logged cases. Natively
// Nettle computes it (sha256_nettle.cpp); the WebAssembly build of web/,
// which has no Nettle, compiles sha256.cpp (FIPS 180-4) instead, and
// web/tests checks that both builds give the same fingerprints.
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

namespace kader {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::string_view bytes);
    // The digest; the hasher is spent afterwards.
    std::array<std::uint8_t, 32> finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace kader
