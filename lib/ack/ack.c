/*
 * ack.c - the acknowledgement file: contradictions a desk has looked at, each
 * recorded against its finding's fingerprint with a justification, so that a CI
 * check goes green on them while they are still reported (docs/ci.md).
 *
 *   {"factdiff_ack": "1",
 *    "acknowledged": [
 *      {"fingerprint": "3c1f...", "key": "targets/struck/count", "kind": "conflict",
 *       "figures": ["120", "117"], "files": ["a.txt", "b.txt"],
 *       "justification": "the ministry revised its own count",
 *       "added": "2026-12-01T14:20:00Z"}]}
 *
 * Reading marks the findings an entry names (finding->ack) and the entries that
 * name none (stale: matched is false); writing keeps the entries read, as they
 * were written, and appends new ones. Runs after the judge stage, on the model only.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/model.h"

#define ACK_FORMAT "1"

/* The member names of the file, each spelt once. */
static const char M_FINGERPRINT[] = "fingerprint", M_KEY[] = "key", M_KIND[] = "kind",
                  M_FIGURES[] = "figures", M_FILES[] = "files",
                  M_JUSTIFICATION[] = "justification", M_ADDED[] = "added",
                  M_LIST[] = "acknowledged", M_FORMAT[] = "factdiff_ack";

static const char *const entry_members[] = {
    M_FINGERPRINT, M_KEY, M_KIND, M_FIGURES, M_FILES, M_JUSTIFICATION, M_ADDED, NULL};

/* ---- reading ---------------------------------------------------------------- */

static int nomem(fd_error *err, const char *path) {
    return fdp_error_set(err, FD_ERR_NOMEM, path, 0, 0, 0, "%s",
                         fd_strerror(FD_ERR_NOMEM));
}

// The whole file, NUL-terminated, its length in *len; NULL with err filled.
static char *slurp(const char *path, size_t *len, fd_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fdp_error_set(err, FD_ERR_IO, path, 0, 0, 0,
                      "cannot open the acknowledgement file: %s", strerror(errno));
        return NULL;
    }
    fdp_buf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fdp_buf_append(&b, chunk, n);
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad || b.failed) {
        fdp_buf_free(&b);
        if (bad)
            fdp_error_set(err, FD_ERR_IO, path, 0, 0, 0, "cannot read the file: %s",
                          strerror(errno));
        else
            nomem(err, path);
        return NULL;
    }
    *len = b.len;
    return b.data ? fdp_buf_take(&b) : fdp_strdup("");
}

static bool is_fingerprint(const char *s) {
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == FDP_FINGERPRINT_LEN;
}

// The line where "FINGERPRINT" is first written at or after *from (which moves
// past it), so entries are found in file order; 0 when it is not written so.
static int line_of(const char *text, size_t len, size_t *from, const char *fp) {
    char quoted[FDP_FINGERPRINT_LEN + 3];
    snprintf(quoted, sizeof quoted, "\"%s\"", fp);
    const char *hit = *from < len ? strstr(text + *from, quoted) : NULL;
    if (!hit)
        return 0;
    int line = 1, col = 1;
    fdp_line_col(text, len, (size_t)(hit - text), &line, &col);
    *from = (size_t)(hit - text) + strlen(quoted);
    return line;
}

// An entry's member that is not one of entry_members, or NULL.
static const char *unknown_member(json_t *entry) {
    const char *name;
    json_t *v;
    json_object_foreach(entry, name, v) {
        bool known = false;
        for (int i = 0; entry_members[i] && !known; i++)
            known = !strcmp(name, entry_members[i]);
        if (!known)
            return name;
    }
    return NULL;
}

// Checks entry i and fills a (its line found from *from); 0 or FD_ERR_FORMAT.
static int read_entry(const char *path, const char *text, size_t len, size_t *from,
                      json_t *entry, size_t i, fdp_ack *a, fd_error *err) {
    json_t *fp = json_object_get(entry, M_FINGERPRINT);
    json_t *why = json_object_get(entry, M_JUSTIFICATION);
    json_t *key = json_object_get(entry, M_KEY);
    const char *bad = NULL, *member = NULL;
    if (!json_is_object(entry))
        bad = "is not an object";
    else if (!json_is_string(fp) || !is_fingerprint(json_string_value(fp)))
        bad = "has no fingerprint (16 lower-case hex digits, as factdiff ack writes it)";
    else if (!json_is_string(why) ||
             !json_string_value(why)[strspn(json_string_value(why), " \t\r\n")])
        bad = "has no justification: say why the finding is acknowledged";
    else if ((member = unknown_member(entry)) != NULL)
        bad = "has an unknown member";
    int line =
        bad && !json_is_string(fp) ? 0 : line_of(text, len, from, json_string_value(fp));
    if (bad)
        return fdp_error_set(err, FD_ERR_FORMAT, path, line, 0, 0,
                             "acknowledgement %zu %s%s%s%s", i + 1, bad,
                             member ? " '" : "", member ? member : "", member ? "'" : "");
    snprintf(a->fingerprint, sizeof a->fingerprint, "%s", json_string_value(fp));
    a->why = fdp_strdup(json_string_value(why));
    a->key = json_is_string(key) ? fdp_strdup(json_string_value(key)) : NULL;
    a->line = line;
    a->entry = json_incref(entry);
    return a->why && (a->key || !json_is_string(key)) ? 0 : FD_ERR_NOMEM;
}

// The array of entries in the parsed file, or NULL with err filled.
static json_t *entries_of(const char *path, json_t *root, fd_error *err) {
    json_t *version = json_object_get(root, M_FORMAT);
    json_t *list = json_object_get(root, M_LIST);
    if (!json_is_object(root) || !json_is_string(version) || !json_is_array(list)) {
        fdp_error_set(err, FD_ERR_FORMAT, path, 1, 1, 0, "%s",
                      "not an acknowledgement file: expected {\"factdiff_ack\": \"1\", "
                      "\"acknowledged\": [...]}");
        return NULL;
    }
    if (strcmp(json_string_value(version), ACK_FORMAT) != 0) {
        fdp_error_set(
            err, FD_ERR_FORMAT, path, 1, 1, 0,
            "acknowledgement file format \"%s\" is not known (this factdiff reads \"1\")",
            json_string_value(version));
        return NULL;
    }
    return list;
}

static int read_entries(fd_run *run, const char *path, const char *text, size_t len,
                        json_t *list, fd_error *err) {
    size_t from = 0;
    for (size_t i = 0; i < json_array_size(list); i++) {
        fdp_ack *a = FDP_PUSH(run->acks, run->nacks, run->capacks);
        if (!a)
            return nomem(err, path);
        int rc = read_entry(path, text, len, &from, json_array_get(list, i), i, a, err);
        if (rc < 0)
            return rc == FD_ERR_NOMEM ? nomem(err, path) : rc;
    }
    return 0;
}

// Marks each finding an entry names (the first such entry is its acknowledgement),
// and each entry that names a finding, a repeated entry too.
static void match(fd_run *run) {
    for (size_t i = 0; i < run->nfindings; i++) {
        fdp_finding *f = &run->findings[i];
        for (size_t k = 0; k < run->nacks; k++)
            if (!strcmp(run->acks[k].fingerprint, f->fingerprint)) {
                if (!f->ack)
                    f->ack = &run->acks[k];
                run->acks[k].matched = true;
            }
    }
}

int fd_run_read_acks(fd_run *run, const char *path, fd_error *err) {
    fdp_error_clear(err);
    for (size_t i = 0; i < run->nfindings; i++)
        run->findings[i].ack = NULL;
    fdp_acks_free(run);
    size_t len = 0;
    char *text = slurp(path, &len, err);
    if (!text)
        return err ? err->code : FD_ERR_IO;
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    json_t *list = root ? entries_of(path, root, err) : NULL;
    int rc = list ? 0 : FD_ERR_FORMAT;
    if (!root)
        rc = fdp_error_set(
            err, fdp_json_out_of_memory(&je) ? FD_ERR_NOMEM : FD_ERR_FORMAT, path,
            je.line, je.column, (size_t)je.position, "malformed JSON: %s", je.text);
    if (rc == 0)
        rc = read_entries(run, path, text, len, list, err);
    json_decref(root);
    free(text);
    run->ack_path = rc == 0 ? fdp_strdup(path) : NULL;
    if (rc == 0 && !run->ack_path)
        rc = nomem(err, path);
    if (rc < 0) {
        fdp_acks_free(run);
        return rc;
    }
    match(run);
    return 0;
}

/* ---- writing ---------------------------------------------------------------- */

// Appends s to the array of strings unless it is there already.
static int push_distinct(json_t *arr, const char *s, size_t n) {
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const char *have = json_string_value(json_array_get(arr, i));
        if (strlen(have) == n && !strncmp(have, s, n))
            return 0;
    }
    fdp_buf b = {0};
    fdp_append_valid_utf8(&b, s, n); // article bytes: a stray invalid byte stays readable
    json_t *j = b.data ? json_stringn(b.data, b.len) : json_string("");
    fdp_buf_free(&b);
    return j ? json_array_append_new(arr, j) : -1;
}

// The figures as written and the files they stand in, each once, in reading order.
static int figures_and_files(const fdp_finding *f, json_t *figs, json_t *files) {
    int rc = 0;
    for (int i = 0; rc == 0 && i < f->nclaims; i++) {
        const fdp_claim *c = f->claims[i];
        rc = push_distinct(figs, fdp_claim_bytes(c), c->end - c->start);
        if (rc == 0)
            rc = push_distinct(files, c->doc->path, strlen(c->doc->path));
    }
    for (int i = 0; rc == 0 && i < f->nmentions; i++) {
        const fdp_mention *m = f->mentions[i];
        rc = push_distinct(figs, m->surface, strlen(m->surface));
        if (rc == 0)
            rc = push_distinct(files, m->doc->path, strlen(m->doc->path));
    }
    return rc;
}

static json_t *new_entry(const fdp_finding *f, const char *why, const char *added) {
    json_t *figs = json_array(), *files = json_array();
    if (!figs || !files || figures_and_files(f, figs, files) != 0) {
        json_decref(figs);
        json_decref(files);
        return NULL;
    }
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:s}", M_FINGERPRINT, f->fingerprint,
                     M_KEY, f->key ? f->key : "", M_KIND, fdp_finding_kind_name(f->kind),
                     M_FIGURES, figs, M_FILES, files, M_JUSTIFICATION, why, M_ADDED,
                     added);
}

static bool named(const char *fp, const char *const *only, size_t nonly) {
    for (size_t i = 0; i < nonly; i++)
        if (!strcmp(fp, only[i]))
            return true;
    return false;
}

// The first finding with fingerprint fp, or NULL.
static const fdp_finding *finding_with(const fd_run *run, const char *fp) {
    for (size_t i = 0; i < run->nfindings; i++)
        if (!strcmp(run->findings[i].fingerprint, fp))
            return &run->findings[i];
    return NULL;
}

// True when finding i is to get a new entry: not acknowledged, of a kind asked
// for (or named), and the first finding with its fingerprint (one entry each).
static bool wanted(const fd_run *run, size_t i, unsigned kinds, const char *const *only,
                   size_t nonly) {
    const fdp_finding *f = &run->findings[i];
    if (f->ack || finding_with(run, f->fingerprint) != f)
        return false;
    return nonly ? named(f->fingerprint, only, nonly) : (kinds & (1u << f->kind)) != 0;
}

static void utc_now(char *out, size_t cap) {
    time_t t = time(NULL);
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
    else
        snprintf(out, cap, "%s", "?");
}

// The file's entries: those read (less the stale ones when pruning), then the
// new ones. Returns the array (a new reference) and the number added in *added.
static json_t *entries(const fd_run *run, const char *why, unsigned kinds,
                       const char *const *only, size_t nonly, bool prune, int *added) {
    json_t *list = json_array();
    bool ok = list != NULL;
    for (size_t i = 0; ok && i < run->nacks; i++)
        if (run->acks[i].matched || !prune)
            ok = json_array_append(list, run->acks[i].entry) == 0;
    char now[32];
    utc_now(now, sizeof now);
    *added = 0;
    for (size_t i = 0; ok && i < run->nfindings; i++)
        if (wanted(run, i, kinds, only, nonly)) {
            json_t *e = new_entry(&run->findings[i], why, now);
            ok = e && json_array_append_new(list, e) == 0;
            *added += ok;
        }
    if (!ok) {
        json_decref(list);
        return NULL;
    }
    return list;
}

// Checks what is asked before anything is written: each fingerprint named is a
// finding's, and a justification comes with every entry to add.
static int check_request(const fd_run *run, const char *path, const char *why,
                         unsigned kinds, const char *const *only, size_t nonly,
                         fd_error *err) {
    for (size_t i = 0; i < nonly; i++)
        if (!finding_with(run, only[i]))
            return fdp_error_set(err, FD_ERR_USAGE, path, 0, 0, 0,
                                 "no finding has the fingerprint '%s'", only[i]);
    bool adding = false;
    for (size_t i = 0; i < run->nfindings && !adding; i++)
        adding = wanted(run, i, kinds, only, nonly);
    if (adding && (!why || !why[strspn(why, " \t\r\n")]))
        return fdp_error_set(err, FD_ERR_USAGE, path, 0, 0, 0, "%s",
                             "an acknowledgement needs a justification (--why TEXT)");
    return 0;
}

// Writes root to path through a file beside it, renamed over it when complete.
static int replace_file(const char *path, json_t *root, fd_error *err) {
    fdp_buf tmp = {0};
    fdp_buf_printf(&tmp, "%s.tmp", path);
    if (!tmp.data)
        return nomem(err, path);
    FILE *f = fopen(tmp.data, "w");
    bool ok = f && json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
              fputc('\n', f) != EOF;
    ok = f && fclose(f) == 0 && ok;
    ok = ok && rename(tmp.data, path) == 0;
    int saved = errno;
    if (!ok)
        remove(tmp.data);
    fdp_buf_free(&tmp);
    if (!ok)
        return fdp_error_set(err, FD_ERR_IO, path, 0, 0, 0, "cannot write the file: %s",
                             strerror(saved));
    return 0;
}

int fd_run_write_acks(const fd_run *run, const char *path, const char *why,
                      unsigned kinds, const char *const *only, size_t nonly, bool prune,
                      fd_error *err) {
    fdp_error_clear(err);
    int rc = check_request(run, path, why, kinds, only, nonly, err);
    if (rc < 0)
        return rc;
    rc = fdp_run_claims_back(run); // an entry names its figures and files
    if (rc < 0)
        return fdp_error_set(err, rc, path, 0, 0, 0, "%s", fd_strerror(rc));
    int added = 0;
    json_t *list = entries(run, why, kinds, only, nonly, prune, &added);
    json_t *root =
        list ? json_pack("{s:s, s:o}", M_FORMAT, ACK_FORMAT, M_LIST, list) : NULL;
    rc = root ? replace_file(path, root, err) : nomem(err, path);
    json_decref(root);
    return rc < 0 ? rc : added;
}
