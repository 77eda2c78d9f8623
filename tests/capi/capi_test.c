/* Exercises every function of the C API, error paths included (bad rules,
 * bad case JSON, NULL arguments). Run under AddressSanitizer in CI: no
 * leaks, no invalid accesses. */
#include <kader/kader.h>
#include <stdio.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            ++passed;                                                                              \
        } else {                                                                                   \
            ++failed;                                                                              \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

static const char* rules_text =
    "module t\n"
    "schema case {\n  date: date\n  destination: country\n  end_use: optional enum {civil, "
    "military}\n}\n"
    "rule to_russia\n  goal sanctions\n  basis \"test basis\"\n"
    "  when case.destination == \"RU\"\n  then prohibited \"to {case.destination}\"\n"
    "rule military\n  goal end_use\n  basis \"test basis\"\n"
    "  when case.end_use == \"military\"\n  then deny\n";

/* Each level gives the same verdict; only `brief` and `full` carry the
 * applied rule's reason tree, only `full` the rules that did not apply. */
static void test_explain_levels(void) {
    static const char* case_json = "{\"date\": \"2023-01-01\", \"destination\": \"RU\"}";
    static const char* levels[] = {"rules", "brief", "full", NULL};
    static const int reasons[] = {0, 1, 1, 1}, not_applied[] = {0, 0, 1, 0};
    kader_diagnostics* error = NULL;
    kader_rules* rules = NULL;
    CHECK(kader_rules_from_string("t.kader", rules_text, 0, &rules, &error) == KADER_OK);
    for (int i = 0; i < 4; ++i) {
        kader_decision* d = NULL;
        CHECK(kader_evaluate_explained(rules, case_json, NULL, levels[i], &d, &error) == KADER_OK);
        CHECK(d != NULL && error == NULL);
        CHECK(strcmp(kader_decision_verdict(d), "prohibited") == 0);
        char* json = kader_decision_json(d);
        CHECK(json != NULL && strstr(json, "\"message\":\"to RU\"") != NULL);
        CHECK(json != NULL && (strstr(json, "\"reason\":") != NULL) == reasons[i]);
        CHECK(json != NULL && (strstr(json, "\"not_applied\"") != NULL) == not_applied[i]);
        kader_string_free(json);
        kader_decision_free(d);
    }
    /* A level no interface knows is the caller's mistake, named in the diagnostic. */
    kader_decision* d = (kader_decision*)&error;
    CHECK(kader_evaluate_explained(rules, case_json, NULL, "Full", &d, &error) ==
          KADER_INVALID_ARGUMENT);
    CHECK(d == NULL && error != NULL);
    CHECK(strcmp(kader_diagnostic_code(error, 0), "K0906") == 0);
    CHECK(strstr(kader_diagnostic_message(error, 0), "got \"Full\"") != NULL);
    kader_diagnostics_free(error);
    error = NULL;
    CHECK(kader_evaluate_explained(rules, case_json, NULL, "", &d, &error) ==
          KADER_INVALID_ARGUMENT);
    kader_diagnostics_free(error);
    CHECK(kader_evaluate_explained(NULL, case_json, NULL, "rules", &d, NULL) ==
          KADER_INVALID_ARGUMENT);
    kader_rules_free(rules);
}

static void test_version(void) {
    CHECK(kader_version() != NULL && strlen(kader_version()) > 0);
}

static void test_standard_rules(void) {
    kader_diagnostics* error = NULL;
    kader_rules* rules = NULL;
    CHECK(kader_rules_standard(&rules, &error) == KADER_OK);
    CHECK(rules != NULL);
    CHECK(error == NULL);
    CHECK(strncmp(kader_rules_fingerprint(rules), "sha256:", 7) == 0);
    kader_rules_free(rules);
}

static void test_decision(void) {
    kader_diagnostics* error = NULL;
    kader_rules* rules = NULL;
    CHECK(kader_rules_from_string("t.kader", rules_text, 0, &rules, &error) == KADER_OK);
    CHECK(rules != NULL);
    kader_decision* d = NULL;
    CHECK(kader_evaluate(rules, "{\"date\": \"2023-01-01\", \"destination\": \"RU\"}", NULL, 0, &d,
                         &error) == KADER_OK);
    CHECK(d != NULL);
    CHECK(strcmp(kader_decision_verdict(d), "prohibited") == 0);
    CHECK(kader_decision_incomplete(d) ==
          0); /* the unknown end use could give deny, less than prohibited */
    char* json = kader_decision_json(d);
    CHECK(json != NULL && strstr(json, "\"t.to_russia\"") != NULL);
    CHECK(json != NULL && strstr(json, "to RU") != NULL);
    kader_string_free(json);
    char* text = kader_decision_text(d);
    CHECK(text != NULL && strncmp(text, "PROHIBITED", 10) == 0);
    kader_string_free(text);
    kader_decision_free(d);

    CHECK(kader_evaluate(rules, "{\"date\": \"2023-01-01\", \"destination\": \"NL\"}", "2022-01-01",
                         1, &d, &error) == KADER_OK);
    CHECK(d != NULL);
    CHECK(strcmp(kader_decision_verdict(d), "allow") == 0);
    CHECK(kader_decision_incomplete(d) == 1);
    json = kader_decision_json(d);
    CHECK(json != NULL && strstr(json, "\"as_of\":\"2022-01-01\"") != NULL);
    CHECK(json != NULL && strstr(json, "\"not_applied\"") != NULL);
    kader_string_free(json);
    kader_decision_free(d);
    kader_rules_free(rules);
}

static void test_bad_rules(void) {
    kader_diagnostics* error = NULL;
    kader_rules* rules = NULL;
    CHECK(kader_rules_from_string("bad.kader", "module m\nrule r\n  then maybe\n", 0, &rules,
                                  &error) == KADER_REFUSED);
    CHECK(rules == NULL);
    CHECK(error != NULL &&
          strstr(kader_diagnostics_text(error), "bad.kader:3:8: error[K0") != NULL);
    /* The same diagnostic, part by part. */
    CHECK(kader_diagnostics_count(error) == 1);
    CHECK(kader_diagnostic_code(error, 0) != NULL &&
          strcmp(kader_diagnostic_code(error, 0), "K0201") == 0);
    CHECK(kader_diagnostic_is_error(error, 0) == 1);
    CHECK(strcmp(kader_diagnostic_input(error, 0), "bad.kader") == 0);
    CHECK(kader_diagnostic_line(error, 0) == 3);
    CHECK(kader_diagnostic_column(error, 0) == 8);
    CHECK(strstr(kader_diagnostic_message(error, 0), "expected a verdict") != NULL);
    CHECK(strstr(kader_diagnostic_text(error, 0), "  then maybe\n") != NULL);
    CHECK(kader_diagnostic_help(error, 0) != NULL);
    /* Past the end, and NULL handles: no crash, a recognisable answer. */
    CHECK(kader_diagnostic_code(error, 1) == NULL);
    CHECK(kader_diagnostic_line(error, 1) == -1);
    CHECK(kader_diagnostic_is_error(error, 1) == -1);
    CHECK(kader_diagnostics_count(NULL) == 0);
    CHECK(strcmp(kader_diagnostics_text(NULL), "") == 0);
    CHECK(kader_diagnostic_message(NULL, 0) == NULL);
    kader_diagnostics_free(error);
    kader_diagnostics_free(NULL);

    const char* paths[] = {"/no/such/folder"};
    CHECK(kader_rules_load(paths, 1, 0, &rules, &error) == KADER_REFUSED);
    CHECK(rules == NULL);
    CHECK(error != NULL && strstr(kader_diagnostics_text(error), "no such file") != NULL);
    CHECK(strcmp(kader_diagnostic_code(error, 0), "K0102") == 0);
    kader_diagnostics_free(error);
}

static void test_warnings_come_with_rules_that_load(void) {
    kader_diagnostics* warnings = NULL;
    kader_rules* rules = NULL;
    CHECK(kader_rules_from_string("w.kader", "module w\nset s = {\"RU\"}\n", 0, &rules,
                                  &warnings) == KADER_OK);
    CHECK(rules != NULL);
    CHECK(kader_diagnostics_count(warnings) == 1);
    CHECK(kader_diagnostic_is_error(warnings, 0) == 0);
    CHECK(kader_diagnostic_code(warnings, 0) != NULL &&
          strcmp(kader_diagnostic_code(warnings, 0), "K0316") == 0);
    kader_diagnostics_free(warnings);
    kader_rules_free(rules);
}

static void test_bad_case(void) {
    kader_diagnostics* error = NULL;
    kader_rules* rules = NULL;
    CHECK(kader_rules_from_string("t.kader", rules_text, 0, &rules, NULL) == KADER_OK);
    kader_decision* d = NULL;
    CHECK(kader_evaluate(rules, "{\"date\": \"2023-02-30\", \"destination\": \"XX\"}", NULL, 0, &d,
                         &error) == KADER_REFUSED);
    CHECK(d == NULL);
    CHECK(error != NULL && strstr(kader_diagnostics_text(error), "date: expected a date") != NULL);
    CHECK(error != NULL &&
          strstr(kader_diagnostics_text(error),
                 "destination: \"XX\" is not an ISO 3166-1 alpha-2 country code") != NULL);
    kader_diagnostics_free(error);
    CHECK(kader_evaluate(rules, "{not json", NULL, 0, &d, &error) == KADER_REFUSED);
    CHECK(d == NULL);
    CHECK(error != NULL && strstr(kader_diagnostics_text(error), "malformed JSON") != NULL);
    kader_diagnostics_free(error);
    CHECK(kader_evaluate(rules, "{\"date\": \"2023-01-01\", \"destination\": \"NL\"}", "2023-13-01",
                         0, &d, &error) == KADER_INVALID_ARGUMENT);
    CHECK(d == NULL);
    CHECK(error != NULL);
    kader_diagnostics_free(error);
    kader_rules_free(rules);
}

static void test_null_arguments(void) {
    kader_diagnostics* error = NULL;
    kader_rules* rules = (kader_rules*)&error; /* not NULL: a failed call sets it to NULL */
    CHECK(kader_rules_from_string(NULL, "x", 0, &rules, &error) == KADER_INVALID_ARGUMENT);
    CHECK(rules == NULL);
    CHECK(error != NULL);
    kader_diagnostics_free(error);
    CHECK(kader_rules_load(NULL, 1, 0, &rules, &error) == KADER_INVALID_ARGUMENT);
    CHECK(error != NULL);
    CHECK(strcmp(kader_diagnostic_code(error, 0), "K0906") == 0);
    kader_diagnostics_free(error);
    kader_decision* d = NULL;
    CHECK(kader_evaluate(NULL, "{}", NULL, 0, &d, &error) == KADER_INVALID_ARGUMENT);
    CHECK(d == NULL && error != NULL);
    kader_diagnostics_free(error);
    /* No slot for the result, or for the diagnostics: still no crash. */
    CHECK(kader_evaluate(NULL, NULL, NULL, 0, NULL, NULL) == KADER_INVALID_ARGUMENT);
    CHECK(kader_rules_standard(NULL, &error) == KADER_INVALID_ARGUMENT);
    CHECK(error != NULL && strcmp(kader_diagnostic_code(error, 0), "K0906") == 0);
    kader_diagnostics_free(error);
    CHECK(strcmp(kader_status_name(KADER_OK), "ok") == 0);
    CHECK(strcmp(kader_status_name(KADER_REFUSED), "refused") == 0);
    CHECK(strcmp(kader_status_name((kader_status)42), "unknown status") == 0);
    CHECK(kader_rules_fingerprint(NULL) == NULL);
    CHECK(kader_decision_verdict(NULL) == NULL);
    CHECK(kader_decision_incomplete(NULL) == -1);
    CHECK(kader_decision_json(NULL) == NULL);
    CHECK(kader_decision_text(NULL) == NULL);
    kader_rules_free(NULL);
    kader_decision_free(NULL);
    kader_string_free(NULL);
}

/* as_of is read exactly as the command line reads dates: four-digit years
 * 0001 to 9999, two-digit months and days, a day that exists. */
static void test_as_of_dates(void) {
    static const char* refused[] = {"2023- 3-01", "+202-01-01", "0000-01-01",  "2023-02-29",
                                    "2023-02-30", "2023-1-01",  " 2023-01-01", "2023-01-01 ",
                                    "",           "2023-13-01"};
    const char* case_json = "{\"date\": \"2023-01-01\", \"destination\": \"RU\"}";
    kader_diagnostics* error = NULL;
    kader_rules* rules = NULL;
    CHECK(kader_rules_from_string("t.kader", rules_text, 0, &rules, NULL) == KADER_OK);
    CHECK(rules != NULL);
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; ++i) {
        error = NULL;
        kader_decision* d = NULL;
        CHECK(kader_evaluate(rules, case_json, refused[i], 0, &d, &error) ==
              KADER_INVALID_ARGUMENT);
        if (d != NULL) fprintf(stderr, "as_of \"%s\" was accepted\n", refused[i]);
        CHECK(d == NULL);
        CHECK(error != NULL &&
              strstr(kader_diagnostics_text(error), "as_of must be a date YYYY-MM-DD") != NULL);
        CHECK(error != NULL && strstr(kader_diagnostics_text(error), refused[i]) != NULL);
        kader_diagnostics_free(error);
        kader_decision_free(d);
    }
    error = NULL;
    kader_decision* d = NULL;
    CHECK(kader_evaluate(rules, case_json, "2024-02-29", 0, &d, &error) == KADER_OK);
    CHECK(d != NULL);
    CHECK(error == NULL);
    char* json = kader_decision_json(d);
    CHECK(json != NULL && strstr(json, "\"as_of\":\"2024-02-29\"") != NULL);
    kader_string_free(json);
    kader_decision_free(d);
    CHECK(kader_evaluate(rules, case_json, "0001-01-01", 0, &d, &error) == KADER_OK);
    CHECK(d != NULL);
    kader_decision_free(d);
    kader_rules_free(rules);
}

/* The fingerprint lives as long as its handle: the same pointer on every
 * call, untouched by calls on other handles. */
static void test_fingerprint_lifetime(void) {
    kader_rules *a = NULL, *b = NULL;
    kader_rules_from_string("t.kader", rules_text, 0, &a, NULL);
    kader_rules_from_string("u.kader", "module u\n", 0, &b, NULL);
    CHECK(a != NULL && b != NULL);
    const char* fa = kader_rules_fingerprint(a);
    CHECK(fa != NULL && strncmp(fa, "sha256:", 7) == 0);
    char copy[128] = {0};
    if (fa) strncpy(copy, fa, sizeof copy - 1);
    CHECK(kader_rules_fingerprint(a) == fa);
    const char* fb = kader_rules_fingerprint(b);
    CHECK(fb != NULL && strncmp(fb, "sha256:", 7) == 0);
    CHECK(fb != fa);
    CHECK(fa != NULL && fb != NULL && strcmp(fa, fb) != 0); /* different rules */
    CHECK(fa != NULL && strcmp(fa, copy) == 0);             /* unchanged by the call on b */
    kader_decision* d = NULL;
    kader_evaluate(b, "{\"date\": \"2023-01-01\"}", NULL, 0, &d, NULL); /* more work on b */
    kader_decision_free(d);
    CHECK(kader_rules_fingerprint(b) == fb);
    CHECK(fa != NULL && strcmp(fa, copy) == 0);
    kader_rules_free(b);
    CHECK(fa != NULL && strcmp(fa, copy) == 0); /* b is gone; a's fingerprint is still there */
    CHECK(kader_rules_fingerprint(a) == fa);
    kader_rules_free(a);
}

int main(void) {
    test_version();
    test_standard_rules();
    test_decision();
    test_explain_levels();
    test_bad_rules();
    test_warnings_come_with_rules_that_load();
    test_bad_case();
    test_null_arguments();
    test_as_of_dates();
    test_fingerprint_lifetime();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
