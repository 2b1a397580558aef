/*
** cmd_query.c: dyad query (events, dyads, quotes, actors) and dyad search
** over an event store. The filters map one to one onto dy_store_query; the
** rows are printed as an aligned table, CSV (RFC 4180, header first) or
** JSON Lines.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dyad/store.h"
#include "cli.h"

static const char query_help[] =
    "NAME\n"
    "  dyad query - events, dyads, quotes and actors from an event store\n"
    "\n"
    "SYNOPSIS\n"
    "  dyad query events --db FILE [filters] [--one-a-day] [--count] [--format F]\n"
    "  dyad query dyads  --db FILE [filters] [--by day|week|month] [--one-a-day] [--format F]\n"
    "  dyad query quotes --db FILE [--actor P] [--from D] [--to D] [--format F]\n"
    "  dyad query actors --db FILE [filters] [--unknown] [--format F]\n"
    "\n"
    "DESCRIPTION\n"
    "  Reads a database written by 'dyad load' (or 'dyad code --db'). Only events\n"
    "  that count are used: the events of a near-duplicate article (a wire copy)\n"
    "  are stored but left out unless --all is given.\n"
    "\n"
    "  events   one row per event, by date.\n"
    "  dyads    events and the sum of their Goldstein scores per source-target\n"
    "           pair, or per pair and period with --by; by period, then most\n"
    "           events first.\n"
    "  quotes   direct quotations with their speaker, by article date.\n"
    "  actors   actor codes with their events as source and as target, most\n"
    "           frequent first; with --unknown the names the dictionaries did not\n"
    "           know, most frequent first, each with a sentence it was seen in.\n"
    "\n"
    "FILTERS\n"
    "  Codes are matched as prefixes: BLR matches BLR, BLRGOV and BLRGOVFRM.\n"
    "  --actor P          source or target starts with P (quotes: the speaker's code;\n"
    "                     actors: the listed code)\n"
    "  --source P         source starts with P\n"
    "  --target P         target starts with P\n"
    "  --dyad S:T         the same as --source S --target T\n"
    "  --either           the dyad in either direction (S to T or T to S)\n"
    "  --code P           CAMEO code starts with P (04: all consultations)\n"
    "  --quad N           quad class: 1 verbal cooperation, 2 material cooperation,\n"
    "                     3 verbal conflict, 4 material conflict\n"
    "  --from D, --to D   event dates from and to D inclusive (YYYY-MM-DD or YYYYMMDD)\n"
    "  --one-a-day        the Phoenix filter: only the first event of each source,\n"
    "                     target, code and day (applied at query time)\n"
    "  --all              also the events (quotes) of near-duplicate articles\n"
    "  --limit N          at most N rows;  --offset N  skip the first N rows\n"
    "\n"
    "OPTIONS\n"
    "  --db FILE          the event store (required)\n"
    "  --format F         table (default, aligned columns), csv (with a header row)\n"
    "                     or jsonl (one JSON object per row)\n"
    "  --by P             dyads per day, week (ISO, named by its Monday) or month\n"
    "  --count            events: print only the number of matching events\n"
    "  --unknown          actors: the unknown names instead of the codes\n"
    "\n"
    "OUTPUT COLUMNS\n"
    "  events   doc_id sent date source target code plover goldstein quad\n"
    "           source_text target_text verb_text issues negated resolved counted why\n"
    "           (sent is 0-based; the table shows date, source, target, code, quad,\n"
    "           goldstein, doc_id and verb_text)\n"
    "  dyads    period source target events goldstein\n"
    "  quotes   doc_id date sent_first sent_last speaker_code speaker_text text\n"
    "  actors   code as_source as_target;  with --unknown: name count sample\n"
    "\n"
    "EXIT STATUS\n"
    "  0 on success (also when nothing matches); 2 on a usage error or when the\n"
    "  database cannot be opened or read (another schema version, not a store).\n"
    "\n"
    "EXAMPLES\n"
    "  dyad query events --db news.db --dyad BLR:CHN --either --code 04\n"
    "  dyad query dyads --db news.db --actor BLR --by month --format csv\n"
    "  dyad query events --db news.db --from 2025-06-01 --to 2025-06-30 --one-a-day --count\n"
    "  dyad query actors --db news.db --unknown --limit 20\n"
    "  dyad query quotes --db news.db --actor BLRGOV --format jsonl\n";

static const char search_help[] =
    "NAME\n"
    "  dyad search - full-text search of the articles in an event store\n"
    "\n"
    "SYNOPSIS\n"
    "  dyad search TEXT --db FILE [--raw] [--limit N] [--format table|csv|jsonl]\n"
    "\n"
    "DESCRIPTION\n"
    "  Finds the articles whose title or text contain every word of TEXT (SQLite\n"
    "  FTS5, case-insensitive, best match first) and prints doc id, date, title\n"
    "  and a snippet with the matched words in [brackets]. With --raw, TEXT is an\n"
    "  FTS5 query: \"exact phrase\", OR, NOT, NEAR(a b, 5), prefix*.\n"
    "\n"
    "OPTIONS\n"
    "  --db FILE          the event store (required)\n"
    "  --raw              TEXT is FTS5 query syntax\n"
    "  --limit N          at most N articles (default 20; 0 for all)\n"
    "  --format F         table (default), csv or jsonl\n"
    "\n"
    "OUTPUT COLUMNS\n"
    "  doc_id date title snippet\n"
    "\n"
    "EXIT STATUS\n"
    "  0 when articles were found, 1 when none matched, 2 on an error (including\n"
    "  a malformed --raw query).\n"
    "\n"
    "EXAMPLES\n"
    "  dyad search Lukashenko Beijing --db news.db\n"
    "  dyad search --raw 'belarus NEAR(china visit, 10)' --db news.db --format jsonl\n";

/* ---- output: table, CSV, JSON Lines --------------------------------------- */

typedef enum { FMT_TABLE, FMT_CSV, FMT_JSONL } fmt_kind;

/* One output column: its name, kind ('s' string, 'n' number, 'b' boolean)
** and width in the table (0: not shown, -1: last, unpadded). */
typedef struct { const char *name; char kind; int width; } column;

typedef struct output {
  fmt_kind fmt;
  const column *cols;
  int ncols;
  long rows;
} output;

static void json_str(const char *s) {
  putchar('"');
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') printf("\\%c", c);
    else if (c == '\n') fputs("\\n", stdout);
    else if (c == '\t') fputs("\\t", stdout);
    else if (c == '\r') fputs("\\r", stdout);
    else if (c < 0x20) printf("\\u%04x", c);
    else putchar(c);
  }
  putchar('"');
}

static void csv_str(const char *s) {
  if (!strpbrk(s, ",\"\n\r")) { fputs(s, stdout); return; }
  putchar('"');
  for (; *s; s++) {
    if (*s == '"') putchar('"');
    putchar(*s);
  }
  putchar('"');
}

static void header(const output *o) {
  if (o->fmt == FMT_JSONL) return;
  for (int i = 0, first = 1; i < o->ncols; i++) {
    if (o->fmt == FMT_TABLE && !o->cols[i].width) continue;
    if (!first) putchar(o->fmt == FMT_CSV ? ',' : ' ');
    first = 0;
    if (o->fmt == FMT_CSV) fputs(o->cols[i].name, stdout);
    else printf("%-*s", o->cols[i].width > 0 ? o->cols[i].width : 0, o->cols[i].name);
  }
  putchar('\n');
}

/* Print one row: v[i] is the text of column i. */
static void row(output *o, const char *const *v) {
  o->rows++;
  if (o->fmt == FMT_JSONL) {
    putchar('{');
    for (int i = 0; i < o->ncols; i++) {
      printf(i ? ",\"%s\":" : "\"%s\":", o->cols[i].name);
      if (o->cols[i].kind == 's') json_str(v[i]);
      else if (o->cols[i].kind == 'b') fputs(strcmp(v[i], "0") ? "true" : "false", stdout);
      else fputs(v[i][0] ? v[i] : "null", stdout);
    }
    puts("}");
    return;
  }
  for (int i = 0, first = 1; i < o->ncols; i++) {
    if (o->fmt == FMT_TABLE && !o->cols[i].width) continue;
    if (!first) putchar(o->fmt == FMT_CSV ? ',' : ' ');
    first = 0;
    if (o->fmt == FMT_CSV) csv_str(v[i]);
    else if (o->cols[i].width > 0) printf("%-*s", o->cols[i].width, v[i]);
    else fputs(v[i], stdout);
  }
  putchar('\n');
}

static void fmt_date(char *buf, size_t n, int32_t d) {
  if (d > 0) snprintf(buf, n, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
  else buf[0] = 0;
}

/* ---- rows of each query --------------------------------------------------- */

static const column event_cols[] = {
  { "doc_id", 's', 0 }, { "sent", 'n', 0 }, { "date", 's', 0 }, { "source", 's', 0 },
  { "target", 's', 0 }, { "code", 's', 0 }, { "plover", 's', 0 }, { "goldstein", 'n', 0 },
  { "quad", 'n', 0 }, { "source_text", 's', 0 }, { "target_text", 's', 0 },
  { "verb_text", 's', 0 }, { "issues", 's', 0 }, { "negated", 'b', 0 },
  { "resolved", 'b', 0 }, { "counted", 'b', 0 }, { "why", 's', 0 },
};
static const column event_table[] = {
  { "date", 's', 10 }, { "source", 's', 12 }, { "target", 's', 12 }, { "code", 's', 5 },
  { "quad", 'n', 4 }, { "goldstein", 'n', 9 }, { "doc_id", 's', 24 }, { "verb_text", 's', -1 },
};

static int on_event(void *ctx, const dy_store_event *e) {
  output *o = ctx;
  char sent[16], date[16], gold[32], quad[8];
  snprintf(sent, sizeof sent, "%d", (int)e->sent);
  fmt_date(date, sizeof date, e->date);
  snprintf(gold, sizeof gold, "%.1f", e->goldstein);
  snprintf(quad, sizeof quad, "%d", e->quad);
  if (o->fmt == FMT_TABLE) {
    const char *v[] = { date, e->source, e->target, e->code, quad, gold, e->doc_id, e->verb_text };
    row(o, v);
  } else {
    const char *v[] = { e->doc_id, sent, date, e->source, e->target, e->code, e->plover, gold,
                        quad, e->source_text, e->target_text, e->verb_text, e->issues,
                        e->negated ? "1" : "0", e->resolved ? "1" : "0",
                        e->counted ? "1" : "0", e->why };
    row(o, v);
  }
  return 0;
}

static const column dyad_cols[] = { { "period", 's', 10 }, { "source", 's', 12 },
                                    { "target", 's', 12 }, { "events", 'n', 7 },
                                    { "goldstein", 'n', -1 } };

static int on_dyad(void *ctx, const dy_store_dyad *d) {
  char n[32], g[32];
  snprintf(n, sizeof n, "%ld", d->events);
  snprintf(g, sizeof g, "%.1f", d->goldstein);
  const char *v[] = { d->period, d->source, d->target, n, g };
  row(ctx, v);
  return 0;
}

static const column actor_cols[] = { { "code", 's', 16 }, { "as_source", 'n', 9 },
                                     { "as_target", 'n', -1 } };
static const column unknown_cols[] = { { "name", 's', 28 }, { "count", 'n', 6 },
                                       { "sample", 's', -1 } };

static int on_actor(void *ctx, const dy_store_actor *a) {
  char s[32], t[32];
  snprintf(s, sizeof s, "%ld", a->as_source);
  snprintf(t, sizeof t, "%ld", a->as_target);
  const char *v[] = { a->code, s, t };
  row(ctx, v);
  return 0;
}

static int on_unknown(void *ctx, const dy_store_actor *a) {
  char n[32];
  snprintf(n, sizeof n, "%ld", a->as_source);
  const char *v[] = { a->code, n, a->sample };
  row(ctx, v);
  return 0;
}

static const column quote_cols[] = {
  { "doc_id", 's', 24 }, { "date", 's', 10 }, { "sent_first", 'n', 0 }, { "sent_last", 'n', 0 },
  { "speaker_code", 's', 12 }, { "speaker_text", 's', 24 }, { "text", 's', -1 },
};

static int on_quote(void *ctx, const dy_store_quote *q) {
  char date[16], a[16], b[16];
  fmt_date(date, sizeof date, q->date);
  snprintf(a, sizeof a, "%d", (int)q->sent_first);
  snprintf(b, sizeof b, "%d", (int)q->sent_last);
  const char *v[] = { q->doc_id, date, a, b, q->speaker_code, q->speaker_text, q->text };
  row(ctx, v);
  return 0;
}

static const column hit_cols[] = { { "doc_id", 's', 24 }, { "date", 's', 10 },
                                   { "title", 's', 40 }, { "snippet", 's', -1 } };

static int on_hit(void *ctx, const dy_store_hit *h) {
  char date[16];
  fmt_date(date, sizeof date, h->date);
  const char *v[] = { h->doc_id, date, h->title, h->snippet };
  row(ctx, v);
  return 0;
}

/* ---- options ---------------------------------------------------------------- */

/* YYYY-MM-DD or YYYYMMDD as YYYYMMDD; -1 when malformed. */
static int32_t parse_date(const char *s) {
  char d[9];
  size_t k = 0, n = strlen(s);
  for (size_t i = 0; i < n; i++) {
    if (s[i] >= '0' && s[i] <= '9' && k < 8) d[k++] = s[i];
    else if (!(s[i] == '-' && n == 10 && (i == 4 || i == 7))) return -1;
  }
  if (k != 8) return -1;
  d[8] = 0;
  long v = strtol(d, NULL, 10);
  if (v / 100 % 100 < 1 || v / 100 % 100 > 12 || v % 100 < 1 || v % 100 > 31) return -1;
  return (int32_t)v;
}

static int parse_long(const char *s, long lo, long hi, long *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v < lo || v > hi) return -1;
  *out = v;
  return 0;
}

static int parse_format(const char *s, fmt_kind *f) {
  if (strcmp(s, "table") == 0) *f = FMT_TABLE;
  else if (strcmp(s, "csv") == 0) *f = FMT_CSV;
  else if (strcmp(s, "jsonl") == 0) *f = FMT_JSONL;
  else return -1;
  return 0;
}

static dy_store *open_store(const char *db) {
  dy_store *st;
  dy_error err;
  char msg[1200];
  if (!db) { cli_error("--db FILE is required"); return NULL; }
  if (access(db, F_OK) != 0) {  /* a query never creates a database */
    cli_error("%s: no such event store (write one with dyad load)", db);
    return NULL;
  }
  if (dy_store_open(db, &st, &err)) {
    cli_error("%s", dy_error_format(&err, msg, sizeof msg));
    return NULL;
  }
  return st;
}

static int fail(dy_store *st, const dy_error *err) {
  char msg[1200];
  cli_error("%s", dy_error_format(err, msg, sizeof msg));
  dy_store_close(st);
  return 2;
}

int cmd_query(int argc, char **argv) {
  if (argc < 2 || cli_is_help(argv[1])) {
    fputs(query_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const char *what = argv[1], *db = NULL, *by = NULL;
  dy_store_query q = { 0 };
  output o = { FMT_TABLE, NULL, 0, 0 };
  int count = 0, unknown = 0;
  char dyad[2 * 128];
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    long n;
    if (cli_is_help(a)) { fputs(query_help, stdout); return 0; }
    else if (!strcmp(a, "--one-a-day")) { q.one_a_day = 1; continue; }
    else if (!strcmp(a, "--either")) { q.either = 1; continue; }
    else if (!strcmp(a, "--all")) { q.all = 1; continue; }
    else if (!strcmp(a, "--count")) { count = 1; continue; }
    else if (!strcmp(a, "--unknown")) { unknown = 1; continue; }
    else if (!v) { cli_error("query: unknown option or missing value: %s", a); return 2; }
    else if (!strcmp(a, "--db")) db = v;
    else if (!strcmp(a, "--actor")) q.actor = v;
    else if (!strcmp(a, "--source")) q.source = v;
    else if (!strcmp(a, "--target")) q.target = v;
    else if (!strcmp(a, "--code")) q.code = v;
    else if (!strcmp(a, "--by")) by = v;
    else if (!strcmp(a, "--dyad")) {
      const char *colon = strchr(v, ':');
      if (!colon || strlen(v) >= sizeof dyad) { cli_error("query: --dyad wants SOURCE:TARGET"); return 2; }
      snprintf(dyad, sizeof dyad, "%s", v);
      dyad[colon - v] = 0;
      q.source = dyad;
      q.target = dyad + (colon - v) + 1;
    } else if (!strcmp(a, "--quad")) {
      if (parse_long(v, 1, 4, &n)) { cli_error("query: --quad wants 1 to 4"); return 2; }
      q.quad = (int)n;
    } else if (!strcmp(a, "--from") || !strcmp(a, "--to")) {
      int32_t d = parse_date(v);
      if (d < 0) { cli_error("query: %s wants a date YYYY-MM-DD, not '%s'", a, v); return 2; }
      if (a[2] == 'f') q.from = d; else q.to = d;
    } else if (!strcmp(a, "--limit") || !strcmp(a, "--offset")) {
      if (parse_long(v, 0, 1L << 40, &n)) { cli_error("query: %s wants a number", a); return 2; }
      if (a[2] == 'l') q.limit = n; else q.offset = n;
    } else if (!strcmp(a, "--format")) {
      if (parse_format(v, &o.fmt)) { cli_error("query: --format is table, csv or jsonl"); return 2; }
    } else {
      cli_error("query: unknown option %s (see dyad query --help)", a);
      return 2;
    }
    i++;
  }
  dy_store_period period = DY_STORE_ALL;
  if (by) {
    if (!strcmp(by, "day")) period = DY_STORE_DAY;
    else if (!strcmp(by, "week")) period = DY_STORE_WEEK;
    else if (!strcmp(by, "month")) period = DY_STORE_MONTH;
    else { cli_error("query: --by is day, week or month"); return 2; }
  }
  int kind = !strcmp(what, "events") ? 1 : !strcmp(what, "dyads") ? 2
           : !strcmp(what, "quotes") ? 3 : !strcmp(what, "actors") ? 4 : 0;
  if (!kind) { cli_error("query: what to query is events, dyads, quotes or actors, not '%s'", what); return 2; }
  if (by && kind != 2) { cli_error("query: --by applies to dyads"); return 2; }
  dy_store *st = open_store(db);
  if (!st) return 2;
  dy_error err;
  dy_status rc;
#define COLS(c) (o.cols = (c), o.ncols = (int)(sizeof(c) / sizeof((c)[0])))
  if (kind == 1 && count) {
    long n;
    if ((rc = dy_store_count(st, &q, &n, &err))) return fail(st, &err);
    printf("%ld\n", n);
    dy_store_close(st);
    return 0;
  }
  if (kind == 1) {
    if (o.fmt == FMT_TABLE) COLS(event_table); else COLS(event_cols);
    header(&o);
    rc = dy_store_events(st, &q, on_event, &o, &err);
  } else if (kind == 2) {
    COLS(dyad_cols);
    header(&o);
    rc = dy_store_dyads(st, &q, period, on_dyad, &o, &err);
  } else if (kind == 3) {
    COLS(quote_cols);
    header(&o);
    rc = dy_store_quotes(st, &q, on_quote, &o, &err);
  } else if (unknown) {
    COLS(unknown_cols);
    header(&o);
    rc = dy_store_unknown(st, &q, on_unknown, &o, &err);
  } else {
    COLS(actor_cols);
    header(&o);
    rc = dy_store_actors(st, &q, on_actor, &o, &err);
  }
  if (rc) return fail(st, &err);
  dy_store_close(st);
  return fflush(stdout) ? 2 : 0;
}

int cmd_search(int argc, char **argv) {
  const char *db = NULL, *text = NULL;
  int raw = 0;
  long lim = 20;
  output o = { FMT_TABLE, hit_cols, (int)(sizeof hit_cols / sizeof hit_cols[0]), 0 };
  if (argc < 2) { fputs(search_help, stderr); return 2; }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (cli_is_help(a)) { fputs(search_help, stdout); return 0; }
    else if (!strcmp(a, "--raw")) { raw = 1; continue; }
    else if (a[0] != '-' || a[1] == 0) {
      if (text) { cli_error("search: one TEXT only (quote it: dyad search 'a b')"); return 2; }
      text = a;
      continue;
    } else if (!v) { cli_error("search: unknown option or missing value: %s", a); return 2; }
    else if (!strcmp(a, "--db")) db = v;
    else if (!strcmp(a, "--limit")) {
      if (parse_long(v, 0, 1L << 40, &lim)) { cli_error("search: --limit wants a number"); return 2; }
    } else if (!strcmp(a, "--format")) {
      if (parse_format(v, &o.fmt)) { cli_error("search: --format is table, csv or jsonl"); return 2; }
    } else {
      cli_error("search: unknown option %s (see dyad search --help)", a);
      return 2;
    }
    i++;
  }
  if (!text) { cli_error("search: no TEXT to search for"); return 2; }
  dy_store *st = open_store(db);
  if (!st) return 2;
  dy_error err;
  header(&o);
  if (dy_store_search(st, text, raw, lim, on_hit, &o, &err)) return fail(st, &err);
  dy_store_close(st);
  return o.rows ? 0 : 1;
}
