/* The same screening through the C API: a case JSON on standard input. */
#include <kader/kader.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, stdin);
    text[n] = '\0';
    kader_diagnostics* error = NULL;
    kader_rules* rules = NULL;
    if (kader_rules_standard(&rules, &error) != KADER_OK) {
        fprintf(stderr, "%s", kader_diagnostics_text(error));
        kader_diagnostics_free(error);
        return 2;
    }
    kader_decision* d = NULL;
    kader_status status = kader_evaluate(rules, text, NULL, 0, &d, &error);
    if (status != KADER_OK) { /* KADER_REFUSED: the case is not valid; the diagnostics say why */
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
