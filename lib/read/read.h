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
/* The readable files of a directory, sorted (caller frees each and the array);
 * NULL with *code FD_ERR_IO if it cannot be opened, FD_ERR_NOMEM if memory ran out. */
char **fdp_list_dir(const char *dir, size_t *count, int *code);

#endif
