/*
** conllu.h: reading and writing CoNLL-U (UD v2; UD v1 labels are mapped to
** v2 on input, see sentence.h).
**
** The reader streams: one sentence at a time, built in an arena the caller
** owns and usually resets between sentences. Comments understood:
** "# newdoc id = X", "# sent_id = X", "# text = X", "# date = YYYYMMDD"
** (also YYYY-MM-DD). Multiword-token ranges (3-4) are kept in the
** sentence's mwt list; empty nodes (5.1) are counted and skipped.
**
** Every defect of the input (wrong column count, bad id or head, head out of
** range, a cycle, no root, bad UTF-8, an over-long line) is a DY_EPARSE
** whose dy_error names the file and line. A last sentence without its
** closing blank line is read as usual; an empty input has no sentences.
*/
#ifndef DYAD_CONLLU_H
#define DYAD_CONLLU_H

#include <stdio.h>
#include "dyad/arena.h"
#include "dyad/common.h"
#include "dyad/sentence.h"

typedef struct dy_conllu_reader dy_conllu_reader;

/* A reader over an open stream (not closed by the reader) or over len bytes
** in memory (not copied: buf must outlive the reader). name is used in
** messages. Returns NULL when out of memory. */
dy_conllu_reader *dy_conllu_open_stream(FILE *f, const char *name);
dy_conllu_reader *dy_conllu_open_mem(const char *buf, size_t len, const char *name);

/* The next sentence, allocated in a. At end of input returns DY_OK with
** *out == NULL. On error *out is NULL and err says where; the reader may be
** called again and resumes after the bad sentence. */
dy_status dy_conllu_next(dy_conllu_reader *r, dy_arena *a, dy_sentence **out,
                         dy_error *err);

/* Line number of the last line read (1-based). */
long dy_conllu_line(const dy_conllu_reader *r);

void dy_conllu_close(dy_conllu_reader *r);

/* Parse exactly one sentence from len bytes of CoNLL-U text (as found in a
** validation record's <Parse>), whose first line is line first_line of file
** name. Blank lines are ignored. */
dy_status dy_conllu_parse(const char *text, size_t len, const char *name,
                          long first_line, dy_arena *a, dy_sentence **out,
                          dy_error *err);

/* Write s as CoNLL-U (comments, multiword tokens, a blank line after). */
void dy_conllu_write(FILE *f, const dy_sentence *s);

#endif
