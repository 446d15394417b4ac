/*
 * progress.c - the progress line of a long run (see progress.h).
 */
#include "progress.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SHOW_AFTER 1.0     /* seconds before the first line: short runs show none */
#define SHOW_EVERY 0.25    /* seconds between two lines */

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

// The bytes of the regular files of a folder (its top level, as the readers
// read it), or of one file; false when the size cannot be known ("-").
static bool size_of(const char *path, size_t *total) {
    struct stat sb;
    if (!strcmp(path, "-") || stat(path, &sb) != 0)
        return false;
    if (S_ISREG(sb.st_mode)) {
        *total += (size_t)sb.st_size;
        return true;
    }
    if (!S_ISDIR(sb.st_mode))
        return false;
    DIR *d = opendir(path);
    if (!d)
        return false;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        char file[4096];
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        if (stat(file, &sb) == 0 && S_ISREG(sb.st_mode))
            *total += (size_t)sb.st_size;
    }
    closedir(d);
    return true;
}

void progress_start(progress *p, const char *const *paths, int n) {
    memset(p, 0, sizeof *p);
    p->on = isatty(fileno(stderr));
    if (!p->on)
        return;
    const char *after = getenv("FACTDIFF_PROGRESS_AFTER"); // tests show it at once
    p->after = after ? atof(after) : SHOW_AFTER;
    p->began = p->start = now();
    bool known = true;
    for (int i = 0; i < n; i++)
        known = size_of(paths[i], &p->total) && known;
    if (!known)
        p->total = 0;
}

// The line of the check phase: documents checked, then that they are compared.
static void show_checking(progress *p, double elapsed) {
    double rate = elapsed > 0 ? (double)p->docs / elapsed : 0;
    if (p->docs >= p->checking) {
        fprintf(stderr, "\r\033[Kfactdiff: %zu document%s checked, comparing them", p->docs,
                p->docs == 1 ? "" : "s");
        return;
    }
    fprintf(stderr, "\r\033[Kfactdiff: %zu of %zu documents checked, %.0f a second", p->docs,
            p->checking, rate);
    double left = rate > 0 ? (double)(p->checking - p->docs) / rate : 0;
    if (left >= 1)
        fprintf(stderr, ", about %.0f s left", left);
}

static void show(progress *p, double t) {
    double elapsed = t - p->start, mb = (double)p->bytes / 1e6;
    double rate = elapsed > 0 ? mb / elapsed : 0;
    if (p->checking) {
        show_checking(p, elapsed);
    } else {
        fprintf(stderr, "\r\033[Kfactdiff: %zu document%s, %.1f MB read, %.1f MB/s", p->docs,
                p->docs == 1 ? "" : "s", mb, rate);
        double left =
            p->total > p->bytes && rate > 0 ? (double)(p->total - p->bytes) / 1e6 / rate : 0;
        if (left >= 1)
            fprintf(stderr, ", about %.0f s left", left);
    }
    fflush(stderr);
    p->shown = true;
    p->last_shown = t;
}

void progress_document(void *ctx, size_t bytes) {
    progress *p = ctx;
    p->docs++;
    p->bytes += bytes;
    p->unread += bytes;
    bool last = p->checking && p->docs == p->checking; // "comparing" stands until the end
    // the clock is read once every 64 documents or every megabyte
    if (!p->on || (!last && (p->docs & 63) != 1 && p->unread < 1000000))
        return;
    p->unread = 0;
    double t = now();
    if (t - p->began >= p->after && (last || t - p->last_shown >= SHOW_EVERY))
        show(p, t);
}

void progress_checking(progress *p, size_t docs) {
    p->checking = docs;
    p->docs = p->bytes = p->unread = 0;
    p->start = now();
}

void progress_end(progress *p) {
    if (p->shown)
        fputs("\r\033[K", stderr);
    p->shown = false;
}
