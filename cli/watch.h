/*
 * watch.h - `factdiff watch`: its options and its run (cli/watch.c).
 */
#ifndef FD_CLI_WATCH_H
#define FD_CLI_WATCH_H

#include <stdbool.h>

#include "factdiff.h"

typedef struct watch_options {
    const char *store, *format, *rules, *input;
    int window, poll_ms;
    bool verbose, poll, once;
} watch_options;

/* Parses `factdiff watch ...` (argv[1] is "watch") into o: -1 to go on, or an
 * exit status (usage errors print their message). */
int watch_parse(int argc, char **argv, watch_options *o);

/* Runs the watch until the end of stdin or a signal (SIGINT, SIGTERM): 0, or 2
 * when a document could not be read or the watch could not go on. */
int watch_run(const watch_options *o, const fd_ruleset *rules);

#endif
