/* test_normalize.c - UTF-8 checks, positions, text folding and canonical names. */
#include "helpers.h"
#include "normalize/normalize.h"

START_TEST(utf8_validation) {
    const char good[] = "Raqa \xc2\xa0 \xe2\x80\x93 \xd9\xa4";
    ck_assert_uint_eq(fdp_utf8_invalid_at(good, strlen(good)), strlen(good));
    const char bad[] = "ok \xff then";
    ck_assert_uint_eq(fdp_utf8_invalid_at(bad, strlen(bad)), 3);
    const char truncated[] = "ends in \xe2\x80";
    ck_assert_uint_eq(fdp_utf8_invalid_at(truncated, strlen(truncated)), 8);
    const char overlong[] = "\xc0\xaf";
    ck_assert_uint_eq(fdp_utf8_invalid_at(overlong, 2), 0);
    const char surrogate[] = "\xed\xa0\x80";
    ck_assert_uint_eq(fdp_utf8_invalid_at(surrogate, 3), 0);
}
END_TEST

START_TEST(line_and_column) {
    const char s[] = "first\nsecond \xc3\xa9x";
    int line, col;
    fdp_line_col(s, strlen(s), strlen("first\nsecond \xc3\xa9"), &line, &col);
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 9); // "second é" is 8 code points
}
END_TEST

// The cursor counts eight bytes at a time and skips the columns of lines it
// passes over: at every offset, and from every earlier one, it must agree with
// fdp_line_col, which counts byte by byte from the start.
START_TEST(cursor_agrees_with_line_col) {
    const char s[] = "first line \xc3\xa9t\xc3\xa9 \xe2\x80\x93 long enough to cross words\n"
                     "\n\xd9\xa4\xd9\xa5 two\xf0\x9f\x98\x80 emoji, then \xe2\x80\xaf" "1 448\nlast";
    size_t len = strlen(s);
    for (size_t from = 0; from <= len; from += 7) {
        fdp_cursor cu = {0, 1, 1};
        fdp_cursor_advance(s, &cu, from);
        for (size_t to = from; to <= len; to++) {
            int line, col;
            fdp_line_col(s, len, to, &line, &col);
            fdp_cursor c2 = cu;
            fdp_cursor_advance(s, &c2, to);
            ck_assert_uint_eq(c2.off, to);
            ck_assert_int_eq(c2.line, line);
            ck_assert_int_eq(c2.col, col);
        }
    }
}
END_TEST

START_TEST(fold_text_unifies_punctuation_and_case) {
    const char in[] = "\xe2\x80\x9c" "Fresh\xc2\xa0Proof\xe2\x80\x9d \xe2\x80\x93 Stra\xc3\x9f" "e "
                      "\xef\xbc\x91\xef\xbc\x90";
    size_t n = 0;
    fd_error err = {0};
    char *out = fd_fold_text(in, strlen(in), &n, &err);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out, "\"fresh proof\" - strasse 10");
    ck_assert_uint_eq(n, strlen(out));
    fd_free(out);
}
END_TEST

START_TEST(fold_text_rejects_invalid_utf8) {
    fd_error err = {0};
    ck_assert_ptr_null(fd_fold_text("abc\xfe", 4, NULL, &err));
    ck_assert_int_eq(err.code, FD_ERR_ENCODING);
    ck_assert_uint_eq(err.position, 3);
}
END_TEST

static void expect_name(fd_ruleset *rules, const char *in, const char *want) {
    fd_error err = {0};
    char *got = fd_normalize_name(rules, in, strlen(in), &err);
    ck_assert_ptr_nonnull(got);
    ck_assert_msg(!strcmp(got, want), "'%s' -> '%s', want '%s'", in, got, want);
    fd_free(got);
}

// A word longer than any name is folded whole, not cut at a fixed buffer.
START_TEST(long_words_fold_whole) {
    char word[2 * 300 + 1] = "";
    for (int i = 0; i < 300; i++)
        strcat(word, "\xC3\x89"); // É
    fdp_buf out = {0};
    fdp_fold_word(word, strlen(word), &out);
    ck_assert_ptr_nonnull(out.data);
    ck_assert_uint_eq(out.len, 300);
    for (size_t i = 0; i < out.len; i++)
        ck_assert_int_eq(out.data[i], 'e');
    fdp_buf_free(&out);
}
END_TEST

static void expect_fold(const char *word, const char *folded) {
    fdp_buf out = {0};
    fdp_fold_word(word, strlen(word), &out);
    ck_assert_ptr_nonnull(out.data);
    ck_assert_str_eq(out.data, folded);
    fdp_buf_free(&out);
}

// Accented Latin letters fold on their own, other scripts and letters with no
// decomposition ("ø", "ł") through the transliterator: the same ASCII either way.
START_TEST(words_fold_to_ascii) {
    expect_fold("D\xC3\xBAn", "dun");                    // Dún
    expect_fold("\xC8\x98tefan", "stefan");               // Ștefan
    expect_fold("Stra\xC3\x9F" "e", "strasse");           // Straße
    expect_fold("Sana\xCA\xBD" "a", "sana'a");            // Sanaʽa
    expect_fold("Ireland\xE2\x80\x99s", "ireland's");    // Ireland’s
    expect_fold("\xC5\x81\xC3\xB3" "d\xC5\xBA", "lodz"); // Łódź
    expect_fold("\xC3\xB8rsted", "orsted");               // ørsted
    expect_fold("\xD0\x9F\xD0\xB5\xD1\x81\xD0\xBA\xD0\xBE\xD0\xB2", "peskov"); // Песков
    expect_fold("a\xC2\xB4" "b", "a \xCC\x81" "b");      // a´b: a lone mark stays
    expect_fold("\xE2\x82\xAC" "5", "\xE2\x82\xAC" "5");     // €5: signs stay as they are
    expect_fold("\xE2\x82\xB9" "5", "rs5");                // ₹5: but the rupee is written out
}
END_TEST

START_TEST(aliases_give_canonical_names) {
    fd_ruleset *rules = test_rules();
    expect_name(rules, "Raqa", "Raqqa");
    expect_name(rules, "al-Raqqa", "Raqqa");
    expect_name(rules, "ar\xe2\x80\x91Raqqah", "Raqqa"); // non-breaking hyphen
    expect_name(rules, "Deir al-Zour", "Deir ez-Zor");
    expect_name(rules, "Deir Ezzor", "Deir ez-Zor");
    expect_name(rules, "ISIS", "Islamic State");
    expect_name(rules, "Daesh", "Islamic State");
    expect_name(rules, "the Islamic State group", "Islamic State");
    expect_name(rules, "Unesco", "UNESCO");
    expect_name(rules, "Pescov", "Dmitry Peskov");
    expect_name(rules, "Palymra", "Palmyra");
    // Short capital aliases match only in capitals; unknown names are folded.
    expect_name(rules, "is", "is");
    expect_name(rules, "IS", "Islamic State");
    expect_name(rules, "Homs", "Homs");
    expect_name(rules, "Qusayr", "qusayr");
    fd_ruleset_free(rules);
}
END_TEST

static Suite *suite(void) {
    Suite *s = suite_create("normalize");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, utf8_validation);
    tcase_add_test(tc, line_and_column);
    tcase_add_test(tc, cursor_agrees_with_line_col);
    tcase_add_test(tc, fold_text_unifies_punctuation_and_case);
    tcase_add_test(tc, fold_text_rejects_invalid_utf8);
    tcase_add_test(tc, aliases_give_canonical_names);
    tcase_add_test(tc, long_words_fold_whole);
    tcase_add_test(tc, words_fold_to_ascii);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(suite)
