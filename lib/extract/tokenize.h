/*
 * tokenize.h - splits a paragraph of UTF-8 into word, number and punctuation
 * tokens with byte offsets, and marks sentence starts. Internal to the extractor.
 */
#ifndef FD_TOKENIZE_H
#define FD_TOKENIZE_H

#include "model/model.h"
#include "rules/rules.h"

typedef enum tk_type { TK_WORD, TK_NUM, TK_PUNCT } tk_type;

/* Whitespace before a token. */
typedef enum tk_gap { GAP_NONE, GAP_ONE, GAP_MORE } tk_gap;

typedef struct token {
    size_t start, end;  /* byte span in the document */
    tk_type type;
    tk_gap gap;
    char p;             /* TK_PUNCT: ASCII stand-in ('-' for every dash), or '?' */
    bool cap;           /* TK_WORD: starts with a capital letter */
    bool alnum;         /* TK_WORD: holds digits too ("News24") */
    bool possessive;    /* TK_WORD: ended in 's, stripped from w ("country's") */
    bool sent_start;    /* first token of a sentence */
    /* TK_NUM */
    double val;
    int int_digits;     /* digits before any decimal separator */
    bool plain;         /* digits only, no separators */
    bool dot3;          /* one '.' then exactly three digits: "5.000", "1.448" */
    unsigned char frac_digits; /* digits after the decimal separator: "3.45" has 2 */
    bool code;          /* separators no number has: "192.168.1.1", "2.4.1", "12,14,16,19" */
    bool vulgar;        /* holds a fraction character: "¾", "2½" */
    bool truncated;     /* TK_WORD: the folded word did not fit in w: it matches no rule */
    char w[FDP_WORD_MAX]; /* TK_WORD: folded form; TK_PUNCT: the ASCII stand-in, or the
                             character's UTF-8 bytes when it has none ("€") */
    uint32_t hash;      /* fdp_hash_word of w, for lexicon lookups */
    const fdp_lex *lex; /* TK_WORD: the word's lexicon entry, or NULL */
    /* The entry's word-list bits (none without one), copied: a sentence's scans
     * test every token's lists, and the entries lie far apart in memory. */
    uint64_t lists[FDP_WL_WORDS];
    int noun, pred;     /* the entry's classes, when lex is set (else unset) */
    bool month;         /* the entry names a month, when lex is set */
    bool starter;       /* the entry's starter: a claim may start here (else false) */
} token;

typedef struct token_list {
    token *t;
    size_t n, cap;
    const fd_ruleset *rules; /* resolves words against its lexicon; NULL: none */
} token_list;

/* Tokenizes text[start, end) and appends the tokens to list (the first one
 * starts a sentence), looking each word up in list->rules. Without rules no
 * word has an entry, and a full stop ends a sentence after any word but an
 * initial. Returns 0 or FD_ERR_NOMEM. */
int fdp_tokenize(const char *text, size_t start, size_t end, token_list *list);
void fdp_token_list_free(token_list *list);

/* A long paragraph in windows: the tokens of text[a, b) then of text[b, c),
 * read with fdp_tokenize then fdp_tokenize_more, are those fdp_tokenize makes
 * of text[a, c) when b is a cut. fdp_tokenize_cut gives the first cut at or
 * after from (else end): an ASCII space or tab right after a letter, where a
 * word token ends and nothing (no digit group, no sentence end) joins it to
 * what follows. */
size_t fdp_tokenize_cut(const char *text, size_t from, size_t end);
/* Appends the tokens of text[start, end) (start: a cut) to list, as the
 * continuation of the paragraph whose tokens it holds. Returns 0 or
 * FD_ERR_NOMEM. */
int fdp_tokenize_more(const char *text, size_t start, size_t end, token_list *list);

/* True if the word token t is in word list id of the rules it was read with. */
static inline bool tk_has(const token *t, fdp_word_list id) {
    return t->lists[id / 64] >> (id % 64) & 1;
}

/* True if the word token t has folded form w. */
static inline bool tk_is(const token *t, const char *w) {
    // The first letter settles nearly every comparison without a call.
    return t->type == TK_WORD && t->w[0] == w[0] && (w[0] == '\0' || __builtin_strcmp(t->w + 1, w + 1) == 0);
}
/* fdp_hash_word of t->w: kept by the tokenizer for words, computed for the rest. */
static inline uint32_t tk_hash(const token *t) {
    return t->type == TK_WORD ? t->hash : fdp_hash_word(t->w);
}
static inline bool tk_punct(const token *t, char c) {
    return t->type == TK_PUNCT && t->p == c;
}

/* ---- tokenize_doc.c: the tokenize stage over a whole document ------------- */

/* A paragraph (a line of the text) and its tokens in the document's list. */
typedef struct fdp_para {
    size_t start, end;  /* bytes [start, end) of the text, without the newline */
    size_t first, n;    /* its tokens: list.t[first .. first + n) */
    bool tokenized;     /* false: the filter passed it over */
    bool kept;          /* a filter was asked and kept it: no need to ask again */
} fdp_para;

/* A document's tokens, paragraph by paragraph: made once, read by the
 * extractor and the names stage, freed by the run when both are done. */
typedef struct fdp_doc_tokens {
    token_list list;
    fdp_para *paras;
    size_t npara, cappara;
} fdp_doc_tokens;

/* The cursor at the start of paragraph p of toks: paragraphs are lines, so
 * p's is line p + 1, and a stage that counts lines and columns from it never
 * searches the paragraphs before for newlines. */
static inline fdp_cursor fdp_para_cursor(const fdp_doc_tokens *toks, size_t p) {
    return (fdp_cursor){toks->paras[p].start, (int)p + 1, 1};
}

/* Decides whether a paragraph text[start, end) is worth tokenizing. */
typedef bool (*fdp_para_filter)(const void *ctx, const char *text, size_t start, size_t end);

/* Tokenizes every paragraph of d (only those keep accepts, when keep is not
 * NULL) into out (cleared first), each word resolved in the rules' lexicon
 * (rules may be NULL). Returns 0 or FD_ERR_NOMEM. */
int fdp_tokenize_doc(const fd_ruleset *rules, const fdp_doc *d, fdp_para_filter keep,
                     const void *ctx, fdp_doc_tokens *out);
void fdp_doc_tokens_free(fdp_doc_tokens *t);

#endif
