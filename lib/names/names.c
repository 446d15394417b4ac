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
 * mentions, which the run's names tally counts (tally.h); fdp_cluster_names,
 * once every document is tallied, clusters the tally's units, each distinct
 * spelling with the entity it names or none, and writes the variant findings,
 * or the names listing (run->names), and each mention's cluster and display
 * name (fdp_names_label_doc, also for mentions that come back later). A run
 * writes a few thousand spellings hundreds of thousands of times: the tally
 * interns each once (spellings.h), and the clustering reads no mention, and
 * sorts and compares units by integers, never by their strings.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "names/names.h"
#include "names/tally.h"

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
    fdp_pool *pool; /* where the surfaces go (d->surfaces_pooled), or NULL: their own */
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
    // (the pool's copy ends at a NUL in the span, as the own copy is read)
    const char *at = d->text + m->start;
    m->surface = sc->pool ? (char *)fdp_pool_intern_n(sc->pool, at, strnlen(at, m->end - m->start))
                          : fdp_strndup(at, m->end - m->start); // (the pool's never written)
    // A name of no rule gets its key when the run's names are clustered,
    // once per distinct spelling (unit_keys, fdp_names_label_doc).
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
        if (al->nwords >= 2 && fdp_same_word(al->words[1], next))
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

int fdp_find_mentions_pooled(const fd_ruleset *rules, fdp_doc *d, const fdp_doc_tokens *toks,
                             fdp_pool *pool) {
    // (mentions of its own already: the new ones are its own too, as its flag says)
    if (!d->nmentions)
        d->surfaces_pooled = pool != NULL;
    else if (!d->surfaces_pooled)
        pool = NULL;
    scan sc = {rules, d, pool, {0, 1, 1}, {{0}}};
    int rc = 0;
    for (size_t p = 0; p < toks->npara && rc == 0; p++) {
        if (!toks->paras[p].n) // an empty paragraph has no tokens, maybe no list at all
            continue;
        sc.cu = fdp_para_cursor(toks, p); // (the mentions before are on lines before)
        rc = scan_paragraph(&sc, toks->list.t + toks->paras[p].first, toks->paras[p].n);
    }
    return rc;
}

int fdp_find_mentions(const fd_ruleset *rules, fdp_doc *d, const fdp_doc_tokens *toks) {
    return fdp_find_mentions_pooled(rules, d, toks, NULL);
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
 * The units' keys, before the clustering reads them: each unit's copy of its
 * first mention gets the key a mention of it has (its entity's name, else its
 * spelling's key), and each spelling its key, made once, with the pool's copy
 * of it when the run keeps its documents' keys there, for the labels of their
 * mentions (fdp_names_label_doc). A run names the same few hundred names
 * thousands of times, and a key costs a fold and a transliteration: it is made
 * per spelling, never per mention.
 */
static int unit_keys(fd_run *r, fdp_name_tally *t) {
    bool pooled = false; // some document keeps its keys in the run's pool
    for (size_t i = 0; i < r->ndocs && !pooled; i++)
        pooled = r->docs[i]->keys_pooled;
    for (size_t u = 0; u < t->nunits; u++) {
        fdp_name_unit *unit = &t->units[u];
        const char *key = fdp_spelling_key(&t->sp, unit->spelling);
        if (key && pooled)
            key = fdp_spelling_pooled_key(&t->sp, unit->spelling, &r->strings);
        if (!key)
            return FD_ERR_NOMEM;
        int e = unit->first.entity;
        unit->first.key = e >= 0 ? (char *)r->rules->entities[e].name : (char *)key;
    }
    return 0;
}

/*
 * Numbers the identities: identity[u] is the place of unit u's key (its
 * entity's name, or its spelling's key) among the distinct keys in strcmp
 * order. Returns the number of identities, or FD_ERR_NOMEM.
 */
static long number_identities(const fdp_name_tally *t, uint32_t *identity) {
    fdp_intern keys = {0};
    long rc = 0;
    for (size_t u = 0; u < t->nunits && rc == 0; u++) {
        long id = fdp_intern_add(&keys, t->units[u].first.key, NULL);
        rc = id < 0 ? id : 0;
        identity[u] = (uint32_t)id;
    }
    uint32_t *rank = rc == 0 ? malloc((keys.n + 1) * sizeof *rank) : NULL;
    if (rc == 0)
        rc = rank ? fdp_intern_ranks(&keys, rank) : FD_ERR_NOMEM;
    for (size_t u = 0; u < t->nunits && rc == 0; u++)
        identity[u] = rank[identity[u]];
    if (rc == 0)
        rc = (long)keys.n;
    free(rank);
    fdp_intern_free(&keys);
    return rc;
}

/*
 * What the merges read of each identity: the entity its last mention naming
 * one names (as a pass over its mentions in reading order would leave it), and
 * the spelling key and spelling as written of its first mention. An identity's
 * units differ in spelling or entity; their mentions' places order them.
 */
static int describe_identities(fdp_name_tally *t, const uint32_t *identity, identities *ids) {
    uint32_t *first = malloc((ids->n + 1) * sizeof *first); // by identity: a unit
    uint32_t *named = malloc((ids->n + 1) * sizeof *named);
    int rc = first && named ? 0 : FD_ERR_NOMEM;
    for (size_t c = 0; c < ids->n && rc == 0; c++)
        first[c] = named[c] = FDP_NO_UNIT;
    for (uint32_t u = 0; u < t->nunits && rc == 0; u++) {
        const fdp_name_unit *unit = &t->units[u];
        uint32_t c = identity[u];
        if (first[c] == FDP_NO_UNIT || unit->first_at < t->units[first[c]].first_at)
            first[c] = u;
        if (unit->first.entity >= 0 &&
            (named[c] == FDP_NO_UNIT || unit->last_at > t->units[named[c]].last_at))
            named[c] = u;
    }
    for (size_t c = 0; c < ids->n && rc == 0; c++) {
        const fdp_name_unit *f = &t->units[first[c]];
        ids->entity[c] = named[c] == FDP_NO_UNIT ? -1 : t->units[named[c]].first.entity;
        ids->spell[c] = (char *)fdp_spelling_key(&t->sp, f->spelling); // borrowed
        ids->surface[c] = f->first.surface;
        rc = ids->spell[c] ? 0 : FD_ERR_NOMEM;
    }
    free(first);
    free(named);
    return rc;
}

/*
 * Clusters the units: equal identities (entity name or key) first, then
 * merge_identities. Sets cluster[u] to unit u's cluster, numbered below
 * *nclusters (the number of identities). Returns 0 or FD_ERR_NOMEM.
 */
static int cluster_units(const fd_run *r, fdp_name_tally *t, uint32_t *cluster,
                         size_t *nclusters) {
    *nclusters = 0;
    if (!t->nunits)
        return 0;
    long u = number_identities(t, cluster);
    if (u < 0)
        return (int)u;
    *nclusters = (size_t)u;
    identities ids;
    int rc = identities_init(&ids, (size_t)u);
    ids.sp = &t->sp;
    if (rc == 0)
        rc = describe_identities(t, cluster, &ids);
    if (rc == 0)
        rc = merge_identities(r->rules, &ids);
    for (size_t k = 0; k < t->nunits && rc == 0; k++)
        cluster[k] = (uint32_t)find_root(ids.parent, (int)cluster[k]);
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

/* The units of one spelling in one cluster (a spelling may name an entity at
 * some mentions and none at others): the mentions of that spelling there. */
typedef struct group {
    uint32_t cluster, spelling;
    size_t from, to; /* its units, in clusters.units */
    uint32_t first;  /* its unit of the first mention in reading order */
    size_t count;    /* its mentions */
} group;

/* The clusters: the units sorted by cluster and spelling, grouped by spelling,
 * and each cluster's range [from, to) of groups in that order, with its count
 * of mentions. */
typedef struct clusters {
    uint32_t *units;
    group *groups;
    size_t ngroups;
    struct range {
        size_t from, to, mentions;
    } *ranges;
    size_t nranges;
    const char **name; /* by cluster: its display name */
} clusters;

static void clusters_free(clusters *cs) {
    free(cs->units);
    free(cs->groups);
    free(cs->ranges);
    free(cs->name);
}

// Orders the units by cluster and spelling (strcmp order) into cs->units, those
// of one spelling in one cluster by index: two stable counting sorts of the
// units, by the rank of their spelling, then by cluster. No string is compared.
static int sort_by_cluster(fdp_name_tally *t, const uint32_t *cluster, size_t nclusters,
                           clusters *cs) {
    size_t n = t->nunits;
    uint32_t *in = malloc((n + 1) * sizeof *in), *by_rank = malloc((n + 1) * sizeof *by_rank);
    uint32_t *rank = malloc((n + 1) * sizeof *rank); // by unit: its spelling's rank
    int rc = in && by_rank && rank ? fdp_spellings_rank(&t->sp) : FD_ERR_NOMEM;
    for (uint32_t u = 0; u < n && rc == 0; u++) {
        in[u] = u;
        rank[u] = t->sp.rank[t->units[u].spelling];
    }
    if (rc == 0)
        rc = fdp_counting_sort(in, n, rank, t->sp.tab.n, by_rank);
    if (rc == 0)
        rc = fdp_counting_sort(by_rank, n, cluster, nclusters, cs->units);
    free(in);
    free(by_rank);
    free(rank);
    return rc;
}

// Groups the sorted units by spelling within each cluster, and each cluster's
// groups into its range.
static void group_units(const fdp_name_tally *t, const uint32_t *cluster, clusters *cs) {
    for (size_t a = 0; a < t->nunits;) {
        const fdp_name_unit *ua = &t->units[cs->units[a]];
        group g = {cluster[cs->units[a]], ua->spelling, a, a, cs->units[a], 0};
        for (; g.to < t->nunits && cluster[cs->units[g.to]] == g.cluster &&
               t->units[cs->units[g.to]].spelling == g.spelling;
             g.to++) {
            const fdp_name_unit *u = &t->units[cs->units[g.to]];
            g.count += u->count;
            if (u->first_at < t->units[g.first].first_at)
                g.first = cs->units[g.to];
        }
        if (!cs->ngroups || cs->groups[cs->ngroups - 1].cluster != g.cluster)
            cs->ranges[cs->nranges++] = (struct range){cs->ngroups, cs->ngroups, 0};
        cs->ranges[cs->nranges - 1].to++;
        cs->ranges[cs->nranges - 1].mentions += g.count;
        cs->groups[cs->ngroups++] = g;
        a = g.to;
    }
}

// The entity the units of group g name: that of its first mention naming one,
// or (latest) of its last; -1 if none does.
static int group_entity(const fdp_name_tally *t, const clusters *cs, const group *g,
                        bool latest) {
    const fdp_name_unit *pick = NULL;
    for (size_t k = g->from; k < g->to; k++) {
        const fdp_name_unit *u = &t->units[cs->units[k]];
        if (u->first.entity >= 0 &&
            (!pick || (latest ? u->last_at > pick->last_at : u->first_at < pick->first_at)))
            pick = u;
    }
    return pick ? pick->first.entity : -1;
}

// The name of the cluster of range: the entity named by its last mention
// naming one in cluster order (spelling, then reading order), or the spelling
// written most often (the first of those in strcmp order).
static const char *name_cluster(const fd_run *r, const fdp_name_tally *t, const clusters *cs,
                                size_t range) {
    size_t best_n = 0;
    const char *best = NULL, *entity = NULL;
    for (size_t k = cs->ranges[range].from; k < cs->ranges[range].to; k++) {
        const group *g = &cs->groups[k];
        int e = group_entity(t, cs, g, true);
        if (e >= 0)
            entity = r->rules->entities[e].name;
        if (g->count > best_n) {
            best = t->sp.tab.strs[g->spelling];
            best_n = g->count;
        }
    }
    return entity ? entity : best;
}

// Labels each unit's copy of its first mention as every mention of the unit
// is labelled: its cluster, the cluster's name, its spelling's count there.
static void label_units(fdp_name_tally *t, const clusters *cs) {
    for (size_t k = 0; k < cs->ngroups; k++) {
        const group *g = &cs->groups[k];
        for (size_t i = g->from; i < g->to; i++) {
            fdp_mention *m = &t->units[cs->units[i]].first;
            m->cluster = (int)g->cluster;
            m->name = cs->name[g->cluster];
            m->spelling_count = (int)g->count;
        }
    }
}

/*
 * Orders the units by cluster and spelling, names each cluster, and labels
 * each unit's copy of its first mention.
 */
static int order_clusters(const fd_run *r, fdp_name_tally *t, const uint32_t *cluster,
                          size_t nclusters, clusters *cs) {
    size_t n = t->nunits;
    *cs = (clusters){.units = malloc((n + 1) * sizeof *cs->units),
                     .groups = malloc((n + 1) * sizeof *cs->groups),
                     .ranges = malloc((n + 1) * sizeof *cs->ranges),
                     .name = malloc((nclusters + 1) * sizeof *cs->name)};
    if (!cs->units || !cs->groups || !cs->ranges || !cs->name)
        return FD_ERR_NOMEM;
    int rc = sort_by_cluster(t, cluster, nclusters, cs);
    if (rc < 0)
        return rc;
    group_units(t, cluster, cs);
    for (size_t i = 0; i < cs->nranges; i++)
        cs->name[cs->groups[cs->ranges[i].from].cluster] = name_cluster(r, t, cs, i);
    label_units(t, cs);
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

// One entry of the names listing: the cluster's name, type and spellings, each
// with the tally's copy of its first mention.
static int list_cluster(const fd_run *r, const fdp_name_tally *t, const clusters *cs,
                        size_t range, fdp_name *out) {
    static const char *const types[] = {"place", "group", "person", "organisation", "other"};
    size_t from = cs->ranges[range].from, to = cs->ranges[range].to;
    int entity = -1;
    for (size_t k = from; k < to && entity < 0; k++)
        entity = group_entity(t, cs, &cs->groups[k], false);
    out->name = cs->name[cs->groups[from].cluster];
    out->type = entity >= 0 ? types[r->rules->entities[entity].type] : "name";
    out->mentions = cs->ranges[range].mentions;
    out->spellings = malloc(sizeof *out->spellings * (to - from));
    if (!out->spellings)
        return FD_ERR_NOMEM;
    for (size_t k = from; k < to; k++) {
        const fdp_mention *first = &t->units[cs->groups[k].first].first;
        out->spellings[out->nspellings++] =
            (fdp_spelling){first->surface, cs->groups[k].count, first};
    }
    return 0;
}

static int list_names(fd_run *r, const fdp_name_tally *t, const clusters *cs) {
    listed *ls = malloc(sizeof *ls * (cs->nranges + 1));
    r->names = calloc(cs->nranges + 1, sizeof *r->names);
    if (!ls || !r->names) {
        free(ls);
        return FD_ERR_NOMEM;
    }
    for (size_t i = 0; i < cs->nranges; i++)
        ls[i] = (listed){cs->ranges[i].mentions, cs->name[cs->groups[cs->ranges[i].from].cluster],
                         i};
    if (cs->nranges)
        qsort(ls, cs->nranges, sizeof *ls, cmp_listed);
    int rc = 0;
    for (size_t i = 0; i < cs->nranges && rc == 0; i++) {
        rc = list_cluster(r, t, cs, ls[i].range, &r->names[i]);
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
 * clustering unify but no one would call a misspelling). Fills out with the
 * tally's copy of the first mention of each, in reading order; returns their
 * count, or FD_ERR_NOMEM.
 */
static int variant_spellings(fdp_name_tally *t, const clusters *cs, size_t range,
                             const fdp_mention **out, int *docs) {
    const fdp_name_unit *spell[MAX_SPELLINGS];
    const char *keys[MAX_SPELLINGS];
    bool in[MAX_SPELLINGS];
    int k = 0, rc = 0;
    // The first mention of each spelling: the rest of its group add nothing.
    for (size_t g = cs->ranges[range].from; g < cs->ranges[range].to; g++) {
        const fdp_name_unit *o = &t->units[cs->groups[g].first];
        bool seen = false;
        for (int q = 0; q < k && !seen; q++)
            seen = same_spelling(spell[q]->first.surface, o->first.surface);
        if (!seen && k < MAX_SPELLINGS) {
            keys[k] = fdp_spelling_key(&t->sp, o->spelling);
            in[k] = false;
            rc = keys[k] ? rc : FD_ERR_NOMEM;
            spell[k++] = o;
        }
    }
    for (int x = 0; x < k; x++)
        for (int y = x + 1; y < k; y++)
            if (keys[x] && keys[y] && fdp_keys_close(keys[x], keys[y]))
                in[x] = in[y] = true;
    // Reading order reads better than alphabetical.
    const fdp_name_unit *picked[MAX_SPELLINGS];
    int m = 0;
    for (int x = 0; x < k; x++)
        if (in[x])
            picked[m++] = spell[x];
    for (int x = 1; x < m; x++)
        for (int y = x; y > 0 && picked[y]->first_at < picked[y - 1]->first_at; y--) {
            const fdp_name_unit *tmp = picked[y];
            picked[y] = picked[y - 1];
            picked[y - 1] = tmp;
        }
    *docs = 0;
    for (int x = 0; x < m; x++) {
        out[x] = &picked[x]->first;
        *docs += x == 0 || out[x]->doc != out[x - 1]->doc;
    }
    return rc < 0 ? rc : m;
}

static int variant_findings(fd_run *r, fdp_name_tally *t, const clusters *cs) {
    const fdp_mention *ms[MAX_SPELLINGS];
    int rc = 0;
    for (size_t i = 0; i < cs->nranges && rc == 0; i++) {
        int docs = 0;
        int m = variant_spellings(t, cs, i, ms, &docs);
        if (m < 0)
            rc = m;
        else if (m >= 2 && docs >= 2)
            rc = add_variant(r, ms, m);
    }
    return rc;
}

// The run's tally, with every document's mentions: those not gathered yet (a
// watch, mentions made by hand) are, in run order. NULL when out of memory.
static fdp_name_tally *gathered_tally(fd_run *r) {
    fdp_name_tally *t = fdp_tally_of(r);
    for (size_t i = 0; t && i < r->ndocs; i++)
        if (!fdp_tally_has_doc(t, i) && fdp_names_gather_doc(r, r->docs[i]) < 0)
            t = NULL;
    return t;
}

// Every mention in memory labelled from its unit.
static int label_docs(const fd_run *r) {
    int rc = 0;
    for (size_t i = 0; i < r->ndocs && rc == 0; i++)
        rc = fdp_names_label_doc(r, r->docs[i]);
    return rc;
}

// Clusters the run's names from its tally, orders them by cluster and names
// each cluster (each mention's cluster, name and spelling count written); then
// the names listing (list) or the variant findings.
static int cluster_run(fd_run *r, bool list) {
    clusters cs = {0};
    size_t nclusters = 0;
    fdp_name_tally *t = gathered_tally(r);
    uint32_t *cluster = t ? malloc((t->nunits + 1) * sizeof *cluster) : NULL;
    int rc = cluster ? unit_keys(r, t) : FD_ERR_NOMEM;
    if (rc == 0)
        rc = cluster_units(r, t, cluster, &nclusters);
    if (rc == 0)
        rc = order_clusters(r, t, cluster, nclusters, &cs);
    if (rc == 0)
        rc = label_docs(r);
    if (rc == 0)
        rc = list ? list_names(r, t, &cs) : variant_findings(r, t, &cs);
    clusters_free(&cs);
    free(cluster);
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
