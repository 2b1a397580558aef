/*
** test_store.c: the event store. Coded documents are built by hand,
** stored, and read back through the queries: idempotent ingest, near
** duplicates, each filter, aggregation by day, week and month, the
** one-a-day filter, full-text search, hostile strings (always bound, never
** pasted into SQL), the schema version check, and the JSON Lines reader.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>
#define XXH_INLINE_ALL
#include <xxhash.h>
#include "dyad/store.h"

typedef struct fixture {
  char path[64];           /* the database file */
  dy_store *st;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  if (!f) return -1;
  snprintf(f->path, sizeof f->path, "/tmp/dyad-test-store-%ld.db", (long)getpid());
  unlink(f->path);
  dy_error err;
  if (dy_store_open(f->path, &f->st, &err)) { free(f); return -1; }
  *state = f;
  return 0;
}

static void remove_db(const char *path) {
  char p[80];
  unlink(path);
  snprintf(p, sizeof p, "%s-wal", path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", path);
  unlink(p);
}

static int teardown(void **state) {
  fixture *f = *state;
  dy_store_close(f->st);
  remove_db(f->path);
  free(f);
  return 0;
}

static dy_doc make_doc(const char *id, const char *title, const char *text, int32_t date) {
  dy_doc d = { .id = id, .title = title, .source = "Test Wire", .url = "http://example.org/",
               .date = date, .text = text, .text_len = strlen(text), .origin = "test",
               .origin_line = 1, .hash = XXH64(text, strlen(text), 0) };
  return d;
}

static dy_doc_event make_event(int32_t date, const char *src, const char *tgt, const char *code,
                               double goldstein, int quad) {
  dy_doc_event e = { .sent = 0, .date = date, .source = src, .target = tgt, .code = code,
                     .plover = "", .goldstein = goldstein, .quad = quad, .source_text = src,
                     .target_text = tgt, .verb_text = "met", .issues = "", .why = "test:1" };
  return e;
}

/* Store a document with its events (each in sentence i) in one transaction. */
static dy_store_outcome add(dy_store *st, const dy_doc *d, dy_doc_event *ev, int n) {
  dy_doc_sentence sent = { .index = 0, .start = 0, .end = d->text_len, .text = d->text };
  dy_doc_result r = { .doc = d, .n_sent = 1, .sent = &sent, .n_ev = n, .ev = ev };
  for (int i = 0; i < n; i++) ev[i].sent = 0;
  dy_store_minhash(d->text, d->text_len, r.minhash);
  dy_store_outcome out;
  dy_error err;
  assert_int_equal(dy_store_begin(st, &err), DY_OK);
  assert_int_equal(dy_store_add(st, &r, &out, &err), DY_OK);
  assert_int_equal(dy_store_commit(st, &err), DY_OK);
  return out;
}

static long sql_count(const char *path, const char *sql) {
  sqlite3 *db;
  sqlite3_stmt *s;
  long n = -1;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
    if (sqlite3_step(s) == SQLITE_ROW) n = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return n;
}

static long count(dy_store *st, const dy_store_query *q) {
  long n = -1;
  dy_error err;
  assert_int_equal(dy_store_count(st, q, &n, &err), DY_OK);
  return n;
}

/* A text of n pseudo-random words from a small vocabulary. */
static char *words(int n, unsigned seed) {
  static const char *const vocab[] = {
    "minister", "visit", "talks", "border", "trade", "China", "Belarus", "said", "the",
    "agreement", "on", "with", "president", "security", "economic", "in", "of", "meeting",
    "cooperation", "forces", "army", "capital", "week", "official", "government", "a" };
  char *t = malloc((size_t)n * 16 + 1), *o = t;
  for (int i = 0; i < n; i++) {
    seed = seed * 1103515245u + 12345u;
    o += sprintf(o, i ? " %s" : "%s", vocab[(seed >> 16) % (sizeof vocab / sizeof vocab[0])]);
  }
  return t;
}

/* ---- ingest ------------------------------------------------------------ */

static void test_store_same_text_stored_once(void **state) {
  fixture *f = *state;
  dy_doc d = make_doc("a1", "Visit", "Lukashenko arrived in Beijing on Monday.", 20250603);
  dy_doc_event ev[1] = { make_event(20250603, "BLRGOV", "CHN", "042", 1.9, 1) };
  assert_int_equal(add(f->st, &d, ev, 1), DY_STORE_NEW);
  assert_int_equal(add(f->st, &d, ev, 1), DY_STORE_SAME);
  dy_doc again = make_doc("other-id", "Other title", d.text, 20250604);
  assert_int_equal(add(f->st, &again, ev, 1), DY_STORE_SAME);
  assert_int_equal(sql_count(f->path, "SELECT count(*) FROM documents"), 1);
  assert_int_equal(sql_count(f->path, "SELECT count(*) FROM events"), 1);
  assert_int_equal(sql_count(f->path, "SELECT count(*) FROM sentences"), 1);
}

static void test_store_near_duplicate_not_counted(void **state) {
  fixture *f = *state;
  char *text = words(400, 7), *copy = strdup(text), *other = words(400, 99);
  memcpy(strstr(copy + 100, " "), " XXXXX", 6);  /* two words changed */
  memcpy(strstr(copy + 1500, " "), " YYYYY", 6);
  uint32_t a[DY_STORE_MINHASH], b[DY_STORE_MINHASH], c[DY_STORE_MINHASH];
  dy_store_minhash(text, strlen(text), a);
  dy_store_minhash(copy, strlen(copy), b);
  dy_store_minhash(other, strlen(other), c);
  assert_true(dy_store_similarity(a, b) >= DY_STORE_NEARDUP);
  assert_true(dy_store_similarity(a, c) < 0.5);
  dy_doc d1 = make_doc("orig", "Talks", text, 20250601);
  dy_doc d2 = make_doc("copy", "Talks (update)", copy, 20250601);
  dy_doc d3 = make_doc("other", "Other", other, 20250601);
  dy_doc_event e1[1] = { make_event(20250601, "CHN", "BLR", "036", 4.0, 1) };
  dy_doc_event e2[1] = { make_event(20250601, "CHN", "BLR", "036", 4.0, 1) };
  dy_doc_event e3[1] = { make_event(20250601, "RUS", "UKR", "190", -10, 4) };
  assert_int_equal(add(f->st, &d1, e1, 1), DY_STORE_NEW);
  assert_int_equal(add(f->st, &d2, e2, 1), DY_STORE_NEAR);
  assert_int_equal(add(f->st, &d3, e3, 1), DY_STORE_NEW);
  dy_store_query q = { .actor = "CHN" };
  assert_int_equal(count(f->st, &q), 1);
  q.all = 1;
  assert_int_equal(count(f->st, &q), 2);
  assert_int_equal(sql_count(f->path, "SELECT count(*) FROM documents WHERE dup_of ="
                                      " (SELECT id FROM documents WHERE name = 'orig')"), 1);
  free(text);
  free(copy);
  free(other);
}

static void test_store_minhash_edges(void **state) {
  (void)state;
  uint32_t a[DY_STORE_MINHASH], b[DY_STORE_MINHASH];
  dy_store_minhash("", 0, a);
  for (int i = 0; i < DY_STORE_MINHASH; i++) assert_true(a[i] == UINT32_MAX);
  dy_store_minhash("Three short words", 17, a);
  dy_store_minhash("three SHORT words!", 18, b);  /* case and punctuation do not count */
  assert_true(dy_store_similarity(a, b) == 1.0);
}

static void test_store_rollback_and_misuse(void **state) {
  fixture *f = *state;
  dy_doc d = make_doc("r1", "", "Rolled back text.", 20250101);
  dy_doc_result r = { .doc = &d };
  dy_store_outcome out;
  dy_error err;
  assert_int_equal(dy_store_add(f->st, &r, &out, &err), DY_EMISUSE);
  assert_int_equal(dy_store_begin(f->st, &err), DY_OK);
  assert_int_equal(dy_store_begin(f->st, &err), DY_EMISUSE);
  assert_int_equal(dy_store_add(f->st, &r, &out, &err), DY_OK);
  assert_int_equal(dy_store_rollback(f->st), DY_OK);
  assert_int_equal(sql_count(f->path, "SELECT count(*) FROM documents"), 0);
}

/* ---- queries ----------------------------------------------------------- */

/* Five events over two weeks and two months. */
static void fill(dy_store *st) {
  dy_doc d1 = make_doc("d1", "Lukashenko in Beijing", "Lukashenko met Xi Jinping in Beijing.", 20250530);
  dy_doc d2 = make_doc("d2", "Minsk protest", "Police arrested protesters in Minsk.", 20250602);
  dy_doc_event e1[3] = {
    make_event(20250530, "BLRGOV", "CHNGOV", "040", 1.0, 1),
    make_event(20250530, "BLRGOV", "CHNGOV", "040", 1.0, 1),   /* same day: one-a-day drops it */
    make_event(20250531, "CHNGOV", "BLRGOV", "057", 8.0, 2),
  };
  e1[1].verb_text = "talked";
  dy_doc_event e2[2] = {
    make_event(20250602, "BLRCOP", "BLROPP", "173", -5.0, 4),
    make_event(20250609, "BLRGOV", "CHN", "042", 1.9, 1),
  };
  assert_int_equal(add(st, &d1, e1, 3), DY_STORE_NEW);
  assert_int_equal(add(st, &d2, e2, 2), DY_STORE_NEW);
}

static void test_store_query_filters(void **state) {
  fixture *f = *state;
  fill(f->st);
  dy_store_query q = { 0 };
  assert_int_equal(count(f->st, &q), 5);
  q = (dy_store_query){ .actor = "BLR" };
  assert_int_equal(count(f->st, &q), 5);
  q = (dy_store_query){ .actor = "BLRGOV" };
  assert_int_equal(count(f->st, &q), 4);
  q = (dy_store_query){ .actor = "CHN" };
  assert_int_equal(count(f->st, &q), 4);
  q = (dy_store_query){ .source = "BLR", .target = "CHN" };
  assert_int_equal(count(f->st, &q), 3);
  q.either = 1;
  assert_int_equal(count(f->st, &q), 4);
  q = (dy_store_query){ .code = "04" };
  assert_int_equal(count(f->st, &q), 3);
  q = (dy_store_query){ .code = "040" };
  assert_int_equal(count(f->st, &q), 2);
  q = (dy_store_query){ .quad = 4 };
  assert_int_equal(count(f->st, &q), 1);
  q = (dy_store_query){ .from = 20250531, .to = 20250602 };
  assert_int_equal(count(f->st, &q), 2);
  q = (dy_store_query){ .one_a_day = 1 };
  assert_int_equal(count(f->st, &q), 4);
  q = (dy_store_query){ .source = "BLRGOV", .code = "04", .one_a_day = 1 };
  assert_int_equal(count(f->st, &q), 2);
  q = (dy_store_query){ .actor = "*" };  /* a GLOB metacharacter is matched literally */
  assert_int_equal(count(f->st, &q), 0);
}

typedef struct collect {
  int n;
  char row[16][128];
} collect;

static int on_event(void *ctx, const dy_store_event *e) {
  collect *c = ctx;
  if (c->n < 16)
    snprintf(c->row[c->n++], 128, "%d %s %s %s %s %d", (int)e->date, e->source, e->target,
             e->code, e->doc_id, e->counted);
  return 0;
}

static int on_dyad(void *ctx, const dy_store_dyad *d) {
  collect *c = ctx;
  if (c->n < 16)
    snprintf(c->row[c->n++], 128, "%s %s %s %ld %.1f", d->period, d->source, d->target,
             d->events, d->goldstein);
  return 0;
}

static void test_store_query_events_order_and_paging(void **state) {
  fixture *f = *state;
  fill(f->st);
  collect c = { 0 };
  dy_store_query q = { .limit = 2, .offset = 1 };
  dy_error err;
  assert_int_equal(dy_store_events(f->st, &q, on_event, &c, &err), DY_OK);
  assert_int_equal(c.n, 2);
  assert_string_equal(c.row[0], "20250530 BLRGOV CHNGOV 040 d1 1");
  assert_string_equal(c.row[1], "20250531 CHNGOV BLRGOV 057 d1 1");
}

static void test_store_dyads_by_period(void **state) {
  fixture *f = *state;
  fill(f->st);
  dy_store_query q = { .actor = "BLRGOV" };
  dy_error err;
  collect c = { 0 };
  assert_int_equal(dy_store_dyads(f->st, &q, DY_STORE_DAY, on_dyad, &c, &err), DY_OK);
  assert_int_equal(c.n, 3);
  assert_string_equal(c.row[0], "2025-05-30 BLRGOV CHNGOV 2 2.0");
  assert_string_equal(c.row[1], "2025-05-31 CHNGOV BLRGOV 1 8.0");
  assert_string_equal(c.row[2], "2025-06-09 BLRGOV CHN 1 1.9");
  memset(&c, 0, sizeof c);
  /* 2025-05-30 is a Friday: its ISO week starts on Monday 2025-05-26. */
  assert_int_equal(dy_store_dyads(f->st, &q, DY_STORE_WEEK, on_dyad, &c, &err), DY_OK);
  assert_int_equal(c.n, 3);
  assert_string_equal(c.row[0], "2025-05-26 BLRGOV CHNGOV 2 2.0");
  assert_string_equal(c.row[1], "2025-05-26 CHNGOV BLRGOV 1 8.0");
  assert_string_equal(c.row[2], "2025-06-09 BLRGOV CHN 1 1.9");
  memset(&c, 0, sizeof c);
  q = (dy_store_query){ 0 };
  assert_int_equal(dy_store_dyads(f->st, &q, DY_STORE_MONTH, on_dyad, &c, &err), DY_OK);
  assert_int_equal(c.n, 4);
  assert_string_equal(c.row[0], "2025-05 BLRGOV CHNGOV 2 2.0");
  assert_string_equal(c.row[1], "2025-05 CHNGOV BLRGOV 1 8.0");
  assert_string_equal(c.row[2], "2025-06 BLRCOP BLROPP 1 -5.0");
  assert_string_equal(c.row[3], "2025-06 BLRGOV CHN 1 1.9");
  memset(&c, 0, sizeof c);
  q.one_a_day = 1;
  assert_int_equal(dy_store_dyads(f->st, &q, DY_STORE_ALL, on_dyad, &c, &err), DY_OK);
  assert_int_equal(c.n, 4);
  assert_string_equal(c.row[0], " BLRCOP BLROPP 1 -5.0");
  assert_string_equal(c.row[1], " BLRGOV CHN 1 1.9");
  assert_string_equal(c.row[2], " BLRGOV CHNGOV 1 1.0");
}

static int on_actor(void *ctx, const dy_store_actor *a) {
  collect *c = ctx;
  if (c->n < 16)
    snprintf(c->row[c->n++], 128, "%s %ld %ld %s", a->code, a->as_source, a->as_target,
             a->sample);
  return 0;
}

static int on_quote(void *ctx, const dy_store_quote *x) {
  collect *c = ctx;
  if (c->n < 16)
    snprintf(c->row[c->n++], 128, "%s|%s|%s|%d", x->speaker_code, x->speaker_text, x->text,
             (int)x->date);
  return 0;
}

static void test_store_actors_unknown_and_quotes(void **state) {
  fixture *f = *state;
  const char *text = "Alexey Maslov said: \"We are friends.\" Lukashenko agreed.";
  dy_doc d = make_doc("q1", "Quotes", text, 20250603);
  dy_doc_sentence sent[2] = { { 0, 0, 38, "Alexey Maslov said: \"We are friends.\"", NULL },
                              { 1, 39, strlen(text), "Lukashenko agreed.", NULL } };
  dy_doc_event ev[2] = { make_event(20250603, "BLRGOV", "CHN", "042", 1.9, 1),
                         make_event(20250603, "CHN", "BLRGOV", "040", 1.0, 1) };
  dy_quote quote = { 0, 0, 21, 36, "We are friends.", "Alexey Maslov", "" };
  dy_quote quote2 = { 1, 1, 0, 0, "Agreed.", "Lukashenko", "BLRGOV" };
  dy_quote quotes[2] = { quote, quote2 };
  dy_unknown_name unk[3] = { { "Alexey Maslov", 0 }, { "Maslov", 1 }, { "Alexey Maslov", 1 } };
  dy_doc_result r = { .doc = &d, .n_sent = 2, .sent = sent, .n_ev = 2, .ev = ev,
                      .n_quotes = 2, .quotes = quotes, .n_unknown = 3, .unknown = unk };
  dy_error err;
  dy_store_outcome out;
  assert_int_equal(dy_store_begin(f->st, &err), DY_OK);
  assert_int_equal(dy_store_add(f->st, &r, &out, &err), DY_OK);  /* minhash computed for us */
  assert_int_equal(dy_store_commit(f->st, &err), DY_OK);
  collect c = { 0 };
  dy_store_query q = { 0 };
  assert_int_equal(dy_store_actors(f->st, &q, on_actor, &c, &err), DY_OK);
  assert_int_equal(c.n, 2);
  assert_string_equal(c.row[0], "BLRGOV 1 1 ");
  memset(&c, 0, sizeof c);
  q.actor = "CH";
  assert_int_equal(dy_store_actors(f->st, &q, on_actor, &c, &err), DY_OK);
  assert_int_equal(c.n, 1);
  assert_string_equal(c.row[0], "CHN 1 1 ");
  memset(&c, 0, sizeof c);
  q = (dy_store_query){ 0 };
  assert_int_equal(dy_store_unknown(f->st, &q, on_actor, &c, &err), DY_OK);
  assert_int_equal(c.n, 2);
  assert_string_equal(c.row[0], "Alexey Maslov 2 2 Alexey Maslov said: \"We are friends.\"");
  assert_string_equal(c.row[1], "Maslov 1 1 Lukashenko agreed.");
  memset(&c, 0, sizeof c);
  assert_int_equal(dy_store_quotes(f->st, &q, on_quote, &c, &err), DY_OK);
  assert_int_equal(c.n, 2);
  assert_string_equal(c.row[0], "|Alexey Maslov|We are friends.|20250603");
  memset(&c, 0, sizeof c);
  q.actor = "BLR";
  assert_int_equal(dy_store_quotes(f->st, &q, on_quote, &c, &err), DY_OK);
  assert_int_equal(c.n, 1);
  assert_string_equal(c.row[0], "BLRGOV|Lukashenko|Agreed.|20250603");
}

static int on_hit(void *ctx, const dy_store_hit *h) {
  collect *c = ctx;
  if (c->n < 16) snprintf(c->row[c->n++], 128, "%s|%s|%s", h->doc_id, h->title, h->snippet);
  return 0;
}

static void test_store_search(void **state) {
  fixture *f = *state;
  fill(f->st);
  dy_error err;
  collect c = { 0 };
  assert_int_equal(dy_store_search(f->st, "beijing", 0, 10, on_hit, &c, &err), DY_OK);
  assert_int_equal(c.n, 1);
  assert_string_equal(c.row[0], "d1|Lukashenko in Beijing|Lukashenko met Xi Jinping in [Beijing].");
  memset(&c, 0, sizeof c);
  assert_int_equal(dy_store_search(f->st, "Minsk police", 0, 10, on_hit, &c, &err), DY_OK);
  assert_int_equal(c.n, 1);
  memset(&c, 0, sizeof c);
  assert_int_equal(dy_store_search(f->st, "Minsk Beijing", 0, 10, on_hit, &c, &err), DY_OK);
  assert_int_equal(c.n, 0);
  assert_int_equal(dy_store_search(f->st, "Minsk OR Beijing", 1, 10, on_hit, &c, &err), DY_OK);
  assert_int_equal(c.n, 2);
  assert_int_equal(dy_store_search(f->st, "\"unbalanced", 1, 10, on_hit, &c, &err), DY_EPARSE);
  assert_int_equal(dy_store_search(f->st, "it's \"quoted\" (x) AND", 0, 10, on_hit, &c, &err), DY_OK);
  assert_int_equal(dy_store_search(f->st, "  ", 0, 10, on_hit, &c, &err), DY_EPARSE);
}

static void test_store_hostile_strings_are_bound(void **state) {
  fixture *f = *state;
  const char *title = "O'Brien's \"war\"'; DROP TABLE documents; --";
  dy_doc d = make_doc("x'); DROP TABLE events; --", title, "Robert'); DROP TABLE events;-- spoke.", 20250101);
  dy_doc_event ev[1] = { make_event(20250101, "A'B", "\"; DELETE FROM events; --", "01'", 0, 1) };
  assert_int_equal(add(f->st, &d, ev, 1), DY_STORE_NEW);
  dy_store_query q = { .actor = "'; DROP TABLE events; --" };
  assert_int_equal(count(f->st, &q), 0);
  q.actor = "A'";
  assert_int_equal(count(f->st, &q), 1);
  collect c = { 0 };
  dy_error err;
  assert_int_equal(dy_store_search(f->st, "Robert'); DROP", 0, 10, on_hit, &c, &err), DY_OK);
  assert_int_equal(c.n, 1);
  assert_non_null(strstr(c.row[0], title));
  assert_int_equal(sql_count(f->path, "SELECT count(*) FROM documents"), 1);
  assert_int_equal(sql_count(f->path, "SELECT count(*) FROM events"), 1);
}

/* ---- schema ------------------------------------------------------------ */

static void test_store_schema_version_mismatch(void **state) {
  fixture *f = *state;
  dy_store_close(f->st);
  f->st = NULL;
  sqlite3 *db;
  assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  dy_error err;
  dy_store *st = (dy_store *)1;
  assert_int_equal(dy_store_open(f->path, &st, &err), DY_EFORMAT);
  assert_null(st);
  assert_non_null(strstr(err.message, "version 99"));
  assert_non_null(strstr(err.file, "dyad-test-store"));
  /* An SQLite database of something else. */
  remove_db(f->path);
  assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(dy_store_open(f->path, &st, &err), DY_EFORMAT);
  assert_non_null(strstr(err.message, "not a dyad event store"));
  /* Not a database at all. */
  remove_db(f->path);
  FILE *t = fopen(f->path, "w");
  fputs("This is a text file, not a database, long enough to have a header.............."
        "................................................................................",
        t);
  fclose(t);
  assert_int_not_equal(dy_store_open(f->path, &st, &err), DY_OK);
  assert_null(st);
  remove_db(f->path);
  assert_int_equal(dy_store_open(f->path, &f->st, &err), DY_OK);
}

/* ---- events one at a time (dyad load) ---------------------------------- */

static void test_store_event_parse(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_store_event ev;
  dy_error err;
  const char *ok = "{\"doc_id\":\"d9\",\"sent_id\":\"d9-3\",\"date\":\"2025-06-03\",\"source\":"
                   "\"BLRGOV\",\"target\":\"CHN\",\"cameo\":\"042\",\"goldstein\":1.9,\"quad\":1,"
                   "\"issues\":[\"TRADE\",\"VISA\"],\"pattern\":\"v.txt:3: VISIT\","
                   "\"negated\":true,\"extra\":{}}";
  assert_int_equal(dy_store_event_parse(ok, strlen(ok), a, &ev, &err), DY_OK);
  assert_string_equal(ev.doc_id, "d9");
  assert_int_equal(ev.sent, 2);
  assert_int_equal(ev.date, 20250603);
  assert_string_equal(ev.code, "042");
  assert_string_equal(ev.issues, "TRADE;VISA");
  assert_string_equal(ev.why, "v.txt:3: VISIT");
  assert_string_equal(ev.verb_text, "");
  assert_int_equal(ev.negated, 1);
  static const struct { const char *line, *msg; } bad[] = {
    { "{\"doc_id\":\"d\",", "bad JSON" },
    { "[1]", "not a JSON object" },
    { "{\"doc_id\":\"d\",\"source\":\"A\",\"target\":\"B\"}", "missing field \"cameo\"" },
    { "{\"doc_id\":\"d\",\"source\":\"A\",\"target\":\"B\",\"cameo\":42}", "\"cameo\" must be a string" },
    { "{\"doc_id\":\"d\",\"source\":\"A\",\"target\":\"B\",\"cameo\":\"1\",\"date\":\"2025-13-01\"}", "date" },
    { "{\"doc_id\":\"d\",\"source\":\"A\",\"target\":\"B\",\"cameo\":\"1\",\"quad\":7}", "quad" },
    { "{\"doc_id\":\"\",\"source\":\"A\",\"target\":\"B\",\"cameo\":\"1\"}", "empty doc_id" },
    { "", "bad JSON" },
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    assert_int_equal(dy_store_event_parse(bad[i].line, strlen(bad[i].line), a, &ev, &err), DY_EPARSE);
    assert_non_null(strstr(err.message, bad[i].msg));
  }
  dy_arena_free(a);
}

static void test_store_add_event_idempotent_and_stub(void **state) {
  fixture *f = *state;
  dy_arena *a = dy_arena_new(0);
  dy_store_event ev;
  dy_error err;
  const char *line = "{\"doc_id\":\"s1\",\"sent_id\":\"s1-1\",\"date\":\"2025-06-03\",\"source\":"
                     "\"BLRGOV\",\"target\":\"CHN\",\"cameo\":\"042\",\"verb_text\":\"visited\"}";
  assert_int_equal(dy_store_event_parse(line, strlen(line), a, &ev, &err), DY_OK);
  int added;
  assert_int_equal(dy_store_add_event(f->st, &ev, &added, &err), DY_EMISUSE);
  assert_int_equal(dy_store_begin(f->st, &err), DY_OK);
  assert_int_equal(dy_store_add_event(f->st, &ev, &added, &err), DY_OK);
  assert_int_equal(added, 1);
  assert_int_equal(dy_store_add_event(f->st, &ev, &added, &err), DY_OK);
  assert_int_equal(added, 0);
  assert_int_equal(dy_store_commit(f->st, &err), DY_OK);
  assert_int_equal(sql_count(f->path, "SELECT count(*) FROM documents WHERE hash IS NULL"), 1);
  /* The pipeline stores the article later: the stub is filled, the event
  ** (same document, sentence, actors, code, words) is not doubled. */
  dy_doc d = make_doc("s1", "Visit", "Lukashenko visited China.", 20250603);
  dy_doc_event e[1] = { make_event(20250603, "BLRGOV", "CHN", "042", 1.9, 1) };
  e[0].source_text = "";
  e[0].target_text = "";
  e[0].verb_text = "visited";
  assert_int_equal(add(f->st, &d, e, 1), DY_STORE_NEW);
  assert_int_equal(sql_count(f->path, "SELECT count(*) FROM documents"), 1);
  assert_int_equal(sql_count(f->path, "SELECT count(*) FROM events"), 1);
  collect c = { 0 };
  assert_int_equal(dy_store_search(f->st, "visited", 0, 10, on_hit, &c, &err), DY_OK);
  assert_int_equal(c.n, 1);
  dy_arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    T(test_store_same_text_stored_once),
    T(test_store_near_duplicate_not_counted),
    cmocka_unit_test(test_store_minhash_edges),
    T(test_store_rollback_and_misuse),
    T(test_store_query_filters),
    T(test_store_query_events_order_and_paging),
    T(test_store_dyads_by_period),
    T(test_store_actors_unknown_and_quotes),
    T(test_store_search),
    T(test_store_hostile_strings_are_bound),
    T(test_store_schema_version_mismatch),
    cmocka_unit_test(test_store_event_parse),
    T(test_store_add_event_idempotent_and_stub),
  };
  cmocka_set_message_output(CM_OUTPUT_TAP);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
