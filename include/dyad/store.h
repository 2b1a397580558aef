/*
** store.h: the event store. SQLite by default (one file); documents,
** sentences, events, quotes and unknown actor names, with indexes for dyad,
** date and code queries and FTS5 over article text.
**
** Ingest is idempotent and transactional: a document whose text hash is
** already stored is not stored again; a near-duplicate (a wire copy: MinHash
** similarity of word 5-shingles at least DY_STORE_NEARDUP) is stored but
** marked as a copy of the first, and its events are not counted by queries.
** Writes happen inside dy_store_begin() / dy_store_commit(): a process
** killed between them leaves the database as it was at the last commit.
*/
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include <stdint.h>
#include <stdio.h>
#include "dyad/common.h"
#include "dyad/doc.h"

#define DY_STORE_NEARDUP 0.8

typedef struct dy_store dy_store;

/* Open (creating when absent) the SQLite database at path. */
dy_status dy_store_open(const char *path, dy_store **out, dy_error *err);
void dy_store_close(dy_store *st);

dy_status dy_store_begin(dy_store *st, dy_error *err);
dy_status dy_store_commit(dy_store *st, dy_error *err);
dy_status dy_store_rollback(dy_store *st);

/* What dy_store_add did with a document. */
typedef enum dy_store_outcome {
  DY_STORE_NEW = 0,        /* stored */
  DY_STORE_SAME,           /* the same text was already stored: nothing written */
  DY_STORE_NEAR            /* stored as a near-duplicate of an earlier document */
} dy_store_outcome;

/* Store a coded document: the document, its sentences, events, quotes and
** unknown names. Must be called inside a transaction. */
dy_status dy_store_add(dy_store *st, const dy_doc_result *r, dy_store_outcome *outcome,
                       dy_error *err);

#endif
