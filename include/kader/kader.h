/* Kader C API: opaque handles, JSON strings in and out, explicit free
 * functions. Every function accepts NULL handles and reports an error
 * instead of crashing. Strings returned as `char*` belong to the caller and
 * are released with kader_string_free; `const char*` results live as long as
 * the handle they came from. Rule sets are immutable: one kader_rules may be
 * used from many threads at once. */
#ifndef KADER_H
#define KADER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kader_rules kader_rules;
typedef struct kader_decision kader_decision;

/* Version of the library, e.g. "0.1.0". */
const char* kader_version(void);

/* Rule sets. On failure these return NULL and, when `error` is not NULL,
 * set *error to the diagnostics (free it with kader_string_free). */
kader_rules* kader_rules_standard(char** error);
kader_rules* kader_rules_load(const char* const* paths, size_t count, int with_stdlib,
                              char** error);
kader_rules* kader_rules_from_string(const char* name, const char* text, int with_stdlib,
                                     char** error);
const char* kader_rules_fingerprint(const kader_rules* rules);
void kader_rules_free(kader_rules* rules);

/* Decide one case given as JSON text. `as_of` is "YYYY-MM-DD" or NULL for
 * the case's own date; `full` non-zero adds the rules that did not apply. */
kader_decision* kader_evaluate(const kader_rules* rules, const char* case_json, const char* as_of,
                               int full, char** error);
/* "allow", "license_required", "escalate", "deny" or "prohibited"; NULL for a NULL decision. */
const char* kader_decision_verdict(const kader_decision* decision);
/* 1 when missing facts could change the verdict, 0 when not, -1 for a NULL decision. */
int kader_decision_incomplete(const kader_decision* decision);
char* kader_decision_json(const kader_decision* decision);
char* kader_decision_text(const kader_decision* decision);
void kader_decision_free(kader_decision* decision);

void kader_string_free(char* s);

#ifdef __cplusplus
}
#endif

#endif /* KADER_H */
