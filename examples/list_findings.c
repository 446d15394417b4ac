/*
 * list_findings.c - checks the articles named on the command line through the
 * public API only and prints one line per finding: its kind, its key, then each
 * claim's figure as written with the place it stands.
 *
 *   conflict targets/struck/count "120" a/002.txt:23:139 "117" a/004.txt:19:143
 *
 * Build against an installed libfactdiff:
 *   cc -o list_findings list_findings.c $(pkg-config --cflags --libs factdiff)
 *
 * Exit status: 0 no discrepancy, 1 discrepancies, 2 errors.
 */
#include <stdio.h>

#include <factdiff.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH...\n", argv[0]);
        return 2;
    }
    fd_error err = {0};
    fd_ruleset *rules = fd_ruleset_new();
    if (!rules || fd_ruleset_load_dir(rules, fd_default_rules_dir(), &err) < 0) {
        fprintf(stderr, "%s: %s\n", err.source, rules ? err.text : "out of memory");
        fd_ruleset_free(rules);
        return 2;
    }
    fd_run *run = fd_run_new(rules);
    int rc = run ? 0 : FD_ERR_NOMEM;
    for (int i = 1; i < argc && rc >= 0; i++)
        rc = fd_run_add_path(run, argv[i], NULL);
    if (rc >= 0)
        rc = fd_run_check(run, &err);
    if (rc < 0) {
        fprintf(stderr, "list_findings: %s\n", err.code ? err.text : fd_strerror(rc));
        fd_run_free(run);
        fd_ruleset_free(rules);
        return 2;
    }

    for (size_t i = 0; i < fd_run_finding_count(run); i++) {
        const fd_finding *f = fd_run_finding(run, i);
        printf("%s %s", fd_kind_name(fd_finding_kind(f)), fd_finding_key(f));
        for (size_t j = 0; j < fd_finding_claim_count(f); j++) {
            const fd_claim *c = fd_finding_claim(f, j);
            size_t len = 0;
            const char *text = fd_claim_text(c, &len);
            fd_span at = fd_claim_span(c);
            printf(" \"%.*s\" %s:%d:%d", (int)len, text, fd_doc_path(fd_claim_doc(c)),
                   at.line, at.column);
        }
        putchar('\n');
    }

    int status = fd_run_error_count(run) ? 2 : fd_run_conflict_count(run) ? 1 : 0;
    fd_run_free(run);
    fd_ruleset_free(rules);
    return status;
}
