/*
** sqlq.c: the statement builder behind every store query (query.c,
** web_queries.c): SQL text from fixed pieces, every value a bound
** parameter, code prefixes turned into GLOB patterns with the
** metacharacters bracketed, and one function to run the statement and hand
** each row to a callback.
*/
#include <string.h>
#include "internal.h"
#include "../util/util.h"

void dy_sqlq_put(dy_sqlq *b, const char *s) {
  size_t l = strlen(s);
  if (b->n + l >= sizeof b->sql) { b->over = 1; return; }
  memcpy(b->sql + b->n, s, l + 1);
  b->n += l;
}

void dy_sqlq_num(dy_sqlq *b, int64_t v) {
  if (b->nbind == DY_SQLQ_BINDS) { b->over = 1; return; }
  b->bind[b->nbind].text = NULL;
  b->bind[b->nbind++].num = v;
}

void dy_sqlq_text(dy_sqlq *b, const char *s) {
  if (b->nbind == DY_SQLQ_BINDS) { b->over = 1; return; }
  b->bind[b->nbind++].text = s;
}

const char *dy_sqlq_prefix(dy_sqlq *b, const char *prefix) {
  if (b->npat == (int)(sizeof b->pat / sizeof b->pat[0]) || strlen(prefix) > DY_SQLQ_PREFIX) {
    b->over = 1;
    return "";
  }
  char *p = b->pat[b->npat++], *o = p;
  for (const char *s = prefix; *s; s++) {
    if (*s == '*' || *s == '?' || *s == '[') { *o++ = '['; *o++ = *s; *o++ = ']'; }
    else *o++ = *s;
  }
  *o++ = '*';
  *o = 0;
  return p;
}

dy_status dy_sqlq_run(dy_store *st, const dy_sqlq *b, int (*row)(sqlite3_stmt *, void *),
                      void *ctx, dy_error *err) {
  if (b->over) return dy_err(err, DY_EMISUSE, NULL, 0, "query filters too long");
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(st->db, b->sql, (int)b->n, &s, NULL))
    return dy_store_dberr(st, err, "preparing a query");
  for (int i = 0; i < b->nbind; i++) {
    if (b->bind[i].text) sqlite3_bind_text(s, i + 1, b->bind[i].text, -1, SQLITE_STATIC);
    else sqlite3_bind_int64(s, i + 1, b->bind[i].num);
  }
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW)
    if (row(s, ctx)) { rc = SQLITE_DONE; break; }
  dy_status out = DY_OK;
  if (rc != SQLITE_DONE) out = dy_err(err, DY_EDB, NULL, 0, "query: %s", sqlite3_errmsg(st->db));
  sqlite3_finalize(s);
  return out;
}

const char *dy_sqlq_col(sqlite3_stmt *s, int i) {
  const char *t = (const char *)sqlite3_column_text(s, i);
  return t ? t : "";
}

const char *dy_sqlq_period(dy_store_period by) {
  /* YYYYMMDD as an ISO date; 'weekday 0' moves to the week's Sunday, six
  ** days back is its Monday (ISO 8601 weeks start on Monday). */
#define DAY "(CASE WHEN date > 0 THEN printf('%04d-%02d-%02d', date / 10000," \
            " date / 100 % 100, date % 100) ELSE '' END)"
  static const char *const period[] = {
    [DY_STORE_ALL] = "''",
    [DY_STORE_DAY] = DAY,
    [DY_STORE_WEEK] = "coalesce(date(" DAY ", 'weekday 0', '-6 days'), '')",
    [DY_STORE_MONTH] = "substr(" DAY ", 1, 7)",
  };
#undef DAY
  return (unsigned)by <= DY_STORE_MONTH ? period[by] : NULL;
}

void dy_sqlq_event(sqlite3_stmt *s, dy_store_event *ev) {
  const char *(*col)(sqlite3_stmt *, int) = dy_sqlq_col;
  *ev = (dy_store_event){
    .doc_id = col(s, 0), .sent = sqlite3_column_int(s, 1), .date = sqlite3_column_int(s, 2),
    .source = col(s, 3), .target = col(s, 4), .code = col(s, 5), .cameo_name = "",
    .plover = col(s, 6), .goldstein = sqlite3_column_double(s, 7),
    .quad = sqlite3_column_int(s, 8), .source_text = col(s, 9), .target_text = col(s, 10),
    .verb_text = col(s, 11), .issues = col(s, 12), .why = col(s, 13),
    .negated = sqlite3_column_int(s, 14), .resolved = sqlite3_column_int(s, 15),
    .counted = sqlite3_column_int(s, 16),
  };
}
