/*
** cmd_bench.c: dyad bench. Prints performance figures; asserts nothing.
**
**   dyad bench dict [--json]   load the full standard dictionary set
**   dyad bench code [--json]   code the UD suite's parses, repeated
**   dyad bench parse ...       tokenize + tag + parse (bench_parse.c)
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "dyad/code.h"
#include "dyad/conllu.h"
#include "dyad/dict.h"
#include "dyad/valxml.h"
#include "cli.h"

static const char bench_help[] =
    "usage: dyad bench dict [--dict-dir DIR] [--json]\n"
    "       dyad bench code [--seconds S] [--json]\n"
    "\n"
    "Print performance figures measured on this machine. Nothing is asserted.\n"
    "\n"
    "  dict   load the standard dictionary set (CAMEO.2.0.txt, the three Phoenix\n"
    "         actor files, agents, discards, issues) from DIR (default\n"
    "         $DYAD_DATA/dictionaries/cameo) and report the load time and the peak\n"
    "         resident set size of the process (JSON keys load_seconds, peak_rss_mb).\n"
    "  code   code the UD validation suite's parses (v2_02), repeated for S seconds\n"
    "         (default 3), with the full Phoenix dictionaries loaded, on one core;\n"
    "         reports sentences per second of the thread's CPU time, so that other\n"
    "         load on the machine does not lower the figure (JSON key\n"
    "         sentences_per_sec; wall time is printed beside it).\n"
    "\n"
    "Exit status: 0 on success, 2 when data cannot be found or read.\n";

double cli_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double cli_cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double cli_peak_rss_mb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_maxrss / 1024.0; /* Linux reports KiB */
}

const char *cli_dict_dir(const char *given) {
  static char buf[4096];
  if (given) return given;
  const char *data = cli_data_dir();
  if (!data) return NULL;
  return cli_path(buf, sizeof buf, data, "dictionaries/cameo");
}

static int bench_dict(int argc, char **argv) {
  int json = 0;
  const char *dir = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0) json = 1;
    else if (strcmp(argv[i], "--dict-dir") == 0 && i + 1 < argc) dir = argv[++i];
    else { cli_error("bench dict: unknown option '%s'", argv[i]); return 2; }
  }
  dir = cli_dict_dir(dir);
  if (!dir) { cli_error("bench dict: no data folder (set DYAD_DATA)"); return 2; }
  double t0 = cli_now();
  dy_dict *d = dy_dict_new();
  dy_error err;
  if (!d || dy_dict_load_standard(d, dir, &err)) {
    char msg[1200];
    cli_error("%s", d ? dy_error_format(&err, msg, sizeof msg) : "out of memory");
    dy_dict_free(d);
    return 2;
  }
  double secs = cli_now() - t0;
  double rss = cli_peak_rss_mb();
  dy_dict_stats st;
  dy_dict_get_stats(d, &st);
  if (json) {
    printf("{\"load_seconds\": %.4f, \"peak_rss_mb\": %.1f, \"actors\": %u, \"agents\": %u, "
           "\"verb_forms\": %u, \"patterns\": %u, \"words\": %u}\n",
           secs, rss, st.actors, st.agents, st.verb_forms, st.patterns, st.words);
  } else {
    printf("dictionaries: %s\n", dir);
    printf("  %u actors, %u agent phrases, %u discards, %u issue phrases\n", st.actors,
           st.agents, st.discards, st.issues);
    printf("  %u verb blocks, %u verb forms, %u patterns, %u synsets, %u words\n",
           st.verb_blocks, st.verb_forms, st.patterns, st.synsets, st.words);
    printf("load_seconds %.4f\npeak_rss_mb %.1f\n", secs, rss);
  }
  dy_dict_free(d);
  return 0;
}

/* Code the v2_02 suite's parses over and over for a few seconds. */
static int bench_code(int argc, char **argv) {
  int json = 0;
  double seconds = 3;
  const char *dir = NULL, *suite = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0) json = 1;
    else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) seconds = atof(argv[++i]);
    else if (strcmp(argv[i], "--dict-dir") == 0 && i + 1 < argc) dir = argv[++i];
    else if (strcmp(argv[i], "--suite") == 0 && i + 1 < argc) suite = argv[++i];
    else { cli_error("bench code: unknown option '%s'", argv[i]); return 2; }
  }
  if (seconds <= 0) seconds = 3;
  char path[4096], msg[1200];
  const char *data = cli_data_dir();
  dir = cli_dict_dir(dir);
  if (!suite && data)
    suite = cli_path(path, sizeof path, data,
                     "validation/ud-unit/v2_02/PETR_Validate_records_2_02.xml");
  if (!dir || !suite) { cli_error("bench code: no data folder (set DYAD_DATA)"); return 2; }
  dy_dict *d = dy_dict_new();
  dy_arena *fa = dy_arena_new(1 << 20), *sa = dy_arena_new(1 << 16);
  dy_valfile *vf = NULL;
  dy_error err;
  int rc = 2;
  dy_sentence **sents = NULL;
  int ns = 0;
  dy_coder *c = NULL;
  if (!d || !fa || !sa) { cli_error("out of memory"); goto done; }
  if (dy_dict_load_standard(d, dir, &err) || dy_valxml_read(suite, fa, &vf, &err)) {
    cli_error("%s", dy_error_format(&err, msg, sizeof msg));
    goto done;
  }
  sents = calloc((size_t)vf->n + 1, sizeof *sents);
  if (!sents) { cli_error("out of memory"); goto done; }
  for (int i = 0; i < vf->n; i++) {
    const dy_valrec *r = &vf->rec[i];
    dy_sentence *s;
    if (!r->parse || dy_conllu_parse(r->parse, strlen(r->parse), suite, r->parse_line, fa, &s, &err))
      continue;
    s->date = r->date;
    sents[ns++] = s;
  }
  c = dy_coder_new(d, NULL, NULL);
  if (!c || !ns) { cli_error("bench code: nothing to code"); goto done; }
  long coded = 0, events = 0, tokens = 0;
  /* The rate is per second of this thread's CPU time: what one core does,
  ** whatever else the machine is running. Wall time is shown beside it. */
  double t0 = cli_now(), t = t0, c0 = cli_cpu_now();
  while (t - t0 < seconds) {
    for (int i = 0; i < ns; i++) {
      dy_code_result res;
      dy_arena_reset(sa);
      if (dy_code_sentence(c, sents[i], sa, &res, &err)) { cli_error("out of memory"); goto done; }
      events += res.n;
      tokens += sents[i]->n;
    }
    coded += ns;
    t = cli_now();
  }
  double cpu = cli_cpu_now() - c0;
  if (cpu <= 0) cpu = t - t0;
  double rate = (double)coded / cpu;
  if (json)
    printf("{\"sentences_per_sec\": %.0f, \"tokens_per_sec\": %.0f, \"sentences\": %ld, "
           "\"events\": %ld, \"cpu_seconds\": %.2f, \"wall_seconds\": %.2f}\n",
           rate, (double)tokens / cpu, coded, events, cpu, t - t0);
  else
    printf("coded %ld sentences (%d distinct parses, %ld tokens, %ld events) in %.2f s of CPU "
           "(%.2f s wall)\nsentences_per_sec %.0f\n", coded, ns, tokens, events, cpu, t - t0, rate);
  rc = 0;
done:
  dy_coder_free(c);
  free(sents);
  dy_dict_free(d);
  dy_arena_free(fa);
  dy_arena_free(sa);
  return rc;
}

int cmd_bench(int argc, char **argv) {
  if (argc < 2 || cli_is_help(argv[1])) {
    fputs(bench_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (strcmp(argv[1], "dict") == 0) return bench_dict(argc - 1, argv + 1);
  if (strcmp(argv[1], "code") == 0) return bench_code(argc - 1, argv + 1);
  if (strcmp(argv[1], "parse") == 0) return cli_bench_parse(argc - 1, argv + 1);
  cli_error("bench: unknown benchmark '%s' (dict, code, parse)", argv[1]);
  return 2;
}
