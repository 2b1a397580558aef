/*
** web_queries.c: read-only queries the web view needs beyond query.c:
** totals, a time series of all matching events by quad class, the list of
** documents and one document with its sentences, events and quotes.
**
** Like query.c, every value reaches SQL as a bound parameter; code filters
** are prefixes, turned into GLOB patterns with the metacharacters
** bracketed. The SQL text is built from fixed pieces only.
*/
#include <assert.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "../util/util.h"

/* The shared statement builder (sqlq.c) under the short names used here. */
typedef dy_sqlq wq;
#define put dy_sqlq_put
#define bind_num dy_sqlq_num
#define bind_text dy_sqlq_text
#define pattern dy_sqlq_prefix
#define run dy_sqlq_run
#define col dy_sqlq_col

static void glob(wq *b, const char *sql, const char *prefix, int times) {
  put(b, sql);
  const char *p = pattern(b, prefix);
  for (int i = 0; i < times; i++) bind_text(b, p);
}

/* " AND ..." for every filter of q on the events table (no alias). */
static void where(wq *b, const dy_store_query *q) {
  if (!q->all) put(b, " AND counted = 1");
  if (q->actor && *q->actor) glob(b, " AND (source GLOB ? OR target GLOB ?)", q->actor, 2);
  const char *src = q->source && *q->source ? q->source : NULL;
  const char *tgt = q->target && *q->target ? q->target : NULL;
  if (q->either && src && tgt) {
    const char *ps = pattern(b, src), *pt = pattern(b, tgt);
    put(b, " AND ((source GLOB ? AND target GLOB ?) OR (source GLOB ? AND target GLOB ?))");
    bind_text(b, ps);
    bind_text(b, pt);
    bind_text(b, pt);
    bind_text(b, ps);
  } else {
    if (src) glob(b, " AND source GLOB ?", src, 1);
    if (tgt) glob(b, " AND target GLOB ?", tgt, 1);
  }
  if (q->code && *q->code) glob(b, " AND code GLOB ?", q->code, 1);
  if (q->quad) { put(b, " AND quad = ?"); bind_num(b, q->quad); }
  if (q->from) { put(b, " AND date >= ?"); bind_num(b, q->from); }
  if (q->to) { put(b, " AND date <= ?"); bind_num(b, q->to); }
}

/* ---- totals ------------------------------------------------------------ */

static int totals_row(sqlite3_stmt *s, void *p) {
  dy_store_totals *t = p;
  t->documents = (long)sqlite3_column_int64(s, 0);
  t->copies = (long)sqlite3_column_int64(s, 1);
  t->events = (long)sqlite3_column_int64(s, 2);
  t->quotes = (long)sqlite3_column_int64(s, 3);
  t->unknown = (long)sqlite3_column_int64(s, 4);
  t->actors = (long)sqlite3_column_int64(s, 5);
  t->first = sqlite3_column_int(s, 6);
  t->last = sqlite3_column_int(s, 7);
  return 1;
}

dy_status dy_store_totals_get(dy_store *st, dy_store_totals *out, dy_error *err) {
  assert(st && out);
  memset(out, 0, sizeof *out);
  wq b = { .n = 0 };
  put(&b, "SELECT (SELECT count(*) FROM documents WHERE hash IS NOT NULL),"
          " (SELECT count(*) FROM documents WHERE dup_of IS NOT NULL),"
          " (SELECT count(*) FROM events WHERE counted = 1),"
          " (SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.doc"
          "   WHERE d.dup_of IS NULL),"
          " (SELECT count(*) FROM unknown),"
          " (SELECT count(*) FROM (SELECT source FROM events WHERE counted = 1"
          "   UNION SELECT target FROM events WHERE counted = 1)),"
          " coalesce((SELECT min(date) FROM events WHERE date > 0), 0),"
          " coalesce((SELECT max(date) FROM events), 0)");
  return run(st, &b, totals_row, out, err);
}

/* ---- series ------------------------------------------------------------ */

typedef struct { int (*fn)(void *, const dy_store_series_row *); void *ctx; } series_cb;

static int series_row(sqlite3_stmt *s, void *p) {
  series_cb *cb = p;
  dy_store_series_row r = { .period = col(s, 0), .events = (long)sqlite3_column_int64(s, 1),
                            .goldstein = sqlite3_column_double(s, 7) };
  for (int i = 0; i < 5; i++) r.quad[i] = (long)sqlite3_column_int64(s, 2 + i);
  return cb->fn(cb->ctx, &r);
}

dy_status dy_store_series(dy_store *st, const dy_store_query *q, dy_store_period by,
                          int (*fn)(void *ctx, const dy_store_series_row *row), void *ctx,
                          dy_error *err) {
  assert(st && q && fn);
  const char *period = dy_sqlq_period(by);
  if (!period) return dy_err(err, DY_EMISUSE, NULL, 0, "bad period");
  wq b = { .n = 0 };
  put(&b, "SELECT ");
  put(&b, period);
  put(&b, " AS p, count(*), sum(quad NOT BETWEEN 1 AND 4), sum(quad = 1), sum(quad = 2),"
          " sum(quad = 3), sum(quad = 4), total(goldstein) FROM events WHERE 1");
  where(&b, q);
  put(&b, " GROUP BY p ORDER BY p");
  if (q->limit > 0) { put(&b, " LIMIT ?"); bind_num(&b, q->limit); }
  series_cb cb = { fn, ctx };
  return run(st, &b, series_row, &cb, err);
}

/* ---- documents --------------------------------------------------------- */

#define DOC_COLS "d.name, d.title, d.source, d.url, d.text, d.date," \
                 " coalesce((SELECT o.name FROM documents o WHERE o.id = d.dup_of), '')," \
                 " (SELECT count(*) FROM events e WHERE e.doc = d.id)"

typedef struct {
  int (*fn)(void *, const dy_store_doc *);
  void *ctx;
  int64_t row;             /* dy_store_document: the document's row id */
  int found;
} doc_cb;

static int doc_row(sqlite3_stmt *s, void *p) {
  doc_cb *cb = p;
  dy_store_doc d = { .doc_id = col(s, 0), .title = col(s, 1), .source = col(s, 2),
                     .url = col(s, 3), .text = col(s, 4), .date = sqlite3_column_int(s, 5),
                     .dup_of = col(s, 6), .events = (long)sqlite3_column_int64(s, 7) };
  cb->found = 1;
  if (sqlite3_column_count(s) > 8) cb->row = sqlite3_column_int64(s, 8);
  return cb->fn ? cb->fn(cb->ctx, &d) : 0;
}

dy_status dy_store_documents(dy_store *st, const dy_store_query *q,
                             int (*fn)(void *ctx, const dy_store_doc *row), void *ctx,
                             dy_error *err) {
  assert(st && q && fn);
  wq b = { .n = 0 };
  put(&b, "SELECT " DOC_COLS " FROM documents d WHERE d.hash IS NOT NULL");
  if (q->from) { put(&b, " AND d.date >= ?"); bind_num(&b, q->from); }
  if (q->to) { put(&b, " AND d.date <= ?"); bind_num(&b, q->to); }
  put(&b, " ORDER BY d.date DESC, d.id DESC LIMIT ? OFFSET ?");
  bind_num(&b, q->limit > 0 ? q->limit : -1);
  bind_num(&b, q->offset > 0 ? q->offset : 0);
  doc_cb cb = { fn, ctx, 0, 0 };
  return run(st, &b, doc_row, &cb, err);
}

typedef struct { const dy_store_doc_fns *f; } part_cb;

static int sent_row(sqlite3_stmt *s, void *p) {
  const dy_store_doc_fns *f = ((part_cb *)p)->f;
  dy_store_sent x = { .idx = sqlite3_column_int(s, 0), .start = sqlite3_column_int64(s, 1),
                      .stop = sqlite3_column_int64(s, 2), .text = col(s, 3) };
  return f->sentence(f->ctx, &x);
}

static int event_row(sqlite3_stmt *s, void *p) {
  const dy_store_doc_fns *f = ((part_cb *)p)->f;
  dy_store_event ev;
  dy_sqlq_event(s, &ev);
  return f->event(f->ctx, &ev);
}

static int quote_row(sqlite3_stmt *s, void *p) {
  const dy_store_doc_fns *f = ((part_cb *)p)->f;
  dy_store_quote x = { .doc_id = col(s, 0), .date = sqlite3_column_int(s, 1),
                       .sent_first = sqlite3_column_int(s, 2),
                       .sent_last = sqlite3_column_int(s, 3), .speaker_text = col(s, 4),
                       .speaker_code = col(s, 5), .text = col(s, 6) };
  return f->quote(f->ctx, &x);
}

dy_status dy_store_document(dy_store *st, const char *doc_id, const dy_store_doc_fns *fns,
                            int *found, dy_error *err) {
  assert(st && doc_id && fns && found);
  *found = 0;
  wq b = { .n = 0 };
  put(&b, "SELECT " DOC_COLS ", d.id FROM documents d WHERE d.name = ? ORDER BY d.id LIMIT 1");
  bind_text(&b, doc_id);
  doc_cb cb = { fns->doc, fns->ctx, 0, 0 };
  dy_status rc = run(st, &b, doc_row, &cb, err);
  if (rc || !cb.found) return rc;
  *found = 1;
  part_cb pc = { fns };
  if (fns->sentence) {
    wq s = { .n = 0 };
    put(&s, "SELECT idx, start, stop, text FROM sentences WHERE doc = ? ORDER BY idx");
    bind_num(&s, cb.row);
    if ((rc = run(st, &s, sent_row, &pc, err))) return rc;
  }
  if (fns->event) {
    wq s = { .n = 0 };
    put(&s, "SELECT ?, sent, date, source, target, code, plover, goldstein, quad,"
            " source_text, target_text, verb_text, issues, why, negated, resolved, counted"
            " FROM events WHERE doc = ? ORDER BY sent, id");
    bind_text(&s, doc_id);
    bind_num(&s, cb.row);
    if ((rc = run(st, &s, event_row, &pc, err))) return rc;
  }
  if (fns->quote) {
    wq s = { .n = 0 };
    put(&s, "SELECT ?, d.date, q.sent_first, q.sent_last, q.speaker_text, q.speaker_code,"
            " q.text FROM quotes q JOIN documents d ON d.id = q.doc WHERE q.doc = ?"
            " ORDER BY q.sent_first, q.id");
    bind_text(&s, doc_id);
    bind_num(&s, cb.row);
    if ((rc = run(st, &s, quote_row, &pc, err))) return rc;
  }
  return DY_OK;
}
