/*
 * watchdir.c - a directory that agencies drop articles into. First every
 * article file there that the store has not read (at this size and time: the
 * files that came while the watch was down), then each file as it is complete:
 * closed after writing or moved in (inotify), or, when polling, seen at the
 * same size and time on two scans in a row.
 */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pipeline/watch.h"
#include "read/read.h"

#define DEFAULT_POLL_MS 500
#define MAX_FILE (256u << 20) /* as check: a larger article is no article */

static bool has_ext(const char *name, const char *ext) {
    size_t n = strlen(name), e = strlen(ext);
    return n > e && !strcmp(name + n - e, ext);
}

// The files a watch reads: articles, not the gold set's files or hidden ones.
static bool is_article(const char *name) {
    if (name[0] == '.' || !strcmp(name, "meta.json") || !strcmp(name, "gold.json"))
        return false;
    return has_ext(name, ".txt") || has_ext(name, ".json") || has_ext(name, ".jsonl");
}

static long long mtime_ns(const struct stat *sb) {
    return (long long)sb->st_mtim.tv_sec * 1000000000LL + sb->st_mtim.tv_nsec;
}

// What the directory's meta.json says of a file: its source and date (or NULL).
static json_t *meta_entry(const char *dir, const char *name, json_t **meta) {
    fdp_buf p = {0};
    fdp_buf_printf(&p, "%s/meta.json", dir);
    *meta = p.data ? json_load_file(p.data, 0, NULL) : NULL;
    fdp_buf_free(&p);
    json_t *docs = json_object_get(*meta, FDP_META_DOCS), *d;
    size_t i;
    json_array_foreach(docs, i, d) {
        const char *file = json_string_value(json_object_get(d, FDP_META_FILE));
        if (file && !strcmp(file, name))
            return d;
    }
    return NULL;
}

static char *read_file(fd_watch *w, const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *bytes = NULL;
    long size = -1;
    if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && size <= (long)MAX_FILE &&
        fseek(f, 0, SEEK_SET) == 0 && (bytes = malloc((size_t)size + 1)) != NULL) {
        *len = fread(bytes, 1, (size_t)size, f);
        bytes[*len] = '\0';
    }
    if (!bytes)
        fprintf(w->err, "%s: error: %s\n", path,
                !f ? strerror(errno) : size > (long)MAX_FILE ? "file too large (limit 256 MiB)"
                                                          : fd_strerror(FD_ERR_IO));
    if (f)
        fclose(f);
    return bytes;
}

// Reads one whole article file (.txt or a ninjs .json) as one arrival.
static int ingest_whole(fd_watch *w, const char *dir, const char *name, const char *path) {
    size_t len = 0;
    char *bytes = read_file(w, path, &len);
    if (!bytes) {
        w->errors++;
        return 0;
    }
    json_t *meta = NULL, *m = meta_entry(dir, name, &meta);
    fdp_arrival a = {path, has_ext(name, ".json") ? FDP_FMT_NINJS : FDP_FMT_TEXT, NULL, 0, 0, bytes, len,
                     json_string_value(json_object_get(m, FDP_META_SOURCE)),
                     json_string_value(json_object_get(m, FDP_META_DATE))};
    int rc = fdp_watch_ingest(w, &a);
    json_decref(meta);
    free(bytes);
    return rc;
}

// Reads the file name of dir unless the store has read it at this size and time.
static int ingest_file(fd_watch *w, const char *dir, const char *name) {
    if (!is_article(name))
        return 0;
    fdp_buf p = {0};
    fdp_buf_printf(&p, "%s%s%s", dir, has_ext(dir, "/") ? "" : "/", name);
    if (!p.data)
        return FD_ERR_NOMEM;
    struct stat sb;
    int rc = 0;
    if (stat(p.data, &sb) == 0 && S_ISREG(sb.st_mode) &&
        (rc = fdp_store_file_known(w->store, p.data, sb.st_size, mtime_ns(&sb))) == 0) {
        if (has_ext(name, ".jsonl")) {
            FILE *f = fopen(p.data, "rb");
            rc = f ? fd_watch_stream(w, f, p.data) : 0;
            if (f)
                fclose(f);
            else
                fprintf(w->err, "%s: error: %s\n", p.data, strerror(errno));
        } else {
            rc = ingest_whole(w, dir, name, p.data);
        }
        if (rc == 0) // read: not again at this size and time, even after a restart
            rc = fdp_store_put_file(w->store, p.data, sb.st_size, mtime_ns(&sb));
    }
    fdp_buf_free(&p);
    return rc > 0 ? 0 : rc;
}

/* Files seen by the last scan of a poll and not read yet: a file is taken
 * when a scan finds it as the last one did (its writer is done). */
typedef struct pending {
    char *name;
    long long size, mtime;
} pending;

typedef struct scan_state {
    pending *items;
    size_t n, cap;
} scan_state;

static void pending_clear(scan_state *ps) {
    for (size_t i = 0; i < ps->n; i++)
        free(ps->items[i].name);
    ps->n = 0;
}

// True when the last scan saw name at this size and time.
static bool was_pending(const scan_state *ps, const char *name, const struct stat *sb) {
    for (size_t i = 0; i < ps->n; i++)
        if (!strcmp(ps->items[i].name, name))
            return ps->items[i].size == sb->st_size && ps->items[i].mtime == mtime_ns(sb);
    return false;
}

// Polling: one file of a scan, taken if stable, else remembered for the next scan.
static int poll_one(fd_watch *w, const char *dir, const char *name, const scan_state *last,
                    scan_state *now) {
    fdp_buf p = {0};
    fdp_buf_printf(&p, "%s/%s", dir, name);
    struct stat sb;
    int known = p.data && stat(p.data, &sb) == 0 && S_ISREG(sb.st_mode)
                    ? fdp_store_file_known(w->store, p.data, sb.st_size, mtime_ns(&sb))
                    : 1;
    fdp_buf_free(&p);
    if (known != 0)
        return known < 0 ? known : 0;
    if (was_pending(last, name, &sb))
        return ingest_file(w, dir, name);
    pending *q = FDP_PUSH(now->items, now->n, now->cap);
    char *copy = fdp_strdup(name);
    if (!q || !copy) {
        free(copy);
        return FD_ERR_NOMEM;
    }
    *q = (pending){copy, sb.st_size, mtime_ns(&sb)};
    return 0;
}

// Reads the directory's article files in name order: all of them (last NULL),
// or, when polling, those the last scan saw unchanged.
static int scan(fd_watch *w, const char *dir, scan_state *last, scan_state *now) {
    size_t n = 0;
    int code = 0, rc = 0;
    char **names = fdp_list_dir(dir, &n, &code);
    if (!names) {
        fprintf(w->err, "%s: error: cannot read the directory\n", dir);
        return code == FD_ERR_NOMEM ? FD_ERR_NOMEM : FD_ERR_IO;
    }
    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && is_article(names[i]))
            rc = last ? poll_one(w, dir, names[i], last, now) : ingest_file(w, dir, names[i]);
        free(names[i]);
    }
    free(names);
    return rc;
}

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int poll_loop(fd_watch *w, const char *dir, int poll_ms,
                     const volatile sig_atomic_t *stop) {
    scan_state a = {0}, b = {0}, *last = &a, *now = &b;
    int rc = 0;
    while (rc == 0 && !(stop && *stop)) {
        sleep_ms(poll_ms);
        pending_clear(now);
        rc = scan(w, dir, last, now);
        scan_state *t = last;
        last = now;
        now = t;
    }
    pending_clear(&a);
    pending_clear(&b);
    free(a.items);
    free(b.items);
    return rc;
}

// Reads the events waiting on the inotify descriptor; each names a file of dir.
static int inotify_events(fd_watch *w, const char *dir, int ifd) {
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = read(ifd, buf, sizeof buf)) > 0) {
        for (char *p = buf; rc == 0 && p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (ev->mask & IN_Q_OVERFLOW) // events were lost: look at everything
                rc = scan(w, dir, NULL, NULL);
            else if (ev->len)
                rc = ingest_file(w, dir, ev->name);
            p += sizeof *ev + ev->len;
        }
    }
    return rc;
}

static int inotify_loop(fd_watch *w, const char *dir, int ifd,
                        const volatile sig_atomic_t *stop) {
    int rc = 0;
    while (rc == 0 && !(stop && *stop)) {
        struct pollfd pfd = {ifd, POLLIN, 0};
        int ready = poll(&pfd, 1, 200); // wakes to look at *stop
        if (ready > 0)
            rc = inotify_events(w, dir, ifd);
        else if (ready < 0 && errno != EINTR)
            rc = FD_ERR_IO;
    }
    return rc;
}

// An inotify descriptor watching dir for complete files, or -1.
static int open_inotify(const char *dir) {
    int ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (ifd >= 0 && inotify_add_watch(ifd, dir, IN_CLOSE_WRITE | IN_MOVED_TO) < 0) {
        close(ifd);
        ifd = -1;
    }
    return ifd;
}

int fd_watch_dir(fd_watch *w, const char *dir, unsigned flags, int poll_ms,
                 const volatile sig_atomic_t *stop) {
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        fprintf(w->err, "%s: error: not a directory\n", dir);
        return FD_ERR_IO;
    }
    int ifd = -1;
    // Watch before the first scan: a file dropped during it is not missed.
    if (!(flags & (FD_WATCH_POLL | FD_WATCH_ONCE)) && (ifd = open_inotify(dir)) < 0)
        fprintf(w->err, "factdiff: inotify unavailable (%s): polling %s\n", strerror(errno),
                dir);
    int rc = scan(w, dir, NULL, NULL);
    if (rc == 0 && !(flags & FD_WATCH_ONCE))
        rc = ifd >= 0 ? inotify_loop(w, dir, ifd, stop)
                      : poll_loop(w, dir, poll_ms > 0 ? poll_ms : DEFAULT_POLL_MS, stop);
    if (ifd >= 0)
        close(ifd);
    return rc;
}
