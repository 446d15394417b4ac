/* test_report.c - the reporters: JSON contract fields, escaped HTML, diagnostics text. */
#include <float.h>
#include <jansson.h>
#include <unistd.h>

#include "helpers.h"
#include "report/report.h"

static fd_ruleset *rules;
static void setup(void) { rules = test_rules(); }
static void teardown(void) { fd_ruleset_free(rules); }

static char *render(const fd_run *r, fd_format fmt, unsigned opts) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_run_write(r, fmt, f, opts), 0);
    fclose(f);
    return buf;
}

static fd_run *two_reports(void) {
    const char *texts[] = {"Headline <b>one</b>\n\nJets bombed 120 targets, officials said.",
                           "Headline & two\n\nJets bombed 117 targets, officials said."};
    return run_texts(rules, texts, 2, NULL);
}

// The read API gives what the reports show, on the Palmyra articles.
START_TEST(read_api_walks_the_palmyra_conflict) {
    fd_run *r = fd_run_new(rules);
    ck_assert_int_eq(fd_run_add_path(r, FD_SOURCE_DIR "/fixtures/palmyra", NULL), 5);
    fd_error err;
    ck_assert_int_eq(fd_run_check(r, &err), 0);
    ck_assert_int_eq(err.code, FD_OK);
    ck_assert_int_eq(fd_run_add_path(r, FD_SOURCE_DIR "/fixtures/palmyra", NULL), FD_ERR_USAGE);
    ck_assert_uint_eq(fd_run_doc_count(r), 5);
    ck_assert_uint_eq(fd_run_claim_count(r), 54);
    ck_assert_ptr_null(fd_run_doc(r, 5));
    ck_assert_ptr_null(fd_run_finding(r, fd_run_finding_count(r)));
    const fd_finding *f = finding_of_kind(r, FD_KIND_CONFLICT);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(fd_finding_key(f), "targets/struck/count");
    ck_assert_str_eq(fd_kind_name(fd_finding_kind(f)), "conflict");
    ck_assert(fd_kind_is_discrepancy(fd_finding_kind(f)));
    ck_assert_uint_eq(fd_finding_claim_count(f), 2);
    ck_assert_ptr_null(fd_finding_claim(f, 2));
    const char *fp = fd_finding_fingerprint(f);
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(strlen(fp), 16);
    ck_assert_uint_eq(strspn(fp, "0123456789abcdef"), 16);
    ck_assert_int_eq(fd_finding_sources(f), 2);
    // The anchor is the figure the diagnostic stands on: 117 (004), against 120 (002).
    const fd_claim *a = fd_finding_anchor(f);
    size_t len;
    const char *text = fd_claim_text(a, &len);
    ck_assert_int_eq((int)len, 3);
    ck_assert(!memcmp(text, "117", 3));
    fd_span at = fd_claim_span(a);
    ck_assert_int_eq(at.line, 19);
    ck_assert_int_eq(at.column, 143);
    ck_assert_str_eq(fd_doc_path(fd_claim_doc(a)) + strlen(fd_doc_path(fd_claim_doc(a))) - 24,
                     "004_885ee4dcb98e6b35.txt");
    fd_interval v = fd_claim_value(a);
    ck_assert(v.has_low && v.has_high && v.low == 117 && v.high == 117);
    ck_assert_str_eq(fd_claim_unit(a), "count");
    ck_assert_str_eq(fd_claim_frame(a, FD_FRAME_WINDOW), "24 hours");
    ck_assert_str_eq(fd_claim_frame(a, FD_FRAME_ATTRIBUTION), "Russian Defence Ministry");
    ck_assert_str_eq(fd_claim_id(a), "c47"); // as the JSON report numbers it
    // Spelling variants rest on mentions.
    const fd_finding *var = finding_of_kind(r, FD_KIND_VARIANT);
    ck_assert_ptr_nonnull(var);
    ck_assert_uint_ge(fd_finding_mention_count(var), 2);
    ck_assert_ptr_null(fd_finding_anchor(var));
    const fd_mention *m = fd_finding_mention(var, 0);
    ck_assert_int_gt(fd_mention_span(m).line, 0);
    ck_assert_str_eq(fd_mention_name(m), fd_finding_label(var));
    fd_run_free(r);
}
END_TEST

START_TEST(json_meets_the_contract) {
    fd_run *r = two_reports();
    char *out = render(r, FD_FORMAT_JSON, 0);
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    ck_assert_ptr_nonnull(j);
    ck_assert_str_eq(json_string_value(json_object_get(j, "factdiff")), "1");
    json_t *doc = json_array_get(json_object_get(j, "documents"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(doc, "id")), "d1");
    ck_assert(json_is_array(json_object_get(doc, "errors")));
    json_t *c = json_array_get(json_object_get(j, "claims"), 0);
    const char *text = fd_doc_text(fd_run_doc(r, 0), NULL);
    size_t start = (size_t)json_integer_value(json_object_get(c, "start"));
    size_t end = (size_t)json_integer_value(json_object_get(c, "end"));
    ck_assert_str_eq(json_string_value(json_object_get(c, "text")), "120");
    ck_assert(!memcmp(text + start, "120", end - start));
    json_t *v = json_object_get(c, "value");
    ck_assert_int_eq(json_integer_value(json_object_get(v, "low")), 120);
    ck_assert(json_is_false(json_object_get(v, "approx")));
    json_t *f = json_array_get(json_object_get(j, "findings"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(f, "kind")), "conflict");
    ck_assert_int_eq(json_array_size(json_object_get(f, "claims")), 2);
    json_decref(j);
    free(out);
    fd_run_free(r);
}
END_TEST

// The claims are written without jansson's objects: what they write must read
// back as what jansson would have written (escapes, reals, nulls, U+FFFD).
START_TEST(json_claims_are_escaped_and_read_back) {
    const char *texts[] = {"Officials said \"3.45 million\"\tpeople fled \x01 and 44.36% "
                           "voted \xff No."};
    fd_run *r = run_texts(rules, texts, 1, NULL);
    char *out = render(r, FD_FORMAT_JSON, 0);
    ck_assert_ptr_nonnull(strstr(out, "\"text\":\"3.45 million\""));
    ck_assert_ptr_nonnull(strstr(out, "\"window\":null"));
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    ck_assert_msg(j != NULL, "%s at %d:%d", je.text, je.line, je.column);
    json_t *claims = json_object_get(j, "claims");
    ck_assert_uint_eq(json_array_size(claims), fd_run_claim_count(r));
    json_t *share = NULL;
    for (size_t i = 0; i < json_array_size(claims); i++)
        if (!strcmp(json_string_value(json_object_get(json_array_get(claims, i), "text")),
                    "44.36%"))
            share = json_array_get(claims, i);
    ck_assert_ptr_nonnull(share);
    json_t *v = json_object_get(share, "value");
    ck_assert(json_is_real(json_object_get(v, "low")));
    ck_assert_double_eq_tol(json_real_value(json_object_get(v, "low")), 44.355, 1e-9);
    json_decref(j);
    free(out);
    fd_run_free(r);
}
END_TEST

START_TEST(html_escapes_article_text) {
    const char *texts[] = {"<script>alert(1)</script>\n\nJets bombed 120 targets & more.",
                           "Other\n\nJets bombed 117 targets \"quoted\"."};
    fd_run *r = run_texts(rules, texts, 2, NULL);
    char *out = render(r, FD_FORMAT_HTML, 0);
    ck_assert_ptr_null(strstr(out, "<script>alert"));
    ck_assert_ptr_nonnull(strstr(out, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    ck_assert_ptr_nonnull(strstr(out, "targets &amp; more"));
    ck_assert_ptr_nonnull(strstr(out, "<mark>117</mark>"));
    ck_assert_ptr_null(strstr(out, "://"));  // self-contained: no external assets
    free(out);
    fd_run_free(r);
}
END_TEST

// The fact matrix: a row for the fact, a column per document, the figures as
// written in their documents' cells; the CSP runs only the page's own script.
START_TEST(html_matrix_rows_facts_columns_documents) {
    fd_run *r = two_reports();
    char *out = render(r, FD_FORMAT_HTML, 0);
    ck_assert_ptr_nonnull(strstr(out, "<table id=\"fact-matrix\">"));
    const char *row = strstr(out, "<tr id=\"row-");
    ck_assert_ptr_nonnull(row);
    ck_assert_ptr_nonnull(strstr(row, "data-kind=\"conflict\""));
    ck_assert_ptr_nonnull(strstr(row, "class=\"k-conflict\""));
    const char *c1 = strstr(row, "<td data-doc=\"d1\">");
    const char *c2 = strstr(row, "<td data-doc=\"d2\">");
    ck_assert_ptr_nonnull(c1);
    ck_assert_ptr_nonnull(c2);
    ck_assert(c1 < c2);
    ck_assert_ptr_nonnull(strstr(c1, ">120</a><small>conflicts</small></td>"));
    ck_assert_ptr_nonnull(strstr(c2, ">117</a><small>conflicts</small></td>"));
    // Both texts side by side, the figures marked with their fact.
    ck_assert_ptr_nonnull(strstr(out, "<div class=\"side-by-side\""));
    ck_assert_ptr_nonnull(strstr(out, "<mark class=\"claim k-conflict\" id=\"c1\""));
    const char *csp = strstr(out, "http-equiv=\"Content-Security-Policy\"");
    ck_assert_ptr_nonnull(csp);
    ck_assert(csp < strstr(out, "<style>") && csp < strstr(out, "<script>"));
    ck_assert_ptr_nonnull(strstr(csp, "script-src 'sha256-"));
    ck_assert_ptr_null(strstr(out, "unsafe-inline"));
    ck_assert_ptr_null(strstr(out, " onclick="));
    // One script, one style sheet: nothing else could run.
    ck_assert_ptr_null(strstr(strstr(out, "<script>") + 1, "<script"));
    ck_assert_ptr_null(strstr(strstr(out, "<style>") + 1, "<style"));
    free(out);
    fd_run_free(r);
}
END_TEST

// A rising toll between undated stories: an update, filed apart from the
// conflicts, its figures in the order of the total's levels, the new level latest.
START_TEST(html_files_an_undated_rising_toll_under_updates) {
    // The new level is read first: the order of the levels is not the reading order.
    const char *texts[] = {
        "Flood toll rises\n\nThe number of people killed in the floods has risen to 35, "
        "the governor said.",
        "Floods\n\nTwenty people were killed in the floods, the governor said."};
    fd_run *r = run_texts(rules, texts, 2, NULL);
    ck_assert_ptr_nonnull(finding_of_kind(r, FD_KIND_UPDATE));
    char *out = render(r, FD_FORMAT_HTML, 0);
    const char *updates = strstr(out, "<section id=\"updates\">");
    const char *conflicts = strstr(out, "<section id=\"conflicts\">");
    ck_assert_ptr_nonnull(updates);
    ck_assert_ptr_nonnull(conflicts);
    ck_assert_ptr_nonnull(strstr(conflicts, "<p class=\"none\">None.</p>\n</section>"));
    ck_assert_ptr_nonnull(strstr(updates, "In the order reported: <b>Twenty</b> (doc2.txt, "
                                          "undated) &rarr; <b>35</b> (doc1.txt, undated)"));
    // In the matrix (columns in reading order), 35 is the latest, Twenty updated.
    const char *row = strstr(out, "<tr id=\"row-");
    ck_assert_ptr_nonnull(strstr(row, "data-kind=\"update\""));
    const char *latest = strstr(row, ">35</a><small>latest</small>");
    const char *earlier = strstr(row, ">Twenty</a><small>updated</small>");
    ck_assert_ptr_nonnull(earlier);
    ck_assert_ptr_nonnull(latest);
    ck_assert(latest < earlier && earlier < strstr(row, "</tr>"));
    free(out);
    fd_run_free(r);
}
END_TEST

START_TEST(text_reads_like_diagnostics) {
    fd_run *r = two_reports();
    char *out = render(r, FD_FORMAT_TEXT, 0);
    ck_assert_ptr_nonnull(
        strstr(out, "doc2.txt:3:13: conflict: targets struck: 117 here, 120 in doc1.txt:3:13"));
    ck_assert_ptr_null(strstr(out, "\033["));  // no colour unless asked
    free(out);
    out = render(r, FD_FORMAT_TEXT, FD_OPT_COLOR);
    ck_assert_ptr_nonnull(strstr(out, "\033["));
    free(out);
    fd_run_free(r);
}
END_TEST

// A fine in euros and in dollars: every report says the sums were not compared,
// and names each currency's claims; the text report does without -v.
START_TEST(every_report_says_when_two_currencies_meet) {
    const char *texts[] = {
        "Fine\n\nMeta was hit with a fine of \u20ac1.2 billion.",
        "Fine\n\nMeta must pay a $1.3 billion fine, the regulator said."};
    fd_run *r = run_texts(rules, texts, 2, NULL);
    char *out = render(r, FD_FORMAT_TEXT, 0);
    ck_assert_ptr_nonnull(
        strstr(out, "doc1.txt:3:29: currencies: fined (money) in eur and usd, "
                    "not compared (no exchange rate is given) ["));
    ck_assert_ptr_nonnull(
        strstr(out, "doc1.txt:3:29: note: eur: \u20ac1.2 billion here\n"));
    ck_assert_ptr_nonnull(strstr(out, "doc2.txt:3:17: note: usd: $1.3 billion here\n"));
    free(out);
    out = render(r, FD_FORMAT_JSON, 0);
    ck_assert_ptr_nonnull(strstr(out, "\"kind\":\"currencies\",\"key\":\"fined/money\""));
    ck_assert_ptr_nonnull(strstr(out, "\"currencies\":[\"eur\",\"usd\"]"));
    free(out);
    out = render(r, FD_FORMAT_SARIF, 0);
    ck_assert_ptr_nonnull(strstr(out, "\"ruleId\": \"currencies\""));
    ck_assert_ptr_nonnull(strstr(out, "\"level\": \"note\""));
    free(out);
    out = render(r, FD_FORMAT_GITHUB, 0);
    ck_assert_ptr_nonnull(
        strstr(out, "::notice file=doc1.txt,line=3,col=29,endColumn=41,"
                    "title=factdiff currencies::fined (money) in eur and usd, "
                    "not compared (no exchange rate is given): eur: \u20ac1.2 "
                    "billion here; usd: $1.3 billion in doc2.txt:3:17 ["));
    free(out);
    out = render(r, FD_FORMAT_HTML, 0);
    ck_assert_ptr_nonnull(strstr(out, "<section class=\"finding k-currencies\""));
    ck_assert_ptr_nonnull(
        strstr(out, "<a href=\"#currencies\">1 fact in several currencies</a>"));
    free(out);
    out = fd_run_summary(r);
    ck_assert_str_eq(out, "2 documents, 2 claims: 0 conflicts, 0 disputed, 0 updates, 0 "
                          "agreements, 0 compatible, 1 fact in several currencies");
    fd_free(out);
    fd_run_free(r);
}
END_TEST

// The fingerprint of the one discrepancy of texts[0..n) (a fresh run each time).
static char *discrepancy_fingerprint(const char *const *texts, int n, const char *const *dates) {
    fd_run *r = run_texts(rules, texts, n, dates);
    char *fp = NULL;
    for (size_t i = 0; i < fd_run_finding_count(r); i++) {
        const fd_finding *f = fd_run_finding(r, i);
        if (fd_kind_is_discrepancy(fd_finding_kind(f))) {
            ck_assert_ptr_null(fp); // one discrepancy only
            fp = strdup(fd_finding_fingerprint(f));
        }
    }
    fd_run_free(r);
    ck_assert_ptr_nonnull(fp);
    return fp;
}

// Stable across input order, line moves and one more outlet repeating a figure;
// different for a third figure.
START_TEST(fingerprints_follow_the_figures_not_the_places) {
    const char *a = "Strikes\n\nJets bombed 120 targets, officials said.";
    const char *b = "Strikes again\n\nJets bombed 117 targets, officials said.";
    const char *moved = "Strikes again\n\nA new first line.\n\nLater, jets bombed 117 targets, "
                        "officials said.";
    const char *same = "More strikes\n\nJets bombed 117 targets, officials said.";
    const char *third = "Other strikes\n\nJets bombed 130 targets, officials said.";
    const char *ab[] = {a, b}, *ba[] = {b, a}, *amoved[] = {a, moved}, *abs[] = {a, b, same},
               *abt[] = {a, b, third};
    char *base = discrepancy_fingerprint(ab, 2, NULL);
    char *fps[] = {discrepancy_fingerprint(ba, 2, NULL), discrepancy_fingerprint(amoved, 2, NULL),
                   discrepancy_fingerprint(abs, 3, NULL)};
    for (int i = 0; i < 3; i++) {
        ck_assert_str_eq(fps[i], base);
        free(fps[i]);
    }
    char *other = discrepancy_fingerprint(abt, 3, NULL);
    ck_assert_str_ne(other, base);
    free(other);
    free(base);
}
END_TEST

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

// An entry names a finding by fingerprint: that finding is acknowledged, an
// entry naming none is stale (with its line), and a malformed file is refused.
START_TEST(acknowledgements_match_by_fingerprint) {
    fd_run *r = two_reports();
    const fd_finding *f = NULL;
    for (size_t i = 0; i < fd_run_finding_count(r) && !f; i++)
        if (fd_finding_kind(fd_run_finding(r, i)) == FD_KIND_CONFLICT)
            f = fd_run_finding(r, i);
    ck_assert_ptr_nonnull(f);
    char path[] = "/tmp/fd_ack_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    char text[512];
    snprintf(text, sizeof text,
             "{\"factdiff_ack\": \"1\", \"acknowledged\": [\n"
             "  {\"fingerprint\": \"%s\", \"justification\": \"revised\"},\n"
             "  {\"fingerprint\": \"0123456789abcdef\", \"justification\": \"old\"}]}\n",
             fd_finding_fingerprint(f));
    write_file(path, text);
    fd_error err;
    ck_assert_int_eq(fd_run_read_acks(r, path, &err), 0);
    ck_assert_str_eq(fd_finding_acknowledgement(f), "revised");
    ck_assert_uint_eq(fd_run_stale_ack_count(r), 1);
    int line = 0;
    ck_assert_str_eq(fd_run_stale_ack(r, 0, &line), "0123456789abcdef");
    ck_assert_int_eq(line, 3);
    // the editor's page files it apart, with its justification, and counts it
    char *html = render(r, FD_FORMAT_HTML, 0);
    const char *apart = strstr(html, "<section id=\"acknowledged\">");
    ck_assert_ptr_nonnull(apart);
    const char *card = strstr(apart, "class=\"finding k-acknowledged\"");
    ck_assert_ptr_nonnull(card);
    ck_assert_ptr_nonnull(strstr(card, "conflict, acknowledged: revised"));
    ck_assert_ptr_null(strstr(strstr(html, "<section id=\"conflicts\">"), "k-conflict\" id="));
    ck_assert_ptr_nonnull(strstr(html, "1 acknowledged</a>; 1 stale acknowledgement"));
    free(html);
    char *json = render(r, FD_FORMAT_JSON, 0);
    ck_assert_ptr_nonnull(strstr(json, "\"acknowledged\":true,\"justification\":\"revised\""));
    ck_assert_ptr_nonnull(strstr(json, "\"stale_acknowledgements\": [\n  {\"file\":"));
    free(json);
    write_file(path, "{\"factdiff_ack\": \"1\", \"acknowledged\": [\n"
                     "  {\"fingerprint\": \"0123456789abcdef\", \"justification\": \" \"}]}\n");
    ck_assert_int_eq(fd_run_read_acks(r, path, &err), FD_ERR_FORMAT);
    ck_assert_ptr_nonnull(strstr(err.text, "has no justification"));
    ck_assert_int_eq(err.line, 2);
    ck_assert_ptr_null(fd_finding_acknowledgement(f)); // a refused file acknowledges nothing
    write_file(path, "{\"factdiff_ack\": \"1\",\n \"acknowledged\": [}\n");
    ck_assert_int_eq(fd_run_read_acks(r, path, &err), FD_ERR_FORMAT);
    ck_assert_int_eq(err.line, 2);
    unlink(path);
    fd_run_free(r);
}
END_TEST

// ack writes one entry per failing finding, with what a person needs to read it,
// and refuses without a justification.
START_TEST(acknowledgement_file_is_written_and_read_back) {
    fd_run *r = two_reports();
    char path[] = "/tmp/fd_ack_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    fd_error err;
    unsigned kinds = 1u << FD_KIND_CONFLICT | 1u << FD_KIND_DISPUTED;
    ck_assert_int_eq(fd_run_write_acks(r, path, "  ", kinds, NULL, 0, false, &err), FD_ERR_USAGE);
    const char *bogus[] = {"ffffffffffffffff"};
    ck_assert_int_eq(fd_run_write_acks(r, path, "why", kinds, bogus, 1, false, &err),
                     FD_ERR_USAGE);
    ck_assert_int_eq(fd_run_write_acks(r, path, "a revised count", kinds, NULL, 0, false, &err), 1);
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    ck_assert_ptr_nonnull(root);
    json_t *e = json_array_get(json_object_get(root, "acknowledged"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(e, "kind")), "conflict");
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(e, "figures"), 0)), "120");
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(e, "files"), 1)), "doc2.txt");
    ck_assert_str_eq(json_string_value(json_object_get(e, "justification")), "a revised count");
    json_decref(root);
    ck_assert_int_eq(fd_run_read_acks(r, path, &err), 0);
    ck_assert_uint_eq(fd_run_stale_ack_count(r), 0);
    // Nothing left to add: every failing finding is acknowledged.
    ck_assert_int_eq(fd_run_write_acks(r, path, "again", kinds, NULL, 0, true, &err), 0);
    unlink(path);
    fd_run_free(r);
}
END_TEST

// SARIF: a result per finding at the anchor, with its fingerprint; GitHub: one
// escaped workflow command per finding.
START_TEST(sarif_and_github_name_the_anchor) {
    fd_run *r = two_reports();
    char *sarif = render(r, FD_FORMAT_SARIF, 0);
    json_error_t je;
    json_t *log = json_loads(sarif, 0, &je);
    ck_assert_ptr_nonnull(log);
    json_t *res = json_array_get(json_object_get(json_array_get(json_object_get(log, "runs"), 0),
                                                 "results"),
                                 0);
    ck_assert_str_eq(json_string_value(json_object_get(res, "level")), "error");
    json_t *region = json_object_get(
        json_object_get(json_array_get(json_object_get(res, "locations"), 0), "physicalLocation"),
        "region");
    ck_assert_int_eq(json_integer_value(json_object_get(region, "startLine")), 3);
    ck_assert_int_eq(json_integer_value(json_object_get(region, "startColumn")), 13);
    ck_assert_int_eq(json_integer_value(json_object_get(region, "endColumn")), 16);
    ck_assert_int_eq(json_integer_value(json_object_get(region, "byteLength")), 3);
    ck_assert_uint_eq(strlen(json_string_value(
                          json_object_get(json_object_get(res, "partialFingerprints"), "factdiff/v1"))),
                      16);
    json_decref(log);
    free(sarif);
    char *gh = render(r, FD_FORMAT_GITHUB, 0);
    ck_assert_ptr_nonnull(strstr(gh, "::error file=doc"));
    ck_assert_ptr_nonnull(strstr(gh, ".txt,line=3,col=13,endColumn=16,title=factdiff conflict::"));
    free(gh);
    fd_run_free(r);
    // A message's CR, LF and % are escaped, and so are a property's ':' and ','.
    const char *texts[] = {"A\n\nJets bombed 120 targets, officials said.",
                           "B\n\nJets bombed 117 targets, officials said."};
    r = fd_run_new(rules);
    ck_assert_int_eq(fd_run_add_text(r, "a:b,c%.txt", texts[0], strlen(texts[0]), NULL, NULL), 0);
    ck_assert_int_eq(fd_run_add_text(r, "d.txt", texts[1], strlen(texts[1]), NULL, NULL), 0);
    fd_error err;
    ck_assert_int_eq(fd_run_check(r, &err), 0);
    gh = render(r, FD_FORMAT_GITHUB, 0);
    bool anchored_here = strstr(gh, "file=a%3Ab%2Cc%25.txt,") != NULL;
    bool named_in_message = strstr(gh, " in a:b,c%25.txt:3:13") != NULL;
    ck_assert(anchored_here || named_in_message);
    ck_assert_ptr_null(strstr(gh, "file=a:b"));
    free(gh);
    fd_run_free(r);
}
END_TEST

// jansson's own digits for v, as the report wrote every real before.
static size_t jansson_digits(double v, char *out, size_t cap) {
    json_t *real = json_real(v);
    size_t n = json_dumpb(real, out, cap, JSON_ENCODE_ANY);
    json_decref(real);
    return n;
}

/* The short path for reals writes jansson's bytes for every multiple of 1/1024
 * it takes (2.5, 0.75, 1e-3 steps, large and tiny ones, 17 digits and 18), and
 * leaves every other value to jansson. */
START_TEST(short_reals_are_written_as_jansson_writes_them) {
    static const double whole[] = {0, 1, 7, 99, 1234567, 123456789012345.0, 12345678901234.0,
                                   999999999999999.0};
    int taken = 0, left = 0;
    for (size_t w = 0; w < sizeof whole / sizeof *whole; w++)
        for (int m = 0; m < 1024; m++)
            for (int sign = -1; sign <= 1; sign += 2) {
                double v = sign * (whole[w] + m / 1024.0);
                char fast[40], want[64];
                size_t n = fdp_json_binary_fraction(v, fast);
                size_t wn = jansson_digits(v, want, sizeof want);
                if (n == 0) {
                    left++;
                    continue;
                }
                taken++;
                ck_assert_msg(n == wn && !memcmp(fast, want, n), "%.17g: %.*s, jansson %.*s",
                              v, (int)n, fast, (int)wn, want);
            }
    ck_assert_int_gt(taken, 8000);
    ck_assert_int_gt(left, 1000); // whole numbers, and too many digits for %.17g
    static const double others[] = {0.1, 9.05, 1.0 / 3, 1e-5, 1.0 / 2048, 2e15 + 0.5, 1e300};
    char out[40];
    for (size_t i = 0; i < sizeof others / sizeof *others; i++)
        ck_assert_uint_eq(fdp_json_binary_fraction(others[i], out), 0);
}
END_TEST

// A reproducible stream of 64-bit numbers (splitmix64).
static uint64_t next_random(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* The printf-free path for other reals writes jansson's bytes for every value
 * it takes: decimals as news writes them (9.05, 1.448, 44.36), any double from
 * 1 to 1e15, the neighbours of ties and of powers of ten; and takes most. */
START_TEST(reals_17g_are_written_as_jansson_writes_them) {
    uint64_t state = 12;
    int taken = 0, tried = 0;
    for (int i = 0; i < 200000; i++) {
        uint64_t r = next_random(&state);
        double v;
        switch (i % 4) {
        case 0: v = (double)(r % 100000000) / 100; break;        // 2 decimals
        case 1: v = (double)(r % 10000000000ull) / 1000; break;  // 3 decimals
        case 2: v = ldexp((double)(r >> 11), -(int)(r % 60));     // any mantissa
            break;
        default: v = nextafter(pow(10, (double)(r % 15)), (r & 1) ? 0 : 1e300) *
                     ((r & 2) ? 1 : 1.5);
            break;
        }
        if (r & 4)
            v = -v;
        char fast[40], want[64];
        size_t n = fdp_json_real_17g(v, fast);
        tried++;
        if (n == 0)
            continue;
        taken++;
        size_t wn = jansson_digits(v, want, sizeof want);
        ck_assert_msg(n == wn && !memcmp(fast, want, n), "%.17g: %.*s, jansson %.*s", v, (int)n,
                      fast, (int)wn, want);
    }
    volatile long double one = 1.0L; // valgrind computes long double as double
    if (one + LDBL_EPSILON != one)
        ck_assert_int_gt(taken, tried / 2);
    char out[40];
    ck_assert_uint_eq(fdp_json_real_17g(0.5, out), 0);  // below 1: printf's
    ck_assert_uint_eq(fdp_json_real_17g(2e15 + 0.5, out), 0);
    ck_assert_uint_eq(fdp_json_real_17g(42, out), 0);   // whole: the report's integer
}
END_TEST

/* The exact digits the summaries (6), the fingerprints (15) and the JSON
 * report (17) write are printf's, for the same kinds of values: "%.<n-1>e"
 * gives the n significant digits and the exponent, and "%.<n>g" the number. */
START_TEST(exact_digits_are_printfs) {
    uint64_t state = 7;
    int taken = 0, written = 0;
    for (int i = 0; i < 100000; i++) {
        uint64_t r = next_random(&state);
        double v = i % 3 == 0   ? (double)(r % 100000000) / 100
                   : i % 3 == 1 ? ldexp((double)(r >> 11), -(int)(r % 60))
                                : nextafter(pow(10, (double)(r % 15)), (r & 1) ? 0 : 1e300) * 1.5;
        int n = (r & 8) ? 15 : (r & 16) ? 6 : 17;
        char d[17], want[40], g[24];
        size_t len = fdp_format_g(v, n, g);
        if (len) {
            written++;
            snprintf(want, sizeof want, "%.*g", n, v);
            ck_assert_msg(!strcmp(g, want), "%%.%dg: %s, printf %s", n, g, want);
        }
        int e = fdp_exact_digits(v, n, d);
        if (e < 0)
            continue;
        taken++;
        snprintf(want, sizeof want, "%.*e", n - 1, v); // d.ddd...e+XX
        char digits[17];
        digits[0] = want[0];
        memcpy(digits + 1, want + 2, (size_t)n - 1);
        ck_assert_msg(!memcmp(d, digits, (size_t)n) && e == atoi(want + n + 2),
                      "%.*e: %.*s e%d", n - 1, v, n, d, e);
    }
    ck_assert_int_gt(taken, 50000);
    ck_assert_int_gt(written, 30000);
    char d[17];
    ck_assert_int_eq(fdp_exact_digits(0.5, 15, d), -1); // below 1: printf's
    ck_assert_int_eq(fdp_exact_digits(42, 15, d), 1);   // whole: its digits
    ck_assert_int_eq(memcmp(d, "420000000000000", 15), 0);
    ck_assert_int_eq(fdp_exact_digits(1e15 + 0.5, 15, d), -1);
}
END_TEST

static Suite *suite(void) {
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("reporters");
    // (216,000 reals written both ways take a few seconds under ASan, more on a busy
    // machine than check's default 4 s allow)
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, read_api_walks_the_palmyra_conflict);
    tcase_add_test(tc, json_meets_the_contract);
    tcase_add_test(tc, json_claims_are_escaped_and_read_back);
    tcase_add_test(tc, html_escapes_article_text);
    tcase_add_test(tc, html_matrix_rows_facts_columns_documents);
    tcase_add_test(tc, html_files_an_undated_rising_toll_under_updates);
    tcase_add_test(tc, text_reads_like_diagnostics);
    tcase_add_test(tc, fingerprints_follow_the_figures_not_the_places);
    tcase_add_test(tc, acknowledgements_match_by_fingerprint);
    tcase_add_test(tc, acknowledgement_file_is_written_and_read_back);
    tcase_add_test(tc, sarif_and_github_name_the_anchor);
    tcase_add_test(tc, every_report_says_when_two_currencies_meet);
    tcase_add_test(tc, short_reals_are_written_as_jansson_writes_them);
    tcase_add_test(tc, reals_17g_are_written_as_jansson_writes_them);
    tcase_add_test(tc, exact_digits_are_printfs);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(suite)
