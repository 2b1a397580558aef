/*
** server.c: `dyad serve`'s HTTP server, libmicrohttpd in its own threads.
** Each request borrows one of the pool's store connections (there are as
** many as worker threads, so none waits for long), answers through
** dy_web_handle and gives the connection back.
**
** What bounds a client's work: GET and HEAD only, no request body (413),
** headers and URL within MHD's per-connection memory (32 KiB; MHD answers
** 414 or 431 past it), at most max_conn connections (and as many per
** address), idle connections closed after timeout seconds, and per request
** the row and paging bounds of internal.h.
*/
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "internal.h"
#include "../util/util.h"

#define WEB_MAX_THREADS 16

struct dy_web {
  struct MHD_Daemon *d;    /* the server */
  pthread_mutex_t mu;      /* guards the pool */
  pthread_cond_t cv;       /* signalled when a store is given back */
  dy_store *store[WEB_MAX_THREADS];  /* one connection per worker */
  int busy[WEB_MAX_THREADS];
  int n;                   /* stores in the pool */
  int port;                /* the port listened on */
};

static dy_store *borrow(dy_web *w, int *slot) {
  pthread_mutex_lock(&w->mu);
  for (;;) {
    for (int i = 0; i < w->n; i++)
      if (!w->busy[i]) {
        w->busy[i] = 1;
        pthread_mutex_unlock(&w->mu);
        *slot = i;
        return w->store[i];
      }
    pthread_cond_wait(&w->cv, &w->mu);
  }
}

static void give_back(dy_web *w, int slot) {
  pthread_mutex_lock(&w->mu);
  w->busy[slot] = 0;
  pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
}

static const char *get_arg(void *ctx, const char *name) {
  return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result send_body(struct MHD_Connection *c, int status, const char *type,
                                 char *body, size_t len, int is_static) {
  struct MHD_Response *res = MHD_create_response_from_buffer(
      len, body, body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
  if (!res) { free(body); return MHD_NO; }
  MHD_add_response_header(res, "Content-Type", type);
  MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(res, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(res, "X-Frame-Options", "DENY");
  /* Scripts and styles only from this server: text that slipped through
  ** escaping still could not run. */
  MHD_add_response_header(res, "Content-Security-Policy",
                          "default-src 'none'; script-src 'self'; style-src 'self'; "
                          "img-src 'self'; connect-src 'self'; form-action 'self'; "
                          "base-uri 'none'; frame-ancestors 'none'");
  MHD_add_response_header(res, "Cache-Control", is_static ? "max-age=3600" : "no-store");
  enum MHD_Result rc = MHD_queue_response(c, (unsigned)status, res);
  MHD_destroy_response(res);
  return rc;
}

static enum MHD_Result send_text(struct MHD_Connection *c, int status, const char *msg) {
  char *body = strdup(msg);
  return send_body(c, status, "application/json; charset=utf-8", body, body ? strlen(body) : 0, 0);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **req_state) {
  static const int started = 1;  /* marks a request whose headers were seen */
  dy_web *w = cls;
  (void)version;
  (void)upload;
  if (!*req_state) {
    *req_state = (void *)&started;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
      return send_text(c, 405, "{\"error\":{\"status\":405,\"message\":\"GET or HEAD only\"}}\n");
    /* A body is refused before it is read; MHD closes the connection. */
    const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if ((len && strcmp(len, "0") != 0) ||
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding"))
      return send_text(c, 413, "{\"error\":{\"status\":413,\"message\":\"no request body\"}}\n");
    return MHD_YES;
  }
  if (*upload_size) return MHD_NO;  /* a body without a length header: close */
  int slot;
  dy_store *st = borrow(w, &slot);
  dy_web_response res;
  dy_status rc = dy_web_handle(st, url, get_arg, c, &res);
  give_back(w, slot);
  if (rc) return send_text(c, 503, "{\"error\":{\"status\":503,\"message\":\"out of memory\"}}\n");
  return send_body(c, res.status, res.type, res.body, res.len,
                   strncmp(url, "/static/", 8) == 0 && res.status == 200);
}

int dy_web_port(const dy_web *w) { return w->port; }

void dy_web_stop(dy_web *w) {
  if (!w) return;
  if (w->d) MHD_stop_daemon(w->d);
  for (int i = 0; i < w->n; i++) dy_store_close(w->store[i]);
  pthread_mutex_destroy(&w->mu);
  pthread_cond_destroy(&w->cv);
  free(w);
}

dy_status dy_web_start(const dy_web_opts *o, dy_web **out, dy_error *err) {
  *out = NULL;
  struct stat sb;
  if (!o->db || stat(o->db, &sb) != 0 || !S_ISREG(sb.st_mode))
    return dy_err(err, DY_EIO, o->db ? o->db : "", 0,
                  "no such event store (write one with dyad load or dyad code --db)");
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)o->port) };
  const char *bind = o->bind ? o->bind : "127.0.0.1";
  if (inet_pton(AF_INET, bind, &addr.sin_addr) != 1)
    return dy_err(err, DY_EMISUSE, NULL, 0, "--bind %s: not an IPv4 address", bind);
  if (o->port < 0 || o->port > 65535)
    return dy_err(err, DY_EMISUSE, NULL, 0, "--port %d: not a port", o->port);
  int threads = o->threads > 0 ? o->threads : 2;
  if (threads > WEB_MAX_THREADS) threads = WEB_MAX_THREADS;
  dy_web *w = calloc(1, sizeof *w);
  if (!w) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
  pthread_mutex_init(&w->mu, NULL);
  pthread_cond_init(&w->cv, NULL);
  for (; w->n < threads; w->n++) {
    dy_status rc = dy_store_open(o->db, &w->store[w->n], err);
    if (rc) { dy_web_stop(w); return rc; }
  }
  unsigned max_conn = (unsigned)(o->max_conn > 0 ? o->max_conn : 64);
  unsigned timeout = (unsigned)(o->timeout > 0 ? o->timeout : 10);
  w->d = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, (uint16_t)o->port, NULL, NULL, answer, w,
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
      MHD_OPTION_CONNECTION_LIMIT, max_conn,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, max_conn,
      MHD_OPTION_CONNECTION_TIMEOUT, timeout,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768,
      MHD_OPTION_END);
  if (!w->d) {
    dy_web_stop(w);
    return dy_err(err, DY_EIO, NULL, 0, "cannot listen on %s:%d (in use, or not an address "
                  "of this machine)", bind, o->port);
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_BIND_PORT);
  w->port = info ? info->port : o->port;
  *out = w;
  return DY_OK;
}
