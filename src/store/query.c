/*
** query.c: the event store's queries. Every query is one SQL statement:
** the filters of a dy_store_query become a common table expression `f`
** (the matching events; with one_a_day only the first event of each
** source, target, code and day, the Phoenix filter applied at query time),
** and each query selects from it. Filter values are always bound as
** parameters; code prefixes become GLOB patterns ("BLR*", metacharacters
** bracketed), which SQLite answers from the indexes.
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "../util/util.h"

/* The shared statement builder (sqlq.c) under the short names used here. */
typedef dy_sqlq qbuf;
#define put dy_sqlq_put
#define bind_num dy_sqlq_num
#define bind_text dy_sqlq_text
#define prefix_pattern dy_sqlq_prefix
#define run dy_sqlq_run
#define col dy_sqlq_col

static void where_prefix(qbuf *b, const char *column, const char *prefix) {
  put(b, " AND ");
  put(b, column);
  put(b, " GLOB ?");
  bind_text(b, prefix_pattern(b, prefix));
}

/* "WITH base AS (...), f AS (...) ": the events q selects. The actor filter
** is left out when skip_actor (the actors query applies it to its codes). */
static void filtered(qbuf *b, const dy_store_query *q, int skip_actor) {
  put(b, "WITH base AS (SELECT e.* FROM events e WHERE 1");
  if (!q->all) put(b, " AND e.counted = 1");
  if (q->actor && *q->actor && !skip_actor) {
    const char *p = prefix_pattern(b, q->actor);
    put(b, " AND (e.source GLOB ? OR e.target GLOB ?)");
    bind_text(b, p);
    bind_text(b, p);
  }
  const char *src = q->source && *q->source ? q->source : NULL;
  const char *tgt = q->target && *q->target ? q->target : NULL;
  if (q->either && src && tgt) {
    const char *ps = prefix_pattern(b, src), *pt = prefix_pattern(b, tgt);
    put(b, " AND ((e.source GLOB ? AND e.target GLOB ?) OR (e.source GLOB ? AND e.target GLOB ?))");
    bind_text(b, ps);
    bind_text(b, pt);
    bind_text(b, pt);
    bind_text(b, ps);
  } else if (q->either && (src || tgt)) {
    const char *p = prefix_pattern(b, src ? src : tgt);
    put(b, " AND (e.source GLOB ? OR e.target GLOB ?)");
    bind_text(b, p);
    bind_text(b, p);
  } else {
    if (src) where_prefix(b, "e.source", src);
    if (tgt) where_prefix(b, "e.target", tgt);
  }
  if (q->code && *q->code) where_prefix(b, "e.code", q->code);
  if (q->quad) { put(b, " AND e.quad = ?"); bind_num(b, q->quad); }
  if (q->from) { put(b, " AND e.date >= ?"); bind_num(b, q->from); }
  if (q->to) { put(b, " AND e.date <= ?"); bind_num(b, q->to); }
  put(b, ")");
  if (q->one_a_day)
    put(b, ", f AS (SELECT * FROM base WHERE id IN"
           " (SELECT min(id) FROM base GROUP BY source, target, code, date)) ");
  else
    put(b, ", f AS (SELECT * FROM base) ");
}

static void limit(qbuf *b, const dy_store_query *q) {
  put(b, " LIMIT ? OFFSET ?");
  bind_num(b, q->limit > 0 ? q->limit : -1);
  bind_num(b, q->offset > 0 ? q->offset : 0);
}

/* ---- events ------------------------------------------------------------ */

typedef struct { dy_store_event_fn fn; void *ctx; } event_cb;

static int event_row(sqlite3_stmt *s, void *p) {
  event_cb *cb = p;
  dy_store_event ev;
  dy_sqlq_event(s, &ev);
  return cb->fn(cb->ctx, &ev);
}

dy_status dy_store_events(dy_store *st, const dy_store_query *q, dy_store_event_fn fn,
                          void *ctx, dy_error *err) {
  assert(st && q && fn);
  qbuf b = { .n = 0 };
  filtered(&b, q, 0);
  put(&b, "SELECT d.name, f.sent, f.date, f.source, f.target, f.code, f.plover, f.goldstein,"
          " f.quad, f.source_text, f.target_text, f.verb_text, f.issues, f.why, f.negated,"
          " f.resolved, f.counted FROM f JOIN documents d ON d.id = f.doc"
          " ORDER BY f.date, f.id");
  limit(&b, q);
  event_cb cb = { fn, ctx };
  return run(st, &b, event_row, &cb, err);
}

static int count_row(sqlite3_stmt *s, void *p) {
  *(long *)p = (long)sqlite3_column_int64(s, 0);
  return 1;
}

dy_status dy_store_count(dy_store *st, const dy_store_query *q, long *out, dy_error *err) {
  assert(st && q && out);
  qbuf b = { .n = 0 };
  *out = 0;
  filtered(&b, q, 0);
  put(&b, "SELECT count(*) FROM f");
  return run(st, &b, count_row, out, err);
}

/* ---- dyads ------------------------------------------------------------- */

typedef struct { int (*fn)(void *, const dy_store_dyad *); void *ctx; } dyad_cb;

static int dyad_row(sqlite3_stmt *s, void *p) {
  dyad_cb *cb = p;
  dy_store_dyad d = { .period = col(s, 0), .source = col(s, 1), .target = col(s, 2),
                      .events = (long)sqlite3_column_int64(s, 3),
                      .goldstein = sqlite3_column_double(s, 4) };
  return cb->fn(cb->ctx, &d);
}

dy_status dy_store_dyads(dy_store *st, const dy_store_query *q, dy_store_period by,
                         int (*fn)(void *ctx, const dy_store_dyad *row), void *ctx,
                         dy_error *err) {
  assert(st && q && fn);
  const char *period = dy_sqlq_period(by);
  if (!period) return dy_err(err, DY_EMISUSE, NULL, 0, "bad period");
  qbuf b = { .n = 0 };
  filtered(&b, q, 0);
  put(&b, "SELECT ");
  put(&b, period);
  put(&b, " AS p, source, target, count(*) AS n, total(goldstein) FROM f"
          " GROUP BY p, source, target ORDER BY p, n DESC, source, target");
  limit(&b, q);
  dyad_cb cb = { fn, ctx };
  return run(st, &b, dyad_row, &cb, err);
}

/* ---- actors and unknown names ------------------------------------------ */

typedef struct { int (*fn)(void *, const dy_store_actor *); void *ctx; } actor_cb;

static int actor_row(sqlite3_stmt *s, void *p) {
  actor_cb *cb = p;
  dy_store_actor a = { .code = col(s, 0), .as_source = (long)sqlite3_column_int64(s, 1),
                       .as_target = (long)sqlite3_column_int64(s, 2), .sample = col(s, 3) };
  return cb->fn(cb->ctx, &a);
}

dy_status dy_store_actors(dy_store *st, const dy_store_query *q,
                          int (*fn)(void *ctx, const dy_store_actor *row), void *ctx,
                          dy_error *err) {
  assert(st && q && fn);
  qbuf b = { .n = 0 };
  filtered(&b, q, 1);
  put(&b, "SELECT code, sum(s), sum(t), '' FROM (SELECT source AS code, 1 AS s, 0 AS t FROM f"
          " UNION ALL SELECT target, 0, 1 FROM f) WHERE 1");
  if (q->actor && *q->actor) where_prefix(&b, "code", q->actor);
  put(&b, " GROUP BY code ORDER BY sum(s) + sum(t) DESC, code");
  limit(&b, q);
  actor_cb cb = { fn, ctx };
  return run(st, &b, actor_row, &cb, err);
}

dy_status dy_store_unknown(dy_store *st, const dy_store_query *q,
                           int (*fn)(void *ctx, const dy_store_actor *row), void *ctx,
                           dy_error *err) {
  assert(st && q && fn);
  qbuf b = { .n = 0 };
  put(&b, "SELECT g.name, g.n, g.n, coalesce(s.text, '') FROM"
          " (SELECT name, count(*) AS n, min(rowid) AS r FROM unknown GROUP BY name) g"
          " JOIN unknown u ON u.rowid = g.r"
          " LEFT JOIN sentences s ON s.doc = u.doc AND s.idx = u.sent"
          " ORDER BY g.n DESC, g.name");
  limit(&b, q);
  actor_cb cb = { fn, ctx };
  return run(st, &b, actor_row, &cb, err);
}

/* ---- quotes ------------------------------------------------------------ */

typedef struct { int (*fn)(void *, const dy_store_quote *); void *ctx; } quote_cb;

static int quote_row(sqlite3_stmt *s, void *p) {
  quote_cb *cb = p;
  dy_store_quote x = { .doc_id = col(s, 0), .date = sqlite3_column_int(s, 1),
                       .sent_first = sqlite3_column_int(s, 2),
                       .sent_last = sqlite3_column_int(s, 3), .speaker_text = col(s, 4),
                       .speaker_code = col(s, 5), .text = col(s, 6) };
  return cb->fn(cb->ctx, &x);
}

dy_status dy_store_quotes(dy_store *st, const dy_store_query *q,
                          int (*fn)(void *ctx, const dy_store_quote *row), void *ctx,
                          dy_error *err) {
  assert(st && q && fn);
  qbuf b = { .n = 0 };
  put(&b, "SELECT d.name, d.date, q.sent_first, q.sent_last, q.speaker_text, q.speaker_code,"
          " q.text FROM quotes q JOIN documents d ON d.id = q.doc WHERE 1");
  if (!q->all) put(&b, " AND d.dup_of IS NULL");
  if (q->actor && *q->actor) where_prefix(&b, "q.speaker_code", q->actor);
  if (q->from) { put(&b, " AND d.date >= ?"); bind_num(&b, q->from); }
  if (q->to) { put(&b, " AND d.date <= ?"); bind_num(&b, q->to); }
  put(&b, " ORDER BY d.date, q.id");
  limit(&b, q);
  quote_cb cb = { fn, ctx };
  return run(st, &b, quote_row, &cb, err);
}

/* ---- full-text search -------------------------------------------------- */

typedef struct { int (*fn)(void *, const dy_store_hit *); void *ctx; } hit_cb;

static int hit_row(sqlite3_stmt *s, void *p) {
  hit_cb *cb = p;
  dy_store_hit h = { .doc_id = col(s, 0), .date = sqlite3_column_int(s, 1),
                     .title = col(s, 2), .snippet = col(s, 3) };
  return cb->fn(cb->ctx, &h);
}

/* Each whitespace-separated word as an FTS5 string ("word", quotes doubled),
** so that punctuation in the words is never query syntax. */
static char *quote_words(const char *text) {
  size_t n = strlen(text);
  char *out = malloc(3 * n + 3), *o = out;
  if (!out) return NULL;
  const char *s = text;
  while (*s) {
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    if (!*s) break;
    if (o != out) *o++ = ' ';
    *o++ = '"';
    while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
      if (*s == '"') *o++ = '"';
      *o++ = *s++;
    }
    *o++ = '"';
  }
  *o = 0;
  return out;
}

dy_status dy_store_search(dy_store *st, const char *text, int raw, long lim,
                          int (*fn)(void *ctx, const dy_store_hit *row), void *ctx,
                          dy_error *err) {
  assert(st && text && fn);
  char *match = raw ? strdup(text) : quote_words(text);
  if (!match) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
  if (!match[0]) {
    free(match);
    return dy_err(err, DY_EPARSE, NULL, 0, "nothing to search for");
  }
  qbuf b = { .n = 0 };
  put(&b, "SELECT d.name, d.date, d.title, snippet(doc_fts, 1, '[', ']', '...', 16)"
          " FROM doc_fts JOIN documents d ON d.id = doc_fts.rowid"
          " WHERE doc_fts MATCH ? ORDER BY rank LIMIT ?");
  bind_text(&b, match);
  bind_num(&b, lim > 0 ? lim : -1);
  hit_cb cb = { fn, ctx };
  dy_status rc = run(st, &b, hit_row, &cb, err);
  if (rc == DY_EDB && raw) {  /* FTS5 reports query syntax only when it runs */
    char msg[sizeof err->message];
    snprintf(msg, sizeof msg, "%s", err ? err->message : "");
    rc = dy_err(err, DY_EPARSE, NULL, 0, "bad search query '%.200s': %.200s", text,
                strncmp(msg, "query: ", 7) == 0 ? msg + 7 : msg);
  }
  free(match);
  return rc;
}
