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
#include "dyad/parse.h"
#include "dyad/pipe.h"
#include "dyad/store.h"
#include "dyad/valxml.h"
#include <unistd.h>
#include <xxhash.h>
#include "cli.h"

static const char bench_help[] =
    "usage: dyad bench dict [--dict-dir DIR] [--json]\n"
    "       dyad bench code [--seconds S] [--json]\n"
    "       dyad bench parse [--threads N] [--json]\n"
    "       dyad bench pipeline [--words N] [--rounds R] [--json]\n"
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
    "  parse  tokenize + tag + parse (dyad bench parse --help)\n"
    "  pipeline  the treebank's training text (N words, default 200000) as twenty-\n"
    "         sentence documents, parsed alone, then parsed, coded, dated, quoted\n"
    "         and stored in a fresh SQLite store, both R times in turn (default 3);\n"
    "         reports tokens per CPU-second of the fastest round of each and what\n"
    "         coding, post-processing and storage add to parsing (JSON keys\n"
    "         parse_tokens_per_sec, pipeline_tokens_per_sec, overhead_percent).\n"
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
  double t0 = cli_now(), c0 = cli_cpu_now();
  dy_dict *d = dy_dict_new();
  dy_error err;
  if (!d || dy_dict_load_standard(d, dir, &err)) {
    char msg[1200];
    cli_error("%s", d ? dy_error_format(&err, msg, sizeof msg) : "out of memory");
    dy_dict_free(d);
    return 2;
  }
  double secs = cli_now() - t0, cpu = cli_cpu_now() - c0;
  double rss = cli_peak_rss_mb();
  dy_dict_stats st;
  dy_dict_get_stats(d, &st);
  if (json) {
    printf("{\"load_seconds\": %.4f, \"cpu_seconds\": %.4f, \"peak_rss_mb\": %.1f, \"actors\": %u, "
           "\"agents\": %u, \"verb_forms\": %u, \"patterns\": %u, \"words\": %u}\n",
           secs, cpu, rss, st.actors, st.agents, st.verb_forms, st.patterns, st.words);
  } else {
    printf("dictionaries: %s\n", dir);
    printf("  %u actors, %u agent phrases, %u discards, %u issue phrases\n", st.actors,
           st.agents, st.discards, st.issues);
    printf("  %u verb blocks, %u verb forms, %u patterns, %u synsets, %u words\n",
           st.verb_blocks, st.verb_forms, st.patterns, st.synsets, st.words);
    printf("load_seconds %.4f (wall; %.4f s of CPU)\npeak_rss_mb %.1f\n", secs, cpu, rss);
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

/* News-like documents: the treebank's train sentences in order, twenty to
** a document (so the documents differ and none is a duplicate). */
static char **bench_docs(long want_words, int *ndocs, long *nwords, dy_arena *a) {
  const char *data = cli_data_dir();
  char path[4096];
  if (!data) return NULL;
  snprintf(path, sizeof path, "%s/treebank/en_ewt/train.conllu", data);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  dy_conllu_reader *r = dy_conllu_open_stream(f, path);
  int cap = 256, n = 0, in_doc = 0;
  char **docs = malloc(sizeof *docs * (size_t)cap);
  size_t dlen = 0, dcap = 0;
  char *cur = NULL;
  dy_error err;
  *nwords = 0;
  while (docs && r && *nwords < want_words) {
    dy_sentence *sent;
    if (dy_conllu_next(r, a, &sent, &err) != DY_OK) continue;
    if (!sent) break;
    if (!sent->text || !*sent->text) continue;
    size_t l = strlen(sent->text);
    if (dlen + l + 2 > dcap) {
      dcap = (dlen + l + 2) * 2;
      char *nc = realloc(cur, dcap);
      if (!nc) break;
      cur = nc;
    }
    memcpy(cur + dlen, sent->text, l);
    dlen += l;
    cur[dlen++] = ' ';
    cur[dlen] = 0;
    *nwords += sent->n;
    if (++in_doc == 20) {
      if (n == cap) {
        cap *= 2;
        char **nd = realloc(docs, sizeof *nd * (size_t)cap);
        if (!nd) break;
        docs = nd;
      }
      docs[n++] = cur;
      cur = NULL;
      dlen = dcap = 0;
      in_doc = 0;
    }
  }
  free(cur);
  dy_conllu_close(r);
  fclose(f);
  *ndocs = n;
  return docs;
}

/* Parse the nd documents; the CPU and wall seconds to *cpu, *wall, the
** tokens to *tokens. Returns 0, or 1 on an error. */
static int parse_pass(const cli_env *env, char **docs, int nd, dy_arena *a, long *tokens,
                      double *cpu, double *wall) {
  double c0 = cli_cpu_now(), w0 = cli_now();
  *tokens = 0;
  for (int i = 0; i < nd; i++) {
    dy_sentence *sv;
    int32_t ns;
    dy_arena_reset(a);
    if (dy_parse_text(env->model, docs[i], strlen(docs[i]), a, &sv, &ns, NULL)) return 1;
    for (int k = 0; k < ns; k++) *tokens += sv[k].n;
  }
  *cpu = cli_cpu_now() - c0;
  *wall = cli_now() - w0;
  return 0;
}

/* Parse, code, date, quote and store the nd documents into a fresh SQLite
** store (a temporary file, removed after); like parse_pass, with the events
** stored to *events. */
static int pipeline_pass(const cli_env *env, char **docs, int nd, dy_arena *a, long *events,
                         double *cpu, double *wall) {
  char dbpath[] = "/tmp/dyad-bench-XXXXXX";
  dy_error err;
  char msg[1200];
  int rc = 1;
  dy_store *db = NULL;
  int fd = mkstemp(dbpath);
  if (fd < 0) { cli_error("bench pipeline: cannot make a temporary file"); return 1; }
  close(fd);
  unlink(dbpath);
  dy_pipe *pipe = dy_pipe_new(env->model, env->dict, env->cb, 1);
  if (!pipe || dy_store_open(dbpath, &db, &err)) {
    cli_error("%s", pipe ? dy_error_format(&err, msg, sizeof msg) : "out of memory");
    goto out;
  }
  *events = 0;
  double c0 = cli_cpu_now(), w0 = cli_now();
  for (int i = 0; i < nd; i++) {
    dy_doc doc;
    memset(&doc, 0, sizeof doc);
    char id[32];
    snprintf(id, sizeof id, "bench-%d", i);
    doc.id = id;
    doc.title = doc.source = doc.url = "";
    doc.origin = "treebank";
    doc.text = docs[i];
    doc.text_len = strlen(docs[i]);
    doc.hash = XXH64(doc.text, doc.text_len, 0);
    doc.date = 20250603;
    dy_doc_result res;
    dy_store_outcome oc;
    dy_arena_reset(a);
    if ((i % 50 == 0 && dy_store_begin(db, &err)) || dy_pipe_code(pipe, &doc, a, &res, &err) ||
        dy_store_add(db, &res, &oc, &err) ||
        ((i % 50 == 49 || i == nd - 1) && dy_store_commit(db, &err))) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      goto out;
    }
    *events += res.n_ev;
  }
  *cpu = cli_cpu_now() - c0;
  *wall = cli_now() - w0;
  rc = 0;
out:
  dy_store_close(db);
  dy_pipe_free(pipe);
  unlink(dbpath);
  static const char *const sides[] = { "-wal", "-shm", "-journal" };
  for (size_t k = 0; k < sizeof sides / sizeof sides[0]; k++) {
    char side[64];
    snprintf(side, sizeof side, "%s%s", dbpath, sides[k]);
    unlink(side);
  }
  return rc;
}

static int bench_pipeline(int argc, char **argv) {
  int json = 0, rounds = 3;
  long words = 200000;
  cli_dict_opts dopts;
  memset(&dopts, 0, sizeof dopts);
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0) json = 1;
    else if (strcmp(argv[i], "--words") == 0 && i + 1 < argc) words = atol(argv[++i]);
    else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = atoi(argv[++i]);
    else if (cli_dict_option(&dopts, argc, argv, &i)) continue;
    else { cli_error("bench pipeline: unknown option '%s'", argv[i]); return 2; }
  }
  if (rounds < 1 || rounds > 100) { cli_error("bench pipeline: --rounds takes 1 to 100"); return 2; }
  cli_env env;
  dy_arena *ta = dy_arena_new(1 << 20), *a = dy_arena_new(1 << 20);
  int nd = 0, rc = 2;
  long nw = 0;
  char **docs = NULL;
  if (!ta || !a || cli_env_load(&env, &dopts, 1)) goto out0;
  docs = bench_docs(words, &nd, &nw, ta);
  if (!docs || !nd) { cli_error("bench pipeline: no treebank text (set DYAD_DATA)"); goto out; }
  /* Parsing alone, then the whole pipeline, `rounds` times in turn; the
  ** fastest round of each counts (the least disturbed by other load) */
  long tokens = 0, events = 0;
  double parse_cpu = 0, parse_wall = 0, pipe_cpu = 0, pipe_wall = 0;
  for (int r = 0; r < rounds; r++) {
    double cpu, wall;
    if (parse_pass(&env, docs, nd, a, &tokens, &cpu, &wall)) goto out;
    if (r == 0 || cpu < parse_cpu) { parse_cpu = cpu; parse_wall = wall; }
    if (pipeline_pass(&env, docs, nd, a, &events, &cpu, &wall)) goto out;
    if (r == 0 || cpu < pipe_cpu) { pipe_cpu = cpu; pipe_wall = wall; }
  }
  double over = parse_cpu > 0 ? 100.0 * (pipe_cpu - parse_cpu) / parse_cpu : 0;
  if (json)
    printf("{\"tokens\": %ld, \"documents\": %d, \"events\": %ld, \"parse_tokens_per_sec\": %.0f, "
           "\"pipeline_tokens_per_sec\": %.0f, \"overhead_percent\": %.1f, "
           "\"parse_wall_seconds\": %.2f, \"pipeline_wall_seconds\": %.2f, \"rounds\": %d}\n",
           tokens, nd, events, tokens / parse_cpu, tokens / pipe_cpu, over, parse_wall, pipe_wall,
           rounds);
  else
    printf("%d documents, %ld tokens, %ld events stored (fastest of %d rounds)\n"
           "parse only:             %.0f tokens/s (%.2f s CPU, %.2f s wall)\n"
           "parse+code+store:       %.0f tokens/s (%.2f s CPU, %.2f s wall)\n"
           "overhead_percent %.1f\n",
           nd, tokens, events, rounds, tokens / parse_cpu, parse_cpu, parse_wall, tokens / pipe_cpu,
           pipe_cpu, pipe_wall, over);
  rc = 0;
out:
  for (int i = 0; docs && i < nd; i++) free(docs[i]);
  free(docs);
  cli_env_free(&env);
out0:
  dy_arena_free(ta);
  dy_arena_free(a);
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
  if (strcmp(argv[1], "pipeline") == 0) return bench_pipeline(argc - 1, argv + 1);
  cli_error("bench: unknown benchmark '%s' (dict, code, parse)", argv[1]);
  return 2;
}
