/*
** store.c: the event store's database: opening (schema creation and the
** version check), transactions, and dy_store_add, which stores a coded
** document with its sentences, events, quotes and unknown names.
**
** A document is identified by the XXH64 of its text (documents.hash): the
** same text twice is stored once. A near duplicate (a wire copy with a few
** words changed) is found through the LSH table, which maps each band of
** the MinHash signature to the documents that have it, so only documents
** sharing a band are compared. Every statement is prepared once and takes
** its values through sqlite3_bind_*: no text is ever pasted into SQL.
*/
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "../util/util.h"

#define APP_ID 0x64796164 /* "dyad" in PRAGMA application_id */

static const char schema_sql[] =
    "CREATE TABLE documents(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL,            -- the document's id (dy_doc.id)\n"
    "  hash INTEGER UNIQUE,           -- XXH64 of text; NULL for a stub made by dyad load\n"
    "  title TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',\n"
    "  url TEXT NOT NULL DEFAULT '', date INTEGER NOT NULL DEFAULT 0,  -- YYYYMMDD\n"
    "  text TEXT NOT NULL DEFAULT '', origin TEXT NOT NULL DEFAULT '',\n"
    "  dup_of INTEGER REFERENCES documents(id),  -- near duplicate of this one\n"
    "  minhash BLOB);                 -- 32 little-endian uint32\n"
    "CREATE INDEX documents_name ON documents(name);\n"
    "CREATE TABLE sentences(doc INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, stop INTEGER NOT NULL, text TEXT NOT NULL,\n"
    "  PRIMARY KEY(doc, idx)) WITHOUT ROWID;\n"
    "CREATE TABLE events(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  key INTEGER NOT NULL UNIQUE,   -- XXH64 of document, sentence, date, actors, code, words\n"
    "  doc INTEGER NOT NULL REFERENCES documents(id), sent INTEGER NOT NULL,\n"
    "  date INTEGER NOT NULL,         -- YYYYMMDD, 0 when unknown\n"
    "  source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL,\n"
    "  plover TEXT NOT NULL, goldstein REAL NOT NULL, quad INTEGER NOT NULL,\n"
    "  source_text TEXT NOT NULL, target_text TEXT NOT NULL, verb_text TEXT NOT NULL,\n"
    "  issues TEXT NOT NULL, why TEXT NOT NULL,\n"
    "  negated INTEGER NOT NULL, resolved INTEGER NOT NULL,\n"
    "  counted INTEGER NOT NULL);     -- 0: a near duplicate's event\n"
    "CREATE INDEX events_dyad ON events(source, target);\n"
    "CREATE INDEX events_target ON events(target);\n"
    "CREATE INDEX events_date ON events(date);\n"
    "CREATE INDEX events_code ON events(code);\n"
    "CREATE TABLE quotes(id INTEGER PRIMARY KEY, doc INTEGER NOT NULL,\n"
    "  sent_first INTEGER NOT NULL, sent_last INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, stop INTEGER NOT NULL, text TEXT NOT NULL,\n"
    "  speaker_text TEXT NOT NULL, speaker_code TEXT NOT NULL);\n"
    "CREATE INDEX quotes_speaker ON quotes(speaker_code);\n"
    "CREATE TABLE unknown(doc INTEGER NOT NULL, sent INTEGER NOT NULL, name TEXT NOT NULL);\n"
    "CREATE INDEX unknown_name ON unknown(name);\n"
    "CREATE TABLE lsh(key INTEGER NOT NULL, doc INTEGER NOT NULL,\n"
    "  PRIMARY KEY(key, doc)) WITHOUT ROWID;\n"
    "CREATE VIRTUAL TABLE doc_fts USING fts5(title, text, content='documents',\n"
    "  content_rowid='id');\n";

static const char *const stmt_sql[S_N] = {
  [S_DOC_BY_HASH] = "SELECT id FROM documents WHERE hash = ?1",
  [S_DOC_BY_NAME] = "SELECT id, hash IS NULL, dup_of IS NOT NULL FROM documents"
                    " WHERE name = ?1 ORDER BY id LIMIT 1",
  [S_DOC_INSERT] = "INSERT INTO documents(name, hash, title, source, url, date, text,"
                   " origin, dup_of, minhash) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
  [S_DOC_FILL] = "UPDATE documents SET hash=?2, title=?3, source=?4, url=?5, date=?6,"
                 " text=?7, origin=?8, dup_of=?9, minhash=?10 WHERE id = ?1",
  [S_DOC_STUB] = "INSERT INTO documents(name, date, origin) VALUES(?1, ?2, ?3)",
  [S_FTS_INSERT] = "INSERT INTO doc_fts(rowid, title, text) VALUES(?1, ?2, ?3)",
  [S_SENT_INSERT] = "INSERT OR IGNORE INTO sentences VALUES(?1, ?2, ?3, ?4, ?5)",
  [S_EVENT_INSERT] = "INSERT OR IGNORE INTO events(key, doc, sent, date, source, target,"
                     " code, plover, goldstein, quad, source_text, target_text, verb_text,"
                     " issues, why, negated, resolved, counted)"
                     " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)",
  [S_QUOTE_INSERT] = "INSERT INTO quotes(doc, sent_first, sent_last, start, stop, text,"
                     " speaker_text, speaker_code) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
  [S_UNKNOWN_INSERT] = "INSERT INTO unknown VALUES(?1, ?2, ?3)",
  [S_LSH_INSERT] = "INSERT OR IGNORE INTO lsh VALUES(?1, ?2)",
  [S_LSH_FIND] = "SELECT DISTINCT l.doc, d.minhash, d.dup_of FROM lsh l"
                 " JOIN documents d ON d.id = l.doc"
                 " WHERE l.key IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ORDER BY l.doc",
  [S_EVENTS_UNCOUNT] = "UPDATE events SET counted = 0 WHERE doc = ?1",
};

dy_status dy_store_dberr(dy_store *st, dy_error *err, const char *what) {
  return dy_err(err, DY_EDB, NULL, 0, "%s: %s", what, st && st->db ? sqlite3_errmsg(st->db)
                                                                    : "no database");
}

sqlite3_stmt *dy_store_stmt(dy_store *st, int id, dy_error *err) {
  assert(id >= 0 && id < S_N);
  sqlite3_stmt *s = st->stmt[id];
  if (!s) {
    if (sqlite3_prepare_v3(st->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s, NULL)) {
      dy_store_dberr(st, err, "preparing a statement");
      return NULL;
    }
    st->stmt[id] = s;
  }
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  return s;
}

/* One integer from a PRAGMA (or -1 with err set). */
static long pragma_int(dy_store *st, const char *sql, dy_error *err) {
  sqlite3_stmt *s;
  long v = -1;
  if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL)) {
    dy_store_dberr(st, err, "reading the database header");
    return -1;
  }
  if (sqlite3_step(s) == SQLITE_ROW) v = (long)sqlite3_column_int64(s, 0);
  else dy_store_dberr(st, err, "reading the database header");
  sqlite3_finalize(s);
  return v;
}

/* Create the schema in an empty database, or check the version of an
** existing one. */
static dy_status schema(dy_store *st, const char *path, dy_error *err) {
  long version = pragma_int(st, "PRAGMA user_version", err);
  if (version < 0) {
    if (sqlite3_errcode(st->db) == SQLITE_NOTADB)
      return dy_err(err, DY_EFORMAT, path, 0, "not a SQLite database");
    return DY_EDB;
  }
  if (version == 0) {
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
      return dy_store_dberr(st, err, path);
    long tables = pragma_int(st, "SELECT count(*) FROM sqlite_schema", err);
    version = pragma_int(st, "PRAGMA user_version", err);
    if (tables == 0) {
      char pragmas[128];
      snprintf(pragmas, sizeof pragmas, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
               DY_STORE_SCHEMA, APP_ID);
      if (sqlite3_exec(st->db, schema_sql, NULL, NULL, NULL) ||
          sqlite3_exec(st->db, pragmas, NULL, NULL, NULL) ||
          sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL)) {
        dy_store_dberr(st, err, "creating the schema");
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return DY_EDB;
      }
      return DY_OK;
    }
    sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    if (tables < 0 || version < 0) return DY_EDB;
  }
  long app = pragma_int(st, "PRAGMA application_id", err);
  if (app != APP_ID)
    return dy_err(err, DY_EFORMAT, path, 0, "not a dyad event store (an SQLite database of "
                  "something else)");
  if (version != DY_STORE_SCHEMA)
    return dy_err(err, DY_EFORMAT, path, 0,
                  "event store schema version %ld; this dyad reads version %d", version,
                  DY_STORE_SCHEMA);
  return DY_OK;
}

dy_status dy_store_open(const char *path, dy_store **out, dy_error *err) {
  assert(path && out);
  *out = NULL;
  dy_store *st = calloc(1, sizeof *st);
  if (!st) return dy_err(err, DY_ENOMEM, path, 0, "out of memory");
  if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)) {
    dy_err(err, DY_EDB, path, 0, "cannot open: %s",
           st->db ? sqlite3_errmsg(st->db) : "out of memory");
    dy_store_close(st);
    return DY_EDB;
  }
  sqlite3_busy_timeout(st->db, 10000);
  sqlite3_extended_result_codes(st->db, 0);
  dy_status rc = schema(st, path, err);
  /* WAL: readers never block the loader and a killed writer leaves the
  ** last committed state; NORMAL sync is safe in WAL mode (a power cut may
  ** lose the last commits, never consistency). */
  if (!rc && (sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) ||
              sqlite3_exec(st->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL)))
    rc = dy_store_dberr(st, err, path);
  if (rc) {
    if (err && !err->file[0]) snprintf(err->file, sizeof err->file, "%s", path);
    dy_store_close(st);
    return rc;
  }
  *out = st;
  return DY_OK;
}

void dy_store_close(dy_store *st) {
  if (!st) return;
  if (st->in_tx) dy_store_rollback(st);
  for (int i = 0; i < S_N; i++) sqlite3_finalize(st->stmt[i]);
  sqlite3_close(st->db);
  free(st->last_doc);
  free(st);
}

dy_status dy_store_begin(dy_store *st, dy_error *err) {
  assert(st);
  if (st->in_tx) return dy_err(err, DY_EMISUSE, NULL, 0, "a transaction is already open");
  if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
    return dy_store_dberr(st, err, "beginning a transaction");
  st->in_tx = 1;
  return DY_OK;
}

dy_status dy_store_commit(dy_store *st, dy_error *err) {
  assert(st);
  if (!st->in_tx) return dy_err(err, DY_EMISUSE, NULL, 0, "no transaction is open");
  if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL))
    return dy_store_dberr(st, err, "committing");
  st->in_tx = 0;
  return DY_OK;
}

dy_status dy_store_rollback(dy_store *st) {
  assert(st);
  free(st->last_doc);  /* the cached document may have been rolled back */
  st->last_doc = NULL;
  if (!st->in_tx) return DY_EMISUSE;
  st->in_tx = 0;
  return sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL) ? DY_EDB : DY_OK;
}

/* ---- dy_store_add ------------------------------------------------------ */

static int step_done(sqlite3_stmt *s) {
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  return rc == SQLITE_DONE;
}

static const char *nz(const char *s) { return s ? s : ""; }

/* The earliest stored document (an original, not a copy) whose signature
** is at least DY_STORE_NEARDUP similar to sig; 0 when none. */
static dy_status find_near(dy_store *st, const uint32_t sig[DY_STORE_MINHASH], int64_t *out,
                           dy_error *err) {
  int64_t keys[DY_STORE_BANDS];
  *out = 0;
  dy_store_bands(sig, keys);
  sqlite3_stmt *s = dy_store_stmt(st, S_LSH_FIND, err);
  if (!s) return DY_EDB;
  for (int b = 0; b < DY_STORE_BANDS; b++) sqlite3_bind_int64(s, b + 1, keys[b]);
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    const unsigned char *blob = sqlite3_column_blob(s, 1);
    if (sqlite3_column_bytes(s, 1) != 4 * DY_STORE_MINHASH) continue;
    uint32_t other[DY_STORE_MINHASH];
    for (int i = 0; i < DY_STORE_MINHASH; i++)
      other[i] = (uint32_t)blob[4 * i] | (uint32_t)blob[4 * i + 1] << 8 |
                 (uint32_t)blob[4 * i + 2] << 16 | (uint32_t)blob[4 * i + 3] << 24;
    if (dy_store_similarity(sig, other) >= DY_STORE_NEARDUP) {
      *out = sqlite3_column_type(s, 2) == SQLITE_NULL ? sqlite3_column_int64(s, 0)
                                                      : sqlite3_column_int64(s, 2);
      break;
    }
  }
  sqlite3_reset(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return dy_store_dberr(st, err, "finding near duplicates");
  return DY_OK;
}

/* Insert (or fill the stub of) the document row; *row gets its id. */
static dy_status put_document(dy_store *st, const dy_doc *d, const uint32_t sig[DY_STORE_MINHASH],
                              int64_t dup, int64_t *row, dy_error *err) {
  int64_t stub = 0;
  sqlite3_stmt *s = dy_store_stmt(st, S_DOC_BY_NAME, err);
  if (!s) return DY_EDB;
  sqlite3_bind_text(s, 1, nz(d->id), -1, SQLITE_STATIC);
  if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 1)) stub = sqlite3_column_int64(s, 0);
  sqlite3_reset(s);
  unsigned char blob[4 * DY_STORE_MINHASH];
  for (int i = 0; i < DY_STORE_MINHASH; i++)
    for (int k = 0; k < 4; k++) blob[4 * i + k] = (unsigned char)(sig[i] >> (8 * k));
  s = dy_store_stmt(st, stub ? S_DOC_FILL : S_DOC_INSERT, err);
  if (!s) return DY_EDB;
  if (stub) sqlite3_bind_int64(s, 1, stub);
  else sqlite3_bind_text(s, 1, nz(d->id), -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 2, (int64_t)d->hash);
  sqlite3_bind_text(s, 3, nz(d->title), -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 4, nz(d->source), -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 5, nz(d->url), -1, SQLITE_STATIC);
  sqlite3_bind_int(s, 6, d->date);
  sqlite3_bind_text(s, 7, d->text ? d->text : "", d->text ? (int)d->text_len : 0, SQLITE_STATIC);
  sqlite3_bind_text(s, 8, nz(d->origin), -1, SQLITE_STATIC);
  if (dup) sqlite3_bind_int64(s, 9, dup);
  sqlite3_bind_blob(s, 10, blob, sizeof blob, SQLITE_STATIC);
  if (!step_done(s)) return dy_store_dberr(st, err, "storing a document");
  *row = stub ? stub : sqlite3_last_insert_rowid(st->db);
  if (stub && dup) {  /* events loaded earlier for the stub are a copy's too */
    s = dy_store_stmt(st, S_EVENTS_UNCOUNT, err);
    if (!s) return DY_EDB;
    sqlite3_bind_int64(s, 1, stub);
    if (!step_done(s)) return dy_store_dberr(st, err, "marking a copy's events");
  }
  free(st->last_doc);  /* the event loader's cache may name this document */
  st->last_doc = NULL;
  s = dy_store_stmt(st, S_FTS_INSERT, err);
  if (!s) return DY_EDB;
  sqlite3_bind_int64(s, 1, *row);
  sqlite3_bind_text(s, 2, nz(d->title), -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 3, d->text ? d->text : "", d->text ? (int)d->text_len : 0, SQLITE_STATIC);
  if (!step_done(s)) return dy_store_dberr(st, err, "indexing a document's text");
  int words = 0;  /* a text without words has no shingles to share */
  for (int i = 0; i < DY_STORE_MINHASH; i++) words |= sig[i] != UINT32_MAX;
  int64_t keys[DY_STORE_BANDS];
  dy_store_bands(sig, keys);
  for (int b = 0; words && b < DY_STORE_BANDS; b++) {
    s = dy_store_stmt(st, S_LSH_INSERT, err);
    if (!s) return DY_EDB;
    sqlite3_bind_int64(s, 1, keys[b]);
    sqlite3_bind_int64(s, 2, *row);
    if (!step_done(s)) return dy_store_dberr(st, err, "indexing a document's signature");
  }
  return DY_OK;
}

static dy_status put_parts(dy_store *st, const dy_doc_result *r, int64_t row, int counted,
                           dy_error *err) {
  sqlite3_stmt *s;
  for (int i = 0; i < r->n_sent; i++) {
    const dy_doc_sentence *x = &r->sent[i];
    if (!(s = dy_store_stmt(st, S_SENT_INSERT, err))) return DY_EDB;
    sqlite3_bind_int64(s, 1, row);
    sqlite3_bind_int(s, 2, x->index);
    sqlite3_bind_int64(s, 3, (int64_t)x->start);
    sqlite3_bind_int64(s, 4, (int64_t)x->end);
    sqlite3_bind_text(s, 5, nz(x->text), -1, SQLITE_STATIC);
    if (!step_done(s)) return dy_store_dberr(st, err, "storing a sentence");
  }
  for (int i = 0; i < r->n_ev; i++) {
    const dy_doc_event *e = &r->ev[i];
    dy_store_event ev = {
      .doc_id = nz(r->doc->id), .sent = e->sent, .date = e->date, .source = nz(e->source),
      .target = nz(e->target), .code = nz(e->code), .cameo_name = "", .plover = nz(e->plover),
      .goldstein = e->goldstein, .quad = e->quad, .source_text = nz(e->source_text),
      .target_text = nz(e->target_text), .verb_text = nz(e->verb_text),
      .issues = nz(e->issues), .why = nz(e->why), .negated = e->negated,
      .resolved = e->resolved, .counted = counted,
    };
    dy_status rc = dy_store_put_event(st, row, &ev, counted, NULL, err);
    if (rc) return rc;
  }
  for (int i = 0; i < r->n_quotes; i++) {
    const dy_quote *q = &r->quotes[i];
    if (!(s = dy_store_stmt(st, S_QUOTE_INSERT, err))) return DY_EDB;
    sqlite3_bind_int64(s, 1, row);
    sqlite3_bind_int(s, 2, q->sent_first);
    sqlite3_bind_int(s, 3, q->sent_last);
    sqlite3_bind_int64(s, 4, (int64_t)q->start);
    sqlite3_bind_int64(s, 5, (int64_t)q->end);
    sqlite3_bind_text(s, 6, nz(q->text), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, nz(q->speaker_text), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, nz(q->speaker_code), -1, SQLITE_STATIC);
    if (!step_done(s)) return dy_store_dberr(st, err, "storing a quote");
  }
  for (int i = 0; i < r->n_unknown; i++) {
    if (!(s = dy_store_stmt(st, S_UNKNOWN_INSERT, err))) return DY_EDB;
    sqlite3_bind_int64(s, 1, row);
    sqlite3_bind_int(s, 2, r->unknown[i].sent);
    sqlite3_bind_text(s, 3, nz(r->unknown[i].name), -1, SQLITE_STATIC);
    if (!step_done(s)) return dy_store_dberr(st, err, "storing an unknown name");
  }
  return DY_OK;
}

dy_status dy_store_add(dy_store *st, const dy_doc_result *r, dy_store_outcome *outcome,
                       dy_error *err) {
  assert(st && r && r->doc);
  if (outcome) *outcome = DY_STORE_NEW;
  if (!st->in_tx) return dy_err(err, DY_EMISUSE, NULL, 0, "dy_store_add outside a transaction");
  const dy_doc *d = r->doc;
  sqlite3_stmt *s = dy_store_stmt(st, S_DOC_BY_HASH, err);
  if (!s) return DY_EDB;
  sqlite3_bind_int64(s, 1, (int64_t)d->hash);
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc == SQLITE_ROW) {
    if (outcome) *outcome = DY_STORE_SAME;
    return DY_OK;
  }
  if (rc != SQLITE_DONE) return dy_store_dberr(st, err, "looking up a document");
  uint32_t sig[DY_STORE_MINHASH];
  memcpy(sig, r->minhash, sizeof sig);
  int zero = 1;
  for (int i = 0; i < DY_STORE_MINHASH; i++) zero &= sig[i] == 0;
  if (zero) dy_store_minhash(d->text ? d->text : "", d->text ? d->text_len : 0, sig);
  int64_t dup = 0, row = 0;
  int words = 0;
  for (int i = 0; i < DY_STORE_MINHASH; i++) words |= sig[i] != UINT32_MAX;
  if (words && (rc = find_near(st, sig, &dup, err))) return (dy_status)rc;
  if ((rc = put_document(st, d, sig, dup, &row, err))) return (dy_status)rc;
  if ((rc = put_parts(st, r, row, dup == 0, err))) return (dy_status)rc;
  if (outcome) *outcome = dup ? DY_STORE_NEAR : DY_STORE_NEW;
  return DY_OK;
}
