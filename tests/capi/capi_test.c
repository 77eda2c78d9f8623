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

static void test_version(void) {
    CHECK(kader_version() != NULL && strlen(kader_version()) > 0);
}

static void test_standard_rules(void) {
    char* error = NULL;
    kader_rules* rules = kader_rules_standard(&error);
    CHECK(rules != NULL);
    CHECK(error == NULL);
    CHECK(strncmp(kader_rules_fingerprint(rules), "sha256:", 7) == 0);
    kader_rules_free(rules);
}

static void test_decision(void) {
    char* error = NULL;
    kader_rules* rules = kader_rules_from_string("t.kader", rules_text, 0, &error);
    CHECK(rules != NULL);
    kader_decision* d = kader_evaluate(rules, "{\"date\": \"2023-01-01\", \"destination\": \"RU\"}",
                                       NULL, 0, &error);
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

    d = kader_evaluate(rules, "{\"date\": \"2023-01-01\", \"destination\": \"NL\"}", "2022-01-01",
                       1, &error);
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
    char* error = NULL;
    kader_rules* rules =
        kader_rules_from_string("bad.kader", "module m\nrule r\n  then maybe\n", 0, &error);
    CHECK(rules == NULL);
    CHECK(error != NULL && strstr(error, "bad.kader:3:8: error:") != NULL);
    kader_string_free(error);

    const char* paths[] = {"/no/such/folder"};
    rules = kader_rules_load(paths, 1, 0, &error);
    CHECK(rules == NULL);
    CHECK(error != NULL && strstr(error, "no such file") != NULL);
    kader_string_free(error);
}

static void test_bad_case(void) {
    char* error = NULL;
    kader_rules* rules = kader_rules_from_string("t.kader", rules_text, 0, NULL);
    kader_decision* d = kader_evaluate(rules, "{\"date\": \"2023-02-30\", \"destination\": \"XX\"}",
                                       NULL, 0, &error);
    CHECK(d == NULL);
    CHECK(error != NULL && strstr(error, "date: expected a date") != NULL);
    CHECK(error != NULL &&
          strstr(error, "destination: \"XX\" is not an ISO 3166-1 alpha-2 country code") != NULL);
    kader_string_free(error);
    d = kader_evaluate(rules, "{not json", NULL, 0, &error);
    CHECK(d == NULL);
    CHECK(error != NULL && strstr(error, "malformed JSON") != NULL);
    kader_string_free(error);
    d = kader_evaluate(rules, "{\"date\": \"2023-01-01\", \"destination\": \"NL\"}", "2023-13-01",
                       0, &error);
    CHECK(d == NULL);
    CHECK(error != NULL);
    kader_string_free(error);
    kader_rules_free(rules);
}

static void test_null_arguments(void) {
    char* error = NULL;
    CHECK(kader_rules_from_string(NULL, "x", 0, &error) == NULL);
    CHECK(error != NULL);
    kader_string_free(error);
    CHECK(kader_rules_load(NULL, 1, 0, &error) == NULL);
    CHECK(error != NULL);
    kader_string_free(error);
    CHECK(kader_evaluate(NULL, "{}", NULL, 0, &error) == NULL);
    CHECK(error != NULL);
    kader_string_free(error);
    CHECK(kader_evaluate(NULL, NULL, NULL, 0, NULL) == NULL); /* no error slot: still no crash */
    CHECK(kader_rules_fingerprint(NULL) == NULL);
    CHECK(kader_decision_verdict(NULL) == NULL);
    CHECK(kader_decision_incomplete(NULL) == -1);
    CHECK(kader_decision_json(NULL) == NULL);
    CHECK(kader_decision_text(NULL) == NULL);
    kader_rules_free(NULL);
    kader_decision_free(NULL);
    kader_string_free(NULL);
}

int main(void) {
    test_version();
    test_standard_rules();
    test_decision();
    test_bad_rules();
    test_bad_case();
    test_null_arguments();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
