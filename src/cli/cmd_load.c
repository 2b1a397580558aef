/*
** cmd_load.c: dyad load. Merges JSON Lines of events (the output of dyad
** code, from any number of processes or shards) into an event store, in
** transactions of --batch events: a killed load leaves the events of every
** finished batch, and running it again stores only what is missing (events
** are keyed, see dy_store_add_event).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dyad/store.h"
#include "cli.h"

static const char load_help[] =
    "NAME\n"
    "  dyad load - merge JSON Lines of events into an event store\n"
    "\n"
    "SYNOPSIS\n"
    "  dyad load --db FILE [--keep-going] [--batch N] [--quiet] [FILE.jsonl|-]...\n"
    "\n"
    "DESCRIPTION\n"
    "  Reads events written by 'dyad code' (one JSON object per line; '-' or no\n"
    "  file is stdin) and stores them in FILE, creating it when absent. Each event\n"
    "  is stored once however often it is loaded: it is identified by doc_id,\n"
    "  sent_id, date, source, target, cameo, source_text, target_text and verb_text.\n"
    "  A doc_id not yet in the store gets a stub document (its id and the first\n"
    "  event's date); 'dyad code --db' later fills it with the article.\n"
    "\n"
    "  Fields read: doc_id, source, target and cameo (strings, required); sent_id\n"
    "  (\"<doc_id>-<n>\"), date (\"YYYY-MM-DD\" or null), goldstein, quad (0-4),\n"
    "  plover, source_text, target_text, verb_text, issues (string or array),\n"
    "  pattern (kept as why), negated and resolved (booleans). Others are ignored.\n"
    "\n"
    "  Events are committed every N (default 10000) and at the end: a load that\n"
    "  is killed keeps every committed batch, and running it again completes it\n"
    "  with nothing lost or doubled. On a bad line dyad commits everything before\n"
    "  it and stops, naming the file and line.\n"
    "\n"
    "OPTIONS\n"
    "  --db FILE          the event store (required)\n"
    "  --keep-going       report bad lines on stderr, skip them and go on\n"
    "  --batch N          events per transaction (default 10000)\n"
    "  --quiet            no progress line (on a terminal) and no summary\n"
    "\n"
    "OUTPUT\n"
    "  On stderr: 'load: L lines, A events added, S already stored, B bad lines'.\n"
    "\n"
    "EXIT STATUS\n"
    "  0 when every line was loaded; 1 when --keep-going skipped bad lines; 2 on a\n"
    "  bad line (without --keep-going), an unreadable file or a database error.\n"
    "\n"
    "EXAMPLES\n"
    "  dyad code --conllu day1.conllu > day1.jsonl && dyad load --db news.db day1.jsonl\n"
    "  cat shard-*.jsonl | dyad load --db news.db --keep-going -\n";

typedef struct load_state {
  dy_store *st;
  dy_arena *arena;         /* per-line strings, reset after each line */
  long batch;              /* events per transaction */
  int keep_going;
  int progress;            /* a progress line on stderr (a terminal, without --quiet) */
  double t0;               /* when the load started */
  long in_batch;           /* lines since the last commit */
  long lines, added, same, bad;
} load_state;

/* Load one file; 0 when done, 2 on an error that stops the load. */
static int load_file(load_state *ls, const char *path) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f) { cli_error("%s: cannot open: %s", path, strerror(errno)); return 2; }
  char *line = NULL, msg[1200];
  size_t cap = 0;
  ssize_t n;
  long lineno = 0;
  int rc = 0;
  dy_error err;
  while ((n = getline(&line, &cap, f)) >= 0) {
    lineno++;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
    size_t skip = 0;
    while (skip < (size_t)n && (line[skip] == ' ' || line[skip] == '\t')) skip++;
    if (skip == (size_t)n) continue;  /* blank lines are allowed */
    ls->lines++;
    dy_store_event ev;
    dy_arena_reset(ls->arena);
    dy_status s = dy_store_event_parse(line, (size_t)n, ls->arena, &ev, &err);
    if (s) {
      snprintf(err.file, sizeof err.file, "%s", path);
      err.line = lineno;
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      ls->bad++;
      if (ls->keep_going) continue;
      rc = 2;
      break;
    }
    int added;
    if (dy_store_add_event(ls->st, &ev, &added, &err)) {
      cli_error("%s:%ld: %s", path, lineno, dy_error_format(&err, msg, sizeof msg));
      rc = 3;  /* the open batch is rolled back */
      break;
    }
    if (added) ls->added++; else ls->same++;
    if (++ls->in_batch >= ls->batch) {
      if (dy_store_commit(ls->st, &err) || dy_store_begin(ls->st, &err)) {
        cli_error("%s", dy_error_format(&err, msg, sizeof msg));
        rc = 3;
        break;
      }
      ls->in_batch = 0;
      if (ls->progress) {
        double dt = cli_now() - ls->t0;
        fprintf(stderr, "\rload: %ld lines, %ld events added, %.0f lines/s ", ls->lines,
                ls->added, dt > 0 ? ls->lines / dt : 0.0);
      }
    }
  }
  if (!rc && ferror(f)) { cli_error("%s: read error", path); rc = 2; }
  free(line);
  if (f != stdin) fclose(f);
  return rc;
}

int cmd_load(int argc, char **argv) {
  const char *db = NULL;
  int quiet = 0, nfiles = 0;
  load_state ls = { .batch = 10000 };
  const char **files = calloc((size_t)argc + 1, sizeof *files);
  if (!files) { cli_error("out of memory"); return 2; }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_is_help(a)) { fputs(load_help, stdout); free(files); return 0; }
    else if (!strcmp(a, "--keep-going")) ls.keep_going = 1;
    else if (!strcmp(a, "--quiet")) quiet = 1;
    else if (!strcmp(a, "--db") && i + 1 < argc) db = argv[++i];
    else if (!strcmp(a, "--batch") && i + 1 < argc) {
      char *end;
      ls.batch = strtol(argv[++i], &end, 10);
      if (*end || ls.batch < 1) { cli_error("load: --batch wants a positive number"); free(files); return 2; }
    } else if (a[0] == '-' && a[1]) {
      cli_error("load: unknown option %s (see dyad load --help)", a);
      free(files);
      return 2;
    } else {
      files[nfiles++] = a;
    }
  }
  if (!db) { cli_error("load: --db FILE is required"); free(files); return 2; }
  if (!nfiles) files[nfiles++] = "-";
  dy_error err;
  char msg[1200];
  if (dy_store_open(db, &ls.st, &err)) {
    cli_error("%s", dy_error_format(&err, msg, sizeof msg));
    free(files);
    return 2;
  }
  ls.arena = dy_arena_new(0);
  ls.progress = !quiet && isatty(2);
  ls.t0 = cli_now();
  int rc = ls.arena ? 0 : 2;
  if (!ls.arena) cli_error("out of memory");
  int began = 0;
  if (!rc) {
    if (dy_store_begin(ls.st, &err)) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      rc = 2;
    } else {
      began = 1;
    }
  }
  for (int i = 0; !rc && i < nfiles; i++) rc = load_file(&ls, files[i]);
  if (began && rc == 3) {  /* a database error: the open batch is dropped */
    dy_store_rollback(ls.st);
    rc = 2;
  } else if (began && dy_store_commit(ls.st, &err)) {
    /* also after a bad line: everything before it is kept */
    cli_error("%s", dy_error_format(&err, msg, sizeof msg));
    rc = 2;
  }
  if (ls.progress) fputc('\r', stderr);
  if (!quiet)
    fprintf(stderr, "load: %ld lines, %ld events added, %ld already stored, %ld bad lines\n",
            ls.lines, ls.added, ls.same, ls.bad);
  dy_arena_free(ls.arena);
  dy_store_close(ls.st);
  free(files);
  if (!rc && ls.bad) rc = 1;
  return rc;
}
