/*
 * fuzz_pipeline.c - the whole pipeline on arbitrary bytes: read as a text
 * article, extract, compare against a fixed second article, write every report.
 * The first byte picks options (bit 0: give a date, bit 1: colour and verbose).
 *
 * The reports are checked as well as written: article text is inert, so the
 * HTML holds only the page's own tags and no control character, and the
 * terminal report no control character but newlines and the colours' own
 * escape sequences. And the claims
 * `factdiff extract` reads in windows (a long line, a window at a time) are
 * those of the whole document, with windows of 1 and 5 bytes. A breach aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract/extractor.h"
#include "factdiff.h"
#include "report/report.h"

static fd_ruleset *rules;
static fdp_extractor *extractor;

// A GitHub report is workflow commands only: each line "::...", no control byte
// but the newline ending it (a CR or LF in article text would start a new command).
static bool commands_only(const char *s) {
    for (bool line_start = true; *s; s++) {
        if (line_start && strncmp(s, "::", 2) != 0)
            return false;
        if ((unsigned char)*s < 0x20 && *s != '\n')
            return false;
        line_start = *s == '\n';
    }
    return true;
}

// A SARIF log is JSON, whatever the article held.
static bool parses_as_json(const char *s) {
    json_t *j = json_loads(s, 0, NULL);
    json_decref(j);
    return j != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// True if html holds s exactly once.
static int once(const char *html, const char *s) {
    const char *p = strstr(html, s);
    return p && !strstr(p + 1, s);
}

// True if the attributes of the tag whose name ends at p (up to its '>') are
// all ones the HTML reporter writes, each a bare name or name="value".
static int attributes_allowed(const char *p) {
    static const char *const names[] = {
        "class", "id", "href", "value", "scope", "type", "name", "content", "lang",
        "http-equiv", "colspan", "charset", "aria-label", "checked", "hidden", "for",
        "placeholder", "title", "open", "selected", "role", "data-doc", "data-sources",
        "data-source", "data-kind", "data-finding", "data-event", "data-docs", "data-rank", NULL};
    for (;;) {
        while (*p == ' ' || *p == '\n')
            p++;
        if (*p == '>' || (p[0] == '/' && p[1] == '>'))
            return 1;
        size_t n = strcspn(p, " =>\n");
        int ok = 0;
        for (int i = 0; names[i] && !ok; i++)
            ok = strlen(names[i]) == n && !strncmp(p, names[i], n);
        if (!ok || !n)
            return 0;
        p += n;
        if (*p == '=') {
            if (p[1] != '"' || !(p = strchr(p + 2, '"')))
                return 0;
            p++;
        }
    }
}

// True if every tag in html is one the HTML reporter writes, with attributes it
// writes, and the page's one style sheet and one script (whose insides are not
// markup) are all there is.
static int tags_allowed(const char *html) {
    static const char *const tags[] = {
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2",
        "p", "main", "section", "span", "div", "blockquote", "mark", "code", "ul", "li",
        "b", "table", "tr", "th", "td", "thead", "tbody", "nav", "a", "br", "form",
        "fieldset", "legend", "label", "input", "select", "option", "article", "details",
        "summary", "script", "small", NULL};
    if (!once(html, "<script") || !once(html, "<style"))
        return 0;
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        const char *name = p + 1 + (p[1] == '/');
        size_t n = strcspn(name, " >");
        int ok = 0;
        for (int i = 0; tags[i] && !ok; i++)
            ok = strlen(tags[i]) == n && !strncmp(name, tags[i], n);
        if (!ok || (p[1] != '/' && p[1] != '!' && !attributes_allowed(name + n)))
            return 0;
        if (!strncmp(p, "<style>", 7) || !strncmp(p, "<script>", 8))
            p = strstr(p, p[2] == 't' ? "</style>" : "</script>");
        if (!p)
            return 0;
    }
    return 1;
}

// True if text holds no control character but newlines and "ESC [ digits;... m".
static int text_inert(const char *text) {
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == 0x1B) {
            if (p[1] != '[')
                return 0;
            p += 2;
            while ((*p >= '0' && *p <= '9') || *p == ';')
                p++;
            if (*p != 'm')
                return 0;
        } else if ((*p < 0x20 && *p != '\n') || *p == 0x7F) {
            return 0;
        }
    }
    return 1;
}

// True if the page holds no control character but tabs and line ends (C0, DEL, C1).
static int html_inert(const char *html) {
    for (const unsigned char *p = (const unsigned char *)html; *p; p++)
        if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7F ||
            (*p == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0))
            return 0;
    return 1;
}

// The report in format fmt as a string (caller frees), or NULL.
static char *render(const fd_run *r, fd_format fmt, unsigned options) {
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        return NULL;
    int rc = fd_run_write(r, fmt, f, options);
    fclose(f);
    if (rc != 0) {
        free(out);
        return NULL;
    }
    return out;
}

static int append_claims(void *ctx, fdp_doc *d) {
    for (size_t i = 0; i < d->nclaims; i++) {
        fdp_write_claim_line(ctx, &d->claims[i], true);
        fdp_buf_putc(ctx, '\n');
    }
    fdp_doc_drop_claims(d);
    return 0;
}

// The claims of the text read whole, then in windows: abort() if they differ.
static void check_windows(const uint8_t *data, size_t size) {
    fd_run *r = fd_run_new(rules);
    if (r)
        r->doc_read = NULL; // the document's stages are run here, not as it is read
    if (!r || fd_run_add_text(r, "fuzz.txt", (const char *)data, size, NULL, NULL) != 0) {
        fd_run_free(r);
        return;
    }
    fdp_doc *d = r->docs[0];
    fdp_doc_tokens toks = {0};
    fdp_buf whole = {0};
    if (fdp_tokenize_doc(rules, d, fdp_extract_may_hold, extractor, &toks) == 0 &&
        fdp_extract_doc(extractor, d, &toks) == 0) {
        append_claims(&whole, d);
        static const size_t windows[] = {1, 5};
        for (size_t k = 0; k < 2; k++) {
            fdp_buf part = {0};
            token_list list = {0};
            if (fdp_extract_doc_windowed(extractor, d, &list, windows[k], append_claims,
                                         &part) != 0 ||
                part.len != whole.len || (whole.len && memcmp(part.data, whole.data, whole.len)))
                abort();
            fdp_token_list_free(&list);
            fdp_buf_free(&part);
        }
    }
    fdp_buf_free(&whole);
    fdp_doc_tokens_free(&toks);
    fd_run_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!rules) {
        rules = fd_ruleset_new();
        fd_ruleset_load_dir(rules, fd_default_rules_dir(), NULL);
        extractor = fdp_extractor_new(rules, NULL);
    }
    if (extractor)
        check_windows(data, size);
    unsigned opts = size ? data[0] : 0;
    fd_run *r = fd_run_new(rules);
    static const char other[] = "Jets bombed 120 targets near Palmyra, the ministry said.";
    fd_run_add_text(r, "other.txt", other, sizeof other - 1, NULL, "2016-03-27");
    fd_run_add_text(r, "fuzz.txt", (const char *)data, size, NULL,
                    (opts & 1) ? "2016-03-28" : NULL);
    if (fd_run_check(r, NULL) == 0) {
        char *text = render(r, FD_FORMAT_TEXT, (opts & 2) ? FD_OPT_COLOR | FD_OPT_VERBOSE : 0);
        char *json = render(r, FD_FORMAT_JSON, 0);
        char *html = render(r, FD_FORMAT_HTML, 0);
        char *sarif = render(r, FD_FORMAT_SARIF, 0);
        char *github = render(r, FD_FORMAT_GITHUB, 0);
        if ((text && !text_inert(text)) || (html && (!tags_allowed(html) || !html_inert(html))) ||
            (sarif && !parses_as_json(sarif)) || (github && !commands_only(github)))
            abort();
        free(text);
        free(json);
        free(html);
        free(sarif);
        free(github);
    }
    fd_run_free(r);
    return 0;
}
