/*
 * rules.c - loads and validates the declarative rule files (rules/NAME.json).
 *
 * A rule file is one JSON object naming its format ("factdiff_rules": 1), with
 * any of these members (docs/rules.schema.json gives the whole shape):
 *   "entities":   [{"name", "type", "aliases": [...], "speaks_for"?, "in"?}]
 *   "counted":    [{"class", "label"?, "words": [...], "standalone"?, "cause"?, "sided"?,
 *                   "qualified"?}]
 *   "predicates": [{"class", "label"?, "words": [...], "counted"?, "cumulative"?, "sided"?}]
 * and the language members that lang.c loads (number words, units, currencies,
 * qualifiers, word lists, ...). Every member and value is checked: an unknown
 * member or entity type, a wrong type, a class word the tokenizer does not read
 * as one word, a missing or unknown version are errors. Errors name
 * file:line:column: jansson gives them for syntax errors; for a bad value a small
 * scanner (lang.c) finds the value's place in the file text.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rules/rules.h"

/* The member names of rule files that this file reads, each spelt once. */
static const char M_ALIASES[] = "aliases", M_CAUSE[] = "cause", M_CLASS[] = "class",
                  M_COUNTED[] = "counted", M_CUMULATIVE[] = "cumulative",
                  M_DESCRIPTION[] = "description", M_ENTITIES[] = "entities",
                  M_FACTDIFF_RULES[] = "factdiff_rules", M_IN[] = "in", M_LABEL[] = "label",
                  M_NAME[] = "name", M_PREDICATES[] = "predicates",
                  M_SPEAKS_FOR[] = "speaks_for", M_STANDALONE[] = "standalone",
                  M_SIDED[] = "sided", M_QUALIFIED[] = "qualified",
                  M_TYPE[] = "type", M_WITHIN[] = "within", M_WORDS[] = "words";

fd_ruleset *fd_ruleset_new(void) { return calloc(1, sizeof(fd_ruleset)); }

// $FACTDIFF_RULES, else the installed rules (FD_INSTALL_RULES_DIR, compiled in:
// ${datadir}/factdiff/rules) when that directory exists, else the source tree's
// rules/ for the build tree. The CLI looks beside its own binary first.
const char *fd_default_rules_dir(void) {
    const char *env = getenv("FACTDIFF_RULES");
    if (env && *env)
        return env;
#ifdef FD_INSTALL_RULES_DIR
    DIR *installed = opendir(FD_INSTALL_RULES_DIR);
    if (installed) {
        closedir(installed);
        return FD_INSTALL_RULES_DIR;
    }
#endif
#ifdef FD_DEFAULT_RULES_DIR
    return FD_DEFAULT_RULES_DIR;
#else
    return "rules";
#endif
}

static void free_words(char **w, int n) {
    for (int i = 0; i < n; i++)
        free(w[i]);
    free(w);
}

void fd_ruleset_free(fd_ruleset *r) {
    if (!r)
        return;
    for (size_t i = 0; i < r->nentities; i++) {
        free(r->entities[i].name);
        free(r->entities[i].slug);
        free(r->entities[i].speaks_for);
        free(r->entities[i].in_name);
        free(r->entities[i].in_file);
    }
    for (size_t i = 0; i < r->naliases; i++) {
        free_words(r->aliases[i].words, r->aliases[i].nwords);
        free_words(r->aliases[i].raw, r->aliases[i].nwords);
    }
    for (size_t i = 0; i < r->nnouns; i++) {
        free(r->nouns[i].name);
        free(r->nouns[i].label);
        free(r->nouns[i].within_name);
    }
    for (size_t i = 0; i < r->npredicates; i++) {
        free(r->predicates[i].name);
        free(r->predicates[i].label);
        free(r->predicates[i].counted_name);
    }
    for (size_t i = 0; i < r->nnoun_words; i++)
        free(r->noun_words[i].word);
    for (size_t i = 0; i < r->npred_words; i++)
        free(r->pred_words[i].word);
    free(r->alias_first.slots);
    free(r->noun_index.slots);
    free(r->pred_index.slots);
    free(r->entities);
    free(r->aliases);
    free(r->nouns);
    free(r->predicates);
    free(r->noun_words);
    free(r->pred_words);
    fdp_language_free(r);
    free(r);
}



typedef fdp_rule_ctx rule_ctx;

static bool is_short_acronym(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n > 5)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] >= 'A' && s[i] <= 'Z'))
            return false;
    return true;
}

static char *slugify(const char *name) {
    fdp_buf b = {0};
    char *words[32];
    int n = fdp_split_words(name, strlen(name), words, NULL, 32);
    if (n < 0)
        return NULL;
    for (int i = 0; i < n; i++) {
        if (strcmp(words[i], "-") != 0) {
            if (b.len)
                fdp_buf_putc(&b, '-');
            for (const char *p = words[i]; *p; p++)
                if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
                    fdp_buf_putc(&b, *p);
        }
        free(words[i]);
    }
    return fdp_buf_take(&b);
}

static int add_alias(fd_ruleset *r, rule_ctx *c, const char *text, int entity) {
    char *words[FDP_ALIAS_WORDS_MAX], *raw[FDP_ALIAS_WORDS_MAX];
    int n = fdp_split_words(text, strlen(text), words, raw, FDP_ALIAS_WORDS_MAX);
    if (n < 0)
        return FD_ERR_NOMEM;
    fdp_alias *a = FDP_PUSH(r->aliases, r->naliases, r->capaliases);
    if (a && n > 0) {
        a->words = malloc(sizeof(char *) * (size_t)n);
        a->raw = malloc(sizeof(char *) * (size_t)n);
    }
    if (!a || n == 0 || !a->words || !a->raw) {
        for (int i = 0; i < n; i++) {
            free(words[i]);
            free(raw[i]);
        }
        if (a) { // the slot is counted: take it back
            free(a->words);
            free(a->raw);
            r->naliases--;
        }
        return n == 0 ? fdp_rule_error(c, "empty name or alias: no letter or digit in it%s", "")
                      : FD_ERR_NOMEM;
    }
    a->exact_case = false;
    for (int i = 0; i < n; i++) {
        a->words[i] = words[i];
        a->raw[i] = raw[i];
        if (is_short_acronym(raw[i]))
            a->exact_case = true;
    }
    a->nwords = n;
    a->entity = entity;
    r->sorted = false;
    return 0;
}

// The entity types of the schema, with the type each stands for.
static const struct {
    const char *name;
    fdp_entity_type type;
} entity_types[] = {{"place", FDP_ENT_PLACE},         {"country", FDP_ENT_PLACE},
                    {"city", FDP_ENT_PLACE},          {"group", FDP_ENT_GROUP},
                    {"person", FDP_ENT_PERSON},       {"organisation", FDP_ENT_ORG},
                    {"organization", FDP_ENT_ORG},    {"other", FDP_ENT_OTHER},
                    {NULL, FDP_ENT_OTHER}};

static int parse_type(rule_ctx *c, json_t *e, fdp_entity_type *type) {
    const char *t = json_string_value(json_object_get(e, M_TYPE));
    fdp_rule_push(c, M_TYPE, 0);
    int i = 0;
    while (t && entity_types[i].name && strcmp(entity_types[i].name, t) != 0)
        i++;
    int rc = 0;
    if (!t)
        rc = fdp_rule_error(c, "an entity needs a type (place, group, person, organisation, "
                               "other)%s", "");
    else if (!entity_types[i].name)
        rc = fdp_rule_error(c, "unknown entity type '%s' (place, country, city, group, "
                               "person, organisation, organization, other)", t);
    fdp_rule_pop(c);
    *type = entity_types[i].type;
    return rc;
}

// Checks one entity's members; sets *name, *type and *aliases.
static int check_entity(rule_ctx *c, json_t *e, const char **name, fdp_entity_type *type,
                        json_t **aliases) {
    static const char *const allowed[] = {M_NAME, M_TYPE, M_ALIASES, M_SPEAKS_FOR, M_IN, NULL};
    int rc = fdp_rules_check_members(c, e, allowed);
    if (rc < 0)
        return rc;
    *name = json_string_value(json_object_get(e, M_NAME));
    *aliases = json_object_get(e, M_ALIASES);
    json_t *sf = json_object_get(e, M_SPEAKS_FOR);
    fdp_rule_push(c, M_NAME, 0);
    if (!*name || !**name)
        rc = fdp_rule_error(c, "an entity needs a non-empty name%s", "");
    fdp_rule_pop(c);
    if (rc == 0)
        rc = parse_type(c, e, type);
    fdp_rule_push(c, M_ALIASES, 0);
    if (rc == 0 && *aliases && !json_is_array(*aliases))
        rc = fdp_rule_error(c, "entity '%s': aliases must be an array", *name);
    fdp_rule_pop(c);
    fdp_rule_push(c, M_SPEAKS_FOR, 0);
    if (rc == 0 && sf && !json_is_string(sf))
        rc = fdp_rule_error(c, "entity '%s': speaks_for must be a name", *name);
    fdp_rule_pop(c);
    json_t *in = json_object_get(e, M_IN);
    fdp_rule_push(c, M_IN, 0);
    if (rc == 0 && in && (!json_string_value(in) || !*json_string_value(in)))
        rc = fdp_rule_error(c, "entity '%s': in must name the place it lies in", *name);
    else if (rc == 0 && in && *type != FDP_ENT_PLACE)
        rc = fdp_rule_error(c, "entity '%s': only a place lies in another", *name);
    fdp_rule_pop(c);
    return rc;
}

static int load_entity(fd_ruleset *r, rule_ctx *c, json_t *e, size_t index) {
    const char *name = NULL;
    fdp_entity_type type = FDP_ENT_OTHER;
    json_t *aliases = NULL;
    int rc = check_entity(c, e, &name, &type, &aliases);
    if (rc < 0)
        return rc;
    fdp_entity *ent = FDP_PUSH(r->entities, r->nentities, r->capentities);
    if (!ent)
        return FD_ERR_NOMEM;
    memset(ent, 0, sizeof *ent);
    ent->name = fdp_strdup(name);
    ent->slug = slugify(name);
    ent->type = type;
    ent->speaks_for = fdp_strdup(json_string_value(json_object_get(e, M_SPEAKS_FOR)));
    ent->in_name = fdp_strdup(json_string_value(json_object_get(e, M_IN)));
    ent->in = -1;
    ent->in_file = ent->in_name ? fdp_strdup(c->path) : NULL; // to say where, if it names nothing
    ent->in_index = index;
    if (!ent->name || !ent->slug || (json_object_get(e, M_IN) && (!ent->in_name || !ent->in_file)))
        return FD_ERR_NOMEM;
    int idx = (int)r->nentities - 1;
    fdp_rule_push(c, M_NAME, 0);
    rc = add_alias(r, c, name, idx);
    fdp_rule_pop(c);
    size_t j;
    json_t *al;
    json_array_foreach(aliases, j, al) {
        if (rc < 0)
            return rc;
        fdp_rule_push(c, M_ALIASES, 0);
        fdp_rule_push(c, NULL, j);
        rc = json_is_string(al) ? add_alias(r, c, json_string_value(al), idx)
                                : fdp_rule_error(c, "entity '%s': aliases must be strings", name);
        fdp_rule_pop(c);
        fdp_rule_pop(c);
    }
    return rc;
}

static int load_entities(fd_ruleset *r, rule_ctx *c, json_t *arr) {
    if (!json_is_array(arr))
        return fdp_rule_error(c, "'%s' must be an array", M_ENTITIES);
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        fdp_rule_push(c, NULL, i);
        int rc = load_entity(r, c, e, i);
        fdp_rule_pop(c);
        if (rc < 0)
            return rc;
    }
    return 0;
}

// Where loaded classes go: "counted" or "predicates".
typedef struct class_tables {
    fdp_class **classes;
    size_t *n, *cap;
    fdp_word_entry **words;
    size_t *nw, *capw;
    bool predicates;
} class_tables;

static int check_class(rule_ctx *c, json_t *e, bool predicates) {
    static const char *const counted[] = {M_CLASS, M_LABEL,  M_WORDS, M_STANDALONE,
                                          M_CAUSE, M_WITHIN, M_SIDED,     M_QUALIFIED,
                                          NULL};
    static const char *const preds[] = {M_CLASS,      M_LABEL, M_WORDS, M_COUNTED,
                                        M_CUMULATIVE, M_SIDED, NULL};
    int rc = fdp_rules_check_members(c, e, predicates ? preds : counted);
    const char *strings[] = {M_CLASS, M_LABEL, predicates ? M_COUNTED : M_WITHIN};
    const char *flags[] = {M_STANDALONE, M_CAUSE, M_CUMULATIVE, M_SIDED, M_QUALIFIED};
    for (int k = 0; k < 3 && rc == 0; k++) {
        json_t *v = json_object_get(e, strings[k]);
        fdp_rule_push(c, strings[k], 0);
        if ((v || k == 0) && (!json_string_value(v) || !*json_string_value(v)))
            rc = fdp_rule_error(c, "'%s' must be a non-empty string", strings[k]);
        fdp_rule_pop(c);
    }
    for (int k = 0; k < 5 && rc == 0; k++) {
        json_t *v = json_object_get(e, flags[k]);
        fdp_rule_push(c, flags[k], 0);
        if (rc == 0 && v && !json_is_boolean(v))
            rc = fdp_rule_error(c, "'%s' must be true or false", flags[k]);
        fdp_rule_pop(c);
    }
    fdp_rule_push(c, M_WORDS, 0);
    if (rc == 0 && !json_is_array(json_object_get(e, M_WORDS)))
        rc = fdp_rule_error(c, "each class needs an array of %swords", "");
    fdp_rule_pop(c);
    return rc;
}

static int load_class(fd_ruleset *r, rule_ctx *c, json_t *e, const class_tables *t) {
    int rc = check_class(c, e, t->predicates);
    if (rc < 0)
        return rc;
    const char *name = json_string_value(json_object_get(e, M_CLASS));
    const char *label = json_string_value(json_object_get(e, M_LABEL));
    fdp_class *cl = FDP_PUSH(*t->classes, *t->n, *t->cap);
    if (!cl)
        return FD_ERR_NOMEM;
    memset(cl, 0, sizeof *cl);
    cl->name = fdp_strdup(name);
    cl->label = fdp_strdup(label ? label : name);
    cl->standalone = json_is_true(json_object_get(e, M_STANDALONE));
    cl->cause = json_is_true(json_object_get(e, M_CAUSE));
    cl->cumulative = json_is_true(json_object_get(e, M_CUMULATIVE));
    cl->sided = json_is_true(json_object_get(e, M_SIDED));
    cl->qualified = json_is_true(json_object_get(e, M_QUALIFIED));
    cl->counted = cl->within = -1;
    const char *counted = json_string_value(json_object_get(e, M_COUNTED));
    const char *within = json_string_value(json_object_get(e, M_WITHIN));
    if (counted)
        cl->counted_name = fdp_strdup(counted);
    if (within)
        cl->within_name = fdp_strdup(within);
    if (!cl->name || !cl->label || (counted && !cl->counted_name) ||
        (within && !cl->within_name))
        return FD_ERR_NOMEM;
    size_t j;
    json_t *w;
    json_array_foreach(json_object_get(e, M_WORDS), j, w) {
        fdp_rule_push(c, M_WORDS, 0);
        fdp_rule_push(c, NULL, j);
        // Classes are looked up a word at a time: "air strike" could never match.
        const char *folded = fdp_rules_one_word(r, c, w, &rc);
        fdp_rule_pop(c);
        fdp_rule_pop(c);
        if (!folded)
            return rc;
        fdp_word_entry *we = FDP_PUSH(*t->words, *t->nw, *t->capw);
        if (!we || !(we->word = fdp_strdup(folded)))
            return FD_ERR_NOMEM;
        we->cls = (int)*t->n - 1;
    }
    return 0;
}

// Loads "counted" or "predicates": classes of words.
static int load_classes(fd_ruleset *r, rule_ctx *c, json_t *arr, const class_tables *t) {
    if (!json_is_array(arr))
        return fdp_rule_error(c, "'%s' must be an array", t->predicates ? M_PREDICATES
                                                                         : M_COUNTED);
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e) {
        fdp_rule_push(c, NULL, i);
        int rc = load_class(r, c, e, t);
        fdp_rule_pop(c);
        if (rc < 0)
            return rc;
    }
    return 0;
}

// A predicate's "counted" names a class of "counted" loaded so far (this file or
// an earlier one in name order). Predicates from first on are this file's.
static int resolve_counted(fd_ruleset *r, rule_ctx *c, size_t first) {
    for (size_t i = first; i < r->npredicates; i++) {
        fdp_class *p = &r->predicates[i];
        if (!p->counted_name || p->counted >= 0)
            continue;
        for (size_t k = 0; k < r->nnouns && p->counted < 0; k++)
            if (!strcmp(r->nouns[k].name, p->counted_name))
                p->counted = (int)k;
        if (p->counted < 0) {
            fdp_rule_push(c, M_PREDICATES, 0);
            fdp_rule_push(c, NULL, i - first);
            fdp_rule_push(c, M_COUNTED, 0);
            return fdp_rule_error(c, "predicate counts unknown class '%s'", p->counted_name);
        }
    }
    return 0;
}

// The whole file at path, or NULL with *code FD_ERR_IO or FD_ERR_NOMEM.
static char *slurp(const char *path, size_t *len, int *code) {
    FILE *f = fopen(path, "rb");
    *code = FD_ERR_IO;
    if (!f)
        return NULL;
    fdp_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fdp_buf_append(&b, chunk, n);
    bool bad = ferror(f);
    fclose(f);
    *len = b.len;
    if (bad) {
        fdp_buf_free(&b);
        return NULL;
    }
    *code = FD_ERR_NOMEM;
    return fdp_buf_take(&b);
}

// The version member: factdiff_rules must be 1.
static int check_version(rule_ctx *c, json_t *root) {
    json_t *v = json_object_get(root, M_FACTDIFF_RULES);
    if (!v)
        return fdp_error_set(c->err, FD_ERR_RULE, c->path, 1, 1, 0,
                             "a rule file names its format: \"factdiff_rules\": 1");
    fdp_rule_push(c, M_FACTDIFF_RULES, 0);
    int rc = json_is_integer(v) && json_integer_value(v) == 1
                 ? 0
                 : fdp_rule_error(c, "unknown rule format%s: factdiff reads version 1", "");
    fdp_rule_pop(c);
    return rc;
}

static int load_member(fd_ruleset *r, rule_ctx *c, const char *k, json_t *v) {
    class_tables nouns = {&r->nouns, &r->nnouns, &r->capnouns,
                          &r->noun_words, &r->nnoun_words, &r->capnoun_words, false};
    class_tables preds = {&r->predicates, &r->npredicates, &r->cappredicates,
                          &r->pred_words, &r->npred_words, &r->cappred_words, true};
    if (!strcmp(k, M_ENTITIES))
        return load_entities(r, c, v);
    if (!strcmp(k, M_COUNTED))
        return load_classes(r, c, v, &nouns);
    if (!strcmp(k, M_PREDICATES))
        return load_classes(r, c, v, &preds);
    if (!strcmp(k, M_FACTDIFF_RULES))
        return 0;
    if (!strcmp(k, M_DESCRIPTION))
        return json_is_string(v) ? 0 : fdp_rule_error(c, "'%s' must be a string", k);
    int rc = fdp_load_language(r, c, k, v);
    if (rc == 1)
        rc = fdp_rules_unknown_member(c, k);
    return rc;
}

// A class's "within" names a class of "counted" loaded so far, and no class
// stands within itself however far the chain goes. Classes from first on are
// this file's.
static int resolve_within(fd_ruleset *r, rule_ctx *c, size_t first) {
    for (size_t i = first; i < r->nnouns; i++) {
        fdp_class *cl = &r->nouns[i];
        if (!cl->within_name || cl->within >= 0)
            continue;
        for (size_t k = 0; k < r->nnouns && cl->within < 0; k++)
            if (!strcmp(r->nouns[k].name, cl->within_name))
                cl->within = (int)k;
        int up = cl->within;
        for (size_t steps = 0; up >= 0 && up != (int)i && steps < r->nnouns; steps++)
            up = r->nouns[up].within;
        if (cl->within < 0 || up == (int)i) {
            fdp_rule_push(c, M_COUNTED, 0);
            fdp_rule_push(c, NULL, i - first);
            fdp_rule_push(c, M_WITHIN, 0);
            if (cl->within < 0)
                return fdp_rule_error(c, "'within' names unknown class '%s'", cl->within_name);
            return fdp_rule_error(c, "class '%s' stands within itself", cl->name);
        }
    }
    return 0;
}

int fdp_rules_root_class(const fd_ruleset *r, int cls) {
    for (size_t steps = 0; r && cls >= 0 && r->nouns[cls].within >= 0 && steps < r->nnouns;
         steps++)
        cls = r->nouns[cls].within;
    return cls;
}

bool fdp_rules_class_within(const fd_ruleset *r, int b, int a) {
    for (size_t steps = 0; b >= 0 && steps <= r->nnouns; steps++, b = r->nouns[b].within)
        if (b == a)
            return true;
    return false;
}

bool fdp_rules_classes_nest(const fd_ruleset *r, int a, int b) {
    return a == b || (r && a >= 0 && b >= 0 &&
                      (fdp_rules_class_within(r, a, b) || fdp_rules_class_within(r, b, a)));
}

static int load_root(fd_ruleset *r, rule_ctx *c, json_t *root) {
    if (!json_is_object(root))
        return fdp_error_set(c->err, FD_ERR_RULE, c->path, 1, 1, 0,
                             "a rule file is a JSON object");
    int rc = check_version(c, root);
    size_t first_pred = r->npredicates, first_noun = r->nnouns;
    const char *k;
    json_t *v;
    json_object_foreach(root, k, v) {
        if (rc < 0)
            break;
        c->depth = 0;
        fdp_rule_push(c, k, 0);
        rc = load_member(r, c, k, v);
    }
    c->depth = 0;
    if (rc == 0)
        rc = resolve_counted(r, c, first_pred);
    if (rc == 0)
        rc = resolve_within(r, c, first_noun);
    return rc;
}

// Loads one rule file into r, leaving its tables unsorted and its lexicon as it
// was: finish_loaded makes them once the files of a load are all read, so that
// a directory of rule files is sorted and indexed once, not once a file.
static int load_unfinished(fd_ruleset *r, const char *path, fd_error *err) {
    fdp_error_clear(err);
    size_t len = 0;
    int code;
    char *text = slurp(path, &len, &code);
    if (!text)
        return fdp_error_set(err, code, path, 0, 0, 0, "%s",
                             code == FD_ERR_NOMEM ? "out of memory" : "cannot read rule file");
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    rule_ctx c = {path, text, len, err, {{NULL, 0}}, 0};
    int rc;
    if (!root && fdp_json_out_of_memory(&je))
        rc = fdp_error_set(err, FD_ERR_NOMEM, path, 0, 0, 0, "out of memory");
    else if (!root)
        rc = fdp_error_set(err, FD_ERR_RULE, path, je.line, je.column, (size_t)je.position,
                           "%s", je.text);
    else
        rc = load_root(r, &c, root);
    json_decref(root);
    free(text);
    return rc;
}

// Finishes r after a load whose last file, path, gave rc: the rules read so far
// are sorted and indexed even after a rule error. Out of memory part way, the
// tables may hold half-made entries: the rule set may then only be freed
// (factdiff.h), and is not indexed.
static int finish_loaded(fd_ruleset *r, int rc, const char *path, fd_error *err) {
    int frc = rc == FD_ERR_NOMEM ? rc : fdp_ruleset_finish(r);
    if (rc == 0)
        rc = frc;
    if (rc == FD_ERR_NOMEM)
        fdp_error_set(err, FD_ERR_NOMEM, path, 0, 0, 0, "out of memory");
    return rc;
}

int fd_ruleset_load_file(fd_ruleset *r, const char *path, fd_error *err) {
    return finish_loaded(r, load_unfinished(r, path, err), path, err);
}

// Once every file of a directory is loaded, a place's "in" that names no place
// of any of them is an error at its value (its file is read again to say where).
static int check_places_in(const fd_ruleset *r, fd_error *err) {
    for (size_t i = 0; i < r->nentities; i++) {
        const fdp_entity *e = &r->entities[i];
        if (!e->in_name || e->in >= 0)
            continue;
        size_t len = 0;
        int code;
        char *text = slurp(e->in_file, &len, &code);
        rule_ctx c = {e->in_file, text, len, err, {{NULL, 0}}, 0};
        fdp_rule_push(&c, M_ENTITIES, 0);
        fdp_rule_push(&c, NULL, e->in_index);
        fdp_rule_push(&c, M_IN, 0);
        int rc = fdp_rule_error(&c, "in names '%s': no rule file has a place of that name",
                                e->in_name);
        free(text);
        return rc;
    }
    return 0;
}

int fd_ruleset_load_dir(fd_ruleset *r, const char *dir, fd_error *err) {
    fdp_error_clear(err);
    DIR *d = opendir(dir);
    if (!d)
        return fdp_error_set(err, FD_ERR_IO, dir, 0, 0, 0, "cannot open rules directory");
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *de;
    errno = 0;
    while (rc == 0 && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l > 5 && !strcmp(de->d_name + l - 5, ".json")) {
            char **slot = FDP_PUSH(names, n, cap);
            if (!slot || !(*slot = fdp_strdup(de->d_name))) {
                n -= slot != NULL;
                rc = fdp_error_set(err, FD_ERR_NOMEM, dir, 0, 0, 0, "out of memory");
            }
        }
    }
    if (rc == 0 && errno)
        rc = fdp_error_set(err, FD_ERR_IO, dir, 0, 0, 0, "cannot read rules directory");
    closedir(d);
    // A directory of no rule file is a mistake (a wrong --rules), not an empty rule set.
    if (rc == 0 && n == 0)
        rc = fdp_error_set(err, FD_ERR_RULE, dir, 0, 0, 0, "no rule files (*.json) here");
    if (rc == 0)
        qsort(names, n, sizeof *names, fdp_cmp_str);
    fdp_buf p = {0}; // the file read last, which an error of the finish names
    for (size_t i = 0; i < n; i++) {
        if (rc == 0) {
            fdp_buf_free(&p);
            fdp_buf_printf(&p, "%s/%s", dir, names[i]);
            rc = p.data ? load_unfinished(r, p.data, err) : FD_ERR_NOMEM;
        }
        free(names[i]);
    }
    free(names);
    // Sorted and built once from every file's tables: what sorting and building
    // after each file made at the last, as glibc's qsort keeps equal words in
    // the order they were loaded (a merge sort), then as now.
    if (p.data)
        rc = finish_loaded(r, rc, p.data, err);
    fdp_buf_free(&p);
    return rc == 0 ? check_places_in(r, err) : rc;
}

static int cmp_word(const void *a, const void *b) {
    return strcmp(((const fdp_word_entry *)a)->word, ((const fdp_word_entry *)b)->word);
}

static int cmp_alias(const void *a, const void *b) {
    return strcmp(((const fdp_alias *)a)->words[0], ((const fdp_alias *)b)->words[0]);
}

static const char *alias_word(const fd_ruleset *r, size_t i) { return r->aliases[i].words[0]; }
static const char *noun_word(const fd_ruleset *r, size_t i) { return r->noun_words[i].word; }
static const char *pred_word(const fd_ruleset *r, size_t i) { return r->pred_words[i].word; }

// The first place other than entity i named name, or -1: a scan of them all.
static int place_named(const fd_ruleset *r, const char *name, size_t i) {
    for (size_t k = 0; k < r->nentities; k++)
        if (k != i && r->entities[k].type == FDP_ENT_PLACE && !strcmp(r->entities[k].name, name))
            return (int)k;
    return -1;
}

// A table of the places by name (slots of cap, a power of two, holding entity
// indexes or -1): the first place of each name, as place_named finds it.
static int *index_places(const fd_ruleset *r, size_t *cap) {
    *cap = 16;
    while (*cap < r->nentities * 2 + 1)
        *cap *= 2;
    int *slots = malloc(*cap * sizeof *slots);
    for (size_t k = 0; slots && k < *cap; k++)
        slots[k] = -1;
    for (size_t i = 0; slots && i < r->nentities; i++) {
        if (r->entities[i].type != FDP_ENT_PLACE)
            continue;
        size_t k = fdp_hash(r->entities[i].name) & (*cap - 1);
        while (slots[k] >= 0 && strcmp(r->entities[slots[k]].name, r->entities[i].name))
            k = (k + 1) & (*cap - 1);
        if (slots[k] < 0)
            slots[k] = (int)i;
    }
    return slots;
}

// Each place's "in": the entity of that name, a place, once it is loaded (the
// files load in name order, so a later file may hold it); else -1. Looked up in
// a table of the places: a scan of every entity for each was a tenth of the
// start-up of `factdiff extract`. Without memory for it, or for a place said to
// lie in one of its own name, the scan.
static void resolve_places_in(fd_ruleset *r) {
    size_t cap;
    int *slots = index_places(r, &cap);
    for (size_t i = 0; i < r->nentities; i++) {
        fdp_entity *e = &r->entities[i];
        if (!e->in_name || e->in >= 0)
            continue;
        int found = -1;
        if (slots) {
            size_t k = fdp_hash(e->in_name) & (cap - 1);
            while (slots[k] >= 0 && strcmp(r->entities[slots[k]].name, e->in_name))
                k = (k + 1) & (cap - 1);
            found = slots[k];
        }
        e->in = !slots || found == (int)i ? place_named(r, e->in_name, i) : found;
    }
    free(slots);
}

int fdp_ruleset_finish(fd_ruleset *r) {
    // qsort with a NULL base is undefined even for zero elements.
    if (r->nnoun_words)
        qsort(r->noun_words, r->nnoun_words, sizeof *r->noun_words, cmp_word);
    if (r->npred_words)
        qsort(r->pred_words, r->npred_words, sizeof *r->pred_words, cmp_word);
    if (r->naliases)
        qsort(r->aliases, r->naliases, sizeof *r->aliases, cmp_alias);
    // Most words of a text are no rule word: a hash probe says so at once.
    fdp_word_index_build(&r->alias_first, r->naliases, alias_word, r);
    memset(r->alias_filter, 0, sizeof r->alias_filter);
    for (size_t i = 0; i < r->naliases; i++) {
        uint32_t bit = fdp_hash_word(r->aliases[i].words[0]) % FDP_ALIAS_FILTER_BITS;
        r->alias_filter[bit / 64] |= (uint64_t)1 << (bit % 64);
    }
    fdp_word_index_build(&r->noun_index, r->nnoun_words, noun_word, r);
    fdp_word_index_build(&r->pred_index, r->npred_words, pred_word, r);
    resolve_places_in(r);
    r->sorted = true;
    return fdp_lexicon_build(r);
}

// The aliases [*first, *first + *count) whose first word is w: by the hash
// index (h: fdp_hash_word(w)), else, without one, by binary search.
static bool alias_range(const fd_ruleset *r, const char *w, uint32_t h, uint32_t *first,
                        uint32_t *count) {
    const fdp_word_index *ix = &r->alias_first;
    if (ix->slots) {
        for (size_t k = h & ix->mask; ix->slots[k].word; k = (k + 1) & ix->mask)
            if (ix->slots[k].hash == h && fdp_same_word(ix->slots[k].word, w)) {
                *first = ix->slots[k].first;
                *count = ix->slots[k].count;
                return true;
            }
        return false;
    }
    size_t lo = 0, hi = r->naliases;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(r->aliases[mid].words[0], w) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < r->naliases && !strcmp(r->aliases[end].words[0], w))
        end++;
    *first = (uint32_t)lo;
    *count = (uint32_t)(end - lo);
    return end > lo;
}

bool fdp_rules_aliases_of(const fd_ruleset *r, const char *w, uint32_t h, uint32_t *first,
                          uint32_t *count) {
    return r && r->naliases && alias_range(r, w, h, first, count);
}

// True if word k as written, raw[k] (rawlen[k] bytes, or NUL-terminated when
// rawlen is NULL), is the alias's word as written.
static bool raw_is(const char *alias_raw, const char *const *raw, const size_t *rawlen, int k) {
    if (!rawlen)
        return strcmp(alias_raw, raw[k]) == 0;
    return strlen(alias_raw) == rawlen[k] && memcmp(alias_raw, raw[k], rawlen[k]) == 0;
}

// True if alias a starts words[0..n) (its first word is words[0]'s: the range
// says so); a short all-capital word of the alias ("IS") must be written so.
static bool alias_starts(const fdp_alias *a, const char *const *words, const char *const *raw,
                         const size_t *rawlen, int n) {
    if (a->nwords > n)
        return false;
    for (int k = 0; k < a->nwords; k++) {
        if (k > 0 && !fdp_same_word(a->words[k], words[k]))
            return false;
        if (a->exact_case && raw && is_short_acronym(a->raw[k]) &&
            !raw_is(a->raw[k], raw, rawlen, k))
            return false;
    }
    return true;
}

int fdp_rules_match_alias_in(const fd_ruleset *r, uint32_t first, uint32_t count,
                             const char *const *words, const char *const *raw,
                             const size_t *rawlen, int n, int *matched) {
    *matched = 0;
    int best = -1;
    for (size_t i = first; i < (size_t)first + count; i++) {
        const fdp_alias *a = &r->aliases[i];
        if (a->nwords > *matched && alias_starts(a, words, raw, rawlen, n)) {
            best = a->entity;
            *matched = a->nwords;
        }
    }
    return best;
}

int fdp_rules_match_alias(const fd_ruleset *r, char *const *words, char *const *raw, int n,
                          int *matched) {
    *matched = 0;
    uint32_t first, count;
    if (!r || n <= 0 || !fdp_rules_aliases_of(r, words[0], fdp_hash_word(words[0]), &first,
                                              &count))
        return -1;
    return fdp_rules_match_alias_in(r, first, count, (const char *const *)words,
                                    (const char *const *)raw, NULL, n, matched);
}
