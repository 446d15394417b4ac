/*
 * progress.h - what a long run has read so far, on stderr, for a person at a
 * terminal: documents, megabytes, rate and, when the input's size is known, the
 * time left. Never when stderr is not a terminal (a pipe, a CI log).
 */
#ifndef FD_CLI_PROGRESS_H
#define FD_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct progress {
    bool on;          /* stderr is a terminal */
    size_t docs, bytes;
    size_t unread;    /* bytes since the clock was last read */
    size_t total;     /* bytes of the input when every path is a file or folder; 0: unknown */
    double began;     /* monotonic seconds: when the run began */
    double start, last_shown, after; /* the phase's start; shown only `after` seconds
                                        into the run */
    bool shown;       /* a line is on the terminal, to clear at the end */
    size_t checking;  /* in the check phase: the documents to check; 0 while reading */
} progress;

/* Starts counting for the inputs paths[0, n). */
void progress_start(progress *p, const char *const *paths, int n);
/* fd_progress_fn: one more document of bytes bytes (ctx: the progress). */
void progress_document(void *ctx, size_t bytes);
/* The check phase after the read (fd_run_set_check_progress): from here on each
 * call of progress_document is a document checked, of docs in all, and the line
 * counts them, their rate and the time left; then that the documents are compared. */
void progress_checking(progress *p, size_t docs);
/* Clears the progress line, if one was shown. */
void progress_end(progress *p);

#endif
