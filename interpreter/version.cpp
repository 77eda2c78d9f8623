#include "interpreter/version.hpp"

namespace kader {

const char* engine_version() {
    return KADER_VERSION;
}

} // namespace kader
