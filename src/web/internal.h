/*
** internal.h: what the files of the web view share: a growable output
** buffer with the escapers (HTML, JSON, URL), the request being answered,
** and the handlers of the JSON API (api.c) and the pages (pages.c).
*/
#ifndef DYAD_WEB_INTERNAL_H
#define DYAD_WEB_INTERNAL_H

#include <stddef.h>
#include "dyad/store.h"
#include "dyad/web.h"

/* Bounds on the work one request may ask for. */
#define WEB_MAX_LIMIT 500      /* rows per page */
#define WEB_DEFAULT_LIMIT 50
#define WEB_MAX_OFFSET 100000  /* OFFSET is a scan: deep pages are refused */
#define WEB_MAX_ARG 200        /* bytes of any one parameter */
#define WEB_MAX_CODE 32        /* bytes of an actor or CAMEO code prefix */

/* A growable byte buffer. After an allocation failure it keeps what it had
** and sets oom; every later write does nothing. */
typedef struct web_buf {
  char *p;                 /* the bytes, NUL-terminated when not NULL */
  size_t n, cap;           /* used, allocated */
  int oom;                 /* an allocation failed */
} web_buf;

void web_putn(web_buf *b, const char *s, size_t n);
void web_put(web_buf *b, const char *s);
void web_printf(web_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* s (n bytes) with & < > " ' as character references: safe in element
** text and in quoted attribute values. */
void web_html(web_buf *b, const char *s, size_t n);
void web_htmls(web_buf *b, const char *s);
/* s as a JSON string with its quotes; control characters, '<', '>' and '&'
** as \u escapes, so the output is also inert inside HTML. */
void web_json(web_buf *b, const char *s);
/* s percent-encoded for a URL query value (unreserved bytes kept). */
void web_url(web_buf *b, const char *s);
/* A date YYYYMMDD as "YYYY-MM-DD" ("" when 0) into out[11]. */
const char *web_date(int32_t d, char out[11]);

/* The request being answered and its response. */
typedef struct web_req {
  dy_store *st;            /* the store (one connection, this request's alone) */
  const char *path;        /* URL path, without the query */
  dy_web_arg_fn arg;       /* query parameter by name, NULL when absent */
  void *arg_ctx;
  web_buf out;             /* the response body */
  int status;              /* HTTP status */
  const char *type;        /* Content-Type */
} web_req;

/* A parameter, NULL when absent or empty. */
const char *web_arg(web_req *r, const char *name);

/* The filters of the query string (actor, source, target, dyad=S:T, either,
** code, quad, from, to, all, limit, offset) into q, with bounds checked; on
** a bad value returns -1 with a message in msg. strings are copied into
** store (at least 4 * (WEB_MAX_CODE + 1) bytes) as q points into it. */
int web_filters(web_req *r, dy_store_query *q, char store[4][WEB_MAX_CODE + 1], char *msg,
                size_t size);

/* Parse "YYYY-MM-DD" or "YYYYMMDD"; 0 when malformed. */
int32_t web_parse_date(const char *s);

/* /api/... */
void web_api(web_req *r);
/* The pages, /static/... assets and 404 for anything else. */
void web_pages(web_req *r);

/* The stylesheet and the script (assets.c). */
extern const char web_css[];
extern const char web_js[];

/* SVG line chart of series (svg.c): n points, up to 3 lines named by
** labels with CSS classes cls, x labels per point. */
void web_svg_chart(web_buf *b, int n, const char *const *xlabels, int nlines,
                   const double *const *ys, const char *const *labels,
                   const char *const *cls, const char *title);

#endif
