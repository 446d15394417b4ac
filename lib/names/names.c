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
 *
 * Two stages: fdp_find_mentions reads one tokenized document and writes its
 * mentions; fdp_cluster_names, once every document has them, writes each
 * mention's cluster and display name, the names listing (run->names) and the
 * variant findings. A run writes a few thousand spellings hundreds of
 * thousands of times: the clustering interns each once (spellings.h) and
 * sorts and compares mentions by integers, never by their strings.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "names/names.h"
#include "names/spellings.h"

#define MAX_NAME_WORDS 8
#define MIN_SURNAME 4 /* letters of a key a surname alone must have */

/* The aliases starting with one word: the range of rules->aliases that
 * fdp_rules_aliases_of gives, the most words of one (no more are read after
 * it), whether one is that word alone, and the first letters of their second
 * words (bit c & 63 for letter c). */
typedef struct alias_range {
    uint32_t first, count;
    int most;
    bool single;
    uint64_t seconds;
} alias_range;

static uint64_t letter_bit(char c) { return (uint64_t)1 << ((unsigned char)c & 63); }

/* A word's aliases, kept by its lexicon entry (one word's) for the rest of
 * its document: the words that start aliases recur ("the" is a tenth of a
 * text and starts a few). */
typedef struct alias_memo {
    const fdp_lex *lex; /* NULL: an empty slot */
    bool found;
    alias_range range;
} alias_memo;

/* Slots of the memo, by the word's hash (a power of two): a document's words
 * that start aliases are few, and the memo is set up for each document. */
#define ALIAS_MEMO 16

/* What the mention scan of one document works with. */
typedef struct scan {
    const fd_ruleset *rules;
    fdp_doc *d;
    fdp_cursor cu;
    alias_memo memo[ALIAS_MEMO];
} scan;

// The end of a name that ends at token to: before the apostrophe of "Palmyra's",
// "Russia’s".
static size_t name_end(const fdp_doc *d, const token *t, size_t to) {
    size_t end = t[to].end;
    if (!t[to].possessive)
        return end;
    size_t e = end;
    while (e > t[to].start && d->text[e - 1] != '\'' && (unsigned char)d->text[e - 1] != 0x99)
        e--;
    if (e > t[to].start && d->text[e - 1] == '\'')
        return e - 1;
    return e >= t[to].start + 3 ? e - 3 : end; // U+2019 is three bytes: E2 80 99
}

// True if the n bytes at s are all ASCII (so valid UTF-8), eight at a time:
// nearly every name, read without a decoder.
static bool all_ascii(const char *s, size_t n) {
    uint64_t bits = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof w);
        bits |= w;
    }
    for (; i < n; i++)
        bits |= (unsigned char)s[i];
    return !(bits & 0x8080808080808080u);
}

static int add_mention(scan *sc, const token *t, size_t from, size_t to, int entity) {
    fdp_doc *d = sc->d;
    size_t start = t[from].start, end = name_end(d, t, to);
    // A name with an invalid byte has no key: the document carries the encoding
    // error already, and the name is left out rather than misread.
    if (!all_ascii(d->text + start, end - start) &&
        fdp_utf8_invalid_at(d->text + start, end - start) < end - start)
        return 0;
    fdp_mention *m = fdp_doc_new_mention(d);
    if (!m)
        return FD_ERR_NOMEM;
    m->start = start;
    m->end = end;
    fdp_cursor_advance(d->text, &sc->cu, m->start);
    m->line = sc->cu.line;
    m->column = sc->cu.col;
    m->entity = entity;
    m->surface = fdp_strndup(d->text + m->start, m->end - m->start);
    // A name of no rule gets its key when the run's mentions are clustered,
    // once per distinct spelling (view_mentions).
    // (an entity's name is the rules', which outlive every run and document)
    m->key = entity >= 0 ? (char *)sc->rules->entities[entity].name : NULL;
    if (!m->surface)
        return FD_ERR_NOMEM;
    return 0;
}

// True if token t may be a word of an alias after the first: a truncated word
// matches no rule, and a number or a punctuation mark but a hyphen ends a name.
static bool alias_word_token(const token *t) {
    return !t->truncated && t->type != TK_NUM && (t->type != TK_PUNCT || t->p == '-');
}

// True if an alias of range r may start at a token whose next token is next
// (NULL when that can be no alias word): one of the word alone, or one whose
// second word is next. The first letter settles most without a call.
static bool range_may_fit(const fd_ruleset *rules, const alias_range *r,
                          const char *next) {
    if (r->single)
        return true;
    if (!next || !(r->seconds & letter_bit(next[0])))
        return false; // no second word starts with next's letter: no alias read
    for (uint32_t a = r->first; a < r->first + r->count; a++) {
        const fdp_alias *al = &rules->aliases[a];
        if (al->nwords >= 2 && al->words[1][0] == next[0] && !strcmp(al->words[1], next))
            return true;
    }
    return false;
}

// The longest alias of range r starting at token k: the words after it are
// read in place, never copied. A range whose aliases all want another second
// word is rejected before any word is gathered: "the" starts a few aliases
// and a tenth of the words of a text.
static int alias_words_at(const scan *sc, const token *t, size_t k, size_t n,
                          const alias_range *r, int *matched) {
    const char *words[MAX_NAME_WORDS], *raw[MAX_NAME_WORDS];
    size_t rawlen[MAX_NAME_WORDS];
    const char *next = k + 1 < n && alias_word_token(&t[k + 1]) ? t[k + 1].w : NULL;
    if (!range_may_fit(sc->rules, r, next))
        return -1; // as fdp_rules_match_alias_in would find, *matched 0
    int most = r->most < MAX_NAME_WORDS ? r->most : MAX_NAME_WORDS, w = 0;
    for (size_t j = k; j < n && w < most && alias_word_token(&t[j]); j++, w++) {
        words[w] = t[j].w;
        raw[w] = sc->d->text + t[j].start;
        rawlen[w] = t[j].end - t[j].start;
    }
    return fdp_rules_match_alias_in(sc->rules, r->first, r->count, words, raw, rawlen, w,
                                    matched);
}

// False when no alias starts at token t: a bit of the rules' filter, at the
// token's own hash, says so for nearly every word, with no word read. Inline,
// so that those words cost no call.
static inline bool may_start_alias(const scan *sc, const token *t) {
    return t->type == TK_WORD && !t->truncated && fdp_rules_alias_may_start(sc->rules, t->hash);
}

// The aliases starting with word token t's word (fdp_rules_aliases_of) into
// *r; false when none does.
static bool find_aliases(const fd_ruleset *rules, const token *t, alias_range *r) {
    *r = (alias_range){0};
    if (!fdp_rules_aliases_of(rules, t->w, t->hash, &r->first, &r->count))
        return false;
    for (uint32_t a = r->first; a < r->first + r->count; a++) {
        const fdp_alias *al = &rules->aliases[a];
        r->most = al->nwords > r->most ? al->nwords : r->most;
        r->single = r->single || al->nwords == 1;
        r->seconds |= al->nwords >= 2 ? letter_bit(al->words[1][0]) : 0;
    }
    return true;
}

// find_aliases through the memo when the word has a lexicon entry (a word
// without one is rarer and seldom met again: a memo of it costs more than it
// saves).
static bool word_aliases(scan *sc, const token *t, alias_range *r) {
    if (!t->lex)
        return find_aliases(sc->rules, t, r);
    alias_memo *m = &sc->memo[t->hash & (ALIAS_MEMO - 1)];
    if (m->lex != t->lex) {
        m->lex = t->lex;
        m->found = find_aliases(sc->rules, t, &m->range);
    }
    *r = m->range;
    return m->found;
}

// The alias match starting at token k (short capital aliases need capitals).
static int alias_at(scan *sc, const token *t, size_t k, size_t n, int *matched) {
    *matched = 0;
    alias_range r;
    if (!may_start_alias(sc, &t[k]) || !word_aliases(sc, &t[k], &r))
        return -1;
    return alias_words_at(sc, t, k, n, &r, matched);
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
                      (t[j].type == TK_WORD && !t[j].cap && tk_has(&t[j], FDP_WL_NAME_PARTICLES));
        if (!joiner || !found || j + 1 >= n)
            break;
    }
    return found;
}

static int scan_paragraph(scan *sc, const token *t, size_t n) {
    for (size_t k = 0; k < n; k++) {
        if (t[k].type != TK_WORD)
            continue;
        int matched = 0;
        int e = may_start_alias(sc, &t[k]) ? alias_at(sc, t, k, n, &matched) : -1;
        // A name is written with a capital somewhere ("the Observatory"); a lowercase
        // tag list ("isis | unesco | syria") is page furniture.
        if (e >= 0 && !t[k].cap && !t[k + (size_t)matched - 1].cap)
            e = -1;
        // A longer capitalised name wins over a shorter alias when no alias follows
        // it: "Victoria Park" is no mention of Victoria, the Seychelles' capital.
        size_t span;
        if (e >= 0 && t[k].cap && span_at(t, k, n, &span) && span > k + (size_t)matched - 1) {
            int after;
            if (alias_at(sc, t, k + (size_t)matched, n, &after) < 0)
                e = -1;
        }
        if (e >= 0) {
            int rc = add_mention(sc, t, k, k + (size_t)matched - 1, e);
            if (rc < 0)
                return rc;
            k += (size_t)matched - 1;
            continue;
        }
        if (!t[k].cap || tk_has(&t[k], FDP_WL_NOT_NAMES))
            continue;
        size_t end;
        if (!span_at(t, k, n, &end))
            continue;
        // An alias inside the span starts a mention of its own:
        // "Syrian | President Bashar al-Assad".
        for (size_t j = k + 1; j <= end && sc->rules; j++) {
            int inner;
            if (t[j].cap && may_start_alias(sc, &t[j]) && alias_at(sc, t, j, n, &inner) >= 0) {
                end = j - 1;
                while (end > k && t[end].type != TK_WORD)
                    end--;
                break;
            }
        }
        // A single word opening a sentence is as likely an ordinary word.
        if (end == k && t[k].sent_start)
            continue;
        int rc = add_mention(sc, t, k, end, -1);
        if (rc < 0)
            return rc;
        k = end;
    }
    return 0;
}

int fdp_find_mentions(const fd_ruleset *rules, fdp_doc *d, const fdp_doc_tokens *toks) {
    scan sc = {rules, d, {0, 1, 1}, {{0}}};
    int rc = 0;
    for (size_t p = 0; p < toks->npara && rc == 0; p++)
        if (toks->paras[p].n) // an empty paragraph has no tokens, maybe no list at all
            rc = scan_paragraph(&sc, toks->list.t + toks->paras[p].first, toks->paras[p].n);
    return rc;
}

/*
 * True if two spellings may be one name by a typo: one word each, or the same
 * number of words with one differing, not a title or institution word.
 */
static bool typo_candidates(const fd_ruleset *rules, const char *a, const char *b) {
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
            // Title and institution words: "Defence Minister" / "Defence Ministry"
            // are two things, never a misspelling.
            if (++differ > 1 || fdp_rules_has_wordn(rules, FDP_WL_INSTITUTION_WORDS, a, la) ||
                fdp_rules_has_wordn(rules, FDP_WL_INSTITUTION_WORDS, b, lb))
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

/* The distinct identities of a set of names being clustered: for each, its
 * entity (or -1), its spelling key, a spelling as written, and its root. */
typedef struct identities {
    size_t n;
    int *parent, *entity;
    char **spell;
    const char **surface;
    fdp_spellings *sp; /* the run's spellings, whose keys are made once, or NULL;
                          with them, spell[] borrows their keys */
} identities;

static void merge(identities *ids, size_t a, size_t b) {
    int ra = find_root(ids->parent, (int)a), rb = find_root(ids->parent, (int)b);
    if (ra != rb)
        ids->parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
}

// The key of the last word of a name of two words or more ("Recep Tayyip
// Erdogan": "erdogan"), or NULL: a name of one word, or out of memory.
// A surname is often written alone too: its key is then the spelling's (sp).
static char *last_word_key(const fd_ruleset *rules, fdp_spellings *sp, const char *surface) {
    const char *w = strrchr(surface, ' ');
    if (!w || !w[1])
        return NULL;
    if (!sp)
        return fd_name_key(rules, w + 1, strlen(w + 1), NULL);
    long id = fdp_intern_find(&sp->tab, w + 1);
    if (id < 0)
        return fdp_spellings_make_key(sp, w + 1, strlen(w + 1));
    const char *key = fdp_spelling_key(sp, (uint32_t)id);
    return key ? fdp_strdup(key) : NULL;
}

/* The full names of a set of identities by the key of their last word: the
 * identities b whose last[b] is one key, chained in increasing order. */
typedef struct last_words {
    char **last;      /* by identity: its last word's key, or NULL */
    fdp_intern keys;  /* the distinct last[b] */
    size_t *head;     /* by key: its first identity */
    size_t *next;     /* by identity: the next with its key, or n for none */
} last_words;

static void last_words_free(last_words *lw, size_t n) {
    for (size_t b = 0; lw->last && b < n; b++)
        free(lw->last[b]);
    free(lw->last);
    free(lw->head);
    free(lw->next);
    fdp_intern_free(&lw->keys);
}

// The last words of every identity of two words or more that is no place,
// indexed by key. Returns 0 or FD_ERR_NOMEM (lw is to be freed either way).
static int index_last_words(const fd_ruleset *rules, const identities *ids, last_words *lw) {
    size_t n = ids->n;
    *lw = (last_words){calloc(n + 1, sizeof *lw->last), {0}, NULL,
                       malloc((n + 1) * sizeof *lw->next)};
    int rc = lw->last && lw->next ? 0 : FD_ERR_NOMEM;
    for (size_t b = 0; b < n && rc == 0; b++) {
        bool place = ids->entity[b] >= 0 && rules->entities[ids->entity[b]].type == FDP_ENT_PLACE;
        if (!place && strchr(ids->surface[b], ' ')) {
            lw->last[b] = last_word_key(rules, ids->sp, ids->surface[b]);
            rc = lw->last[b] && fdp_intern_add(&lw->keys, lw->last[b], NULL) >= 0 ? 0
                                                                                  : FD_ERR_NOMEM;
        }
    }
    lw->head = rc == 0 ? malloc((lw->keys.n + 1) * sizeof *lw->head) : NULL;
    if (rc == 0 && !lw->head)
        rc = FD_ERR_NOMEM;
    for (size_t k = 0; k < lw->keys.n && rc == 0; k++)
        lw->head[k] = n;
    for (size_t b = n; b-- > 0 && rc == 0;) // from the last, so each chain ascends
        if (lw->last[b]) {
            size_t k = (size_t)fdp_intern_find(&lw->keys, lw->last[b]);
            lw->next[b] = lw->head[k];
            lw->head[k] = b;
        }
    return rc;
}

/*
 * "Erdogan" in a document set that also writes "Recep Tayyip Erdogan": a
 * surname alone stands for the one full name ending with it, unless the rules
 * know the surname, or the full name is a place ("York", "New York"), or two
 * full names end with it ("Bashar al-Assad", "Hafez al-Assad"). The full names
 * ending with a surname are looked up by its key, and met in increasing order,
 * as a scan of every identity would meet them.
 */
static int merge_surnames(const fd_ruleset *rules, identities *ids) {
    last_words lw;
    int rc = index_last_words(rules, ids, &lw);
    for (size_t a = 0; a < ids->n && rc == 0; a++) {
        if (ids->entity[a] >= 0 || strchr(ids->surface[a], ' ') ||
            strlen(ids->spell[a]) < MIN_SURNAME)
            continue;
        long k = fdp_intern_find(&lw.keys, ids->spell[a]);
        int full = -1;
        bool ambiguous = false;
        for (size_t b = k >= 0 ? lw.head[k] : ids->n; b < ids->n && !ambiguous; b = lw.next[b]) {
            int rb = find_root(ids->parent, (int)b);
            ambiguous = full >= 0 && find_root(ids->parent, full) != rb;
            full = (int)b;
        }
        if (full >= 0 && !ambiguous)
            merge(ids, a, (size_t)full);
    }
    last_words_free(&lw, ids->n);
    return rc;
}

// Merges identities a < b if their keys (la and lb letters) are close and
// their spellings may be one name.
static void merge_if_close(const fd_ruleset *rules, identities *ids, size_t a, size_t b,
                           size_t la, size_t lb) {
    if (ids->entity[a] >= 0 && ids->entity[b] >= 0)
        return; // two entities the rules keep apart
    // fdp_keys_close with the lengths known; keys too short to be close are
    // so only when equal: no call for those.
    bool equal = la == lb && !strcmp(ids->spell[a], ids->spell[b]);
    bool close = equal || ((la < lb ? la : lb) >= FDP_KEYS_CLOSE_MIN &&
                           fdp_keys_near(ids->spell[a], la, ids->spell[b], lb));
    if (close && (equal || typo_candidates(rules, ids->surface[a], ids->surface[b])))
        merge(ids, a, b);
}

/* The identities as the blocks of close keys order them: by first letter, then
 * length, then index (two stable counting sorts), with each one's first letter
 * and length. */
typedef struct key_blocks {
    uint32_t *first, *len; /* by identity */
    uint32_t *order, *tmp; /* the identities in block order; room for the sort */
} key_blocks;

static void key_blocks_free(key_blocks *kb) {
    free(kb->first);
    free(kb->len);
    free(kb->order);
    free(kb->tmp);
}

static int order_key_blocks(const identities *ids, key_blocks *kb) {
    size_t n = ids->n;
    *kb = (key_blocks){
        malloc((n + 1) * sizeof *kb->first), malloc((n + 1) * sizeof *kb->len),
        malloc((n + 1) * sizeof *kb->order), malloc((n + 1) * sizeof *kb->tmp)};
    if (n >= UINT32_MAX || !kb->first || !kb->len || !kb->order || !kb->tmp)
        return FD_ERR_NOMEM;
    uint32_t longest = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(ids->spell[i]); // a key is shorter than its document
        kb->first[i] = (unsigned char)ids->spell[i][0];
        kb->len[i] = len < UINT32_MAX - 1 ? (uint32_t)len : UINT32_MAX - 2;
        longest = kb->len[i] > longest ? kb->len[i] : longest;
        kb->tmp[i] = (uint32_t)i;
    }
    int rc = fdp_counting_sort(kb->tmp, n, kb->len, (size_t)longest + 1, kb->order);
    return rc < 0 ? rc : fdp_counting_sort(kb->order, n, kb->first, 256, kb->tmp);
}

/*
 * Merges identities whose keys are close (a typo or a romanisation variant),
 * unless both are different entities of the rules; then surnames with their
 * full names. Close keys share their first letter and differ in length by one
 * at most (fdp_keys_close), so only those pairs are tried, in blocks sorted by
 * first letter and length; the clusters are the same as over all pairs (the
 * relation is fixed and a cluster's root is its first identity).
 */
static int merge_identities(const fd_ruleset *rules, identities *ids) {
    key_blocks kb;
    int rc = order_key_blocks(ids, &kb);
    const uint32_t *order = kb.tmp; // the second sort's output
    for (size_t i = 0; i < ids->n && rc == 0; i++) {
        uint32_t a = order[i];
        for (size_t j = i + 1; j < ids->n && kb.first[order[j]] == kb.first[a] &&
                               kb.len[order[j]] <= kb.len[a] + 1;
             j++) {
            uint32_t b = order[j];
            if (a < b)
                merge_if_close(rules, ids, a, b, kb.len[a], kb.len[b]);
            else
                merge_if_close(rules, ids, b, a, kb.len[b], kb.len[a]);
        }
    }
    key_blocks_free(&kb);
    if (rc < 0)
        return rc;
    return rules ? merge_surnames(rules, ids) : 0;
}

static void identities_free(identities *ids) {
    for (size_t i = 0; ids->spell && !ids->sp && i < ids->n; i++)
        free(ids->spell[i]); // with spellings, their keys (borrowed)
    free(ids->spell);
    free(ids->surface);
    free(ids->entity);
    free(ids->parent);
    *ids = (identities){0};
}

static int identities_init(identities *ids, size_t n) {
    *ids = (identities){n, malloc(n * sizeof(int)), malloc(n * sizeof(int)),
                        calloc(n, sizeof(char *)), calloc(n, sizeof(char *)), NULL};
    if (!ids->parent || !ids->entity || !ids->spell || !ids->surface) {
        identities_free(ids);
        return FD_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        ids->parent[i] = (int)i;
        ids->entity[i] = -1;
    }
    return 0;
}

/*
 * The clustering's view of the run's mentions, by mention (run->mentions order,
 * which is their order in memory): what it reads of each is gathered in one
 * pass, so that the passes in cluster order read compact arrays, not mentions
 * scattered over the documents, and each mention is written once at the end.
 */
typedef struct mention_view {
    fdp_spellings sp;  /* the spellings: sp.of[i] is mention i's */
    int *entity;       /* by mention: its entity, or -1 */
    uint32_t *cluster; /* by mention: its cluster, numbered below nclusters */
    size_t nclusters;
    int *count;        /* by mention: the mentions of its spelling in its cluster */
    const char **name; /* by cluster: its display name */
} mention_view;

static void view_free(mention_view *v) {
    fdp_spellings_free(&v->sp);
    free(v->entity);
    free(v->cluster);
    free(v->count);
    free(v->name);
}

/*
 * The one pass over the mentions: each one's spelling and entity, and the key
 * of every mention that names no entity of the rules, its spelling's key,
 * computed once per distinct spelling (a run names the same few hundred names
 * thousands of times, and a key costs a fold and a transliteration). Each
 * mention owns its copy of its key, or, when its document's keys are pooled,
 * borrows the run's pooled one, looked up in the pool once per spelling too.
 */
static int view_mentions(fd_run *r, mention_view *v) {
    size_t n = r->nmentions;
    *v = (mention_view){.entity = malloc((n + 1) * sizeof *v->entity),
                        .cluster = malloc((n + 1) * sizeof *v->cluster),
                        .count = malloc((n + 1) * sizeof *v->count)};
    int rc = fdp_spellings_init(&v->sp, r->rules, n);
    if (rc == 0 && (!v->entity || !v->cluster || !v->count))
        rc = FD_ERR_NOMEM;
    for (size_t i = 0; i < n && rc == 0; i++) {
        fdp_mention *m = r->mentions[i];
        long id = fdp_spellings_add(&v->sp, i, m->surface, m->doc->strings_pooled);
        v->entity[i] = m->entity;
        if (id >= 0 && !m->key) {
            // the run's pooled copy when its document keeps its keys there (a
            // check: a copy per mention was a tenth of its memory), else its own
            const char *key =
                m->doc->keys_pooled
                    ? fdp_spelling_pooled_key(&v->sp, (uint32_t)id, &r->strings)
                    : fdp_spelling_key(&v->sp, (uint32_t)id);
            m->key = !key || m->doc->keys_pooled ? (char *)key : fdp_strdup(key);
        }
        rc = id >= 0 && m->key ? 0 : FD_ERR_NOMEM;
    }
    return rc == 0 ? fdp_spellings_rank(&v->sp) : rc;
}

/*
 * Numbers the identities: v->cluster[i] is the place of mention i's key (its
 * entity's name, or its spelling's key) among the distinct keys in strcmp
 * order. A key depends only on the mention's entity, or, naming none, its
 * spelling, so each is looked up once per entity and spelling, not once per
 * mention. Returns the number of identities, or FD_ERR_NOMEM.
 */
static long number_identities(const fd_run *r, mention_view *v) {
    size_t nent = r->rules ? r->rules->nentities : 0, nmemo = nent + v->sp.tab.n;
    long *memo = malloc((nmemo + 1) * sizeof *memo); // by entity, then by spelling
    fdp_intern keys = {0};
    long rc = memo ? 0 : FD_ERR_NOMEM;
    for (size_t k = 0; k < nmemo && rc == 0; k++)
        memo[k] = -1;
    for (size_t i = 0; i < r->nmentions && rc == 0; i++) {
        long *k = &memo[v->entity[i] >= 0 ? (size_t)v->entity[i] : nent + v->sp.of[i]];
        if (*k < 0)
            *k = fdp_intern_add(&keys, r->mentions[i]->key, NULL);
        rc = *k < 0 ? FD_ERR_NOMEM : 0;
        v->cluster[i] = (uint32_t)*k;
    }
    uint32_t *rank = rc == 0 ? malloc((keys.n + 1) * sizeof *rank) : NULL;
    if (rc == 0)
        rc = rank ? fdp_intern_ranks(&keys, rank) : FD_ERR_NOMEM;
    for (size_t i = 0; i < r->nmentions && rc == 0; i++)
        v->cluster[i] = rank[v->cluster[i]];
    if (rc == 0)
        rc = (long)keys.n;
    free(rank);
    free(memo);
    fdp_intern_free(&keys);
    return rc;
}

/*
 * Clusters mentions: equal identities (entity name or key) first, then
 * merge_identities. Sets v->cluster[i] to mention i's cluster, numbered below
 * v->nclusters (the number of identities). Returns 0 or FD_ERR_NOMEM.
 */
static int cluster_mentions(fd_run *r, mention_view *v) {
    size_t n = r->nmentions;
    if (!n)
        return 0;
    long u = number_identities(r, v);
    if (u < 0)
        return (int)u;
    v->nclusters = (size_t)u;
    identities ids;
    int rc = identities_init(&ids, (size_t)u);
    ids.sp = &v->sp;
    // Entity of each identity (or -1), its spelling key for closeness, and a
    // spelling as written: its first mention's.
    for (size_t i = 0; i < n && rc == 0; i++) {
        uint32_t c = v->cluster[i];
        if (v->entity[i] >= 0)
            ids.entity[c] = v->entity[i];
        if (!ids.spell[c]) {
            ids.spell[c] = (char *)fdp_spelling_key(&v->sp, v->sp.of[i]); // borrowed
            ids.surface[c] = r->mentions[i]->surface;
            rc = ids.spell[c] ? 0 : FD_ERR_NOMEM;
        }
    }
    if (rc == 0)
        rc = merge_identities(r->rules, &ids);
    for (size_t i = 0; i < n && rc == 0; i++)
        v->cluster[i] = (uint32_t)find_root(ids.parent, (int)v->cluster[i]);
    identities_free(&ids);
    return rc;
}

// The apostrophe at s, ' or U+2019 (typography, not spelling): its length, or 0.
static size_t apostrophe(const char *s) {
    return *s == '\'' ? 1 : !strncmp(s, "\xe2\x80\x99", 3) ? 3 : 0;
}

// Case-insensitive equality of two spellings ("UNESCO" / "Unesco" is style;
// "Ireland's" / "Ireland’s" is typography).
static bool same_spelling(const char *a, const char *b) {
    while (*a && *b) {
        size_t qa = apostrophe(a), qb = apostrophe(b);
        if (qa && qb) {
            a += qa;
            b += qb;
            continue;
        }
        if ((*a | 32) != (*b | 32))
            return false;
        a++, b++;
    }
    return *a == *b;
}

/* A mention in the order of the clusters: by cluster, then spelling, then
 * reading order. */
typedef struct by_cluster {
    uint32_t cluster;
    uint32_t spelling; /* its spelling id: equal ids, equal surfaces */
    uint32_t index;    /* in run->mentions (32 bits: a run of 80 MB has a million) */
} by_cluster;

/* The clusters: mentions sorted by cluster and spelling, and each cluster's
 * range [from, to) in that order. */
typedef struct clusters {
    by_cluster *order;
    size_t n;
    struct range {
        size_t from, to;
    } *ranges;
    size_t nranges;
} clusters;

/*
 * Orders the mentions by cluster, spelling (strcmp order) and reading order
 * into cs->order: two stable counting sorts of the reading order, by the rank
 * of the spelling, then by cluster. No string is compared.
 */
static int sort_by_cluster(const mention_view *v, size_t n, clusters *cs) {
    if (n >= UINT32_MAX)
        return FD_ERR_NOMEM; // more mentions than 32-bit indexes: never in memory anyway
    uint32_t *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
    uint32_t *rank = malloc((n + 1) * sizeof *rank); // by mention: its spelling's rank
    int rc = a && b && rank ? 0 : FD_ERR_NOMEM;
    for (size_t i = 0; i < n && rc == 0; i++) {
        a[i] = (uint32_t)i;
        rank[i] = v->sp.rank[v->sp.of[i]];
    }
    if (rc == 0)
        rc = fdp_counting_sort(a, n, rank, v->sp.tab.n, b);
    if (rc == 0)
        rc = fdp_counting_sort(b, n, v->cluster, v->nclusters, a);
    for (size_t k = 0; k < n && rc == 0; k++)
        cs->order[k] = (by_cluster){v->cluster[a[k]], v->sp.of[a[k]], a[k]};
    free(a);
    free(b);
    free(rank);
    return rc;
}

// The name of the cluster of cs->order[a, b): its entity's name, or the spelling
// written most often (the first of those in strcmp order). Sets v->count of its
// mentions.
static const char *name_cluster(const fd_run *r, mention_view *v, const clusters *cs,
                                size_t a, size_t b) {
    size_t best_n = 0;
    const char *best = NULL, *entity = NULL;
    for (size_t s = a; s < b;) { // each spelling is a run
        size_t e = s;
        while (e < b && cs->order[e].spelling == cs->order[s].spelling) {
            int ent = v->entity[cs->order[e].index];
            if (ent >= 0)
                entity = r->rules->entities[ent].name;
            e++;
        }
        for (size_t k = s; k < e; k++)
            v->count[cs->order[k].index] = (int)(e - s);
        if (e - s > best_n) {
            best = r->mentions[cs->order[s].index]->surface;
            best_n = e - s;
        }
        s = e;
    }
    return entity ? entity : best;
}

/*
 * Orders the mentions by cluster and spelling, and names each cluster. Writes
 * each mention's cluster, name and spelling count, in reading order.
 */
static int order_clusters(fd_run *r, mention_view *v, clusters *cs) {
    size_t n = r->nmentions;
    cs->order = malloc(sizeof *cs->order * (n + 1));
    cs->ranges = malloc(sizeof *cs->ranges * (v->nclusters + 1)); // a range per cluster
    v->name = malloc(sizeof *v->name * (v->nclusters + 1));
    if (!cs->order || !cs->ranges || !v->name)
        return FD_ERR_NOMEM;
    int rc = sort_by_cluster(v, n, cs);
    if (rc < 0)
        return rc;
    cs->n = n;
    cs->nranges = 0;
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && cs->order[b].cluster == cs->order[a].cluster)
            b++;
        v->name[cs->order[a].cluster] = name_cluster(r, v, cs, a, b);
        cs->ranges[cs->nranges++] = (struct range){a, b};
        a = b;
    }
    for (size_t i = 0; i < n; i++) {
        fdp_mention *m = r->mentions[i];
        m->cluster = (int)v->cluster[i];
        m->name = v->name[v->cluster[i]];
        m->spelling_count = v->count[i];
    }
    return 0;
}

/* ---- the names listing ----------------------------------------------------- */

typedef struct listed {
    size_t mentions;
    const char *name;
    size_t range;
} listed;

// Largest cluster first, then by name.
static int cmp_listed(const void *a, const void *b) {
    const listed *x = a, *y = b;
    if (x->mentions != y->mentions)
        return x->mentions > y->mentions ? -1 : 1;
    return strcmp(x->name, y->name);
}

// One entry of the names listing: the cluster's name, type and spellings.
static int list_cluster(const fd_run *r, const mention_view *v, const clusters *cs,
                        size_t range, fdp_name *out) {
    static const char *const types[] = {"place", "group", "person", "organisation", "other"};
    size_t from = cs->ranges[range].from, to = cs->ranges[range].to;
    int entity = -1;
    for (size_t i = from; i < to && entity < 0; i++)
        entity = v->entity[cs->order[i].index];
    out->name = v->name[cs->order[from].cluster];
    out->type = entity >= 0 ? types[r->rules->entities[entity].type] : "name";
    out->mentions = to - from;
    size_t spellings = 0;
    for (size_t i = from; i < to; i++)
        spellings += i == from || cs->order[i].spelling != cs->order[i - 1].spelling;
    out->spellings = malloc(sizeof *out->spellings * spellings);
    if (!out->spellings)
        return FD_ERR_NOMEM;
    for (size_t i = from; i < to;) {
        size_t j = i;
        while (j < to && cs->order[j].spelling == cs->order[i].spelling)
            j++;
        // The first mention of a run is the earliest: ties sort by reading order.
        const fdp_mention *first = r->mentions[cs->order[i].index];
        out->spellings[out->nspellings++] = (fdp_spelling){first->surface, j - i, first};
        i = j;
    }
    return 0;
}

static int list_names(fd_run *r, const mention_view *v, const clusters *cs) {
    listed *ls = malloc(sizeof *ls * (cs->nranges + 1));
    r->names = calloc(cs->nranges + 1, sizeof *r->names);
    if (!ls || !r->names) {
        free(ls);
        return FD_ERR_NOMEM;
    }
    for (size_t i = 0; i < cs->nranges; i++)
        ls[i] = (listed){cs->ranges[i].to - cs->ranges[i].from,
                         v->name[cs->order[cs->ranges[i].from].cluster], i};
    if (cs->nranges)
        qsort(ls, cs->nranges, sizeof *ls, cmp_listed);
    int rc = 0;
    for (size_t i = 0; i < cs->nranges && rc == 0; i++) {
        rc = list_cluster(r, v, cs, ls[i].range, &r->names[i]);
        r->nnames = i + 1;
    }
    free(ls);
    return rc;
}

/* ---- spelling variants ----------------------------------------------------- */

// A variant finding resting on mentions ms[0..n) (one per spelling, document order).
static int add_variant(fd_run *r, const fdp_mention **ms, int n) {
    fdp_finding *f = fdp_run_new_finding(r);
    if (!f)
        return FD_ERR_NOMEM;
    const char *name = ms[0]->name;
    f->kind = FDP_VARIANT;
    f->mentions = malloc(sizeof *f->mentions * (size_t)n);
    if (!f->mentions)
        return FD_ERR_NOMEM;
    fdp_buf key = {0}, s = {0};
    fdp_buf_printf(&key, "name/%s", name);
    fdp_buf_printf(&s, "%s is spelled ", name);
    f->anchor_mention = ms[0];
    for (int i = 0; i < n; i++) {
        f->mentions[i] = ms[i];
        // Anchored on the rarest spelling: "Pescov" here, where the others write "Peskov".
        if (ms[i]->spelling_count < f->anchor_mention->spelling_count)
            f->anchor_mention = ms[i];
        fdp_buf_printf(&s, "%s\"%s\" (%s)", i ? (i + 1 == n ? " and " : ", ") : "",
                       ms[i]->surface, fdp_basename(ms[i]->doc->path));
    }
    f->nmentions = n;
    f->docs = f->sources = n;
    f->key = fdp_buf_take(&key);
    f->label = fdp_strdup(name);
    f->summary = fdp_buf_take(&s);
    return f->key && f->label && f->summary ? 0 : FD_ERR_NOMEM;
}

#define MAX_SPELLINGS 64 /* a name is not spelled 64 ways */

/*
 * The spellings of one cluster that are variants of each other (close keys:
 * "Peskov" and "Pescov", "Raqa" and "al-Raqqa"), not synonyms or longer forms
 * ("ISIS" and "Daesh", "Dmitry Peskov" and "Peskov", which the rules or the
 * clustering unify but no one would call a misspelling). Fills out with one
 * mention of each, in reading order; returns their count, or FD_ERR_NOMEM.
 */
static int variant_spellings(const fd_run *r, fdp_spellings *sp, const clusters *cs,
                             size_t range, const fdp_mention **out, int *docs) {
    size_t spell[MAX_SPELLINGS];
    const char *keys[MAX_SPELLINGS];
    bool in[MAX_SPELLINGS];
    int k = 0, rc = 0;
    size_t from = cs->ranges[range].from;
    // The first mention of each spelling: the rest of its run add nothing.
    for (size_t b = from; b < cs->ranges[range].to; b++) {
        if (b > from && cs->order[b].spelling == cs->order[b - 1].spelling)
            continue;
        const fdp_mention *o = r->mentions[cs->order[b].index];
        bool seen = false;
        for (int q = 0; q < k && !seen; q++)
            seen = same_spelling(r->mentions[spell[q]]->surface, o->surface);
        if (!seen && k < MAX_SPELLINGS) {
            keys[k] = fdp_spelling_key(sp, cs->order[b].spelling);
            in[k] = false;
            rc = keys[k] ? rc : FD_ERR_NOMEM;
            spell[k++] = cs->order[b].index;
        }
    }
    for (int x = 0; x < k; x++)
        for (int y = x + 1; y < k; y++)
            if (keys[x] && keys[y] && fdp_keys_close(keys[x], keys[y]))
                in[x] = in[y] = true;
    // Reading order reads better than alphabetical.
    size_t picked[MAX_SPELLINGS];
    int m = 0;
    for (int x = 0; x < k; x++)
        if (in[x])
            picked[m++] = spell[x];
    for (int x = 1; x < m; x++)
        for (int y = x; y > 0 && picked[y] < picked[y - 1]; y--) {
            size_t tmp = picked[y];
            picked[y] = picked[y - 1];
            picked[y - 1] = tmp;
        }
    *docs = 0;
    for (int x = 0; x < m; x++) {
        out[x] = r->mentions[picked[x]];
        *docs += x == 0 || out[x]->doc != out[x - 1]->doc;
    }
    return rc < 0 ? rc : m;
}

static int variant_findings(fd_run *r, fdp_spellings *sp, const clusters *cs) {
    const fdp_mention *ms[MAX_SPELLINGS];
    int rc = 0;
    for (size_t i = 0; i < cs->nranges && rc == 0; i++) {
        int docs = 0;
        int m = variant_spellings(r, sp, cs, i, ms, &docs);
        if (m < 0)
            rc = m;
        else if (m >= 2 && docs >= 2)
            rc = add_variant(r, ms, m);
    }
    return rc;
}

// Clusters the run's mentions, orders them by cluster and names each cluster
// (each mention's cluster, name and spelling count written); then the names
// listing (list) or the variant findings.
static int cluster_run(fd_run *r, bool list) {
    clusters cs = {0};
    mention_view v = {0};
    int rc = view_mentions(r, &v);
    if (rc == 0)
        rc = cluster_mentions(r, &v);
    if (rc == 0)
        rc = order_clusters(r, &v, &cs);
    if (rc == 0)
        rc = list ? list_names(r, &v, &cs) : variant_findings(r, &v.sp, &cs);
    free(cs.order);
    free(cs.ranges);
    view_free(&v);
    return rc;
}

int fdp_cluster_names(fd_run *r) { return cluster_run(r, false); }

int fdp_list_names(fd_run *r) { return cluster_run(r, true); }

char *fd_normalize_name(const fd_ruleset *rules, const char *name, size_t len, fd_error *err) {
    fdp_error_clear(err);
    if (fdp_utf8_invalid_at(name, len) < len) {
        fdp_error_set(err, FD_ERR_ENCODING, "<string>", 0, 0, fdp_utf8_invalid_at(name, len),
                      "invalid UTF-8 in name");
        return NULL;
    }
    char *words[32], *raw[32];
    int n = fdp_split_words(name, len, words, raw, 32);
    if (n < 0) {
        fdp_error_set(err, FD_ERR_NOMEM, "<string>", 0, 0, 0, "out of memory");
        return NULL;
    }
    char *result = NULL;
    int skip = (n > 1 && words[0] && strcmp(words[0], "the") == 0) ? 1 : 0;
    if (rules) {
        int matched = 0;
        int e = fdp_rules_match_alias(rules, words + skip, raw + skip, n - skip, &matched);
        if (e >= 0 && matched == n - skip)
            result = fdp_strdup(rules->entities[e].name);
    }
    if (!result) {
        fdp_buf b = {0};
        for (int i = 0; i < n; i++) {
            bool hyphen = strcmp(words[i], "-") == 0;
            if (i > 0 && !hyphen && strcmp(words[i - 1], "-") != 0)
                fdp_buf_putc(&b, ' ');
            fdp_buf_puts(&b, words[i]);
        }
        result = fdp_buf_take(&b);
    }
    for (int i = 0; i < n; i++) {
        free(words[i]);
        free(raw[i]);
    }
    if (!result)
        fdp_error_set(err, FD_ERR_NOMEM, "<string>", 0, 0, 0, "out of memory");
    return result;
}

char *fd_name_key(const fd_ruleset *rules, const char *name, size_t len, fd_error *err) {
    return fdp_name_key(rules ? &rules->name_keys : NULL, name, len, err);
}

// The identity check gives one name: its entity, when the alias rules name
// the whole of it, else its romanisation key; *entity the entity or -1.
static char *identity_of(const fd_ruleset *rules, const char *name, int *entity,
                         fd_error *err) {
    *entity = -1;
    char *canon = fd_normalize_name(rules, name, strlen(name), err);
    if (!canon)
        return NULL;
    for (size_t e = 0; rules && e < rules->nentities; e++)
        if (!strcmp(rules->entities[e].name, canon)) {
            *entity = (int)e;
            return canon;
        }
    free(canon);
    return fd_name_key(rules, name, strlen(name), err);
}

int fd_name_identities(const fd_ruleset *rules, const char *const *names, size_t n,
                       char **keys, fd_error *err) {
    fdp_error_clear(err);
    for (size_t i = 0; i < n; i++)
        keys[i] = NULL;
    if (!n)
        return 0;
    identities ids;
    if (identities_init(&ids, n) < 0) {
        fdp_error_set(err, FD_ERR_NOMEM, "<names>", 0, 0, 0, "out of memory");
        return FD_ERR_NOMEM;
    }
    char **ident = calloc(n, sizeof *ident);
    int rc = ident ? 0 : FD_ERR_NOMEM;
    for (size_t i = 0; i < n && rc == 0; i++) {
        ident[i] = identity_of(rules, names[i], &ids.entity[i], err);
        ids.spell[i] = ident[i] ? fd_name_key(rules, names[i], strlen(names[i]), err) : NULL;
        ids.surface[i] = names[i];
        rc = ids.spell[i] ? 0 : err && err->code ? err->code : FD_ERR_NOMEM;
    }
    // Equal identities are one name, as equal mention keys are.
    for (size_t a = 0; a < n && rc == 0; a++)
        for (size_t b = a + 1; b < n; b++)
            if (!strcmp(ident[a], ident[b]))
                merge(&ids, a, b);
    if (rc == 0)
        rc = merge_identities(rules, &ids);
    for (size_t i = 0; i < n && rc == 0; i++) {
        // the cluster's entity, if one of its names is one, else the key of
        // its longest name ("Recep Tayyip Erdogan" for "Erdogan")
        size_t root = (size_t)find_root(ids.parent, (int)i), pick = root;
        for (size_t k = 0; k < n; k++) {
            if ((size_t)find_root(ids.parent, (int)k) != root || ids.entity[pick] >= 0)
                continue;
            if (ids.entity[k] >= 0 || strlen(names[k]) > strlen(names[pick]))
                pick = k;
        }
        keys[i] = fdp_strdup(ident[pick]);
        rc = keys[i] ? 0 : FD_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        if (ident)
            free(ident[i]);
        if (rc != 0) { // on failure no key is handed out
            free(keys[i]);
            keys[i] = NULL;
        }
    }
    free(ident);
    identities_free(&ids);
    if (rc == FD_ERR_NOMEM && err && !err->code)
        fdp_error_set(err, FD_ERR_NOMEM, "<names>", 0, 0, 0, "out of memory");
    return rc;
}
