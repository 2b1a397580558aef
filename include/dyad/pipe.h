/*
** pipe.h: from a news article to coded events. The pipeline normalizes and
** parses the text (parse.h), codes every sentence (code.h) and then does
** what only the whole article allows: event dates ("on Saturday", "last
** week", "on February 28" resolved against the article's date), pronouns
** resolved to the person last named when that is unambiguous, direct
** quotations with their speakers, PLOVER categories, names the dictionaries
** did not know, and a MinHash signature for near-duplicate detection.
**
** Document readers (dy_reader) turn files into dy_doc records: plain text
** with an optional "Title:/Date:/Source:/URL:" header, JSON Lines, the
** PETRARCH <Articles>/<Sentences> XML formats, and HTML pages (main text
** extracted with libxml2's HTML parser). A dy_pipe is read-only once made
** and may be shared by threads, each with its own arena.
*/
#ifndef DYAD_PIPE_H
#define DYAD_PIPE_H

#include <stdint.h>
#include "dyad/arena.h"
#include "dyad/code.h"
#include "dyad/common.h"
#include "dyad/dict.h"
#include "dyad/doc.h"
#include "dyad/model.h"

typedef struct dy_pipe dy_pipe;

/* A pipeline over a parsing model, dictionaries and codebook (all must
** outlive it). require_dyad as in dy_coder_opts. NULL when out of memory. */
dy_pipe *dy_pipe_new(const dy_model *m, const dy_dict *d, const dy_codebook *cb,
                     int require_dyad);
void dy_pipe_free(dy_pipe *p);

/* The actor code of the outlet's home ("BLR" for BelTA), or NULL (the
** default): with one set, "we" and "us" outside quotations stand for it
** ("The Prime Minister of the State Council of China visited us"). The
** string must outlive p. */
void dy_pipe_set_home(dy_pipe *p, const char *code);

/* Code one document into *out, allocating in a. */
dy_status dy_pipe_code(const dy_pipe *p, const dy_doc *doc, dy_arena *a, dy_doc_result *out,
                       dy_error *err);

/* ---- dates -------------------------------------------------------------- */

/* Days since 1970-01-01 of a YYYYMMDD date, and back. */
long dy_date_days(int32_t ymd);
int32_t dy_date_from_days(long days);

/* Parse a date as written in a header or a metadata field: "2025-06-03",
** "20250603", "June 3, 2025", "3 June 2025", "2025-06-03T10:00:00Z".
** Returns YYYYMMDD, or 0 when it is not a date. */
int32_t dy_date_parse(const char *s);

/* The date a sentence's time expression points to, relative to the article
** date ref (YYYYMMDD): the words of the expression (lower or any case) such
** as {"on","Saturday"}, {"last","week"}, {"February","28"}, {"yesterday"};
** future is 1 when the verb is in the future tense ("will meet on Monday").
** Returns 0 when the words are no date. */
int32_t dy_date_resolve(const char *const *words, int n, int32_t ref, int future);

/* ---- readers -------------------------------------------------------------- */

typedef enum dy_input_format {
  DY_IN_AUTO = 0,   /* by file name: .jsonl/.json, .xml, .html/.htm, else text */
  DY_IN_TEXT,
  DY_IN_JSONL,
  DY_IN_XML,
  DY_IN_HTML
} dy_input_format;

typedef struct dy_reader dy_reader;

/* A reader over a file, a directory (walked in name order) or "-" (stdin).
** Documents without a date of their own get default_date (YYYYMMDD or 0). */
dy_status dy_reader_open(const char *path, dy_input_format fmt, int32_t default_date,
                         dy_reader **out, dy_error *err);

/* A reader over len bytes in memory (not copied; they must outlive the
** reader), named name in messages, read as fmt (AUTO: by name and content). */
dy_status dy_reader_open_mem(const char *buf, size_t len, const char *name, dy_input_format fmt,
                             int32_t default_date, dy_reader **out, dy_error *err);

/* The next document, allocated in a; *out is NULL at the end. A bad record
** is a DY_EPARSE naming file and line; the reader may be called again and
** continues after it. */
dy_status dy_reader_next(dy_reader *r, dy_arena *a, dy_doc **out, dy_error *err);

/* Bytes read so far and the total when known (for a progress line). */
void dy_reader_progress(const dy_reader *r, uint64_t *done, uint64_t *total);

void dy_reader_close(dy_reader *r);

#endif
