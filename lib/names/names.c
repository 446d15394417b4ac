/*
 * names.c - the normaliser across documents: finds name mentions (alias hits
 * and capitalised spans), clusters them over every document of a run, picks a
 * display form, and records spelling variants ("Pescov" in one story where the
 * others write "Peskov") as findings of kind variant.
 *
 * A mention's identity is its entity when an alias rule names it, else its
 * romanisation key (fd_name_key). Clusters with close keys (a typo or a
 * romanisation variant, fdp_keys_close) merge, as long as they are not two
 * different entities of the rules: the context is the same document set.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/tokenize.h"

#define MAX_NAME_WORDS 8

WORD_LIST(particles, "al", "el", "ez", "ad", "as", "ash", "ar", "at", "az", "an", "bin", "ibn",
          "abu", "de", "of", "for", "the", "du", "van", "von", "la", "le", "da");
WORD_LIST(not_names, "the", "a", "an", "in", "on", "at", "but", "and", "or", "if", "as",
          "it", "its", "he", "she", "they", "we", "i", "this", "that", "these", "those",
          "there", "here", "what", "when", "where", "who", "why", "how", "after", "before",
          "since", "while", "during", "despite", "meanwhile", "however", "elsewhere", "earlier",
          "later", "today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday",
          "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december", "mr", "mrs", "ms", "dr",
          "president", "minister", "photo", "read", "more", "share", "click", "us", "un", "our",
          "his", "her", "their", "some", "many", "all", "no", "not", "so", "one", "two",
          "according", "analysts");

static fdp_mention *new_mention(fd_report *r) {
    if (r->nmentions == r->capmentions) {
        size_t cap = r->capmentions ? r->capmentions * 2 : 64;
        fdp_mention *p = realloc(r->mentions, cap * sizeof *p);
        if (!p)
            return NULL;
        r->mentions = p;
        r->capmentions = cap;
    }
    fdp_mention *m = &r->mentions[r->nmentions++];
    memset(m, 0, sizeof *m);
    m->entity = m->cluster = -1;
    return m;
}

static int add_mention(fd_report *r, int di, const token *t, size_t from, size_t to,
                       int entity) {
    const fdp_doc *d = &r->docs[di];
    fdp_mention *m = new_mention(r);
    if (!m)
        return FD_ERR_NOMEM;
    m->doc = di;
    m->start = t[from].start;
    m->end = t[to].end;
    if (t[to].possessive) { // "Palmyra's", "Russia’s": the name ends before the apostrophe
        size_t e = m->end;
        while (e > t[to].start && d->text[e - 1] != '\'' && (unsigned char)d->text[e - 1] != 0x99)
            e--;
        if (e > t[to].start && d->text[e - 1] == '\'')
            m->end = e - 1;
        else if (e >= t[to].start + 3)
            m->end = e - 3; // U+2019 is three bytes: E2 80 99
    }
    m->entity = entity;
    m->surface = fdp_strndup(d->text + m->start, m->end - m->start);
    m->key = entity >= 0 ? fdp_strdup(r->rules->entities[entity].name)
                         : fd_name_key(d->text + m->start, m->end - m->start, NULL);
    if (!m->surface || !m->key)
        return FD_ERR_NOMEM;
    return 0;
}

// The alias match starting at token k (short capital aliases need capitals).
static int alias_at(const fd_report *r, const fdp_doc *d, const token *t, size_t k, size_t n,
                    int *matched) {
    char *words[MAX_NAME_WORDS], *raw[MAX_NAME_WORDS];
    char rawbuf[MAX_NAME_WORDS][32];
    int w = 0;
    for (size_t j = k; j < n && w < MAX_NAME_WORDS; j++, w++) {
        if (t[j].type == TK_NUM)
            break;
        if (t[j].type == TK_PUNCT && t[j].p != '-')
            break;
        words[w] = (char *)t[j].w;
        size_t len = t[j].end - t[j].start < 31 ? t[j].end - t[j].start : 31;
        memcpy(rawbuf[w], d->text + t[j].start, len);
        rawbuf[w][len] = '\0';
        raw[w] = rawbuf[w];
    }
    return w ? fdp_rules_match_alias(r->rules, words, raw, w, matched) : -1;
}

// The capitalised span starting at k: capitalised words joined by hyphens and
// lowercase particles ("Deir ez-Zor", "Syrian Observatory for Human Rights").
// Sets *end to its last word; false when token k starts none.
static bool span_at(const token *t, size_t k, size_t n, size_t *end) {
    bool found = false;
    for (size_t j = k; j < n; j++) {
        if (t[j].type == TK_WORD && t[j].cap && !t[j].alnum) {
            *end = j;
            found = true;
            continue;
        }
        bool joiner = (tk_punct(&t[j], '-') && t[j].gap == GAP_NONE) ||
                      (t[j].type == TK_WORD && !t[j].cap && tk_in(&t[j], &particles));
        if (!joiner || !found || j + 1 >= n)
            break;
    }
    return found;
}

static int scan_paragraph(fd_report *r, int di, const token *t, size_t n) {
    const fdp_doc *d = &r->docs[di];
    for (size_t k = 0; k < n; k++) {
        if (t[k].type != TK_WORD)
            continue;
        int matched = 0;
        int e = r->rules ? alias_at(r, d, t, k, n, &matched) : -1;
        // A name is written with a capital somewhere ("the Observatory"); a lowercase
        // tag list ("isis | unesco | syria") is page furniture.
        if (e >= 0 && !t[k].cap && !t[k + (size_t)matched - 1].cap)
            e = -1;
        // A longer capitalised name wins over a shorter alias when no alias follows
        // it: "Victoria Park" is no mention of Victoria, the Seychelles' capital.
        size_t span;
        if (e >= 0 && t[k].cap && span_at(t, k, n, &span) && span > k + (size_t)matched - 1) {
            int after;
            if (alias_at(r, d, t, k + (size_t)matched, n, &after) < 0)
                e = -1;
        }
        if (e >= 0) {
            int rc = add_mention(r, di, t, k, k + (size_t)matched - 1, e);
            if (rc < 0)
                return rc;
            k += (size_t)matched - 1;
            continue;
        }
        if (!t[k].cap || tk_in(&t[k], &not_names))
            continue;
        size_t end;
        if (!span_at(t, k, n, &end))
            continue;
        // An alias inside the span starts a mention of its own:
        // "Syrian | President Bashar al-Assad".
        for (size_t j = k + 1; j <= end && r->rules; j++) {
            int inner;
            if (t[j].cap && alias_at(r, d, t, j, n, &inner) >= 0) {
                end = j - 1;
                while (end > k && t[end].type != TK_WORD)
                    end--;
                break;
            }
        }
        // A single word opening a sentence is as likely an ordinary word.
        if (end == k && t[k].sent_start)
            continue;
        int rc = add_mention(r, di, t, k, end, -1);
        if (rc < 0)
            return rc;
        k = end;
    }
    return 0;
}

static int find_mentions(fd_report *r) {
    token_list toks = {0};
    int rc = 0;
    for (size_t di = 0; di < r->ndocs && rc == 0; di++) {
        const fdp_doc *d = &r->docs[di];
        if (d->skip || !d->text)
            continue;
        for (size_t p = 0; p < d->len && rc == 0;) {
            size_t e = p;
            while (e < d->len && d->text[e] != '\n')
                e++;
            rc = fdp_tokenize(d->text, p, e, &toks);
            if (rc == 0)
                rc = scan_paragraph(r, (int)di, toks.t, toks.n);
            p = e + 1;
        }
    }
    fdp_token_list_free(&toks);
    return rc;
}

// Words of titles and institutions: two names differing in one of these are two
// things ("Defence Minister" / "Defence Ministry"), never a misspelling.
static const char *const institution_words[] = {
    "minister", "ministers", "ministry", "ministries", "president", "presidency", "secretary",
    "governor", "government", "general", "commander", "command", "council", "committee",
    "office", "officer", "agency", "department", "forces", "force", "army", "navy", "police",
    "court", "party", "front", "union", "league", "state", "states", "city", "province",
    "region", "district", "group", "brigade", "battalion", NULL};

static bool institution_word(const char *w, size_t n) {
    for (int i = 0; institution_words[i]; i++)
        if (strlen(institution_words[i]) == n && !strncasecmp(w, institution_words[i], n))
            return true;
    return false;
}

/*
 * True if two spellings may be one name by a typo: one word each, or the same
 * number of words with one differing, not a title or institution word.
 */
static bool typo_candidates(const char *a, const char *b) {
    size_t wa = 1, wb = 1;
    for (const char *p = a; *p; p++)
        wa += *p == ' ';
    for (const char *p = b; *p; p++)
        wb += *p == ' ';
    if (wa != wb)
        return false;
    int differ = 0;
    while (*a && *b) {
        size_t la = strcspn(a, " "), lb = strcspn(b, " ");
        if (la != lb || strncasecmp(a, b, la) != 0) {
            if (++differ > 1 || institution_word(a, la) || institution_word(b, lb))
                return false;
        }
        a += la + (a[la] == ' ');
        b += lb + (b[lb] == ' ');
    }
    return true;
}

static int find_root(int *parent, int x) {
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

/*
 * Clusters mentions: equal identities (entity name or key) first, then keys
 * that are close, unless both sides are different entities of the rules.
 */
static int cluster_mentions(fd_report *r) {
    size_t n = r->nmentions;
    if (!n)
        return 0;
    // Distinct identities, sorted, each with one representative name key.
    char **ids = malloc(n * sizeof *ids);
    int *parent = malloc(n * sizeof *parent);
    if (!ids || !parent) {
        free(ids);
        free(parent);
        return FD_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        ids[i] = r->mentions[i].key;
    qsort(ids, n, sizeof *ids, fdp_cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || strcmp(ids[i], ids[u - 1]) != 0)
            ids[u++] = ids[i];
    for (size_t i = 0; i < u; i++)
        parent[i] = (int)i;
    // Entity of each identity (or -1), its spelling key for closeness, and a
    // spelling as written.
    int *entity = malloc(u * sizeof *entity);
    char **spell = calloc(u, sizeof *spell);
    const char **surface = calloc(u, sizeof *surface);
    if (!entity || !spell || !surface) {
        free(ids);
        free(parent);
        free(entity);
        free(spell);
        free(surface);
        return FD_ERR_NOMEM;
    }
    for (size_t i = 0; i < u; i++)
        entity[i] = -1;
    for (size_t i = 0; i < n; i++) {
        fdp_mention *m = &r->mentions[i];
        char **hit = bsearch(&m->key, ids, u, sizeof *ids, fdp_cmp_str);
        m->cluster = (int)(hit - ids);
        if (m->entity >= 0)
            entity[m->cluster] = m->entity;
        if (!spell[m->cluster]) {
            spell[m->cluster] = fd_name_key(m->surface, strlen(m->surface), NULL);
            surface[m->cluster] = m->surface;
        }
    }
    // Close keys merge (O(u^2) over distinct names of one run: a few hundred).
    for (size_t a = 0; a < u; a++)
        for (size_t b = a + 1; b < u; b++) {
            if (entity[a] >= 0 && entity[b] >= 0)
                continue; // two entities the rules keep apart
            if (spell[a] && spell[b] && fdp_keys_close(spell[a], spell[b]) &&
                (!strcmp(spell[a], spell[b]) || typo_candidates(surface[a], surface[b]))) {
                int ra = find_root(parent, (int)a), rb = find_root(parent, (int)b);
                if (ra != rb)
                    parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
            }
        }
    for (size_t i = 0; i < n; i++)
        r->mentions[i].cluster = find_root(parent, r->mentions[i].cluster);
    for (size_t i = 0; i < u; i++)
        free(spell[i]);
    free(spell);
    free(surface);
    free(entity);
    free(ids);
    free(parent);
    return 0;
}

// Case-insensitive equality of two spellings ("UNESCO" / "Unesco" is style).
static bool same_spelling(const char *a, const char *b) {
    for (; *a && *b; a++, b++)
        if ((*a | 32) != (*b | 32))
            return false;
    return *a == *b;
}

static const fd_report *sort_names; // qsort has no context argument in C11

static int cmp_by_cluster(const void *a, const void *b) {
    const fdp_mention *x = &sort_names->mentions[*(const int *)a];
    const fdp_mention *y = &sort_names->mentions[*(const int *)b];
    if (x->cluster != y->cluster)
        return x->cluster - y->cluster;
    int c = strcmp(x->surface, y->surface);
    return c ? c : *(const int *)a - *(const int *)b;
}

/*
 * Orders the mentions by cluster and spelling, and names each cluster: its
 * entity's name, or the spelling written most often.
 */
static int order_clusters(fd_report *r) {
    size_t n = r->nmentions;
    r->by_cluster = malloc(sizeof(int) * (n + 1));
    r->cluster_name = calloc(n + 1, sizeof *r->cluster_name);
    if (!r->by_cluster || !r->cluster_name)
        return FD_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        r->by_cluster[i] = (int)i;
    sort_names = r;
    if (n)
        qsort(r->by_cluster, n, sizeof *r->by_cluster, cmp_by_cluster);
    for (size_t a = 0; a < n;) {
        int cl = r->mentions[r->by_cluster[a]].cluster;
        size_t b = a;
        const char *best = NULL, *entity = NULL;
        size_t best_n = 0;
        while (b < n && r->mentions[r->by_cluster[b]].cluster == cl) {
            size_t c = b;
            const fdp_mention *m = &r->mentions[r->by_cluster[b]];
            while (c < n && r->mentions[r->by_cluster[c]].cluster == cl &&
                   !strcmp(r->mentions[r->by_cluster[c]].surface, m->surface)) {
                if (r->mentions[r->by_cluster[c]].entity >= 0)
                    entity = r->rules->entities[r->mentions[r->by_cluster[c]].entity].name;
                c++;
            }
            if (c - b > best_n) {
                best = m->surface;
                best_n = c - b;
            }
            b = c;
        }
        r->cluster_name[cl] = entity ? entity : best;
        a = b;
    }
    return 0;
}

/*
 * A variant finding for each cluster whose documents spell one name in two or
 * more ways that are spelling variants of each other (close keys: "Peskov" and
 * "Pescov", "Raqa" and "al-Raqqa"), not synonyms or longer forms ("ISIS" and
 * "Daesh", "Dmitry Peskov" and "Peskov", which the rules or the clustering
 * unify but no one would call a misspelling).
 */
static int variant_findings(fd_report *r) {
    size_t n = r->nmentions;
    int *spell = malloc((n + 1) * sizeof *spell);
    char **keys = malloc((n + 1) * sizeof *keys);
    bool *in = malloc((n + 1) * sizeof *in);
    int *order = malloc((n + 1) * sizeof *order);
    int rc = (spell && keys && in && order) ? 0 : FD_ERR_NOMEM;
    for (size_t a = 0; a < n && rc == 0;) {
        int cl = r->mentions[r->by_cluster[a]].cluster;
        // The distinct spellings of this cluster (case aside), first mention of each.
        int k = 0;
        size_t b = a;
        for (; b < n && r->mentions[r->by_cluster[b]].cluster == cl; b++) {
            const fdp_mention *o = &r->mentions[r->by_cluster[b]];
            bool seen = false;
            for (int q = 0; q < k && !seen; q++)
                seen = same_spelling(r->mentions[spell[q]].surface, o->surface);
            if (!seen && k < 64) { // a name is not spelled 64 ways
                keys[k] = fd_name_key(o->surface, strlen(o->surface), NULL);
                in[k] = false;
                spell[k++] = r->by_cluster[b];
            }
        }
        a = b;
        for (int x = 0; x < k; x++)
            for (int y = x + 1; y < k; y++)
                if (keys[x] && keys[y] && fdp_keys_close(keys[x], keys[y]))
                    in[x] = in[y] = true;
        int m = 0, docs = 0;
        for (int x = 0; x < k; x++) {
            if (!in[x])
                continue;
            bool seen = false;
            for (int p = 0; p < m && !seen; p++)
                seen = r->mentions[order[p]].doc == r->mentions[spell[x]].doc;
            docs += !seen;
            order[m++] = spell[x];
        }
        for (int x = 0; x < k; x++)
            free(keys[x]);
        // Document order reads better than alphabetical.
        for (int x = 1; x < m; x++)
            for (int y = x; y > 0 && order[y] < order[y - 1]; y--) {
                int tmp = order[y];
                order[y] = order[y - 1];
                order[y - 1] = tmp;
            }
        if (m >= 2 && docs >= 2)
            rc = fdp_add_variant(r, order, m);
    }
    free(spell);
    free(keys);
    free(in);
    free(order);
    return rc;
}

int fdp_find_names(fd_report *r) {
    int rc = find_mentions(r);
    if (rc == 0)
        rc = cluster_mentions(r);
    if (rc == 0)
        rc = order_clusters(r);
    if (rc == 0)
        rc = variant_findings(r);
    return rc;
}

const char *fdp_cluster_name(const fd_report *r, int cluster) {
    const char *name = r->cluster_name && cluster >= 0 ? r->cluster_name[cluster] : NULL;
    return name ? name : "";
}
