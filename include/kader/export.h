#ifndef KADER_EXPORT_H
#define KADER_EXPORT_H
/* Marks the public API of libkader. The library is built with every other
 * symbol hidden (-fvisibility=hidden), so that only what these headers
 * promise can be linked against, and internal names can change freely. */
#if defined(__GNUC__) || defined(__clang__)
#define KADER_API __attribute__((visibility("default")))
#else
#define KADER_API
#endif
#endif
