/*
** event.c: events one at a time. dy_store_event_parse reads one JSON Lines
** record as `dyad code` writes it (jansson does the JSON; this file checks
** the fields); dy_store_add_event stores one, under a key made from what
** identifies it, so that loading the same file twice, or loading the
** output of a run that also wrote the database, stores each event once.
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#define XXH_INLINE_ALL
#include <xxhash.h>
#include "internal.h"
#include "../util/util.h"

int64_t dy_store_event_key(const char *doc_id, const dy_store_event *ev) {
  XXH64_state_t x;
  XXH64_reset(&x, 0);
  const char *text[] = { doc_id, ev->source, ev->target, ev->code, ev->source_text,
                         ev->target_text, ev->verb_text };
  for (size_t i = 0; i < DY_ARRAY_LEN(text); i++)
    XXH64_update(&x, text[i] ? text[i] : "", text[i] ? strlen(text[i]) + 1 : 1);
  unsigned char num[8];
  uint32_t v[2] = { (uint32_t)ev->sent, (uint32_t)ev->date };
  for (int k = 0; k < 8; k++) num[k] = (unsigned char)(v[k / 4] >> (8 * (k % 4)));
  XXH64_update(&x, num, sizeof num);
  return (int64_t)XXH64_digest(&x);
}

/* ---- reading a record -------------------------------------------------- */

/* The string field name of o copied into a (into *out); absent or null
** gives "" unless required. */
static dy_status get_str(json_t *o, const char *name, int required, dy_arena *a,
                         const char **out, dy_error *err) {
  json_t *v = json_object_get(o, name);
  *out = "";
  if (!v || json_is_null(v)) {
    if (required) return dy_err(err, DY_EPARSE, NULL, 0, "missing field \"%s\"", name);
    return DY_OK;
  }
  if (!json_is_string(v))
    return dy_err(err, DY_EPARSE, NULL, 0, "field \"%s\" must be a string", name);
  char *c = dy_arena_strndup(a, json_string_value(v), json_string_length(v));
  if (!c) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
  *out = c;
  return DY_OK;
}

/* "YYYY-MM-DD" or "YYYYMMDD" (or the number YYYYMMDD) as YYYYMMDD; -1 if bad. */
static int32_t parse_date(json_t *v) {
  long y, m, d;
  if (json_is_integer(v)) {
    json_int_t n = json_integer_value(v);
    if (n < 10000101 || n > 99991231) return -1;
    y = (long)n / 10000, m = (long)n / 100 % 100, d = (long)n % 100;
  } else if (json_is_string(v)) {
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    char digits[9];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
      if (s[i] >= '0' && s[i] <= '9' && k < 8) digits[k++] = s[i];
      else if (!(s[i] == '-' && (i == 4 || i == 7) && n == 10)) return -1;
    }
    if (k != 8) return -1;
    digits[8] = 0;
    long all = strtol(digits, NULL, 10);
    y = all / 10000, m = all / 100 % 100, d = all % 100;
  } else {
    return -1;
  }
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return -1;
  return (int32_t)(y * 10000 + m * 100 + d);
}

/* A boolean given as true/false or 0/1; -1 if neither. */
static int get_bool(json_t *o, const char *name) {
  json_t *v = json_object_get(o, name);
  if (!v || json_is_null(v)) return 0;
  if (json_is_boolean(v)) return json_is_true(v);
  if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1))
    return (int)json_integer_value(v);
  return -1;
}

/* issues: a string, or an array of strings joined with ";". */
static dy_status get_issues(json_t *o, dy_arena *a, const char **out, dy_error *err) {
  json_t *v = json_object_get(o, "issues");
  if (!json_is_array(v)) return get_str(o, "issues", 0, a, out, err);
  size_t n = 0, i;
  json_t *x;
  json_array_foreach(v, i, x) {
    if (!json_is_string(x))
      return dy_err(err, DY_EPARSE, NULL, 0, "field \"issues\" must hold strings");
    n += json_string_length(x) + 1;
  }
  char *c = dy_arena_alloc(a, n + 1), *p = c;
  if (!c) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
  json_array_foreach(v, i, x) {
    if (p != c) *p++ = ';';
    memcpy(p, json_string_value(x), json_string_length(x));
    p += json_string_length(x);
  }
  *p = 0;
  *out = c;
  return DY_OK;
}

static dy_status read_fields(json_t *o, dy_arena *a, dy_store_event *ev, dy_error *err) {
  static const struct { const char *name; int required; size_t at; } str[] = {
    { "doc_id", 1, offsetof(dy_store_event, doc_id) },
    { "source", 1, offsetof(dy_store_event, source) },
    { "target", 1, offsetof(dy_store_event, target) },
    { "cameo", 1, offsetof(dy_store_event, code) },
    { "cameo_name", 0, offsetof(dy_store_event, cameo_name) },
    { "plover", 0, offsetof(dy_store_event, plover) },
    { "source_text", 0, offsetof(dy_store_event, source_text) },
    { "target_text", 0, offsetof(dy_store_event, target_text) },
    { "verb_text", 0, offsetof(dy_store_event, verb_text) },
    { "pattern", 0, offsetof(dy_store_event, why) },
  };
  dy_status rc;
  for (size_t i = 0; i < DY_ARRAY_LEN(str); i++)
    if ((rc = get_str(o, str[i].name, str[i].required, a,
                      (const char **)((char *)ev + str[i].at), err)))
      return rc;
  if (json_object_get(o, "why") && (rc = get_str(o, "why", 0, a, &ev->why, err))) return rc;
  if ((rc = get_issues(o, a, &ev->issues, err))) return rc;
  if (!ev->doc_id[0]) return dy_err(err, DY_EPARSE, NULL, 0, "empty doc_id");
  if (!ev->code[0]) return dy_err(err, DY_EPARSE, NULL, 0, "empty cameo code");
  const char *sid;
  if ((rc = get_str(o, "sent_id", 0, a, &sid, err))) return rc;
  const char *dash = strrchr(sid, '-');
  ev->sent = -1;
  if (dash && dash[1]) {
    char *end;
    long n = strtol(dash + 1, &end, 10);
    if (!*end && n >= 1 && n <= INT32_MAX) ev->sent = (int32_t)(n - 1);
  }
  json_t *v = json_object_get(o, "date");
  ev->date = 0;
  if (v && !json_is_null(v) && (ev->date = parse_date(v)) < 0)
    return dy_err(err, DY_EPARSE, NULL, 0, "field \"date\" must be YYYY-MM-DD or null");
  v = json_object_get(o, "goldstein");
  if (v && !json_is_null(v) && !json_is_number(v))
    return dy_err(err, DY_EPARSE, NULL, 0, "field \"goldstein\" must be a number");
  ev->goldstein = v ? json_number_value(v) : 0.0;
  v = json_object_get(o, "quad");
  if (v && !json_is_null(v) &&
      (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 4))
    return dy_err(err, DY_EPARSE, NULL, 0, "field \"quad\" must be 0 to 4");
  ev->quad = json_is_integer(v) ? (int)json_integer_value(v) : 0;
  if ((ev->negated = get_bool(o, "negated")) < 0)
    return dy_err(err, DY_EPARSE, NULL, 0, "field \"negated\" must be true or false");
  if ((ev->resolved = get_bool(o, "resolved")) < 0)
    return dy_err(err, DY_EPARSE, NULL, 0, "field \"resolved\" must be true or false");
  ev->counted = 1;
  return DY_OK;
}

dy_status dy_store_event_parse(const char *line, size_t len, dy_arena *a, dy_store_event *ev,
                               dy_error *err) {
  assert(a && ev && (line || !len));
  json_error_t je;
  json_t *o = json_loadb(line ? line : "", len, 0, &je);
  if (!o)
    return dy_err(err, DY_EPARSE, NULL, 0, "bad JSON at column %d: %s", je.column, je.text);
  dy_status rc = json_is_object(o) ? read_fields(o, a, ev, err)
                                   : dy_err(err, DY_EPARSE, NULL, 0, "not a JSON object");
  json_decref(o);
  return rc;
}

/* ---- storing one ------------------------------------------------------- */

dy_status dy_store_put_event(dy_store *st, int64_t row, const dy_store_event *ev, int counted,
                             int *added, dy_error *err) {
  sqlite3_stmt *s = dy_store_stmt(st, S_EVENT_INSERT, err);
  if (!s) return DY_EDB;
  sqlite3_bind_int64(s, 1, dy_store_event_key(ev->doc_id, ev));
  sqlite3_bind_int64(s, 2, row);
  sqlite3_bind_int(s, 3, ev->sent);
  sqlite3_bind_int(s, 4, ev->date);
  const char *text[] = { ev->source, ev->target, ev->code, ev->plover };
  for (int k = 0; k < 4; k++) sqlite3_bind_text(s, 5 + k, text[k] ? text[k] : "", -1, SQLITE_STATIC);
  sqlite3_bind_double(s, 9, ev->goldstein);
  sqlite3_bind_int(s, 10, ev->quad);
  const char *more[] = { ev->source_text, ev->target_text, ev->verb_text, ev->issues, ev->why };
  for (int k = 0; k < 5; k++) sqlite3_bind_text(s, 11 + k, more[k] ? more[k] : "", -1, SQLITE_STATIC);
  sqlite3_bind_int(s, 16, ev->negated != 0);
  sqlite3_bind_int(s, 17, ev->resolved != 0);
  sqlite3_bind_int(s, 18, counted);
  int r = sqlite3_step(s);
  sqlite3_reset(s);
  if (r != SQLITE_DONE) return dy_store_dberr(st, err, "storing an event");
  if (added) *added = sqlite3_changes(st->db) > 0;
  return DY_OK;
}

/* The row of the document named id (a stub is made when there is none)
** and whether it is a near duplicate. */
static dy_status doc_row(dy_store *st, const dy_store_event *ev, int64_t *row, int *dup,
                         dy_error *err) {
  if (st->last_doc && strcmp(st->last_doc, ev->doc_id) == 0) {
    *row = st->last_doc_row;
    *dup = st->last_doc_dup;
    return DY_OK;
  }
  sqlite3_stmt *s = dy_store_stmt(st, S_DOC_BY_NAME, err);
  if (!s) return DY_EDB;
  sqlite3_bind_text(s, 1, ev->doc_id, -1, SQLITE_STATIC);
  int rc = sqlite3_step(s);
  *row = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
  *dup = rc == SQLITE_ROW ? sqlite3_column_int(s, 2) : 0;
  sqlite3_reset(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return dy_store_dberr(st, err, "looking up a document");
  if (!*row) {
    if (!(s = dy_store_stmt(st, S_DOC_STUB, err))) return DY_EDB;
    sqlite3_bind_text(s, 1, ev->doc_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, ev->date);
    sqlite3_bind_text(s, 3, "", -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return dy_store_dberr(st, err, "storing a document stub");
    *row = sqlite3_last_insert_rowid(st->db);
  }
  char *copy = strdup(ev->doc_id);
  if (copy) {  /* without the cache the next event looks the row up again */
    free(st->last_doc);
    st->last_doc = copy;
    st->last_doc_row = *row;
    st->last_doc_dup = *dup;
  }
  return DY_OK;
}

dy_status dy_store_add_event(dy_store *st, const dy_store_event *ev, int *added, dy_error *err) {
  assert(st && ev && ev->doc_id);
  if (added) *added = 0;
  if (!st->in_tx) return dy_err(err, DY_EMISUSE, NULL, 0, "dy_store_add_event outside a transaction");
  int64_t row;
  int dup;
  dy_status rc = doc_row(st, ev, &row, &dup, err);
  if (rc) return rc;
  return dy_store_put_event(st, row, ev, !dup, added, err);
}
