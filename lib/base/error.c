/* error.c - status names and the first-error-wins fd_error filler. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

const char *fd_version(void) { return FD_VERSION_STRING; }

const char *fd_strerror(int code) {
    switch (code) {
    case FD_OK: return "ok";
    case FD_ERR_NOMEM: return "out of memory";
    case FD_ERR_IO: return "cannot read";
    case FD_ERR_ENCODING: return "invalid encoding";
    case FD_ERR_RULE: return "invalid rule file";
    case FD_ERR_ICU: return "ICU failure";
    case FD_ERR_USAGE: return "usage error";
    case FD_ERR_FORMAT: return "malformed document";
    case FD_ERR_EMPTY: return "empty document";
    default: return "unknown error";
    }
}

void fd_free(void *p) { free(p); }

void fdp_error_clear(fd_error *err) {
    if (err)
        memset(err, 0, sizeof *err);
}

int fdp_error_set(fd_error *err, int code, const char *source, int line, int column,
                  size_t position, const char *fmt, ...) {
    if (!err || err->code != FD_OK)
        return code;
    err->code = code;
    snprintf(err->source, sizeof err->source, "%s", source ? source : "");
    err->line = line;
    err->column = column;
    err->position = position;
    // The text quotes what it read (jansson's "near '...'", SQLite's names from
    // the file): it is made inert here, once for every reporter, so that no
    // input can put an escape sequence on the terminal through an error.
    char text[sizeof err->text];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fdp_copy_text(err->text, sizeof err->text, text, strlen(text), sizeof text);
    return code;
}

const char *fdp_error_place(const fd_error *e, const char *doc_path) {
    size_t n = strlen(e->source);
    // "feed.jsonl" for the document "feed.jsonl:3": the line is the file's.
    if (e->line > 0 && n && !strncmp(doc_path, e->source, n) && doc_path[n] == ':')
        return e->source;
    return doc_path;
}
