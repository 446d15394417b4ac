/*
 * lang.c - loads the language members of rule files: number words, units and
 * currencies, qualifiers, vague quantities, months, named word lists, English
 * endings, labels (docs/rules.schema.json describes each). Every value is
 * checked strictly: an unknown member, a wrong type or a word the tokenizer
 * cannot read as one word is an error at file:line:column of the value.
 *
 * What the files say of each word is recorded in file order (rules->defs);
 * lexicon.c turns that into one hash table when the rules are finished.
 */
#include <stdlib.h>
#include <string.h>

#include "extract/tokenize.h"

/* The member names of the objects in rule files, each spelt once here: a misspelt
 * member is then a compile error, not a member that is never found. */
static const char M_AFTER[] = "after", M_AFTER_SCALE[] = "after_scale",
                  M_APPROX[] = "approx", M_ARTICLE[] = "article", M_CODES[] = "codes",
                  M_GLUED[] = "glued", M_OFFSET[] = "offset",
                  M_BEFORE[] = "before",
                  M_ARTICLES[] = "articles", M_ATTACHED_ONLY[] = "attached_only",
                  M_BOUND[] = "bound", M_BY[] = "by", M_CODE[] = "code",
                  M_DENOMINATOR[] = "denominator", M_DIMENSION[] = "dimension",
                  M_DOZEN[] = "dozen", M_DROPPED_WORDS[] = "dropped_words",
                  M_ENDING[] = "ending", M_FACTOR[] = "factor", M_FROM[] = "from",
                  M_FUSED_ARTICLE[] = "fused_article", M_HALF[] = "half",
                  M_HIGH[] = "high", M_HIGH_OPEN[] = "high_open", M_HUNDRED[] = "hundred",
                  M_HYPHENATED[] = "hyphenated", M_INTERVAL[] = "interval",
                  M_IMPLIED_BY[] = "implied_by", M_IN_BASE[] = "in_base",
                  M_JOINED_PREFIXES[] = "joined_prefixes",
                  M_KIND[] = "kind", M_LETTERS[] = "letters", M_LINKS[] = "links",
                  M_LOW[] = "low", M_LOW_OPEN[] = "low_open", M_MAX_FACTOR[] = "max_factor",
                  M_MIN_LENGTH[] = "min_length", M_NAME[] = "name",
                  M_NOT_AFTER[] = "not_after", M_NUMBER[] = "number", M_OF[] = "of",
                  M_PAST_TENSE[] = "past_tense", M_PLURAL[] = "plural",
                  M_PREFIX[] = "prefix", M_SCALE[] = "scale", M_SHARE_OF[] = "share_of",
                  M_SIGNS[] = "signs", M_SINGULAR[] = "singular",
                  M_SPELLINGS[] = "spellings", M_SPLIT[] = "split", M_PARTS[] = "parts",
                  M_SUPERSEDED[] = "superseded",
                  M_TENS[] = "tens", M_TIMES[] = "times", M_TIME_SINCE[] = "time_since",
                  M_TIME_TO[] = "time_to", M_OTHER_KIND[] = "other_kind",
                  M_TO[] = "to", M_UNIT[] = "unit", M_VAGUE[] = "vague",
                  M_VOTE_NO[] = "vote_no", M_VOTE_YES[] = "vote_yes",
                  M_VOWELS[] = "vowels", M_WHOLE[] = "whole", M_WINDOW[] = "window",
                  M_WORD[] = "word",
                  M_WORDS[] = "words";

/* ---- error positions ------------------------------------------------------ */

static bool is_ws(char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; }

static size_t skip_ws(const char *s, size_t n, size_t i) {
    while (i < n && is_ws(s[i]))
        i++;
    return i;
}

static size_t skip_string(const char *s, size_t n, size_t i) {
    for (i++; i < n && s[i] != '"'; i++)
        if (s[i] == '\\')
            i++;
    return i < n ? i + 1 : n;
}

static size_t skip_value(const char *s, size_t n, size_t i) {
    if (i < n && s[i] == '"')
        return skip_string(s, n, i);
    if (i < n && (s[i] == '{' || s[i] == '[')) {
        int depth = 0;
        for (; i < n; i++) {
            if (s[i] == '"') {
                i = skip_string(s, n, i) - 1;
            } else if (s[i] == '{' || s[i] == '[') {
                depth++;
            } else if ((s[i] == '}' || s[i] == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return n;
    }
    while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && !is_ws(s[i]))
        i++;
    return i;
}

// Moves from the '{' at i to the value of member key; *name gets the offset of
// the member's name. Returns n when the object has no such member.
static size_t find_member(const char *s, size_t n, size_t i, const char *key, size_t *name) {
    size_t klen = strlen(key);
    for (i = skip_ws(s, n, i + 1); i < n && s[i] == '"';) {
        size_t k0 = i + 1, kend = skip_string(s, n, i);
        bool match = kend - 1 - k0 == klen && !strncmp(s + k0, key, klen);
        i = skip_ws(s, n, kend);
        if (i < n && s[i] == ':')
            i = skip_ws(s, n, i + 1);
        if (match) {
            *name = k0 - 1;
            return i;
        }
        i = skip_ws(s, n, skip_value(s, n, i));
        if (i < n && s[i] == ',')
            i = skip_ws(s, n, i + 1);
    }
    return n;
}

/*
 * The byte offset of the value that the path steps[0..depth) names in the JSON
 * text s, or of its member name when name is set: a small scanner over the
 * text, since jansson keeps no positions of values. A step with a key enters an
 * object member, one without an array element. Stops at the deepest value found.
 */
static size_t locate(const char *s, size_t n, const struct fdp_rule_step *steps, int depth,
                     bool name) {
    size_t i = skip_ws(s, n, 0), name_at = i;
    for (int d = 0; d < depth && i < n; d++) {
        size_t at = i;
        if (steps[d].key) {
            if (s[i] != '{')
                return i;
            i = find_member(s, n, i, steps[d].key, &name_at);
            if (i >= n)
                return at;
            continue;
        }
        if (s[i] != '[')
            return i;
        i = skip_ws(s, n, i + 1);
        for (size_t k = 0; k < steps[d].index && i < n && s[i] != ']'; k++) {
            i = skip_ws(s, n, skip_value(s, n, i));
            if (i < n && s[i] == ',')
                i = skip_ws(s, n, i + 1);
        }
        name_at = i;
    }
    return name ? name_at : i;
}

static int error_at(fdp_rule_ctx *c, bool name, const char *fmt, const char *what) {
    int line = 0, col = 0;
    size_t pos = 0;
    if (c->text) {
        int depth = c->depth < 8 ? c->depth : 8;
        pos = locate(c->text, c->len, c->path_steps, depth, name);
        fdp_line_col(c->text, c->len, pos, &line, &col);
    }
    return fdp_error_set(c->err, FD_ERR_RULE, c->path, line, col, pos, fmt, what ? what : "");
}

int fdp_rule_error(fdp_rule_ctx *c, const char *fmt, const char *what) {
    return error_at(c, false, fmt, what);
}

int fdp_rules_unknown_member(fdp_rule_ctx *c, const char *key) {
    return error_at(c, true, "unknown member '%s'", key);
}

void fdp_rule_push(fdp_rule_ctx *c, const char *key, size_t index) {
    if (c->depth < 8)
        c->path_steps[c->depth] = (struct fdp_rule_step){key, index};
    c->depth++;
}

static void push_key(fdp_rule_ctx *c, const char *key) {
    if (c->depth < 8)
        c->path_steps[c->depth] = (struct fdp_rule_step){key, 0};
    c->depth++;
}

static void push_index(fdp_rule_ctx *c, size_t i) {
    if (c->depth < 8)
        c->path_steps[c->depth] = (struct fdp_rule_step){NULL, i};
    c->depth++;
}

static void pop(fdp_rule_ctx *c) { c->depth--; }

void fdp_rule_pop(fdp_rule_ctx *c) { c->depth--; }

/* ---- checked getters ------------------------------------------------------ */

int fdp_rules_check_members(fdp_rule_ctx *c, json_t *obj, const char *const *allowed) {
    if (!json_is_object(obj))
        return fdp_rule_error(c, "expected an object%s", "");
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        bool known = false;
        for (int i = 0; allowed[i] && !known; i++)
            known = !strcmp(k, allowed[i]);
        if (!known) {
            push_key(c, k);
            int rc = error_at(c, true, "unknown member '%s'", k);
            pop(c);
            return rc;
        }
    }
    return 0;
}

// Member key of object o as a string: *out is NULL when it is absent (an error
// if required) and an error when it is no string or empty.
static int get_string(fdp_rule_ctx *c, json_t *o, const char *key, bool required,
                      const char **out) {
    json_t *v = json_object_get(o, key);
    *out = json_string_value(v);
    if (!v)
        return required ? fdp_rule_error(c, "missing member '%s'", key) : 0;
    push_key(c, key);
    int rc = (!*out || !**out) ? fdp_rule_error(c, "'%s' must be a non-empty string", key) : 0;
    pop(c);
    return rc;
}

static int get_number(fdp_rule_ctx *c, json_t *o, const char *key, bool required,
                      double *out) {
    json_t *v = json_object_get(o, key);
    if (!v)
        return required ? fdp_rule_error(c, "missing member '%s'", key) : 0;
    push_key(c, key);
    int rc = json_is_number(v) && json_number_value(v) > 0
                 ? 0
                 : fdp_rule_error(c, "'%s' must be a positive number", key);
    pop(c);
    if (rc == 0)
        *out = json_number_value(v);
    return rc;
}

// A unit's "offset": any number, and only beside a dimension it is the zero of.
static int get_offset(fdp_rule_ctx *c, json_t *o, double *out) {
    json_t *v = json_object_get(o, M_OFFSET);
    if (!v)
        return 0;
    push_key(c, M_OFFSET);
    int rc = !json_is_number(v) ? fdp_rule_error(c, "'%s' must be a number", M_OFFSET)
             : !json_object_get(o, M_DIMENSION)
                 ? fdp_rule_error(c, "'%s' needs a dimension", M_OFFSET)
                 : 0;
    pop(c);
    if (rc == 0)
        *out = json_number_value(v);
    return rc;
}

static int get_bool(fdp_rule_ctx *c, json_t *o, const char *key, bool *out) {
    json_t *v = json_object_get(o, key);
    if (!v)
        return 0;
    push_key(c, key);
    int rc = json_is_boolean(v) ? 0 : fdp_rule_error(c, "'%s' must be true or false", key);
    pop(c);
    *out = json_is_true(v);
    return rc;
}

// The array member key of o (required), or an error.
static int get_array(fdp_rule_ctx *c, json_t *o, const char *key, json_t **out) {
    *out = json_object_get(o, key);
    if (!*out)
        return fdp_rule_error(c, "missing member '%s'", key);
    push_key(c, key);
    int rc = json_is_array(*out) ? 0 : fdp_rule_error(c, "'%s' must be an array", key);
    pop(c);
    return rc;
}

/* ---- words ---------------------------------------------------------------- */

// Keeps s (malloc'd) in the rules' strings; NULL (s freed) when out of memory.
static const char *keep(fd_ruleset *r, char *s) {
    char **slot = s ? FDP_PUSH(r->strings, r->nstrings, r->capstrings) : NULL;
    if (!slot) {
        free(s);
        return NULL;
    }
    *slot = s;
    return s;
}

static const char *keep_copy(fd_ruleset *r, const char *s) {
    return s ? keep(r, fdp_strdup(s)) : NULL;
}

// Room in l for the few tokens of a rule's words: the tokenizer's first
// allocation is for a paragraph's, large enough to make malloc tidy its free
// lists each time, which was a tenth of loading the rules.
static int small_token_list(token_list *l) {
    l->t = malloc(4 * sizeof *l->t);
    l->cap = l->t ? 4 : 0;
    return l->t ? 0 : FD_ERR_NOMEM;
}

/*
 * Reads the string value v as the tokenizer reads text, into words (kept by the
 * rules): every token must be a word of fewer than FDP_WORD_MAX bytes, or a
 * hyphen where hyphens is set, and there must be at most max of them. Returns
 * the count, or a negative fd_status.
 */
static int read_words(fd_ruleset *r, fdp_rule_ctx *c, json_t *v, const char **words, int max,
                      bool hyphens) {
    const char *s = json_string_value(v);
    if (!s || !*s)
        return fdp_rule_error(c, "expected a non-empty string%s", "");
    token_list l = {0};
    if (small_token_list(&l) < 0 || fdp_tokenize(s, 0, strlen(s), &l) < 0) {
        fdp_token_list_free(&l);
        return FD_ERR_NOMEM;
    }
    int n = 0, rc = 0;
    for (size_t i = 0; i < l.n && rc == 0; i++) {
        const token *t = &l.t[i];
        bool hyphen = hyphens && tk_punct(t, '-') && i > 0 && i + 1 < l.n;
        // "km/h": a slash inside a unit is read as one token of it
        bool slash = tk_punct(t, '/') && i > 0 && i + 1 < l.n && t->gap == GAP_NONE;
        if (n == max)
            rc = fdp_rule_error(c, max == 1 ? "'%s' is not one word: words are matched one "
                                              "token at a time"
                                            : "'%s' has too many words",
                                s);
        else if ((t->type != TK_WORD && !hyphen && !slash) || t->possessive)
            rc = fdp_rule_error(c, "'%s' is not read as words by the tokenizer", s);
        else if (t->truncated)
            rc = fdp_rule_error(c, "'%s' is longer than any word the tokenizer keeps", s);
        else if (!(words[n++] = keep_copy(r, hyphen ? "-" : slash ? "/" : t->w)))
            rc = FD_ERR_NOMEM;
    }
    fdp_token_list_free(&l);
    return rc < 0 ? rc : n;
}

const char *fdp_rules_one_word(fd_ruleset *r, fdp_rule_ctx *c, json_t *v, int *rc) {
    const char *w = NULL;
    *rc = read_words(r, c, v, &w, 1, false);
    return *rc == 1 ? w : NULL;
}

#define MAX_SEQ 6

static int read_seq(fd_ruleset *r, fdp_rule_ctx *c, json_t *v, fdp_seq *seq, bool hyphens) {
    const char *w[MAX_SEQ];
    int n = read_words(r, c, v, w, MAX_SEQ, hyphens);
    if (n < 0)
        return n;
    seq->words = malloc(sizeof *seq->words * (size_t)n);
    if (!seq->words)
        return FD_ERR_NOMEM;
    memcpy(seq->words, w, sizeof *w * (size_t)n);
    seq->n = n;
    return 0;
}

// A sign ("$", "%", "€"): one character that the tokenizer reads as punctuation,
// or one glued to a word before or after it ("NZ$", "°C"), kept as the extractor
// looks it up: the word folded, then the sign ("nz$", "°c").
static const char *one_sign(fd_ruleset *r, fdp_rule_ctx *c, json_t *v, int *rc) {
    const char *s = json_string_value(v);
    token_list l = {0};
    *rc = s ? small_token_list(&l) : 0;
    if (*rc == 0 && s)
        *rc = fdp_tokenize(s, 0, strlen(s), &l);
    bool ok = s && *rc == 0 && (l.n == 1 || l.n == 2) && l.t[l.n - 1].end == strlen(s);
    char key[2 * FDP_WORD_MAX] = "";
    for (size_t i = 0; ok && i < l.n; i++) {
        const token *t = &l.t[i];
        ok = (t->type == TK_PUNCT || (l.n == 2 && t->type == TK_WORD && !t->truncated &&
                                      l.t[1 - i].type == TK_PUNCT)) &&
             (i == 0 || t->gap == GAP_NONE);
        if (ok)
            strcat(key, t->w);
    }
    fdp_token_list_free(&l);
    if (*rc < 0)
        return NULL;
    if (!ok) {
        *rc = fdp_rule_error(c, "'%s' is not one sign character (alone or glued to a word)",
                             s ? s : "");
        return NULL;
    }
    const char *kept = keep_copy(r, key);
    *rc = kept ? 0 : FD_ERR_NOMEM;
    return kept;
}

static int push_def(fd_ruleset *r, const struct fdp_lex_def *def) {
    struct fdp_lex_def *d = FDP_PUSH(r->defs, r->ndefs, r->capdefs);
    if (!d)
        return FD_ERR_NOMEM;
    *d = *def;
    return 0;
}

static int add_def(fd_ruleset *r, const char *w, fdp_def_kind what, double a, double b, int i) {
    struct fdp_lex_def d = {.w = w, .what = what, .a = a, .b = b, .i = i};
    return push_def(r, &d);
}

// Calls each(r, c, element) on every element of array member arr, with the path.
typedef int (*element_fn)(fd_ruleset *, fdp_rule_ctx *, json_t *, void *);

static int each(fd_ruleset *r, fdp_rule_ctx *c, json_t *arr, element_fn fn, void *arg) {
    if (!json_is_array(arr))
        return fdp_rule_error(c, "expected an array%s", "");
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        push_index(c, i);
        int rc = fn(r, c, e, arg);
        pop(c);
        if (rc < 0)
            return rc;
    }
    return 0;
}

// One word of a plain list: defines it as (what, a, b, i) of arg.
static int def_word(fd_ruleset *r, fdp_rule_ctx *c, json_t *v, void *arg) {
    const struct fdp_lex_def *d = arg;
    int rc;
    const char *w = fdp_rules_one_word(r, c, v, &rc);
    return w ? add_def(r, w, d->what, d->a, d->b, d->i) : rc;
}

static int def_words(fd_ruleset *r, fdp_rule_ctx *c, json_t *arr, fdp_def_kind what, double a,
                     double b, int i) {
    struct fdp_lex_def d = {.w = NULL, .what = what, .a = a, .b = b, .i = i};
    return each(r, c, arr, def_word, &d);
}

/* ---- members -------------------------------------------------------------- */

const char *const fdp_word_list_names[FDP_WL_COUNT] = {
    "abbreviations", "identifier_cues", "one_articles", "number_joiners",
    "number_suffixes", "clock_letters", "eras", "range_openers", "range_words",
    "range_joiners", "partitives", "age_words", "window_prepositions", "window_alone",
    "window_determiners", "offset_words", "relative_words", "span_cues", "noun_phrase_stops",
    "determiners", "attribution_cues", "superseded_cues", "superseded_openers",
    "superseded_followers", "rise_verbs", "rise_links", "clause_openers", "list_joiners",
    "remainders", "entity_links", "name_particles", "not_names", "institution_words",
    "duration_suffixes", "go_up_verbs", "place_prepositions", "place_scopes", "whole_nouns",
    "whole_prepositions", "place_nouns", "scope_modifiers", "one_counters", "goal_cues",
    "increment_cues", "compass_words", "distance_links", "distance_sources", "purpose_links",
    "vote_options", "vote_yes", "vote_no", "caption_cues", "change_openers", "change_verbs",
    "topic_nouns", "topic_links", "topic_skips", "number_abbreviations",
    "place_relatives", "subset_pronouns", "place_copulas", "place_same",
    "count_qualifiers", "place_titles", "respectively",
    "complement_openers", "complement_cues",
    "minus_words", "year_cues", "measure_adjectives", "ordinals", "bound_joiners",
    "year_nouns", "kind_links", "kind_nouns"};

static int load_word_lists(fd_ruleset *r, fdp_rule_ctx *c, json_t *obj) {
    const char *names[FDP_WL_COUNT + 1];
    memcpy(names, fdp_word_list_names, sizeof fdp_word_list_names);
    names[FDP_WL_COUNT] = NULL;
    int rc = fdp_rules_check_members(c, obj, names);
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        int id = 0;
        while (id < FDP_WL_COUNT && strcmp(fdp_word_list_names[id], k) != 0)
            id++;
        push_key(c, k);
        if (rc == 0)
            rc = def_words(r, c, v, FDP_DEF_LIST, 0, 0, id);
        pop(c);
    }
    return rc;
}

static int load_number_words(fd_ruleset *r, fdp_rule_ctx *c, json_t *obj) {
    static const char *const roles[] = {M_UNIT,  M_TENS, M_HUNDRED, M_SCALE,
                                        M_DOZEN, M_HALF, NULL};
    int rc = fdp_rules_check_members(c, obj, roles);
    const char *role, *w;
    json_t *words, *v;
    json_object_foreach(obj, role, words) {
        if (rc < 0) // an unknown role is already reported: it has no index
            break;
        int ri = 0;
        while (strcmp(roles[ri], role) != 0)
            ri++;
        push_key(c, role);
        if (rc == 0 && !json_is_object(words))
            rc = fdp_rule_error(c, "'%s' maps words to their values", role);
        json_object_foreach(words, w, v) {
            if (rc < 0)
                break;
            push_key(c, w);
            double value = json_number_value(v);
            if (!json_is_number(v) || value < 0) {
                rc = fdp_rule_error(c, "the value of '%s' must be a number", w);
            } else {
                json_t *ws = json_string(w);
                const char *word = ws ? fdp_rules_one_word(r, c, ws, &rc) : NULL;
                json_decref(ws);
                fdp_def_kind what = ri < 4 ? FDP_DEF_NUM : ri == 4 ? FDP_DEF_DOZEN : FDP_DEF_HALF;
                if (word)
                    rc = add_def(r, word, what, value, 0, ri + FDP_NUM_UNIT);
                else if (!ws)
                    rc = FD_ERR_NOMEM;
            }
            pop(c);
        }
        pop(c);
    }
    return rc;
}

// {"word", up to three number members, a flag member?}: one word with numbers
// and a flag. numbers[k] NULL: none; required[k]: it must be given.
struct scalar_spec {
    const char *numbers[3];
    bool required[3];
    const char *flag;
    fdp_def_kind what;
    bool integer; /* numbers[0] is a whole number above 1 */
};

// The numbers of one scalar entry into out[3] (0 where not given); a second
// number is an upper end, never below the first.
static int scalar_numbers(fdp_rule_ctx *c, json_t *e, const struct scalar_spec *sp,
                          double out[3]) {
    int rc = 0;
    for (int k = 0; k < 3 && rc == 0; k++)
        if (sp->numbers[k])
            rc = get_number(c, e, sp->numbers[k], sp->required[k], &out[k]);
    if (rc == 0 && sp->integer && (out[0] != (int)out[0] || out[0] < 2))
        rc = fdp_rule_error(c, "'%s' must be a whole number above 1", sp->numbers[0]);
    if (rc == 0 && sp->numbers[1] && sp->required[1] && out[1] < out[0])
        rc = fdp_rule_error(c, "'%s' must not be below the first number", sp->numbers[1]);
    return rc;
}

static int scalar_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    const struct scalar_spec *sp = arg;
    const char *allowed[6] = {M_WORD}, **a = allowed + 1;
    for (int k = 0; k < 3; k++)
        if (sp->numbers[k])
            *a++ = sp->numbers[k];
    if (sp->flag)
        *a++ = sp->flag;
    int rc = fdp_rules_check_members(c, e, allowed);
    double n[3] = {0, 0, 0};
    bool flag = false;
    json_t *wv = json_object_get(e, M_WORD);
    if (rc == 0)
        rc = scalar_numbers(c, e, sp, n);
    if (rc == 0 && sp->flag)
        rc = get_bool(c, e, sp->flag, &flag);
    if (rc == 0 && !wv)
        rc = fdp_rule_error(c, "missing member '%s'", M_WORD);
    if (rc < 0)
        return rc;
    push_key(c, M_WORD);
    const char *w = fdp_rules_one_word(r, c, wv, &rc);
    pop(c);
    if (!w)
        return rc;
    struct fdp_lex_def d = {.w = w, .what = sp->what, .a = n[0], .b = n[1], .c = n[2],
                            .i = sp->integer ? (int)n[0] : flag};
    return push_def(r, &d);
}

static int load_scalars(fd_ruleset *r, fdp_rule_ctx *c, json_t *arr, struct scalar_spec sp) {
    return each(r, c, arr, scalar_entry, &sp);
}

static const char *const bound_names[] = {"", "low_open", "low", "high", "high_open",
                                          "approx", "nearly", NULL};

static int qualifier_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    static const char *const allowed[] = {M_WORDS, M_BOUND, M_AFTER, NULL};
    int rc = fdp_rules_check_members(c, e, allowed);
    const char *bound = NULL;
    bool after = false;
    if (rc == 0)
        rc = get_string(c, e, M_BOUND, true, &bound);
    if (rc == 0)
        rc = get_bool(c, e, M_AFTER, &after);
    int b = 1;
    while (rc == 0 && bound_names[b] && strcmp(bound_names[b], bound) != 0)
        b++;
    if (rc == 0 && !bound_names[b]) {
        push_key(c, M_BOUND);
        rc = fdp_rule_error(
            c, "unknown bound '%s' (low_open, low, high, high_open, approx, nearly)", bound);
        pop(c);
    }
    if (rc == 0 && !json_object_get(e, M_WORDS))
        rc = fdp_rule_error(c, "missing member '%s'", M_WORDS);
    if (rc < 0)
        return rc;
    fdp_qualifier q = {{NULL, 0}, (fdp_bound)b, after, NULL};
    push_key(c, M_WORDS);
    rc = read_seq(r, c, json_object_get(e, M_WORDS), &q.seq, false);
    pop(c);
    fdp_qualifier *slot = rc == 0 ? FDP_PUSH(r->quals, r->nquals, r->capquals) : NULL;
    if (!slot) {
        free(q.seq.words);
        return rc < 0 ? rc : FD_ERR_NOMEM;
    }
    *slot = q;
    // Before the number, the qualifier is found from its last word; after, from its first.
    const char *w = after ? q.seq.words[0] : q.seq.words[q.seq.n - 1];
    return add_def(r, w, FDP_DEF_QUAL, 0, 0, (int)r->nquals - 1);
}

static int phrase_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    static const char *const allowed[] = {M_WORDS, M_LOW, M_HIGH, M_UNIT, M_KIND, NULL};
    int rc = fdp_rules_check_members(c, e, allowed);
    fdp_vague_phrase p = {{NULL, 0}, 0, 0, NULL, NULL, NULL};
    const char *unit = NULL, *kind = NULL;
    if (rc == 0)
        rc = get_number(c, e, M_LOW, true, &p.low);
    if (rc == 0)
        rc = get_number(c, e, M_HIGH, true, &p.high);
    if (rc == 0 && p.high < p.low)
        rc = fdp_rule_error(c, "'%s' must not be below 'low'", M_HIGH);
    if (rc == 0)
        rc = get_string(c, e, M_UNIT, false, &unit);
    if (rc == 0)
        rc = get_string(c, e, M_KIND, unit != NULL, &kind);
    if (rc == 0 && !json_object_get(e, M_WORDS))
        rc = fdp_rule_error(c, "missing member '%s'", M_WORDS);
    if (rc < 0)
        return rc;
    p.unit = keep_copy(r, unit);
    p.kind = keep_copy(r, kind);
    push_key(c, M_WORDS);
    rc = read_seq(r, c, json_object_get(e, M_WORDS), &p.seq, true);
    pop(c);
    fdp_vague_phrase *slot = rc == 0 ? FDP_PUSH(r->phrases, r->nphrases, r->capphrases) : NULL;
    if (!slot) {
        free(p.seq.words);
        return rc < 0 ? rc : FD_ERR_NOMEM;
    }
    *slot = p;
    return add_def(r, p.seq.words[0], FDP_DEF_PHRASE, 0, 0, (int)r->nphrases - 1);
}

static int fraction_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    static const char *const allowed[] = {M_WORDS, M_DENOMINATOR, NULL};
    int rc = fdp_rules_check_members(c, e, allowed);
    double den = 0;
    json_t *words;
    if (rc == 0)
        rc = get_number(c, e, M_DENOMINATOR, true, &den);
    if (rc == 0 && (den != (int)den || den < 2))
        rc = fdp_rule_error(c, "'%s' must be a whole number above 1", M_DENOMINATOR);
    if (rc == 0)
        rc = get_array(c, e, M_WORDS, &words);
    if (rc < 0)
        return rc;
    push_key(c, M_WORDS);
    rc = def_words(r, c, words, FDP_DEF_FRACTION, 0, 0, (int)den);
    pop(c);
    return rc;
}

static int month_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    static const char *const allowed[] = {M_NUMBER, M_WORDS, NULL};
    int rc = fdp_rules_check_members(c, e, allowed);
    double m = 0;
    json_t *words;
    if (rc == 0)
        rc = get_number(c, e, M_NUMBER, true, &m);
    if (rc == 0 && (m != (int)m || m > 12))
        rc = fdp_rule_error(c, "'%s' must be a month from 1 to 12", M_NUMBER);
    if (rc == 0)
        rc = get_array(c, e, M_WORDS, &words);
    if (rc < 0)
        return rc;
    push_key(c, M_WORDS);
    rc = def_words(r, c, words, FDP_DEF_MONTH, 0, 0, (int)m);
    pop(c);
    return rc;
}

static int source_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    static const char *const allowed[] = {M_NAME, M_WORDS, NULL};
    json_t *name = json_is_string(e) ? e : json_object_get(e, M_NAME);
    json_t *words = json_is_string(e) ? NULL : json_object_get(e, M_WORDS);
    int rc = json_is_string(e) ? 0 : fdp_rules_check_members(c, e, allowed);
    if (rc == 0 && !name)
        rc = fdp_rule_error(c, "missing member '%s'", M_NAME);
    if (rc < 0)
        return rc;
    if (!json_is_string(e))
        push_key(c, M_NAME);
    const char *w = fdp_rules_one_word(r, c, name, &rc);
    if (!json_is_string(e))
        pop(c);
    fdp_source *s = w ? FDP_PUSH(r->sources, r->nsources, r->capsources) : NULL;
    if (!s)
        return w ? FD_ERR_NOMEM : rc;
    s->name = w;
    int i = (int)r->nsources - 1;
    rc = add_def(r, w, FDP_DEF_SOURCE, 0, 0, i);
    if (rc == 0 && words) {
        push_key(c, M_WORDS);
        rc = def_words(r, c, words, FDP_DEF_SOURCE, 0, 0, i);
        pop(c);
    }
    return rc;
}

static int ending_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    bool plural = arg != NULL;
    static const char *const allowed[] = {M_ENDING, M_SINGULAR, M_MIN_LENGTH, M_NOT_AFTER,
                                          NULL};
    static const char *const allowed_past[] = {M_ENDING, M_MIN_LENGTH, NULL};
    int rc = fdp_rules_check_members(c, e, plural ? allowed : allowed_past);
    fdp_ending en = {NULL, "", "", 0};
    double min = 1;
    if (rc == 0)
        rc = get_string(c, e, M_ENDING, true, &en.ending);
    if (rc == 0 && plural && json_object_get(e, M_SINGULAR)) {
        push_key(c, M_SINGULAR);
        en.replace = json_string_value(json_object_get(e, M_SINGULAR));
        rc = en.replace ? 0 : fdp_rule_error(c, "'%s' must be a string", M_SINGULAR);
        pop(c);
    }
    if (rc == 0 && plural)
        rc = get_string(c, e, M_NOT_AFTER, false, &en.not_after);
    if (rc == 0)
        rc = get_number(c, e, M_MIN_LENGTH, false, &min);
    if (rc < 0)
        return rc;
    en.ending = keep_copy(r, en.ending);
    en.replace = keep_copy(r, en.replace);
    en.not_after = keep_copy(r, en.not_after ? en.not_after : "");
    en.min_length = (size_t)min;
    fdp_ending *slot = plural ? FDP_PUSH(r->plurals, r->nplurals, r->capplurals)
                              : FDP_PUSH(r->past_tense, r->npast, r->cappast);
    if (!slot || !en.ending || !en.replace || !en.not_after)
        return FD_ERR_NOMEM;
    *slot = en;
    return 0;
}

static int load_inflections(fd_ruleset *r, fdp_rule_ctx *c, json_t *obj) {
    static const char *const allowed[] = {M_PAST_TENSE, M_PLURAL, NULL};
    int rc = fdp_rules_check_members(c, obj, allowed);
    for (int i = 0; i < 2 && rc == 0; i++) {
        json_t *arr = json_object_get(obj, allowed[i]);
        if (!arr)
            continue;
        push_key(c, allowed[i]);
        rc = each(r, c, arr, ending_entry, i ? r : NULL);
        pop(c);
    }
    return rc;
}

static int stamp_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    const char *s = json_string_value(e);
    if (!s || !*s)
        return fdp_rule_error(c, "a stamp is a non-empty string%s", "");
    struct fdp_stamp *st = FDP_PUSH(r->stamps, r->nstamps, r->capstamps);
    if (!st || !(st->text = keep_copy(r, s)))
        return FD_ERR_NOMEM;
    st->len = strlen(s);
    return 0;
}

// The optional string members names[i] of obj into *slots[i] (kept by the
// rules), from names[first] to the end of names.
static int load_strings(fd_ruleset *r, fdp_rule_ctx *c, json_t *obj,
                        const char *const *names, int first, const char **const *slots) {
    int rc = 0;
    for (int i = first; names[i] && rc == 0; i++) {
        const char *v;
        rc = get_string(c, obj, names[i], false, &v);
        if (rc == 0 && v && !(*slots[i - first] = keep_copy(r, v)))
            rc = FD_ERR_NOMEM;
    }
    return rc;
}

// Member "labels": display words of labels and frames, and in "interval" the
// words of intervals ("about", "more than").
static int load_labels(fd_ruleset *r, fdp_rule_ctx *c, json_t *obj) {
    static const char *const names[] = {M_INTERVAL,   M_WINDOW, M_SHARE_OF,   M_TIME_SINCE,
                                        M_OF,         M_BY,     M_SUPERSEDED, M_WHOLE,
                                        M_VOTE_YES,   M_VOTE_NO, M_TIME_TO,    M_OTHER_KIND,
                                        NULL};
    static const char *const interval[] = {M_APPROX, M_LOW_OPEN, M_LOW, M_HIGH_OPEN,
                                           M_HIGH,   M_VAGUE,    NULL};
    fdp_labels *l = &r->labels;
    const char **const slots[] = {&l->window, &l->share_of,   &l->time_since, &l->of,
                                  &l->by,     &l->superseded, &l->whole,      &l->vote_yes,
                                  &l->vote_no, &l->time_to,   &l->other_kind};
    fdp_interval_words *w = &l->interval;
    const char **const words[] = {&w->approx,    &w->low_open, &w->low,
                                  &w->high_open, &w->high,     &w->vague};
    int rc = fdp_rules_check_members(c, obj, names);
    if (rc == 0)
        rc = load_strings(r, c, obj, names, 1, slots);
    json_t *iv = json_object_get(obj, names[0]);
    if (rc == 0 && iv) {
        push_key(c, names[0]);
        rc = fdp_rules_check_members(c, iv, interval);
        if (rc == 0)
            rc = load_strings(r, c, iv, interval, 0, words);
        pop(c);
    }
    return rc;
}

/* ---- name keys ------------------------------------------------------------ */

// A string of lowercase ASCII letters (empty only if may_be_empty), shorter than
// FDP_WORD_MAX: name keys are made of such letters, so nothing else could match.
static const char *key_letters(fd_ruleset *r, fdp_rule_ctx *c, json_t *v,
                               bool may_be_empty, int *rc) {
    const char *s = json_string_value(v);
    bool ok = s && (*s || may_be_empty) && strlen(s) < FDP_WORD_MAX;
    for (const char *p = s; ok && *p; p++)
        ok = *p >= 'a' && *p <= 'z';
    if (!ok) {
        *rc = fdp_rule_error(c, "'%s' must be lowercase letters a-z", s ? s : "");
        return NULL;
    }
    const char *kept = keep_copy(r, s);
    *rc = kept ? 0 : FD_ERR_NOMEM;
    return kept;
}

// One word of "articles" or "dropped_words" (arg: which list).
static int key_word_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    fdp_name_key_rules *k = &r->name_keys;
    int rc;
    const char *w = fdp_rules_one_word(r, c, e, &rc);
    const char **slot = !w    ? NULL
                        : arg ? FDP_PUSH(k->dropped, k->ndropped, k->capdropped)
                              : FDP_PUSH(k->articles, k->narticles, k->caparticles);
    if (!slot)
        return w ? FD_ERR_NOMEM : rc;
    *slot = w;
    return 0;
}

// One {"from", "to"} of "name_keys"."spellings", or of "kind_spellings" (arg
// non-NULL).
static int spelling_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    static const char *const allowed[] = {M_FROM, M_TO, NULL};
    int rc = fdp_rules_check_members(c, e, allowed);
    fdp_spelling_sub sub = {NULL, NULL};
    for (int i = 0; i < 2 && rc == 0; i++) {
        json_t *v = json_object_get(e, allowed[i]);
        if (!v)
            return fdp_rule_error(c, "missing member '%s'", allowed[i]);
        push_key(c, allowed[i]);
        const char *s = key_letters(r, c, v, i == 1, &rc);
        pop(c);
        *(i ? &sub.to : &sub.from) = s;
    }
    if (rc < 0)
        return rc;
    fdp_name_key_rules *k = &r->name_keys;
    fdp_spelling_sub *slot =
        arg ? FDP_PUSH(r->kind_spellings, r->nkind_spellings, r->capkind_spellings)
            : FDP_PUSH(k->spellings, k->nspellings, k->capspellings);
    if (!slot)
        return FD_ERR_NOMEM;
    *slot = sub;
    return 0;
}

static int link_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    fdp_joined_prefix *jp = arg;
    int rc;
    const char *s = key_letters(r, c, e, false, &rc);
    if (s)
        jp->links[jp->nlinks++] = s;
    return rc;
}

static int prefix_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    static const char *const allowed[] = {M_PREFIX, M_LINKS, NULL};
    int rc = fdp_rules_check_members(c, e, allowed);
    json_t *links = NULL;
    if (rc == 0)
        rc = get_array(c, e, M_LINKS, &links);
    if (rc == 0 && !json_object_get(e, M_PREFIX))
        rc = fdp_rule_error(c, "missing member '%s'", M_PREFIX);
    if (rc < 0)
        return rc;
    fdp_joined_prefix jp = {NULL, NULL, 0};
    push_key(c, M_PREFIX);
    jp.prefix = key_letters(r, c, json_object_get(e, M_PREFIX), false, &rc);
    pop(c);
    if (!jp.prefix)
        return rc;
    jp.links = malloc(sizeof *jp.links * (json_array_size(links) + 1));
    fdp_name_key_rules *k = &r->name_keys;
    fdp_joined_prefix *slot =
        jp.links ? FDP_PUSH(k->prefixes, k->nprefixes, k->capprefixes) : NULL;
    if (!slot) {
        free(jp.links);
        return FD_ERR_NOMEM;
    }
    *slot = jp; // owned by the rules from here, so that an error below frees it
    push_key(c, M_LINKS);
    rc = each(r, c, links, link_entry, slot);
    pop(c);
    return rc;
}

static int load_fused_article(fd_ruleset *r, fdp_rule_ctx *c, json_t *obj) {
    static const char *const allowed[] = {M_VOWELS, M_LETTERS, M_MIN_LENGTH, NULL};
    int rc = fdp_rules_check_members(c, obj, allowed);
    fdp_name_key_rules *k = &r->name_keys;
    const char **slots[] = {&k->fused_vowels, &k->fused_letters};
    for (int i = 0; i < 2 && rc == 0; i++) {
        json_t *v = json_object_get(obj, allowed[i]);
        if (!v)
            return fdp_rule_error(c, "missing member '%s'", allowed[i]);
        push_key(c, allowed[i]);
        *slots[i] = key_letters(r, c, v, false, &rc);
        pop(c);
    }
    double min = 1;
    if (rc == 0)
        rc = get_number(c, obj, M_MIN_LENGTH, false, &min);
    k->fused_min_length = (size_t)min;
    return rc;
}

/*
 * Member "name_keys": the tables of romanisation-aware name keys (see
 * fdp_name_key_rules). Lists add up over the files; a later "fused_article"
 * replaces an earlier one.
 */
static int load_name_keys(fd_ruleset *r, fdp_rule_ctx *c, json_t *obj) {
    static const char *const allowed[] = {M_ARTICLES,      M_DROPPED_WORDS,
                                          M_FUSED_ARTICLE, M_JOINED_PREFIXES,
                                          M_SPELLINGS,     NULL};
    int rc = fdp_rules_check_members(c, obj, allowed);
    r->name_keys.loaded = true;
    static const element_fn lists[] = {key_word_entry, key_word_entry, NULL, prefix_entry,
                                       spelling_entry};
    for (int i = 0; allowed[i] && rc == 0; i++) {
        json_t *v = json_object_get(obj, allowed[i]);
        if (!v)
            continue;
        push_key(c, allowed[i]);
        rc = lists[i] ? each(r, c, v, lists[i], i == 1 ? r : NULL)
                      : load_fused_article(r, c, v);
        pop(c);
    }
    return rc;
}

/* ---- units and currencies ------------------------------------------------- */

// Keeps unit record u and defines its first word as what (a unit after a
// number, or the noun that implies it).
static int push_unit(fd_ruleset *r, const fdp_unit *u, fdp_def_kind what) {
    fdp_unit *slot = FDP_PUSH(r->units, r->nunits, r->capunits);
    if (!slot) {
        free(u->seq.words);
        return FD_ERR_NOMEM;
    }
    *slot = *u;
    return add_def(r, u->seq.words[0], what, 0, 0, (int)r->nunits - 1);
}

static int add_unit(fd_ruleset *r, const fdp_unit *u) { return push_unit(r, u, FDP_DEF_UNIT); }

// One element of a unit's "words": "years", or {"word": "decades", "times": 10, ...}.
static int unit_word(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    static const char *const allowed[] = {M_WORD,   M_TIMES,       M_SINGULAR,
                                          M_WINDOW, M_AFTER_SCALE, NULL};
    fdp_unit u = *(const fdp_unit *)arg;
    json_t *wv = e;
    int rc = 0;
    bool after_scale = false;
    if (!json_is_string(e)) {
        rc = fdp_rules_check_members(c, e, allowed);
        if (rc == 0)
            rc = get_number(c, e, M_TIMES, false, &u.times);
        if (rc == 0)
            rc = get_bool(c, e, M_SINGULAR, &u.singular);
        if (rc == 0)
            rc = get_bool(c, e, M_WINDOW, &u.window);
        if (rc == 0)
            rc = get_bool(c, e, M_AFTER_SCALE, &after_scale);
        if (rc == 0 && !(wv = json_object_get(e, M_WORD)))
            rc = fdp_rule_error(c, "missing member '%s'", M_WORD);
        if (rc < 0)
            return rc;
        push_key(c, M_WORD);
    }
    rc = read_seq(r, c, wv, &u.seq, true); // "acre-feet": a hyphen inside a unit
    if (!json_is_string(e))
        pop(c);
    // "2 million pounds" is money, "9 pounds" a weight: a word that is this unit
    // only after a scale word is kept apart from the word's own unit
    return rc < 0 ? rc : push_unit(r, &u, after_scale ? FDP_DEF_SCALED_UNIT : FDP_DEF_UNIT);
}

// One of a unit's "glued" words: a unit only when written against the number
// ("35C", "2.1m high").
static int unit_glued(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    fdp_unit u = *(const fdp_unit *)arg;
    const char *raw = json_string_value(e);
    u.glued = true;
    u.caps = raw && *raw >= 'A' && *raw <= 'Z'; // "C": "35C" is Celsius, "5c" is not
    int rc = read_seq(r, c, e, &u.seq, false);
    if (rc == 0 && u.seq.n != 1) {
        free(u.seq.words);
        return fdp_rule_error(c, "a glued unit is one word%s", "");
    }
    return rc < 0 ? rc : add_unit(r, &u);
}

static int unit_sign(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    fdp_unit u = *(const fdp_unit *)arg;
    int rc;
    const char *s = one_sign(r, c, e, &rc);
    if (!s)
        return rc;
    u.sign = true;
    u.seq.words = malloc(sizeof *u.seq.words);
    if (!u.seq.words)
        return FD_ERR_NOMEM;
    u.seq.words[0] = s;
    u.seq.n = 1;
    return add_unit(r, &u);
}

static int add_base(fd_ruleset *r, const char *unit, const char *dimension, double f,
                    double offset) {
    fdp_unit_base *b = NULL;
    for (size_t i = 0; i < r->nbases && !b; i++)
        if (!strcmp(r->bases[i].unit, unit))
            b = &r->bases[i];
    if (!b && !(b = FDP_PUSH(r->bases, r->nbases, r->capbases)))
        return FD_ERR_NOMEM;
    *b = (fdp_unit_base){unit, dimension, f, offset};
    return 0;
}

// A unit's "split": {"unit": "months", "parts": 12}, the whole unit a fraction
// of it is said in ("almost half a year": 5 to 6 months).
static int unit_split(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, fdp_unit *u) {
    static const char *const allowed[] = {M_UNIT, M_PARTS, NULL};
    json_t *sp = json_object_get(e, M_SPLIT);
    if (!sp)
        return 0;
    push_key(c, M_SPLIT);
    int rc = json_is_object(sp) ? fdp_rules_check_members(c, sp, allowed)
                                : fdp_rule_error(c, "'%s' must be an object", M_SPLIT);
    const char *unit = NULL;
    if (rc == 0)
        rc = get_string(c, sp, M_UNIT, true, &unit);
    if (rc == 0)
        rc = get_number(c, sp, M_PARTS, true, &u->split_parts);
    if (rc == 0 && u->split_parts < 2)
        rc = fdp_rule_error(c, "'%s' must be 2 or more", M_PARTS);
    pop(c);
    if (rc == 0 && !(u->split_unit = keep_copy(r, unit)))
        rc = FD_ERR_NOMEM;
    return rc;
}

// One noun of a unit's "implied_by": "the retirement age from 62 to 64" is in years.
static int unit_implied(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    fdp_unit u = *(const fdp_unit *)arg;
    int rc = read_seq(r, c, e, &u.seq, false);
    return rc < 0 ? rc : push_unit(r, &u, FDP_DEF_IMPLIED_UNIT);
}

static int unit_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    static const char *const allowed[] = {M_UNIT,      M_KIND,       M_DIMENSION, M_IN_BASE,
                                          M_WORDS,     M_SIGNS,      M_HYPHENATED, M_BEFORE,
                                          M_IMPLIED_BY, M_SPLIT,     M_GLUED,      M_OFFSET,
                                          NULL};
    int rc = fdp_rules_check_members(c, e, allowed);
    const char *unit = NULL, *kind = NULL, *dim = NULL;
    double in_base = 1, offset = 0;
    bool hyphenated = true, before = false;
    json_t *words = NULL, *signs = json_object_get(e, M_SIGNS);
    json_t *implied = json_object_get(e, M_IMPLIED_BY), *glued = json_object_get(e, M_GLUED);
    if (rc == 0)
        rc = get_string(c, e, M_UNIT, true, &unit);
    if (rc == 0)
        rc = get_string(c, e, M_KIND, true, &kind);
    if (rc == 0)
        rc = get_string(c, e, M_DIMENSION, false, &dim);
    if (rc == 0)
        rc = get_number(c, e, M_IN_BASE, dim != NULL, &in_base);
    if (rc == 0)
        rc = get_offset(c, e, &offset);
    if (rc == 0)
        rc = get_bool(c, e, M_HYPHENATED, &hyphenated);
    if (rc == 0)
        rc = get_bool(c, e, M_BEFORE, &before);
    if (rc == 0 && implied && !json_is_array(implied)) {
        push_key(c, M_IMPLIED_BY);
        rc = fdp_rule_error(c, "'%s' must be an array", M_IMPLIED_BY);
        pop(c);
    }
    if (rc == 0 && (!implied || json_object_get(e, M_WORDS)))
        rc = get_array(c, e, M_WORDS, &words);
    if (rc < 0)
        return rc;
    fdp_unit u = {.unit = keep_copy(r, unit), .kind = keep_copy(r, kind), .times = 1,
                  .hyphenated = hyphenated, .before = before};
    if (!u.unit || !u.kind)
        return FD_ERR_NOMEM;
    if ((rc = unit_split(r, c, e, &u)) < 0)
        return rc;
    if (dim && (rc = add_base(r, u.unit, keep_copy(r, dim), in_base, offset)) < 0)
        return rc;
    if (words) {
        push_key(c, M_WORDS);
        rc = each(r, c, words, unit_word, &u);
        pop(c);
    }
    if (rc == 0 && signs) {
        push_key(c, M_SIGNS);
        rc = each(r, c, signs, unit_sign, &u);
        pop(c);
    }
    if (rc == 0 && implied) {
        push_key(c, M_IMPLIED_BY);
        rc = each(r, c, implied, unit_implied, &u);
        pop(c);
    }
    if (rc == 0 && glued) {
        push_key(c, M_GLUED);
        rc = each(r, c, glued, unit_glued, &u);
        pop(c);
    }
    return rc;
}

static int currency_sign(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    int rc;
    const char *s = one_sign(r, c, e, &rc);
    return s ? add_def(r, s, FDP_DEF_CURRENCY, 0, 0, *(const int *)arg) : rc;
}

// One of a currency's "codes": "EUR 300", "Rs 900 crore" before the number, "300
// EUR" after it.
static int currency_code(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    const fdp_unit *sign = &r->units[*(const int *)arg];
    fdp_unit u = *sign;
    u.sign = false;
    int rc = read_seq(r, c, e, &u.seq, false);
    if (rc == 0 && u.seq.n != 1) {
        free(u.seq.words);
        return fdp_rule_error(c, "a currency code is one word%s", "");
    }
    if (rc == 0 && (rc = add_def(r, u.seq.words[0], FDP_DEF_CURRENCY, 0, 0,
                                 *(const int *)arg)) < 0)
        free(u.seq.words); // no unit record owns them yet
    return rc < 0 ? rc : add_unit(r, &u);
}

static int currency_entry(fd_ruleset *r, fdp_rule_ctx *c, json_t *e, void *arg) {
    static const char *const allowed[] = {M_CODE, M_SIGNS, M_CODES, M_WORDS, NULL};
    int rc = fdp_rules_check_members(c, e, allowed);
    const char *code = NULL;
    json_t *signs = json_object_get(e, M_SIGNS), *words = json_object_get(e, M_WORDS);
    json_t *codes = json_object_get(e, M_CODES);
    if (rc == 0)
        rc = get_string(c, e, M_CODE, true, &code);
    if (rc == 0 && !signs && !words && !codes)
        rc = fdp_rule_error(c, "currency '%s' needs signs, codes or words", code);
    if (rc < 0)
        return rc;
    fdp_unit u = {.unit = keep_copy(r, code), .kind = FDP_KIND_MONEY, .times = 1,
                  .hyphenated = true};
    if (!u.unit)
        return FD_ERR_NOMEM;
    if (words) {
        push_key(c, M_WORDS);
        rc = each(r, c, words, unit_word, &u);
        pop(c);
    }
    if (rc == 0 && (signs || codes)) {
        // The sign's unit record carries the currency; the sign is looked up before
        // a number, not after it.
        u.seq.words = malloc(sizeof *u.seq.words);
        if (!u.seq.words)
            return FD_ERR_NOMEM;
        u.seq.words[0] = u.unit;
        u.seq.n = 1;
        u.sign = true;
        fdp_unit *slot = FDP_PUSH(r->units, r->nunits, r->capunits);
        if (!slot) {
            free(u.seq.words);
            return FD_ERR_NOMEM;
        }
        *slot = u;
        int idx = (int)r->nunits - 1;
        if (signs) {
            push_key(c, M_SIGNS);
            rc = each(r, c, signs, currency_sign, &idx);
            pop(c);
        }
        if (rc == 0 && codes) {
            push_key(c, M_CODES);
            rc = each(r, c, codes, currency_code, &idx);
            pop(c);
        }
    }
    return rc;
}

/* ---- dispatch ------------------------------------------------------------- */

int fdp_load_language(fd_ruleset *r, fdp_rule_ctx *c, const char *name, json_t *v) {
    static const struct scalar_spec mults = {{M_FACTOR}, {true}, M_ATTACHED_ONLY,
                                             FDP_DEF_MULT, false};
    static const struct scalar_spec vague = {{M_LOW, M_HIGH, M_OF}, {true, true, false},
                                             M_SCALE, FDP_DEF_VAGUE, false};
    static const struct scalar_spec several = {{M_FACTOR, M_MAX_FACTOR}, {true, true},
                                               M_ARTICLE, FDP_DEF_SEVERAL, false};
    if (!strcmp(name, "word_lists"))
        return load_word_lists(r, c, v);
    if (!strcmp(name, "number_words"))
        return load_number_words(r, c, v);
    if (!strcmp(name, "multipliers"))
        return load_scalars(r, c, v, mults);
    if (!strcmp(name, "vague_quantities"))
        return load_scalars(r, c, v, vague);
    if (!strcmp(name, "vague_multiples"))
        return load_scalars(r, c, v, several);
    if (!strcmp(name, "vague_phrases"))
        return each(r, c, v, phrase_entry, NULL);
    if (!strcmp(name, "fractions"))
        return each(r, c, v, fraction_entry, NULL);
    if (!strcmp(name, "qualifiers"))
        return each(r, c, v, qualifier_entry, NULL);
    if (!strcmp(name, "units"))
        return each(r, c, v, unit_entry, NULL);
    if (!strcmp(name, "currencies"))
        return each(r, c, v, currency_entry, NULL);
    if (!strcmp(name, "months"))
        return each(r, c, v, month_entry, NULL);
    if (!strcmp(name, "generic_sources"))
        return each(r, c, v, source_entry, NULL);
    if (!strcmp(name, "inflections"))
        return load_inflections(r, c, v);
    if (!strcmp(name, "dateline_stamps"))
        return each(r, c, v, stamp_entry, NULL);
    if (!strcmp(name, "labels"))
        return load_labels(r, c, v);
    if (!strcmp(name, "name_keys"))
        return load_name_keys(r, c, v);
    if (!strcmp(name, "kind_spellings"))
        return each(r, c, v, spelling_entry, r);
    if (!strcmp(name, "spellout_locale")) {
        const char *s = json_string_value(v);
        if (!s || !*s)
            return fdp_rule_error(c, "'%s' must be an ICU locale name", name);
        return (r->spellout_locale = keep_copy(r, s)) ? 0 : FD_ERR_NOMEM;
    }
    return 1;
}

void fdp_language_free(fd_ruleset *r) {
    for (size_t i = 0; i < r->nunits; i++)
        free(r->units[i].seq.words);
    for (size_t i = 0; i < r->nquals; i++)
        free(r->quals[i].seq.words);
    for (size_t i = 0; i < r->nphrases; i++)
        free(r->phrases[i].seq.words);
    for (size_t i = 0; i < r->nstrings; i++)
        free(r->strings[i]);
    free(r->strings);
    free(r->defs);
    free(r->units);
    free(r->bases);
    free(r->quals);
    free(r->phrases);
    free(r->sources);
    free(r->past_tense);
    free(r->plurals);
    free(r->stamps);
    fdp_name_key_rules *k = &r->name_keys;
    for (size_t i = 0; i < k->nprefixes; i++)
        free(k->prefixes[i].links);
    free(k->articles);
    free(k->dropped);
    free(k->prefixes);
    free(k->spellings);
    free(r->kind_spellings);
    fdp_lexicon_free(r);
}
