/*
 * read.c - the readers: plain text, IPTC ninjs JSON (1.x and 2.x), JSON Lines
 * (also on stdin), and directories of those.
 *
 * A document that cannot be read is still added to the run, carrying its
 * errors, so that one bad file never hides the others.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "read/read.h"
#include "rules/rules.h"

/* The member names of ninjs documents and of meta.json read here, each spelt once. */
static const char M_BODIES[] = "bodies", M_BODY_TEXT[] = "body_text",
                  M_CONTENTTYPE[] = "contenttype",
                  M_COPYRIGHTHOLDER[] = "copyrightholder", M_DATE[] = "date",
                  M_DOCS[] = "docs", M_FILE[] = "file", M_FIRSTCREATED[] = "firstcreated",
                  M_HEADLINE[] = "headline", M_HEADLINES[] = "headlines",
                  M_INFOSOURCE[] = "infosource", M_INFOSOURCES[] = "infosources",
                  M_NAME[] = "name", M_ROLE[] = "role", M_SOURCE[] = "source",
                  M_VALUE[] = "value", M_VERSIONCREATED[] = "versioncreated";

// Documents larger than this are refused: news articles are kilobytes.
#define MAX_DOC_BYTES (256u * 1024u * 1024u)

static const char READ_ERROR[] = "read error";

// The length of a UTF-8 byte order mark at the start of s: 3 or 0.
static size_t bom_length(const char *s, size_t len) {
    return len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

// The first non-empty line, trimmed, or NULL.
static char *first_line(const char *s, size_t len) {
    size_t i = bom_length(s, len); // a BOM is no part of the headline
    while (i < len) {
        size_t end = i;
        while (end < len && s[end] != '\n')
            end++;
        size_t a = i, b = end;
        while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
            b--;
        if (b > a)
            return fdp_strndup(s + a, b - a > 300 ? 300 : b - a);
        i = end + 1;
    }
    return NULL;
}

static bool only_space(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (!(s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
            return false;
    return true;
}

// The system's words for errno e: strerror_r, since strerror may share one
// buffer between threads.
typedef struct error_words {
    char text[128];
} error_words;

static error_words error_text(int e) {
    error_words w;
    if (strerror_r(e, w.text, sizeof w.text) != 0)
        snprintf(w.text, sizeof w.text, "error %d", e);
    return w;
}

// Records that a document could not be filled for want of memory.
static void out_of_memory(fdp_doc *d) {
    d->skip = true;
    fdp_doc_error(d, FD_ERR_NOMEM, 0, 0, 0, "out of memory%s", "");
}

// A copy of s for a document field; a failed copy is recorded on the document.
static char *field(fdp_doc *d, const char *s) {
    char *copy = fdp_strdup(s);
    if (s && !copy)
        out_of_memory(d);
    return copy;
}

// The encoding errors of a document's text: NUL bytes (binary data: the
// document is skipped, and false returned) and invalid UTF-8 (reported only).
static bool check_encoding(fdp_doc *d, const char *bytes, size_t len) {
    const char *nul = memchr(bytes, '\0', len);
    if (nul) {
        int line, col;
        size_t off = (size_t)(nul - bytes);
        fdp_line_col(bytes, len, off, &line, &col);
        d->skip = true;
        fdp_doc_error(d, FD_ERR_ENCODING, line, col, off,
                  "binary data (NUL byte), not a text article%s", "");
        return false;
    }
    size_t bad = fdp_utf8_invalid_at(bytes, len);
    if (bad < len) {
        int line, col;
        char hex[8];
        fdp_line_col(bytes, len, bad, &line, &col);
        snprintf(hex, sizeof hex, "0x%02X", (unsigned char)bytes[bad]);
        fdp_doc_error(d, FD_ERR_ENCODING, line, col, bad,
                  "invalid UTF-8: byte %s is not part of a valid sequence", hex);
    }
    return true;
}

/*
 * Checks a document's text and sets its body. Empty text, NUL bytes (binary
 * data) and invalid UTF-8 are errors; only the first two stop extraction: an
 * article with one stray byte from another encoding is still worth reading.
 * valid: the caller knows the text is UTF-8 without NUL (a string the lite
 * ninjs reader took from a checked line), and neither is looked for again.
 */
static void set_body(fdp_doc *d, const char *bytes, size_t len, bool valid) {
    if (len > MAX_DOC_BYTES) { // as a file is (fd_run_add_text has no file): offsets are 32 bits
        d->skip = true;
        fdp_doc_error(d, FD_ERR_IO, 0, 0, 0, "%s", "document too large (limit 256 MiB)");
        return;
    }
    d->text = fdp_strndup(bytes, len);
    d->len = len;
    if (!d->text) {
        d->len = 0;
        out_of_memory(d);
        return;
    }
    if (only_space(bytes, len)) {
        d->skip = true;
        fdp_doc_error(d, FD_ERR_EMPTY, 0, 0, 0, "empty document: no text to read%s", "");
        return;
    }
    if (!valid && !check_encoding(d, bytes, len))
        return;
    if (!d->headline && !(d->headline = first_line(bytes, len)))
        out_of_memory(d); // the text has a non-empty line: only memory can lack
}

/* ---- the dateline ------------------------------------------------------- */

typedef struct dtok {
    const char *s;
    size_t n;
    bool digits;
    char sep; /* the character right after the token */
} dtok;

// Fills out with "YYYY-MM-DD" if tokens t[0..n) hold a date; returns true then.
static bool date_in_tokens(const fd_ruleset *rules, const dtok *t, int n, char out[11]) {
    for (int i = 0; i < n; i++) {
        // 2016-03-29 and 27/03/2016 (day first, the international order)
        if (i + 2 < n && t[i].digits && t[i + 1].digits && t[i + 2].digits &&
            ((t[i].sep == '-' && t[i + 1].sep == '-') || (t[i].sep == '/' && t[i + 1].sep == '/'))) {
            int a = atoi(t[i].s), b = atoi(t[i + 1].s), c = atoi(t[i + 2].s);
            int y = t[i].n == 4 ? a : c, m = b, d = t[i].n == 4 ? c : a;
            if (t[i].n != 4 && a <= 12 && b > 12) { // clearly month first
                m = a;
                d = b;
            }
            if (y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
                snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
                return true;
            }
        }
        int m = t[i].digits ? 0 : fdp_rules_month(rules, t[i].s, t[i].n);
        if (!m)
            continue;
        int day = 0, year = 0;
        // "29 Mar 2016", "10, Jun. 2019", "03 March, 2017"
        if (i > 0 && t[i - 1].digits && t[i - 1].n <= 2)
            day = atoi(t[i - 1].s);
        // "March 27, 2016"
        if (!day && i + 1 < n && t[i + 1].digits && t[i + 1].n <= 2)
            day = atoi(t[i + 1].s);
        for (int k = i + 1; k < n && k <= i + 2; k++)
            if (t[k].digits && t[k].n == 4)
                year = atoi(t[k].s);
        if (day >= 1 && day <= 31 && year >= 1900 && year <= 2100) {
            snprintf(out, 11, "%04d-%02d-%02d", year, m, day);
            return true;
        }
    }
    return false;
}

static bool date_in_line(const fd_ruleset *rules, const char *s, size_t len, char out[11]) {
    dtok t[64];
    int n = 0;
    for (size_t i = 0; i < len && n < 64;) {
        unsigned char c = (unsigned char)s[i];
        bool digit = c >= '0' && c <= '9', letter = ((c | 32) >= 'a' && (c | 32) <= 'z');
        if (!digit && !letter) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && (digit ? (s[j] >= '0' && s[j] <= '9')
                                 : (((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z'))))
            j++;
        t[n++] = (dtok){s + i, j - i, digit, j < len ? s[j] : '\0'};
        i = j;
    }
    // "Satellite image taken 3 March 2016", "Photo: 12 May 2023": a caption's
    // date is the picture's, not the story's
    for (int k = 0; k < n; k++)
        if (!t[k].digits && fdp_rules_has_wordn(rules, FDP_WL_CAPTION_CUES, t[k].s, t[k].n))
            return false;
    return date_in_tokens(rules, t, n, out);
}

/*
 * The date an article gives itself: a full date (day, month, year) in its first
 * eight non-empty lines, the dateline, or on a line saying when it was
 * published or updated. NULL if there is none.
 */
static char *dateline(const fd_ruleset *rules, const char *s, size_t len, bool *failed) {
    char out[11];
    int lines = 0;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && s[e] != '\n')
            e++;
        bool content = false;
        for (size_t k = i; k < e && !content; k++)
            content = s[k] != ' ' && s[k] != '\r' && s[k] != '\t';
        lines += content;
        size_t stamp_len;
        bool stamp = e - i > 8 && fdp_rules_stamp_at(rules, s + i, e - i, &stamp_len);
        if ((lines <= 8 || stamp) && date_in_line(rules, s + i, e - i > 400 ? 400 : e - i, out)) {
            char *date = fdp_strdup(out);
            *failed = !date;
            return date;
        }
        i = e + 1;
    }
    return NULL;
}

// Gives an undated, readable document the date its text states.
static void date_from_text(const fd_ruleset *rules, fdp_doc *d) {
    if (d->date || d->skip || !d->text)
        return;
    bool failed = false;
    d->date = dateline(rules, d->text, d->len, &failed);
    d->date_from_text = d->date != NULL;
    if (failed)
        out_of_memory(d);
}

// The whole of f, or NULL with *code FD_ERR_IO (read error or *too_big) or
// FD_ERR_NOMEM.
static char *read_all(FILE *f, size_t *len, bool *too_big, int *code) {
    fdp_buf b = {0};
    *code = FD_ERR_IO;
    char chunk[65536];
    size_t n;
    *too_big = false;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > MAX_DOC_BYTES) {
            *too_big = true;
            break;
        }
        fdp_buf_append(&b, chunk, n);
    }
    if (ferror(f) || b.failed || *too_big) {
        if (!ferror(f) && b.failed)
            *code = FD_ERR_NOMEM;
        fdp_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    char *all = fdp_buf_take(&b); // an empty file gives ""
    if (!all)
        *code = FD_ERR_NOMEM;
    return all;
}

// Takes "2016-03-29T10:00:00Z" or "2016-03-29" and keeps the date (a failed
// copy is recorded on d).
static char *iso_date(fdp_doc *d, const char *s) {
    if (!s || strlen(s) < 10)
        return NULL;
    for (int i = 0; i < 10; i++) {
        bool dash = (i == 4 || i == 7);
        if (dash ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
            return NULL;
    }
    char *date = fdp_strndup(s, 10);
    if (!date)
        out_of_memory(d);
    return date;
}

static const char *ninjs_text(json_t *o, const char *v1, const char *v2, const char *role) {
    const char *s = json_string_value(json_object_get(o, v1));
    if (s)
        return s;
    // ninjs 2.x: an array of objects with "value" (headlines, bodies).
    json_t *arr = json_object_get(o, v2);
    size_t i;
    json_t *e;
    const char *any = NULL;
    json_array_foreach(arr, i, e) {
        const char *val = json_string_value(json_object_get(e, M_VALUE));
        const char *ct = json_string_value(json_object_get(e, M_CONTENTTYPE));
        const char *rl = json_string_value(json_object_get(e, M_ROLE));
        if (!val || (ct && strcmp(ct, "text/plain") != 0))
            continue;
        if (!role || !rl || !strcmp(rl, role))
            return val;
        if (!any)
            any = val;
    }
    return any;
}

static const char *ninjs_source(json_t *o) {
    const char *s = json_string_value(json_object_get(o, M_COPYRIGHTHOLDER));
    if (s)
        return s;
    json_t *info = json_object_get(o, M_INFOSOURCE);
    if (json_is_string(info))
        return json_string_value(info);
    if (json_is_object(info))
        return json_string_value(json_object_get(info, M_NAME));
    json_t *arr = json_object_get(o, M_INFOSOURCES);
    return json_string_value(json_object_get(json_array_get(arr, 0), M_NAME));
}

// Fills a document from one parsed ninjs object.
static void doc_from_ninjs(fdp_doc *d, json_t *o, const char *source) {
    if (!json_is_object(o)) {
        d->skip = true;
        fdp_doc_error(d, FD_ERR_FORMAT, 0, 0, 0, "not a ninjs object%s", "");
        return;
    }
    const char *body = ninjs_text(o, M_BODY_TEXT, M_BODIES, "main");
    const char *headline = ninjs_text(o, M_HEADLINE, M_HEADLINES, "main");
    d->headline = field(d, headline);
    d->date = iso_date(d, json_string_value(json_object_get(o, M_VERSIONCREATED)));
    if (!d->date)
        d->date = iso_date(d, json_string_value(json_object_get(o, M_FIRSTCREATED)));
    d->source = field(d, source ? source : ninjs_source(o));
    if (d->skip)
        return;
    json_t *given = json_object_get(o, M_BODY_TEXT);
    if (!body && given) {
        d->skip = true;
        fdp_doc_error(d, FD_ERR_FORMAT, 0, 0, 0, "body_text is %s, not a string",
                      json_is_null(given) ? "null" : json_is_array(given) ? "an array"
                      : json_is_object(given) ? "an object" : "a number or a boolean");
        return;
    }
    if (!body) {
        d->skip = true;
        fdp_doc_error(d, FD_ERR_FORMAT, 0, 0, 0,
                  "no body_text (ninjs 1.x) or text/plain body (ninjs 2.x)%s", "");
        return;
    }
    set_body(d, body, strlen(body), false);
}

static int add_ninjs_file(fd_run *r, const char *path, const char *bytes, size_t len,
                          const char *source) {
    fdp_doc *d = fdp_run_new_doc(r, path);
    if (!d)
        return FD_ERR_NOMEM;
    json_error_t je;
    size_t bom = bom_length(bytes, len); // jansson reads no BOM
    json_t *o = json_loadb(bytes + bom, len - bom, 0, &je);
    je.position += (int)bom;
    if (!o && len && fdp_json_out_of_memory(&je)) {
        out_of_memory(d);
        return 1;
    }
    if (!o) {
        d->skip = true;
        fdp_doc_error(d, len ? FD_ERR_FORMAT : FD_ERR_EMPTY, je.line, je.column,
                  (size_t)je.position, "malformed JSON: %s", je.text);
        return 1;
    }
    doc_from_ninjs(d, o, source);
    date_from_text(r->rules, d);
    json_decref(o);
    return 1;
}

// Fills a document from the fields of a flat ninjs object, as doc_from_ninjs
// fills it from jansson's object: what the lite reader takes on, it reads alike.
static void doc_from_lite(fdp_doc *d, const fdp_ninjs_lite *f, const char *source) {
    const char *v[FDP_NINJS_FIELDS];
    for (int k = 0; k < FDP_NINJS_FIELDS; k++)
        v[k] = f->has[k] ? f->field[k].data : NULL;
    d->headline = field(d, v[FDP_NINJS_HEADLINE]);
    d->date = iso_date(d, v[FDP_NINJS_VERSIONCREATED]);
    if (!d->date)
        d->date = iso_date(d, v[FDP_NINJS_FIRSTCREATED]);
    d->source = field(d, source ? source : v[FDP_NINJS_COPYRIGHTHOLDER]);
    if (d->skip)
        return;
    if (!v[FDP_NINJS_BODY]) {
        d->skip = true;
        fdp_doc_error(d, FD_ERR_FORMAT, 0, 0, 0,
                      "no body_text (ninjs 1.x) or text/plain body (ninjs 2.x)%s", "");
        return;
    }
    // The lite reader takes only valid UTF-8 lines and decodes no NUL.
    set_body(d, v[FDP_NINJS_BODY], f->field[FDP_NINJS_BODY].len, true);
}

// The object on one line, by the lite reader f when it can: 1 read, 0 for jansson.
static int read_lite(fdp_doc *d, fdp_ninjs_lite *f, const char *line, size_t len,
                     const char *source) {
    static const char *const names[FDP_NINJS_FIELDS] = {
        M_BODY_TEXT, M_HEADLINE, M_VERSIONCREATED, M_FIRSTCREATED, M_COPYRIGHTHOLDER};
    static const char *const complex[] = {M_BODIES, M_HEADLINES, M_INFOSOURCE, M_INFOSOURCES,
                                          NULL};
    f->names = names;
    f->complex = complex;
    int rc = fdp_ninjs_lite_read(line, len, f);
    if (rc == 1)
        doc_from_lite(d, f, source);
    else if (rc < 0)
        out_of_memory(d);
    return rc != 0;
}

int fdp_read_ninjs_doc(fd_run *r, const char *path, const char *bytes, size_t len,
                       const char *source) {
    return add_ninjs_file(r, path, bytes, len, source);
}

int fdp_read_ninjs_line(fd_run *r, const char *path, int lineno, const char *line,
                        size_t len, size_t line_offset, const char *source) {
    fdp_ninjs_lite lite = {0};
    int rc = fdp_read_ninjs_line_with(r, &lite, path, lineno, line, len, line_offset, source);
    fdp_ninjs_lite_free(&lite);
    return rc;
}

int fdp_read_ninjs_line_with(fd_run *r, fdp_ninjs_lite *lite, const char *path, int lineno,
                             const char *line, size_t len, size_t line_offset,
                             const char *source) {
    if (only_space(line, len))
        return 0;
    fdp_run_progress(r, len);
    fdp_buf name = {0}; // "feed.jsonl:12", without printf: a line can be a short document
    char num[16];
    fdp_format_id(num, sizeof num, ':', (size_t)lineno);
    fdp_buf_puts(&name, path);
    fdp_buf_puts(&name, num);
    fdp_doc *d = name.data ? fdp_run_new_doc(r, name.data) : NULL;
    fdp_buf_free(&name);
    if (!d)
        return FD_ERR_NOMEM;
    if (read_lite(d, lite, line, len, source)) {
        date_from_text(r->rules, d);
        return 1;
    }
    json_error_t je;
    json_t *o = json_loadb(line, len, 0, &je);
    if (!o && fdp_json_out_of_memory(&je)) {
        out_of_memory(d);
    } else if (!o) {
        d->skip = true;
        fdp_doc_error(d, FD_ERR_FORMAT, lineno, je.column, line_offset + (size_t)je.position,
                  "malformed JSON: %s", je.text);
        // The place is in the stream's file ("feed.jsonl:3:19"), not in "feed.jsonl:3".
        fd_error *e = fdp_doc_last_error(d);
        if (e)
            snprintf(e->source, sizeof e->source, "%s", path);
    } else {
        doc_from_ninjs(d, o, source);
        date_from_text(r->rules, d);
        json_decref(o);
    }
    return 1;
}

/* A JSON Lines stream read a chunk at a time: a feed of any length is read
 * with one line in memory (a line over MAX_DOC_BYTES is no article: it is
 * skipped, and said so). */
typedef struct line_reader {
    FILE *f;
    char chunk[65536];
    size_t at, len;
    fdp_buf line;  /* the line read, without its newline */
    bool too_long; /* the line was longer than MAX_DOC_BYTES: line holds none of it */
} line_reader;

// Reads the next line; false at the end of the stream (or on a read error).
static bool next_line(line_reader *lr) {
    lr->line.len = 0;
    lr->too_long = false;
    for (bool any = false;; any = true) {
        if (lr->at == lr->len) {
            lr->at = 0;
            lr->len = fread(lr->chunk, 1, sizeof lr->chunk, lr->f);
            if (lr->len == 0)
                return any;
        }
        const char *from = lr->chunk + lr->at, *nl = memchr(from, '\n', lr->len - lr->at);
        size_t n = nl ? (size_t)(nl - from) : lr->len - lr->at;
        if (!lr->too_long && lr->line.len + n > MAX_DOC_BYTES) {
            lr->too_long = true;
            fdp_buf_free(&lr->line); // its room is given back, not kept for the next lines
        }
        if (!lr->too_long)
            fdp_buf_append(&lr->line, from, n);
        lr->at += n + (nl != NULL);
        if (nl)
            return true;
    }
}

// A document for a line that cannot be read, with why; the error stands in the
// stream's file, at the line's first byte (offset).
static int unread_line(fd_run *r, const char *path, int lineno, size_t offset, int code,
                       const char *why) {
    fdp_buf name = {0}; // "feed.jsonl:12", without printf: a line can be a short document
    char num[16];
    fdp_format_id(num, sizeof num, ':', (size_t)lineno);
    fdp_buf_puts(&name, path);
    fdp_buf_puts(&name, num);
    fdp_doc *d = name.data ? fdp_run_new_doc(r, name.data) : NULL;
    fdp_buf_free(&name);
    if (!d)
        return FD_ERR_NOMEM;
    d->skip = true;
    fdp_doc_error(d, code, lineno, 1, offset, "%s", why);
    fd_error *e = fdp_doc_last_error(d);
    if (e)
        snprintf(e->source, sizeof e->source, "%s", path);
    return 1;
}

// JSON Lines: one ninjs object per line; each becomes "path:LINE".
static int add_jsonl(fd_run *r, FILE *f, const char *path, const char *source) {
    line_reader *lr = calloc(1, sizeof *lr);
    if (!lr)
        return FD_ERR_NOMEM;
    lr->f = f;
    fdp_ninjs_lite lite = {0}; // its buffers kept from line to line
    int added = 0, lineno = 0, rc = 0;
    size_t offset = 0; // of the line in the stream
    while (rc >= 0 && next_line(lr)) {
        lineno++;
        const char *line = lr->line.data ? lr->line.data : "";
        size_t len = lr->line.len, bom = lineno == 1 ? bom_length(line, len) : 0;
        if (lr->line.failed)
            rc = FD_ERR_NOMEM;
        else if (lr->too_long)
            rc = unread_line(r, path, lineno, offset, FD_ERR_IO, "line too long (limit 256 MiB)");
        else
            rc = fdp_read_ninjs_line_with(r, &lite, path, lineno, line + bom, len - bom,
                                          offset + bom, source);
        added += rc > 0 ? rc : 0;
        offset += len + 1;
    }
    if (rc >= 0 && ferror(f)) {
        rc = unread_line(r, path, lineno + 1, offset, FD_ERR_IO, READ_ERROR);
        added += rc > 0 ? rc : 0;
    }
    fdp_ninjs_lite_free(&lite);
    fdp_buf_free(&lr->line);
    free(lr);
    return rc < 0 ? rc : added;
}

static bool has_ext(const char *path, const char *ext) {
    size_t n = strlen(path), e = strlen(ext);
    return n > e && !strcmp(path + n - e, ext);
}

// Reads one file (or "-") and adds its documents. meta_source/meta_date come
// from a directory's meta.json, if any.
static int add_file(fd_run *r, const char *path, const char *source, const char *meta_source,
                    const char *meta_date) {
    bool is_stdin = !strcmp(path, "-");
    struct stat sb;
    // A FIFO or a device would block or never end: only regular files are read.
    if (!is_stdin && stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        fdp_doc *d = fdp_run_new_doc(r, path);
        if (!d)
            return FD_ERR_NOMEM;
        d->skip = true;
        fdp_doc_error(d, FD_ERR_IO, 0, 0, 0, "not a regular file%s", "");
        return 1;
    }
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fdp_doc *d = fdp_run_new_doc(r, path);
        if (!d)
            return FD_ERR_NOMEM;
        d->skip = true;
        fdp_doc_error(d, FD_ERR_IO, 0, 0, 0, "cannot open: %s", error_text(errno).text);
        return 1;
    }
    if (is_stdin || has_ext(path, ".jsonl")) {
        int rc = add_jsonl(r, f, is_stdin ? "<stdin>" : path, source);
        if (!is_stdin)
            fclose(f);
        return rc;
    }
    size_t len = 0;
    bool too_big = false;
    int code;
    char *bytes = read_all(f, &len, &too_big, &code);
    if (!is_stdin)
        fclose(f);
    if (!bytes) {
        fdp_doc *d = fdp_run_new_doc(r, path);
        if (!d)
            return FD_ERR_NOMEM;
        d->skip = true;
        fdp_doc_error(d, code, 0, 0, 0, "%s",
                      code == FD_ERR_NOMEM ? "out of memory"
                      : too_big            ? "file too large (limit 256 MiB)"
                                           : READ_ERROR);
        return 1;
    }
    int rc;
    fdp_run_progress(r, len);
    if (has_ext(path, ".json")) {
        rc = add_ninjs_file(r, path, bytes, len, source);
    } else {
        fdp_doc *d = fdp_run_new_doc(r, path);
        rc = d ? 1 : FD_ERR_NOMEM;
        if (d) {
            const char *src = source ? source : meta_source;
            d->source = field(d, src ? src : fdp_basename(path));
            d->date = field(d, meta_date);
            if (!d->skip)
                set_body(d, bytes, len, false);
            date_from_text(r->rules, d);
        }
    }
    free(bytes);
    return rc;
}

/* A directory's meta.json, indexed by file name: a folder of 8,000 articles
 * looks each one up in O(log n), not by a scan of every entry. */
typedef struct meta_entry {
    const char *file;
    size_t order; /* its place in the file: the first of two entries for a file wins */
    json_t *e;
} meta_entry;

struct fdp_meta {
    json_t *root;
    meta_entry *by_file;
    size_t n;
};

static int cmp_meta_entry(const void *a, const void *b) {
    const meta_entry *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

// The index of a parsed meta.json; NULL with *rc FD_ERR_NOMEM when memory ran out.
static fdp_meta *index_meta(json_t *root, int *rc) {
    fdp_meta *m = calloc(1, sizeof *m);
    json_t *docs = json_object_get(root, M_DOCS);
    size_t cap = json_array_size(docs);
    if (m)
        m->by_file = malloc((cap + 1) * sizeof *m->by_file);
    if (!m || !m->by_file) {
        free(m);
        json_decref(root);
        *rc = FD_ERR_NOMEM;
        return NULL;
    }
    m->root = root;
    size_t i;
    json_t *e;
    json_array_foreach(docs, i, e) {
        const char *f = json_string_value(json_object_get(e, M_FILE));
        if (f)
            m->by_file[m->n++] = (meta_entry){f, i, e};
    }
    qsort(m->by_file, m->n, sizeof *m->by_file, cmp_meta_entry);
    return m;
}

fdp_meta *fdp_meta_load(fd_run *r, const char *dir, int *rc) {
    fdp_buf p = {0};
    fdp_buf_printf(&p, "%s/meta.json", dir);
    json_error_t je;
    json_t *meta = p.data ? json_load_file(p.data, 0, &je) : NULL;
    if (!p.data || (!meta && fdp_json_out_of_memory(&je))) {
        *rc = FD_ERR_NOMEM;
    } else if (!meta && r && je.line > 0) {
        fdp_doc *d = fdp_run_new_doc(r, p.data);
        if (!d)
            *rc = FD_ERR_NOMEM;
        else {
            d->skip = true;
            fdp_doc_error(d, FD_ERR_FORMAT, je.line, je.column, (size_t)je.position,
                          "malformed meta.json: %s", je.text);
        }
    }
    fdp_buf_free(&p);
    return meta ? index_meta(meta, rc) : NULL;
}

void fdp_meta_free(fdp_meta *m) {
    if (!m)
        return;
    json_decref(m->root);
    free(m->by_file);
    free(m);
}

// The first entry of meta.json for a file, or NULL.
static json_t *meta_for(const fdp_meta *m, const char *file) {
    if (!m || !m->n)
        return NULL;
    size_t lo = 0, hi = m->n;
    while (lo < hi) { // the first entry not below file
        size_t mid = (lo + hi) / 2;
        if (strcmp(m->by_file[mid].file, file) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->n && !strcmp(m->by_file[lo].file, file) ? m->by_file[lo].e : NULL;
}

int fdp_read_file_in(fd_run *r, const char *path, const char *name, const fdp_meta *meta,
                     const char *source) {
    json_t *m = meta_for(meta, name);
    return add_file(r, path, source, json_string_value(json_object_get(m, M_SOURCE)),
                    json_string_value(json_object_get(m, M_DATE)));
}

char **fdp_list_dir(const char *dir, size_t *count, int *code) {
    DIR *d = opendir(dir);
    *count = 0;
    *code = FD_ERR_IO;
    if (!d)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    bool failed = false;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *nm = de->d_name;
        if (nm[0] == '.' || !strcmp(nm, "meta.json") || !strcmp(nm, "gold.json"))
            continue;
        if (!has_ext(nm, ".txt") && !has_ext(nm, ".json") && !has_ext(nm, ".jsonl"))
            continue;
        char **slot = FDP_PUSH(names, n, cap);
        if (!slot || !(*slot = fdp_strdup(nm))) {
            n -= slot != NULL;
            failed = true;
            break;
        }
    }
    closedir(d);
    if (failed) { // out of memory: no partial listing that would hide files
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
        *code = FD_ERR_NOMEM;
        return NULL;
    }
    if (n)
        qsort(names, n, sizeof *names, fdp_cmp_str);
    *count = n;
    char **list = names ? names : calloc(1, sizeof *names);
    if (!list)
        *code = FD_ERR_NOMEM;
    return list;
}

static int add_dir(fd_run *r, const char *dir, const char *source) {
    size_t n = 0;
    int code;
    char **names = fdp_list_dir(dir, &n, &code);
    if (!names && code == FD_ERR_NOMEM)
        return FD_ERR_NOMEM;
    if (!names) {
        fdp_doc *doc = fdp_run_new_doc(r, dir);
        if (!doc)
            return FD_ERR_NOMEM;
        doc->skip = true;
        fdp_doc_error(doc, FD_ERR_IO, 0, 0, 0, "cannot open directory: %s",
                      error_text(errno).text);
        return 1;
    }
    int added = 0;
    fdp_meta *meta = fdp_meta_load(r, dir, &added);
    for (size_t i = 0; i < n; i++) {
        if (added >= 0 && names[i]) {
            fdp_buf p = {0};
            size_t dl = strlen(dir);
            fdp_buf_append(&p, dir, dl);
            if (dl && dir[dl - 1] != '/')
                fdp_buf_putc(&p, '/');
            fdp_buf_puts(&p, names[i]);
            int rc = p.data ? fdp_read_file_in(r, p.data, names[i], meta, source)
                            : FD_ERR_NOMEM;
            added = rc < 0 ? rc : added + rc;
            fdp_buf_free(&p);
        }
        free(names[i]);
    }
    free(names);
    fdp_meta_free(meta);
    return added;
}

int fdp_read_path(fd_run *r, const char *path, const char *source) {
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return add_dir(r, path, source);
    // A file named alone gets what its folder's meta.json says of it, as it would
    // when the folder is read.
    const char *base = fdp_basename(path);
    char *dir = base > path ? fdp_strndup(path, (size_t)(base - path)) : fdp_strdup(".");
    int rc = dir ? 0 : FD_ERR_NOMEM;
    fdp_meta *meta = rc == 0 && strcmp(path, "-") != 0 ? fdp_meta_load(NULL, dir, &rc) : NULL;
    if (rc == 0)
        rc = fdp_read_file_in(r, path, base, meta, source);
    fdp_meta_free(meta);
    free(dir);
    return rc;
}

int fdp_read_text(fd_run *r, const char *path, const char *bytes, size_t len,
                       const char *source, const char *date) {
    fdp_doc *d = fdp_run_new_doc(r, path ? path : "<string>");
    if (!d)
        return FD_ERR_NOMEM;
    d->source = field(d, source ? source : fdp_basename(d->path));
    d->date = field(d, date);
    if (!d->skip)
        set_body(d, bytes, len, false);
    date_from_text(r->rules, d);
    return 0;
}
