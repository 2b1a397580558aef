/*
** cmd_bench.c: dyad bench. Prints performance figures; asserts nothing.
**
**   dyad bench dict [--json]   load the full standard dictionary set
**   dyad bench code [--json]   code the UD suite's parses, repeated
**   dyad bench parse ...       tokenize + tag + parse (bench_parse.c)
*/
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "dyad/dict.h"
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
    "         reports sentences per second (JSON key sentences_per_sec).\n"
    "\n"
    "Exit status: 0 on success, 2 when data cannot be found or read.\n";

double cli_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
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

int cmd_bench(int argc, char **argv) {
  if (argc < 2 || cli_is_help(argv[1])) {
    fputs(bench_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (strcmp(argv[1], "dict") == 0) return bench_dict(argc - 1, argv + 1);
  cli_error("bench: unknown benchmark '%s' (dict, code)", argv[1]);
  return 2;
}
