/* test_rules.c - every shipped rule file loads; bad rule files name file:line:column. */
#include <stdio.h>
#include <unistd.h>

#include "helpers.h"
#include "rules/rules.h"

static char *write_temp(const char *content) {
    static char path[64];
    snprintf(path, sizeof path, "/tmp/fd_rules_XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, content, strlen(content)), (ssize_t)strlen(content));
    close(fd);
    return path;
}

START_TEST(shipped_rules_load) {
    fd_ruleset *r = test_rules();
    ck_assert_uint_gt(r->nentities, 10);
    ck_assert_int_ge(fdp_rules_noun_class(r, "jihadists"), 0);
    ck_assert_int_eq(fdp_rules_noun_class(r, "jihadists"), fdp_rules_noun_class(r, "fighters"));
    ck_assert_int_ge(fdp_rules_predicate(r, "bombed"), 0);
    ck_assert_int_eq(fdp_rules_predicate(r, "bombed"), fdp_rules_predicate(r, "striking"));
    fd_ruleset_free(r);
}
END_TEST

/* Every lexicon word is found through the keys of its slot, and every word
 * that may make a paragraph worth reading passes the paragraph scan's filter,
 * which turns most other words away. */
START_TEST(lexicon_keys_and_hold_filter) {
    fd_ruleset *r = test_rules();
    size_t words = 0, deciding = 0, others = 0, others_passed = 0;
    for (size_t i = 0; i < r->nlex; i++) {
        const fdp_lex *e = &r->lex[i];
        words++;
        ck_assert_ptr_eq(fdp_lex_find(r, e->w, fdp_hash_word(e->w)), e);
        if (e->may_hold || e->toll || fdp_lex_in(e, FDP_WL_ONE_ARTICLES)) {
            deciding++;
            ck_assert_msg(fdp_hold_maybe(r, e->hash), "%s is filtered out", e->w);
        } else {
            others++;
            others_passed += fdp_hold_maybe(r, e->hash);
        }
    }
    ck_assert_uint_gt(words, 1000);
    ck_assert_uint_gt(deciding, 50);
    ck_assert_uint_lt(others_passed * 2, others);
    ck_assert_ptr_null(fdp_lex_find(r, "xqzv", fdp_hash_word("xqzv")));
    fd_ruleset_free(r);
}
END_TEST

START_TEST(syntax_error_has_position) {
    char *path = write_temp("{\n  \"entities\": [\n    {\"name\": \"X\",}\n  ]\n}\n");
    fd_ruleset *r = fd_ruleset_new();
    fd_error err = {0};
    ck_assert_int_eq(fd_ruleset_load_file(r, path, &err), FD_ERR_RULE);
    ck_assert_str_eq(err.source, path);
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_gt(err.column, 0);
    fd_ruleset_free(r);
    unlink(path);
}
END_TEST

START_TEST(bad_value_points_at_member) {
    char *path = write_temp("{\n  \"factdiff_rules\": 1,\n  \"description\": \"x\",\n"
                            "  \"counted\": 5\n}\n");
    fd_ruleset *r = fd_ruleset_new();
    fd_error err = {0};
    ck_assert_int_eq(fd_ruleset_load_file(r, path, &err), FD_ERR_RULE);
    ck_assert_int_eq(err.line, 4);
    ck_assert_int_eq(err.column, 14); // the value, not the member's name
    ck_assert_ptr_nonnull(strstr(err.text, "counted"));
    fd_ruleset_free(r);
    unlink(path);
}
END_TEST

START_TEST(unknown_member_is_an_error) {
    char *path = write_temp("{\"factdiff_rules\": 1, \"entitys\": []}");
    fd_ruleset *r = fd_ruleset_new();
    fd_error err = {0};
    ck_assert_int_eq(fd_ruleset_load_file(r, path, &err), FD_ERR_RULE);
    ck_assert_ptr_nonnull(strstr(err.text, "entitys"));
    fd_ruleset_free(r);
    unlink(path);
}
END_TEST

START_TEST(newsroom_file_extends_rules) {
    char *path = write_temp("{\"factdiff_rules\": 1, \"entities\": [{\"name\": \"Houthis\", "
                            "\"type\": \"group\", "
                            "\"aliases\": [\"Huthis\", \"Ansar Allah\"]}]}");
    fd_ruleset *r = test_rules();
    fd_error err = {0};
    ck_assert_int_eq(fd_ruleset_load_file(r, path, &err), 0);
    char *name = fd_normalize_name(r, "Ansar Allah", 11, &err);
    ck_assert_str_eq(name, "Houthis");
    fd_free(name);
    fd_ruleset_free(r);
    unlink(path);
}
END_TEST


/* Loads content as a rule file into r; returns the status, err filled. */
static int load_text(fd_ruleset *r, const char *content, fd_error *err) {
    char *path = write_temp(content);
    int rc = fd_ruleset_load_file(r, path, err);
    unlink(path);
    return rc;
}

/* Expects content to be rejected at line:col with text containing what. */
static void expect_rule_error(const char *content, int line, int col, const char *what) {
    fd_ruleset *r = fd_ruleset_new();
    fd_error err = {0};
    ck_assert_int_eq(load_text(r, content, &err), FD_ERR_RULE);
    ck_assert_msg(strstr(err.text, what) != NULL, "'%s' lacks '%s'", err.text, what);
    ck_assert_int_eq(err.line, line);
    ck_assert_int_eq(err.column, col);
    fd_ruleset_free(r);
}

START_TEST(every_rule_file_loads_alone) {
    const char *files[] = {"aliases", "claims", "names",      "numbers",        "units",
                           "words",   "world",  "syria-iraq", "russia-ukraine", "yemen",
                           "libya"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/rules/%s.json", FD_SOURCE_DIR, files[i]);
        fd_ruleset *r = fd_ruleset_new();
        fd_error err = {0};
        ck_assert_msg(fd_ruleset_load_file(r, path, &err) == 0, "%s:%d:%d: %s", path,
                      err.line, err.column, err.text);
        fd_ruleset_free(r);
    }
}
END_TEST

START_TEST(strict_values) {
    expect_rule_error("{\"entities\": []}", 1, 1, "factdiff_rules");
    expect_rule_error("{\"factdiff_rules\": 2}", 1, 20, "unknown rule format");
    expect_rule_error("{\"factdiff_rules\": 1,\n \"entities\": [{\"name\": \"X\", "
                      "\"type\": \"planet\"}]}",
                      2, 37, "unknown entity type 'planet'");
    // A name or alias with no letter or digit could never be found (issue 11: an
    // empty alias crashed the loader, a name of dots aborted in free()).
    expect_rule_error("{\"factdiff_rules\": 1, \"entities\": [{\"name\": \"X\", "
                      "\"type\": \"place\", \"aliases\": [\"Y\", \"\"]}]}",
                      1, 84, "no letter or digit");
    expect_rule_error("{\"factdiff_rules\": 1, \"entities\": [{\"name\": \"X\", "
                      "\"type\": \"place\", \"aliases\": [\"   \"]}]}",
                      1, 79, "no letter or digit");
    expect_rule_error("{\"factdiff_rules\": 1, \"entities\": [{\"name\": \"...\", "
                      "\"type\": \"place\"}]}",
                      1, 45, "no letter or digit");
    // Classes are matched a word at a time: a two-word class word could never match.
    expect_rule_error("{\"factdiff_rules\": 1, \"counted\": [\n  {\"class\": \"strikes\", "
                      "\"words\": [\"strike\", \"air strike\"]}]}",
                      2, 44, "not one word");
    // A broader class must exist, and no class may stand within itself.
    expect_rule_error("{\"factdiff_rules\": 1, \"counted\": [\n  {\"class\": \"crew\", "
                      "\"within\": \"folk\", \"words\": [\"crew\"]}]}",
                      2, 31, "unknown class 'folk'");
    expect_rule_error("{\"factdiff_rules\": 1, \"counted\": [\n  {\"class\": \"a\", \"within\": "
                      "\"b\", \"words\": [\"x\"]}, {\"class\": \"b\", \"within\": \"a\", "
                      "\"words\": [\"y\"]}]}",
                      2, 75, "stands within itself");
    expect_rule_error("{\"factdiff_rules\": 1, \"units\": [{\"unit\": \"x\", \"kind\": \"y\", "
                      "\"words\": [\"xs\"], \"factor\": 2}]}",
                      1, 77, "unknown member 'factor'");
    expect_rule_error("{\"factdiff_rules\": 1, \"qualifiers\": [{\"words\": \"well over\", "
                      "\"bound\": \"lots\"}]}",
                      1, 70, "unknown bound 'lots'");
    expect_rule_error("{\"factdiff_rules\": 1, \"word_lists\": {\"rise_verbs\": [\"rose\"], "
                      "\"fall_verbs\": [\"fell\"]}}",
                      1, 62, "unknown member 'fall_verbs'");
    expect_rule_error("{\"factdiff_rules\": 1, \"currencies\": [{\"code\": \"inr\", "
                      "\"signs\": [\"Rs\"]}]}",
                      1, 64, "not one sign");
    // A zero of its own needs a dimension to stand on; a glued unit is one word.
    expect_rule_error("{\"factdiff_rules\": 1, \"units\": [{\"unit\": \"k\", \"kind\": \"t\", "
                      "\"words\": [\"kelvin\"], \"offset\": -273.15}]}",
                      1, 91, "needs a dimension");
    expect_rule_error("{\"factdiff_rules\": 1, \"units\": [{\"unit\": \"m\", \"kind\": \"d\", "
                      "\"words\": [\"metres\"], \"glued\": [\"m high\"]}]}",
                      1, 91, "one word");
    // Name keys are lowercase letters: anything else could never match a key.
    expect_rule_error("{\"factdiff_rules\": 1, \"name_keys\": {\"spellings\": "
                      "[{\"from\": \"Kh\", \"to\": \"h\"}]}}",
                      1, 60, "lowercase letters");
    expect_rule_error("{\"factdiff_rules\": 1, \"name_keys\": {\"spellings\": "
                      "[{\"from\": \"kh\"}]}}",
                      1, 51, "missing member 'to'");
    expect_rule_error("{\"factdiff_rules\": 1, \"kind_spellings\": "
                      "[{\"from\": \"AE\", \"to\": \"e\"}]}",
                      1, 51, "lowercase letters");
    expect_rule_error("{\"factdiff_rules\": 1, \"kind_spellings\": [{\"to\": \"e\"}]}",
                      1, 42, "missing member 'from'");
    expect_rule_error("{\"factdiff_rules\": 1, \"name_keys\": {\"joined_prefixes\": "
                      "[{\"prefix\": \"abd\", \"links\": [\"el\", 3]}]}}",
                      1, 91, "lowercase letters");
    expect_rule_error("{\"factdiff_rules\": 1, \"name_keys\": {\"fused_article\": "
                      "{\"vowels\": \"ae\"}}}",
                      1, 54, "missing member 'letters'");
    expect_rule_error("{\"factdiff_rules\": 1, \"name_keys\": {\"articles\": "
                      "[\"al-\"]}}",
                      1, 50, "not one word");
    expect_rule_error("{\"factdiff_rules\": 1, \"name_keys\": {\"suffixes\": []}}", 1, 37,
                      "unknown member 'suffixes'");
    // Only a place lies in another, and "in" names it.
    expect_rule_error("{\"factdiff_rules\": 1, \"entities\": [{\"name\": \"X\", "
                      "\"type\": \"group\", \"in\": \"Syria\"}]}",
                      1, 73, "only a place lies in another");
    expect_rule_error("{\"factdiff_rules\": 1, \"entities\": [{\"name\": \"X\", "
                      "\"type\": \"place\", \"in\": \"\"}]}",
                      1, 73, "in must name the place");
}
END_TEST

// A place's "in" must name a place of one of the directory's files: a typo is an
// error at its value, once every file is loaded (the place may be in a later file).
START_TEST(place_in_a_place_no_file_has) {
    char dir[] = "/tmp/fd_rules_in_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char a[600], b[600];
    snprintf(a, sizeof a, "%s/a.json", dir);
    snprintf(b, sizeof b, "%s/b.json", dir);
    FILE *f = fopen(a, "w");
    fputs("{\"factdiff_rules\": 1, \"entities\": [\n"
          " {\"name\": \"Aleppo\", \"type\": \"place\", \"in\": \"Syria\"},\n"
          " {\"name\": \"Homs\", \"type\": \"place\", \"in\": \"Syrai\"}]}\n",
          f);
    fclose(f);
    f = fopen(b, "w");
    fputs("{\"factdiff_rules\": 1, \"entities\": [{\"name\": \"Syria\", \"type\": \"place\"}]}\n", f);
    fclose(f);
    fd_ruleset *r = fd_ruleset_new();
    fd_error err = {0};
    ck_assert_int_eq(fd_ruleset_load_dir(r, dir, &err), FD_ERR_RULE);
    ck_assert_ptr_nonnull(strstr(err.text, "'Syrai'"));
    ck_assert_str_eq(err.source, a);
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 42); // the value "Syrai"
    fd_ruleset_free(r);
    // Aleppo's "Syria" is in the later file: with Homs mended, the directory loads
    f = fopen(a, "w");
    fputs("{\"factdiff_rules\": 1, \"entities\": [\n"
          " {\"name\": \"Aleppo\", \"type\": \"place\", \"in\": \"Syria\"}]}\n",
          f);
    fclose(f);
    r = fd_ruleset_new();
    ck_assert_int_eq(fd_ruleset_load_dir(r, dir, &err), 0);
    fd_ruleset_free(r);
    unlink(a);
    unlink(b);
    rmdir(dir);
}
END_TEST

START_TEST(schema_matches_loader) {
    json_error_t je;
    json_t *schema = json_load_file(FD_SOURCE_DIR "/docs/rules.schema.json", 0, &je);
    ck_assert_msg(schema != NULL, "docs/rules.schema.json:%d: %s", je.line, je.text);
    json_t *props = json_object_get(schema, "properties");
    ck_assert(json_is_object(props));
    const char *k;
    json_t *v;
    // Every member the schema describes is one the loader knows (a wrong value
    // is then a type error, not an unknown member), and no other.
    json_object_foreach(props, k, v) {
        if (!strcmp(k, "factdiff_rules"))
            continue;
        char text[256];
        snprintf(text, sizeof text, "{\"factdiff_rules\": 1, \"%s\": null}", k);
        fd_ruleset *r = fd_ruleset_new();
        fd_error err = {0};
        ck_assert_int_eq(load_text(r, text, &err), FD_ERR_RULE);
        ck_assert_msg(!strstr(err.text, "unknown member"), "%s: %s", k, err.text);
        fd_ruleset_free(r);
    }
    json_t *lists = json_object_get(json_object_get(props, "word_lists"), "properties");
    ck_assert_uint_eq(json_object_size(lists), FDP_WL_COUNT);
    for (int i = 0; i < FDP_WL_COUNT; i++)
        ck_assert_msg(json_object_get(lists, fdp_word_list_names[i]), "%s",
                      fdp_word_list_names[i]);
    json_decref(schema);
}
END_TEST

/* The lookups the name finder, the dateline reader and the comparator use. */
START_TEST(lookups_for_other_stages) {
    fd_ruleset *r = test_rules();
    ck_assert(fdp_rules_has_word(r, FDP_WL_NAME_PARTICLES, "ibn"));
    ck_assert(!fdp_rules_has_word(r, FDP_WL_NAME_PARTICLES, "ibrahim"));
    ck_assert(fdp_rules_has_word(r, FDP_WL_NOT_NAMES, "however"));
    ck_assert(fdp_rules_has_wordn(r, FDP_WL_INSTITUTION_WORDS, "Ministry of", 8));
    ck_assert(!fdp_rules_has_wordn(r, FDP_WL_INSTITUTION_WORDS, "Ministr", 7));
    ck_assert_int_eq(fdp_rules_month(r, "Sept", 4), 9);
    ck_assert_int_eq(fdp_rules_month(r, "MARCH", 5), 3);
    ck_assert_int_eq(fdp_rules_month(r, "Marc", 4), 0);
    size_t len = 0;
    ck_assert(fdp_rules_stamp_at(r, "Last updated 12:00", 18, &len));
    ck_assert_uint_eq(len, 11);
    ck_assert(!fdp_rules_stamp_at(r, "updated", 7, &len));
    const char *dim;
    ck_assert_double_eq(fdp_rules_unit_base(r, "years", &dim), 365.25);
    ck_assert_str_eq(dim, "time");
    ck_assert_double_eq(fdp_rules_unit_base(r, "hours", NULL), 1.0 / 24);
    ck_assert_double_eq(fdp_rules_unit_base(r, "miles", NULL), 1.609344);
    ck_assert_double_eq(fdp_rules_unit_base(r, "usd", &dim), 1);
    ck_assert_ptr_null(dim);
    fd_ruleset_free(r);
}
END_TEST

/* The words of intervals come from the labels; without them, signs stand in. */
START_TEST(interval_words_from_labels) {
    fd_ruleset *r = test_rules();
    const fdp_interval_words *w = fdp_rules_interval_words(r);
    const fdp_interval cases[] = {
        {.has_low = true, .has_high = true, .low = 80, .high = 80, .approx = true},
        {.has_low = true, .low = 80, .low_open = true},
        {.has_low = true, .low = 80},
        {.has_high = true, .high = 80, .high_open = true},
        {.has_high = true, .high = 80},
        {.has_low = true, .low = 24, .vague = true},
        {.has_low = true, .has_high = true, .low = 10, .high = 25}};
    const char *const worded[] = {"about 80",      "more than 80", "at least 80",
                                  "fewer than 80", "at most 80",   "24 or more (vague)",
                                  "10-25"};
    const char *const signed_[] = {"~80", ">80", ">=80", "<80", "<=80", "24+", "10-25"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[96];
        fdp_format_interval(out, sizeof out, &cases[i], w);
        ck_assert_str_eq(out, worded[i]);
        fdp_format_interval(out, sizeof out, &cases[i], NULL);
        ck_assert_str_eq(out, signed_[i]);
    }
    ck_assert_ptr_null(fdp_rules_interval_words(NULL));
    fd_ruleset_free(r);
    expect_rule_error(
        "{\"factdiff_rules\": 1, \"labels\": {\"interval\": {\"about\": \"c.\"}}}", 1, 47,
        "unknown member 'about'");
}
END_TEST

static const fdp_claim *claim_in(fd_ruleset *r, const char *text, const char *phrase,
                                 fd_run **rep) {
    const char *texts[] = {text};
    *rep = run_texts(r, texts, 1, NULL);
    const fdp_claim *c = claim_with_text(*rep, 0, phrase);
    ck_assert_msg(c != NULL, "no claim '%s' in: %s", phrase, text);
    return c;
}

/* A newsroom adds a unit, a currency, a hedge, a counted and a predicate class in
 * a file of its own, and the extractor reads them. */
START_TEST(newsroom_adds_language) {
    fd_ruleset *r = test_rules();
    fd_error err = {0};
    int rc = load_text(r,
        "{\"factdiff_rules\": 1,\n"
        " \"units\": [{\"unit\": \"nmi\", \"kind\": \"distance\", \"dimension\": \"length\",\n"
        "            \"in_base\": 1.852, \"words\": [\"nmi\", \"nautical miles\"]}],\n"
        " \"currencies\": [{\"code\": \"inr\", \"signs\": [\"\u20b9\"], \"words\": [\"rupees\"]}],\n"
        " \"qualifiers\": [{\"words\": \"well over\", \"bound\": \"low_open\"},\n"
        "                {\"words\": \"give or take\", \"bound\": \"approx\", \"after\": true}],\n"
        " \"counted\": [{\"class\": \"drones\", \"words\": [\"drone\", \"drones\", \"uavs\"]}],\n"
        " \"predicates\": [{\"class\": \"intercepted\", \"words\": [\"intercepted\", \"downed\"],\n"
        "                 \"counted\": \"drones\"}]}\n", &err);
    ck_assert_msg(rc == 0, "%d:%d: %s", err.line, err.column, err.text);
    fd_run *rep;
    const fdp_claim *c = claim_in(r, "Air defences intercepted well over 40 drones overnight.",
                                  "well over 40", &rep);
    check_interval(c, 40, NONE, true, false, false);
    ck_assert_str_eq(c->key, "drones/intercepted/count");
    fd_run_free(rep);
    c = claim_in(r, "Officials said 12 were downed near the port.", "12", &rep);
    ck_assert_str_eq(c->key, "drones/intercepted/count");
    fd_run_free(rep);
    c = claim_in(r, "The tanker was seized 12 nautical miles off the coast.",
                 "12 nautical miles", &rep);
    ck_assert_str_eq(c->unit, "nmi");
    fd_run_free(rep);
    ck_assert_double_eq(fdp_rules_unit_base(r, "nmi", NULL), 1.852);
    c = claim_in(r, "The state will spend \u20b9500 crore on the port.", "\u20b9500 crore",
                 &rep);
    check_interval(c, 4.995e9, 5.005e9, false, false, false); // to the nearest crore
    ck_assert_str_eq(c->unit, "inr");
    fd_run_free(rep);
    c = claim_in(r, "The march drew 5,000 people give or take.", "5,000 people give or take",
                 &rep);
    check_interval(c, 5000, 5000, false, true, false);
    fd_run_free(rep);
    fd_ruleset_free(r);
}
END_TEST

/* A newsroom adds a currency with a sign glued to letters, a code written before
 * or after the number, and a unit that counts only glued to it; a sign with no
 * sign character in it is an error at its place. */
START_TEST(newsroom_adds_currency_and_glued_unit) {
    fd_ruleset *r = test_rules();
    fd_error err = {0};
    int rc = load_text(r,
        "{\"factdiff_rules\": 1,\n"
        " \"currencies\": [{\"code\": \"twd\", \"signs\": [\"NT$\"], \"codes\": [\"TWD\"],\n"
        "                 \"words\": [\"new taiwan dollars\"]}],\n"
        " \"units\": [{\"unit\": \"dB\", \"kind\": \"loudness\", \"words\": [\"decibels\"],\n"
        "            \"glued\": [\"dB\"]}]}\n", &err);
    ck_assert_msg(rc == 0, "%d:%d: %s", err.line, err.column, err.text);
    fd_run *rep;
    const fdp_claim *c = claim_in(r, "The chip plant cost NT$40 billion.", "NT$40 billion", &rep);
    check_interval(c, 39.5e9, 40.5e9, false, false, false);
    ck_assert_str_eq(c->unit, "twd");
    fd_run_free(rep);
    c = claim_in(r, "The fine was TWD 300 per day.", "TWD 300", &rep);
    ck_assert_str_eq(c->unit, "twd");
    fd_run_free(rep);
    c = claim_in(r, "The fine was 300 TWD per day.", "300 TWD", &rep);
    ck_assert_str_eq(c->unit, "twd");
    fd_run_free(rep);
    c = claim_in(r, "The blast measured 140dB near the pier.", "140dB", &rep);
    ck_assert_str_eq(c->unit, "dB");
    fd_run_free(rep);
    fd_ruleset_free(r);
    expect_rule_error("{\"factdiff_rules\": 1, \"currencies\": [{\"code\": \"twd\", "
                      "\"signs\": [\"NTD\"]}]}",
                      1, 64, "not one sign character");
}
END_TEST

/* A word too long for a token is truncated and matches no rule word, even one
 * equal to its head. */
START_TEST(truncated_word_matches_nothing) {
    fd_ruleset *r = test_rules();
    fd_error err = {0};
    ck_assert_int_eq(load_text(r, "{\"factdiff_rules\": 1, \"counted\": [{\"class\": \"longs\", "
                                  "\"words\": [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]}]}", &err), 0);
    fd_run *rep;
    const fdp_claim *c = claim_in(r, "They found 40 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx there.",
                                  "40", &rep);
    ck_assert_str_eq(c->key, "longs/count");
    fd_run_free(rep);
    c = claim_in(r, "They found 40 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx there.", "40", &rep);
    ck_assert(!c->key || strcmp(c->key, "longs/count") != 0);
    fd_run_free(rep);
    // A rule word longer than a token can hold is an error, not a silent miss.
    fd_ruleset *bad = fd_ruleset_new();
    ck_assert_int_eq(load_text(bad, "{\"factdiff_rules\": 1, \"word_lists\": {\"eras\": "
                                    "[\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]}}", &err),
                     FD_ERR_RULE);
    ck_assert_ptr_nonnull(strstr(err.text, "longer"));
    fd_ruleset_free(bad);
    fd_ruleset_free(r);
}
END_TEST

// The entity of the longest alias at words[0..n) (raw: as written), and its words.
static int alias_match(const fd_ruleset *r, const char *const *words, const char *const *raw,
                       int n, int *matched) {
    return fdp_rules_match_alias(r, (char *const *)words, (char *const *)raw, n, matched);
}

// Every alias of the shipped rules, read as text, finds an alias of at least its
// length; and the same with the hash index as without it (the binary search a
// ruleset falls back on when the index could not be allocated).
START_TEST(alias_lookup_with_and_without_index) {
    fd_ruleset *r = test_rules();
    size_t n = r->naliases;
    int *entity = malloc(sizeof *entity * n), *matched = malloc(sizeof *matched * n);
    ck_assert(entity && matched);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            const fdp_alias *a = &r->aliases[i];
            int m = 0;
            int e = alias_match(r, (const char *const *)a->words, (const char *const *)a->raw,
                                a->nwords, &m);
            ck_assert_int_ge(e, 0);
            ck_assert_int_eq(m, a->nwords); // the whole of it: no longer alias fits
            if (pass == 0) {
                entity[i] = e;
                matched[i] = m;
            } else {
                ck_assert_int_eq(e, entity[i]);
                ck_assert_int_eq(m, matched[i]);
            }
        }
        const char *none[] = {"the"};
        int m = -1;
        ck_assert_int_eq(alias_match(r, none, none, 1, &m), -1);
        ck_assert_int_eq(m, 0);
        free(r->alias_first.slots); // the second pass: no index
        r->alias_first.slots = NULL;
    }
    free(entity);
    free(matched);
    fd_ruleset_free(r);
}
END_TEST

// A short all-capital alias ("IS") matches only in capitals; the words as written
// are the text's own bytes, compared by length, not copies ended by a NUL.
START_TEST(alias_in_text_bytes) {
    fd_ruleset *r = test_rules();
    const char *text = "IS fighters; is it; ISIS; Islamic State group";
    const char *words[] = {"is", "fighters"}, *raw[] = {text, text + 3};
    size_t len[] = {2, 8};
    uint32_t first, count;
    ck_assert(fdp_rules_aliases_of(r, "is", fdp_hash_word("is"), &first, &count));
    int m = 0;
    int is = fdp_rules_match_alias_in(r, first, count, words, raw, len, 2, &m);
    ck_assert_int_ge(is, 0);
    ck_assert_str_eq(r->entities[is].name, "Islamic State");
    ck_assert_int_eq(m, 1);
    raw[0] = text + 13; // "is it": lowercase is the English word
    ck_assert_int_eq(fdp_rules_match_alias_in(r, first, count, words, raw, len, 2, &m), -1);
    ck_assert_int_eq(m, 0);
    raw[0] = text; // "IS" with its length, not the whole rest of the text
    len[0] = strlen(text);
    ck_assert_int_eq(fdp_rules_match_alias_in(r, first, count, words, raw, len, 2, &m), -1);
    const char *group[] = {"islamic", "state", "group"}, *graw[] = {text + 26, text + 34, text + 40};
    size_t glen[] = {7, 5, 5};
    ck_assert(fdp_rules_aliases_of(r, "islamic", fdp_hash_word("islamic"), &first, &count));
    ck_assert_int_eq(fdp_rules_match_alias_in(r, first, count, group, graw, glen, 3, &m), is);
    ck_assert_int_eq(m, 3);
    ck_assert(!fdp_rules_aliases_of(r, "fighters", fdp_hash_word("fighters"), &first, &count));
    ck_assert(!fdp_rules_aliases_of(NULL, "is", fdp_hash_word("is"), &first, &count));
    fd_ruleset_free(r);
}
END_TEST

// The filter of aliases' first words never turns away a word that starts an
// alias, and turns away nearly every other word (the point of asking it first).
START_TEST(alias_filter_keeps_every_first_word) {
    fd_ruleset *r = test_rules();
    for (size_t i = 0; i < r->naliases; i++)
        ck_assert(fdp_rules_alias_may_start(r, fdp_hash_word(r->aliases[i].words[0])));
    int passed = 0, others = 0;
    uint32_t first, count;
    for (int i = 0; i < 2000; i++) {
        char w[16];
        snprintf(w, sizeof w, "zq%dx", i);
        if (fdp_rules_aliases_of(r, w, fdp_hash_word(w), &first, &count))
            continue; // made-up words: none starts one (others counts them)
        others++;
        passed += fdp_rules_alias_may_start(r, fdp_hash_word(w));
    }
    ck_assert_int_eq(others, 2000);
    ck_assert_int_lt(passed, others / 10);
    fd_ruleset *none = fd_ruleset_new(); // no aliases: nothing may start one
    ck_assert(!fdp_rules_alias_may_start(none, fdp_hash_word("the")));
    ck_assert(!fdp_rules_alias_may_start(NULL, fdp_hash_word("the")));
    fd_ruleset_free(none);
    fd_ruleset_free(r);
}
END_TEST

static Suite *suite(void) {
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("load");
    tcase_add_test(tc, shipped_rules_load);
    tcase_add_test(tc, lexicon_keys_and_hold_filter);
    tcase_add_test(tc, syntax_error_has_position);
    tcase_add_test(tc, bad_value_points_at_member);
    tcase_add_test(tc, unknown_member_is_an_error);
    tcase_add_test(tc, newsroom_file_extends_rules);
    tcase_add_test(tc, every_rule_file_loads_alone);
    tcase_add_test(tc, strict_values);
    tcase_add_test(tc, place_in_a_place_no_file_has);
    tcase_add_test(tc, schema_matches_loader);
    tcase_add_test(tc, lookups_for_other_stages);
    tcase_add_test(tc, interval_words_from_labels);
    tcase_add_test(tc, newsroom_adds_language);
    tcase_add_test(tc, newsroom_adds_currency_and_glued_unit);
    tcase_add_test(tc, truncated_word_matches_nothing);
    tcase_add_test(tc, alias_lookup_with_and_without_index);
    tcase_add_test(tc, alias_in_text_bytes);
    tcase_add_test(tc, alias_filter_keeps_every_first_word);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(suite)
