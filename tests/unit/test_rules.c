/* test_rules.c - every shipped rule file loads; bad rule files name file:line:column. */
#include <stdio.h>
#include <unistd.h>

#include "helpers.h"

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

static Suite *suite(void) {
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("load");
    tcase_add_test(tc, shipped_rules_load);
    tcase_add_test(tc, syntax_error_has_position);
    tcase_add_test(tc, bad_value_points_at_member);
    tcase_add_test(tc, unknown_member_is_an_error);
    tcase_add_test(tc, newsroom_file_extends_rules);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(suite)
