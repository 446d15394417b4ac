/*
 * main.c - the factdiff command. Includes only the public header.
 *
 *   factdiff check [options] PATH...    report agreements and conflicts
 *   factdiff eval --gold GOLD PATH...   score against a hand-annotated gold file
 *
 * Exit status: 0 no conflict (or eval passed), 1 conflicts or disputes found (or eval below
 * its thresholds), 2 usage or input errors.
 */
#include <dirent.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "factdiff.h"

enum { EXIT_CLEAN = 0, EXIT_CONFLICTS = 1, EXIT_TROUBLE = 2 };

static const char usage[] =
    "usage: factdiff check [--format text|json|html] [-o FILE] [--source NAME]\n"
    "                      [--rules DIR] [--color auto|always|never] [-v] PATH...\n"
    "       factdiff extract [-o FILE] [--source NAME] [--rules DIR] PATH...\n"
    "       factdiff names [--rules DIR] PATH...  |  factdiff names --key NAME...\n"
    "       factdiff eval --gold GOLD.json [--thresholds FILE] [--rules DIR] PATH...\n"
    "       factdiff --help | --version\n"
    "\n"
    "Reads news articles (.txt, IPTC ninjs .json, .jsonl; a directory means every such\n"
    "file in it; - reads JSON Lines from stdin), extracts their numeric claims and\n"
    "reports, fact by fact, where the sources agree and where they conflict.\n"
    "extract writes every claim as one JSON object per line, streaming; names lists\n"
    "each entity with its spellings, and names --key prints the key of each name.\n"
    "\n"
    "  -f, --format FMT     text (default), json or html\n"
    "  -o, --output FILE    write the report to FILE instead of stdout\n"
    "  -s, --source NAME    source (outlet) name for the documents read\n"
    "  -r, --rules DIR      rule files (default: $FACTDIFF_RULES, else the installed\n"
    "                       rules; --version names the directory)\n"
    "      --color WHEN     colour the text report: auto (on a terminal), always, never\n"
    "  -v, --verbose        text: also list agreements and compatible figures\n"
    "  -g, --gold FILE      eval: the gold annotations\n"
    "  -t, --thresholds F   eval: exit 1 when a score is below its minimum in F\n"
    "\n"
    "Exit status: 0 no conflict, 1 conflicts or disputes found (updates do not fail a\n"
    "check; eval: below thresholds),\n"
    "2 usage or input errors.\n";

typedef struct options {
    const char *command, *format, *output, *source, *rules, *color, *gold, *thresholds;
    int verbose, keys;
} options;

static int fail_usage(const char *fmt, const char *arg) {
    fprintf(stderr, "factdiff: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'factdiff --help'.\n");
    return EXIT_TROUBLE;
}

// The rules used when --rules is not given: $FACTDIFF_RULES, else the rules
// installed beside this binary (FD_BIN_TO_RULES from its directory, so a moved or
// `cmake --install --prefix` install finds its own), else fd_default_rules_dir().
static const char *default_rules(void) {
    static char dir[PATH_MAX], clean[PATH_MAX];
    const char *env = getenv("FACTDIFF_RULES");
    if (env && *env)
        return env;
#ifdef FD_BIN_TO_RULES
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    char *slash = n > 0 ? memrchr(dir, '/', (size_t)n) : NULL;
    if (slash && (size_t)(slash - dir) + sizeof FD_BIN_TO_RULES + 1 < sizeof dir) {
        memcpy(slash + 1, FD_BIN_TO_RULES, sizeof FD_BIN_TO_RULES);
        DIR *d = opendir(dir);
        if (d) {
            closedir(d);
            return realpath(dir, clean) ? clean : dir;
        }
    }
#endif
    return fd_default_rules_dir();
}

// Parses argv into o; returns -1 to go on, or an exit status.
static int parse(int argc, char **argv, options *o, int *first_path) {
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"source", required_argument, NULL, 's'}, {"rules", required_argument, NULL, 'r'},
        {"color", required_argument, NULL, 'C'},  {"colour", required_argument, NULL, 'C'},
        {"verbose", no_argument, NULL, 'v'},      {"gold", required_argument, NULL, 'g'},
        {"thresholds", required_argument, NULL, 't'}, {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},      {"key", no_argument, NULL, 'k'},
        {NULL, 0, NULL, 0}};
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(usage, stdout);
        return EXIT_CLEAN;
    }
    if (argc >= 2 && !strcmp(argv[1], "--version")) {
        printf("factdiff %s\nrules: %s\n", fd_version(), default_rules());
        return EXIT_CLEAN;
    }
    if (argc < 2)
        return fail_usage("%s", "no command given (check, extract, names or eval)");
    o->command = argv[1];
    if (strcmp(o->command, "check") && strcmp(o->command, "eval") &&
        strcmp(o->command, "extract") && strcmp(o->command, "names"))
        return fail_usage("unknown command '%s' (expected check, extract, names or eval)",
                          o->command);
    opterr = 0;
    optind = 2;
    int c;
    while ((c = getopt_long(argc, argv, ":f:o:s:r:vg:t:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': o->format = optarg; break;
        case 'o': o->output = optarg; break;
        case 's': o->source = optarg; break;
        case 'r': o->rules = optarg; break;
        case 'C': o->color = optarg; break;
        case 'v': o->verbose = 1; break;
        case 'g': o->gold = optarg; break;
        case 't': o->thresholds = optarg; break;
        case 'k': o->keys = 1; break;
        case 'h': fputs(usage, stdout); return EXIT_CLEAN;
        case ':': return fail_usage("option '%s' needs a value", argv[optind - 1]);
        default: return fail_usage("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return fail_usage("%s", "no input given: name files, directories or - for stdin");
    if (strcmp(o->format, "text") && strcmp(o->format, "json") && strcmp(o->format, "html"))
        return fail_usage("unknown format '%s' (text, json or html)", o->format);
    if (strcmp(o->color, "auto") && strcmp(o->color, "always") && strcmp(o->color, "never"))
        return fail_usage("--color takes auto, always or never, not '%s'", o->color);
    if (!strcmp(o->command, "eval") && !o->gold)
        return fail_usage("%s", "eval needs --gold GOLD.json");
    if (o->keys && strcmp(o->command, "names") != 0)
        return fail_usage("--key is an option of names, not of %s", o->command);
    *first_path = optind;
    return -1;
}

static fd_ruleset *load_rules(const char *dir) {
    fd_ruleset *rules = fd_ruleset_new();
    fd_error err = {0};
    if (!rules || fd_ruleset_load_dir(rules, dir, &err) < 0) {
        if (err.line)
            fprintf(stderr, "%s:%d:%d: error: %s\n", err.source, err.line, err.column, err.text);
        else
            fprintf(stderr, "%s: error: %s\n", err.source, rules ? err.text : "out of memory");
        fd_ruleset_free(rules);
        return NULL;
    }
    return rules;
}

// "path:line:col: error: text", the place left out when it is unknown.
static void print_error(const fd_error *e) {
    if (e->line > 0)
        fprintf(stderr, "%s:%d:%d: error: %s\n", e->source, e->line, e->column, e->text);
    else
        fprintf(stderr, "%s: error: %s\n", e->source, e->text);
}

// Where a document's error stands: the file of a JSON Lines document
// ("feed.jsonl", not "feed.jsonl:3"), whose line the error gives; else the document.
static const char *place(const fd_error *e, const char *doc_path) {
    size_t n = strlen(e->source);
    return n && !strncmp(doc_path, e->source, n) && doc_path[n] == ':' ? e->source : doc_path;
}

// Each document's errors, as the text report gives them ("path:line:col: error: ...").
static void print_doc_errors(const fd_run *r) {
    for (size_t i = 0; i < fd_run_doc_count(r); i++) {
        const fd_doc *d = fd_run_doc(r, i);
        for (size_t k = 0; k < fd_doc_error_count(d); k++) {
            const fd_error *e = fd_doc_error(d, k);
            if (e->line > 0)
                fprintf(stderr, "%s:%d:%d: error: %s (byte %zu)\n", place(e, fd_doc_path(d)),
                        e->line, e->column, e->text, e->position);
            else
                fprintf(stderr, "%s: error: %s\n", fd_doc_path(d), e->text);
        }
    }
}

static int run_eval(const options *o, fd_run *r) {
    fd_eval_scores s;
    fd_error err = {0};
    if (fd_eval(r, o->gold, stdout, &s, &err) < 0) {
        print_error(&err);
        return EXIT_TROUBLE;
    }
    // A document that could not be read makes every score meaningless.
    print_doc_errors(r);
    if (fd_run_error_count(r))
        return EXIT_TROUBLE;
    if (!o->thresholds)
        return EXIT_CLEAN;
    int below = fd_eval_check(&s, o->thresholds, stdout, &err);
    if (below < 0) {
        print_error(&err);
        return EXIT_TROUBLE;
    }
    return below ? EXIT_CONFLICTS : EXIT_CLEAN;
}

static int run_extract(const options *o, const char *const *paths, int n,
                       const fd_ruleset *rules) {
    FILE *out = o->output ? fopen(o->output, "w") : stdout;
    if (!out) {
        perror(o->output);
        return EXIT_TROUBLE;
    }
    int rc = fd_extract_stream(rules, paths, n, o->source, out, stderr);
    if (o->output && fclose(out) != 0)
        rc = FD_ERR_IO;
    if (rc < 0) {
        fprintf(stderr, "factdiff: %s\n", fd_strerror(rc));
        return EXIT_TROUBLE;
    }
    return rc > 0 ? EXIT_TROUBLE : EXIT_CLEAN;
}

// names --key: the identity check gives each name given, read together as one
// document set, one per line.
static int print_keys(const fd_ruleset *rules, const char *const *names, int n) {
    char **keys = calloc((size_t)n + 1, sizeof *keys);
    fd_error err = {0};
    if (!keys || fd_name_identities(rules, names, (size_t)n, keys, &err) != 0) {
        fprintf(stderr, "factdiff: %s\n", keys ? err.text : "out of memory");
        free(keys);
        return EXIT_TROUBLE;
    }
    for (int i = 0; i < n; i++) {
        printf("%s\n", keys[i]);
        fd_free(keys[i]);
    }
    free(keys);
    return EXIT_CLEAN;
}

static int run_names(fd_run *r) {
    print_doc_errors(r);
    if (fd_run_write_names(r, stdout) < 0)
        return EXIT_TROUBLE;
    return fd_run_error_count(r) ? EXIT_TROUBLE : EXIT_CLEAN;
}

// Conflicts and disputes fail a check; an update (a running total that rose
// between reports) is news, not a contradiction.
static size_t contradictions(const fd_run *r) {
    size_t n = 0;
    for (size_t i = 0; i < fd_run_finding_count(r); i++) {
        fd_kind k = fd_finding_kind(fd_run_finding(r, i));
        n += k == FD_KIND_CONFLICT || k == FD_KIND_DISPUTED;
    }
    return n;
}

static int run_check(const options *o, fd_run *r) {
    fd_format fmt = !strcmp(o->format, "json")   ? FD_FORMAT_JSON
                    : !strcmp(o->format, "html") ? FD_FORMAT_HTML
                                                 : FD_FORMAT_TEXT;
    FILE *out = o->output ? fopen(o->output, "w") : stdout;
    if (!out) {
        perror(o->output);
        return EXIT_TROUBLE;
    }
    unsigned flags = o->verbose ? FD_OPT_VERBOSE : 0;
    bool tty = !o->output && isatty(fileno(stdout)) && !getenv("NO_COLOR");
    if (!strcmp(o->color, "always") || (!strcmp(o->color, "auto") && tty))
        flags |= FD_OPT_COLOR;
    int rc = fd_run_write(r, fmt, out, flags);
    if (o->output && fclose(out) != 0)
        rc = -1;
    if (rc < 0) {
        fprintf(stderr, "factdiff: cannot write the report\n");
        return EXIT_TROUBLE;
    }
    // With a file or a non-text format, still tell a person what happened.
    if (fmt != FD_FORMAT_TEXT || o->output) {
        print_doc_errors(r);
        size_t docs = fd_run_doc_count(r), claims = fd_run_claim_count(r);
        size_t bad = contradictions(r), errs = fd_run_error_count(r);
        size_t updates = fd_run_conflict_count(r) - bad;
        fprintf(stderr, "factdiff: %s: %zu document%s, %zu claim%s, %zu conflict%s, %zu "
                        "update%s, %zu document%s with errors\n",
                o->output ? o->output : "<stdout>", docs, docs == 1 ? "" : "s", claims,
                claims == 1 ? "" : "s", bad, bad == 1 ? "" : "s", updates,
                updates == 1 ? "" : "s", errs, errs == 1 ? "" : "s");
    }
    if (fd_run_error_count(r))
        return EXIT_TROUBLE;
    return contradictions(r) ? EXIT_CONFLICTS : EXIT_CLEAN;
}

int main(int argc, char **argv) {
    options o = {NULL, "text", NULL, NULL, NULL, "auto", NULL, NULL, 0, 0};
    int first = 0;
    int status = parse(argc, argv, &o, &first);
    if (status >= 0)
        return status;
    fd_ruleset *rules = load_rules(o.rules ? o.rules : default_rules());
    if (!rules)
        return EXIT_TROUBLE;
    if (o.keys) {
        status = print_keys(rules, (const char *const *)argv + first, argc - first);
        fd_ruleset_free(rules);
        return status;
    }
    if (!strcmp(o.command, "extract")) {
        status = run_extract(&o, (const char *const *)argv + first, argc - first, rules);
        fd_ruleset_free(rules);
        return status;
    }
    fd_run *r = fd_run_new(rules);
    int rc = r ? 0 : -1;
    for (int i = first; i < argc && rc >= 0; i++)
        rc = fd_run_add_path(r, argv[i], o.source);
    if (rc >= 0 && fd_run_doc_count(r) == 0) { // an empty folder is a wrong path, not a pass
        fprintf(stderr, "factdiff: no documents to read (.txt, .json or .jsonl)\n");
        fd_run_free(r);
        fd_ruleset_free(rules);
        return EXIT_TROUBLE;
    }
    fd_error err = {0};
    if (rc >= 0)
        rc = fd_run_check(r, &err);
    if (rc < 0) {
        fprintf(stderr, "factdiff: %s\n", err.code ? err.text : "out of memory");
        status = EXIT_TROUBLE;
    } else {
        status = !strcmp(o.command, "eval")    ? run_eval(&o, r)
                 : !strcmp(o.command, "names") ? run_names(r)
                                               : run_check(&o, r);
    }
    fd_run_free(r);
    fd_ruleset_free(rules);
    return status;
}
