/* test_read.c - the readers: text, ninjs 1.x and 2.x, JSON Lines, bad input. */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static char dir[64];

static void setup(void) {
    snprintf(dir, sizeof dir, "/tmp/fd_read_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Writes a file into the test directory; len < 0 means strlen(content). */
static const char *put(const char *name, const char *content, long len) {
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    size_t n = len < 0 ? strlen(content) : (size_t)len;
    ck_assert_uint_eq(fwrite(content, 1, n, f), n);
    fclose(f);
    return path;
}

START_TEST(plain_text) {
    const char *p = put("a.txt", "\n  Syria army retakes Palmyra \nBody text.\n", -1);
    fd_run *r = fd_run_new(NULL);
    ck_assert_int_eq(fd_run_add_path(r, p, NULL), 1);
    ck_assert_str_eq(fd_doc_headline(fd_run_doc(r, 0)), "Syria army retakes Palmyra");
    ck_assert_str_eq(fd_doc_source(fd_run_doc(r, 0)), "a.txt");
    ck_assert_ptr_null(fd_doc_date(fd_run_doc(r, 0)));
    ck_assert_int_eq((int)fd_doc_error_count(fd_run_doc(r, 0)), 0);
    fd_run_free(r);
}
END_TEST

// A document's offsets are 32 bits: text given in memory has the files' limit.
// (The length alone is past it: the bytes are never read.)
START_TEST(text_over_the_limit_is_an_error) {
    fd_run *r = fd_run_new(NULL);
    ck_assert_int_eq(fd_run_add_text(r, "big.txt", "x", (size_t)256 * 1024 * 1024 + 1, NULL,
                                     NULL),
                     0);
    const fd_doc *d = fd_run_doc(r, 0);
    ck_assert_uint_eq(fd_doc_error_count(d), 1);
    ck_assert_ptr_nonnull(strstr(fd_doc_error(d, 0)->text, "too large"));
    fd_error err;
    ck_assert_int_eq(fd_run_check(r, &err), 0);
    ck_assert_uint_eq(fd_doc_claim_count(d), 0);
    fd_run_free(r);
}
END_TEST

// The JSON report of a checked run, malloc'd.
static char *json_report(const fd_run *r) {
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_run_write(r, FD_FORMAT_JSON, f, 0), 0);
    fclose(f);
    return out;
}

// Read, a document's text and then its claims wait in the run's spill file
// (model/spill.c) and are brought back, byte for byte, by the stages and the
// accessors that read them; where no spill file can be made, they stay in
// memory and all else holds.
static void check_texts_come_back(bool spill) {
    static const char a[] = "Rebels said 120 fighters were killed.\n",
                      b[] = "Officials said 117 fighters were killed.\n";
    fd_ruleset *rules = test_rules();
    fd_run *r = fd_run_new(rules);
    ck_assert_int_eq(fd_run_add_text(r, "a.txt", a, sizeof a - 1, "A", "2016-03-27"), 0);
    ck_assert_int_eq(fd_run_add_text(r, "b.txt", b, sizeof b - 1, "B", "2016-03-27"), 0);
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(r->docs[i]->spilled, spill);
        ck_assert_int_eq(r->docs[i]->text == NULL, spill);
        ck_assert_int_eq(r->docs[i]->claims_spilled, spill);
        ck_assert_int_eq(r->docs[i]->claims == NULL, spill);
        ck_assert_uint_eq(r->docs[i]->nclaims, 1);
    }
    fd_error err;
    ck_assert_int_eq(fd_run_check(r, &err), 0);
    ck_assert_int_eq(r->docs[1]->text == NULL, spill); // away again after the stages
    ck_assert_int_eq(r->docs[1]->claims == NULL, spill);
    ck_assert_uint_eq(fd_run_claim_count(r), 2);
    const fd_finding *f = fd_run_finding(r, 0);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->claims_away, spill); // the JSON report writes its claims' ids by number
    ck_assert_int_eq(f->spilled, spill);      // and reads its strings back for the moment
    ck_assert_int_eq(f->summary == NULL, spill);
    char *json = json_report(r);
    ck_assert_ptr_nonnull(strstr(json, "{\"id\":\"c2\",\"doc\":\"d2\""));
    ck_assert_ptr_nonnull(strstr(json, "\"claims\":[\"c1\",\"c2\"]"));
    ck_assert_ptr_nonnull(strstr(json, "\"kind\":\"conflict\",\"key\":\"militants/killed/count\""));
    free(json);
    ck_assert_int_eq(r->docs[1]->claims == NULL, spill); // read back for the report only
    ck_assert_int_eq(f->summary == NULL, spill);
    ck_assert_str_eq(fd_finding_key(f), "militants/killed/count"); // back when asked for, and kept
    ck_assert_ptr_nonnull(strstr(fd_finding_summary(f), "120"));
    size_t len = 0;
    ck_assert_str_eq(fd_doc_text(fd_run_doc(r, 1), &len), b);
    ck_assert_uint_eq(len, sizeof b - 1);
    const fd_claim *c = fd_doc_claim(fd_run_doc(r, 0), 0);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(strncmp(fd_claim_text(c, &len), "120", 3), 0);
    ck_assert_uint_eq(len, 3);
    ck_assert_uint_ge(fd_run_finding_count(r), 1); // 120 against 117: judged with texts away
    // the finding's claims found again by number: the document's, brought back above
    ck_assert_ptr_eq(fd_finding_claim(f, 0), c);
    ck_assert_str_eq(fd_claim_id(fd_finding_claim(f, 1)), "c2");
    ck_assert_ptr_nonnull(fd_finding_anchor(f));
    ck_assert_int_eq(f->claims_away, false);
    fd_run_free(r);
    fd_ruleset_free(rules);
}

START_TEST(texts_wait_in_the_spill_file) { check_texts_come_back(true); }
END_TEST

START_TEST(texts_stay_without_a_spill_file) {
    const char *tmp = getenv("TMPDIR");
    char *was = tmp ? strdup(tmp) : NULL;
    setenv("TMPDIR", "/nonexistent/factdiff-test", 1);
    check_texts_come_back(false);
    if (was)
        setenv("TMPDIR", was, 1);
    else
        unsetenv("TMPDIR");
    free(was);
}
END_TEST

START_TEST(ninjs_1x) {
    const char *j = "{\"headline\": \"Palmyra retaken\", \"body_text\": \"Jets struck 117 targets.\","
                    " \"versioncreated\": \"2016-03-27T18:00:00Z\", \"copyrightholder\": \"AFP\"}";
    const char *p = put("a.json", j, -1);
    fd_run *r = fd_run_new(NULL);
    ck_assert_int_eq(fd_run_add_path(r, p, NULL), 1);
    ck_assert_str_eq(fd_doc_headline(fd_run_doc(r, 0)), "Palmyra retaken");
    ck_assert_str_eq(fd_doc_text(fd_run_doc(r, 0), NULL), "Jets struck 117 targets.");
    ck_assert_str_eq(fd_doc_date(fd_run_doc(r, 0)), "2016-03-27");
    ck_assert_str_eq(fd_doc_source(fd_run_doc(r, 0)), "AFP");
    fd_run_free(r);
}
END_TEST

START_TEST(ninjs_2x) {
    const char *j = "{\"headlines\": [{\"role\": \"main\", \"value\": \"Palmyra retaken\"}],"
                    " \"bodies\": [{\"role\": \"main\", \"contenttype\": \"text/html\", \"value\": "
                    "\"<p>x</p>\"}, {\"role\": \"main\", \"contenttype\": \"text/plain\", \"value\":"
                    " \"Jets struck 120 targets.\"}], \"firstcreated\": \"2016-03-27\","
                    " \"infosources\": [{\"name\": \"Reuters\"}]}";
    const char *p = put("b.json", j, -1);
    fd_run *r = fd_run_new(NULL);
    ck_assert_int_eq(fd_run_add_path(r, p, NULL), 1);
    ck_assert_str_eq(fd_doc_text(fd_run_doc(r, 0), NULL), "Jets struck 120 targets.");
    ck_assert_str_eq(fd_doc_source(fd_run_doc(r, 0)), "Reuters");
    ck_assert_str_eq(fd_doc_date(fd_run_doc(r, 0)), "2016-03-27");
    fd_run_free(r);
}
END_TEST

START_TEST(json_lines_with_a_bad_line) {
    const char *j = "{\"headline\": \"A\", \"body_text\": \"One.\"}\n\n{\"headline\": \"B\",\n"
                    "{\"headline\": \"C\", \"body_text\": \"Three.\"}\n";
    const char *p = put("c.jsonl", j, -1);
    fd_run *r = fd_run_new(NULL);
    ck_assert_int_eq(fd_run_add_path(r, p, NULL), 3);
    ck_assert_int_eq((int)fd_doc_error_count(fd_run_doc(r, 0)), 0);
    ck_assert_int_eq((int)fd_doc_error_count(fd_run_doc(r, 1)), 1);
    ck_assert_int_eq(fd_doc_error(fd_run_doc(r, 1), 0)->code, FD_ERR_FORMAT);
    ck_assert_int_eq(fd_doc_error(fd_run_doc(r, 1), 0)->line, 3);
    ck_assert_ptr_nonnull(strstr(fd_doc_path(fd_run_doc(r, 1)), "c.jsonl:3"));
    ck_assert_str_eq(fd_doc_text(fd_run_doc(r, 2), NULL), "Three.");
    fd_run_free(r);
}
END_TEST

// Lines the lite reader reads and lines it leaves to jansson give the same
// documents: escapes, surrogate pairs, skipped members, a 2.x body, a type error.
START_TEST(json_lines_read_alike_by_both_readers) {
    const char *j =
        "{\"id\": [1, {\"a\": null}], \"body_text\": \"Tab\\there \\u00e9\\ud83d\\ude00 \\\"q\\\"\", "
        "\"versioncreated\": \"2024-03-09T10:00:00Z\", \"copyrightholder\": \"AFP\"}\n"
        "{\"bodies\": [{\"role\": \"main\", \"contenttype\": \"text/plain\", \"value\": "
        "\"Two.\"}], \"headline\": \"\"}\n"
        "{\"body_text\": 42}\n"
        "{\"body_text\": \"Four.\", \"n\": 1e400}\n";
    const char *p = put("lite.jsonl", j, -1);
    fd_run *r = fd_run_new(NULL);
    ck_assert_int_eq(fd_run_add_path(r, p, NULL), 4);
    const fd_doc *d = fd_run_doc(r, 0);
    ck_assert_str_eq(fd_doc_text(d, NULL), "Tab\there \xc3\xa9\xf0\x9f\x98\x80 \"q\"");
    ck_assert_str_eq(fd_doc_date(d), "2024-03-09");
    ck_assert_str_eq(fd_doc_source(d), "AFP");
    ck_assert_str_eq(fd_doc_text(fd_run_doc(r, 1), NULL), "Two.");
    ck_assert_ptr_nonnull(strstr(fd_doc_error(fd_run_doc(r, 2), 0)->text, "a number or a boolean"));
    ck_assert_int_eq(fd_doc_error(fd_run_doc(r, 3), 0)->code, FD_ERR_FORMAT); // jansson: overflow
    fd_run_free(r);
}
END_TEST

START_TEST(invalid_utf8_names_line_and_byte) {
    const char *p = put("bad.txt", "Headline\n\nKilled 40 \xff people.\n", -1);
    fd_run *r = fd_run_new(NULL);
    fd_run_add_path(r, p, NULL);
    const fd_error *e = fd_doc_error(fd_run_doc(r, 0), 0);
    ck_assert_int_eq((int)fd_doc_error_count(fd_run_doc(r, 0)), 1);
    ck_assert_int_eq(e->code, FD_ERR_ENCODING);
    ck_assert_int_eq(e->line, 3);
    ck_assert_int_eq(e->column, 11);
    ck_assert_uint_eq(e->position, 20);
    ck_assert_ptr_nonnull(strstr(e->text, "0xFF"));
    fd_run_free(r);
}
END_TEST

START_TEST(empty_binary_missing_malformed) {
    put("empty.txt", "", 0);
    put("blank.txt", " \n\n", -1);
    put("junk.txt", "ab\0\x01\x02", 5);
    put("broken.json", "{\"headline\": \"x\",\n \"body_text\": }", -1);
    fd_run *r = fd_run_new(NULL);
    ck_assert_int_eq(fd_run_add_path(r, dir, NULL), 4); // sorted by name
    ck_assert_int_eq(fd_doc_error(fd_run_doc(r, 0), 0)->code, FD_ERR_EMPTY);   // blank.txt
    ck_assert_int_eq(fd_doc_error(fd_run_doc(r, 1), 0)->code, FD_ERR_FORMAT);  // broken.json
    ck_assert_int_eq(fd_doc_error(fd_run_doc(r, 1), 0)->line, 2);
    ck_assert_int_eq(fd_doc_error(fd_run_doc(r, 2), 0)->code, FD_ERR_EMPTY);   // empty.txt
    ck_assert_int_eq(fd_doc_error(fd_run_doc(r, 3), 0)->code, FD_ERR_ENCODING); // junk.txt
    ck_assert_uint_eq(fd_doc_error(fd_run_doc(r, 3), 0)->position, 2);
    char missing[128];
    snprintf(missing, sizeof missing, "%s/nope.txt", dir);
    ck_assert_int_eq(fd_run_add_path(r, missing, NULL), 1);
    ck_assert_int_eq(fd_doc_error(fd_run_doc(r, 4), 0)->code, FD_ERR_IO);
    ck_assert_uint_eq(fd_run_error_count(r), 5);
    fd_run_free(r);
}
END_TEST

START_TEST(directory_meta_sidecar) {
    put("01_a.txt", "Head\n\nText 5.\n", -1);
    put("02_b.txt", "Head\n\nText 6.\n", -1);
    const char *meta = "{\"docs\": [{\"file\": \"02_b.txt\", \"source\": \"Outlet B\", "
                       "\"date\": \"2016-03-27\"}]}";
    put("meta.json", meta, -1);
    put("gold.json", "{}", -1);
    fd_run *r = fd_run_new(NULL);
    ck_assert_int_eq(fd_run_add_path(r, dir, NULL), 2);
    ck_assert_str_eq(fd_doc_source(fd_run_doc(r, 0)), "01_a.txt");
    ck_assert_str_eq(fd_doc_source(fd_run_doc(r, 1)), "Outlet B");
    ck_assert_str_eq(fd_doc_date(fd_run_doc(r, 1)), "2016-03-27");
    fd_run_free(r);
}
END_TEST

// The date read from a text's dateline (month names come from the rules).
static const char *dated(const char *text) {
    static char date[16];
    static fd_ruleset *rules;
    if (!rules)
        rules = test_rules(); // kept for the test process: one load, many texts
    fd_run *r = fd_run_new(rules);
    fd_run_add_text(r, "a.txt", text, strlen(text), NULL, NULL);
    const char *d = fd_doc_date(fd_run_doc(r, 0));
    snprintf(date, sizeof date, "%s", d ? d : "none");
    fd_run_free(r);
    return date;
}

// Datelines as the fixtures print them, and where a date is not the article's.
START_TEST(dates_from_datelines) {
    ck_assert_str_eq(dated("Headline\n\nAFP , Tuesday 29 Mar 2016\n\nText."), "2016-03-29");
    ck_assert_str_eq(dated("Headline\n\n2016-03-29 23:34\nText."), "2016-03-29");
    ck_assert_str_eq(dated("Headline\n\n3 min read\n03 March, 2017\nText."), "2017-03-03");
    ck_assert_str_eq(dated("Headline\n\n10, Jun. 2019\n\nText."), "2019-06-10");
    // a caption's date is the picture's, never the story's
    ck_assert_str_eq(dated("Caption in Syria March 27, 2016 (Photo: AP)\n\nText."), "none");
    ck_assert_str_eq(dated("Quake\n\nSatellite image taken 3 March 2016.\n\nBEIRUT, 5 August 2020 "
                           "- The toll rose.\n"),
                     "2020-08-05");
    ck_assert_str_eq(dated("H\n\n1\n2\n3\n4\n5\n6\n7\n8\nLast update: Sun, 27/03/2016 - 21:29\n"),
                     "2016-03-27");
    // A date deep in the body is about the story, not the article.
    ck_assert_str_eq(dated("H\n\n1\n2\n3\n4\n5\n6\n7\n8\nIn May 2015 on 3 May 2015 it fell.\n"),
                     "none");
    ck_assert_str_eq(dated("Headline\n\nNo date here, only 2015.\n"), "none");
}
END_TEST

static Suite *suite(void) {
    Suite *s = suite_create("read");
    TCase *tc = tcase_create("readers");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, plain_text);
    tcase_add_test(tc, ninjs_1x);
    tcase_add_test(tc, ninjs_2x);
    tcase_add_test(tc, json_lines_with_a_bad_line);
    tcase_add_test(tc, json_lines_read_alike_by_both_readers);
    tcase_add_test(tc, invalid_utf8_names_line_and_byte);
    tcase_add_test(tc, empty_binary_missing_malformed);
    tcase_add_test(tc, directory_meta_sidecar);
    tcase_add_test(tc, dates_from_datelines);
    tcase_add_test(tc, text_over_the_limit_is_an_error);
    tcase_add_test(tc, texts_wait_in_the_spill_file);
    tcase_add_test(tc, texts_stay_without_a_spill_file);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(suite)
