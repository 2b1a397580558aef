/*
** web.h: the web view and JSON API over an event store (`dyad serve`),
** with libmicrohttpd. The pages, the stylesheet and the script are built
** into the binary; nothing is read from disk but the store.
**
** The server answers GET and HEAD only, on a pool of threads, each request
** with a store connection of its own (SQLite in WAL mode: readers never
** wait for `dyad load`). Work is bounded per request (rows per page, depth
** of paging, parameter length) and per client (connections, idle timeout,
** header memory).
*/
#ifndef DYAD_WEB_H
#define DYAD_WEB_H

#include "dyad/common.h"
#include "dyad/store.h"

typedef struct dy_web dy_web;

typedef struct dy_web_opts {
  const char *db;          /* the event store's file (required; must exist) */
  const char *bind;        /* IPv4 address to listen on, NULL: 127.0.0.1 */
  int port;                /* TCP port, 0: any free port (see dy_web_port) */
  int threads;             /* worker threads, 0: 2 */
  int max_conn;            /* connections at once, 0: 64 */
  int timeout;             /* seconds an idle connection is kept, 0: 10 */
} dy_web_opts;

/* Open the store (threads connections) and start listening. On failure
** returns DY_EIO (address, port) or the store's error, with err set, and
** *out is NULL. */
dy_status dy_web_start(const dy_web_opts *o, dy_web **out, dy_error *err);
/* The port listened on. */
int dy_web_port(const dy_web *w);
/* Stop listening, finish running requests, close the store. NULL does nothing. */
void dy_web_stop(dy_web *w);

/* ---- One request without the network (the server and the tests) ------ */

/* A query parameter by name (decoded), NULL when absent. */
typedef const char *(*dy_web_arg_fn)(void *ctx, const char *name);

typedef struct dy_web_response {
  int status;              /* HTTP status */
  const char *type;        /* Content-Type (static) */
  char *body;              /* malloc'd, NUL-terminated; free with free() */
  size_t len;
} dy_web_response;

/* Answer GET path (without its query) with parameters through arg, from st.
** Returns DY_ENOMEM when the body could not be built (out is then empty). */
dy_status dy_web_handle(dy_store *st, const char *path, dy_web_arg_fn arg, void *arg_ctx,
                        dy_web_response *out);

#endif
