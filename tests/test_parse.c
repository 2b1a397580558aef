/*
** test_parse.c: the model file (save/load round trip, corrupt and
** truncated files), the tagger and parser accuracy floors on a slice of
** EWT dev, and the whole pipeline on raw text.
**
** A small model is trained here in a few seconds (first 600 training
** sentences, small tables); when the full model exists ($DYAD_MODEL, else
** build/en_ewt.model, which `make` builds) its floors are checked too.
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
#include <xxhash.h>
#include "dyad/arena.h"
#include "dyad/conllu.h"
#include "dyad/model.h"
#include "dyad/parse.h"
#include "../src/parse/internal.h"
#include "helpers.h"

static char treebank[1024];
static dy_model *small, *small_beam, *small_rounds, *small_noguide;
static char tmpdir[] = "/tmp/dyad_test_parse_XXXXXX";

static int setup(void **state) {
  (void)state;
  snprintf(treebank, sizeof treebank, "%s/treebank/en_ewt", test_data_dir());
  if (!mkdtemp(tmpdir)) return -1;
  dy_train_opts o = { .tag_epochs = 3, .parse_epochs = 3, .folds = 1, .max_sentences = 600,
                      .small = 1, .verbose = 0 };
  dy_error err;
  if (dy_model_train(treebank, &o, &small, &err) != DY_OK) {
    fprintf(stderr, "# cannot train: %s\n", err.message);
    return -1;
  }
  o.parse_rounds = 3;
  if (dy_model_train(treebank, &o, &small_rounds, &err) != DY_OK) {
    fprintf(stderr, "# cannot train three rounds: %s\n", err.message);
    return -1;
  }
  o.parse_rounds = 0;
  o.no_guide = 1;
  if (dy_model_train(treebank, &o, &small_noguide, &err) != DY_OK) {
    fprintf(stderr, "# cannot train without a guide: %s\n", err.message);
    return -1;
  }
  o.no_guide = 0;
  o.beam = 4;
  if (dy_model_train(treebank, &o, &small_beam, &err) != DY_OK) {
    fprintf(stderr, "# cannot train with a beam: %s\n", err.message);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  dy_model_free(small);
  dy_model_free(small_beam);
  dy_model_free(small_rounds);
  dy_model_free(small_noguide);
  char p[256];
  snprintf(p, sizeof p, "%s/m", tmpdir);
  remove(p);
  rmdir(tmpdir);
  return 0;
}

typedef struct scores { double upos, las; long words; } scores;

/* Tag and parse the first n dev sentences with m; fills sc. If out is not
** NULL, the predictions are written there as CoNLL-U. */
/* EWT dev, read a sentence at a time. */
typedef struct dev_reader { FILE *f; dy_conllu_reader *r; dy_arena *a; } dev_reader;

static void dev_open(dev_reader *d) {
  char path[1200];
  snprintf(path, sizeof path, "%s/dev.conllu", treebank);
  d->f = fopen(path, "rb");
  assert_non_null(d->f);
  d->r = dy_conllu_open_stream(d->f, path);
  d->a = dy_arena_new(0);
}

static void dev_close(dev_reader *d) {
  dy_arena_free(d->a);
  dy_conllu_close(d->r);
  fclose(d->f);
}

/* The next dev sentence (NULL at the end), and in *s its words tagged by
** m; both live in d->a until the next call. */
static const dy_sentence *dev_next_tagged(dev_reader *d, const dy_model *m, dy_sentence *s) {
  dy_sentence *g;
  dy_error err;
  dy_arena_reset(d->a);
  assert_int_equal(dy_conllu_next(d->r, d->a, &g, &err), DY_OK);
  if (!g) return NULL;
  *s = *g;
  s->tok = dy_arena_calloc(d->a, (size_t)g->n + 1, sizeof *s->tok);
  for (int i = 0; i < g->n; i++) {
    s->tok[i].form = g->tok[i].form;
    s->tok[i].space_after = g->tok[i].space_after;
  }
  assert_int_equal(dy_tag_sentence(m, s, d->a), DY_OK);
  return g;
}

static void run_dev(const dy_model *m, int n, scores *sc, FILE *out) {
  dev_reader d;
  dev_open(&d);
  dy_arena *a = d.a;
  long ok_upos = 0, ok_las = 0, total = 0;
  for (int k = 0; k < n; k++) {
    dy_sentence s;
    const dy_sentence *g = dev_next_tagged(&d, m, &s);
    if (!g) break;
    assert_int_equal(dy_parse_sentence(m, &s, a), DY_OK);
    int roots = 0;
    for (int i = 0; i < g->n; i++) {
      assert_true(s.tok[i].head >= 0 && s.tok[i].head <= g->n && s.tok[i].head != i + 1);
      roots += s.tok[i].head == 0;
      ok_upos += s.tok[i].upos == g->tok[i].upos;
      ok_las += s.tok[i].head == g->tok[i].head && s.tok[i].deprel == g->tok[i].deprel;
      total++;
    }
    assert_int_equal(roots, 1);
    if (out) dy_conllu_write(out, &s);
  }
  dev_close(&d);
  sc->upos = 100.0 * (double)ok_upos / (double)total;
  sc->las = 100.0 * (double)ok_las / (double)total;
  sc->words = total;
}

static char *slurp(FILE *f, size_t *len) {
  fflush(f);
  long n = ftell(f);
  rewind(f);
  char *b = malloc((size_t)n + 1);
  *len = fread(b, 1, (size_t)n, f);
  b[*len] = 0;
  return b;
}

/* Save m, load it back and parse 40 dev sentences with both. */
static void round_trip(const dy_model *m) {
  char path[256];
  snprintf(path, sizeof path, "%s/m", tmpdir);
  dy_error err;
  assert_int_equal(dy_model_save(m, path, &err), DY_OK);
  dy_model *back;
  assert_int_equal(dy_model_load(path, &back, &err), DY_OK);
  FILE *f1 = tmpfile(), *f2 = tmpfile();
  scores a, b;
  run_dev(m, 40, &a, f1);
  run_dev(back, 40, &b, f2);
  size_t n1, n2;
  char *s1 = slurp(f1, &n1), *s2 = slurp(f2, &n2);
  assert_true(n1 > 1000);
  assert_int_equal(n1, n2);
  assert_memory_equal(s1, s2, n1);
  free(s1); free(s2);
  fclose(f1); fclose(f2);
  dy_model_free(back);
}

static void test_parse_model_round_trip(void **state) {
  (void)state;
  round_trip(small);
  round_trip(small_beam);  /* the beam width travels with the weights */
}

static void test_parse_corrupt_model_is_an_error(void **state) {
  (void)state;
  char path[256];
  snprintf(path, sizeof path, "%s/m", tmpdir);
  dy_error err;
  assert_int_equal(dy_model_save(small, path, &err), DY_OK);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  size_t len;
  fseek(f, 0, SEEK_END);
  char *img = slurp(f, &len);
  fclose(f);
  dy_model *m = (dy_model *)1;
  /* intact */
  assert_int_equal(dy_model_load_mem(img, len, "m", &m, &err), DY_OK);
  dy_model_free(m);
  /* one flipped byte in the weights */
  img[len / 2] ^= 0x40;
  assert_int_equal(dy_model_load_mem(img, len, "m", &m, &err), DY_EFORMAT);
  assert_null(m);
  assert_non_null(strstr(err.message, "checksum"));
  img[len / 2] ^= 0x40;
  /* truncated, at several places */
  size_t cuts[] = { 0, 7, 31, 100, len / 3, len - 1 };
  for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
    assert_int_equal(dy_model_load_mem(img, cuts[i], "m", &m, &err), DY_EFORMAT);
    assert_null(m);
  }
  /* a model trained with other feature templates (its fingerprint, the
  ** last two u32 of the HEAD chunk, changed and the checksum made right) */
  {
    uint64_t hoff, hsize, sum;
    memcpy(&hoff, img + 32 + 8, 8);
    memcpy(&hsize, img + 32 + 16, 8);
    assert_true(hoff + hsize <= len && hsize >= 8);
    img[hoff + hsize - 1] ^= 0x11;
    sum = XXH64(img + 32, len - 32, 0);
    char save[8];
    memcpy(save, img + 24, 8);
    memcpy(img + 24, &sum, 8);
    assert_int_equal(dy_model_load_mem(img, len, "m", &m, &err), DY_EFORMAT);
    assert_null(m);
    assert_non_null(strstr(err.message, "other tagger or parser features"));
    img[hoff + hsize - 1] ^= 0x11;
    memcpy(img + 24, save, 8);
    assert_int_equal(dy_model_load_mem(img, len, "m", &m, &err), DY_OK);
    dy_model_free(m);
    /* a beam width (the u32 before the fingerprint) of 0 or of 65 */
    static const uint32_t widths[] = { 0, 65 };
    for (int i = 0; i < 2; i++) {
      unsigned char *bw = (unsigned char *)img + hoff + hsize - 12;
      uint32_t old;
      memcpy(&old, bw, 4);
      assert_int_equal(old, 1);
      memcpy(bw, &widths[i], 4);
      sum = XXH64(img + 32, len - 32, 0);
      memcpy(img + 24, &sum, 8);
      assert_int_equal(dy_model_load_mem(img, len, "m", &m, &err), DY_EFORMAT);
      assert_null(m);
      assert_non_null(strstr(err.message, "beam width"));
      memcpy(bw, &old, 4);
      memcpy(img + 24, save, 8);
    }
    assert_int_equal(dy_model_load_mem(img, len, "m", &m, &err), DY_OK);
    dy_model_free(m);
  }
  /* the guide parser's table a byte short: refused */
  {
    uint32_t nc;
    memcpy(&nc, img + 12, 4);
    size_t at = 0;
    for (uint32_t i = 0; i < nc; i++)
      if (memcmp(img + 32 + 24 * i, "GDPD", 4) == 0) at = 32 + 24 * (size_t)i + 16;
    assert_true(at > 0);
    uint64_t size, shorter, sum;
    memcpy(&size, img + at, 8);
    assert_true(size > 0);
    shorter = size - 1;
    memcpy(img + at, &shorter, 8);
    char save[8];
    memcpy(save, img + 24, 8);
    sum = XXH64(img + 32, len - 32, 0);
    memcpy(img + 24, &sum, 8);
    assert_int_equal(dy_model_load_mem(img, len, "m", &m, &err), DY_EFORMAT);
    assert_null(m);
    assert_non_null(strstr(err.message, "guide parser"));
    memcpy(img + at, &size, 8);
    memcpy(img + 24, save, 8);
  }
  /* wrong magic, future version */
  img[0] = 'X';
  assert_int_equal(dy_model_load_mem(img, len, "m", &m, &err), DY_EFORMAT);
  img[0] = 'D';
  img[8] = 99;
  assert_int_equal(dy_model_load_mem(img, len, "m", &m, &err), DY_EFORMAT);
  assert_non_null(strstr(err.message, "version"));
  free(img);
  /* missing file */
  assert_int_equal(dy_model_load("/nonexistent/dyad.model", &m, &err), DY_EIO);
  assert_null(m);
}

static void test_parse_small_model_floors(void **state) {
  (void)state;
  scores sc;
  run_dev(small, 200, &sc, NULL);
  fprintf(stderr, "# small model, 200 dev sentences: UPOS %.2f LAS %.2f\n", sc.upos, sc.las);
  assert_true(sc.upos >= 87.0);
  assert_true(sc.las >= 58.0);
}

static void test_parse_small_beam_model_floors(void **state) {
  (void)state;
  scores sc;
  run_dev(small_beam, 200, &sc, NULL);
  fprintf(stderr, "# small model with a beam of 4, 200 dev sentences: UPOS %.2f LAS %.2f\n",
          sc.upos, sc.las);
  assert_true(sc.las >= 58.0);
}

/* Three rounds summed: each round visits the sentences in other orders and
** learns weights the others do not (the sum holds them all), and the sum
** parses at least as well as the floor of one round. */
static void test_parse_rounds_are_summed(void **state) {
  (void)state;
  uint32_t one = small->par_w.off[small->par_w.rows];
  uint32_t three = small_rounds->par_w.off[small_rounds->par_w.rows];
  fprintf(stderr, "# parser weights: one round %u, three rounds %u\n", one, three);
  assert_true(three > one + one / 10);
  scores sc;
  run_dev(small_rounds, 200, &sc, NULL);
  fprintf(stderr, "# small model, three rounds, 200 dev sentences: LAS %.2f\n", sc.las);
  assert_true(sc.las >= 58.0);
  round_trip(small_rounds);
}

enum { GUIDE_ALONE, PARSER_UNGUIDED, PARSER_GUIDED };

/* UAS over the first n dev sentences, tagged by m, of m's guide parser
** alone, of its parser without the guide's parse, or of both as dyad
** parses (mode). */
static double dev_uas(const dy_model *m, int n, int mode) {
  dev_reader d;
  dev_open(&d);
  dy_arena *a = d.a;
  long ok = 0, total = 0;
  for (int k = 0; k < n; k++) {
    dy_sentence s;
    const dy_sentence *g = dev_next_tagged(&d, m, &s);
    if (!g) break;
    int nw = g->n;
    dy_word *w = dy_arena_alloc(a, (size_t)nw * sizeof *w);
    int *cls = dy_arena_alloc(a, (size_t)nw * sizeof *cls);
    int *head = dy_arena_alloc(a, (size_t)nw * sizeof *head);
    int *lab = dy_arena_alloc(a, (size_t)nw * sizeof *lab);
    for (int i = 0; i < nw; i++) {
      dy_word_prepare(s.tok[i].form, strlen(s.tok[i].form), &w[i]);
      cls[i] = 0;
      for (uint32_t c = 0; c < m->n_tags; c++)
        if (m->tags[c].upos == s.tok[i].upos &&
            strcmp(dy_model_str(m, m->tags[c].xpos), s.tok[i].xpos) == 0) cls[i] = (int)c;
    }
    dy_status rc = mode == GUIDE_ALONE
      ? dy_parse_reversed(&m->gd, DY_GUIDE_LABELS, 0, a, nw, w, cls, head, lab)
      : mode == PARSER_UNGUIDED
      ? dy_parse_beam(m, &m->par_w, a, (int)m->par_beam, nw, w, cls, NULL, head, lab)
      : dy_parse_words(m, a, nw, w, cls, head, lab);
    assert_int_equal(rc, DY_OK);
    int roots = 0;
    for (int i = 0; i < nw; i++) {
      assert_true(head[i] >= 0 && head[i] <= nw && head[i] != i + 1);
      assert_true(lab[i] >= 0 && lab[i] < (mode == GUIDE_ALONE ? DY_GUIDE_LABELS : (int)m->n_labels));
      roots += head[i] == 0;
      ok += head[i] == g->tok[i].head;
      total++;
    }
    assert_int_equal(roots, 1);
  }
  dev_close(&d);
  return 100.0 * (double)ok / (double)(total ? total : 1);
}

/* Every relation has a guide label, the root's alone being 0. */
static void test_parse_guide_labels(void **state) {
  (void)state;
  for (int d = 0; d < DY_DEP_COUNT; d++) {
    int g = dy_guide_label(d);
    assert_true(g >= 0 && g < DY_GUIDE_LABELS);
    assert_int_equal(g == 0, d == DY_DEP_ROOT);
  }
  assert_int_equal(dy_guide_label(DY_DEP_NSUBJ), dy_guide_label(DY_DEP_CSUBJ));
  assert_true(dy_guide_label(DY_DEP_NSUBJ) != dy_guide_label(DY_DEP_OBJ));
  assert_true(dy_guide_label(DY_DEP_CASE) != dy_guide_label(DY_DEP_NMOD));
}

/* "They met in Minsk ." with heads 2 0 4 2 2: the root hangs from ROOT
** (word 6), and the rightmost word each word heads is found. */
static void test_parse_guide_make(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  const int gh[] = { 2, 0, 4, 2, 2 }, gl[] = { 1, 0, 5, 3, 8 };
  dy_guide *g = dy_guide_make(a, 5, gh, gl);
  assert_non_null(g);
  const int h[] = { 0, 2, 6, 4, 2, 2 }, d[] = { 0, 0, 5, 0, 3, 0 };
  for (int i = 1; i <= 5; i++) {
    assert_int_equal(g->h[i], h[i]);
    assert_int_equal(g->d[i], d[i]);
    assert_int_equal(g->l[i], gl[i - 1]);
  }
  dy_arena_free(a);
}

/* The guide parser reads the sentence right to left: its trees, turned
** back, agree with dev's (a tree left reversed would not), and the parser
** trained on its trees leans on them, parsing worse without, greedy or
** with a beam. A model trained with --no-guide has none and parses as
** before. */
static void test_parse_guide(void **state) {
  (void)state;
  assert_true(small->gd.rows > 0);
  assert_true(small_beam->gd.rows > 0);
  assert_int_equal(small_noguide->gd.rows, 0);
  double bguided = dev_uas(small_beam, 200, PARSER_GUIDED);
  double bunguided = dev_uas(small_beam, 200, PARSER_UNGUIDED);
  fprintf(stderr, "# small model with a beam of 4, 200 dev sentences, UAS: %.2f, without its "
          "guide %.2f\n", bguided, bunguided);
  assert_true(bguided >= bunguided + 2.0);
  double alone = dev_uas(small, 200, GUIDE_ALONE);
  double guided = dev_uas(small, 200, PARSER_GUIDED);
  double unguided = dev_uas(small, 200, PARSER_UNGUIDED);
  double plain = dev_uas(small_noguide, 200, PARSER_GUIDED);
  fprintf(stderr, "# small model, 200 dev sentences, UAS: guide alone %.2f, parser %.2f, "
          "parser without its guide %.2f, model without a guide %.2f\n",
          alone, guided, unguided, plain);
  assert_true(alone >= 55.0);
  assert_true(guided >= 62.0);
  assert_true(guided >= unguided + 2.0);
  assert_true(plain >= 62.0);
  round_trip(small_noguide);
}

/* A weight table of two rows for 10 classes (dense rows are 5 entries of
** two weights): row 0 dense, row 1 sparse. */
static void test_parse_weight_rows(void **state) {
  (void)state;
  enum { NCLS = 10 };
  assert_int_equal(DY_WTAB_DENSE(NCLS), 16);
  assert_int_equal(DY_WTAB_HALF(NCLS), 8);
  int32_t want[16] = { 0 };
  dy_wentry e[8 + 3];
  for (int j = 0; j < 8; j++) {
    int lo = (j % 2 ? -1 : 1) * (1000 * j + 7), hi = j + 8 < NCLS ? -32767 + j : 0;
    e[j] = DY_WENTRY_PAIR(lo, hi);
    want[j] += lo;
    want[j + 8] += hi;
  }
  e[8] = DY_WENTRY(3, -5);
  e[9] = DY_WENTRY(9, 32767);
  e[10] = DY_WENTRY(0, -32768);
  uint32_t off[3] = { 0, 8, 11 };
  dy_wtab t = { .rows = 2, .ncls = NCLS, .off = off, .e = e };
  want[3] += -5; want[9] += 32767; want[0] += -32768;
  /* row 0 twice and row 1 once */
  int32_t got[16] = { 0 };
  uint32_t rows[3] = { 0, 1, 0 };
  dy_wtab_score(&t, rows, 3, got);
  for (int j = 0; j < 8; j++) {
    int lo = (j % 2 ? -1 : 1) * (1000 * j + 7), hi = j + 8 < NCLS ? -32767 + j : 0;
    want[j] += lo;
    want[j + 8] += hi;
  }
  assert_memory_equal(got, want, sizeof want);
  /* the same, worked out by hand */
  assert_int_equal(got[0], 14 - 32768);
  assert_int_equal(got[1], -2014);
  assert_int_equal(got[3], -6014 - 5);
  assert_int_equal(got[8], -65534);
  assert_int_equal(got[9], -65532 + 32767);
  for (int k = 10; k < 16; k++) assert_int_equal(got[k], 0);
}

/* The same table in 8 bits (the guide parser's form), worked out by hand:
** row 0's largest weight is 32767, so its scale is 2^8 and 2007 is stored
** as 8 (2007 / 256 = 7.84); row 1's largest is 32768, scale 2^9. */
static void test_parse_dense_rows(void **state) {
  (void)state;
  enum { NCLS = 10 };
  dy_wentry e[8 + 3];
  for (int j = 0; j < 8; j++)
    e[j] = DY_WENTRY_PAIR((j % 2 ? -1 : 1) * (1000 * j + 7), j + 8 < NCLS ? -32767 + j : 0);
  e[8] = DY_WENTRY(3, -5);
  e[9] = DY_WENTRY(9, 32767);
  e[10] = DY_WENTRY(0, -32768);
  uint32_t off[3] = { 0, 8, 11 };
  dy_wtab t = { .rows = 2, .ncls = NCLS, .off = off, .e = e };
  dy_dtab d;
  assert_true(dy_dtab_from_wtab(&t, &d));
  assert_int_equal(d.rows, 2);
  static const int8_t row0[NCLS] = { 0, -4, 8, -12, 16, -20, 23, -27, -127, -127 };
  static const int8_t row1[NCLS] = { -64, 0, 0, 0, 0, 0, 0, 0, 0, 64 };
  assert_memory_equal(d.w, row0, NCLS);
  assert_memory_equal(d.w + DY_DTAB_ROW, row1, NCLS);
  assert_int_equal(d.w[DY_DTAB_ROW - 1], 8);
  assert_int_equal(d.w[2 * DY_DTAB_ROW - 1], 9);
  int32_t got[32] = { 0 };
  uint32_t rows[3] = { 0, 1, 0 };
  dy_dtab_score(&d, rows, 3, got);
  assert_int_equal(got[0], -64 * 512);
  assert_int_equal(got[1], 2 * -4 * 256);
  assert_int_equal(got[3], 2 * -12 * 256);
  assert_int_equal(got[8], 2 * -127 * 256);
  assert_int_equal(got[9], 2 * -127 * 256 + 64 * 512);
  for (int k = NCLS; k < 32; k++) assert_int_equal(got[k], 0);
  free((void *)d.w);
}

/* A score for action act in configuration s that depends on everything
** in s: the stack, the buffer front and every arc made so far. */
static float toy_score(const dy_pstate *s, int act) {
  uint64_t h = 0x9e3779b97f4a7c15ULL * (uint64_t)(act + 1);
  for (int i = 0; i < s->sp; i++) h = h * 31 + (uint64_t)s->stack[i];
  h = h * 31 + (uint64_t)s->b;
  for (int i = 1; i <= s->n; i++) h = h * 131 + (uint64_t)(s->head[i] * 7 + s->label[i]);
  h ^= h >> 29; h *= 0xbf58476d1ce4e5b9ULL; h ^= h >> 32;
  return (float)(h % 1000) - 500.0f;
}

/* The best total score of any complete transition sequence from s. */
static double toy_best(const dy_pstate *s, int root, int *count) {
  if (dy_pstate_done(s)) { ++*count; return 0; }
  size_t bytes = dy_pstate_bytes(s->n);
  double best = -1e300;
  for (int act = 0; act < 1 + 2 * s->nlab; act++) {
    if (!dy_pstate_valid(s, act, root)) continue;
    void *block = malloc(bytes);
    dy_pstate t;
    dy_pstate_init(&t, block, s->n, s->nlab, s->W, s->P);
    dy_pstate_copy(&t, s);
    dy_pstate_apply(&t, act);
    double v = toy_score(s, act) + toy_best(&t, root, count);
    if (v > best) best = v;
    free(block);
  }
  return best;
}

static void test_parse_beam_search_finds_the_best_sequence(void **state) {
  (void)state;
  enum { N = 5, NLAB = 3, ROOT = 1, STRIDE = 8 };
  uint64_t W[N + 2] = { 0 };
  uint32_t P[N + 2] = { 0 };
  dy_arena *a = dy_arena_new(0);
  /* exhaustively: every valid sequence of 5 words and 3 labels */
  dy_pstate s0;
  dy_pstate_init(&s0, dy_arena_alloc(a, dy_pstate_bytes(N)), N, NLAB, W, P);
  int count = 0;
  double best = toy_best(&s0, ROOT, &count);
  assert_true(count > 1000 && count <= 4096);
  for (int k = 1; k <= 4096; k *= 8) {
    dy_beam *b = dy_beam_new(a, k, N, NLAB, W, P, NULL);
    assert_non_null(b);
    float *sc = dy_arena_alloc(a, (size_t)k * STRIDE * sizeof *sc);
    for (int t = 0; t < 2 * N; t++) {
      assert_false(dy_pstate_done(dy_beam_items(b)));
      for (int i = 0; i < b->nc; i++)
        for (int act = 0; act < 1 + 2 * NLAB; act++)
          sc[i * STRIDE + act] = toy_score(&dy_beam_items(b)[i], act);
      dy_beam_step(b, sc, STRIDE, ROOT);
      for (int i = 1; i < b->nc; i++) assert_true(dy_beam_score(b, i - 1) >= dy_beam_score(b, i));
    }
    const dy_pstate *top = dy_beam_items(b);
    assert_true(dy_pstate_done(top));
    int roots = 0;
    for (int i = 1; i <= N; i++) roots += top->head[i] == N + 1;
    assert_int_equal(roots, 1);
    /* no beam beats the exhaustive search, and one as wide as the number
    ** of complete sequences holds every prefix, so it finds the best */
    assert_true(dy_beam_score(b, 0) <= best);
    if (k == 4096) assert_true(dy_beam_score(b, 0) == best);
  }
  dy_arena_free(a);
}

static void test_parse_full_model_floors(void **state) {
  (void)state;
  const char *path = getenv("DYAD_MODEL");
  if (!path || !*path) path = "build/en_ewt.model";
  if (access(path, R_OK) != 0) {
    fprintf(stderr, "# skipped: no full model at %s\n", path);
    return;
  }
  dy_model *m;
  dy_error err;
  dy_status rc = dy_model_load(path, &m, &err);
  if (rc == DY_EFORMAT && strstr(err.message, "version")) {
    fprintf(stderr, "# skipped: %s is a model of an older format (make retrains it)\n", path);
    return;
  }
  assert_int_equal(rc, DY_OK);
  scores sc;
  run_dev(m, 300, &sc, NULL);
  fprintf(stderr, "# full model, 300 dev sentences: UPOS %.2f LAS %.2f\n", sc.upos, sc.las);
  assert_true(sc.upos >= 95.0);
  assert_true(sc.las >= 80.0);
  dy_model_free(m);
}

static void test_parse_raw_text(void **state) {
  (void)state;
  const char *text = "MINSK, June 3 (BelTA) - Belarus and China didn't sign the deal.\n\n"
                     "Lukashenko met Xi in Beijing. \xFF They talked.";
  dy_arena *a = dy_arena_new(0);
  dy_sentence *sv;
  int32_t n;
  size_t bad;
  assert_int_equal(dy_parse_text(small, text, strlen(text), a, &sv, &n, &bad), DY_OK);
  assert_int_equal(n, 3);
  assert_int_equal(bad, 1);
  for (int32_t k = 0; k < n; k++) {
    int roots = 0;
    for (int i = 0; i < sv[k].n; i++) {
      assert_true(sv[k].tok[i].head >= 0 && sv[k].tok[i].head <= sv[k].n);
      assert_true(sv[k].tok[i].upos > 0 && sv[k].tok[i].deprel > 0);
      assert_non_null(sv[k].tok[i].lemma);
      roots += sv[k].tok[i].head == 0;
    }
    assert_int_equal(roots, 1);
  }
  assert_int_equal(sv[0].n_mwt, 1);
  dy_arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_parse_model_round_trip),
    cmocka_unit_test(test_parse_corrupt_model_is_an_error),
    cmocka_unit_test(test_parse_small_model_floors),
    cmocka_unit_test(test_parse_small_beam_model_floors),
    cmocka_unit_test(test_parse_rounds_are_summed),
    cmocka_unit_test(test_parse_guide_labels),
    cmocka_unit_test(test_parse_guide_make),
    cmocka_unit_test(test_parse_guide),
    cmocka_unit_test(test_parse_beam_search_finds_the_best_sequence),
    cmocka_unit_test(test_parse_weight_rows),
    cmocka_unit_test(test_parse_dense_rows),
    cmocka_unit_test(test_parse_full_model_floors),
    cmocka_unit_test(test_parse_raw_text),
  };
  cmocka_set_message_output(CM_OUTPUT_TAP);
  return cmocka_run_group_tests(tests, setup, teardown);
}
