/*
** article.c: the article view. The document's sentences are shown in
** order with the words of its events marked: the actors (source and
** target phrases) and the verb, each found in its sentence's text; the
** sentences inside a direct quotation are set apart, and the quotes are
** listed with their speakers. Everything is collected first (the store
** hands sentences, events and quotes over in turn) and then written.
*/
#include <stdlib.h>
#include <string.h>
#include "dyad/arena.h"
#include "pages.h"

typedef struct sent { int idx; const char *text; int quote; } sent;

typedef struct art {
  dy_arena *a;             /* owns every copied string and the arrays' rows */
  dy_store_doc doc;
  sent *s; int ns, caps;
  dy_store_event *ev; int nev, capev;
  dy_store_quote *q; int nq, capq;
  int oom;
} art;

static const char *cp(art *x, const char *s) {
  char *c = dy_arena_strndup(x->a, s, strlen(s));
  if (!c) { x->oom = 1; return ""; }
  return c;
}

/* Room for one more row of *arr (of size sz): grows by doubling. */
static void *more(art *x, void **arr, int *n, int *cap, size_t sz) {
  if (*n == *cap) {
    int c = *cap ? *cap * 2 : 32;
    void *p = realloc(*arr, (size_t)c * sz);
    if (!p) { x->oom = 1; return NULL; }
    *arr = p;
    *cap = c;
  }
  return (char *)*arr + (size_t)(*n)++ * sz;
}

static int on_doc(void *ctx, const dy_store_doc *d) {
  art *x = ctx;
  x->doc = *d;
  x->doc.doc_id = cp(x, d->doc_id);
  x->doc.title = cp(x, d->title);
  x->doc.source = cp(x, d->source);
  x->doc.url = cp(x, d->url);
  x->doc.text = "";  /* the sentences carry the text */
  x->doc.dup_of = cp(x, d->dup_of);
  return x->oom;
}

static int on_sent(void *ctx, const dy_store_sent *s) {
  art *x = ctx;
  sent *r = more(x, (void **)&x->s, &x->ns, &x->caps, sizeof *r);
  if (!r) return 1;
  *r = (sent){ s->idx, cp(x, s->text), 0 };
  return x->oom;
}

static int on_event(void *ctx, const dy_store_event *e) {
  art *x = ctx;
  dy_store_event *r = more(x, (void **)&x->ev, &x->nev, &x->capev, sizeof *r);
  if (!r) return 1;
  *r = *e;
  r->doc_id = x->doc.doc_id;
  r->source = cp(x, e->source);
  r->target = cp(x, e->target);
  r->code = cp(x, e->code);
  r->plover = cp(x, e->plover);
  r->source_text = cp(x, e->source_text);
  r->target_text = cp(x, e->target_text);
  r->verb_text = cp(x, e->verb_text);
  r->issues = cp(x, e->issues);
  r->why = cp(x, e->why);
  return x->oom;
}

static int on_quote(void *ctx, const dy_store_quote *q) {
  art *x = ctx;
  dy_store_quote *r = more(x, (void **)&x->q, &x->nq, &x->capq, sizeof *r);
  if (!r) return 1;
  *r = *q;
  r->speaker_text = cp(x, q->speaker_text);
  r->speaker_code = cp(x, q->speaker_code);
  r->text = cp(x, q->text);
  return x->oom;
}

/* A marked stretch of a sentence. */
typedef struct span { size_t start, end; int verb; const char *code, *title; } span;

static int by_start(const void *a, const void *b) {
  const span *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start ? 1 : (x->end > y->end) - (x->end < y->end);
}

/* Find words in text (whole occurrence, first one) and add its span. */
static void find(span *sp, int *n, int max, const char *text, const char *words, int verb,
                 const char *code, const char *title) {
  if (!words[0] || *n == max) return;
  const char *at = strstr(text, words);
  if (!at) return;
  sp[(*n)++] = (span){ (size_t)(at - text), (size_t)(at - text) + strlen(words), verb, code, title };
}

/* One sentence with its events' words marked; overlapping marks are
** dropped (the earlier, then longer, wins). */
static void write_sentence(web_buf *b, const art *x, const sent *s) {
  enum { MAX = 48 };
  span sp[MAX];
  int n = 0;
  for (int i = 0; i < x->nev; i++) {
    const dy_store_event *e = &x->ev[i];
    if (e->sent != s->idx) continue;
    find(sp, &n, MAX, s->text, e->source_text, 0, e->source, "source");
    find(sp, &n, MAX, s->text, e->target_text, 0, e->target, "target");
    find(sp, &n, MAX, s->text, e->verb_text, 1, e->code, "CAMEO");
  }
  qsort(sp, (size_t)n, sizeof *sp, by_start);
  web_printf(b, "<p class=\"sent%s\" id=\"s%d\">", s->quote ? " quote" : "", s->idx);
  size_t at = 0, len = strlen(s->text);
  for (int i = 0; i < n; i++) {
    if (sp[i].start < at || sp[i].end > len) continue;  /* overlaps a mark already written */
    web_html(b, s->text + at, sp[i].start - at);
    web_printf(b, "<mark class=\"%s\" title=\"", sp[i].verb ? "verb" : "actor");
    web_htmls(b, sp[i].title);
    web_put(b, " ");
    web_htmls(b, sp[i].code);
    web_put(b, "\">");
    web_html(b, s->text + sp[i].start, sp[i].end - sp[i].start);
    web_put(b, "</mark>");
    at = sp[i].end;
  }
  web_html(b, s->text + at, len - at);
  web_put(b, "</p>");
}

void article_page(web_req *r) {
  const char *id = web_arg(r, "id");
  if (!id) { page_error(r, 400, "Which article? (/article?id=...)"); return; }
  if (strlen(id) > WEB_MAX_ARG) { page_error(r, 400, "id: too long"); return; }
  art x = { .a = dy_arena_new(1 << 16) };
  if (!x.a) { r->out.oom = 1; return; }
  dy_store_doc_fns fns = { on_doc, on_sent, on_event, on_quote, &x };
  dy_error e = { .code = DY_OK };
  int found = 0;
  dy_status rc = dy_store_document(r->st, id, &fns, &found, &e);
  if (x.oom) r->out.oom = 1;
  else if (rc) page_store_error(r, rc, &e);
  else if (!found) page_error(r, 404, "No article has this id.");
  if (x.oom || rc || !found) goto done;
  for (int i = 0; i < x.nq; i++)
    for (int k = 0; k < x.ns; k++)
      if (x.s[k].idx >= x.q[i].sent_first && x.s[k].idx <= x.q[i].sent_last) x.s[k].quote = 1;
  web_buf *b = &r->out;
  char d[11];
  page_begin(r, x.doc.title[0] ? x.doc.title : x.doc.doc_id, NULL);
  web_put(b, "<article class=\"article\"><h1 id=\"article-title\">");
  web_htmls(b, x.doc.title[0] ? x.doc.title : x.doc.doc_id);
  web_put(b, "</h1><p class=\"muted\"><span id=\"article-id\">");
  web_htmls(b, x.doc.doc_id);
  web_put(b, "</span> \xc2\xb7 ");
  web_htmls(b, x.doc.date ? web_date(x.doc.date, d) : "no date");
  if (x.doc.source[0]) { web_put(b, " \xc2\xb7 "); web_htmls(b, x.doc.source); }
  if (strncmp(x.doc.url, "https://", 8) == 0 || strncmp(x.doc.url, "http://", 7) == 0) {
    web_put(b, " \xc2\xb7 <a rel=\"noreferrer nofollow\" href=\"");
    web_htmls(b, x.doc.url);
    web_put(b, "\">source</a>");
  }
  if (x.doc.dup_of[0]) {
    web_put(b, " \xc2\xb7 near duplicate of <a href=\"");
    page_article_href(b, x.doc.dup_of, -1);
    web_put(b, "\">");
    web_htmls(b, x.doc.dup_of);
    web_put(b, "</a>");
  }
  web_printf(b, "</p><p class=\"legend-row muted\"><mark class=\"actor\">actor</mark>"
             "<mark class=\"verb\">verb</mark><span class=\"sent quote\">quoted</span> "
             "\xc2\xb7 %d sentences, %d events, %d quotes</p>", x.ns, x.nev, x.nq);
  if (!x.ns) web_put(b, "<p class=\"muted\">This article's text is not in the store "
                        "(its events were loaded with dyad load).</p>");
  for (int k = 0; k < x.ns; k++) write_sentence(b, &x, &x.s[k]);
  web_put(b, "</article><h2>Events</h2>");
  page_events_head(b);
  for (int i = 0; i < x.nev; i++) page_event_row(b, &x.ev[i]);
  web_put(b, "</tbody></table><h2>Quotes</h2>");
  for (int i = 0; i < x.nq; i++) {
    web_put(b, "<blockquote class=\"quote\">");
    web_htmls(b, x.q[i].text);
    web_put(b, "<cite>");
    web_htmls(b, x.q[i].speaker_text);
    if (x.q[i].speaker_code[0]) { web_put(b, " ("); page_code_link(b, x.q[i].speaker_code); web_put(b, ")"); }
    web_put(b, "</cite></blockquote>");
  }
  if (!x.nq) web_put(b, "<p class=\"muted\">none</p>");
  page_end(r);
done:
  free(x.s);
  free(x.ev);
  free(x.q);
  dy_arena_free(x.a);
}
