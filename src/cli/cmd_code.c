/*
** cmd_code.c: dyad code. News in, events out: articles (plain text, JSON
** Lines, PETRARCH XML, HTML; files, folders or stdin) are parsed and coded
** into events written as JSON Lines, CSV or GDELT-style TSV and/or stored
** in an SQLite event store. --conllu codes sentences parsed already.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dyad/code.h"
#include "dyad/conllu.h"
#include "dyad/dict.h"
#include "dyad/pipe.h"
#include "dyad/store.h"
#include "cli.h"

static const char code_help[] =
    "usage: dyad code [options] FILE|DIR|- ...\n"
    "       dyad code --conllu FILE|- [options]\n"
    "\n"
    "Code news articles into CAMEO events. Each input is a file, a folder (walked\n"
    "in name order) or '-' for stdin, read as\n"
    "  plain text  one article; an optional header of 'Title:', 'Date:', 'Source:',\n"
    "              'URL:' lines ends at the first blank line; the id is the file name;\n"
    "  JSON Lines  (.jsonl, or text starting with '{') one article per line with\n"
    "              \"id\", \"date\", \"source\", \"url\", \"title\", \"text\";\n"
    "  XML         (.xml) PETRARCH <Articles>/<Sentences> records;\n"
    "  HTML        (.html, .htm) the page's main text and its metadata.\n"
    "dyad splits, tags and parses the text with its own model (words of the\n"
    "multi-word actor names the dictionaries know, such as 'Xi Jinping', are\n"
    "tagged as proper nouns), codes every sentence with the CAMEO/Phoenix\n"
    "dictionaries plus dyad's actor supplement (meetings and visits named by\n"
    "nouns too: 'on an official visit to China'; a meeting is coded both ways),\n"
    "dates each event ('on Saturday', 'last week', 'on February 28' against the\n"
    "article's date), resolves 'he' and 'the Belarusian leader' to the person\n"
    "last named when that is unambiguous, and finds direct quotations.\n"
    "\n"
    "With --conllu the input is CoNLL-U already parsed (UD v1 or v2 labels); the\n"
    "date comes from a '# date = YYYYMMDD' comment, else --date; its sentences\n"
    "are coded as PETRARCH codes them (verbs only, the dictionary's codes).\n"
    "\n"
    "output:\n"
    "  --format jsonl   (default) one object per event: doc_id, sent_id, date\n"
    "                   (YYYY-MM-DD, the event's), source, target, cameo (string,\n"
    "                   leading zero kept), cameo_name, goldstein, quad (1 verbal\n"
    "                   cooperation .. 4 material conflict), plover, source_text,\n"
    "                   target_text, verb_text, issues, why (verb, pattern and\n"
    "                   dictionary entries that fired, each file:line), negated,\n"
    "                   resolved (an actor came from a pronoun)\n"
    "  --format csv     the same columns with a header row (RFC 4180 quoting)\n"
    "  --format tsv     GDELT-style, no header: date (YYYYMMDD), source, target,\n"
    "                   cameo, cameo root, quad, goldstein, plover, doc_id, sent_id,\n"
    "                   source_text, target_text, url\n"
    "  --db FILE        also store documents, sentences, events, quotes and unknown\n"
    "                   names in the SQLite event store FILE (created when absent;\n"
    "                   an article already stored is skipped, a near-duplicate wire\n"
    "                   copy stored but its events not counted)\n"
    "  --no-output      write nothing to stdout (with --db)\n"
    "\n"
    "options:\n"
    "  --date YYYYMMDD  date of articles that carry none\n"
    "  --home CODE      the outlet's own actor code (BLR for a Belarusian agency):\n"
    "                   'we' and 'us' outside quotations stand for it\n"
    "  --threads N      N workers (default 1); output order is input order\n"
    "  --keep-going     skip a bad record, report it, go on (default: stop at the\n"
    "                   first bad record after storing everything before it)\n"
    "  --quiet          no progress line on stderr\n"
    "  --all            also events with only one of source and target\n"
    "  --model F        parsing model (default $DYAD_MODEL, else en_ewt.model\n"
    "                   beside the binary)\n"
    "  --dict-dir DIR   the standard dictionaries (default $DYAD_DATA/dictionaries/cameo)\n"
    "  --no-supplement  without dyad's actor supplement (data/actors/dyad.actors.txt)\n"
    "  --verbs F, --actors F (repeatable), --agents F, --discards F, --issues F\n"
    "                   exactly these dictionary files instead of the standard set\n"
    "  --ontology F     PETRARCH coding ontology used to code negated verbs\n"
    "\n"
    "Exit status: 0 on success; 1 when records were skipped with --keep-going;\n"
    "2 on an error (the message names file and line; what came before it has been\n"
    "written and stored).\n"
    "\n"
    "examples:\n"
    "  dyad code ../shared/corpus/seeds/ > events.jsonl\n"
    "  dyad code --db events.db --threads 2 news/ --no-output\n"
    "  dyad code --conllu parsed.conllu --date 20250603\n";

enum { F_JSONL, F_CSV, F_TSV };

static void json_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
    else if (c == '\n') fputs("\\n", f);
    else if (c == '\t') fputs("\\t", f);
    else if (c == '\r') fputs("\\r", f);
    else if (c < 0x20) fprintf(f, "\\u%04x", c);
    else fputc(c, f);
  }
  fputc('"', f);
}

static void csv_str(FILE *f, const char *s, char sep) {
  int quote = 0;
  for (const char *p = s; p && *p; p++)
    if (*p == '"' || *p == ',' || *p == '\n' || *p == '\r' || *p == sep) quote = 1;
  if (sep == '\t') { /* TSV: no quoting; tabs and newlines become blanks */
    for (const char *p = s; p && *p; p++) fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, f);
    return;
  }
  if (!quote) { fputs(s ? s : "", f); return; }
  fputc('"', f);
  for (const char *p = s; *p; p++) {
    if (*p == '"') fputc('"', f);
    fputc(*p, f);
  }
  fputc('"', f);
}

static void fmt_date(char *buf, size_t n, int32_t d, int dashes) {
  if (!d) { buf[0] = 0; return; }
  if (dashes) snprintf(buf, n, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
  else snprintf(buf, n, "%08d", d);
}

static const char *const csv_cols[] = { "doc_id", "sent_id", "date", "source", "target", "cameo",
                                        "cameo_name", "goldstein", "quad", "plover",
                                        "source_text", "target_text", "verb_text", "issues",
                                        "negated", "resolved" };

/* One event as the chosen format. */
typedef struct evrow {
  const char *doc_id, *sent_id, *source, *target, *code, *plover, *source_text, *target_text;
  const char *verb_text, *issues, *why, *url;
  int32_t date;
  double goldstein;
  int quad, negated, resolved;
} evrow;

static void write_row(FILE *f, int fmt, const evrow *r, const dy_codebook *cb) {
  char date[16];
  const char *name = dy_codebook_name(cb, r->code);
  if (fmt == F_JSONL) {
    fmt_date(date, sizeof date, r->date, 1);
    fputs("{\"doc_id\":", f); json_str(f, r->doc_id);
    fputs(",\"sent_id\":", f); json_str(f, r->sent_id);
    fputs(",\"date\":", f); if (date[0]) json_str(f, date); else fputs("null", f);
    fputs(",\"source\":", f); json_str(f, r->source);
    fputs(",\"target\":", f); json_str(f, r->target);
    fputs(",\"cameo\":", f); json_str(f, r->code);
    fputs(",\"cameo_name\":", f); if (name) json_str(f, name); else fputs("null", f);
    fprintf(f, ",\"goldstein\":%.1f,\"quad\":%d", r->goldstein, r->quad);
    fputs(",\"plover\":", f); json_str(f, r->plover);
    fputs(",\"source_text\":", f); json_str(f, r->source_text);
    fputs(",\"target_text\":", f); json_str(f, r->target_text);
    fputs(",\"verb_text\":", f); json_str(f, r->verb_text);
    fputs(",\"issues\":", f); json_str(f, r->issues);
    fputs(",\"why\":", f); json_str(f, r->why);
    fprintf(f, ",\"negated\":%s,\"resolved\":%s}\n", r->negated ? "true" : "false",
            r->resolved ? "true" : "false");
  } else if (fmt == F_CSV) {
    char gs[32], q[8];
    fmt_date(date, sizeof date, r->date, 1);
    snprintf(gs, sizeof gs, "%.1f", r->goldstein);
    snprintf(q, sizeof q, "%d", r->quad);
    const char *v[] = { r->doc_id, r->sent_id, date, r->source, r->target, r->code,
                        name ? name : "", gs, q, r->plover, r->source_text, r->target_text,
                        r->verb_text, r->issues, r->negated ? "1" : "0", r->resolved ? "1" : "0" };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
      if (i) fputc(',', f);
      csv_str(f, v[i], ',');
    }
    fputc('\n', f);
  } else {
    char root[3] = { r->code[0], r->code[0] ? r->code[1] : 0, 0 };
    fmt_date(date, sizeof date, r->date, 0);
    fprintf(f, "%s\t", date);
    csv_str(f, r->source, '\t'); fputc('\t', f);
    csv_str(f, r->target, '\t'); fputc('\t', f);
    fprintf(f, "%s\t%s\t%d\t%.1f\t", r->code, root, r->quad, r->goldstein);
    csv_str(f, r->plover, '\t'); fputc('\t', f);
    csv_str(f, r->doc_id, '\t'); fputc('\t', f);
    csv_str(f, r->sent_id, '\t'); fputc('\t', f);
    csv_str(f, r->source_text, '\t'); fputc('\t', f);
    csv_str(f, r->target_text, '\t'); fputc('\t', f);
    csv_str(f, r->url, '\t'); fputc('\n', f);
  }
}

/* ---- pre-parsed CoNLL-U --------------------------------------------------- */

static const char *span_text(const dy_sentence *s, dy_span sp, char *buf, size_t size) {
  size_t o = 0;
  buf[0] = 0;
  for (int i = sp.first; sp.first && i <= sp.last && i <= s->n; i++) {
    const char *w = s->tok[i - 1].form;
    size_t l = strlen(w);
    if (o + l + 2 >= size) break;
    if (o && s->tok[i - 2].space_after) buf[o++] = ' ';
    memcpy(buf + o, w, l);
    o += l;
    buf[o] = 0;
  }
  return buf;
}

static int code_conllu(const char *input, int32_t date, int fmt, int all, cli_env *env) {
  dy_coder_opts opts = { !all, 0 };
  dy_coder *coder = dy_coder_new(env->dict, env->cb, &opts);
  dy_arena *a = dy_arena_new(1 << 16);
  FILE *in = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
  dy_conllu_reader *r = in ? dy_conllu_open_stream(in, strcmp(input, "-") == 0 ? "<stdin>" : input) : NULL;
  int rc = 2;
  long nsent = 0;
  dy_error err;
  char msg[1200];
  if (!in) { cli_error("%s: cannot open", input); goto done; }
  if (!coder || !a || !r) { cli_error("out of memory"); goto done; }
  if (fmt == F_CSV) {
    for (size_t i = 0; i < sizeof csv_cols / sizeof csv_cols[0]; i++)
      printf("%s%s", i ? "," : "", csv_cols[i]);
    putchar('\n');
  }
  for (;;) {
    dy_sentence *s;
    dy_arena_reset(a);
    if (dy_conllu_next(r, a, &s, &err)) {
      fflush(stdout);
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      goto done;
    }
    if (!s) {
      if (!nsent) {
        cli_error("%s: no sentences in the input (empty file?)", input);
        goto done;
      }
      break;
    }
    nsent++;
    if (!s->date) s->date = date;
    dy_code_result res;
    if (dy_code_sentence(coder, s, a, &res, &err)) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      goto done;
    }
    for (int i = 0; i < res.n; i++) {
      const dy_event *e = &res.ev[i];
      char st[1024], tt[1024];
      evrow row = { s->doc_id, s->sent_id, e->source, e->target, e->code,
                    dy_codebook_plover(env->cb, e->code, NULL),
                    span_text(s, e->source_span, st, sizeof st),
                    span_text(s, e->target_span, tt, sizeof tt), s->tok[e->verb - 1].form,
                    e->issues, e->why, "", s->date, e->goldstein, e->quad, e->negated,
                    e->resolved };
      write_row(stdout, fmt, &row, env->cb);
    }
  }
  rc = 0;
done:
  fflush(stdout);
  dy_conllu_close(r);
  if (in && in != stdin) fclose(in);
  dy_coder_free(coder);
  dy_arena_free(a);
  return rc;
}

/* ---- raw articles ---------------------------------------------------------- */

typedef struct slot {
  dy_arena *a;          /* the document's memory */
  dy_doc *doc;          /* read, or NULL */
  dy_doc_result res;    /* coded */
  dy_status st;
  dy_error err;
} slot;

typedef struct batch {
  const dy_pipe *pipe;
  slot *slots;
  int n, threads, tid;
} batch;

static void *worker(void *arg) {
  batch *b = arg;
  for (int i = b->tid; i < b->n; i += b->threads)
    if (b->slots[i].doc)
      b->slots[i].st = dy_pipe_code(b->pipe, b->slots[i].doc, b->slots[i].a, &b->slots[i].res,
                                    &b->slots[i].err);
  return NULL;
}

static void progress(long docs, long events, long tokens, double t0, const dy_reader *r, int done) {
  double el = cli_now() - t0;
  uint64_t got, total;
  dy_reader_progress(r, &got, &total);
  char eta[32] = "";
  if (total && got && got < total && el > 1)
    snprintf(eta, sizeof eta, ", ETA %.0f s", el * (double)(total - got) / (double)got);
  fprintf(stderr, "\r%ld documents, %ld events, %.0f tokens/s%s   %s", docs, events,
          el > 0 ? (double)tokens / el : 0.0, eta, done ? "\n" : "");
}

static int code_articles(char **inputs, int ninputs, int32_t date, int fmt, int output,
                         const char *dbpath, int threads, int keep_going, int quiet, int all,
                         const char *home, cli_env *env) {
  dy_pipe *pipe = dy_pipe_new(env->model, env->dict, env->cb, !all);
  if (pipe) dy_pipe_set_home(pipe, home);
  dy_store *db = NULL;
  dy_error err;
  char msg[1200];
  int rc = 2, skipped = 0, show = !quiet && isatty(2);
  long docs = 0, events = 0, tokens = 0, same = 0, near = 0;
  double t0 = cli_now();
  int B = threads * 8;
  slot *slots = calloc((size_t)B, sizeof *slots);
  if (!pipe || !slots) { cli_error("out of memory"); goto out; }
  for (int i = 0; i < B; i++)
    if (!(slots[i].a = dy_arena_new(1 << 20))) { cli_error("out of memory"); goto out; }
  if (dbpath && dy_store_open(dbpath, &db, &err)) {
    cli_error("%s", dy_error_format(&err, msg, sizeof msg));
    goto out;
  }
  if (output && fmt == F_CSV) {
    for (size_t i = 0; i < sizeof csv_cols / sizeof csv_cols[0]; i++)
      printf("%s%s", i ? "," : "", csv_cols[i]);
    putchar('\n');
  }
  int stop = 0;
  for (int in = 0; in < ninputs && !stop; in++) {
    dy_reader *r;
    if (dy_reader_open(inputs[in], DY_IN_AUTO, date, &r, &err)) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      if (!keep_going) goto out;
      skipped++;
      continue;
    }
    for (int eof = 0; !eof && !stop;) {
      /* Read a batch, code it on the workers, write it in input order. */
      int n = 0, bad = 0;
      while (n < B) {
        dy_arena_reset(slots[n].a);
        slots[n].doc = NULL;
        dy_status st = dy_reader_next(r, slots[n].a, &slots[n].doc, &err);
        if (st) {
          cli_error("%s", dy_error_format(&err, msg, sizeof msg));
          skipped++;
          if (!keep_going) { bad = 1; break; }
          continue;
        }
        if (!slots[n].doc) { eof = 1; break; }
        n++;
      }
      batch bs[64];
      pthread_t th[64];
      int nt = threads < n ? threads : n;
      for (int t = 0; t < nt; t++) {
        bs[t] = (batch){ pipe, slots, n, nt, t };
        if (nt == 1 || pthread_create(&th[t], NULL, worker, &bs[t])) worker(&bs[t]), th[t] = 0;
      }
      for (int t = 0; t < nt; t++)
        if (nt > 1 && th[t]) pthread_join(th[t], NULL);
      if (db && n && dy_store_begin(db, &err)) {
        cli_error("%s", dy_error_format(&err, msg, sizeof msg));
        goto out;
      }
      for (int i = 0; i < n; i++) {
        slot *sl = &slots[i];
        if (sl->st) {
          cli_error("%s", dy_error_format(&sl->err, msg, sizeof msg));
          skipped++;
          if (!keep_going) { bad = 1; n = i; break; }
          continue;
        }
        const dy_doc_result *res = &sl->res;
        docs++;
        for (int k = 0; k < res->n_sent; k++) tokens += res->sent[k].tree->n;
        if (db) {
          dy_store_outcome oc;
          if (dy_store_add(db, res, &oc, &err)) {
            cli_error("%s", dy_error_format(&err, msg, sizeof msg));
            dy_store_rollback(db);
            goto out;
          }
          same += oc == DY_STORE_SAME;
          near += oc == DY_STORE_NEAR;
        }
        events += res->n_ev;
        for (int k = 0; output && k < res->n_ev; k++) {
          const dy_doc_event *e = &res->ev[k];
          evrow row = { res->doc->id, res->sent[e->sent].tree->sent_id, e->source, e->target,
                        e->code, e->plover, e->source_text, e->target_text, e->verb_text,
                        e->issues, e->why, res->doc->url, e->date, e->goldstein, e->quad,
                        e->negated, e->resolved };
          write_row(stdout, fmt, &row, env->cb);
        }
      }
      if (db && n && dy_store_commit(db, &err)) { /* n == 0: nothing was begun */
        cli_error("%s", dy_error_format(&err, msg, sizeof msg));
        goto out;
      }
      fflush(stdout);
      if (show) progress(docs, events, tokens, t0, r, 0);
      if (bad) stop = 1;
    }
    dy_reader_close(r);
  }
  if (show) fputc('\n', stderr);
  if (!quiet && db)
    fprintf(stderr, "dyad: %ld documents (%ld already stored, %ld near-duplicates), %ld events\n",
            docs, same, near, events);
  rc = stop ? 2 : skipped ? 1 : 0;
out:
  fflush(stdout);
  if (slots)
    for (int i = 0; i < B; i++) dy_arena_free(slots[i].a);
  free(slots);
  dy_store_close(db);
  dy_pipe_free(pipe);
  return rc;
}

int cmd_code(int argc, char **argv) {
  cli_dict_opts dopts;
  memset(&dopts, 0, sizeof dopts);
  const char *conllu = NULL, *db = NULL, *home = NULL;
  char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
  int ninputs = 0, all = 0, fmt = F_JSONL, threads = 1, keep_going = 0, quiet = 0, output = 1;
  long date = 0;
  if (!inputs) return 2;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (cli_is_help(a)) { fputs(code_help, stdout); free(inputs); return 0; }
    if (cli_dict_option(&dopts, argc, argv, &i)) continue;
    if (strcmp(a, "--conllu") == 0 && more) conllu = argv[++i];
    else if (strcmp(a, "--date") == 0 && more) {
      char *end;
      date = strtol(argv[++i], &end, 10);
      if (*end || date < 10000101 || date > 99991231) {
        cli_error("code: --date wants YYYYMMDD, not '%s'", argv[i]);
        free(inputs);
        return 2;
      }
    }
    else if (strcmp(a, "--format") == 0 && more) {
      const char *f = argv[++i];
      if (strcmp(f, "jsonl") == 0) fmt = F_JSONL;
      else if (strcmp(f, "csv") == 0) fmt = F_CSV;
      else if (strcmp(f, "tsv") == 0) fmt = F_TSV;
      else { cli_error("code: --format is jsonl, csv or tsv, not '%s'", f); free(inputs); return 2; }
    }
    else if (strcmp(a, "--home") == 0 && more) {
      home = argv[++i];
      size_t n = strlen(home), ok = n >= 3 && n <= 15;
      for (size_t k = 0; k < n && ok; k++)
        ok = (home[k] >= 'A' && home[k] <= 'Z') || (home[k] >= '0' && home[k] <= '9');
      if (!ok) {
        cli_error("code: --home wants an actor code such as BLR, not '%s'", home);
        free(inputs);
        return 2;
      }
    }
    else if (strcmp(a, "--db") == 0 && more) db = argv[++i];
    else if (strcmp(a, "--threads") == 0 && more) {
      threads = atoi(argv[++i]);
      if (threads < 1 || threads > 64) { cli_error("code: --threads is 1..64"); free(inputs); return 2; }
    }
    else if (strcmp(a, "--keep-going") == 0) keep_going = 1;
    else if (strcmp(a, "--quiet") == 0) quiet = 1;
    else if (strcmp(a, "--no-output") == 0) output = 0;
    else if (strcmp(a, "--no-supplement") == 0) dopts.no_supplement = 1;
    else if (strcmp(a, "--all") == 0) all = 1;
    else if (a[0] == '-' && a[1]) {
      cli_error("code: unknown or incomplete option '%s' (see dyad code --help)", a);
      free(inputs);
      return 2;
    }
    else inputs[ninputs++] = argv[i];
  }
  if (!conllu && !ninputs) {
    cli_error("code: name an input (FILE, DIR or -) or --conllu FILE (see dyad code --help)");
    free(inputs);
    return 2;
  }
  cli_env env;
  int rc = 2;
  if (cli_env_load(&env, &dopts, conllu == NULL) == 0)
    rc = conllu ? code_conllu(conllu, (int32_t)date, fmt, all, &env)
                : code_articles(inputs, ninputs, (int32_t)date, fmt, output, db, threads,
                                keep_going, quiet, all, home, &env);
  cli_env_free(&env);
  free(inputs);
  return rc;
}
