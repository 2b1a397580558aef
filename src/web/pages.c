/*
** pages.c: the HTML pages that list: the layout, the overview (totals, a
** cooperation/conflict chart, the most active dyads, the latest events),
** the events table with its filters and paging, search, and the routing
** of every path that is not /api/ (article.c and actor.c hold the other
** pages). Every string from the store or the request is written through
** web_html; links carry parameters through web_url.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "pages.h"

void page_begin(web_req *r, const char *title, const char *nav) {
  web_buf *b = &r->out;
  web_put(b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             "<title>");
  web_htmls(b, title);
  web_put(b, " \xc2\xb7 dyad</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
             "<link rel=\"icon\" href=\"/static/icon.svg\">"
             "<script src=\"/static/app.js\" defer></script></head><body>"
             "<header><a class=\"brand\" href=\"/\">dyad</a><nav>");
  static const char *const items[][2] = {
    { "/", "Overview" }, { "/events", "Events" }, { "/dyad", "Dyads" }, { "/search", "Search" }
  };
  for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
    web_printf(b, "<a href=\"%s\"%s>%s</a>", items[i][0],
               nav && strcmp(nav, items[i][1]) == 0 ? " class=\"on\"" : "", items[i][1]);
  web_put(b, "</nav></header><main>");
}

void page_end(web_req *r) {
  web_put(&r->out, "</main><footer>dyad: political event data coded in CAMEO \xc2\xb7 "
                   "<a href=\"/api/totals\">JSON API</a></footer></body></html>\n");
}

void page_error(web_req *r, int status, const char *msg) {
  r->out.n = 0;
  if (r->out.p) r->out.p[0] = 0;
  r->status = status;
  r->type = "text/html; charset=utf-8";
  page_begin(r, status == 404 ? "Not found" : "Error", NULL);
  web_printf(&r->out, "<h1>%s</h1><p class=\"err\">", status == 404 ? "Not found" : "Error");
  web_htmls(&r->out, msg);
  web_put(&r->out, "</p><p><a href=\"/\">Back to the overview</a></p>");
  page_end(r);
}

int page_store_error(web_req *r, dy_status rc, const dy_error *e) {
  page_error(r, rc == DY_EPARSE || rc == DY_EMISUSE ? 400 : 500,
             e->message[0] ? e->message : dy_status_name(rc));
  return -1;
}

void page_code_link(web_buf *b, const char *code) {
  if (!code[0] || strcmp(code, "---") == 0) { web_htmls(b, code[0] ? code : "-"); return; }
  web_put(b, "<a href=\"/actor?code=");
  web_url(b, code);
  web_put(b, "\">");
  web_htmls(b, code);
  web_put(b, "</a>");
}

void page_article_href(web_buf *b, const char *doc_id, int sent) {
  web_put(b, "/article?id=");
  web_url(b, doc_id);
  if (sent >= 0) web_printf(b, "#s%d", sent);
}

/* The events table's header and rows. */
void page_events_head(web_buf *b) {
  web_put(b, "<table class=\"events\"><thead><tr><th>date</th><th>source</th><th>target</th>"
             "<th>code</th><th>quad</th><th>goldstein</th><th>source text</th><th>verb</th>"
             "<th>target text</th><th>article</th></tr></thead><tbody>");
}

int page_event_row(void *ctx, const dy_store_event *e) {
  web_buf *b = ctx;
  char d[11];
  web_printf(b, "<tr class=\"q%d\" data-sent=\"%d\"><td>", e->quad, (int)e->sent);
  web_htmls(b, web_date(e->date, d));
  web_put(b, "</td><td class=\"src\">");
  page_code_link(b, e->source);
  web_put(b, "</td><td class=\"tgt\">");
  page_code_link(b, e->target);
  web_put(b, "</td><td class=\"code\">");
  web_htmls(b, e->code);
  if (e->negated) web_put(b, " <span class=\"muted\">(negated)</span>");
  web_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">%.1f</td><td>", e->quad,
             e->goldstein);
  web_htmls(b, e->source_text);
  web_put(b, "</td><td>");
  web_htmls(b, e->verb_text);
  web_put(b, "</td><td>");
  web_htmls(b, e->target_text);
  web_put(b, "</td><td><a class=\"ev-link\" href=\"");
  page_article_href(b, e->doc_id, e->sent);
  web_put(b, "\">");
  web_htmls(b, e->doc_id);
  web_put(b, "</a></td></tr>");
  return 0;
}

/* ---- overview ---------------------------------------------------------- */

/* A series collected for a chart. */
void series_free(series *s) {
  for (int i = 0; i < s->n; i++) free(s->period[i]);
  free(s->period);
  for (int l = 0; l < 3; l++) free(s->y[l]);
  memset(s, 0, sizeof *s);
}

int series_add(series *s, const char *period, double a, double b2, double c) {
  if (s->n == s->cap) {
    int cap = s->cap ? 2 * s->cap : 64;
    char **p = realloc(s->period, (size_t)cap * sizeof *p);
    if (!p) return -1;
    s->period = p;
    for (int l = 0; l < 3; l++) {
      double *y = realloc(s->y[l], (size_t)cap * sizeof *y);
      if (!y) return -1;
      s->y[l] = y;
    }
    s->cap = cap;
  }
  if (!(s->period[s->n] = strdup(period[0] ? period : "undated"))) return -1;
  s->y[0][s->n] = a;
  s->y[1][s->n] = b2;
  s->y[2][s->n] = c;
  s->n++;
  return 0;
}

static int overview_series(void *ctx, const dy_store_series_row *row) {
  if (!row->period[0]) return 0;  /* undated events have no place on a time axis */
  return series_add(ctx, row->period, (double)(row->quad[1] + row->quad[2]),
                    (double)(row->quad[3] + row->quad[4]), row->goldstein);
}

static int top_dyad_row(void *ctx, const dy_store_dyad *d) {
  web_buf *b = ctx;
  web_put(b, "<tr><td>");
  page_code_link(b, d->source);
  web_put(b, " \xe2\x86\x92 ");
  page_code_link(b, d->target);
  web_printf(b, "</td><td class=\"n\">%ld</td><td class=\"n\">%.1f</td><td><a href=\"/dyad?a=",
             d->events, d->goldstein);
  web_url(b, d->source);
  web_put(b, "&amp;b=");
  web_url(b, d->target);
  web_put(b, "\">series</a> \xc2\xb7 <a class=\"dyad-events\" href=\"/events?source=");
  web_url(b, d->source);
  web_put(b, "&amp;target=");
  web_url(b, d->target);
  web_put(b, "\">events</a></td></tr>");
  return 0;
}

dy_store_period page_by(web_req *r, dy_store_period dflt) {
  const char *v = web_arg(r, "by");
  if (!v) return dflt;
  return strcmp(v, "day") == 0 ? DY_STORE_DAY : strcmp(v, "week") == 0 ? DY_STORE_WEEK
                                                                         : DY_STORE_MONTH;
}

static void overview(web_req *r) {
  dy_store_totals t;
  dy_error e = { .code = DY_OK };
  dy_status rc = dy_store_totals_get(r->st, &t, &e);
  if (rc) { page_store_error(r, rc, &e); return; }
  web_buf *b = &r->out;
  page_begin(r, "Overview", "Overview");
  char d1[11], d2[11];
  web_put(b, "<h1>Overview</h1><div class=\"cards\">");
  const struct { const char *id, *label; long n; } cards[] = {
    { "total-documents", "articles", t.documents }, { "total-events", "events", t.events },
    { "total-actors", "actors", t.actors }, { "total-quotes", "quotes", t.quotes },
    { "total-unknown", "unknown names seen", t.unknown },
  };
  for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++)
    web_printf(b, "<div class=\"card\"><span class=\"num\" id=\"%s\">%ld</span>"
               "<span class=\"lbl\">%s</span></div>", cards[i].id, cards[i].n, cards[i].label);
  web_printf(b, "<div class=\"card\"><span class=\"num\">%s</span><span class=\"lbl\">to %s"
             "</span></div></div>", t.first ? web_date(t.first, d1) : "-",
             t.last ? web_date(t.last, d2) : "-");
  /* The chart: by month unless the events span less than about 90 days. */
  int span_days = t.first && t.last ? (t.last / 10000 - t.first / 10000) * 365 +
                                      (t.last / 100 % 100 - t.first / 100 % 100) * 30 +
                                      (t.last % 100 - t.first % 100) : 0;
  dy_store_period by = page_by(r, span_days > 90 ? DY_STORE_MONTH : DY_STORE_DAY);
  dy_store_query q = { .limit = 5000 };
  series s = { 0 };
  rc = dy_store_series(r->st, &q, by, overview_series, &s, &e);
  if (rc) { series_free(&s); page_store_error(r, rc, &e); return; }
  web_put(b, "<h2>Cooperation and conflict</h2>");
  const double *ys[] = { s.y[0], s.y[1] };
  static const char *const labels[] = { "cooperation (quad 1-2)", "conflict (quad 3-4)" };
  static const char *const cls[] = { "coop", "conf" };
  web_svg_chart(b, s.n, (const char *const *)s.period, 2, ys, labels, cls,
                "events per period: cooperation and conflict");
  series_free(&s);
  web_put(b, "<p class=\"muted\">by <a href=\"/?by=day\">day</a> \xc2\xb7 "
             "<a href=\"/?by=week\">week</a> \xc2\xb7 <a href=\"/?by=month\">month</a></p>");
  web_put(b, "<h2>Most active dyads</h2><table class=\"dyads\"><thead><tr><th>dyad</th>"
             "<th>events</th><th>goldstein</th><th></th></tr></thead><tbody>");
  dy_store_query top = { .limit = 10 };
  if ((rc = dy_store_dyads(r->st, &top, DY_STORE_ALL, top_dyad_row, b, &e))) {
    page_store_error(r, rc, &e);
    return;
  }
  web_put(b, "</tbody></table><h2>Latest events</h2>");
  dy_store_query latest = { .limit = 10, .offset = t.events > 10 ? t.events - 10 : 0 };
  page_events_head(b);
  if ((rc = dy_store_events(r->st, &latest, page_event_row, b, &e))) {
    page_store_error(r, rc, &e);
    return;
  }
  web_put(b, "</tbody></table><p><a href=\"/events\">All events</a></p>");
  page_end(r);
}

/* ---- events ------------------------------------------------------------ */

static void input(web_buf *b, const char *name, const char *label, const char *value,
                  const char *placeholder) {
  web_printf(b, "<label>%s<input type=\"text\" name=\"%s\" id=\"f-%s\" value=\"", label, name,
             name);
  web_htmls(b, value ? value : "");
  web_printf(b, "\" placeholder=\"%s\" maxlength=\"65\"></label>", placeholder);
}

/* The query string of the current filters (for paging links), escaped for
** an attribute. */
static void filter_query(web_req *r, web_buf *b) {
  static const char *const names[] = { "actor", "source", "target", "dyad", "either", "code",
                                       "quad", "from", "to", "all", "one_a_day", "limit" };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    const char *v = web_arg(r, names[i]);
    if (!v) continue;
    web_printf(b, "&amp;%s=", names[i]);
    web_url(b, v);
  }
}

static void events_page(web_req *r) {
  dy_store_query q;
  char codes[4][WEB_MAX_CODE + 1], msg[160];
  web_buf *b = &r->out;
  if (web_filters(r, &q, codes, msg, sizeof msg)) { page_error(r, 400, msg); return; }
  long total;
  dy_error e = { .code = DY_OK };
  dy_status rc = dy_store_count(r->st, &q, &total, &e);
  if (rc) { page_store_error(r, rc, &e); return; }
  page_begin(r, "Events", "Events");
  web_put(b, "<h1>Events</h1><form class=\"filters\" method=\"get\" action=\"/events\">");
  input(b, "actor", "actor", web_arg(r, "actor"), "BLR");
  input(b, "dyad", "dyad (source:target)", web_arg(r, "dyad"), "BLR:CHN");
  input(b, "source", "source", web_arg(r, "source"), "BLRGOV");
  input(b, "target", "target", web_arg(r, "target"), "CHN");
  input(b, "code", "CAMEO code", web_arg(r, "code"), "04");
  input(b, "from", "from", web_arg(r, "from"), "2025-01-01");
  input(b, "to", "to", web_arg(r, "to"), "2025-12-31");
  web_put(b, "<label>quad<select name=\"quad\" id=\"f-quad\" data-autosubmit>");
  static const char *const quads[] = { "any", "1 verbal cooperation", "2 material cooperation",
                                       "3 verbal conflict", "4 material conflict" };
  for (int i = 0; i < 5; i++)
    web_printf(b, "<option value=\"%s\"%s>%s</option>", i ? quads[i] : "", i && q.quad == i
               ? " selected" : "", quads[i]);
  web_printf(b, "</select></label><label>either way<input type=\"checkbox\" name=\"either\" "
             "id=\"f-either\" value=\"1\"%s></label>", q.either ? " checked" : "");
  web_put(b, "<button type=\"submit\" id=\"f-submit\">Filter</button>"
             "<a href=\"/events\">clear</a></form>");
  long page = q.offset / q.limit + 1, pages = (total + q.limit - 1) / q.limit;
  web_printf(b, "<p id=\"events-count\"><strong>%ld</strong> events%s</p>", total,
             total ? "" : " match these filters");
  page_events_head(b);
  if ((rc = dy_store_events(r->st, &q, page_event_row, b, &e))) {
    page_store_error(r, rc, &e);
    return;
  }
  web_put(b, "</tbody></table><div class=\"pager\">");
  if (q.offset > 0) {
    web_printf(b, "<a rel=\"prev\" href=\"/events?offset=%ld", q.offset > q.limit
               ? q.offset - q.limit : 0);
    filter_query(r, b);
    web_put(b, "\">\xe2\x86\x90 previous</a>");
  }
  if (total) web_printf(b, "<span>page %ld of %ld</span>", page, pages ? pages : 1);
  if (q.offset + q.limit < total && q.offset + q.limit <= WEB_MAX_OFFSET) {
    web_printf(b, "<a rel=\"next\" href=\"/events?offset=%ld", q.offset + q.limit);
    filter_query(r, b);
    web_put(b, "\">next \xe2\x86\x92</a>");
  }
  web_put(b, "</div><p class=\"muted\">The same rows as JSON: <a href=\"/api/events?offset=0");
  filter_query(r, b);
  web_put(b, "\">/api/events</a></p>");
  page_end(r);
}

/* ---- search ------------------------------------------------------------ */

static int hit_row(void *ctx, const dy_store_hit *h) {
  web_buf *b = ctx;
  char d[11];
  web_put(b, "<li><a class=\"hit\" href=\"");
  page_article_href(b, h->doc_id, -1);
  web_put(b, "\">");
  web_htmls(b, h->title[0] ? h->title : h->doc_id);
  web_put(b, "</a> <span class=\"muted\">");
  web_htmls(b, web_date(h->date, d));
  web_put(b, "</span><div class=\"snippet\">");
  /* The store marks matches with [ ]: escape first, then mark them. */
  web_buf esc = { 0 };
  web_htmls(&esc, h->snippet);
  for (size_t i = 0; esc.p && i < esc.n; i++) {
    if (esc.p[i] == '[') web_put(b, "<mark>");
    else if (esc.p[i] == ']') web_put(b, "</mark>");
    else web_putn(b, esc.p + i, 1);
  }
  b->oom |= esc.oom;
  free(esc.p);
  web_put(b, "</div></li>");
  return 0;
}

static void search_page(web_req *r) {
  const char *text = web_arg(r, "q");
  web_buf *b = &r->out;
  if (text && strlen(text) > WEB_MAX_ARG) { page_error(r, 400, "q: at most 200 bytes"); return; }
  page_begin(r, "Search", "Search");
  web_put(b, "<h1>Search</h1><form class=\"filters\" method=\"get\" action=\"/search\">"
             "<label>words (all must occur)<input type=\"search\" class=\"wide\" name=\"q\" "
             "id=\"f-q\" maxlength=\"200\" value=\"");
  web_htmls(b, text ? text : "");
  web_put(b, "\"></label><button type=\"submit\">Search</button></form>");
  if (text) {
    web_put(b, "<ol class=\"hits\">");
    dy_error e = { .code = DY_OK };
    dy_status rc = dy_store_search(r->st, text, 0, 50, hit_row, b, &e);
    if (rc) { page_store_error(r, rc, &e); return; }
    web_put(b, "</ol>");
  }
  page_end(r);
}

/* ---- routing ----------------------------------------------------------- */

static const char icon_svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><circle cx=\"4\" cy=\"8\" "
    "r=\"3\" fill=\"#1f5fa8\"/><circle cx=\"12\" cy=\"8\" r=\"3\" fill=\"#c0392b\"/><path "
    "d=\"M7 8h2\" stroke=\"#1d2430\" stroke-width=\"2\"/></svg>";

void web_pages(web_req *r) {
  static const struct { const char *path, *type, *body; } assets[] = {
    { "/static/style.css", "text/css; charset=utf-8", web_css },
    { "/static/app.js", "text/javascript; charset=utf-8", web_js },
    { "/static/icon.svg", "image/svg+xml", icon_svg },
  };
  for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++)
    if (strcmp(r->path, assets[i].path) == 0) {
      r->type = assets[i].type;
      web_put(&r->out, assets[i].body);
      return;
    }
  if (strcmp(r->path, "/") == 0) overview(r);
  else if (strcmp(r->path, "/events") == 0) events_page(r);
  else if (strcmp(r->path, "/article") == 0) article_page(r);
  else if (strcmp(r->path, "/actor") == 0) actor_page(r);
  else if (strcmp(r->path, "/dyad") == 0) dyad_page(r);
  else if (strcmp(r->path, "/search") == 0) search_page(r);
  else page_error(r, 404, "There is no page at this address.");
}
