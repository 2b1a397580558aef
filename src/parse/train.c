/*
** train.c: dy_model_train, which learns the whole model from a UD treebank
** folder (train.conllu, and dev.conllu to choose the parser's epoch).
**
**   1. tag classes are the (UPOS, XPOS) pairs of train, labels its
**      (relation, subtype) pairs;
**   2. both tagger passes are trained k times on k-1 folds (contiguous
**      blocks of sentences) to tag the held-out fold (jackknifing), so the
**      parser learns from tags as wrong as the ones it will see, then once
**      on everything; each training is three trainings on three orders of
**      the sentences, summed (train_tagger);
**   3. the lexicon (form, class) -> lemma, FEATS and the lemma suffix rules
**      are counted from train;
**   4. the parser is an averaged perceptron over arc-hybrid transitions
**      trained with the dynamic oracle of Goldberg and Nivre (2013): after
**      the first epoch it follows its own (possibly wrong) predictions 90%
**      of the time and learns the best move from the state it reached,
**      with a margin (MARGIN). Rare words are hidden from it now and then
**      (word dropout). The averaged weights of the epoch with the best dev
**      LAS are kept. The parser is trained six times (rounds), each on its
**      own orders of the sentences, and the six are summed into one
**      (train_parser).
**      Before it, a guide parser is trained the same way on the sentences
**      reversed, with coarse labels (train_guide), and
**      the parser learns with the guide's parse of each sentence as
**      features (stacking, Nivre and McDonald 2008): a right-to-left parse
**      tells the left-to-right one about the words it has not read yet.
**      The guide's parses of train come from guides trained on the other
**      folds, so the parser learns to trust them as much as they deserve.
**      With a beam (--beam K) the parser is instead a structured
**      perceptron over whole transition sequences, searched with a beam
**      of K and updated where the beam's best leads the gold sequence by
**      most (beam_sentence), with the same guide.
**
** Weights are trained in dense float tables (rows x stride; 2^20 parser
** rows are 0.9 GB with their averaging sums) and stored sparse and
** quantized (compact()). Measured on EWT dev (LAS with subtypes, best
** epoch): 2^18 dense float rows 80.50; sparse 2^21 rows 81.23; 2^20 and
** 2^21 rows agree within 0.05, so 2^20 is the default.
**
** Averaging uses the usual trick: besides the weights w, u accumulates
** c * delta for each update at step c, and the average is w - u / c.
*/
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "dyad/conllu.h"
#include "dyad/parse.h"
#include "dyad/text.h"
#include "internal.h"
#include "../util/util.h"

/* A treebank split turned into arrays. */
typedef struct corpus {
  int ns;                /* sentences */
  int nw;                /* words */
  int *off;              /* sentence i is words off[i] .. off[i+1]-1 */
  dy_word *w;            /* word atoms */
  int *gold;             /* gold class (-1 if unknown) */
  int *pred;             /* predicted class */
  int *head;             /* gold head, 1-based within the sentence, 0 root */
  int *lab;              /* gold label (-1 if unknown) */
  const dy_token **tok;  /* the tokens (forms, lemmas, feats) */
  int *ghead, *glab;     /* the guide parse (heads 1-based, 0 root), or NULL */
} corpus;

/* A counting hash entry used while training. */
typedef struct cent {
  uint64_t key;          /* 0 = empty */
  uint32_t a, b;         /* values */
  uint32_t count, total; /* count of (a, b), count of the key */
} cent;

typedef struct cmap {
  cent *e;               /* entries */
  uint32_t mask;         /* size - 1 */
  uint32_t used;         /* filled entries */
} cmap;

static int cmap_init(cmap *m, size_t n) {
  size_t size = 1024;
  while (size < 2 * n) size *= 2;
  m->e = calloc(size, sizeof *m->e);
  m->mask = (uint32_t)(size - 1);
  m->used = 0;
  return m->e != NULL;
}

static cent *cmap_get(cmap *m, uint64_t key) {
  if (!key) key = 1;
  for (uint32_t i = (uint32_t)key & m->mask;; i = (i + 1) & m->mask) {
    if (m->e[i].key == key) return &m->e[i];
    if (m->e[i].key == 0) {
      if (m->used * 2 > m->mask) return NULL;
      m->used++;
      m->e[i].key = key;
      return &m->e[i];
    }
  }
}

/* Counting argmax: for key, value (a, b) identified by vh. */
static int count_best(cmap *pairs, cmap *best, uint64_t key, uint64_t vh, uint32_t a, uint32_t b) {
  cent *p = cmap_get(pairs, dy_mix(key ^ dy_mix(vh + 0x51)));
  cent *q = cmap_get(best, key);
  if (!p || !q) return -1;
  p->count++;
  q->total++;
  if (p->count > q->count) { q->count = p->count; q->a = a; q->b = b; }
  return 0;
}

/* Copy the entries of best that pass keep() into a dy_hent table. */
static dy_hent *freeze(const cmap *best, uint32_t min_count, double min_share, uint32_t *mask) {
  size_t n = 0;
  for (uint32_t i = 0; i <= best->mask; i++)
    if (best->e[i].key && best->e[i].count >= min_count &&
        best->e[i].count >= min_share * best->e[i].total) n++;
  dy_hent *e = dy_htab_alloc(n, mask);
  if (!e) return NULL;
  for (uint32_t i = 0; i <= best->mask; i++) {
    const cent *c = &best->e[i];
    if (c->key && c->count >= min_count && c->count >= min_share * c->total) {
      dy_hent *h = dy_htab_put(e, *mask, c->key);
      h->a = c->a;
      h->b = c->b;
    }
  }
  return e;
}

/* The string pool being built. */
typedef struct pool {
  char *buf;             /* strings, NUL-terminated */
  size_t len, cap;       /* used and allocated bytes */
  cmap map;              /* string hash -> offset */
} pool;

static uint32_t pool_add(pool *p, const char *s, size_t n) {
  cent *c = cmap_get(&p->map, dy_strhash(s, n));
  if (!c) return 0;
  if (c->count) return c->a;
  if (p->len + n + 1 > p->cap) {
    size_t cap = (p->cap ? p->cap * 2 : 65536) + n;
    char *b = realloc(p->buf, cap);
    if (!b) return 0;
    p->buf = b;
    p->cap = cap;
  }
  memcpy(p->buf + p->len, s, n);
  p->buf[p->len + n] = 0;
  c->a = (uint32_t)p->len;
  c->count = 1;
  p->len += n + 1;
  return c->a;
}

static uint64_t rng_next(uint64_t *s) {
  *s ^= *s << 13; *s ^= *s >> 7; *s ^= *s << 17;
  return *s;
}

static void shuffle(int *v, int n, uint64_t *seed) {
  for (int i = n - 1; i > 0; i--) {
    int j = (int)(rng_next(seed) % (uint64_t)(i + 1));
    int t = v[i]; v[i] = v[j]; v[j] = t;
  }
}

/* n zeroed floats for a dense training table (hundreds of MB read at
** random: on 2 MB pages where the kernel offers them). */
static float *big_calloc(size_t n) {
  size_t bytes = n * sizeof(float) + 1;
  void *p = NULL;
  if (posix_memalign(&p, (size_t)2 << 20, bytes) != 0) return NULL;
#ifdef MADV_HUGEPAGE
  madvise(p, bytes, MADV_HUGEPAGE);
#endif
  memset(p, 0, bytes);
  return p;
}

static void wtab_free(dy_wtab *t) {
  free((void *)t->off);
  free((void *)t->e);
  t->off = NULL;
  t->e = NULL;
}

/* The sparse, quantized form of the averaged dense weights w - u / c (w
** alone when u is NULL): rows x stride floats, classes 0..ncls. Weights are
** scaled so the largest is 32767; those that round to 0 are dropped. The
** weight that one stored unit stands for goes to *unit when unit is not
** NULL. Returns 0 when out of memory (t is then empty). */
static int compact(const float *w, const float *u, float c, uint32_t rows, uint32_t stride,
                   uint32_t ncls, dy_wtab *t, float *unit) {
  float top = 0;
  size_t total = (size_t)rows * stride;
  for (size_t i = 0; i < total; i++) {
    float v = fabsf(u ? w[i] - u[i] / c : w[i]);
    if (v > top) top = v;
  }
  float scale = top > 0 ? 32767.0f / top : 1;
  if (unit) *unit = 1 / scale;
  uint32_t *off = malloc(((size_t)rows + 1) * sizeof *off);
  if (!off) return 0;
  /* a row with more than a quarter of its classes set is stored dense */
  size_t n = 0;
  for (uint32_t r = 0; r < rows; r++) {
    off[r] = (uint32_t)n;
    const float *wr = w + (size_t)r * stride, *ur = u ? u + (size_t)r * stride : NULL;
    uint32_t nz = 0;
    for (uint32_t k = 0; k < ncls; k++)
      nz += lrintf((ur ? wr[k] - ur[k] / c : wr[k]) * scale) != 0;
    n += nz * 4 > ncls ? DY_WTAB_HALF(ncls) : nz;
  }
  off[rows] = (uint32_t)n;
  dy_wentry *e = malloc(n * sizeof *e + 1);
  if (!e) { free(off); return 0; }
  n = 0;
  for (uint32_t r = 0; r < rows; r++) {
    const float *wr = w + (size_t)r * stride, *ur = u ? u + (size_t)r * stride : NULL;
    uint32_t half = DY_WTAB_HALF(ncls);
    if (off[r + 1] - off[r] == half) {
      for (uint32_t j = 0; j < half; j++) {
        long lo = lrintf((ur ? wr[j] - ur[j] / c : wr[j]) * scale), hi = 0;
        if (j + half < ncls) hi = lrintf((ur ? wr[j + half] - ur[j + half] / c : wr[j + half]) * scale);
        e[n++] = DY_WENTRY_PAIR(lo, hi);
      }
      continue;
    }
    for (uint32_t k = 0; k < ncls; k++) {
      long q = lrintf((ur ? wr[k] - ur[k] / c : wr[k]) * scale);
      if (q) e[n++] = DY_WENTRY(k, q);
    }
  }
  t->rows = rows;
  t->ncls = ncls;
  t->off = off;
  t->e = e;
  return 1;
}

/* Add the weights of t, each stored unit worth unit, into the dense table
** d (t->rows x stride floats): the inverse of compact(), to its rounding. */
static void wtab_add(const dy_wtab *t, float unit, uint32_t stride, float *d) {
  int32_t q[2048];
  assert(t->ncls <= 2048);
  for (uint32_t r = 0; r < t->rows; r++) {
    float *dr = d + (size_t)r * stride;
    if (t->off[r] == t->off[r + 1]) continue;
    dy_wtab_row(t, r, q);
    for (uint32_t c = 0; c < t->ncls; c++)
      if (q[c]) dr[c] += (float)q[c] * unit;
  }
}

/* ---- reading ---- */

typedef struct labset {
  int n;                 /* labels */
  int deprel[256];       /* relation of each */
  uint32_t sub[256];     /* subtype string offset */
  const char *subs[256]; /* subtype */
} labset;

static int find_label(labset *ls, pool *p, const dy_token *t, int add) {
  for (int i = 0; i < ls->n; i++)
    if (ls->deprel[i] == t->deprel && strcmp(ls->subs[i], t->subrel) == 0) return i;
  if (!add || ls->n == 256) return -1;
  ls->deprel[ls->n] = t->deprel;
  ls->sub[ls->n] = pool_add(p, t->subrel, strlen(t->subrel));
  ls->subs[ls->n] = t->subrel;
  return ls->n++;
}

typedef struct tagset {
  int n;                 /* classes */
  int upos[1024];        /* UPOS of each */
  uint32_t xpos[1024];   /* XPOS string offset */
  const char *xs[1024];  /* XPOS */
} tagset;

static int find_class(tagset *ts, pool *p, const dy_token *t, int add) {
  for (int i = 0; i < ts->n; i++)
    if (ts->upos[i] == t->upos && strcmp(ts->xs[i], t->xpos) == 0) return i;
  if (!add || ts->n == 1024) return -1;
  ts->upos[ts->n] = t->upos;
  ts->xpos[ts->n] = pool_add(p, t->xpos, strlen(t->xpos));
  ts->xs[ts->n] = t->xpos;
  return ts->n++;
}

static dy_status read_corpus(const char *path, int max, dy_arena *a, corpus *c,
                             tagset *ts, labset *ls, pool *p, int add, dy_error *err) {
  memset(c, 0, sizeof *c);
  FILE *f = fopen(path, "rb");
  if (!f) return dy_err(err, DY_EIO, path, 0, "cannot open the treebank file");
  dy_conllu_reader *r = dy_conllu_open_stream(f, path);
  if (!r) { fclose(f); return dy_err(err, DY_ENOMEM, path, 0, "out of memory"); }
  size_t cap = 1024, wcap = 16384;
  dy_sentence **sv = malloc(cap * sizeof *sv);
  dy_status rc = sv ? DY_OK : DY_ENOMEM;
  int ns = 0, nw = 0;
  while (rc == DY_OK && (!max || ns < max)) {
    dy_sentence *s;
    rc = dy_conllu_next(r, a, &s, err);
    if (rc != DY_OK || !s) break;
    if (s->n == 0) continue;
    if ((size_t)ns == cap) {
      dy_sentence **nv = realloc(sv, cap * 2 * sizeof *nv);
      if (!nv) { rc = DY_ENOMEM; break; }
      sv = nv;
      cap *= 2;
    }
    sv[ns++] = s;
    nw += s->n;
  }
  dy_conllu_close(r);
  fclose(f);
  (void)wcap;
  if (rc != DY_OK) { free(sv); return rc; }
  c->ns = ns;
  c->nw = nw;
  c->off = malloc(((size_t)ns + 1) * sizeof *c->off);
  c->w = malloc((size_t)nw * sizeof *c->w + 1);
  c->gold = malloc((size_t)nw * sizeof(int) + 1);
  c->pred = malloc((size_t)nw * sizeof(int) + 1);
  c->head = malloc((size_t)nw * sizeof(int) + 1);
  c->lab = malloc((size_t)nw * sizeof(int) + 1);
  c->tok = malloc((size_t)nw * sizeof *c->tok + 1);
  if (!c->off || !c->w || !c->gold || !c->pred || !c->head || !c->lab || !c->tok) {
    free(sv);
    return dy_err(err, DY_ENOMEM, path, 0, "out of memory");
  }
  int k = 0;
  for (int i = 0; i < ns; i++) {
    c->off[i] = k;
    for (int j = 0; j < sv[i]->n; j++, k++) {
      const dy_token *t = &sv[i]->tok[j];
      dy_word_prepare(t->form, strlen(t->form), &c->w[k]);
      c->gold[k] = find_class(ts, p, t, add);
      c->pred[k] = c->gold[k] < 0 ? 0 : c->gold[k];
      c->head[k] = t->head;
      c->lab[k] = find_label(ls, p, t, add);
      c->tok[k] = t;
    }
    dy_words_context(c->w + c->off[i], sv[i]->n);
  }
  c->off[ns] = k;
  free(sv);
  return DY_OK;
}

static void corpus_free(corpus *c) {
  free(c->off); free(c->w); free(c->gold); free(c->pred); free(c->head);
  free(c->lab); free(c->tok); free(c->ghead); free(c->glab);
}

/* ---- tagger ---- */

/* The jackknife fold of sentence s of ns: contiguous blocks, so that the
** sentences of one document mostly fall in one fold and the held-out tags
** are as wrong as they will be on new text. */
static int fold_of(int s, int ns, int folds) {
  return (int)((long long)s * folds / (ns ? ns : 1));
}

static dy_hent *build_tagdict(const corpus *c, int fold, int folds, uint32_t *mask) {
  cmap pairs, best;
  if (!cmap_init(&pairs, (size_t)c->nw) || !cmap_init(&best, (size_t)c->nw)) {
    free(pairs.e);
    return NULL;
  }
  for (int s = 0; s < c->ns; s++) {
    if (folds > 1 && fold_of(s, c->ns, folds) == fold) continue;
    for (int i = c->off[s]; i < c->off[s + 1]; i++)
      if (c->gold[i] >= 0)
        count_best(&pairs, &best, c->w[i].wid, (uint64_t)c->gold[i], (uint32_t)c->gold[i], 0);
  }
  dy_hent *e = freeze(&best, 20, 0.985, mask);
  free(pairs.e);
  free(best.e);
  return e;
}

/* Train the tagger on the sentences not in fold (all when folds <= 1) and
** tag the fold's sentences into c->pred. The averaged weights go to out
** (malloc'd); returns 0 when out of memory.
**
** With rounds > 1 the tagger is trained that many times from zero, each
** time on its own order of the sentences, and the rounds' averaged weights
** are summed (parameter mixing): a greedy perceptron's accuracy varies by
** a few tenths with the order it saw the data in, and the sum of several
** is steadier and better. Measured on EWT dev (UPOS, second pass, with the
** parser's dev LAS beside it): 1 round 95.28 (LAS 81.5-81.7), 3 rounds
** 95.44 (82.1), 5 rounds 95.45 (82.0); so 3. */
static int train_tagger(corpus *c, const dy_model *shape, int fold, int folds, int epochs,
                        int rounds, dy_htab *td, const int *first, int verbose,
                        dy_wtab *out) {
  size_t nwt = (size_t)shape->tag_rows * shape->tag_stride;
  float *w = big_calloc(nwt), *u = big_calloc(nwt);
  float *mix = rounds > 1 ? big_calloc(nwt) : NULL;
  int *order = malloc((size_t)c->ns * sizeof *order + 1);
  int *pred = malloc((size_t)c->nw * sizeof *pred + 1);
  if (!w || !u || (rounds > 1 && !mix) || !order || !pred) {
    free(w); free(u); free(mix); free(order); free(pred);
    return 0;
  }
  int no = 0;
  for (int s = 0; s < c->ns; s++)
    if (folds <= 1 || fold_of(s, c->ns, folds) != fold) order[no++] = s;
  uint64_t seed = 0x9E3779B97F4A7C15ULL + (uint64_t)fold;
  float cstep = 1;
  uint64_t f[DY_TAG_FEATS];
  uint32_t r[DY_TAG_FEATS];
  _Alignas(16) float sc[4096 + 32];
  uint32_t stride = shape->tag_stride, rows = shape->tag_rows, nt = shape->n_tags;
  for (int round = 0; round < rounds; round++) {
    if (round > 0) {
      memset(w, 0, nwt * sizeof *w);
      memset(u, 0, nwt * sizeof *u);
      cstep = 1;
    }
    for (int ep = 0; ep < epochs; ep++) {
      shuffle(order, no, &seed);
      long right = 0, total = 0;
      for (int oi = 0; oi < no; oi++) {
        int s = order[oi], b = c->off[s], n = c->off[s + 1] - b;
        const dy_word *ws = c->w + b;
        int dir = first ? 1 : -1;
        for (int j = 0; j < n; j++) {
          int i = dir > 0 ? j : n - 1 - j;
          int gold = c->gold[b + i];
          const dy_hent *e = dy_htab_get(td, ws[i].wid);
          if (e) { pred[b + i] = (int)e->a; continue; }
          int nf = dy_tag_features(ws, n, i, dir, j > 0 ? pred[b + i - dir] : -1,
                                   j > 1 ? pred[b + i - 2 * dir] : -1,
                                   first ? first + b : NULL, f);
          for (int k = 0; k < nf; k++) r[k] = (uint32_t)(f[k] >> 32) & (rows - 1);
          memset(sc, 0, stride * sizeof(float));
          dy_score(w, stride, r, nf, sc);
          for (uint32_t t = 0; t < nt; t++) sc[t] += sc[nt + shape->tags[t].upos];
          int guess = dy_argmax(sc, (int)nt);
          pred[b + i] = guess;
          total++;
          if (gold >= 0 && guess != gold) {
            size_t ug = nt + shape->tags[gold].upos, up = nt + shape->tags[guess].upos;
            for (int k = 0; k < nf; k++) {
              size_t base = (size_t)r[k] * stride;
              w[base + (size_t)gold] += 1; u[base + (size_t)gold] += cstep;
              w[base + (size_t)guess] -= 1; u[base + (size_t)guess] -= cstep;
              if (ug != up) {
                w[base + ug] += 1; u[base + ug] += cstep;
                w[base + up] -= 1; u[base + up] -= cstep;
              }
            }
          } else right++;
          cstep += 1;
        }
      }
      if (verbose > 1)
        fprintf(stderr, "  tagger fold %d round %d epoch %d: train accuracy %.2f%%\n", fold,
                round + 1, ep + 1, 100.0 * (double)right / (double)(total ? total : 1));
    }
    if (mix)
      for (size_t i = 0; i < nwt; i++) mix[i] += w[i] - u[i] / cstep;
  }
  /* compact() scales the weights to 16 bits, so the sum needs no division */
  int ok = mix ? compact(mix, NULL, 1, rows, stride, nt + DY_UPOS_COUNT, out, NULL)
               : compact(w, u, cstep, rows, stride, nt + DY_UPOS_COUNT, out, NULL);
  free(w);
  free(u);
  free(mix);
  if (ok && folds > 1) {
    for (int s = 0; s < c->ns; s++) {
      if (fold_of(s, c->ns, folds) != fold) continue;
      int b = c->off[s], n = c->off[s + 1] - b;
      dy_tag_run(shape, out, c->w + b, n, td, first ? first + b : NULL, c->pred + b);
    }
  }
  free(order);
  free(pred);
  return ok;
}

static double tag_accuracy(const corpus *c) {
  long ok = 0;
  for (int i = 0; i < c->nw; i++) ok += c->pred[i] == c->gold[i];
  return 100.0 * (double)ok / (double)(c->nw ? c->nw : 1);
}

/* ---- lexicon ---- */

static dy_status build_lexicon(const corpus *c, dy_model *m, pool *p, const tagset *ts) {
  cmap pe, be, pl, bl, pr, br, pf, bf;
  size_t n = (size_t)c->nw;
  int ok = cmap_init(&pe, n) & cmap_init(&be, n) & cmap_init(&pl, n) & cmap_init(&bl, n) &
           cmap_init(&pr, n * 6) & cmap_init(&br, n * 6) & cmap_init(&pf, n) & cmap_init(&bf, 4096);
  dy_status rc = ok ? DY_OK : DY_ENOMEM;
  for (int i = 0; rc == DY_OK && i < c->nw; i++) {
    int cls = c->gold[i];
    if (cls < 0) continue;
    const dy_token *t = c->tok[i];
    size_t fl = strlen(t->form), ll = strlen(t->lemma), xl = strlen(t->feats);
    char low[256], llow[256];
    if (fl >= 255 || ll >= 255) continue;
    uint32_t lo = pool_add(p, t->lemma, ll), fo = pool_add(p, t->feats, xl);
    uint64_t vh = dy_mix(lo) ^ fo;
    size_t lwn = dy_text_fold(t->form, fl, low, sizeof low);
    size_t lln = dy_text_fold(t->lemma, ll, llow, sizeof llow);
    if (count_best(&pe, &be, dy_tag_lexkey(dy_strhash(t->form, fl), cls), vh, lo, fo) ||
        count_best(&pl, &bl, dy_tag_lexkey(dy_strhash(low, lwn), cls), vh, lo, fo) ||
        count_best(&pf, &bf, (uint64_t)cls + 1, fo, fo, 0)) { rc = DY_ENOMEM; break; }
    size_t pre = 0;
    while (pre < lwn && pre < lln && low[pre] == llow[pre]) pre++;
    uint32_t strip = (uint32_t)(lwn - pre);
    uint32_t add = pool_add(p, llow + pre, lln - pre);
    for (size_t k = 0; k <= 5 && k <= lwn; k++) {
      uint64_t key = dy_tag_lexkey(dy_strhash(low + lwn - k, k) + k, cls);
      if (count_best(&pr, &br, key, dy_mix(strip) ^ add, strip, add)) { rc = DY_ENOMEM; break; }
    }
  }
  uint32_t mask;
  if (rc == DY_OK) {
    dy_hent *e = freeze(&be, 1, 0, &mask);
    m->lex.e = e; m->lex.mask = mask; m->owned[2] = e;
    e = freeze(&bl, 1, 0, &mask);
    m->lexlow.e = e; m->lexlow.mask = mask; m->owned[3] = e;
    e = freeze(&br, 2, 0, &mask);
    m->rules.e = e; m->rules.mask = mask; m->owned[4] = e;
    dy_tagclass *tc = (dy_tagclass *)m->tags;  /* made by dy_model_train */
    if (!m->lex.e || !m->lexlow.e || !m->rules.e) rc = DY_ENOMEM;
    for (int k = 0; rc == DY_OK && k < ts->n; k++) {
      cent *d = cmap_get(&bf, (uint64_t)k + 1);
      tc[k].feats = d && d->count ? d->a : pool_add(p, "_", 1);
    }
  }
  free(pe.e); free(be.e); free(pl.e); free(bl.e); free(pr.e); free(br.e);
  free(pf.e); free(bf.e);
  return rc;
}

/* ---- parser ---- */

/* Costs of every valid action (INT32_MAX if invalid) under gold heads gh
** (ROOT = n+1) and labels gl; returns the minimum. */
static int costs(const dy_pstate *s, const int *gh, const int *gl, int root, int *cost) {
  int n = s->n, L = s->nlab, sp = s->sp, b = s->b;
  int s0 = sp ? s->stack[sp - 1] : 0, s1 = sp > 1 ? s->stack[sp - 2] : 0;
  int deps_s0 = 0;
  if (s0)
    for (int d = b; d <= n; d++) deps_s0 += gh[d] == s0;
  int best = INT32_MAX;
  for (int a = 0; a < 1 + 2 * L; a++) {
    cost[a] = INT32_MAX;
    if (!dy_pstate_valid(s, a, root)) continue;
    int c;
    if (a == 0) {
      c = 0;
      for (int i = 0; i < sp; i++) {
        int d = s->stack[i];
        c += gh[d] == b;
        if (i < sp - 1 && gh[b] == d) c++;
      }
    } else if (a <= L) {
      c = deps_s0 + (gh[s0] != b && (gh[s0] == s1 || gh[s0] > b));
      if (gh[s0] == b && gl[s0] != a - 1) c++;
    } else {
      c = deps_s0 + (gh[s0] >= b);
      if (gh[s0] == s1 && gl[s0] != a - L - 1) c++;
    }
    cost[a] = c;
    if (c < best) best = c;
  }
  return best;
}

/* LAS (percent) of parsing c with weights w; -1 when out of memory. */
static double parse_eval(const corpus *c, const dy_model *m, const dy_wtab *w, dy_arena *a) {
  int k = (int)m->par_beam;
  long ok = 0, total = 0;
  for (int s = 0; s < c->ns; s++) {
    int b = c->off[s], n = c->off[s + 1] - b;
    dy_arena_reset(a);
    int *head = dy_arena_alloc(a, (size_t)n * sizeof *head);
    int *lab = dy_arena_alloc(a, (size_t)n * sizeof *lab);
    const dy_guide *g = NULL;
    if (c->ghead && !(g = dy_guide_make(a, n, c->ghead + b, c->glab + b))) return -1;
    if (!head || !lab || dy_parse_beam(m, w, a, k, n, c->w + b, c->pred + b, g, head, lab) != DY_OK)
      return -1;
    for (int i = 0; i < n; i++) {
      total++;
      ok += head[i] == c->head[b + i] && lab[i] == c->lab[b + i];
    }
  }
  return 100.0 * (double)ok / (double)(total ? total : 1);
}

/* Add d times the features of configuration st into row weights w (and
** the averaging sums u) for action act. */
static void update_state(const dy_pstate *st, int act, float d, float cstep, uint32_t rows,
                         uint32_t stride, float *w, float *u) {
  uint64_t f[DY_PARSE_FEATS];
  int nf = dy_parse_features(st, f);
  for (int k = 0; k < nf; k++) {
    size_t at = (size_t)((uint32_t)(f[k] >> 32) & (rows - 1)) * stride + (size_t)act;
    w[at] += d;
    u[at] += d * cstep;
  }
}

/* One sentence of global training (Zhang and Clark 2008; max-violation
** updates of Huang, Fayong and Guo 2012): beam search of width m->par_beam
** alongside the gold sequence (the oracle's cheapest action at every step,
** the best scoring of them when several tie); at the step where the best
** item leads the gold prefix by most, the gold prefix's features are
** rewarded and the best item's penalized. Returns 1 if it updated, 0 if
** not, -1 when out of memory. */
static int beam_sentence(const dy_model *m, dy_arena *a, int n, const uint64_t *W,
                         const uint32_t *P, const dy_guide *g, const int *gh, const int *gl,
                         float *w, float *u, float cstep) {
  int k = (int)m->par_beam, L = (int)m->n_labels, root = (int)m->root_label;
  uint32_t stride = m->par_stride, rows = m->par_rows;
  int T = 2 * n;
  dy_beam *b = dy_beam_new(a, k, n, L, W, P, g);
  float *sc = dy_arena_alloc(a, (size_t)k * stride * sizeof *sc);
  float *gsc = dy_arena_alloc(a, stride * sizeof *gsc);
  int *gseq = dy_arena_alloc(a, ((size_t)T + 1) * sizeof *gseq);
  int *pseq = dy_arena_alloc(a, ((size_t)T + 1) * sizeof *pseq);
  int *cost = dy_arena_alloc(a, stride * sizeof *cost);
  void *gblock = dy_arena_alloc(a, dy_pstate_bytes(n));
  void *pblock = dy_arena_alloc(a, dy_pstate_bytes(n));
  if (!b || !sc || !gsc || !gseq || !pseq || !cost || !gblock || !pblock) return -1;
  dy_pstate gs;
  dy_pstate_init(&gs, gblock, n, L, W, P);
  gs.G = g;
  uint64_t f[DY_PARSE_FEATS];
  uint32_t r[DY_PARSE_FEATS];
  int gi = 0;                 /* index of the gold item in the beam, -1 when it fell out */
  double gscore = 0, maxv = 0;
  int tmax = -1;              /* step of the largest violation */
  for (int t = 0; t < T; t++) {
    dy_pstate *cur = dy_beam_items(b);
    for (int i = 0; i < b->nc; i++) {
      int nf = dy_parse_features(&cur[i], f);
      for (int j = 0; j < nf; j++) r[j] = (uint32_t)(f[j] >> 32) & (rows - 1);
      memset(sc + (size_t)i * stride, 0, stride * sizeof *sc);
      dy_score(w, stride, r, nf, sc + (size_t)i * stride);
    }
    const float *gold = gsc;  /* the gold item's scores */
    if (gi >= 0) {
      gold = sc + (size_t)gi * stride;
    } else {
      int nf = dy_parse_features(&gs, f);
      for (int j = 0; j < nf; j++) r[j] = (uint32_t)(f[j] >> 32) & (rows - 1);
      memset(gsc, 0, stride * sizeof *gsc);
      dy_score(w, stride, r, nf, gsc);
    }
    int minc = costs(&gs, gh, gl, root, cost), ga = -1;
    for (int act = 0; act < 1 + 2 * L; act++)
      if (cost[act] == minc && (ga < 0 || gold[act] > gold[ga])) ga = act;
    gseq[t] = ga;
    gscore += gold[ga];
    dy_pstate_apply(&gs, ga);
    int prev = gi;
    dy_beam_step(b, sc, (int)stride, root);
    gi = -1;
    if (prev >= 0)
      for (int j = 0; j < b->nc; j++)
        if (b->from[(size_t)t * k + j] == prev && b->act[(size_t)t * k + j] == ga) { gi = j; break; }
    if (gi != 0) {
      double v = dy_beam_score(b, 0) - gscore;
      if (v >= maxv) { maxv = v; tmax = t + 1; }
    }
  }
  if (tmax < 0) return 0;
  /* the actions of the best item at step tmax, by its back pointers */
  for (int t = tmax - 1, i = 0; t >= 0; t--) {
    pseq[t] = b->act[(size_t)t * k + i];
    i = b->from[(size_t)t * k + i];
  }
  dy_pstate ps;
  dy_pstate_init(&gs, gblock, n, L, W, P);
  dy_pstate_init(&ps, pblock, n, L, W, P);
  gs.G = ps.G = g;
  int same = 1;
  for (int t = 0; t < tmax; t++) {
    if (same && pseq[t] == gseq[t]) {
      dy_pstate_apply(&gs, gseq[t]);
      dy_pstate_apply(&ps, pseq[t]);
      continue;
    }
    same = 0;
    update_state(&gs, gseq[t], 1, cstep, rows, stride, w, u);
    update_state(&ps, pseq[t], -1, cstep, rows, stride, w, u);
    dy_pstate_apply(&gs, gseq[t]);
    dy_pstate_apply(&ps, pseq[t]);
  }
  return 1;
}

/* The perceptron learns from a state until the best zero-cost action
** leads every costly one by this much, not merely until it ranks first
** (a margin, as in the passive-aggressive and large-margin perceptrons):
** the weights then keep a distance from the decisions they have seen.
** Measured on EWT with the three-round tagger (best epoch's dev LAS, test
** LAS): no margin 81.52 and
** 81.52 over two orders of the data (test 82.44); margin 3 81.72; 10
** 81.99 and 81.80 (test 82.87, 82.64); 30 81.84 (test 82.53). The same
** margin on the tagger made no difference (dev UPOS 95.40 either way). */
#define MARGIN 10.0f

/* Parser trainings summed by default (train_parser). Measured on EWT (dev
** LAS with subtypes; test LAS): 1 round 81.99, 82.87; 6 rounds 82.12, 82.97
** (its rounds alone 81.69-82.02 on dev). A first version that summed the
** rounds' float weights and seeded each round apart gave 82.03, 83.08 for
** 3 rounds and 82.07, 83.14 for 6: the sum moves less from one training
** to the next than a round does, but still by about 0.1-0.2. Each round
** costs one training (about 30 s here) and the model grows with the
** weights the rounds do not share (48 MB for 1 round, 67 MB for 6);
** parsing speed does not change. */
#define DY_PARSE_ROUNDS 6

/* One training of the parser on c from zero weights, the sentences in an
** order drawn from *seed: the averaged weights of the epoch with the best
** LAS on dev go to best (malloc'd), the weight of one stored unit to *unit
** and that LAS to *las. w, u and order are the caller's scratch (w and u
** zeroed). Returns the epoch kept, or -1 when out of memory. */
static int parse_round(const corpus *c, const corpus *dev, const dy_model *m, int epochs,
                       int fold, int folds, int verbose, cmap *freq, float *w, float *u, int *order,
                       dy_arena *a, uint64_t *seed, dy_wtab *best, float *unit, double *las_out) {
  /* word dropout (Kiperwasser and Goldberg 2016): a word seen k times in
  ** train is hidden from the parser with probability a / (a + k), so the
  ** weights learn to do without the word where it is rare */
  const uint64_t drop = 250;  /* a, in thousandths */
  float cstep = 1, cand_unit = 1;
  double best_las = -1;
  int best_ep = 0, L = (int)m->n_labels, root = (int)m->root_label;
  uint32_t stride = m->par_stride;
  uint64_t f[DY_PARSE_FEATS];
  uint32_t r[DY_PARSE_FEATS];
  _Alignas(16) float sc[2048 + 4];
  int cost[2048 + 4];
  int oom = 0;  /* a sentence's scratch could not be had: training fails */
  dy_wtab cand = { 0 };
  *best = (dy_wtab){ 0 };
  for (int ep = 0; ep < epochs; ep++) {
    shuffle(order, c->ns, seed);
    long right = 0, total = 0;
    for (int oi = 0; oi < c->ns; oi++) {
      int s = order[oi], b = c->off[s], n = c->off[s + 1] - b;
      int skip = fold >= 0 && fold_of(s, c->ns, folds) == fold;
      for (int i = 0; i < n; i++) skip |= c->lab[b + i] < 0;
      if (skip) continue;
      dy_arena_reset(a);
      uint64_t *W = dy_arena_alloc(a, ((size_t)n + 2) * sizeof *W);
      uint32_t *P = dy_arena_alloc(a, ((size_t)n + 2) * sizeof *P);
      int *gh = dy_arena_alloc(a, ((size_t)n + 2) * sizeof *gh);
      int *gl = dy_arena_alloc(a, ((size_t)n + 2) * sizeof *gl);
      void *block = dy_arena_alloc(a, dy_pstate_bytes(n));
      if (!W || !P || !gh || !gl || !block) { oom = 1; break; }
      dy_parse_atoms(c->w + b, c->pred + b, n, W, P);
      for (int i = 1; i <= n; i++) {
        cent *e = cmap_get(freq, W[i]);
        uint64_t k = e ? e->count : 0;
        if (rng_next(seed) % (1000 * k + drop) < drop) W[i] = 0x3456789;
      }
      gh[0] = gl[0] = gh[n + 1] = gl[n + 1] = -1;
      for (int i = 1; i <= n; i++) {
        gh[i] = c->head[b + i - 1] == 0 ? n + 1 : c->head[b + i - 1];
        gl[i] = c->lab[b + i - 1];
      }
      const dy_guide *g = NULL;
      if (c->ghead && !(g = dy_guide_make(a, n, c->ghead + b, c->glab + b))) { oom = 1; break; }
      if (m->par_beam > 1) {
        int up = beam_sentence(m, a, n, W, P, g, gh, gl, w, u, cstep);
        if (up < 0) { oom = 1; break; }
        right += !up;
        total++;
        cstep += 1;
        continue;
      }
      dy_pstate st;
      dy_pstate_init(&st, block, n, L, W, P);
      st.G = g;
      while (!dy_pstate_done(&st)) {
        int nf = dy_parse_features(&st, f);
        for (int k = 0; k < nf; k++) r[k] = (uint32_t)(f[k] >> 32) & (m->par_rows - 1);
        memset(sc, 0, stride * sizeof(float));
        dy_score(w, stride, r, nf, sc);
        int minc = costs(&st, gh, gl, root, cost);
        int pred = -1, gold = -1, wrong = -1;
        for (int act = 0; act < 1 + 2 * L; act++) {
          if (cost[act] == INT32_MAX) continue;
          if (pred < 0 || sc[act] > sc[pred]) pred = act;
          if (cost[act] == minc && (gold < 0 || sc[act] > sc[gold])) gold = act;
          if (cost[act] > minc && (wrong < 0 || sc[act] > sc[wrong])) wrong = act;
        }
        total++;
        if (cost[pred] <= minc) right++;
        if (wrong >= 0 && sc[gold] - sc[wrong] < MARGIN) {
          for (int k = 0; k < nf; k++) {
            size_t base = (size_t)r[k] * stride;
            w[base + (size_t)gold] += 1; u[base + (size_t)gold] += cstep;
            w[base + (size_t)wrong] -= 1; u[base + (size_t)wrong] -= cstep;
          }
        }
        cstep += 1;
        int follow = gold;
        if (ep > 0 && cost[pred] > minc && rng_next(seed) % 10 != 0) follow = pred;
        dy_pstate_apply(&st, follow);
      }
    }
    if (oom || !compact(w, u, cstep, m->par_rows, stride, (uint32_t)(1 + 2 * L), &cand,
                        &cand_unit)) {
      wtab_free(best);
      return -1;
    }
    double las = dev && dev->ns ? parse_eval(dev, m, &cand, a) : (double)ep;
    if (las < 0) {  /* out of memory parsing dev */
      wtab_free(&cand);
      wtab_free(best);
      return -1;
    }
    if (verbose)
      fprintf(stderr, "  parser epoch %d: train %s %.2f%% right, dev LAS %.2f\n", ep + 1,
              m->par_beam > 1 ? "sentences" : "transitions",
              100.0 * (double)right / (double)(total ? total : 1), las);
    if (las > best_las) {
      best_las = las;
      best_ep = ep + 1;
      wtab_free(best);
      *best = cand;
      *unit = cand_unit;
    } else {
      wtab_free(&cand);
      if (ep + 1 - best_ep >= 5) break;  /* five epochs without progress on dev */
    }
  }
  *las_out = best_las;
  return best_ep;
}

/* Train the parser on c rounds times, each on its own orders of the
** sentences, choosing each round's epoch by LAS on dev, and sum the
** rounds' weights (a linear model's ensemble is the sum of its members'
** weights, so it parses as fast as one; the sum gains what the spread
** between orders loses). The weights go to out (malloc'd). Returns 0
** (with err set) when out of memory. */
static int train_parser(const corpus *c, const corpus *dev, dy_model *m, int epochs,
                        int rounds, int fold, int folds, int verbose, dy_wtab *out,
                        dy_error *err) {
  size_t nwt = (size_t)m->par_rows * m->par_stride;
  float *w = big_calloc(nwt), *u = big_calloc(nwt);
  float *mix = rounds > 1 ? big_calloc(nwt) : NULL;
  int *order = malloc((size_t)c->ns * sizeof *order + 1);
  dy_arena *a = dy_arena_new(1 << 20);
  cmap freq = { 0 };
  dy_wtab best = { 0 };
  int ok = w && u && (rounds <= 1 || mix) && order && a && cmap_init(&freq, (size_t)c->nw);
  if (ok) {
    for (int s = 0; s < c->ns; s++) order[s] = s;
    for (int s = 0; s < c->ns; s++)
      for (int i = c->off[s]; i < c->off[s + 1]; i++) {
        cent *e = fold >= 0 && fold_of(s, c->ns, folds) == fold ? NULL : cmap_get(&freq, c->w[i].wid);
        if (e) e->count++;
      }
  }
  uint64_t seed = 0x2545F4914F6CDD1DULL;
  for (int round = 0; ok && round < rounds; round++) {
    if (round > 0) {
      memset(w, 0, nwt * sizeof *w);
      memset(u, 0, nwt * sizeof *u);
    }
    float unit = 1;
    double las = 0;
    int ep = parse_round(c, dev, m, epochs, fold, folds, verbose, &freq, w, u, order, a, &seed,
                         &best, &unit, &las);
    if (ep < 0) { ok = 0; break; }
    if (verbose)
      fprintf(stderr, "  parser%s: kept epoch %d (dev LAS %.2f, %u weights)\n",
              rounds > 1 ? " round" : "", ep, las, best.off[best.rows]);
    if (mix) {
      wtab_add(&best, unit, m->par_stride, mix);
      wtab_free(&best);
    }
  }
  if (ok && mix) {
    ok = compact(mix, NULL, 1, m->par_rows, m->par_stride, 1 + 2 * m->n_labels, &best, NULL);
    double las = ok && dev && dev->ns ? parse_eval(dev, m, &best, a) : 0;
    if (las < 0) { ok = 0; wtab_free(&best); }
    if (ok && verbose)
      fprintf(stderr, "  parser: %d rounds summed (dev LAS %.2f, %u weights)\n", rounds, las,
              best.off[best.rows]);
  }
  free(w); free(u); free(mix); free(order); free(freq.e);
  dy_arena_free(a);
  if (!ok) {
    dy_err(err, DY_ENOMEM, NULL, 0, "out of memory training the parser");
    return 0;
  }
  *out = best;
  return 1;
}

/* Seconds on a monotonic clock, for the progress lines. */
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the guide parser ---- */

/* r = c with the words of every sentence in reverse order (words, tags,
** the tree, labels turned into guide labels by the model's labels), for
** the right-to-left guide parser. Returns 0 when out of memory. */
static int reverse_corpus(const corpus *c, const dy_model *m, corpus *r) {
  *r = (corpus){ .ns = c->ns, .nw = c->nw };
  size_t nw = (size_t)c->nw + 1;
  r->off = malloc(((size_t)c->ns + 1) * sizeof *r->off);
  r->w = malloc(nw * sizeof *r->w);
  r->pred = malloc(nw * sizeof *r->pred);
  r->head = malloc(nw * sizeof *r->head);
  r->lab = malloc(nw * sizeof *r->lab);
  if (!r->off || !r->w || !r->pred || !r->head || !r->lab) { corpus_free(r); return 0; }
  memcpy(r->off, c->off, ((size_t)c->ns + 1) * sizeof *r->off);
  for (int s = 0; s < c->ns; s++) {
    int b = c->off[s], n = c->off[s + 1] - b;
    for (int i = 0; i < n; i++) {
      int j = b + n - 1 - i, h = c->head[b + i];
      r->w[j] = c->w[b + i];
      r->pred[j] = c->pred[b + i];
      r->head[j] = h > 0 ? n + 1 - h : h;
      int l = c->lab[b + i];
      r->lab[j] = l < 0 ? l : dy_guide_label((int)m->labels[l].deprel);
    }
  }
  return 1;
}

/* Parse the sentences of c (all of them if fold < 0, else those of fold
** of folds) right to left with weights wt, into c->ghead and c->glab
** (allocated here when missing). Returns 0 when out of memory. */
static int guide_parse(corpus *c, const dy_dtab *dt, int fold, int folds, dy_arena *a) {
  if (!c->ghead) c->ghead = calloc((size_t)c->nw + 1, sizeof *c->ghead);
  if (!c->glab) c->glab = calloc((size_t)c->nw + 1, sizeof *c->glab);
  if (!c->ghead || !c->glab) return 0;
  for (int s = 0; s < c->ns; s++) {
    if (fold >= 0 && fold_of(s, c->ns, folds) != fold) continue;
    int b = c->off[s], n = c->off[s + 1] - b;
    dy_arena_reset(a);
    if (dy_parse_reversed(dt, DY_GUIDE_LABELS, 0, a, n, c->w + b, c->pred + b, c->ghead + b,
                          c->glab + b) != DY_OK)
      return 0;
  }
  return 1;
}

/* LAS (percent, over guide labels) of c's guide parse. */
static double guide_las(const corpus *c, const dy_model *m) {
  long ok = 0, total = 0;
  for (int i = 0; i < c->nw; i++) {
    if (c->lab[i] < 0) continue;
    total++;
    ok += c->ghead[i] == c->head[i] &&
          c->glab[i] == dy_guide_label((int)m->labels[c->lab[i]].deprel);
  }
  return 100.0 * (double)ok / (double)(total ? total : 1);
}

/* The guide parser: trained right to left on k - 1 folds of train to parse
** the held-out fold (so the parser learns to trust the guide as much as
** it deserves on new text), then on all of train to parse dev and,
** stored in the model, new text. Fills tr's and dev's guides and m->gd. */
static dy_status train_guide(corpus *tr, corpus *dev, dy_model *m, const dy_train_opts *o,
                             double t0, dy_error *err) {
  corpus rtr = { 0 }, rdev = { 0 };
  dy_arena *a = dy_arena_new(1 << 20);
  dy_status rc = DY_OK;
  /* the guide's shape: the parser's tables with the guide's labels */
  dy_model gm = *m;
  gm.n_labels = DY_GUIDE_LABELS;
  gm.root_label = 0;
  gm.par_stride = (1 + 2 * DY_GUIDE_LABELS + 3) & ~3u;
  gm.par_beam = 1;
  if (!a || !reverse_corpus(tr, m, &rtr) || (dev->ns && !reverse_corpus(dev, m, &rdev))) {
    rc = dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  int folds = o->folds > 1 ? o->folds : 4;
  for (int fold = 0; fold < folds; fold++) {
    dy_wtab w = { 0 };
    if (!train_parser(&rtr, &rdev, &gm, o->parse_epochs, 1, fold, folds, o->verbose, &w, err)) {
      rc = DY_ENOMEM;
      goto done;
    }
    dy_dtab d = { 0 };
    int ok = dy_dtab_from_wtab(&w, &d) && guide_parse(tr, &d, fold, folds, a);
    wtab_free(&w);
    free((void *)d.w);
    if (!ok) { rc = dy_err(err, DY_ENOMEM, NULL, 0, "out of memory"); goto done; }
  }
  if (o->verbose) {
    fprintf(stderr, "guide: jackknifed train LAS %.2f (%.1fs)\n", guide_las(tr, m), now() - t0);
  }
  dy_wtab w = { 0 };
  if (!train_parser(&rtr, &rdev, &gm, o->parse_epochs, o->guide_rounds, -1, 1, o->verbose, &w, err)) {
    rc = DY_ENOMEM;
    goto done;
  }
  int ok = dy_dtab_from_wtab(&w, &m->gd);
  wtab_free(&w);
  m->owned[13] = (void *)m->gd.w;
  if (!ok || (dev->ns && !guide_parse(dev, &m->gd, -1, 1, a))) {
    rc = dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  if (o->verbose && dev->ns) {
    fprintf(stderr, "guide: dev LAS %.2f (%.1fs)\n", guide_las(dev, m), now() - t0);
  }
done:
  corpus_free(&rtr);
  corpus_free(&rdev);
  dy_arena_free(a);
  return rc;
}

/* ---- the whole model ---- */

dy_status dy_model_train(const char *dir, const dy_train_opts *o, dy_model **out,
                         dy_error *err) {
  dy_train_opts opts = o ? *o : (dy_train_opts){ 0 };
  if (opts.tag_epochs <= 0) opts.tag_epochs = 10;
  if (opts.tag_rounds <= 0) opts.tag_rounds = opts.small ? 1 : 3;
  if (opts.parse_epochs <= 0) opts.parse_epochs = 20;
  if (opts.parse_rounds <= 0) opts.parse_rounds = opts.small || opts.beam > 1 ? 1 : DY_PARSE_ROUNDS;
  if (opts.beam <= 0) opts.beam = 1;
  if (opts.beam > DY_MAX_BEAM) opts.beam = DY_MAX_BEAM;
  if (opts.folds <= 0) opts.folds = 4;
  if (opts.guide_rounds <= 0) opts.guide_rounds = 1;
  *out = NULL;
  char path[4096];
  double t0 = now();
  dy_arena *a = dy_arena_new(1 << 24);
  dy_model *m = calloc(1, sizeof *m);
  pool p = { 0 };
  tagset *ts = calloc(1, sizeof *ts);
  labset *ls = calloc(1, sizeof *ls);
  corpus tr = { 0 }, dev = { 0 };
  int *jfirst = NULL;    /* first-pass jackknifed tags of train */
  dy_status rc = DY_OK;
  if (!a || !m || !ts || !ls || !cmap_init(&p.map, 1 << 18)) {
    rc = dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  pool_add(&p, "", 0);
  snprintf(path, sizeof path, "%s/train.conllu", dir);
  rc = read_corpus(path, opts.max_sentences, a, &tr, ts, ls, &p, 1, err);
  if (rc != DY_OK) goto done;
  if (tr.ns == 0) { rc = dy_err(err, DY_EPARSE, path, 0, "no sentences"); goto done; }
  snprintf(path, sizeof path, "%s/dev.conllu", dir);
  FILE *probe = fopen(path, "rb");
  if (probe) {
    fclose(probe);
    rc = read_corpus(path, opts.max_sentences ? opts.max_sentences / 4 : 0, a, &dev, ts, ls,
                     &p, 0, err);
    if (rc != DY_OK) goto done;
  }
  if (opts.verbose)
    fprintf(stderr, "train: %d sentences, %d words; dev: %d sentences; %d tag classes, %d labels (%.1fs)\n",
            tr.ns, tr.nw, dev.ns, ts->n, ls->n, now() - t0);
  m->n_tags = (uint32_t)ts->n;
  m->tag_stride = (m->n_tags + DY_UPOS_COUNT + 3) & ~3u;
  {
    dy_tagclass *tc = calloc((size_t)ts->n, sizeof *tc);
    m->tags = tc;
    m->owned[5] = tc;
    if (!tc) { rc = dy_err(err, DY_ENOMEM, NULL, 0, "out of memory"); goto done; }
    for (int k = 0; k < ts->n; k++) {
      tc[k].upos = (uint32_t)ts->upos[k];
      tc[k].xpos = ts->xpos[k];
    }
  }
  m->tag_rows = 1u << (opts.small ? 14 : opts.tag_bits >= 10 && opts.tag_bits <= 22 ? opts.tag_bits : 19);
  m->n_labels = (uint32_t)ls->n;
  m->par_stride = (1 + 2 * m->n_labels + 3) & ~3u;
  m->par_rows = 1u << (opts.small ? 15 : opts.parse_bits >= 10 && opts.parse_bits <= 22 ? opts.parse_bits : 20);
  int root = -1;
  for (int i = 0; i < ls->n; i++) if (ls->deprel[i] == DY_DEP_ROOT) root = i;
  if (root < 0) { rc = dy_err(err, DY_EPARSE, dir, 0, "no root relation in train"); goto done; }
  m->root_label = (uint32_t)root;
  m->par_beam = (uint32_t)opts.beam;

  /* 2. tagger: jackknife both passes (the second pass of each fold learns
  ** from the first pass's held-out tags), then train on all of train */
  if (opts.folds > 1) {
    for (int pass = 0; pass < 2; pass++) {
      for (int fold = 0; fold < opts.folds; fold++) {
        uint32_t mask;
        dy_htab td = { NULL, 0 };
        dy_hent *e = build_tagdict(&tr, fold, opts.folds, &mask);
        td.e = e; td.mask = mask;
        dy_wtab w = { 0 };
        int ok = e && train_tagger(&tr, m, fold, opts.folds, opts.tag_epochs, opts.tag_rounds,
                                   &td, jfirst, opts.verbose, &w);
        free(e);
        wtab_free(&w);
        if (!ok) { rc = dy_err(err, DY_ENOMEM, NULL, 0, "out of memory training the tagger"); goto done; }
      }
      if (opts.verbose)
        fprintf(stderr, "tagger: jackknifed train accuracy, pass %d: %.2f%% (%.1fs)\n", pass + 1,
                tag_accuracy(&tr), now() - t0);
      if (pass == 0) {
        jfirst = malloc((size_t)tr.nw * sizeof *jfirst + 1);
        if (!jfirst) { rc = dy_err(err, DY_ENOMEM, NULL, 0, "out of memory"); goto done; }
        for (int i = 0; i < tr.nw; i++) jfirst[i] = tr.pred[i] < 0 ? 0 : tr.pred[i];
      }
    }
  }
  {
    uint32_t mask;
    dy_hent *e = build_tagdict(&tr, -1, 1, &mask);
    m->tagdict.e = e; m->tagdict.mask = mask; m->owned[0] = e;
    dy_wtab w = { 0 }, w2 = { 0 };
    int ok = e && train_tagger(&tr, m, -1, 1, opts.tag_epochs, opts.tag_rounds, &m->tagdict,
                               NULL, opts.verbose, &w);
    m->tag_w = w; m->owned[1] = (void *)w.off; m->owned[9] = (void *)w.e;
    if (!ok) { rc = dy_err(err, DY_ENOMEM, NULL, 0, "out of memory training the tagger"); goto done; }
    /* second pass, trained on the first pass's jackknifed tags of train
    ** (gold tags when not jackknifing, a weaker stand-in) */
    int *first = malloc(((size_t)tr.nw + (size_t)dev.nw) * sizeof *first + 1);
    if (!first) { rc = dy_err(err, DY_ENOMEM, NULL, 0, "out of memory"); goto done; }
    memcpy(first, jfirst ? jfirst : tr.gold, (size_t)tr.nw * sizeof *first);
    for (int i = 0; i < tr.nw; i++) if (first[i] < 0) first[i] = 0;
    ok = train_tagger(&tr, m, -1, 1, opts.tag_epochs, opts.tag_rounds, &m->tagdict, first,
                      opts.verbose, &w2);
    m->tag_w2 = w2; m->owned[10] = (void *)w2.off; m->owned[11] = (void *)w2.e;
    if (!ok) { free(first); rc = dy_err(err, DY_ENOMEM, NULL, 0, "out of memory training the tagger"); goto done; }
    int *dfirst = first + tr.nw;
    for (int s = 0; s < dev.ns; s++) {
      int b = dev.off[s], n = dev.off[s + 1] - b;
      dy_tag_run(m, &m->tag_w, dev.w + b, n, &m->tagdict, NULL, dfirst + b);
      dy_tag_run(m, &m->tag_w2, dev.w + b, n, &m->tagdict, dfirst + b, dev.pred + b);
    }
    if (opts.verbose && dev.ns) {
      long ok1 = 0, uok = 0;
      for (int i = 0; i < dev.nw; i++) {
        ok1 += dfirst[i] == dev.gold[i];
        uok += dev.gold[i] >= 0 && ts->upos[dev.pred[i]] == ts->upos[dev.gold[i]];
      }
      fprintf(stderr, "tagger: dev accuracy (UPOS+XPOS) first pass %.2f%%, second %.2f%%, UPOS %.2f%%; %u + %u weights (%.1fs)\n",
              100.0 * (double)ok1 / (double)dev.nw, tag_accuracy(&dev),
              100.0 * (double)uok / (double)dev.nw, w.off[w.rows], w2.off[w2.rows], now() - t0);
    }
    free(first);
  }
  /* 3. lexicon */
  rc = build_lexicon(&tr, m, &p, ts);
  if (rc != DY_OK) { dy_err(err, rc, NULL, 0, "out of memory building the lexicon"); goto done; }
  /* 4. parser */
  {
    dy_label *lab = calloc((size_t)ls->n, sizeof *lab);
    m->labels = lab; m->owned[6] = lab;
    if (!lab) { rc = dy_err(err, DY_ENOMEM, NULL, 0, "out of memory"); goto done; }
    for (int i = 0; i < ls->n; i++) { lab[i].deprel = (uint32_t)ls->deprel[i]; lab[i].subrel = ls->sub[i]; }
    if (opts.folds <= 1) memcpy(tr.pred, tr.gold, (size_t)tr.nw * sizeof(int));
    for (int i = 0; i < tr.nw; i++) if (tr.pred[i] < 0) tr.pred[i] = 0;
    if (!opts.no_guide) {
      rc = train_guide(&tr, &dev, m, &opts, t0, err);
      if (rc != DY_OK) goto done;
    }
    dy_wtab w = { 0 };
    int ok = train_parser(&tr, &dev, m, opts.parse_epochs, opts.parse_rounds, -1, 1, opts.verbose,
                          &w, err);
    m->par_w = w; m->owned[7] = (void *)w.off; m->owned[12] = (void *)w.e;
    if (!ok) { rc = DY_ENOMEM; goto done; }
  }
  m->strs = p.buf;
  m->strs_len = (uint32_t)p.len;
  m->owned[8] = p.buf;
  p.buf = NULL;
  if (opts.verbose) fprintf(stderr, "trained in %.1fs\n", now() - t0);
done:
  free(jfirst);
  free(p.buf);
  free(p.map.e);
  free(ts);
  free(ls);
  corpus_free(&tr);
  corpus_free(&dev);
  dy_arena_free(a);
  if (rc != DY_OK) { dy_model_free(m); return rc; }
  *out = m;
  return DY_OK;
}
