/*
 * fuzz_store.c - the wire store of `factdiff watch` on hostile input.
 *
 * The first byte chooses what the rest is (its bits: FLAG_*):
 *
 *   - a wire feed: one event a line, its first byte the kind of event and its
 *     second the story it is about (of four uris), its day and its source; the
 *     rest of the line is the story's body, bytes as they come. The events are
 *     written as ninjs JSON Lines, as a wire sends them (versions, corrections,
 *     cancellations, old versions replayed, the same bytes twice, raw lines and
 *     restarts of the watch), and fed one line at a time through
 *     fdp_watch_ingest, the code fd_watch_stream (`factdiff watch -`) runs for
 *     each line, into a store in a temporary file. The same feed then goes,
 *     uninterrupted, through fd_watch_stream itself into a second store.
 *   - a store file: the bytes are the database `watch` and `check --store` open.
 *     A corrupt or hostile file must give a clear error, never a crash.
 *
 * Beyond "no crash", abort() on any broken invariant:
 *   - after each line: a canceled story is neither stored nor in the window; a
 *     later version replaces the stored one (or the story was reported as
 *     unreadable); an older one or the same bytes again change nothing and
 *     announce nothing; every document of the window is stored, once;
 *   - every announcement is one JSON object with a known change and a
 *     fingerprint of 16 hex digits, and the announcements keep their protocol:
 *     "new" or "changed" only for a finding not open, "resolved" only for an
 *     open one, "changed" naming an open finding it supersedes; in --format
 *     text, the lines (and the error lines) carry no control character;
 *   - restarts change nothing: the watch restarted at any line announces and
 *     stores exactly what the uninterrupted fd_watch_stream does;
 *   - the store reopened gives the same documents, takes each of them again as
 *     "already stored" without a word, and `check --store` reads every one.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "factdiff.h"
#include "pipeline/watch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FLAG_STORE_FILE 0x01 /* the rest is a store file, not a feed */
#define FLAG_TEXT 0x02       /* announce in --format text */
#define FLAG_VERBOSE 0x04    /* -v */
#define NURIS 4
#define MAX_LINES 256
#define MAX_FINDINGS 1024

static fd_ruleset *rules;

static const char *current_line; // the feed's line being ingested, for the report
static size_t current_len;

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "fuzz_store: invariant broken at %s:%d: %s\n", __FILE__,       \
                    __LINE__, #cond);                                                      \
            if (current_line)                                                              \
                fprintf(stderr, "  at the line: %.*s\n", (int)current_len, current_line);  \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* ---- the feed: events written as ninjs lines ------------------------------ */

typedef enum op {
    OP_STORY,     // 's' (and any unknown byte): the story's next version
    OP_OLD,       // 'o': a version older than the last one sent
    OP_DATED,     // 'v': no version, only a versioncreated
    OP_CANCEL,    // 'x': pubstatus canceled
    OP_RAW,       // 'r': the bytes are the line itself
    OP_AGAIN,     // 'd': the previous line's bytes again
    OP_RESTART,   // 'R': the watch stops and starts again on its store
} op;

typedef struct event {
    op op;
    int uri;          // 0..NURIS-1 for the structured events
    long long version;
    char vc[32];      // versioncreated, "" for none
    char *line;       // the JSON line, without its newline
    size_t len;
} event;

typedef struct feed {
    event ev[MAX_LINES];
    int n;
    long long last_version[NURIS];
} feed;

static op op_of(uint8_t c) {
    switch (c) {
    case 'o': return OP_OLD;
    case 'v': return OP_DATED;
    case 'x': return OP_CANCEL;
    case 'r': return OP_RAW;
    case 'd': return OP_AGAIN;
    case 'R': return OP_RESTART;
    default: return OP_STORY;
    }
}

// A JSON string of bytes as they came: quotes, backslashes and C0 controls
// escaped, everything else (invalid UTF-8 included) left for the reader.
static void put_json_bytes(FILE *f, const uint8_t *s, size_t n) {
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\')
            fprintf(f, "\\%c", s[i]);
        else if (s[i] < 0x20)
            fprintf(f, "\\u%04x", s[i]);
        else
            fputc(s[i], f);
    }
    fputc('"', f);
}

// The versioncreated of a selector: one of eight days five days apart (the
// window is ten), so that stories leave the window and come back as versions.
static void day_of(uint8_t sel, char out[32]) {
    snprintf(out, 32, "2016-03-%02dT%02d:00:00Z", 1 + ((sel >> 2) & 7) * 4, (sel >> 5) * 3);
}

static void write_story(FILE *f, event *e, uint8_t sel, const uint8_t *body, size_t n) {
    static const char *const sources[] = {"Reuters", "AFP", "AP", "TASS"};
    fprintf(f, "{\"uri\": \"urn:fuzz:%d\", ", e->uri);
    if (e->op != OP_DATED)
        fprintf(f, "\"version\": \"%lld\", ", e->version);
    if (e->op == OP_CANCEL)
        fputs("\"pubstatus\": \"canceled\", ", f);
    if (e->vc[0])
        fprintf(f, "\"versioncreated\": \"%s\", ", e->vc);
    fprintf(f, "\"copyrightholder\": \"%s\", \"headline\": \"Story %d\", \"body_text\": ",
            sources[(sel >> 5) & 3], e->uri);
    put_json_bytes(f, body, n);
    fputc('}', f);
}

// One event from one line of the input (its first two bytes: op, selector).
static void make_event(feed *fd, const uint8_t *s, size_t n) {
    event *e = &fd->ev[fd->n];
    *e = (event){.op = n ? op_of(s[0]) : OP_RAW};
    uint8_t sel = n > 1 ? s[1] : 0;
    const uint8_t *body = n > 2 ? s + 2 : s + n;
    size_t blen = n > 2 ? n - 2 : 0;
    e->uri = sel % NURIS;
    long long *last = &fd->last_version[e->uri];
    if (e->op == OP_AGAIN && fd->n == 0)
        e->op = OP_RAW;
    if (e->op == OP_STORY || e->op == OP_CANCEL)
        e->version = ++*last;
    else if (e->op == OP_OLD)
        e->version = *last > 1 ? *last - 1 : 0;
    if (e->op != OP_STORY || sel & 0x80)
        day_of(sel, e->vc);
    FILE *f = open_memstream(&e->line, &e->len);
    CHECK(f);
    if (e->op == OP_RAW)
        fwrite(s + (n ? 1 : 0), 1, n ? n - 1 : 0, f);
    else if (e->op == OP_AGAIN)
        fwrite(fd->ev[fd->n - 1].line, 1, fd->ev[fd->n - 1].len, f);
    else if (e->op != OP_RESTART)
        write_story(f, e, sel, body, blen);
    CHECK(fclose(f) == 0);
    fd->n++;
}

static void make_feed(feed *fd, const uint8_t *data, size_t size) {
    memset(fd, 0, sizeof *fd);
    for (size_t i = 0, start = 0; i <= size && fd->n < MAX_LINES; i++)
        if (i == size || data[i] == '\n') {
            if (i > start || i < size)
                make_event(fd, data + start, i - start);
            start = i + 1;
        }
}

static void free_feed(feed *fd) {
    for (int i = 0; i < fd->n; i++)
        free(fd->ev[i].line);
}

// The feed as fd_watch_stream reads it: every line but the restarts.
static char *feed_text(const feed *fd, size_t *len) {
    char *s = NULL;
    FILE *f = open_memstream(&s, len);
    CHECK(f);
    for (int i = 0; i < fd->n; i++)
        if (fd->ev[i].op != OP_RESTART) {
            fwrite(fd->ev[i].line, 1, fd->ev[i].len, f);
            fputc('\n', f);
        }
    CHECK(fclose(f) == 0);
    return s;
}

/* ---- what the store holds ------------------------------------------------- */

typedef struct snapshot {
    char *text; // "ident hash version\n" for each document, in store order
    size_t len;
    long long count;
} snapshot;

static int snap_one(void *ctx, const fdp_stored_doc *d) {
    FILE *f = ctx;
    CHECK(d->ident && d->hash && d->path && d->format);
    fprintf(f, "%s %s %lld %zu\n", d->ident, d->hash, d->version, d->len);
    return 0;
}

static snapshot take_snapshot(fdp_store *s) {
    snapshot sn = {0};
    FILE *f = open_memstream(&sn.text, &sn.len);
    CHECK(f);
    CHECK(fdp_store_each_doc(s, LONG_MIN, snap_one, f) == 0);
    CHECK(fclose(f) == 0);
    sn.count = fdp_store_doc_count(s);
    return sn;
}

static bool same_snapshot(const snapshot *a, const snapshot *b) {
    return a->count == b->count && a->len == b->len && !memcmp(a->text, b->text, a->len);
}

/* ---- the announcements ---------------------------------------------------- */

typedef struct finding_state {
    char fp[17];
    char state; // 'o' open, 'r' resolved, 's' superseded
} finding_state;

typedef struct protocol {
    finding_state f[MAX_FINDINGS];
    int n;
} protocol;

static finding_state *state_of(protocol *p, const char *fp) {
    for (int i = 0; i < p->n; i++)
        if (!strcmp(p->f[i].fp, fp))
            return &p->f[i];
    if (p->n == MAX_FINDINGS)
        return NULL;
    finding_state *s = &p->f[p->n++];
    snprintf(s->fp, sizeof s->fp, "%s", fp);
    s->state = 0;
    return s;
}

static bool is_fingerprint(const char *s) {
    if (!s || strlen(s) != 16)
        return false;
    for (int i = 0; i < 16; i++)
        if (!strchr("0123456789abcdef", s[i]))
            return false;
    return true;
}

// One JSON line of the watch: its shape, then its place in the protocol.
static void check_json_line(protocol *p, const char *line, size_t n) {
    json_t *o = json_loadb(line, n, 0, NULL);
    CHECK(json_is_object(o));
    const char *change = json_string_value(json_object_get(o, FDP_W_CHANGE));
    const char *fp = json_string_value(json_object_get(o, FDP_W_FINGERPRINT));
    const char *prev = json_string_value(json_object_get(o, FDP_W_PREVIOUS));
    CHECK(change && is_fingerprint(fp));
    CHECK(json_is_string(json_object_get(o, FDP_W_KIND)));
    CHECK(json_is_array(json_object_get(o, FDP_W_CLAIMS)));
    finding_state *s = state_of(p, fp);
    if (s && !strcmp(change, FDP_CH_RESOLVED)) {
        CHECK(s->state == 'o');
        s->state = 'r';
    } else if (s) {
        CHECK(!strcmp(change, FDP_CH_NEW) || !strcmp(change, FDP_CH_CHANGED));
        CHECK(s->state != 'o');
        CHECK(!strcmp(change, FDP_CH_CHANGED) == (prev != NULL));
        finding_state *ps = prev ? state_of(p, prev) : NULL;
        if (ps) {
            CHECK(is_fingerprint(prev) && ps->state == 'o');
            ps->state = 's';
        }
        s->state = 'o';
    }
    json_decref(o);
}

static bool is_control_at(const char *s, size_t n, size_t i) {
    unsigned char c = (unsigned char)s[i];
    return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ||
           (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] < 0xA0); // C1 controls
}

// Text for a terminal: no control character but the newline ending each line.
static void check_inert(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (is_control_at(s, n, i)) {
            size_t from = i > 60 ? i - 60 : 0;
            fprintf(stderr, "fuzz_store: a control character (byte %zu) in: ", i);
            for (size_t k = from; k < n && k < i + 20; k++)
                fprintf(stderr, (unsigned char)s[k] < 0x20 || (unsigned char)s[k] >= 0x7f
                                    ? "\\x%02x" : "%c", (unsigned char)s[k]);
            fputc('\n', stderr);
            CHECK(!"control characters reach the terminal");
        }
}

/* ---- one run of the feed -------------------------------------------------- */

typedef struct output {
    char *out, *err;
    size_t nout, nerr;
    FILE *fout, *ferr;
} output;

static void output_open(output *o) {
    *o = (output){0};
    o->fout = open_memstream(&o->out, &o->nout);
    o->ferr = open_memstream(&o->err, &o->nerr);
    CHECK(o->fout && o->ferr);
}

static void output_close(output *o) {
    CHECK(fclose(o->fout) == 0 && fclose(o->ferr) == 0);
}

static void output_free(output *o) {
    free(o->out);
    free(o->err);
}

typedef struct session {
    const char *path;
    uint8_t flags;
    int window;
    fd_watch *w;
    output *o;
    protocol proto;
} session;

static fd_watch *start_watch(session *s) {
    fd_error err;
    fd_watch *w = fd_watch_new(rules, s->path, s->window, &err);
    CHECK(w);
    fd_watch_output(w, s->flags & FLAG_TEXT ? FD_WATCH_TEXT : FD_WATCH_JSONL,
                    s->flags & FLAG_VERBOSE ? FD_OPT_VERBOSE : 0, s->o->fout, s->o->ferr);
    return w;
}

// The window holds stored documents only, each once.
static void check_window(fd_watch *w) {
    for (size_t i = 0; i < w->nlive; i++) {
        fdp_doc_version v;
        CHECK(fdp_store_lookup(w->store, w->live[i].ident, &v) == 1);
        for (size_t k = 0; k < i; k++)
            CHECK(strcmp(w->live[k].ident, w->live[i].ident));
    }
}

static bool is_newer(const event *e, const fdp_doc_version *old) {
    if (e->version || old->version)
        return e->version > old->version;
    return strcmp(e->vc, old->versioncreated) > 0;
}

// What one structured event must have done to the store (pre: before it).
static void check_event(session *s, const event *e, int found, const fdp_doc_version *pre,
                        unsigned long errors_before, size_t out_before) {
    char ident[32], hash[17];
    snprintf(ident, sizeof ident, "urn:fuzz:%d", e->uri);
    fdp_doc_version post;
    int now = fdp_store_lookup(s->w->store, ident, &post);
    CHECK(now >= 0);
    if (e->op == OP_CANCEL && (!found || is_newer(e, pre))) {
        // Whatever its body (a kill notice often has none), unless the line is
        // no JSON at all (invalid UTF-8 in it): then it is reported, not obeyed.
        json_t *o = json_loadb(e->line, e->len, 0, NULL);
        CHECK(now == 0 || (!o && s->w->errors > errors_before));
        json_decref(o);
        for (size_t i = 0; i < s->w->nlive && now == 0; i++)
            CHECK(strcmp(s->w->live[i].ident, ident));
    } else if (!found || is_newer(e, pre)) {
        uint64_t h = 0xcbf29ce484222325ull; // the store's content hash
        for (size_t i = 0; i < e->len; i++)
            h = (h ^ (unsigned char)e->line[i]) * 0x100000001b3ull;
        snprintf(hash, sizeof hash, "%016llx", (unsigned long long)h);
        // Stored, or reported as unreadable (and what was stored before stays).
        CHECK((now == 1 && !strcmp(post.hash, hash) && post.version == e->version) ||
              s->w->errors > errors_before);
    } else {
        CHECK(now == 1 && !strcmp(post.hash, pre->hash));
        CHECK(s->o->nout == out_before); // an old version announces nothing
    }
}

// One line of the feed through the code fd_watch_stream runs for each line.
static void ingest_line(session *s, const event *e, int lineno, size_t offset) {
    char ident[32];
    snprintf(ident, sizeof ident, "urn:fuzz:%d", e->uri);
    fdp_doc_version pre;
    bool structured = e->op != OP_RAW && e->op != OP_AGAIN;
    int found = structured ? fdp_store_lookup(s->w->store, ident, &pre) : 0;
    CHECK(found >= 0);
    long long count = fdp_store_doc_count(s->w->store);
    unsigned long errors = s->w->errors;
    fflush(s->o->fout);
    size_t out_before = s->o->nout;
    // A byte order mark before the first line is no part of the JSON (as in the stream).
    size_t bom = lineno == 1 && e->len >= 3 && !memcmp(e->line, "\xEF\xBB\xBF", 3) ? 3 : 0;
    fdp_arrival a = {NULL,         FDP_FMT_LINE,   "<stdin>", lineno, offset + bom,
                     e->line + bom, e->len - bom, NULL,      NULL};
    current_line = e->line;
    current_len = e->len;
    CHECK(fdp_watch_ingest(s->w, &a) == 0);
    fflush(s->o->fout);
    if (structured)
        check_event(s, e, found, &pre, errors, out_before);
    if (e->op == OP_AGAIN) { // the same bytes twice: the second changes nothing
        CHECK(fdp_store_doc_count(s->w->store) == count);
        CHECK(s->o->nout == out_before);
    }
    check_window(s->w);
    current_line = NULL;
}

// The feed line by line, restarting the watch where the feed says so.
static void run_lines(session *s, const feed *fd) {
    s->w = start_watch(s);
    size_t offset = 0;
    int lineno = 0;
    for (int i = 0; i < fd->n; i++) {
        const event *e = &fd->ev[i];
        if (e->op == OP_RESTART) {
            fd_watch_free(s->w);
            s->w = start_watch(s);
            continue;
        }
        ingest_line(s, e, ++lineno, offset);
        offset += e->len + 1;
    }
}

// Every announcement (and error line) of a run, as a reader of the watch sees it.
static void check_output(session *s) {
    if (s->flags & FLAG_TEXT) {
        check_inert(s->o->out, s->o->nout);
    } else {
        for (size_t i = 0, start = 0; i < s->o->nout; i++)
            if (s->o->out[i] == '\n') {
                check_json_line(&s->proto, s->o->out + start, i - start);
                start = i + 1;
            }
    }
    check_inert(s->o->err, s->o->nerr);
}

static int readd(void *ctx, const fdp_stored_doc *d) {
    FILE *f = ctx;
    fwrite(d->bytes, 1, d->len, f);
    fputc('\n', f);
    return 0;
}

/*
 * The store reopened: the same documents; each stored document's bytes again
 * are taken without a word and change nothing; check --store reads them all.
 */
static void check_reopened(session *s, const snapshot *before) {
    output o;
    output_open(&o);
    s->o = &o;
    fd_watch *w = start_watch(s);
    snapshot now = take_snapshot(w->store);
    CHECK(same_snapshot(before, &now));
    char *again = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&again, &len);
    CHECK(f && fdp_store_each_doc(w->store, LONG_MIN, readd, f) == 0 && fclose(f) == 0);
    FILE *in = len ? fmemopen(again, len, "r") : NULL;
    CHECK(!len || (in && fd_watch_stream(w, in, "<again>") == 0));
    if (in)
        fclose(in);
    snapshot after = take_snapshot(w->store);
    CHECK(same_snapshot(before, &after));
    fd_watch_free(w);
    output_close(&o);
    CHECK(o.nout == 0);
    fd_run *r = fd_run_new(rules);
    fd_error err;
    CHECK(r && fd_run_add_store(r, s->path, &err) == (int)before->count);
    CHECK(fd_run_doc_count(r) == (size_t)before->count && fd_run_check(r, &err) == 0);
    fd_run_free(r);
    free(again);
    free(now.text);
    free(after.text);
    output_free(&o);
}

static void remove_store(const char *path) {
    char side[128];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-journal", path);
    unlink(side);
}

static const char *scratch_dir(void) {
    return access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
}

static void fuzz_feed(const uint8_t *data, size_t size, uint8_t flags) {
    static feed fd;
    static session s1, s2;
    char p1[96], p2[96];
    snprintf(p1, sizeof p1, "%s/fd_fuzz_store_%ld_a.db", scratch_dir(), (long)getpid());
    snprintf(p2, sizeof p2, "%s/fd_fuzz_store_%ld_b.db", scratch_dir(), (long)getpid());
    remove_store(p1);
    remove_store(p2);
    make_feed(&fd, data, size);
    int window = (flags >> 3) & 3 ? 1 + ((flags >> 3) & 3) * 2 : 0;
    output o1, o2;
    output_open(&o1);
    output_open(&o2);
    s1 = (session){.path = p1, .flags = flags, .window = window, .o = &o1};
    s2 = (session){.path = p2, .flags = flags, .window = window, .o = &o2};
    run_lines(&s1, &fd);
    snapshot sn1 = take_snapshot(s1.w->store);
    fd_watch_free(s1.w);
    // The same feed, uninterrupted, through fd_watch_stream (`factdiff watch -`).
    size_t len;
    char *text = feed_text(&fd, &len);
    s2.w = start_watch(&s2);
    FILE *in = len ? fmemopen(text, len, "r") : NULL;
    CHECK(!len || (in && fd_watch_stream(s2.w, in, "<stdin>") == 0));
    if (in)
        fclose(in);
    snapshot sn2 = take_snapshot(s2.w->store);
    fd_watch_free(s2.w);
    output_close(&o1);
    output_close(&o2);
    check_output(&s1);
    CHECK(same_snapshot(&sn1, &sn2));
    if (o1.nout != o2.nout || memcmp(o1.out, o2.out, o1.nout))
        fprintf(stderr, "fuzz_store: restarted, the watch announced:\n%.*s\nuninterrupted:\n%.*s\n",
                (int)o1.nout, o1.out, (int)o2.nout, o2.out);
    CHECK(o1.nout == o2.nout && !memcmp(o1.out, o2.out, o1.nout));
    CHECK(o1.nerr == o2.nerr && !memcmp(o1.err, o2.err, o1.nerr));
    check_reopened(&s1, &sn1);
    free(sn1.text);
    free(sn2.text);
    free(text);
    output_free(&o1);
    output_free(&o2);
    free_feed(&fd);
    remove_store(p1);
    remove_store(p2);
}

/* ---- a store file from the fuzzer ----------------------------------------- */

// An error worth the name: the file, and some words.
static void check_error(const fd_error *err, const char *path) {
    CHECK(err->code < 0 && err->text[0] && strstr(err->source, strrchr(path, '/') + 1));
    check_inert(err->text, strlen(err->text));
}

static void fuzz_store_file(const uint8_t *data, size_t size, uint8_t flags) {
    char path[96];
    snprintf(path, sizeof path, "%s/fd_fuzz_store_%ld_f.db", scratch_dir(), (long)getpid());
    remove_store(path);
    FILE *f = fopen(path, "wb");
    CHECK(f);
    fwrite(data, 1, size, f);
    CHECK(fclose(f) == 0);
    fd_run *r = fd_run_new(rules);
    fd_error err;
    int n = fd_run_add_store(r, path, &err);
    if (n < 0)
        check_error(&err, path);
    else if (fd_run_check(r, &err) == 0) {
        FILE *null = fopen("/dev/null", "w");
        CHECK(null && fd_run_write(r, FD_FORMAT_TEXT, null, FD_OPT_VERBOSE) >= 0);
        fclose(null);
    }
    fd_run_free(r);
    output o;
    output_open(&o);
    fd_watch *w = fd_watch_new(rules, path, 0, &err);
    if (!w) {
        check_error(&err, path);
    } else {
        fd_watch_output(w, flags & FLAG_TEXT ? FD_WATCH_TEXT : FD_WATCH_JSONL, 0, o.fout,
                        o.ferr);
        static const char story[] =
            "{\"uri\": \"urn:fuzz:0\", \"version\": \"9\", \"headline\": \"Palmyra\","
            " \"body_text\": \"Russian jets struck 118 targets near Palmyra.\"}\n";
        FILE *in = fmemopen((void *)story, sizeof story - 1, "r");
        CHECK(in);
        fd_watch_stream(w, in, "<stdin>"); // a store error stops it: fine, if said
        fclose(in);
        fd_watch_free(w);
    }
    output_close(&o);
    check_inert(o.err, o.nerr);
    output_free(&o);
    remove_store(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!rules) {
        rules = fd_ruleset_new();
        fd_ruleset_load_dir(rules, fd_default_rules_dir(), NULL);
    }
    uint8_t flags = size ? data[0] : 0;
    if (flags & FLAG_STORE_FILE)
        fuzz_store_file(data + 1, size - 1, flags);
    else
        fuzz_feed(data + (size ? 1 : 0), size ? size - 1 : 0, flags);
    return 0;
}
