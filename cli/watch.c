/*
 * watch.c - `factdiff watch [--store FILE] [--format jsonl|text] [--window DAYS]
 * [--poll] [--once] [-v] DIR|-`. Includes only the public header.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "watch.h"

static volatile sig_atomic_t stopping;

static void on_signal(int sig) {
    (void)sig;
    stopping = 1;
}

static int usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, "factdiff: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'factdiff --help'.\n");
    return 2;
}

// A positive whole number of days or milliseconds, else -1.
static int positive(const char *s) {
    char *end;
    long v = strtol(s, &end, 10);
    return *s && !*end && v > 0 && v < 1000000 ? (int)v : -1;
}

int watch_parse(int argc, char **argv, watch_options *o) {
    static const struct option longopts[] = {
        {"store", required_argument, NULL, 'S'}, {"format", required_argument, NULL, 'f'},
        {"window", required_argument, NULL, 'w'}, {"rules", required_argument, NULL, 'r'},
        {"poll", optional_argument, NULL, 'p'},   {"once", no_argument, NULL, '1'},
        {"verbose", no_argument, NULL, 'v'},      {NULL, 0, NULL, 0}};
    *o = (watch_options){.store = "factdiff.db", .format = "jsonl"};
    opterr = 0;
    optind = 2;
    int c;
    while ((c = getopt_long(argc, argv, ":f:r:v", longopts, NULL)) != -1) {
        switch (c) {
        case 'S': o->store = optarg; break;
        case 'f': o->format = optarg; break;
        case 'r': o->rules = optarg; break;
        case 'v': o->verbose = true; break;
        case '1': o->once = true; break;
        case 'w':
            if ((o->window = positive(optarg)) < 0)
                return usage_error("--window takes a number of days, not '%s'", optarg);
            break;
        case 'p':
            o->poll = true;
            if (optarg && (o->poll_ms = positive(optarg)) < 0)
                return usage_error("--poll takes milliseconds, not '%s'", optarg);
            break;
        case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
        default: return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (strcmp(o->format, "jsonl") && strcmp(o->format, "text"))
        return usage_error("watch writes jsonl or text, not '%s'", o->format);
    if (optind != argc - 1)
        return usage_error("%s", "watch takes one directory, or - for ninjs JSON Lines on stdin");
    o->input = argv[optind];
    // FACTDIFF_WATCH_POLL=1 forces the polling fallback, as on a file system
    // without inotify (network mounts): the tests run both ways.
    const char *env = getenv("FACTDIFF_WATCH_POLL");
    if (env && *env && strcmp(env, "0"))
        o->poll = true;
    return -1;
}

static void catch_signals(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; // no SA_RESTART: a blocking read returns at once
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int watch_run(const watch_options *o, const fd_ruleset *rules) {
    fd_error err = {0};
    fd_watch *w = fd_watch_new(rules, o->store, o->window, &err);
    if (!w) {
        fprintf(stderr, "%s: error: %s\n", err.source, err.text);
        return 2;
    }
    fd_watch_output(w, strcmp(o->format, "text") ? FD_WATCH_JSONL : FD_WATCH_TEXT,
                    o->verbose ? FD_OPT_VERBOSE : 0, stdout, stderr);
    catch_signals();
    int rc;
    if (!strcmp(o->input, "-"))
        rc = fd_watch_stream(w, stdin, "<stdin>");
    else
        rc = fd_watch_dir(w, o->input, (o->poll ? FD_WATCH_POLL : 0u) |
                                           (o->once ? FD_WATCH_ONCE : 0u),
                          o->poll_ms, &stopping);
    if (rc < 0 && !(stopping && rc == FD_ERR_IO))
        fprintf(stderr, "factdiff: watch stopped: %s\n", fd_strerror(rc));
    int status = rc < 0 || fd_watch_error_count(w) ? 2 : 0;
    fd_watch_free(w);
    return status;
}
