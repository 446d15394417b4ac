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
    double start, last_shown, after; /* monotonic seconds; shown only after `after` */
    bool shown;       /* a line is on the terminal, to clear at the end */
} progress;

/* Starts counting for the inputs paths[0, n). */
void progress_start(progress *p, const char *const *paths, int n);
/* fd_progress_fn: one more document of bytes bytes (ctx: the progress). */
void progress_document(void *ctx, size_t bytes);
/* Clears the progress line, if one was shown. */
void progress_end(progress *p);

#endif
