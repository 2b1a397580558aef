/*
** api.c: the JSON API under /api/. Each endpoint reads its parameters
** (request.c checks them), runs one store query and writes the rows as
** JSON. Errors are JSON too: {"error": {"status": 400, "message": "..."}}
** with the HTTP status that fits (400 bad parameter, 404 unknown path or
** document, 500 the store failed).
*/
#include <stdio.h>
#include <string.h>
#include "internal.h"

static void api_error(web_req *r, int status, const char *msg) {
  r->out.n = 0;
  if (r->out.p) r->out.p[0] = 0;
  r->status = status;
  web_printf(&r->out, "{\"error\":{\"status\":%d,\"message\":", status);
  web_json(&r->out, msg);
  web_put(&r->out, "}}\n");
}

static void store_error(web_req *r, dy_status rc, const dy_error *e) {
  api_error(r, rc == DY_EPARSE || rc == DY_EMISUSE ? 400 : rc == DY_ENOMEM ? 503 : 500,
            e->message[0] ? e->message : dy_status_name(rc));
}

/* One list being written: rows separated by commas, at most limit. */
typedef struct jlist {
  web_buf *b;
  long n;                  /* rows written */
  long limit;              /* stop after this many (0: no bound) */
  int more;                /* a row beyond limit exists */
} jlist;

static int next(jlist *l) {
  if (l->limit && l->n == l->limit) { l->more = 1; return 0; }
  if (l->n++) web_put(l->b, ",");
  return 1;
}

static void jdate(web_buf *b, int32_t d) {
  char s[11];
  if (d > 0) web_json(b, web_date(d, s));
  else web_put(b, "null");
}

/* An event as `dyad code` writes it, plus its sentence index. */
static void web_event_json(web_buf *b, const dy_store_event *e) {
  web_put(b, "{\"doc_id\":");
  web_json(b, e->doc_id);
  web_printf(b, ",\"sent\":%d,\"date\":", (int)e->sent);
  jdate(b, e->date);
  web_put(b, ",\"source\":");
  web_json(b, e->source);
  web_put(b, ",\"target\":");
  web_json(b, e->target);
  web_put(b, ",\"cameo\":");
  web_json(b, e->code);
  web_printf(b, ",\"goldstein\":%g,\"quad\":%d,\"plover\":", e->goldstein, e->quad);
  web_json(b, e->plover);
  web_put(b, ",\"source_text\":");
  web_json(b, e->source_text);
  web_put(b, ",\"target_text\":");
  web_json(b, e->target_text);
  web_put(b, ",\"verb_text\":");
  web_json(b, e->verb_text);
  web_put(b, ",\"issues\":");
  web_json(b, e->issues);
  web_put(b, ",\"why\":");
  web_json(b, e->why);
  web_printf(b, ",\"negated\":%s,\"resolved\":%s,\"counted\":%s}", e->negated ? "true" : "false",
             e->resolved ? "true" : "false", e->counted ? "true" : "false");
}

static int event_cb(void *ctx, const dy_store_event *e) {
  jlist *l = ctx;
  if (!next(l)) return 1;
  web_event_json(l->b, e);
  return 0;
}

/* The query's filters, or a 400 (returns -1). */
static int filters(web_req *r, dy_store_query *q, char codes[4][WEB_MAX_CODE + 1]) {
  char msg[160];
  if (web_filters(r, q, codes, msg, sizeof msg) == 0) return 0;
  api_error(r, 400, msg);
  return -1;
}

static void api_events(web_req *r) {
  dy_store_query q;
  char codes[4][WEB_MAX_CODE + 1];
  if (filters(r, &q, codes)) return;
  dy_error e = { .code = DY_OK };
  long total = -1;
  const char *t = web_arg(r, "total");
  if (t && strcmp(t, "1") == 0) {
    dy_status rc = dy_store_count(r->st, &q, &total, &e);
    if (rc) { store_error(r, rc, &e); return; }
  }
  web_printf(&r->out, "{\"offset\":%ld,\"limit\":%ld,", q.offset, q.limit);
  if (total >= 0) web_printf(&r->out, "\"total\":%ld,", total);
  web_put(&r->out, "\"events\":[");
  jlist l = { &r->out, 0, q.limit, 0 };
  q.limit++;  /* one more: is there a next page? */
  dy_status rc = dy_store_events(r->st, &q, event_cb, &l, &e);
  if (rc) { store_error(r, rc, &e); return; }
  web_put(&r->out, "],\"next_offset\":");
  if (l.more) web_printf(&r->out, "%ld", q.offset + l.limit);
  else web_put(&r->out, "null");
  web_put(&r->out, "}\n");
}

static int by_arg(web_req *r, dy_store_period *by, dy_store_period dflt) {
  const char *v = web_arg(r, "by");
  *by = dflt;
  if (!v) return 0;
  if (strcmp(v, "day") == 0) *by = DY_STORE_DAY;
  else if (strcmp(v, "week") == 0) *by = DY_STORE_WEEK;
  else if (strcmp(v, "month") == 0) *by = DY_STORE_MONTH;
  else if (strcmp(v, "all") == 0) *by = DY_STORE_ALL;
  else { api_error(r, 400, "by: day, week, month or all"); return -1; }
  return 0;
}

static const char *const by_name[] = { "all", "day", "week", "month" };

static int dyad_cb(void *ctx, const dy_store_dyad *d) {
  jlist *l = ctx;
  if (!next(l)) return 1;
  web_put(l->b, "{\"period\":");
  web_json(l->b, d->period);
  web_put(l->b, ",\"source\":");
  web_json(l->b, d->source);
  web_put(l->b, ",\"target\":");
  web_json(l->b, d->target);
  web_printf(l->b, ",\"events\":%ld,\"goldstein\":%g}", d->events, d->goldstein);
  return 0;
}

static void api_dyads(web_req *r) {
  dy_store_query q;
  char codes[4][WEB_MAX_CODE + 1];
  dy_store_period by;
  if (filters(r, &q, codes) || by_arg(r, &by, DY_STORE_ALL)) return;
  if (!web_arg(r, "limit")) q.limit = WEB_MAX_LIMIT;
  web_printf(&r->out, "{\"by\":\"%s\",\"dyads\":[", by_name[by]);
  jlist l = { &r->out, 0, 0, 0 };
  dy_error e = { .code = DY_OK };
  dy_status rc = dy_store_dyads(r->st, &q, by, dyad_cb, &l, &e);
  if (rc) { store_error(r, rc, &e); return; }
  web_put(&r->out, "]}\n");
}

static int series_cb(void *ctx, const dy_store_series_row *s) {
  jlist *l = ctx;
  if (!next(l)) return 1;
  web_put(l->b, "{\"period\":");
  web_json(l->b, s->period);
  web_printf(l->b, ",\"events\":%ld,\"cooperation\":%ld,\"conflict\":%ld,"
             "\"quad\":[%ld,%ld,%ld,%ld],\"goldstein\":%g}", s->events,
             s->quad[1] + s->quad[2], s->quad[3] + s->quad[4], s->quad[1], s->quad[2],
             s->quad[3], s->quad[4], s->goldstein);
  return 0;
}

/* Events (all dyads together) per period, with cooperation (quads 1, 2)
** and conflict (3, 4). */
static void api_series(web_req *r) {
  dy_store_query q;
  char codes[4][WEB_MAX_CODE + 1];
  dy_store_period by;
  if (filters(r, &q, codes) || by_arg(r, &by, DY_STORE_MONTH)) return;
  q.limit = 5000;  /* 13 years of days */
  q.offset = 0;
  web_printf(&r->out, "{\"by\":\"%s\",\"series\":[", by_name[by]);
  jlist l = { &r->out, 0, 0, 0 };
  dy_error e = { .code = DY_OK };
  dy_status rc = dy_store_series(r->st, &q, by, series_cb, &l, &e);
  if (rc) { store_error(r, rc, &e); return; }
  web_put(&r->out, "]}\n");
}

static int quote_cb(void *ctx, const dy_store_quote *x) {
  jlist *l = ctx;
  if (!next(l)) return 1;
  web_put(l->b, "{\"doc_id\":");
  web_json(l->b, x->doc_id);
  web_put(l->b, ",\"date\":");
  jdate(l->b, x->date);
  web_printf(l->b, ",\"sent_first\":%d,\"sent_last\":%d,\"speaker_text\":", (int)x->sent_first,
             (int)x->sent_last);
  web_json(l->b, x->speaker_text);
  web_put(l->b, ",\"speaker_code\":");
  web_json(l->b, x->speaker_code);
  web_put(l->b, ",\"text\":");
  web_json(l->b, x->text);
  web_put(l->b, "}");
  return 0;
}

static void api_quotes(web_req *r) {
  dy_store_query q;
  char codes[4][WEB_MAX_CODE + 1];
  if (filters(r, &q, codes)) return;
  web_printf(&r->out, "{\"offset\":%ld,\"limit\":%ld,\"quotes\":[", q.offset, q.limit);
  jlist l = { &r->out, 0, 0, 0 };
  dy_error e = { .code = DY_OK };
  dy_status rc = dy_store_quotes(r->st, &q, quote_cb, &l, &e);
  if (rc) { store_error(r, rc, &e); return; }
  web_put(&r->out, "]}\n");
}

static int actor_cb(void *ctx, const dy_store_actor *a) {
  jlist *l = ctx;
  if (!next(l)) return 1;
  web_put(l->b, "{\"code\":");
  web_json(l->b, a->code);
  web_printf(l->b, ",\"as_source\":%ld,\"as_target\":%ld", a->as_source, a->as_target);
  if (a->sample[0]) {
    web_put(l->b, ",\"sample\":");
    web_json(l->b, a->sample);
  }
  web_put(l->b, "}");
  return 0;
}

/* Actor codes with their counts; unknown=1: the names no dictionary knew
** (then "code" is the name and both counts are its sightings). */
static void api_actors(web_req *r) {
  dy_store_query q;
  char codes[4][WEB_MAX_CODE + 1];
  if (filters(r, &q, codes)) return;
  const char *u = web_arg(r, "unknown");
  int unknown = u && strcmp(u, "1") == 0;
  web_printf(&r->out, "{\"unknown\":%s,\"offset\":%ld,\"limit\":%ld,\"actors\":[",
             unknown ? "true" : "false", q.offset, q.limit);
  jlist l = { &r->out, 0, 0, 0 };
  dy_error e = { .code = DY_OK };
  dy_status rc = unknown ? dy_store_unknown(r->st, &q, actor_cb, &l, &e)
                         : dy_store_actors(r->st, &q, actor_cb, &l, &e);
  if (rc) { store_error(r, rc, &e); return; }
  web_put(&r->out, "]}\n");
}

static void doc_fields(web_buf *b, const dy_store_doc *d, int text) {
  web_put(b, "\"doc_id\":");
  web_json(b, d->doc_id);
  web_put(b, ",\"title\":");
  web_json(b, d->title);
  web_put(b, ",\"source\":");
  web_json(b, d->source);
  web_put(b, ",\"url\":");
  web_json(b, d->url);
  web_put(b, ",\"date\":");
  jdate(b, d->date);
  web_put(b, ",\"dup_of\":");
  if (d->dup_of[0]) web_json(b, d->dup_of);
  else web_put(b, "null");
  web_printf(b, ",\"events\":%ld", d->events);
  if (text) {
    web_put(b, ",\"text\":");
    web_json(b, d->text);
  }
}

static int doc_list_cb(void *ctx, const dy_store_doc *d) {
  jlist *l = ctx;
  if (!next(l)) return 1;
  web_put(l->b, "{");
  doc_fields(l->b, d, 0);
  web_put(l->b, "}");
  return 0;
}

/* One document's parts, each list opened when its first row comes. */
typedef struct doc_out {
  web_buf *b;
  int part;                /* 0 none yet, 1 sentences, 2 events, 3 quotes */
  long n;                  /* rows in the open part */
} doc_out;

static void open_part(doc_out *o, int part) {
  static const char *const names[] = { "", "sentences", "events", "quotes" };
  while (o->part < part) {
    if (o->part) web_put(o->b, "]");
    o->part++;
    web_printf(o->b, ",\"%s\":[", names[o->part]);
    o->n = 0;
  }
  if (o->n++) web_put(o->b, ",");
}

static int doc_one(void *ctx, const dy_store_doc *d) {
  doc_out *o = ctx;
  web_put(o->b, "{");
  doc_fields(o->b, d, 1);
  return 0;
}

static int doc_sent(void *ctx, const dy_store_sent *s) {
  doc_out *o = ctx;
  open_part(o, 1);
  web_printf(o->b, "{\"idx\":%d,\"start\":%lld,\"stop\":%lld,\"text\":", (int)s->idx,
             (long long)s->start, (long long)s->stop);
  web_json(o->b, s->text);
  web_put(o->b, "}");
  return 0;
}

static int doc_event(void *ctx, const dy_store_event *e) {
  doc_out *o = ctx;
  open_part(o, 2);
  web_event_json(o->b, e);
  return 0;
}

static int doc_quote(void *ctx, const dy_store_quote *x) {
  doc_out *o = ctx;
  open_part(o, 3);
  jlist l = { o->b, 0, 0, 0 };  /* quote_cb writes no comma for its first row */
  return quote_cb(&l, x);
}

static void api_documents(web_req *r) {
  const char *id = web_arg(r, "id");
  dy_error e = { .code = DY_OK };
  if (id) {
    if (strlen(id) > WEB_MAX_ARG) { api_error(r, 400, "id: too long"); return; }
    doc_out o = { &r->out, 0, 0 };
    dy_store_doc_fns fns = { doc_one, doc_sent, doc_event, doc_quote, &o };
    int found;
    dy_status rc = dy_store_document(r->st, id, &fns, &found, &e);
    if (rc) { store_error(r, rc, &e); return; }
    if (!found) { api_error(r, 404, "no document with that id"); return; }
    if (o.part < 3) open_part(&o, 3);  /* the lists no row opened, empty */
    web_put(&r->out, "]}\n");
    return;
  }
  dy_store_query q;
  char codes[4][WEB_MAX_CODE + 1];
  if (filters(r, &q, codes)) return;
  web_printf(&r->out, "{\"offset\":%ld,\"limit\":%ld,\"documents\":[", q.offset, q.limit);
  jlist l = { &r->out, 0, 0, 0 };
  dy_status rc = dy_store_documents(r->st, &q, doc_list_cb, &l, &e);
  if (rc) { store_error(r, rc, &e); return; }
  web_put(&r->out, "]}\n");
}

static int hit_cb(void *ctx, const dy_store_hit *h) {
  jlist *l = ctx;
  if (!next(l)) return 1;
  web_put(l->b, "{\"doc_id\":");
  web_json(l->b, h->doc_id);
  web_put(l->b, ",\"date\":");
  jdate(l->b, h->date);
  web_put(l->b, ",\"title\":");
  web_json(l->b, h->title);
  web_put(l->b, ",\"snippet\":");
  web_json(l->b, h->snippet);
  web_put(l->b, "}");
  return 0;
}

/* Full-text search: q is a list of words, all of which must occur (never
** FTS5 syntax: a client cannot write an expensive query). */
static void api_search(web_req *r) {
  const char *text = web_arg(r, "q");
  if (!text) { api_error(r, 400, "q: the words to search for"); return; }
  if (strlen(text) > WEB_MAX_ARG) { api_error(r, 400, "q: at most 200 bytes"); return; }
  dy_store_query q;
  char codes[4][WEB_MAX_CODE + 1];
  if (filters(r, &q, codes)) return;
  web_put(&r->out, "{\"q\":");
  web_json(&r->out, text);
  web_put(&r->out, ",\"hits\":[");
  jlist l = { &r->out, 0, 0, 0 };
  dy_error e = { .code = DY_OK };
  dy_status rc = dy_store_search(r->st, text, 0, q.limit, hit_cb, &l, &e);
  if (rc) { store_error(r, rc, &e); return; }
  web_put(&r->out, "]}\n");
}

static int totals(web_req *r) {
  dy_store_totals t;
  dy_error e = { .code = DY_OK };
  dy_status rc = dy_store_totals_get(r->st, &t, &e);
  if (rc) { store_error(r, rc, &e); return -1; }
  web_printf(&r->out, "{\"documents\":%ld,\"copies\":%ld,\"events\":%ld,\"quotes\":%ld,"
             "\"unknown\":%ld,\"actors\":%ld,\"first\":", t.documents, t.copies, t.events,
             t.quotes, t.unknown, t.actors);
  jdate(&r->out, t.first);
  web_put(&r->out, ",\"last\":");
  jdate(&r->out, t.last);
  web_put(&r->out, "}\n");
  return 0;
}

void web_api(web_req *r) {
  static const struct { const char *path; void (*fn)(web_req *); } routes[] = {
    { "/api/events", api_events },       { "/api/dyads", api_dyads },
    { "/api/series", api_series },       { "/api/quotes", api_quotes },
    { "/api/actors", api_actors },       { "/api/documents", api_documents },
    { "/api/search", api_search },
  };
  r->type = "application/json; charset=utf-8";
  if (strcmp(r->path, "/api/totals") == 0) { totals(r); return; }
  for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
    if (strcmp(r->path, routes[i].path) == 0) { routes[i].fn(r); return; }
  api_error(r, 404, "no such endpoint (see /api/ in the README)");
}
