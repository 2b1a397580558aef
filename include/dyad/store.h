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
#include "dyad/arena.h"
#include "dyad/common.h"
#include "dyad/doc.h"

#define DY_STORE_NEARDUP 0.8
#define DY_STORE_SCHEMA 1  /* PRAGMA user_version of the databases this code writes */

typedef struct dy_store dy_store;

/* Open (creating when absent) the SQLite database at path (":memory:" for
** one in memory). A database written by another schema version, or a file
** that is not a dyad store, is refused with DY_EFORMAT and a message naming
** both versions; *out is then NULL. WAL journal, synchronous=NORMAL. */
dy_status dy_store_open(const char *path, dy_store **out, dy_error *err);
/* Close the store; an open transaction is rolled back. NULL does nothing. */
void dy_store_close(dy_store *st);

/* One write transaction: begin, any number of adds, commit (or rollback,
** which forgets every add since begin). Nested begins are DY_EMISUSE. */
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
** unknown names. Must be called inside a transaction (else DY_EMISUSE). A
** stub left by dy_store_add_event under the same document id is filled
** rather than doubled, and events already stored under the same key (see
** dy_store_add_event) are not stored again. On failure (DY_EDB) part of the
** document may have been written in the open transaction: roll it back. */
dy_status dy_store_add(dy_store *st, const dy_doc_result *r, dy_store_outcome *outcome,
                       dy_error *err);

/* The MinHash signature the near-duplicate test compares: the text's words
** (ASCII letters lower-cased, split at anything that is not a letter, a
** digit or a byte >= 0x80), taken five at a time (word 5-shingles; a text of
** fewer words is one shingle), each shingle hashed with XXH64 and then with
** 32 seeded XXH32 hashes, out[i] the minimum of hash i. A text without words
** gives all 0xFFFFFFFF. The pipeline calls it to fill dy_doc_result.minhash;
** dy_store_add computes it itself when the signature is all zero. */
#define DY_STORE_MINHASH 32
void dy_store_minhash(const char *text, size_t len, uint32_t out[DY_STORE_MINHASH]);

/* The share of equal positions of two signatures: an estimate of the Jaccard
** similarity of the two texts' shingle sets, 0.0 to 1.0. */
double dy_store_similarity(const uint32_t a[DY_STORE_MINHASH], const uint32_t b[DY_STORE_MINHASH]);

/* ---- Events one at a time: `dyad load` and the queries ------------------ */

/* One stored event, as `dyad code` writes it (JSON Lines) and as the queries
** return it. Strings are never NULL ("" when absent). */
typedef struct dy_store_event {
  const char *doc_id;      /* the document's id ("sha:..." or the given one) */
  int32_t sent;            /* 0-based sentence index, -1 when not known */
  int32_t date;            /* event date YYYYMMDD, 0 when unknown */
  const char *source;      /* actor codes */
  const char *target;
  const char *code;        /* CAMEO code, leading zero kept ("042") */
  const char *cameo_name;  /* the code's name; read from JSON, not stored */
  const char *plover;      /* PLOVER category or "" */
  double goldstein;
  int quad;                /* 1..4, 0 when not known */
  const char *source_text; /* words of the phrases as written */
  const char *target_text;
  const char *verb_text;
  const char *issues;      /* ";"-joined issue codes or "" */
  const char *why;         /* the pattern (JSON "pattern") and entries that fired */
  int negated;
  int resolved;            /* an actor came from a resolved reference */
  int counted;             /* 0 for the events of a near-duplicate document */
} dy_store_event;

/* Read one JSON Lines record (len bytes at line, no newline needed) into ev;
** strings are copied into a. Required: an object with string fields doc_id,
** source, target and cameo; date is "YYYY-MM-DD" (or YYYYMMDD) or null;
** sent_id "<doc id>-<n>" gives sent = n - 1. Unknown fields are ignored.
** On failure returns DY_EPARSE (or DY_ENOMEM) with a message in err (file
** and line are left for the caller to set) and ev is unspecified. */
dy_status dy_store_event_parse(const char *line, size_t len, dy_arena *a,
                               dy_store_event *ev, dy_error *err);

/* Store one event, adding a stub document (id only) when its doc_id is not
** stored yet. An event is identified by its document, sentence, date,
** actors, code and words: storing it again changes nothing (*added = 0,
** else 1; added may be NULL). Events of a near-duplicate document are stored
** with counted = 0. Must be called inside a transaction. */
dy_status dy_store_add_event(dy_store *st, const dy_store_event *ev, int *added,
                             dy_error *err);

/* ---- Queries ---------------------------------------------------------- */

/* Filters shared by the queries; zero (or NULL) fields filter nothing. Code
** filters are prefixes: "BLR" matches BLR, BLRGOV, BLRGOVFRM. */
typedef struct dy_store_query {
  const char *actor;       /* source or target starts with this */
  const char *source;      /* dyad: source starts with this ... */
  const char *target;      /* ... and target with this */
  int either;              /* dyad in either direction */
  const char *code;        /* CAMEO code prefix ("04" = all consultations) */
  int quad;                /* quad class 1..4 */
  int32_t from, to;        /* event dates from..to inclusive, YYYYMMDD */
  int one_a_day;           /* Phoenix filter: the first event per source, target, code and day */
  int all;                 /* include events not counted (near duplicates) */
  long limit, offset;      /* rows to return (0 = all) and rows to skip */
} dy_store_query;

/* Every query calls fn once per row, in order; a non-zero return from fn
** stops the query (which then returns DY_OK). Row strings are valid only
** during the call. Failures return DY_EDB with SQLite's message in err. */
typedef int (*dy_store_event_fn)(void *ctx, const dy_store_event *ev);

/* Events matching q, by date then storage order. */
dy_status dy_store_events(dy_store *st, const dy_store_query *q, dy_store_event_fn fn,
                          void *ctx, dy_error *err);

/* The number of events matching q (limit and offset ignored). */
dy_status dy_store_count(dy_store *st, const dy_store_query *q, long *out, dy_error *err);

typedef enum dy_store_period {
  DY_STORE_ALL = 0,        /* one row per dyad */
  DY_STORE_DAY,            /* per dyad and day: period "2025-06-03" */
  DY_STORE_WEEK,           /* per dyad and ISO week: period is its Monday */
  DY_STORE_MONTH           /* per dyad and month: period "2025-06" */
} dy_store_period;

typedef struct dy_store_dyad {
  const char *period;      /* "" for DY_STORE_ALL or events without a date */
  const char *source, *target;
  long events;             /* events in the period */
  double goldstein;        /* sum of their Goldstein scores */
} dy_store_dyad;

/* Event counts and Goldstein sums per dyad (and period), by period, then
** count descending. */
dy_status dy_store_dyads(dy_store *st, const dy_store_query *q, dy_store_period by,
                         int (*fn)(void *ctx, const dy_store_dyad *row), void *ctx,
                         dy_error *err);

typedef struct dy_store_actor {
  const char *code;        /* actor code, or the unknown name */
  long as_source, as_target;  /* events (unknown names: both are the sightings) */
  const char *sample;      /* unknown names: a sentence they were seen in, else "" */
} dy_store_actor;

/* Actor codes of the events matching q with their counts as source and as
** target, most frequent first. */
dy_status dy_store_actors(dy_store *st, const dy_store_query *q,
                          int (*fn)(void *ctx, const dy_store_actor *row), void *ctx,
                          dy_error *err);

/* Names the dictionaries did not know, most frequent first, each with a
** sample sentence. Only q->limit and q->offset apply. */
dy_status dy_store_unknown(dy_store *st, const dy_store_query *q,
                           int (*fn)(void *ctx, const dy_store_actor *row), void *ctx,
                           dy_error *err);

typedef struct dy_store_quote {
  const char *doc_id;
  int32_t date;            /* the document's date */
  int32_t sent_first, sent_last;
  const char *speaker_text, *speaker_code;
  const char *text;
} dy_store_quote;

/* Quotes whose speaker code starts with q->actor, of documents dated in
** q->from..q->to; q's other filters do not apply. */
dy_status dy_store_quotes(dy_store *st, const dy_store_query *q,
                          int (*fn)(void *ctx, const dy_store_quote *row), void *ctx,
                          dy_error *err);

typedef struct dy_store_hit {
  const char *doc_id;
  int32_t date;
  const char *title;
  const char *snippet;     /* matched words in [brackets], "..." where text was cut */
} dy_store_hit;

/* Full-text search of document titles and texts, best match first. text is
** a list of words, all of which must occur (each is matched as a quoted
** FTS5 string), or with raw set an FTS5 query ("belarus NEAR china", OR,
** prefix*). A malformed raw query returns DY_EPARSE. */
dy_status dy_store_search(dy_store *st, const char *text, int raw, long limit,
                          int (*fn)(void *ctx, const dy_store_hit *row), void *ctx,
                          dy_error *err);

/* ---- For the web view (web_queries.c): read-only ------------------------ */

/* What the store holds. */
typedef struct dy_store_totals {
  long documents;          /* documents with text (stubs of dyad load not counted) */
  long copies;             /* of which near duplicates */
  long events;             /* events that count */
  long quotes, unknown;    /* quotes of originals; sightings of unknown names */
  long actors;             /* distinct actor codes in counted events */
  int32_t first, last;     /* earliest and latest event date, 0 when none */
} dy_store_totals;

dy_status dy_store_totals_get(dy_store *st, dy_store_totals *out, dy_error *err);

/* One period of dy_store_series: all matching events together. */
typedef struct dy_store_series_row {
  const char *period;      /* as dy_store_dyads names it ("" for DY_STORE_ALL) */
  long events;
  long quad[5];            /* events per quad class 1..4; quad[0]: class not known */
  double goldstein;        /* sum of Goldstein scores */
} dy_store_series_row;

/* Events matching q per period (q->source and q->target as a directed dyad
** unless q->either; q->one_a_day is not applied), by period. */
dy_status dy_store_series(dy_store *st, const dy_store_query *q, dy_store_period by,
                          int (*fn)(void *ctx, const dy_store_series_row *row), void *ctx,
                          dy_error *err);

typedef struct dy_store_doc {
  const char *doc_id, *title, *source, *url, *text;  /* "" when absent */
  int32_t date;            /* publication date YYYYMMDD, 0 when unknown */
  const char *dup_of;      /* id of the original for a near duplicate, else "" */
  long events;             /* its stored events */
} dy_store_doc;

typedef struct dy_store_sent {
  int32_t idx;             /* 0-based index in the document */
  int64_t start, stop;     /* byte span in the document's text */
  const char *text;
} dy_store_sent;

/* Documents with text, newest first (q->from, q->to on the document date,
** q->limit, q->offset). */
dy_status dy_store_documents(dy_store *st, const dy_store_query *q,
                             int (*fn)(void *ctx, const dy_store_doc *row), void *ctx,
                             dy_error *err);

/* One document by its id, with its parts, each through its callback (any
** may be NULL): the document, then its sentences in order, its events (in
** sentence order), its quotes. *found is 0 (and nothing is called) when no
** document has that id. */
typedef struct dy_store_doc_fns {
  int (*doc)(void *ctx, const dy_store_doc *d);
  int (*sentence)(void *ctx, const dy_store_sent *s);
  dy_store_event_fn event;
  int (*quote)(void *ctx, const dy_store_quote *q);
  void *ctx;
} dy_store_doc_fns;

dy_status dy_store_document(dy_store *st, const char *doc_id, const dy_store_doc_fns *fns,
                            int *found, dy_error *err);

#endif
