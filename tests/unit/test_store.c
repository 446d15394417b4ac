/* test_store.c - the store of factdiff watch (lib/store) and the watch engine
 * over it: documents, versions, finding states, a restart that announces nothing
 * twice, the window that closes old documents, check --store. */
#include <stdio.h>
#include <unistd.h>

#include "helpers.h"
#include "pipeline/watch.h"
#include "store/store.h"

static char dir[64], db[128];

static void setup(void) {
    snprintf(dir, sizeof dir, "/tmp/fd_store_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/t.db", dir);
}

static void teardown(void) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static fdp_stored_doc doc(const char *ident, const char *bytes, const char *hash, long day) {
    return (fdp_stored_doc){0, ident, ident, FDP_FMT_TEXT, NULL, 0, 0, NULL, NULL, NULL,
                            day, hash, bytes, strlen(bytes)};
}

static int count_each(void *ctx, const fdp_stored_doc *d) {
    (void)d;
    ++*(int *)ctx;
    return 0;
}

START_TEST(documents_by_ident_hash_and_day) {
    fd_error err;
    fdp_store *s = fdp_store_open(db, true, &err);
    ck_assert_ptr_nonnull(s);
    long long id = 0;
    fdp_stored_doc a = doc("a.txt", "120 targets", "00000000000000aa", 100);
    fdp_stored_doc b = doc("b.txt", "117 targets", "00000000000000bb", 130);
    ck_assert_int_eq(fdp_store_put_doc(s, &a, &id), 0);
    ck_assert_int_eq(fdp_store_put_doc(s, &b, &id), 0);
    fdp_doc_version v;
    ck_assert_int_eq(fdp_store_lookup(s, "a.txt", &v), 1);
    ck_assert_str_eq(v.hash, "00000000000000aa");
    ck_assert_int_eq(fdp_store_lookup(s, "c.txt", &v), 0);
    ck_assert_int_eq(fdp_store_has_hash(s, "00000000000000bb"), 1);
    ck_assert_int_eq(fdp_store_max_day(s), 130);
    int n = 0;
    ck_assert_int_eq(fdp_store_each_doc(s, 120, count_each, &n), 0);
    ck_assert_int_eq(n, 1); // a (day 100) is older than the window asked for
    // Putting an ident again replaces it: one document.
    fdp_stored_doc a2 = doc("a.txt", "117 targets, corrected", "00000000000000a2", 100);
    ck_assert_int_eq(fdp_store_put_doc(s, &a2, &id), 0);
    ck_assert_int_eq(fdp_store_doc_count(s), 2);
    ck_assert_int_eq(fdp_store_delete_doc(s, "b.txt"), 0);
    ck_assert_int_eq(fdp_store_doc_count(s), 1);
    fdp_store_close(s);
}
END_TEST

static int first_fp(void *ctx, const fdp_stored_finding *f) {
    snprintf(ctx, 17, "%s", f->fingerprint);
    return 1;
}

START_TEST(finding_states) {
    fd_error err;
    fdp_store *s = fdp_store_open(db, true, &err);
    ck_assert_ptr_nonnull(s);
    const char *docs[] = {"a.txt", "b.txt"};
    fdp_stored_finding f = {"6be6eb0eec5f8eec", "conflict", "targets/struck/count", "{}"};
    ck_assert_int_eq(fdp_store_put_finding(s, &f, docs, 2), 0);
    char state[16], fp[17] = "";
    ck_assert_int_eq(fdp_store_finding_state(s, f.fingerprint, state), 1);
    ck_assert_str_eq(state, FDP_ST_OPEN);
    ck_assert_int_eq(fdp_store_open_findings(s, "b.txt", "targets/struck/count", first_fp, fp), 1);
    ck_assert_str_eq(fp, f.fingerprint);
    fp[0] = '\0';
    ck_assert_int_eq(fdp_store_open_findings(s, "b.txt", "other/key", first_fp, fp), 0);
    ck_assert_str_eq(fp, "");
    ck_assert_int_eq(fdp_store_set_state(s, f.fingerprint, FDP_ST_RESOLVED), 0);
    ck_assert_int_eq(fdp_store_open_findings(s, "a.txt", NULL, first_fp, fp), 0);
    ck_assert_int_eq(fdp_store_finding_state(s, "0123456789abcdef", state), 0);
    fdp_store_close(s);
}
END_TEST

START_TEST(schema_version_is_checked) {
    fd_error err;
    fdp_store *s = fdp_store_open(db, false, &err);
    ck_assert_ptr_null(s); // no store there, and not asked to create one
    s = fdp_store_open(db, true, &err);
    ck_assert_ptr_nonnull(s);
    fdp_store_close(s);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "python3 -c \"import sqlite3; d=sqlite3.connect('%s');"
                              " d.execute('PRAGMA user_version = 7'); d.commit()\"", db);
    ck_assert_int_eq(system(cmd), 0);
    s = fdp_store_open(db, true, &err);
    ck_assert_ptr_null(s);
    ck_assert_int_eq(err.code, FD_ERR_FORMAT);
    ck_assert_ptr_nonnull(strstr(err.text, "schema version 7"));
}
END_TEST

/* Feeds lines of ninjs to a watch on the store; returns what it announced
 * (a static buffer). */
static const char *feed(const fd_ruleset *rules, int window, const char *lines) {
    static char out[16384];
    memset(out, 0, sizeof out); // fmemopen writes no NUL when nothing is written
    FILE *in = fmemopen((void *)lines, strlen(lines), "r");
    FILE *o = fmemopen(out, sizeof out, "w");
    ck_assert_ptr_nonnull(in);
    ck_assert_ptr_nonnull(o);
    fd_error err;
    fd_watch *w = fd_watch_new(rules, db, window, &err);
    ck_assert_ptr_nonnull(w);
    fd_watch_output(w, FD_WATCH_JSONL, 0, o, stderr);
    ck_assert_int_eq(fd_watch_stream(w, in, "<test>"), 0);
    fd_watch_free(w);
    fclose(in);
    fclose(o);
    return out;
}

#define ITEM(URI, DATE, FIG)                                                              \
    "{\"uri\":\"" URI "\",\"versioncreated\":\"" DATE "T10:00:00Z\",\"body_text\":"        \
    "\"Russian jets struck " FIG " targets in Palmyra within 24 hours, the ministry said.\"}\n"

START_TEST(restart_announces_nothing_twice) {
    fd_ruleset *rules = test_rules();
    const char *two = ITEM("urn:a", "2016-03-27", "120") ITEM("urn:b", "2016-03-27", "117");
    const char *out = feed(rules, 0, two);
    ck_assert_ptr_nonnull(strstr(out, "\"change\":\"new\",\"kind\":\"conflict\""));
    // The same items again, to a new watch on the same store: stored already.
    out = feed(rules, 0, two);
    ck_assert_str_eq(out, "");
    // The store reads back as check would read the two items.
    fd_run *r = fd_run_new(rules);
    fd_error err;
    ck_assert_int_eq(fd_run_add_store(r, db, &err), 2);
    ck_assert_int_eq(fd_run_check(r, &err), 0);
    ck_assert_uint_eq(fd_run_conflict_count(r), 1);
    ck_assert_str_eq(fd_doc_path(fd_run_doc(r, 0)), "<test>:1");
    fd_run_free(r);
    fd_ruleset_free(rules);
}
END_TEST

START_TEST(window_closes_old_documents) {
    fd_ruleset *rules = test_rules();
    // 20 days apart with a window of 10: the first is closed, never compared.
    const char *out = feed(rules, 10, ITEM("urn:a", "2016-03-01", "120")
                                          ITEM("urn:b", "2016-03-21", "117"));
    ck_assert_str_eq(out, "");
    fd_error err;
    fd_watch *w = fd_watch_new(rules, db, 10, &err);
    ck_assert_ptr_nonnull(w);
    ck_assert_uint_eq(w->nlive, 1); // a restart reloads the window only
    fd_watch_free(w);
    // Within the window they meet.
    out = feed(rules, 10, ITEM("urn:c", "2016-03-22", "120"));
    ck_assert_ptr_nonnull(strstr(out, "\"kind\":\"conflict\""));
    fd_ruleset_free(rules);
}
END_TEST

int main(void) {
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("store");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, documents_by_ident_hash_and_day);
    tcase_add_test(tc, finding_states);
    tcase_add_test(tc, schema_version_is_checked);
    tcase_add_test(tc, restart_announces_nothing_twice);
    tcase_add_test(tc, window_closes_old_documents);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
