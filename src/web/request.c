/*
** request.c: one request without the network (dy_web_handle), and the
** reading of its parameters. Every parameter is checked before it reaches
** the store: codes are letters and digits only, numbers in range, dates
** real dates, nothing longer than WEB_MAX_ARG bytes. The store binds them
** as SQL parameters in any case.
*/
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

const char *web_arg(web_req *r, const char *name) {
  const char *v = r->arg ? r->arg(r->arg_ctx, name) : NULL;
  return v && *v ? v : NULL;
}

int32_t web_parse_date(const char *s) {
  int y, m, d;
  char tail;
  size_t n = strlen(s);
  if (n == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && s[4] == '-' &&
      s[7] == '-') {
  } else if (n == 8 && strspn(s, "0123456789") == 8) {
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[4] - '0') * 10 + (s[5] - '0');
    d = (s[6] - '0') * 10 + (s[7] - '0');
  } else {
    return 0;
  }
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31) return 0;
  return y * 10000 + m * 100 + d;
}

/* A code prefix: letters and digits, at most WEB_MAX_CODE, upper-cased. */
static int code_arg(const char *v, char *out, const char *name, char *msg, size_t size) {
  size_t n = strlen(v);
  if (n > WEB_MAX_CODE) {
    snprintf(msg, size, "%s: at most %d characters", name, WEB_MAX_CODE);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    if (!isalnum((unsigned char)v[i]) || (unsigned char)v[i] >= 0x80) {
      snprintf(msg, size, "%s: letters and digits only (a code prefix such as BLR or 04)", name);
      return -1;
    }
    out[i] = (char)toupper((unsigned char)v[i]);
  }
  out[n] = 0;
  return 0;
}

static int num_arg(const char *v, long lo, long hi, long *out, const char *name, char *msg,
                   size_t size) {
  char *end;
  errno = 0;
  long x = strtol(v, &end, 10);
  if (errno || end == v || *end || x < lo || x > hi) {
    snprintf(msg, size, "%s: a whole number from %ld to %ld", name, lo, hi);
    return -1;
  }
  *out = x;
  return 0;
}

static int flag(const char *v) {
  return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0 ||
               strcmp(v, "yes") == 0);
}

int web_filters(web_req *r, dy_store_query *q, char store[4][WEB_MAX_CODE + 1], char *msg,
                size_t size) {
  memset(q, 0, sizeof *q);
  const char *v;
  static const char *const names[] = { "actor", "source", "target", "code" };
  const char **fields[] = { &q->actor, &q->source, &q->target, &q->code };
  for (int i = 0; i < 4; i++) {
    if (!(v = web_arg(r, names[i]))) continue;
    if (code_arg(v, store[i], names[i], msg, size)) return -1;
    *fields[i] = store[i];
  }
  if ((v = web_arg(r, "dyad"))) {  /* S:T */
    const char *colon = strchr(v, ':');
    char s[WEB_MAX_CODE + 2], t[WEB_MAX_CODE + 2];
    if (!colon || colon == v || !colon[1] || (size_t)(colon - v) > WEB_MAX_CODE) {
      snprintf(msg, size, "dyad: SOURCE:TARGET, for example BLR:CHN");
      return -1;
    }
    memcpy(s, v, (size_t)(colon - v));
    s[colon - v] = 0;
    snprintf(t, sizeof t, "%.*s", WEB_MAX_CODE + 1, colon + 1);
    if (code_arg(s, store[1], "dyad", msg, size) || code_arg(t, store[2], "dyad", msg, size))
      return -1;
    q->source = store[1];
    q->target = store[2];
  }
  q->either = flag(web_arg(r, "either"));
  q->all = flag(web_arg(r, "all"));
  q->one_a_day = flag(web_arg(r, "one_a_day"));
  long x;
  if ((v = web_arg(r, "quad"))) {
    if (num_arg(v, 1, 4, &x, "quad", msg, size)) return -1;
    q->quad = (int)x;
  }
  static const char *const dates[] = { "from", "to" };
  int32_t *dfield[] = { &q->from, &q->to };
  for (int i = 0; i < 2; i++) {
    if (!(v = web_arg(r, dates[i]))) continue;
    if (!(*dfield[i] = web_parse_date(v))) {
      snprintf(msg, size, "%s: a date YYYY-MM-DD", dates[i]);
      return -1;
    }
  }
  q->limit = WEB_DEFAULT_LIMIT;
  if ((v = web_arg(r, "limit")) && num_arg(v, 1, WEB_MAX_LIMIT, &q->limit, "limit", msg, size))
    return -1;
  if ((v = web_arg(r, "offset")) &&
      num_arg(v, 0, WEB_MAX_OFFSET, &q->offset, "offset", msg, size))
    return -1;
  return 0;
}

dy_status dy_web_handle(dy_store *st, const char *path, dy_web_arg_fn arg, void *arg_ctx,
                        dy_web_response *out) {
  web_req r = { .st = st, .path = path, .arg = arg, .arg_ctx = arg_ctx, .status = 200,
                .type = "text/html; charset=utf-8" };
  memset(out, 0, sizeof *out);
  if (strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0) web_api(&r);
  else web_pages(&r);
  if (r.out.oom || !r.out.p) {
    free(r.out.p);
    if (!r.out.oom && r.status == 204) {
      out->status = 204;
      out->type = r.type;
      return DY_OK;
    }
    return DY_ENOMEM;
  }
  out->status = r.status;
  out->type = r.type;
  out->body = r.out.p;
  out->len = r.out.n;
  return DY_OK;
}
