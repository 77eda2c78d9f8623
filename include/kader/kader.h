/* Kader C API: opaque handles, JSON strings in and out, explicit free
 * functions. Every function accepts NULL handles and reports an error
 * instead of crashing. Strings returned as `char*` belong to the caller and
 * are released with kader_string_free; `const char*` results live as long as
 * the handle they came from. Rule sets are immutable: one kader_rules may be
 * used from many threads at once. */
#ifndef KADER_H
#define KADER_H

#include <kader/export.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kader_rules kader_rules;
typedef struct kader_decision kader_decision;
typedef struct kader_diagnostics kader_diagnostics;

/* Version of the library, e.g. "0.1.0". */
KADER_API const char* kader_version(void);

/* Diagnostics. The functions below that take `kader_diagnostics** diagnostics`
 * set *diagnostics (when `diagnostics` is not NULL) to what they have to say:
 * the errors when they fail, the warnings when they succeed with some, NULL
 * when there is nothing. Free it with kader_diagnostics_free. Each diagnostic
 * has a stable code ("K0305"; `kader explain K0305` says what it means) and
 * its text as the command line prints it. */
KADER_API size_t kader_diagnostics_count(const kader_diagnostics* diagnostics);
/* All of them as the command line prints them; "" for NULL. */
KADER_API const char* kader_diagnostics_text(const kader_diagnostics* diagnostics);
/* For diagnostic `index` (from 0): NULL (or -1) when there is no such one. */
KADER_API const char* kader_diagnostic_code(const kader_diagnostics* diagnostics, size_t index);
KADER_API int kader_diagnostic_is_error(const kader_diagnostics* diagnostics,
                                        size_t index); /* 1 or 0 */
KADER_API const char* kader_diagnostic_message(const kader_diagnostics* diagnostics, size_t index);
KADER_API const char* kader_diagnostic_help(const kader_diagnostics* diagnostics,
                                            size_t index); /* may be "" */
/* The input it is about: a file name, "case" for a case given as text; "" when none. */
KADER_API const char* kader_diagnostic_input(const kader_diagnostics* diagnostics, size_t index);
KADER_API int kader_diagnostic_line(const kader_diagnostics* diagnostics,
                                    size_t index); /* 0: none */
KADER_API int kader_diagnostic_column(const kader_diagnostics* diagnostics,
                                      size_t index); /* 0: none */
KADER_API const char* kader_diagnostic_text(const kader_diagnostics* diagnostics, size_t index);
KADER_API void kader_diagnostics_free(kader_diagnostics* diagnostics);

/* How a call that makes a handle went. On anything but KADER_OK the handle
 * is set to NULL and *diagnostics (when asked for) says why, each problem with
 * its code and place. */
typedef enum kader_status {
    KADER_OK = 0,
    KADER_INVALID_ARGUMENT = 1, /* a NULL or malformed argument (K0906) */
    KADER_REFUSED = 2,          /* the rules or the case were refused: see the diagnostics */
    KADER_INTERNAL_ERROR = 3    /* a defect in Kader, or out of memory (K0999) */
} kader_status;
/* "ok", "invalid argument", "refused", "internal error". */
KADER_API const char* kader_status_name(kader_status status);

/* Rule sets: *rules is the new rule set on KADER_OK, NULL otherwise. */
KADER_API kader_status kader_rules_standard(kader_rules** rules, kader_diagnostics** diagnostics);
KADER_API kader_status kader_rules_load(const char* const* paths, size_t count, int with_stdlib,
                                        kader_rules** rules, kader_diagnostics** diagnostics);
KADER_API kader_status kader_rules_from_string(const char* name, const char* text, int with_stdlib,
                                               kader_rules** rules,
                                               kader_diagnostics** diagnostics);
KADER_API const char* kader_rules_fingerprint(const kader_rules* rules);
KADER_API void kader_rules_free(kader_rules* rules);

/* Decide one case given as JSON text. `as_of` is "YYYY-MM-DD" or NULL for
 * the case's own date; `full` non-zero adds the rules that did not apply. */
KADER_API kader_status kader_evaluate(const kader_rules* rules, const char* case_json,
                                      const char* as_of, int full, kader_decision** decision,
                                      kader_diagnostics** diagnostics);
/* The same, explained at the level `explain` names, as `kader eval --explain`
 * does: "rules" (the verdict, the rules that applied with their messages,
 * what was overridden or is missing, without the reason trees: the
 * cheapest), "brief" (also each applied rule's reason tree, with the facts
 * it read; NULL means brief) or "full" (also why every other rule did not
 * apply). Any other level is KADER_INVALID_ARGUMENT. */
KADER_API kader_status kader_evaluate_explained(const kader_rules* rules, const char* case_json,
                                                const char* as_of, const char* explain,
                                                kader_decision** decision,
                                                kader_diagnostics** diagnostics);
/* "allow", "license_required", "escalate", "deny" or "prohibited"; NULL for a NULL decision. */
KADER_API const char* kader_decision_verdict(const kader_decision* decision);
/* 1 when missing facts could change the verdict, 0 when not, -1 for a NULL decision. */
KADER_API int kader_decision_incomplete(const kader_decision* decision);
KADER_API char* kader_decision_json(const kader_decision* decision);
KADER_API char* kader_decision_text(const kader_decision* decision);
KADER_API void kader_decision_free(kader_decision* decision);

KADER_API void kader_string_free(char* s);

#ifdef __cplusplus
}
#endif

#endif /* KADER_H */
