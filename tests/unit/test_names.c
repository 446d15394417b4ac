/*
 * test_names.c - the normaliser on names: every pair in tests/names/variants.tsv
 * (spellings of one name from real news copy) must unify, and no pair in
 * tests/names/near_misses.tsv (different names that look alike) may.
 * Two names unify when the alias rules give them one entity, or their
 * romanisation keys are equal or one typo apart (six letters or more).
 * Then the table of distinct strings and the counting sort the clustering
 * orders names with (names/intern.h, names/spellings.h), and the names tally
 * it clusters (names/tally.h): its labels, given again to a document's
 * mentions, are the stage's, whatever order the documents were tallied in.
 */
#include <stdio.h>

#include "helpers.h"
#include "names/intern.h"
#include "names/names.h"
#include "names/spellings.h"
#include "normalize/normalize.h"

static fd_ruleset *rules;

static bool unify(const char *a, const char *b, char *why, size_t cap) {
    char *ca = fd_normalize_name(rules, a, strlen(a), NULL);
    char *cb = fd_normalize_name(rules, b, strlen(b), NULL);
    char *ka = fd_name_key(rules, a, strlen(a), NULL),
         *kb = fd_name_key(rules, b, strlen(b), NULL);
    bool same = !strcmp(ca, cb) || fdp_keys_close(ka, kb);
    snprintf(why, cap, "'%s' -> %s / key %s; '%s' -> %s / key %s", a, ca, ka, b, cb, kb);
    fd_free(ca);
    fd_free(cb);
    fd_free(ka);
    fd_free(kb);
    return same;
}

// True if fd_name_identities, reading the two names as one set, gives them one.
static bool same_identity(const char *a, const char *b) {
    const char *names[] = {a, b};
    char *keys[2];
    fd_error err = {0};
    ck_assert_int_eq(fd_name_identities(rules, names, 2, keys, &err), 0);
    bool same = !strcmp(keys[0], keys[1]);
    fd_free(keys[0]);
    fd_free(keys[1]);
    return same;
}

// Runs every pair of a table; returns the number of pairs read.
static int check_table(const char *path, bool must_unify) {
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char line[512];
    int n = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *a = strtok(line, "\t\n"), *b = strtok(NULL, "\t\n");
        ck_assert_msg(a && b, "%s: malformed line", path);
        char why[512];
        if (unify(a, b, why, sizeof why) != must_unify) {
            fprintf(stderr, "%s: %s\n", must_unify ? "not unified" : "wrongly merged", why);
            bad++;
        }
        // names --key tells the same: one identity exactly when check unifies
        if (same_identity(a, b) != must_unify) {
            fprintf(stderr, "names --key disagrees on '%s' / '%s'\n", a, b);
            bad++;
        }
        n++;
    }
    fclose(f);
    ck_assert_msg(bad == 0, "%d of %d pairs in %s fail", bad, n, path);
    return n;
}

START_TEST(variants_unify) {
    rules = test_rules();
    ck_assert_int_ge(check_table(FD_SOURCE_DIR "/tests/names/variants.tsv", true), 136);
    fd_ruleset_free(rules);
}
END_TEST

START_TEST(near_misses_stay_apart) {
    rules = test_rules();
    ck_assert_int_ge(check_table(FD_SOURCE_DIR "/tests/names/near_misses.tsv", false), 68);
    fd_ruleset_free(rules);
}
END_TEST

// The identities check gives names read together: alias rules first, then
// close keys, then a surname for the one full name it ends.
START_TEST(identities_as_check_gives_them) {
    rules = test_rules();
    const char *names[] = {"ISIS",    "Islamic State",        "Daesh",           "Palymra",
                           "Palmyra", "Recep Tayyip Erdogan", "Erdogan",         "Hafez Omran",
                           "Omran",   "Basel Omran",          "New Amsterdam",   "Amsterdam"};
    size_t n = sizeof names / sizeof *names;
    char *keys[sizeof names / sizeof *names];
    fd_error err = {0};
    ck_assert_int_eq(fd_name_identities(rules, names, n, keys, &err), 0);
    ck_assert_str_eq(keys[0], "Islamic State");
    ck_assert_str_eq(keys[1], "Islamic State");
    ck_assert_str_eq(keys[2], "Islamic State");
    ck_assert_str_eq(keys[3], keys[4]);            // a typo
    ck_assert_str_eq(keys[5], keys[6]);            // a surname for its full name
    ck_assert_str_ne(keys[8], keys[7]);            // two full names end with "Omran"
    ck_assert_str_ne(keys[8], keys[9]);
    ck_assert_str_ne(keys[10], keys[11]);          // a place's last word is no surname
    for (size_t i = 0; i < n; i++)
        fd_free(keys[i]);
    const char *bad[] = {"Raqqa", "Raq\xff"};
    ck_assert_int_ne(fd_name_identities(rules, bad, 2, keys, &err), 0);
    ck_assert_int_eq(err.code, FD_ERR_ENCODING);
    ck_assert(keys[0] == NULL && keys[1] == NULL); // nothing handed out on failure
    fd_ruleset_free(rules);
}
END_TEST

START_TEST(keys) {
    rules = test_rules();
    const char *const pairs[][2] = {{"ar-Raqqah", "raka"}, {"Deir Ezzor", "darzor"},
                                    {"Abd al-Rahman", "abdrahman"}, {"Pescov", "piskov"}};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        char *k = fd_name_key(rules, pairs[i][0], strlen(pairs[i][0]), NULL);
        ck_assert_str_eq(k, pairs[i][1]);
        fd_free(k);
    }
    fd_error err = {0};
    ck_assert_ptr_null(fd_name_key(rules, "Raq\xff", 4, &err));
    ck_assert_int_eq(err.code, FD_ERR_ENCODING);
    fd_ruleset_free(rules);
}
END_TEST

// Without rules, or with rules that give no "name_keys", no romanisation tables
// apply: the key is the folded letters and digits.
START_TEST(keys_without_tables) {
    const char *const pairs[][2] = {{"ar-Raqqah", "arraqqah"},
                                    {"Deir Ezzor", "deirezzor"},
                                    {"The Abd al-Rahman 2", "theabdalrahman2"}};
    fd_ruleset *bare = fd_ruleset_new();
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        for (int with = 0; with < 2; with++) {
            char *k =
                fd_name_key(with ? bare : NULL, pairs[i][0], strlen(pairs[i][0]), NULL);
            ck_assert_str_eq(k, pairs[i][1]);
            fd_free(k);
        }
    fd_ruleset_free(bare);
}
END_TEST

// The entry of the names listing (one per cluster, made when first asked for)
// that holds the spelling `surface`, and its place there: a check's mentions
// are let go once tallied, the listing is made from the tally.
static const fdp_name *listed_as(fd_run *r, const char *surface, size_t *at) {
    if (!r->names)
        ck_assert_int_eq(fdp_list_names(r), 0);
    for (size_t i = 0; i < r->nnames; i++)
        for (size_t k = 0; k < r->names[i].nspellings; k++)
            if (!strcmp(r->names[i].spellings[k].surface, surface)) {
                *at = i;
                return &r->names[i];
            }
    ck_abort_msg("no mention '%s'", surface);
    return NULL;
}

static int cluster_of(fd_run *r, const char *surface) {
    size_t at = 0;
    listed_as(r, surface, &at);
    return (int)at;
}

static const char *name_of(fd_run *r, const char *surface) {
    size_t at = 0;
    return listed_as(r, surface, &at)->name;
}

// The Palmyra articles: each name's spellings are one entity, with its rules name.
START_TEST(palmyra_names_cluster) {
    rules = test_rules();
    fd_run *r = fd_run_new(rules);
    ck_assert_int_eq(fd_run_add_path(r, FD_SOURCE_DIR "/fixtures/palmyra", NULL), 5);
    fd_error err = {0};
    ck_assert_int_eq(fd_run_check(r, &err), 0);
    const char *const groups[][4] = {{"Raqa", "al-Raqqa", "Raqqa", NULL},
                                     {"Deir Ezzor", "Deir al-Zor", "Deir al-Zour", NULL},
                                     {"IS", "ISIS", "Islamic State", "Daesh"},
                                     {"Peskov", "Pescov", NULL, NULL},
                                     {"Palmyra", "Palymra", NULL, NULL}};
    const char *const names[] = {"Raqqa", "Deir ez-Zor", "Islamic State", "Dmitry Peskov",
                                 "Palmyra"};
    for (int g = 0; g < 5; g++) {
        int cl = cluster_of(r, groups[g][0]);
        ck_assert_str_eq(name_of(r, groups[g][0]), names[g]);
        for (int k = 1; k < 4 && groups[g][k]; k++)
            ck_assert_int_eq(cluster_of(r, groups[g][k]), cl);
    }
    ck_assert_int_ne(cluster_of(r, "Raqa"), cluster_of(r, "Deir Ezzor"));
    // Spelling variants are findings; synonyms (ISIS / Daesh) are not.
    int variants = 0;
    for (size_t i = 0; i < fd_run_finding_count(r); i++) {
        const fd_finding *f = fd_run_finding(r, i);
        if (fd_finding_kind(f) == FD_KIND_VARIANT) {
            variants++;
            ck_assert_ptr_null(strstr(fd_finding_summary(f), "Daesh"));
        }
    }
    ck_assert_int_ge(variants, 5);
    fd_run_free(r);
    fd_ruleset_free(rules);
}
END_TEST

// A name no rule lists: the key and the typo distance still join its spellings.
START_TEST(a_surname_joins_its_full_name) {
    rules = test_rules();
    const char *texts[] = {"Recep Tayyip Erdogan spoke in Ankara on Monday.",
                           "Speaking later, Erdogan said the talks would go on."};
    fd_run *r = run_texts(rules, texts, 2, NULL);
    ck_assert_int_eq(cluster_of(r, "Erdogan"), cluster_of(r, "Recep Tayyip Erdogan"));
    // a surname is no spelling variant of its full name
    for (size_t i = 0; i < fd_run_finding_count(r); i++)
        ck_assert_int_ne(fd_finding_kind(fd_run_finding(r, i)), FD_KIND_VARIANT);
    fd_run_free(r);
    fd_ruleset_free(rules);
}
END_TEST

START_TEST(unlisted_names_join_by_key) {
    rules = test_rules();
    const char *texts[] = {"They murdered the former antiquities chief, Khaled al-Asaad, in 2015.",
                           "Syria mourned Khaled al-Assaad, who guarded the site for decades.",
                           "The archaeologist Khaled el-Asaad had refused to leave."};
    fd_run *r = run_texts(rules, texts, 3, NULL);
    int cl = cluster_of(r, "Khaled al-Asaad");
    ck_assert_int_eq(cluster_of(r, "Khaled al-Assaad"), cl);
    ck_assert_int_eq(cluster_of(r, "Khaled el-Asaad"), cl);
    ck_assert_int_ne(cluster_of(r, "Syria"), cl);
    fd_run_free(r);
    fd_ruleset_free(rules);
}
END_TEST

/* ---- the names stage's string table and counting sort -------------------- */

#define MANY 20000

static char many[MANY][16];

static void make_many(void) {
    for (int i = 0; i < MANY; i++)
        snprintf(many[i], sizeof many[i], "Name %d", i);
}

// Every string once, then again: ids dense in the order of first addition, the
// second add finds the first id, the strings borrowed as given; the table grew
// from empty through every size and stays at most half full.
START_TEST(intern_ids_in_order_of_addition) {
    make_many();
    fdp_intern t = {0};
    ck_assert_int_eq(fdp_intern_find(&t, many[0]), -1); // an empty table finds nothing
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < MANY; i++) {
            int added = -1;
            ck_assert_int_eq(fdp_intern_add(&t, many[i], &added), i);
            ck_assert_int_eq(added, round == 0);
        }
    ck_assert_uint_eq(t.n, MANY);
    ck_assert_uint_ge(t.cap, 2 * (size_t)MANY);
    ck_assert_uint_eq(t.cap & (t.cap - 1), 0);
    for (int i = 0; i < MANY; i++) {
        ck_assert_ptr_eq(t.strs[i], many[i]);
        char copy[16]; // found by content, not by pointer
        strcpy(copy, many[i]);
        ck_assert_int_eq(fdp_intern_find(&t, copy), i);
    }
    ck_assert_int_eq(fdp_intern_find(&t, "Name 20000"), -1);
    ck_assert_int_eq(fdp_intern_find(&t, "Name"), -1);
    ck_assert_int_eq(fdp_intern_find(&t, ""), -1);
    fdp_intern_free(&t);
    ck_assert_uint_eq(t.n, 0);
    ck_assert_ptr_null(t.slots);
}
END_TEST

typedef struct hashed {
    uint32_t h;
    int i;
} hashed;

static int cmp_hashed(const void *a, const void *b) {
    const hashed *x = a, *y = b;
    return x->h != y->h ? (x->h < y->h ? -1 : 1) : x->i - y->i;
}

#define SEARCHED 300000

// Two different strings of one 32-bit hash (the birthday bound puts about ten
// pairs among 300,000 random strings; numbered ones, "Name 1", "Name 2", have
// none) get two ids, in either order of addition.
START_TEST(intern_tells_apart_strings_of_one_hash) {
    static char strs[SEARCHED][16];
    hashed *hs = malloc(sizeof *hs * SEARCHED);
    ck_assert_ptr_nonnull(hs);
    uint64_t x = 88172645463325252u; // xorshift64: the same strings on every run
    for (int i = 0; i < SEARCHED; i++) {
        for (int c = 0; c < 10; c++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            strs[i][c] = (char)('a' + x % 26);
        }
        hs[i] = (hashed){fdp_hash(strs[i]), i};
    }
    qsort(hs, SEARCHED, sizeof *hs, cmp_hashed);
    int pairs = 0;
    for (int k = 1; k < SEARCHED; k++) {
        if (hs[k].h != hs[k - 1].h)
            continue;
        const char *a = strs[hs[k - 1].i], *b = strs[hs[k].i];
        ck_assert_str_ne(a, b);
        for (int order = 0; order < 2; order++) {
            fdp_intern t = {0};
            ck_assert_int_eq(fdp_intern_add(&t, order ? b : a, NULL), 0);
            ck_assert_int_eq(fdp_intern_find(&t, order ? a : b), -1);
            ck_assert_int_eq(fdp_intern_add(&t, order ? a : b, NULL), 1);
            ck_assert_int_eq(fdp_intern_find(&t, a), order ? 1 : 0);
            ck_assert_int_eq(fdp_intern_find(&t, b), order ? 0 : 1);
            fdp_intern_free(&t);
        }
        pairs++;
    }
    free(hs);
    ck_assert_int_gt(pairs, 0);
}
END_TEST

static int cmp_str_ptr(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

// The ranks are the places in strcmp order, as qsort over the strings gives them.
START_TEST(intern_ranks_in_strcmp_order) {
    static const char *const words[] = {"Raqqa", "al-Raqqa", "Raqa", "Palmyra", "ISIS",
                                        "Palymra", "Isis", "R\xc3\xa1qqa", "", "Raqqa's"};
    size_t n = sizeof words / sizeof *words;
    fdp_intern t = {0};
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(fdp_intern_add(&t, words[i], NULL), (long)i);
    uint32_t rank[sizeof words / sizeof *words];
    ck_assert_int_eq(fdp_intern_ranks(&t, rank), 0);
    const char *sorted[sizeof words / sizeof *words];
    memcpy(sorted, words, sizeof sorted);
    qsort(sorted, n, sizeof *sorted, cmp_str_ptr);
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(sorted[rank[i]], words[i]);
    fdp_intern_free(&t);
}
END_TEST

typedef struct keyed {
    uint32_t key;
    size_t at;
} keyed;

static int cmp_keyed(const void *a, const void *b) {
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

// The counting sort orders by key and keeps the given order among equal keys:
// as a comparison sort by (key, place in the input) does.
START_TEST(counting_sort_is_stable) {
    enum { N = 5000, KEYS = 97 };
    static uint32_t key[N];
    static uint32_t in[N], out[N];
    static keyed want[N];
    srand(12);
    for (size_t i = 0; i < N; i++) {
        key[i] = (uint32_t)(rand() % KEYS);
        in[i] = (uint32_t)((i * 7919) % N); // a permutation: the input order is not 0, 1, 2...
    }
    for (size_t i = 0; i < N; i++)
        want[i] = (keyed){key[in[i]], i};
    qsort(want, N, sizeof *want, cmp_keyed);
    ck_assert_int_eq(fdp_counting_sort(in, N, key, KEYS, out), 0);
    for (size_t i = 0; i < N; i++)
        ck_assert_uint_eq(out[i], in[want[i].at]);
    ck_assert_int_eq(fdp_counting_sort(in, 0, key, KEYS, out), 0); // nothing to sort
}
END_TEST

/* The labels the names stage writes on a mention (its key copied). */
typedef struct label {
    int cluster, spelling_count;
    const char *name, *key_at;
    char *key;
} label;

// The labels of every mention of r, in reading order.
static label *labels_of(const fd_run *r, size_t *n) {
    *n = 0;
    for (size_t i = 0; i < r->ndocs; i++)
        *n += r->docs[i]->nmentions;
    label *ls = calloc(*n + 1, sizeof *ls);
    ck_assert_ptr_nonnull(ls);
    size_t k = 0;
    for (size_t i = 0; i < r->ndocs; i++)
        for (size_t j = 0; j < r->docs[i]->nmentions; j++, k++) {
            const fdp_mention *m = &r->docs[i]->mentions[j];
            ck_assert_ptr_nonnull(m->name);
            ck_assert_ptr_nonnull(m->key);
            ls[k] = (label){m->cluster, m->spelling_count, m->name, m->key, strdup(m->key)};
        }
    return ls;
}

static void labels_free(label *ls, size_t n) {
    for (size_t k = 0; k < n; k++)
        free(ls[k].key);
    free(ls);
}

// Wipes the labels of r's mentions, keys of no entity too (freed if the mention's
// own), and writes them again with fdp_names_label_doc.
static void label_again(fd_run *r) {
    for (size_t i = 0; i < r->ndocs; i++) {
        fdp_doc *d = r->docs[i];
        for (size_t j = 0; j < d->nmentions; j++) {
            fdp_mention *m = &d->mentions[j];
            if (m->entity < 0) {
                if (!d->keys_pooled)
                    free(m->key);
                m->key = NULL;
            }
            m->cluster = -1;
            m->name = NULL;
            m->spelling_count = 0;
        }
    }
    for (size_t i = 0; i < r->ndocs; i++)
        ck_assert_int_eq(fdp_names_label_doc(r, r->docs[i]), 0);
}

// The labels of r's mentions are ls (a pooled key the same pool's copy).
static void assert_labels(const fd_run *r, const label *ls, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < r->ndocs; i++)
        for (size_t j = 0; j < r->docs[i]->nmentions; j++, k++) {
            const fdp_mention *m = &r->docs[i]->mentions[j];
            ck_assert_int_eq(m->cluster, ls[k].cluster);
            ck_assert_int_eq(m->spelling_count, ls[k].spelling_count);
            ck_assert_ptr_eq(m->name, ls[k].name);
            ck_assert_str_eq(m->key, ls[k].key);
            if (r->docs[i]->keys_pooled || m->entity >= 0)
                ck_assert_ptr_eq(m->key, ls[k].key_at);
        }
    ck_assert_uint_eq(k, n);
}

// The names listing and the summaries of the variant findings of r.
static char *names_and_variants(const fd_run *r) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_run_write_names(r, f), 0);
    for (size_t i = 0; i < r->nfindings; i++)
        if (r->findings[i].kind == FDP_VARIANT)
            fprintf(f, "%s\n", r->findings[i].summary);
    fclose(f);
    return buf;
}

// The variant findings point at the tally's copies of their mentions, not at
// the documents' (which may go), labelled alike.
static void assert_variant_copies(const fd_run *r) {
    int variants = 0;
    for (size_t i = 0; i < r->nfindings; i++)
        for (int k = 0; k < r->findings[i].nmentions; k++, variants++) {
            const fdp_mention *c = r->findings[i].mentions[k];
            const fdp_doc *d = c->doc;
            const fdp_mention *own = NULL;
            for (size_t j = 0; j < d->nmentions; j++) {
                ck_assert_ptr_ne(c, &d->mentions[j]);
                own = !own && d->mentions[j].start == c->start ? &d->mentions[j] : own;
            }
            ck_assert_ptr_nonnull(own);
            ck_assert_str_eq(c->surface, own->surface);
            ck_assert_str_eq(c->key, own->key);
            ck_assert_int_eq(c->line, own->line);
            ck_assert_int_eq(c->column, own->column);
            ck_assert_int_eq(c->end, own->end);
            ck_assert_int_eq(c->cluster, own->cluster);
            ck_assert_ptr_eq(c->name, own->name);
            ck_assert_int_eq(c->spelling_count, own->spelling_count);
        }
    ck_assert_int_ge(variants, 10);
}

// A check lets each document's mentions go once it is read (the tally and the
// events stage's notes have what they need of them): its variants and its
// listing are those of a run that keeps them.
START_TEST(mentions_go_once_tallied) {
    rules = test_rules();
    fd_run *kept = fd_run_new(rules), *r = fd_run_new(rules);
    kept->doc_read = NULL; // its stages at fd_run_check: its mentions stay
    ck_assert_int_eq(fd_run_add_path(kept, FD_SOURCE_DIR "/fixtures/palmyra", NULL), 5);
    ck_assert_int_eq(fd_run_add_path(r, FD_SOURCE_DIR "/fixtures/palmyra", NULL), 5);
    for (size_t i = 0; i < r->ndocs; i++)
        ck_assert_uint_eq(r->docs[i]->nmentions, 0);
    fd_error err = {0};
    ck_assert_int_eq(fd_run_check(kept, &err), 0);
    ck_assert_int_eq(fd_run_check(r, &err), 0);
    ck_assert_uint_gt(kept->docs[0]->nmentions, 10);
    char *a = names_and_variants(kept), *b = names_and_variants(r);
    ck_assert_str_eq(a, b);
    ck_assert_ptr_nonnull(strstr(b, "spelled"));
    free(a);
    free(b);
    fd_run_free(kept);
    fd_run_free(r);
    fd_ruleset_free(rules);
}
END_TEST

// A check's labels, written again from the tally, are the stage's (a run whose
// stages run at fd_run_check, and whose mentions stay).
START_TEST(labels_again_are_the_stages) {
    rules = test_rules();
    fd_run *r = fd_run_new(rules);
    r->doc_read = NULL;
    ck_assert_int_eq(fd_run_add_path(r, FD_SOURCE_DIR "/fixtures/palmyra", NULL), 5);
    fd_error err = {0};
    ck_assert_int_eq(fd_run_check(r, &err), 0);
    assert_variant_copies(r);
    size_t n;
    label *ls = labels_of(r, &n);
    ck_assert_uint_gt(n, 50);
    label_again(r);
    assert_labels(r, ls, n);
    // A mention the tally never had is refused.
    fdp_mention *m = &r->docs[0]->mentions[0];
    char *surface = m->surface;
    m->surface = "Nowhere Named";
    ck_assert_int_eq(fdp_names_label_doc(r, r->docs[0]), FD_ERR_USAGE);
    m->surface = surface;
    labels_free(ls, n);
    fd_run_free(r);
    fd_ruleset_free(rules);
}
END_TEST

// A run whose mentions are made by hand (as a watch makes them: not pooled),
// tallied by the stage itself or first by hand in reverse order.
static fd_run *run_by_hand(bool reverse) {
    fd_run *r = fd_run_new(rules);
    r->doc_read = NULL; // the document stages are this test's
    ck_assert_int_eq(fd_run_add_path(r, FD_SOURCE_DIR "/fixtures/palmyra", NULL), 5);
    fdp_doc_tokens toks = {0};
    for (size_t i = 0; i < r->ndocs; i++) {
        ck_assert_int_eq(fdp_tokenize_doc(rules, r->docs[i], NULL, NULL, &toks), 0);
        ck_assert_int_eq(fdp_find_mentions(rules, r->docs[i], &toks), 0);
    }
    fdp_doc_tokens_free(&toks);
    for (size_t i = r->ndocs; reverse && i-- > 0;)
        ck_assert_int_eq(fdp_names_gather_doc(r, r->docs[i]), 0);
    ck_assert_int_eq(fdp_run_index(r), 0);
    ck_assert_int_eq(fdp_cluster_names(r), 0);
    r->checked = true; // the listing is made for a checked run
    return r;
}

// Unpooled mentions, tallied in any order, cluster as a check's, and their
// own keys are given again.
START_TEST(tally_order_is_reading_order) {
    rules = test_rules();
    fd_run *check = fd_run_new(rules);
    ck_assert_int_eq(fd_run_add_path(check, FD_SOURCE_DIR "/fixtures/palmyra", NULL), 5);
    fd_error err = {0};
    ck_assert_int_eq(fd_run_check(check, &err), 0);
    char *want = names_and_variants(check);
    for (int reverse = 0; reverse < 2; reverse++) {
        fd_run *r = run_by_hand(reverse);
        ck_assert(!r->docs[0]->strings_pooled && !r->docs[0]->keys_pooled);
        assert_variant_copies(r);
        char *got = names_and_variants(r);
        ck_assert_str_eq(got, want);
        free(got);
        size_t n;
        label *ls = labels_of(r, &n);
        label_again(r);
        assert_labels(r, ls, n);
        labels_free(ls, n);
        fd_run_free(r);
    }
    free(want);
    fd_run_free(check);
    fd_ruleset_free(rules);
}
END_TEST

static Suite *suite(void) {
    Suite *s = suite_create("names");
    TCase *tc = tcase_create("tables");
    tcase_add_test(tc, variants_unify);
    tcase_add_test(tc, near_misses_stay_apart);
    tcase_add_test(tc, keys);
    tcase_add_test(tc, identities_as_check_gives_them);
    tcase_add_test(tc, keys_without_tables);
    tcase_add_test(tc, palmyra_names_cluster);
    tcase_add_test(tc, unlisted_names_join_by_key);
    tcase_add_test(tc, a_surname_joins_its_full_name);
    suite_add_tcase(s, tc);
    TCase *ti = tcase_create("intern");
    tcase_add_test(ti, intern_ids_in_order_of_addition);
    tcase_add_test(ti, intern_tells_apart_strings_of_one_hash);
    tcase_add_test(ti, intern_ranks_in_strcmp_order);
    tcase_add_test(ti, counting_sort_is_stable);
    suite_add_tcase(s, ti);
    TCase *tt = tcase_create("tally");
    tcase_add_test(tt, labels_again_are_the_stages);
    tcase_add_test(tt, mentions_go_once_tallied);
    tcase_add_test(tt, tally_order_is_reading_order);
    suite_add_tcase(s, tt);
    return s;
}

RUN_SUITE(suite)
