/*
** internal.h: what the files of the event store share: the store handle
** with its prepared statements, and small helpers over SQLite.
*/
#ifndef DYAD_STORE_INTERNAL_H
#define DYAD_STORE_INTERNAL_H

#include <sqlite3.h>
#include "dyad/store.h"

/* The LSH index: DY_STORE_BANDS bands of DY_STORE_ROWS signature values;
** two texts of similarity s share a band with probability 1-(1-s^4)^8
** (0.985 at s = 0.8, 0.07 at s = 0.4). */
#define DY_STORE_BANDS 8
#define DY_STORE_ROWS 4

/* The prepared statements of the write path (SQL text in store.c). */
enum {
  S_DOC_BY_HASH, S_DOC_BY_NAME, S_DOC_INSERT, S_DOC_FILL, S_DOC_STUB, S_FTS_INSERT,
  S_SENT_INSERT, S_EVENT_INSERT, S_QUOTE_INSERT, S_UNKNOWN_INSERT, S_LSH_INSERT,
  S_LSH_FIND, S_EVENTS_UNCOUNT, S_N
};

struct dy_store {
  sqlite3 *db;             /* the open database */
  sqlite3_stmt *stmt[S_N]; /* prepared on first use, finalized by close */
  int in_tx;               /* inside dy_store_begin .. commit/rollback */
  char *last_doc;          /* cache of the last doc_id dy_store_add_event resolved ... */
  int64_t last_doc_row;    /* ... its row id ... */
  int last_doc_dup;        /* ... and whether it is a near duplicate */
};

/* The prepared statement id (reset, bindings cleared), or NULL with err set. */
sqlite3_stmt *dy_store_stmt(dy_store *st, int id, dy_error *err);

/* Fill err with SQLite's last message, prefixed by what; returns DY_EDB. */
dy_status dy_store_dberr(dy_store *st, dy_error *err, const char *what);

/* XXH64 of the fields that identify an event in its document. */
int64_t dy_store_event_key(const char *doc_id, const dy_store_event *ev);

/* Insert ev (unless its key is stored) as an event of document row. */
dy_status dy_store_put_event(dy_store *st, int64_t row, const dy_store_event *ev, int counted,
                             int *added, dy_error *err);

/* The LSH band keys of a signature. */
void dy_store_bands(const uint32_t sig[DY_STORE_MINHASH], int64_t keys[DY_STORE_BANDS]);


/* ---- the statement builder (sqlq.c) ---- */
#define DY_SQLQ_BINDS 16   /* bound values in one statement */
#define DY_SQLQ_PREFIX 64  /* longest code prefix */

typedef struct dy_sqlq {
  char sql[3072];          /* the statement being built */
  size_t n;                /* its length */
  int over;                /* it did not fit, or a prefix was too long */
  struct { const char *text; int64_t num; } bind[DY_SQLQ_BINDS]; /* text NULL: num */
  int nbind;
  char pat[6][4 * DY_SQLQ_PREFIX + 2]; /* GLOB patterns the binds point into */
  int npat;
} dy_sqlq;

/* Append SQL text; bind a number or a string (not copied: it must live
** until the statement has run); a GLOB pattern for codes starting with
** prefix ("BLR" -> "BLR*"), kept in b. Overflows set b->over. */
void dy_sqlq_put(dy_sqlq *b, const char *s);
void dy_sqlq_num(dy_sqlq *b, int64_t v);
void dy_sqlq_text(dy_sqlq *b, const char *s);
const char *dy_sqlq_prefix(dy_sqlq *b, const char *prefix);
/* Prepare b, bind its values, hand each row to row() until it returns
** non-zero. */
dy_status dy_sqlq_run(dy_store *st, const dy_sqlq *b, int (*row)(sqlite3_stmt *, void *),
                      void *ctx, dy_error *err);
/* Column i as text, "" for NULL. */
const char *dy_sqlq_col(sqlite3_stmt *s, int i);
/* The SQL expression naming the period of an events row's date ("" for
** DY_STORE_ALL, YYYY-MM-DD, the ISO week's Monday, YYYY-MM), or NULL for
** a period out of range. */
const char *dy_sqlq_period(dy_store_period by);
/* An event from a row whose columns are, in order: document name, sent,
** date, source, target, code, plover, goldstein, quad, source_text,
** target_text, verb_text, issues, why, negated, resolved, counted. The
** strings live as long as the row. */
void dy_sqlq_event(sqlite3_stmt *s, dy_store_event *ev);

#endif
