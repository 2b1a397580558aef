/*
** actor.c: the actor page (its events as source and as target over time,
** its partners, its quotes) and the dyad page (the two-way series of a
** pair such as BLR and CHN, with Goldstein sums).
*/
#include <stdlib.h>
#include <string.h>
#include "pages.h"

/* A code parameter checked as the filters check it; NULL and an error
** page when it is bad. */
static const char *code_param(web_req *r, const char *name, char out[WEB_MAX_CODE + 1]) {
  const char *v = web_arg(r, name);
  if (!v) return NULL;
  size_t n = strlen(v);
  if (n > WEB_MAX_CODE) goto bad;
  for (size_t i = 0; i < n; i++) {
    char c = v[i];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) goto bad;
    out[i] = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
  }
  out[n] = 0;
  return out;
bad:
  page_error(r, 400, "An actor code is letters and digits (BLR, CHNGOV).");
  return NULL;
}

/* Two series merged by period: a (line 0, 2) and b (line 1). */
typedef struct two { series s; int side; } two;

static int two_row(void *ctx, const dy_store_series_row *row) {
  two *t = ctx;
  if (!row->period[0]) return 0;
  series *s = &t->s;
  int i = 0;  /* the rows come by period: find it or its place */
  while (i < s->n && strcmp(s->period[i], row->period) < 0) i++;
  if (i == s->n || strcmp(s->period[i], row->period) != 0) {
    if (series_add(s, row->period, 0, 0, 0)) return 1;
    char *p = s->period[s->n - 1];
    for (int k = s->n - 1; k > i; k--) {
      s->period[k] = s->period[k - 1];
      for (int l = 0; l < 3; l++) s->y[l][k] = s->y[l][k - 1];
    }
    s->period[i] = p;
    for (int l = 0; l < 3; l++) s->y[l][i] = 0;
  }
  s->y[t->side][i] += (double)row->events;
  s->y[2][i] += row->goldstein;
  return 0;
}

/* The series of events from a to b (side 0) and from b to a (side 1). */
static int two_way(web_req *r, const char *a, const char *b, dy_store_period by, two *t) {
  dy_error e = { .code = DY_OK };
  for (int side = 0; side < 2; side++) {
    dy_store_query q = { .source = side ? b : a, .target = side ? a : b, .limit = 5000 };
    t->side = side;
    dy_status rc = dy_store_series(r->st, &q, by, two_row, t, &e);
    if (rc) return page_store_error(r, rc, &e);
  }
  return 0;
}

static void by_links(web_buf *b, const char *base) {
  static const char *const by[] = { "day", "week", "month" };
  web_put(b, "<p class=\"muted\">by");
  for (int i = 0; i < 3; i++) {
    web_put(b, " <a href=\"");
    web_put(b, base);
    web_printf(b, "&amp;by=%s\">%s</a>", by[i], by[i]);
  }
  web_put(b, "</p>");
}

static int partner_row(void *ctx, const dy_store_dyad *d) {
  web_buf *b = ctx;
  web_put(b, "<tr><td>");
  page_code_link(b, d->source);
  web_put(b, " \xe2\x86\x92 ");
  page_code_link(b, d->target);
  web_printf(b, "</td><td class=\"n\">%ld</td><td class=\"n\">%.1f</td></tr>", d->events,
             d->goldstein);
  return 0;
}

static int quote_row(void *ctx, const dy_store_quote *q) {
  web_buf *b = ctx;
  char d[11];
  web_put(b, "<blockquote class=\"quote\">");
  web_htmls(b, q->text);
  web_put(b, "<cite>");
  web_htmls(b, q->speaker_text);
  web_put(b, " (");
  web_htmls(b, q->speaker_code);
  web_put(b, "), ");
  web_htmls(b, web_date(q->date, d));
  web_put(b, " \xc2\xb7 <a href=\"");
  page_article_href(b, q->doc_id, q->sent_first);
  web_put(b, "\">article</a></cite></blockquote>");
  return 0;
}

void actor_page(web_req *r) {
  char code[WEB_MAX_CODE + 1];
  const char *c = code_param(r, "code", code);
  if (!c) { if (r->status == 200) page_error(r, 400, "Which actor? (/actor?code=BLR)"); return; }
  dy_store_period by = page_by(r, DY_STORE_MONTH);
  web_buf *b = &r->out;
  /* As source: source=c and any target; as target: the other way. Both
  ** through the two-way series with an empty partner prefix. */
  two t = { { 0 }, 0 };
  dy_error e = { .code = DY_OK };
  for (int side = 0; side < 2; side++) {
    dy_store_query q = { .source = side ? NULL : c, .target = side ? c : NULL, .limit = 5000 };
    t.side = side;
    dy_status rc = dy_store_series(r->st, &q, by, two_row, &t, &e);
    if (rc) { series_free(&t.s); page_store_error(r, rc, &e); return; }
  }
  page_begin(r, c, NULL);
  web_put(b, "<h1>Actor <span id=\"actor-code\">");
  web_htmls(b, c);
  web_put(b, "</span></h1><p><a href=\"/events?actor=");
  web_url(b, c);
  web_put(b, "\">its events</a> \xc2\xb7 codes starting with ");
  web_htmls(b, c);
  web_put(b, " count too (BLR includes BLRGOV)</p><h2>Events over time</h2>");
  const double *ys[] = { t.s.y[0], t.s.y[1] };
  const char *labels[] = { "as source", "as target" };
  static const char *const cls[] = { "ab", "ba" };
  web_svg_chart(b, t.s.n, (const char *const *)t.s.period, 2, ys, labels, cls,
                "events with this actor as source and as target");
  series_free(&t.s);
  web_buf base = { 0 };
  web_put(&base, "/actor?code=");
  web_url(&base, c);
  by_links(b, base.p ? base.p : "/actor?");
  free(base.p);
  web_put(b, "<h2>Dyads</h2><table class=\"dyads\"><thead><tr><th>dyad</th><th>events</th>"
             "<th>goldstein</th></tr></thead><tbody>");
  dy_store_query q = { .actor = c, .limit = 20 };
  dy_status rc = dy_store_dyads(r->st, &q, DY_STORE_ALL, partner_row, b, &e);
  if (rc) { page_store_error(r, rc, &e); return; }
  web_put(b, "</tbody></table><h2>Quotes</h2>");
  size_t before = b->n;
  if ((rc = dy_store_quotes(r->st, &q, quote_row, b, &e))) { page_store_error(r, rc, &e); return; }
  if (b->n == before) web_put(b, "<p class=\"muted\">none</p>");
  page_end(r);
}

void dyad_page(web_req *r) {
  char ca[WEB_MAX_CODE + 1], cb[WEB_MAX_CODE + 1];
  const char *a = code_param(r, "a", ca);
  if (r->status != 200) return;
  const char *bb = code_param(r, "b", cb);
  if (r->status != 200) return;
  if (!a) a = "BLR";  /* a pair to start from */
  if (!bb) bb = "CHN";
  dy_store_period by = page_by(r, DY_STORE_MONTH);
  two t = { { 0 }, 0 };
  if (two_way(r, a, bb, by, &t)) { series_free(&t.s); return; }
  web_buf *b = &r->out;
  page_begin(r, "Dyad", "Dyads");
  web_put(b, "<h1>Dyad <span id=\"dyad-name\">");
  web_htmls(b, a);
  web_put(b, " \xe2\x87\x84 ");
  web_htmls(b, bb);
  web_put(b, "</span></h1><form class=\"filters\" method=\"get\" action=\"/dyad\">"
             "<label>actor A<input type=\"text\" name=\"a\" id=\"f-a\" maxlength=\"32\" value=\"");
  web_htmls(b, a);
  web_put(b, "\"></label><label>actor B<input type=\"text\" name=\"b\" id=\"f-b\" "
             "maxlength=\"32\" value=\"");
  web_htmls(b, bb);
  web_put(b, "\"></label><label>by<select name=\"by\" data-autosubmit>");
  static const char *const bys[] = { "", "day", "week", "month" };
  for (int i = 1; i < 4; i++)
    web_printf(b, "<option%s>%s</option>", (int)by == i ? " selected" : "", bys[i]);
  web_put(b, "</select></label><button type=\"submit\">Show</button></form>");
  char la[80], lb[80];
  snprintf(la, sizeof la, "%s \xe2\x86\x92 %s", a, bb);
  snprintf(lb, sizeof lb, "%s \xe2\x86\x92 %s", bb, a);
  const double *ys[] = { t.s.y[0], t.s.y[1] };
  const char *labels[] = { la, lb };
  static const char *const cls[] = { "ab", "ba" };
  web_svg_chart(b, t.s.n, (const char *const *)t.s.period, 2, ys, labels, cls,
                "events in each direction per period");
  web_put(b, "<table class=\"series\"><thead><tr><th>period</th><th>");
  web_htmls(b, la);
  web_put(b, "</th><th>");
  web_htmls(b, lb);
  web_put(b, "</th><th>goldstein (both)</th></tr></thead><tbody>");
  for (int i = 0; i < t.s.n; i++) {
    web_put(b, "<tr><td>");
    web_htmls(b, t.s.period[i]);
    web_printf(b, "</td><td class=\"n\">%g</td><td class=\"n\">%g</td><td class=\"n\">%.1f</td>"
               "</tr>", t.s.y[0][i], t.s.y[1][i], t.s.y[2][i]);
  }
  web_put(b, "</tbody></table><p><a id=\"dyad-events\" href=\"/events?either=1&amp;source=");
  web_url(b, a);
  web_put(b, "&amp;target=");
  web_url(b, bb);
  web_put(b, "\">the events</a></p>");
  series_free(&t.s);
  page_end(r);
}
