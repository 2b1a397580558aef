/*
** bench_parse.c: `dyad bench parse`, the throughput of the whole pipeline
** from raw text (normalize, tokenize, split, tag, lemmatize, parse).
**
** The input is built from the treebank's own sentences ("# text" of
** train.conllu), shuffled with a fixed seed and repeated until it holds
** the requested number of words, in paragraphs of eight sentences. Threads
** share the one read-only model and take paragraphs in turn, each with its
** own arena. Figures only; nothing is asserted.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "dyad/arena.h"
#include "dyad/conllu.h"
#include "dyad/parse.h"
#include "cli.h"

static void help(FILE *f) {
  fputs(
    "usage: dyad bench parse [--model MODEL] [--threads N] [--words N] [--json]\n"
    "\n"
    "Measure tokenize + tag + parse throughput on raw text built from the\n"
    "EWT training sentences (shuffled, repeated), and print tokens per\n"
    "second, the thread count and the peak resident memory with the model\n"
    "loaded. The treebank is read from $DYAD_DATA/treebank/en_ewt.\n"
    "\n"
    "options:\n"
    "  --model MODEL   model file (default $DYAD_MODEL, else en_ewt.model\n"
    "                  beside the dyad binary)\n"
    "  --threads N     worker threads sharing the model (default 1)\n"
    "  --words N       size of the text in words (default 1000000)\n"
    "  --json          one JSON object: tokens_per_sec, threads, peak_rss_mb,\n"
    "                  tokens, seconds\n"
    "  -h, --help      this help\n"
    "\n"
    "exit status: 0 figures printed, 2 an error.\n"
    "\n"
    "example:\n"
    "  dyad bench parse --threads 2 --json\n",
    f);
}

typedef struct job {
  const dy_model *m;     /* shared model */
  char **para;           /* paragraphs */
  size_t *plen;          /* their lengths */
  int np;                /* number of paragraphs */
  int first, step;       /* this worker takes first, first+step, ... */
  long tokens;           /* surface tokens produced */
  int failed;            /* 1 on error */
} job;

static void *work(void *arg) {
  job *j = arg;
  dy_arena *a = dy_arena_new(1 << 20);
  if (!a) { j->failed = 1; return NULL; }
  for (int i = j->first; i < j->np; i += j->step) {
    dy_arena_reset(a);
    dy_sentence *sv;
    int32_t ns;
    if (dy_parse_text(j->m, j->para[i], j->plen[i], a, &sv, &ns, NULL) != DY_OK) {
      j->failed = 1;
      break;
    }
    for (int32_t k = 0; k < ns; k++) {
      int32_t words_in_mwt = 0;
      for (int32_t q = 0; q < sv[k].n_mwt; q++)
        words_in_mwt += sv[k].mwt[q].last - sv[k].mwt[q].first;
      j->tokens += sv[k].n - words_in_mwt;
    }
  }
  dy_arena_free(a);
  return NULL;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int cli_bench_parse(int argc, char **argv) {
  const char *model = NULL;
  int threads = 1, json = 0;
  long want = 1000000;
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) { help(stdout); return 0; }
    if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) model = argv[++i];
    else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) threads = atoi(argv[++i]);
    else if (strcmp(argv[i], "--words") == 0 && i + 1 < argc) want = atol(argv[++i]);
    else if (strcmp(argv[i], "--json") == 0) json = 1;
    else { cli_error("bench parse: unknown option '%s'", argv[i]); return 2; }
  }
  if (threads < 1 || threads > 256 || want < 1) { cli_error("bench parse: bad --threads or --words"); return 2; }
  const char *data = cli_data_dir();
  if (!data) { cli_error("bench parse: no data folder (set DYAD_DATA)"); return 2; }
  char path[4096];
  snprintf(path, sizeof path, "%s/treebank/en_ewt/train.conllu", data);
  FILE *f = fopen(path, "rb");
  if (!f) { cli_error("bench parse: cannot open %s", path); return 2; }
  dy_conllu_reader *r = dy_conllu_open_stream(f, path);
  dy_arena *ta = dy_arena_new(1 << 22);
  const char **texts = NULL;
  long nt = 0, cap = 0, words = 0;
  dy_error err;
  for (;;) {
    dy_sentence *s;
    if (dy_conllu_next(r, ta, &s, &err) != DY_OK) continue;
    if (!s) break;
    if (!s->text || !*s->text) continue;
    if (nt == cap) {
      cap = cap ? cap * 2 : 4096;
      const char **nv = realloc(texts, (size_t)cap * sizeof *nv);
      if (!nv) break;
      texts = nv;
    }
    texts[nt++] = s->text;
    words += s->n;
  }
  dy_conllu_close(r);
  fclose(f);
  if (nt == 0) { cli_error("bench parse: no sentences in %s", path); return 2; }
  /* shuffled, repeated, in paragraphs of 8 sentences */
  long rounds = (want + words - 1) / words;
  long total = rounds * nt;
  long *order = malloc((size_t)total * sizeof *order);
  int np = (int)((total + 7) / 8);
  char **para = malloc((size_t)np * sizeof *para);
  size_t *plen = malloc((size_t)np * sizeof *plen);
  if (!order || !para || !plen) { cli_error("bench parse: out of memory"); return 2; }
  uint64_t seed = 88172645463325252ULL;
  for (long i = 0; i < total; i++) order[i] = i % nt;
  for (long i = total - 1; i > 0; i--) {
    seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
    long k = (long)(seed % (uint64_t)(i + 1));
    long t = order[i]; order[i] = order[k]; order[k] = t;
  }
  for (int p = 0; p < np; p++) {
    size_t len = 0;
    for (long i = (long)p * 8; i < total && i < (long)p * 8 + 8; i++) len += strlen(texts[order[i]]) + 1;
    para[p] = dy_arena_alloc(ta, len + 1);
    len = 0;
    for (long i = (long)p * 8; i < total && i < (long)p * 8 + 8; i++) {
      size_t l = strlen(texts[order[i]]);
      memcpy(para[p] + len, texts[order[i]], l);
      len += l;
      para[p][len++] = ' ';
    }
    para[p][len] = 0;
    plen[p] = len;
  }
  dy_model *m = cli_model_load(model);
  if (!m) return 2;
  job *jobs = calloc((size_t)threads, sizeof *jobs);
  pthread_t *tid = calloc((size_t)threads, sizeof *tid);
  double t0 = now();
  for (int t = 0; t < threads; t++) {
    jobs[t] = (job){ m, para, plen, np, t, threads, 0, 0 };
    if (threads > 1) pthread_create(&tid[t], NULL, work, &jobs[t]);
  }
  if (threads == 1) work(&jobs[0]);
  else for (int t = 0; t < threads; t++) pthread_join(tid[t], NULL);
  double secs = now() - t0;
  long tokens = 0;
  int failed = 0;
  for (int t = 0; t < threads; t++) { tokens += jobs[t].tokens; failed |= jobs[t].failed; }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double rss = (double)ru.ru_maxrss / 1024.0;
  double tps = secs > 0 ? (double)tokens / secs : 0;
  if (json)
    printf("{\"tokens_per_sec\": %.0f, \"threads\": %d, \"peak_rss_mb\": %.1f, \"tokens\": %ld, "
           "\"seconds\": %.3f}\n", tps, threads, rss, tokens, secs);
  else
    printf("parse: %ld tokens in %.3f s on %d thread%s: %.0f tokens/s; peak RSS %.1f MB\n",
           tokens, secs, threads, threads == 1 ? "" : "s", tps, rss);
  free(jobs); free(tid); free(order); free(para); free(plen); free(texts);
  dy_model_free(m);
  dy_arena_free(ta);
  return failed ? 2 : 0;
}
