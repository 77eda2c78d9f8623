/* The same screening through the C API: a case JSON on standard input. */
#include <kader/kader.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, stdin);
    text[n] = '\0';
    kader_diagnostics* error = NULL;
    kader_rules* rules = kader_rules_standard(&error);
    if (!rules) {
        fprintf(stderr, "%s", kader_diagnostics_text(error));
        kader_diagnostics_free(error);
        return 2;
    }
    kader_decision* d = kader_evaluate(rules, text, NULL, 0, &error);
    if (!d) {
        fprintf(stderr, "%s", kader_diagnostics_text(error));
        kader_diagnostics_free(error);
        kader_rules_free(rules);
        return 2;
    }
    printf("%s\n", kader_decision_verdict(d));
    kader_decision_free(d);
    kader_rules_free(rules);
    return 0;
}
