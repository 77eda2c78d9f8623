#define CATCH_CONFIG_MAIN
#include "kader_catch.hpp"
