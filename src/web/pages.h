/*
** pages.h: what the page files (pages.c, article.c, actor.c) share: the
** layout, error pages, links, the events table and a series for charts.
*/
#ifndef DYAD_WEB_PAGES_H
#define DYAD_WEB_PAGES_H

#include "internal.h"

void page_begin(web_req *r, const char *title, const char *nav);
void page_end(web_req *r);
/* Replace whatever was written with an error page of this status. */
void page_error(web_req *r, int status, const char *msg);
/* page_error for a store failure (400 for bad input, else 500); returns -1. */
int page_store_error(web_req *r, dy_status rc, const dy_error *e);
/* An actor code linked to its page. */
void page_code_link(web_buf *b, const char *code);
/* The address of an article (and its sentence when sent >= 0), unescaped
** characters only: safe in an attribute. */
void page_article_href(web_buf *b, const char *doc_id, int sent);
void page_events_head(web_buf *b);
/* One row of the events table; ctx is the web_buf. */
int page_event_row(void *ctx, const dy_store_event *e);
/* ?by=day|week|month, else dflt. */
dy_store_period page_by(web_req *r, dy_store_period dflt);

/* Up to three values per period. */
typedef struct series {
  char **period;           /* period names, malloc'd */
  double *y[3];            /* the values */
  int n, cap;
} series;

int series_add(series *s, const char *period, double a, double b, double c);
void series_free(series *s);

void article_page(web_req *r);
void actor_page(web_req *r);
void dyad_page(web_req *r);

#endif
