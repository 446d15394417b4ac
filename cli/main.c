/*
 * main.c - the factdiff command. Includes only the public header.
 *
 *   factdiff check [options] PATH...    report agreements and conflicts
 *   factdiff ack --why TEXT PATH...     acknowledge the findings that fail a check
 *   factdiff eval --gold GOLD PATH...   score against a hand-annotated gold file
 *   factdiff watch [options] DIR|-      announce each new finding as stories arrive (watch.c)
 *
 * Exit status: 0 no conflict (or eval passed), 1 unacknowledged findings of the --fail-on
 * kinds (conflicts and disputes by default) or stale acknowledgements (or eval below its
 * thresholds), 2 usage or input errors.
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
#include "progress.h"
#include "watch.h"

#define REPORT_BUFFER (256 * 1024) /* bytes of a report written at once */

enum { EXIT_CLEAN = 0, EXIT_CONFLICTS = 1, EXIT_TROUBLE = 2 };

static const char usage[] =
    "usage: factdiff check [--format text|json|html|sarif|github] [-o FILE] [--source NAME]\n"
    "                      [--rules DIR] [--color auto|always|never] [-v]\n"
    "                      [--ack FILE] [--fail-on KINDS] [--store FILE] PATH...\n"
    "       factdiff watch [--store FILE] [--format jsonl|text] [--window DAYS] [--poll[=MS]]\n"
    "                      [--once] [-v] [--rules DIR] DIR|-\n"
    "       factdiff ack --why TEXT [--ack FILE] [--only FINGERPRINT]... [--prune]\n"
    "                    [--fail-on KINDS] PATH...\n"
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
    "  -f, --format FMT     text (default), json, html, sarif (SARIF 2.1.0) or github\n"
    "                       (GitHub Actions annotations)\n"
    "  -o, --output FILE    write the report to FILE instead of stdout\n"
    "  -s, --source NAME    source (outlet) name for the documents read\n"
    "  -r, --rules DIR      rule files (default: $FACTDIFF_RULES, else the installed\n"
    "                       rules; --version names the directory)\n"
    "      --color WHEN     colour the text report: auto (on a terminal), always, never\n"
    "  -v, --verbose        text: also list agreements and compatible figures\n"
    "      --fail-on KINDS  which unacknowledged findings fail a check (exit 1): a comma\n"
    "                       list of conflict, disputed, update, currencies (default\n"
    "                       conflict,disputed)\n"
    "      --ack FILE       the acknowledgement file (default .factdiff-ack.json, read\n"
    "                       by check when it exists)\n"
    "      --why TEXT       ack: why the findings are acknowledged (required)\n"
    "      --only FP        ack: only the finding with this fingerprint (repeatable, or\n"
    "                       a comma list); otherwise every finding that fails the check\n"
    "      --prune          ack: drop entries that match no finding any more\n"
    "      --store FILE     check: also every document of a watch's store; watch: the\n"
    "                       store (SQLite, default factdiff.db)\n"
    "      --window DAYS    watch: days after the latest story an older one is compared\n"
    "                       (default 10)\n"
    "      --poll[=MS]      watch: scan the directory every MS ms (500) instead of inotify\n"
    "      --once           watch: read what is in the directory, then exit\n"
    "  -g, --gold FILE      eval: the gold annotations\n"
    "  -t, --thresholds F   eval: exit 1 when a score is below its minimum in F\n"
    "\n"
    "Exit status: 0 no conflict, 1 unacknowledged findings of the --fail-on kinds or\n"
    "stale acknowledgements (updates do not fail a check by default; eval: below\n"
    "thresholds), 2 usage or input errors.\n";

#define DEFAULT_ACK_FILE ".factdiff-ack.json"
#define KIND_BIT(k) (1u << (k))
#define DEFAULT_FAIL_ON (KIND_BIT(FD_KIND_CONFLICT) | KIND_BIT(FD_KIND_DISPUTED))

typedef struct options {
    const char *command, *format, *output, *source, *rules, *color, *gold, *thresholds;
    int verbose, keys;
    const char *ack, *why; // --ack FILE, --why TEXT
    const char *store;     // --store FILE: the documents of a watch's store
    const char **only;     // --only fingerprints (room for argc)
    size_t nonly;
    bool prune, fail_on_given;
    unsigned fail_on;      // KIND_BIT of each kind that fails a check
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

// "conflict,update" -> the bits of those kinds; -1 on a word that is not one.
// list is left as it is, so that an error can quote it whole.
static int parse_kinds(const char *list, unsigned *kinds) {
    // currencies: a desk may want every sum no rate let factdiff compare looked at
    static const fd_kind failing[] = {FD_KIND_CONFLICT, FD_KIND_DISPUTED, FD_KIND_UPDATE,
                                      FD_KIND_CURRENCIES};
    *kinds = 0;
    for (const char *w = list; *w; w += *w == ',') {
        size_t n = strcspn(w, ",");
        unsigned bit = 0;
        for (size_t i = 0; i < sizeof failing / sizeof *failing; i++)
            if (strlen(fd_kind_name(failing[i])) == n && !strncmp(w, fd_kind_name(failing[i]), n))
                bit = KIND_BIT(failing[i]);
        if (!bit)
            return -1;
        *kinds |= bit;
        w += n;
    }
    return *kinds ? 0 : -1;
}

// --only FP, repeated or as a comma list ("--only a1b2...,c3d4...").
static void add_only(options *o, char *list) {
    for (char *w = strtok(list, ","); w; w = strtok(NULL, ","))
        o->only[o->nonly++] = w;
}

// The options of ack and check: which belongs to which, and a justification
// for every acknowledgement. Returns -1 when all is well, else an exit status.
static int check_ack_options(const options *o) {
    bool ack = !strcmp(o->command, "ack"), check = !strcmp(o->command, "check");
    if ((o->why || o->nonly || o->prune) && !ack)
        return fail_usage("--why, --only and --prune are options of ack, not of %s",
                          o->command);
    if ((o->ack || o->fail_on_given) && !ack && !check)
        return fail_usage("--ack and --fail-on are options of check and ack, not of %s",
                          o->command);
    bool why = o->why && o->why[strspn(o->why, " \t\r\n")];
    if (ack && !why && (o->why || o->nonly || !o->prune))
        return fail_usage("%s", "ack needs a justification: --why TEXT says why these "
                                "findings are acknowledged (--prune alone only drops stale "
                                "entries)");
    return -1;
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
        {"fail-on", required_argument, NULL, 'F'}, {"ack", required_argument, NULL, 'A'},
        {"why", required_argument, NULL, 'W'},    {"only", required_argument, NULL, 'O'},
        {"prune", no_argument, NULL, 'P'},        {"store", required_argument, NULL, 'S'},
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
        return fail_usage("%s", "no command given (check, ack, extract, names, eval or watch)");
    o->command = argv[1];
    if (strcmp(o->command, "check") && strcmp(o->command, "eval") &&
        strcmp(o->command, "extract") && strcmp(o->command, "names") &&
        strcmp(o->command, "ack"))
        return fail_usage("unknown command '%s' (expected check, ack, extract, names, eval or "
                          "watch)",
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
        case 'A': o->ack = optarg; break;
        case 'W': o->why = optarg; break;
        case 'O': add_only(o, optarg); break;
        case 'P': o->prune = true; break;
        case 'S': o->store = optarg; break;
        case 'F':
            o->fail_on_given = true;
            if (parse_kinds(optarg, &o->fail_on) < 0)
                return fail_usage("--fail-on takes a comma list of conflict, disputed, "
                                  "update and currencies, not '%s'", optarg);
            break;
        case 'h': fputs(usage, stdout); return EXIT_CLEAN;
        case ':': return fail_usage("option '%s' needs a value", argv[optind - 1]);
        default: return fail_usage("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (o->store && strcmp(o->command, "check") && strcmp(o->command, "ack"))
        return fail_usage("--store is an option of check, ack and watch, not of %s", o->command);
    if (optind >= argc && !o->store)
        return fail_usage("%s", "no input given: name files, directories or - for stdin");
    if (strcmp(o->format, "text") && strcmp(o->format, "json") && strcmp(o->format, "html") &&
        strcmp(o->format, "sarif") && strcmp(o->format, "github"))
        return fail_usage("unknown format '%s' (text, json, html, sarif or github)", o->format);
    if (strcmp(o->color, "auto") && strcmp(o->color, "always") && strcmp(o->color, "never"))
        return fail_usage("--color takes auto, always or never, not '%s'", o->color);
    if (!strcmp(o->command, "eval") && !o->gold)
        return fail_usage("%s", "eval needs --gold GOLD.json");
    if (o->keys && strcmp(o->command, "names") != 0)
        return fail_usage("--key is an option of names, not of %s", o->command);
    int rc = check_ack_options(o);
    if (rc >= 0)
        return rc;
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

// "path:line:col: error: text", the place (or its column) left out when unknown.
static void print_error(const fd_error *e) {
    if (e->line > 0 && e->column > 0)
        fprintf(stderr, "%s:%d:%d: error: %s\n", e->source, e->line, e->column, e->text);
    else if (e->line > 0)
        fprintf(stderr, "%s:%d: error: %s\n", e->source, e->line, e->text);
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

// Where a report goes: the file given, else stdout. Not a terminal, it is
// written in large blocks (a report of a feed is many megabytes; stdio's
// blocks are 4 KB). A process writes one report: one buffer, never freed
// (glibc ignores the size asked for without a buffer given).
static FILE *open_report(const char *path) {
    static char buffer[REPORT_BUFFER];
    FILE *out = path ? fopen(path, "w") : stdout;
    if (out && !isatty(fileno(out)))
        setvbuf(out, buffer, _IOFBF, sizeof buffer);
    return out;
}

static int run_extract(const options *o, const char *const *paths, int n,
                       const fd_ruleset *rules) {
    FILE *out = open_report(o->output);
    if (!out) {
        perror(o->output);
        return EXIT_TROUBLE;
    }
    progress pg;
    progress_start(&pg, paths, n);
    int rc = fd_extract_stream_progress(rules, paths, n, o->source, out, stderr,
                                        pg.on ? progress_document : NULL, &pg);
    progress_end(&pg);
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

// The findings that fail a check: those of the --fail-on kinds (conflicts and
// disputes by default: an update, a running total that rose between reports, is
// news, not a contradiction) that no acknowledgement names.
static size_t failing(const fd_run *r, unsigned kinds) {
    size_t n = 0;
    for (size_t i = 0; i < fd_run_finding_count(r); i++) {
        const fd_finding *f = fd_run_finding(r, i);
        n += (kinds & KIND_BIT(fd_finding_kind(f))) && !fd_finding_acknowledgement(f);
    }
    return n;
}

// Reads the acknowledgement file: --ack FILE, else .factdiff-ack.json when there is
// one here. Returns 0, or an exit status after saying what is wrong with it.
static int read_acks(const options *o, fd_run *r) {
    const char *path = o->ack ? o->ack : DEFAULT_ACK_FILE;
    if (!o->ack && access(path, F_OK) != 0)
        return 0;
    if (!strcmp(o->command, "ack") && access(path, F_OK) != 0)
        return 0; // ack creates it
    fd_error err = {0};
    if (fd_run_read_acks(r, path, &err) == 0)
        return 0;
    print_error(&err);
    return EXIT_TROUBLE;
}

// "ack.json:7: warning: stale acknowledgement ..." for a report that does not say it.
static void print_stale(const fd_run *r) {
    for (size_t i = 0; i < fd_run_stale_ack_count(r); i++) {
        int line = 0;
        const char *fp = fd_run_stale_ack(r, i, &line);
        fprintf(stderr, "%s:%d: warning: stale acknowledgement %s: no finding has this "
                        "fingerprint any more; remove it with 'factdiff ack --prune'\n",
                fd_run_ack_path(r), line, fp);
    }
}

static fd_format format_of(const char *name) {
    return !strcmp(name, "json")    ? FD_FORMAT_JSON
           : !strcmp(name, "html")  ? FD_FORMAT_HTML
           : !strcmp(name, "sarif") ? FD_FORMAT_SARIF
           : !strcmp(name, "github") ? FD_FORMAT_GITHUB
                                     : FD_FORMAT_TEXT;
}

static int run_check(const options *o, fd_run *r) {
    fd_format fmt = format_of(o->format);
    FILE *out = open_report(o->output);
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
        print_stale(r);
        char *summary = fd_run_summary(r);
        fprintf(stderr, "factdiff: %s: %s\n", o->output ? o->output : "<stdout>",
                summary ? summary : "out of memory");
        fd_free(summary);
    }
    if (fd_run_error_count(r))
        return EXIT_TROUBLE;
    return failing(r, o->fail_on) || fd_run_stale_ack_count(r) ? EXIT_CONFLICTS : EXIT_CLEAN;
}

// Lists the findings the file acknowledges now but did not before (was[i]):
// the file is read back, so what is listed is what a check will see.
static int list_added(fd_run *r, const char *path, const bool *was) {
    fd_error err = {0};
    if (fd_run_read_acks(r, path, &err) < 0) {
        print_error(&err);
        return EXIT_TROUBLE;
    }
    for (size_t i = 0; i < fd_run_finding_count(r); i++) {
        const fd_finding *f = fd_run_finding(r, i);
        if (!was[i] && fd_finding_acknowledgement(f))
            fprintf(stderr, "  %s %s: %s\n", fd_finding_fingerprint(f),
                    fd_kind_name(fd_finding_kind(f)), fd_finding_summary(f));
    }
    return EXIT_CLEAN;
}

// ack: records the findings that fail the check (or those named by --only) in
// the acknowledgement file, with the justification; --prune drops stale entries.
static int run_ack(const options *o, fd_run *r) {
    print_doc_errors(r);
    if (fd_run_error_count(r)) {
        fprintf(stderr, "factdiff: nothing acknowledged: fix the documents with errors "
                        "first\n");
        return EXIT_TROUBLE;
    }
    const char *path = o->ack ? o->ack : DEFAULT_ACK_FILE;
    size_t stale = fd_run_stale_ack_count(r), n = fd_run_finding_count(r);
    bool *was = calloc(n + 1, sizeof *was);
    if (!was)
        return EXIT_TROUBLE;
    for (size_t i = 0; i < n; i++)
        was[i] = fd_finding_acknowledgement(fd_run_finding(r, i)) != NULL;
    fd_error err = {0};
    // --prune alone (no --why) adds nothing: it only drops the stale entries.
    int added = fd_run_write_acks(r, path, o->why, o->why ? o->fail_on : 0, o->only, o->nonly,
                                  o->prune, &err);
    if (added < 0) {
        print_error(&err);
        free(was);
        return EXIT_TROUBLE;
    }
    fprintf(stderr, "factdiff: %s: %d acknowledgement%s added", path, added,
            added == 1 ? "" : "s");
    if (stale)
        fprintf(stderr, o->prune ? ", %zu stale pruned" : ", %zu stale kept (drop them with "
                                                          "--prune)", stale);
    fputc('\n', stderr);
    if (!o->prune)
        print_stale(r);
    int status = list_added(r, path, was);
    free(was);
    return status;
}

// The command, once o holds room for the --only fingerprints.
// `factdiff watch`: its own options (cli/watch.c), the same rules.
static int main_watch(int argc, char **argv) {
    watch_options wo;
    int status = watch_parse(argc, argv, &wo);
    if (status >= 0)
        return status;
    fd_ruleset *rules = load_rules(wo.rules ? wo.rules : default_rules());
    if (!rules)
        return EXIT_TROUBLE;
    status = watch_run(&wo, rules);
    fd_ruleset_free(rules);
    return status;
}

// The documents of a watch's store (--store), as if given on the command line.
static int add_store(fd_run *r, const char *store) {
    fd_error err = {0};
    int rc = fd_run_add_store(r, store, &err);
    if (rc < 0)
        fprintf(stderr, "%s: error: %s\n", err.source, err.text);
    return rc;
}

static int main_with(int argc, char **argv, options *op) {
    options o = *op;
    int first = 0;
    if (argc >= 2 && !strcmp(argv[1], "watch"))
        return main_watch(argc, argv);
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
    progress pg;
    progress_start(&pg, (const char *const *)argv + first, argc - first);
    if (pg.on)
        fd_run_set_progress(r, progress_document, &pg);
    for (int i = first; i < argc && rc >= 0; i++)
        rc = fd_run_add_path(r, argv[i], o.source);
    if (rc >= 0 && o.store && add_store(r, o.store) < 0) {
        progress_end(&pg);
        fd_run_free(r);
        fd_ruleset_free(rules);
        return EXIT_TROUBLE;
    }
    if (rc >= 0 && fd_run_doc_count(r) == 0) { // an empty folder is a wrong path, not a pass
        progress_end(&pg);
        fprintf(stderr, "factdiff: no documents to read (.txt, .json or .jsonl)\n");
        fd_run_free(r);
        fd_ruleset_free(rules);
        return EXIT_TROUBLE;
    }
    fd_error err = {0};
    if (rc >= 0 && pg.on) { // the read is the quick part: the line goes on through the check
        progress_checking(&pg, fd_run_doc_count(r));
        fd_run_set_check_progress(r, progress_document, &pg);
    }
    if (rc >= 0)
        rc = fd_run_check(r, &err);
    progress_end(&pg);
    if (rc < 0) {
        fprintf(stderr, "factdiff: %s\n", err.code ? err.text : "out of memory");
        status = EXIT_TROUBLE;
    } else if (!strcmp(o.command, "check") || !strcmp(o.command, "ack")) {
        status = read_acks(&o, r);
        if (status == 0)
            status = !strcmp(o.command, "ack") ? run_ack(&o, r) : run_check(&o, r);
    } else {
        status = !strcmp(o.command, "eval") ? run_eval(&o, r) : run_names(r);
    }
    fd_run_free(r);
    fd_ruleset_free(rules);
    return status;
}

int main(int argc, char **argv) {
    options o = {.format = "text", .color = "auto", .fail_on = DEFAULT_FAIL_ON};
    o.only = calloc((size_t)argc + 1, sizeof *o.only);
    if (!o.only)
        return EXIT_TROUBLE;
    int status = main_with(argc, argv, &o);
    free(o.only);
    return status;
}
