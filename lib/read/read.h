/*
 * read.h - the read stage: documents from files, directories, JSON Lines and
 * memory, each added to the run with its text, metadata and errors. Internal.
 */
#ifndef FD_READ_H
#define FD_READ_H

#include "model/model.h"

/* Reads a path (file, directory or "-") into the run: see fd_run_add_path.
 * Returns the number of documents added, or FD_ERR_NOMEM. */
int fdp_read_path(fd_run *run, const char *path, const char *source);
/* Adds one plain-text document from memory: see fd_run_add_text. */
int fdp_read_text(fd_run *run, const char *path, const char *bytes, size_t len,
                  const char *source, const char *date);
/* Adds one ninjs document (the bytes of a .json file) from memory. Returns 1
 * or FD_ERR_NOMEM. */
int fdp_read_ninjs_doc(fd_run *run, const char *path, const char *bytes, size_t len,
                       const char *source);
/* Adds the ninjs object on one line of a JSON Lines stream as "path:LINE".
 * Returns 1, 0 for a blank line, or FD_ERR_NOMEM. */
int fdp_read_ninjs_line(fd_run *run, const char *path, int lineno, const char *line,
                        size_t len, size_t line_offset, const char *source);
/* A directory's meta.json (the gold-set format: {"docs": [{"file", "source",
 * "date"}]}), indexed by file name. NULL when there is none, or when memory ran
 * out (*rc FD_ERR_NOMEM then). With r, a meta.json that is there but malformed
 * becomes a document of r with its error. */
typedef struct fdp_meta fdp_meta;
fdp_meta *fdp_meta_load(fd_run *r, const char *dir, int *rc);
void fdp_meta_free(fdp_meta *meta);
/* Reads the file at path, named name in its folder, with what the folder's meta
 * (or NULL) says of it. Returns the documents added, or FD_ERR_NOMEM. */
int fdp_read_file_in(fd_run *r, const char *path, const char *name, const fdp_meta *meta,
                     const char *source);
/* The readable files of a directory, sorted (caller frees each and the array);
 * NULL with *code FD_ERR_IO if it cannot be opened, FD_ERR_NOMEM if memory ran out. */
char **fdp_list_dir(const char *dir, size_t *count, int *code);

/* ---- ninjs_lite.c: a flat ninjs object read without jansson's objects ---- */

enum {
    FDP_NINJS_BODY, FDP_NINJS_HEADLINE, FDP_NINJS_VERSIONCREATED, FDP_NINJS_FIRSTCREATED,
    FDP_NINJS_COPYRIGHTHOLDER, FDP_NINJS_FIELDS
};

typedef struct fdp_ninjs_lite {
    const char *const *names;   /* the fields' member names, in the order above */
    const char *const *complex; /* members left to jansson (NULL-terminated) */
    fdp_buf field[FDP_NINJS_FIELDS]; /* a field's string, when has[] */
    bool has[FDP_NINJS_FIELDS];
} fdp_ninjs_lite;

/* Reads the fields of the ninjs object s[0, n) into f (buffers reused from
 * call to call). Returns 1 when read, with every field a string jansson would
 * give; 0 when the object is for jansson to read (not flat, not plain, or
 * malformed: jansson then words the error); FD_ERR_NOMEM. */
int fdp_ninjs_lite_read(const char *s, size_t n, fdp_ninjs_lite *f);
void fdp_ninjs_lite_free(fdp_ninjs_lite *f);

/* fdp_read_ninjs_line with the lite reader lite (zero-initialised at first),
 * for a caller reading line after line: its buffers are kept from one line to
 * the next, not allocated and freed for each; free them with
 * fdp_ninjs_lite_free when done. */
int fdp_read_ninjs_line_with(fd_run *run, fdp_ninjs_lite *lite, const char *path, int lineno,
                             const char *line, size_t len, size_t line_offset,
                             const char *source);

#endif
