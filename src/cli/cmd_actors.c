/*
** cmd_actors.c: dyad actors --unknown. Runs the pipeline over articles and
** lists the capitalised names no dictionary knew, most frequent first, each
** with a sentence it was seen in: the to-do list of whoever extends the
** actor dictionaries.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad/pipe.h"
#include "cli.h"

static const char actors_help[] =
    "usage: dyad actors --unknown [options] FILE|DIR|- ...\n"
    "\n"
    "Code the articles (as dyad code reads them) and list the proper names the\n"
    "actor dictionaries did not know, by the number of articles they appear in,\n"
    "with one sentence each was seen in. Add the ones that matter to an actor\n"
    "dictionary (data/actors/dyad.actors.txt has the format) and code again.\n"
    "(For names stored by dyad code --db, see dyad query actors --unknown.)\n"
    "\n"
    "options:\n"
    "  --unknown        list unknown names (the only listing so far; required)\n"
    "  --limit N        at most N names (default 50; 0 for all)\n"
    "  --format table|csv   output format (default table)\n"
    "  --date YYYYMMDD  date of articles without one\n"
    "  --model F, --dict-dir DIR, --no-supplement, --verbs F, --actors F, ...\n"
    "                   as for dyad code\n"
    "\n"
    "Exit status: 0, or 2 on an error.\n"
    "\n"
    "example:\n"
    "  dyad actors --unknown --date 20250603 ../shared/corpus/seeds/\n";

typedef struct uname { char *name, *sample; int docs; } uname;

static int by_count(const void *a, const void *b) {
  const uname *x = a, *y = b;
  if (x->docs != y->docs) return y->docs - x->docs;
  return strcmp(x->name, y->name);
}

static void csvq(const char *s) {
  putchar('"');
  for (; *s; s++) {
    if (*s == '"') putchar('"');
    putchar(*s == '\n' ? ' ' : *s);
  }
  putchar('"');
}

int cmd_actors(int argc, char **argv) {
  cli_dict_opts dopts;
  memset(&dopts, 0, sizeof dopts);
  int unknown = 0, limit = 50, csv = 0, ninputs = 0;
  long date = 0;
  char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
  if (!inputs) return 2;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_is_help(a)) { fputs(actors_help, stdout); free(inputs); return 0; }
    if (cli_dict_option(&dopts, argc, argv, &i)) continue;
    if (strcmp(a, "--unknown") == 0) unknown = 1;
    else if (strcmp(a, "--limit") == 0 && i + 1 < argc) limit = atoi(argv[++i]);
    else if (strcmp(a, "--format") == 0 && i + 1 < argc) csv = strcmp(argv[++i], "csv") == 0;
    else if (strcmp(a, "--date") == 0 && i + 1 < argc) date = atol(argv[++i]);
    else if (strcmp(a, "--no-supplement") == 0) dopts.no_supplement = 1;
    else if (a[0] == '-' && a[1]) { cli_error("actors: unknown option '%s'", a); free(inputs); return 2; }
    else inputs[ninputs++] = argv[i];
  }
  if (!unknown || !ninputs) { fputs(actors_help, stderr); free(inputs); return 2; }
  cli_env env;
  int rc = 2, nn = 0, cap = 0;
  uname *names = NULL;
  dy_pipe *pipe = NULL;
  dy_arena *a = dy_arena_new(1 << 20);
  dy_error err;
  char msg[1200];
  if (!a || cli_env_load(&env, &dopts, 1)) goto out;
  pipe = dy_pipe_new(env.model, env.dict, env.cb, 1);
  if (!pipe) goto out;
  for (int in = 0; in < ninputs; in++) {
    dy_reader *r;
    if (dy_reader_open(inputs[in], DY_IN_AUTO, (int32_t)date, &r, &err)) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      goto out;
    }
    for (;;) {
      dy_doc *doc;
      dy_doc_result res;
      dy_arena_reset(a);
      if (dy_reader_next(r, a, &doc, &err)) {
        cli_error("%s", dy_error_format(&err, msg, sizeof msg));
        dy_reader_close(r);
        goto out;
      }
      if (!doc) break;
      if (dy_pipe_code(pipe, doc, a, &res, &err)) {
        cli_error("%s", dy_error_format(&err, msg, sizeof msg));
        dy_reader_close(r);
        goto out;
      }
      for (int k = 0; k < res.n_unknown; k++) {
        const dy_unknown_name *u = &res.unknown[k];
        int j = 0;
        while (j < nn && strcmp(names[j].name, u->name) != 0) j++;
        if (j == nn) {
          if (nn == cap) {
            cap = cap ? cap * 2 : 64;
            uname *nu = realloc(names, sizeof *nu * (size_t)cap);
            if (!nu) { dy_reader_close(r); goto out; }
            names = nu;
          }
          names[nn].name = strdup(u->name);
          names[nn].sample = strdup(u->sent < res.n_sent ? res.sent[u->sent].text : "");
          names[nn].docs = 0;
          if (!names[nn].name || !names[nn].sample) { dy_reader_close(r); goto out; }
          nn++;
        }
        names[j].docs++;
      }
    }
    dy_reader_close(r);
  }
  if (nn) qsort(names, (size_t)nn, sizeof *names, by_count);
  if (csv) puts("articles,name,sample");
  else printf("%-8s  %-32s  %s\n", "articles", "name", "sample sentence");
  for (int j = 0; j < nn && (!limit || j < limit); j++) {
    if (csv) {
      printf("%d,", names[j].docs);
      csvq(names[j].name);
      putchar(',');
      csvq(names[j].sample);
      putchar('\n');
    } else {
      printf("%-8d  %-32s  %.100s\n", names[j].docs, names[j].name, names[j].sample);
    }
  }
  rc = 0;
out:
  for (int j = 0; j < nn; j++) free(names[j].name), free(names[j].sample);
  free(names);
  dy_pipe_free(pipe);
  if (a) cli_env_free(&env);
  dy_arena_free(a);
  free(inputs);
  return rc;
}
