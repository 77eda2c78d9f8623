# The header-only libraries for the WebAssembly build, as the imported targets
# the native build gets from find_package. Emscripten's toolchain looks for
# packages in its own sysroot only, and the host's /usr/include cannot be put
# on the include path (its C library headers would shadow Emscripten's), so
# the three libraries' header folders are linked into a folder of their own.
set(KADER_WASM_INCLUDE ${CMAKE_BINARY_DIR}/host-headers)
file(MAKE_DIRECTORY ${KADER_WASM_INCLUDE})
foreach(probe IN ITEMS "fmt/format.h" "tao/pegtl.hpp" "nlohmann/json.hpp")
  string(REGEX REPLACE "/.*" "" top "${probe}")
  find_path(KADER_HOST_${top} ${probe} PATHS /usr/include /usr/local/include NO_DEFAULT_PATH
    NO_CMAKE_FIND_ROOT_PATH)
  if(NOT KADER_HOST_${top})
    message(FATAL_ERROR "${probe} not found: run scripts/setup.sh (Debian: libfmt-dev, "
      "tao-pegtl-dev, nlohmann-json3-dev)")
  endif()
  file(CREATE_LINK ${KADER_HOST_${top}}/${top} ${KADER_WASM_INCLUDE}/${top} SYMBOLIC)
endforeach()

add_library(taocpp::pegtl INTERFACE IMPORTED)
set_target_properties(taocpp::pegtl PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${KADER_WASM_INCLUDE})
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
set_target_properties(nlohmann_json::nlohmann_json PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES ${KADER_WASM_INCLUDE})
# fmt as headers only: no libfmt for WebAssembly.
add_library(fmt::fmt INTERFACE IMPORTED)
set_target_properties(fmt::fmt PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${KADER_WASM_INCLUDE}
  INTERFACE_COMPILE_DEFINITIONS FMT_HEADER_ONLY=1)

# The parser and the JSON readers report errors by exception; Emscripten
# leaves catching off unless asked (JavaScript-based exceptions: the Wasm
# exception proposal needs a newer Emscripten than Debian 12's).
add_compile_options(-fexceptions)
add_link_options(-fexceptions)
