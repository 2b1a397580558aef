/*
** system.c: the arc-hybrid configuration, its transitions and its
** features. The feature set follows Zhang and Nivre (2011, "Transition-based
** dependency parsing with rich non-local features") adapted to arc-hybrid,
** where the buffer front b0 may already have left children: words and tags
** of s0..s2, b0..b2, the leftmost/rightmost children and their labels,
** pairs and triples of these, the s0-b0 distance, valencies and child label
** sets. Parsing is greedy (dy_parse_greedy) or a beam search over the
** same transitions (dy_parse_beam).
*/
#include <assert.h>
#include <string.h>
#include "internal.h"

size_t dy_pstate_bytes(int n) {
  size_t m = (size_t)n + 2;
  return m * (10 * sizeof(int) + 2 * sizeof(uint64_t));
}

/* Point s's arrays into block (dy_pstate_bytes(n) bytes). */
static void carve(dy_pstate *s, void *block, int n) {
  size_t m = (size_t)n + 2;
  uint64_t *q = block;
  s->ls = q; s->rs = q + m;
  int *p = (int *)(q + 2 * m);
  s->stack = p; p += m;
  s->head = p; p += m;
  s->label = p; p += m;
  s->lc1 = p; p += m;
  s->lc2 = p; p += m;
  s->rc1 = p; p += m;
  s->rc2 = p; p += m;
  s->nl = p; p += m;
  s->nr = p;
}

void dy_pstate_init(dy_pstate *s, void *block, int n, int nlab,
                    const uint64_t *W, const uint32_t *P) {
  memset(block, 0, dy_pstate_bytes(n));
  carve(s, block, n);
  s->n = n;
  s->nlab = nlab;
  s->sp = 0;
  s->b = 1;
  s->W = W;
  s->P = P;
  s->G = NULL;
}

int dy_guide_label(int deprel) {
  switch (deprel) {
  case DY_DEP_ROOT: return 0;
  case DY_DEP_NSUBJ: case DY_DEP_CSUBJ: case DY_DEP_EXPL: return 1;
  case DY_DEP_OBJ: case DY_DEP_IOBJ: case DY_DEP_CCOMP: case DY_DEP_XCOMP: return 2;
  case DY_DEP_OBL: case DY_DEP_ADVMOD: case DY_DEP_ADVCL: case DY_DEP_DISCOURSE:
  case DY_DEP_VOCATIVE: case DY_DEP_DISLOCATED: return 3;
  case DY_DEP_NMOD: case DY_DEP_AMOD: case DY_DEP_ACL: case DY_DEP_APPOS: case DY_DEP_NUMMOD:
  case DY_DEP_DET: case DY_DEP_CLF: return 4;
  case DY_DEP_AUX: case DY_DEP_COP: case DY_DEP_MARK: case DY_DEP_CASE: return 5;
  case DY_DEP_COMPOUND: case DY_DEP_FLAT: case DY_DEP_FIXED: case DY_DEP_GOESWITH: return 6;
  case DY_DEP_PUNCT: return 8;
  default: return 7;  /* conj, cc, parataxis, list, orphan, reparandum, dep */
  }
}

dy_guide *dy_guide_make(dy_arena *a, int n, const int *gh, const int *gl) {
  dy_guide *g = dy_arena_alloc(a, sizeof *g);
  int *h = dy_arena_calloc(a, (size_t)n + 2, sizeof *h);
  int *l = dy_arena_calloc(a, (size_t)n + 2, sizeof *l);
  int *d = dy_arena_calloc(a, (size_t)n + 2, sizeof *d);
  if (!g || !h || !l || !d) return NULL;
  for (int i = 1; i <= n; i++) {
    int x = gh[i - 1];
    h[i] = x <= 0 || x > n ? n + 1 : x;
    l[i] = gl[i - 1];
    if (x > 0 && x <= n) d[x] = i;  /* i rises: the last one is the rightmost */
  }
  g->h = h; g->l = l; g->d = d;
  return g;
}

int dy_pstate_valid(const dy_pstate *s, int act, int root) {
  int L = s->nlab;
  if (act == 0) return s->b <= s->n;
  if (act <= L) {
    if (s->sp == 0) return 0;
    if (s->b == s->n + 1) return s->sp == 1 && act - 1 == root;
    return act - 1 != root;
  }
  return s->sp >= 2 && act - L - 1 != root;
}

static void arc(dy_pstate *s, int h, int d, int l) {
  s->head[d] = h;
  s->label[d] = l;
  if (d < h) {
    if (!s->lc1[h] || d < s->lc1[h]) { s->lc2[h] = s->lc1[h]; s->lc1[h] = d; }
    else if (!s->lc2[h] || d < s->lc2[h]) s->lc2[h] = d;
    s->nl[h]++;
    s->ls[h] |= (uint64_t)1 << (l & 63);
  } else {
    if (!s->rc1[h] || d > s->rc1[h]) { s->rc2[h] = s->rc1[h]; s->rc1[h] = d; }
    else if (!s->rc2[h] || d > s->rc2[h]) s->rc2[h] = d;
    s->nr[h]++;
    s->rs[h] |= (uint64_t)1 << (l & 63);
  }
}

void dy_pstate_apply(dy_pstate *s, int act) {
  int L = s->nlab;
  if (act == 0) {
    s->stack[s->sp++] = s->b++;
  } else if (act <= L) {
    int d = s->stack[--s->sp];
    arc(s, s->b, d, act - 1);
  } else {
    int d = s->stack[--s->sp];
    arc(s, s->stack[s->sp - 1], d, act - L - 1);
  }
}

void dy_parse_atoms(const dy_word *w, const int *cls, int n, uint64_t *W, uint32_t *P) {
  W[0] = 0x1234567;
  P[0] = 0;
  for (int i = 0; i < n; i++) {
    W[i + 1] = w[i].wid;
    P[i + 1] = (uint32_t)cls[i] + 2;
  }
  W[n + 1] = 0x7654321;
  P[n + 1] = 1;
}

/* The finished tree of s: heads 1-based with 0 for the root, labels. */
static void tree_out(const dy_pstate *s, int *head, int *lab) {
  for (int i = 1; i <= s->n; i++) {
    head[i - 1] = s->head[i] == s->n + 1 ? 0 : s->head[i];
    lab[i - 1] = s->label[i];
  }
}

/* Greedy parsing over nlab labels, root the root's, with the weights of
** wt or, if it is not NULL, of dt. */
static dy_status greedy(const dy_wtab *wt, const dy_dtab *dt, int nlab, int root, dy_arena *a,
                        int n, const dy_word *w, const int *cls, const dy_guide *g, int *head,
                        int *lab) {
  uint64_t *W = dy_arena_alloc(a, ((size_t)n + 2) * sizeof *W);
  uint32_t *P = dy_arena_alloc(a, ((size_t)n + 2) * sizeof *P);
  void *block = dy_arena_alloc(a, dy_pstate_bytes(n));
  if (!W || !P || !block) return DY_ENOMEM;
  dy_parse_atoms(w, cls, n, W, P);
  dy_pstate st;
  dy_pstate_init(&st, block, n, nlab, W, P);
  st.G = g;
  uint64_t f[DY_PARSE_FEATS];
  uint32_t r[DY_PARSE_FEATS];
  int32_t sc[2048 + 4];
  int nact = 1 + 2 * nlab;
  uint32_t mask = (dt ? dt->rows : wt->rows) - 1;
  while (!dy_pstate_done(&st)) {
    int nf = dy_parse_features(&st, f);
    for (int k = 0; k < nf; k++) r[k] = (uint32_t)(f[k] >> 32) & mask;
    if (dt) {
      memset(sc, 0, 32 * sizeof *sc);
      dy_dtab_score(dt, r, nf, sc);
    } else {
      memset(sc, 0, DY_WTAB_DENSE(wt->ncls) * sizeof *sc);
      dy_wtab_score(wt, r, nf, sc);
    }
    int best = -1;
    for (int act = 0; act < nact; act++)
      if ((best < 0 || sc[act] > sc[best]) && dy_pstate_valid(&st, act, root)) best = act;
    assert(best >= 0);
    dy_pstate_apply(&st, best);
  }
  tree_out(&st, head, lab);
  return DY_OK;
}

dy_status dy_parse_greedy(const dy_model *m, const dy_wtab *wt, dy_arena *a, int n,
                          const dy_word *w, const int *cls, const dy_guide *g, int *head,
                          int *lab) {
  return greedy(wt, NULL, (int)m->n_labels, (int)m->root_label, a, n, w, cls, g, head, lab);
}

#define F(t, a, b, c) (f[k++] = dy_feat((t), (a), (b), (c)))

int dy_parse_features(const dy_pstate *s, uint64_t *f) {
  const uint64_t *W = s->W;
  const uint32_t *P = s->P;
  int sp = s->sp;
  int s0 = sp > 0 ? s->stack[sp - 1] : 0;
  int s1 = sp > 1 ? s->stack[sp - 2] : 0;
  int s2 = sp > 2 ? s->stack[sp - 3] : 0;
  int b0 = s->b <= s->n + 1 ? s->b : 0;
  int b1 = b0 && b0 + 1 <= s->n + 1 ? b0 + 1 : 0;
  int b2 = b1 && b1 + 1 <= s->n + 1 ? b1 + 1 : 0;
  int s0l = s->lc1[s0], s0l2 = s->lc2[s0], s0r = s->rc1[s0], s0r2 = s->rc2[s0];
  int s1l = s->lc1[s1], s1r = s->rc1[s1], b0l = s->lc1[b0], b0l2 = s->lc2[b0];
  if (!s0) s0l = s0l2 = s0r = s0r2 = 0;
  if (!s1) s1l = s1r = 0;
  if (!b0) b0l = b0l2 = 0;
  uint64_t s0w = W[s0], s1w = W[s1], s2w = W[s2], b0w = W[b0], b1w = W[b1], b2w = W[b2];
  uint64_t s0p = P[s0], s1p = P[s1], s2p = P[s2], b0p = P[b0], b1p = P[b1], b2p = P[b2];
  uint64_t s0lp = P[s0l], s0rp = P[s0r], s1lp = P[s1l], s1rp = P[s1r], b0lp = P[b0l];
  uint64_t lab0 = (uint64_t)s->nlab + 1;
#define LAB(x) ((x) ? (uint64_t)s->label[x] : lab0)
  int dist = s0 && b0 ? b0 - s0 : 0;
  if (dist > 5) dist = dist < 10 ? 6 : 7;
  if (b0 == s->n + 1) dist = 8;
  int k = 0;
  F(0, 0, 0, 0);
  F(1, s0w, 0, 0); F(2, s0p, 0, 0); F(3, s0w, s0p, 0);
  F(4, s1w, 0, 0); F(5, s1p, 0, 0); F(6, s1w, s1p, 0);
  F(7, b0w, 0, 0); F(8, b0p, 0, 0); F(9, b0w, b0p, 0);
  F(10, b1w, 0, 0); F(11, b1p, 0, 0); F(12, b1w, b1p, 0);
  F(13, b2w, 0, 0); F(14, b2p, 0, 0); F(15, b2w, b2p, 0);
  F(16, s2p, 0, 0); F(17, s2w, s2p, 0);
  F(18, s0w * 31 + s0p, b0w, b0p); F(19, s0w, s0p, b0w); F(20, s0w, b0w, b0p);
  F(21, s0w, s0p, b0p); F(22, s0p, b0w, b0p); F(23, s0w, b0w, 0); F(24, s0p, b0p, 0);
  F(25, b0p, b1p, 0);
  F(26, s1w * 31 + s1p, s0w, s0p); F(27, s1p, s0p, 0); F(28, s1w, s0w, 0);
  F(29, s1w, s0p, 0); F(30, s1p, s0w, 0);
  F(31, b0p, b1p, b2p); F(32, s0p, b0p, b1p); F(33, s1p, s0p, b0p);
  F(34, s0p, s0lp, b0p); F(35, s0p, s0rp, b0p); F(36, s0p, b0p, b0lp);
  F(37, s1p, s0p, s0lp); F(38, s1p, s0p, s0rp); F(39, s1p, s1rp, s0p);
  F(40, s2p, s1p, s0p); F(41, s1p, s1lp, s0p); F(42, s1p, b0p, 0); F(43, s1w, b0w, 0);
  F(44, s0w, dist, 0); F(45, s0p, dist, 0); F(46, b0w, dist, 0); F(47, b0p, dist, 0);
  F(48, s0w, b0w, dist); F(49, s0p, b0p, dist);
  F(50, s0w, s->nr[s0], 0); F(51, s0p, s->nr[s0], 0);
  F(52, s0w, s->nl[s0], 0); F(53, s0p, s->nl[s0], 0);
  F(54, b0w, s->nl[b0], 0); F(55, b0p, s->nl[b0], 0);
  F(56, s1w, s->nr[s1], 0); F(57, s1p, s->nr[s1], 0);
  F(58, W[s0l], 0, 0); F(59, s0lp, 0, 0); F(60, LAB(s0l), 0, 0);
  F(61, W[s0r], 0, 0); F(62, s0rp, 0, 0); F(63, LAB(s0r), 0, 0);
  F(64, W[b0l], 0, 0); F(65, b0lp, 0, 0); F(66, LAB(b0l), 0, 0);
  F(67, W[s1l], 0, 0); F(68, s1lp, 0, 0); F(69, LAB(s1l), 0, 0);
  F(70, W[s1r], 0, 0); F(71, s1rp, 0, 0); F(72, LAB(s1r), 0, 0);
  F(73, W[s0l2], 0, 0); F(74, P[s0l2], 0, 0); F(75, LAB(s0l2), 0, 0);
  F(76, W[s0r2], 0, 0); F(77, P[s0r2], 0, 0); F(78, LAB(s0r2), 0, 0);
  F(79, W[b0l2], 0, 0); F(80, P[b0l2], 0, 0); F(81, LAB(b0l2), 0, 0);
  F(82, s0p, s0lp, P[s0l2]); F(83, s0p, s0rp, P[s0r2]); F(84, b0p, b0lp, P[b0l2]);
  F(85, s0w, s->ls[s0], 0); F(86, s0p, s->ls[s0], 0);
  F(87, s0w, s->rs[s0], 0); F(88, s0p, s->rs[s0], 0);
  F(89, b0w, s->ls[b0], 0); F(90, b0p, s->ls[b0], 0);
  F(91, s0p, LAB(s0l), LAB(s0r)); F(92, s0p, b0p, LAB(b0l));
  F(93, s1p, LAB(s1r), s0p);
  if (s->G) {
    /* where the guide hangs s0, s1 and b0 from, seen from here: 1 the word
    ** this configuration could attach it to next (b0 or s1 for s0, s0 for
    ** b0), then further right, further left; and whether s0 and s1 still
    ** have guide dependents in the buffer */
    const int *GH = s->G->h, *GL = s->G->l, *GD = s->G->d;
    int n1 = s->n + 1;
    uint64_t r0 = !s0 ? 0 : GH[s0] == b0 ? 1 : s1 && GH[s0] == s1 ? 2 : GH[s0] > b0 ? 3 : 4;
    uint64_t r1 = !s1 ? 0 : GH[s1] == b0 ? 1 : GH[s1] > b0 ? 2 : s2 && GH[s1] == s2 ? 3 : 4;
    uint64_t rb = !b0 || b0 == n1 ? 0 : s0 && GH[b0] == s0 ? 1 : GH[b0] == n1 ? 2 : GH[b0] > b0 ? 3
                  : s1 && GH[b0] == s1 ? 5 : 4;
    uint64_t rb1 = !b1 || b1 == n1 ? 0 : GH[b1] == b0 ? 1 : s0 && GH[b1] == s0 ? 2 : GH[b1] > b1 ? 3 : 4;
    uint64_t lb1 = b1 && b1 < n1 ? (uint64_t)GL[b1] : lab0;
    uint64_t p0 = s0 && b0 && GD[s0] >= b0, p1 = s1 && b0 && GD[s1] >= b0;
    uint64_t l0 = s0 ? (uint64_t)GL[s0] : lab0, l1 = s1 ? (uint64_t)GL[s1] : lab0;
    uint64_t lb = b0 && b0 < n1 ? (uint64_t)GL[b0] : lab0;
    F(94, r0, p0, l0); F(95, rb, lb, 0); F(96, r0, rb, p0 * 2 + p1);
    F(97, r0 * 1024 + l0, s0p, 0); F(98, rb * 1024 + lb, b0p, 0);
    F(99, r1, p1, l1); F(100, r0, r1, p1); F(101, r0 * 2 + p0, s0w, 0);
    F(102, rb1, lb1, rb); F(103, s0p, s0 ? P[GH[s0]] : 0, r0); F(104, b0p, P[GH[b0]], rb);
  }
#undef LAB
  return k;
}

uint64_t dy_feature_fingerprint(void) {
  static const char *const forms[] = { "Belarus", "and", "China", "didn't", "sign", "8,000",
                                       "deals", "." };
  enum { N = 8 };
  dy_word w[N];
  int cls[N], first[N];
  for (int i = 0; i < N; i++) {
    dy_word_prepare(forms[i], strlen(forms[i]), &w[i]);
    cls[i] = first[i] = i % 5;
  }
  dy_words_context(w, N);
  uint64_t h = 0x6479616466656174ULL, f[DY_PARSE_FEATS > DY_TAG_FEATS ? DY_PARSE_FEATS : DY_TAG_FEATS];
  for (int i = 0; i < N; i++)
    for (int pass = 0; pass < 2; pass++) {
      int nf = dy_tag_features(w, N, i, pass ? 1 : -1, i % 3 - 1, i % 2 - 1, pass ? first : NULL, f);
      for (int k = 0; k < nf; k++) h = dy_mix(h ^ f[k]);
    }
  /* the parser's features along a fixed run of transitions (3 labels) */
  uint64_t W[N + 2];
  uint32_t P[N + 2];
  dy_parse_atoms(w, cls, N, W, P);
  unsigned char block[4096];
  if (dy_pstate_bytes(N) > sizeof block) return 0;
  for (int d = 0; d < DY_DEP_COUNT; d++) h = dy_mix(h ^ (uint64_t)dy_guide_label(d));
  /* without a guide, then with one (heads 2 4 4 ROOT 4 7 5 4, labels i % 3) */
  static const int gh[N + 2] = { 0, 2, 4, 4, 9, 4, 7, 5, 4, 0 };
  static const int gl[N + 2] = { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0 };
  static const int gd[N + 2] = { 0, 0, 1, 0, 8, 7, 0, 6, 0, 0 };
  const dy_guide guide = { gh, gl, gd };
  static const int run[] = { 0, 0, 1, 0, 5, 0, 0, 2, 0, 6, 0, 0, 4, 4, 1 };
  for (int g = 0; g < 2; g++) {
    dy_pstate st;
    dy_pstate_init(&st, block, N, 3, W, P);
    st.G = g ? &guide : NULL;
    for (size_t r = 0; r < sizeof run / sizeof run[0] && !dy_pstate_done(&st); r++) {
      int nf = dy_parse_features(&st, f);
      for (int k = 0; k < nf; k++) h = dy_mix(h ^ f[k]);
      int act = run[r];
      if (!dy_pstate_valid(&st, act, 2)) {
        for (act = 0; act < 7 && !dy_pstate_valid(&st, act, 2); act++) {}
        if (act == 7) break;
      }
      dy_pstate_apply(&st, act);
    }
  }
  return h;
}

/* ---- beam search ---- */

void dy_pstate_copy(dy_pstate *dst, const dy_pstate *src) {
  void *block = dst->ls;
  memcpy(block, src->ls, dy_pstate_bytes(src->n));
  *dst = *src;
  carve(dst, block, src->n);
}

dy_beam *dy_beam_new(dy_arena *a, int k, int n, int nlab, const uint64_t *W, const uint32_t *P,
                     const dy_guide *g) {
  dy_beam *b = dy_arena_alloc(a, sizeof *b);
  if (!b) return NULL;
  b->k = k;
  b->nc = 1;
  b->t = 0;
  b->item = dy_arena_alloc(a, 2 * (size_t)k * sizeof *b->item);
  b->score = dy_arena_alloc(a, 2 * (size_t)k * sizeof *b->score);
  b->from = dy_arena_alloc(a, (size_t)k * (2 * (size_t)n + 1) * sizeof *b->from);
  b->act = dy_arena_alloc(a, (size_t)k * (2 * (size_t)n + 1) * sizeof *b->act);
  b->cand = dy_arena_alloc(a, ((size_t)k + 1) * sizeof *b->cand);
  if (!b->item || !b->score || !b->from || !b->act || !b->cand) return NULL;
  for (int i = 0; i < 2 * k; i++) {
    void *block = dy_arena_alloc(a, dy_pstate_bytes(n));
    if (!block) return NULL;
    dy_pstate_init(&b->item[i], block, n, nlab, W, P);
    b->item[i].G = g;
  }
  b->score[0] = 0;
  return b;
}

/* Candidates kept sorted best first; ties go to the earlier item and the
** lower action, so the search is deterministic. */
static void beam_offer(dy_beam *b, int *nc, int from, int act, double score) {
  int i = *nc;
  if (i == b->k) {
    if (score <= b->cand[i - 1].score) return;
    i--;
  } else {
    (*nc)++;
  }
  while (i > 0 && b->cand[i - 1].score < score) { b->cand[i] = b->cand[i - 1]; i--; }
  b->cand[i].from = from;
  b->cand[i].act = act;
  b->cand[i].score = score;
}

void dy_beam_step(dy_beam *b, const float *sc, int stride, int root) {
  int nc = 0, nact = 1 + 2 * b->item[0].nlab;
  dy_pstate *cur = b->item + (b->t % 2) * b->k, *nxt = b->item + ((b->t + 1) % 2) * b->k;
  double *cs = b->score + (b->t % 2) * b->k, *ns = b->score + ((b->t + 1) % 2) * b->k;
  for (int i = 0; i < b->nc; i++)
    for (int a = 0; a < nact; a++)
      if (dy_pstate_valid(&cur[i], a, root)) beam_offer(b, &nc, i, a, cs[i] + sc[(size_t)i * stride + a]);
  int *from = b->from + (size_t)b->t * b->k, *act = b->act + (size_t)b->t * b->k;
  for (int j = 0; j < nc; j++) {
    dy_pstate_copy(&nxt[j], &cur[b->cand[j].from]);
    dy_pstate_apply(&nxt[j], b->cand[j].act);
    ns[j] = b->cand[j].score;
    from[j] = b->cand[j].from;
    act[j] = b->cand[j].act;
  }
  b->nc = nc;
  b->t++;
}

dy_status dy_parse_beam(const dy_model *m, const dy_wtab *wt, dy_arena *a, int k, int n,
                        const dy_word *w, const int *cls, const dy_guide *g, int *head,
                        int *lab) {
  if (k <= 1) return dy_parse_greedy(m, wt, a, n, w, cls, g, head, lab);
  uint64_t *W = dy_arena_alloc(a, ((size_t)n + 2) * sizeof *W);
  uint32_t *P = dy_arena_alloc(a, ((size_t)n + 2) * sizeof *P);
  int nlab = (int)m->n_labels, stride = (int)DY_WTAB_DENSE(wt->ncls);
  float *sc = dy_arena_alloc(a, (size_t)k * (size_t)stride * sizeof *sc);
  if (!W || !P || !sc) return DY_ENOMEM;
  dy_parse_atoms(w, cls, n, W, P);
  dy_beam *b = dy_beam_new(a, k, n, nlab, W, P, g);
  if (!b) return DY_ENOMEM;
  uint64_t f[DY_PARSE_FEATS];
  uint32_t r[DY_PARSE_FEATS];
  int32_t isc[2048 + 4];
  while (!dy_pstate_done(dy_beam_items(b))) {
    dy_pstate *cur = dy_beam_items(b);
    for (int i = 0; i < b->nc; i++) {
      int nf = dy_parse_features(&cur[i], f);
      for (int j = 0; j < nf; j++) r[j] = (uint32_t)(f[j] >> 32) & (wt->rows - 1);
      memset(isc, 0, (size_t)stride * sizeof *isc);
      dy_wtab_score(wt, r, nf, isc);
      for (int j = 0; j < stride; j++) sc[(size_t)i * stride + j] = (float)isc[j];
    }
    dy_beam_step(b, sc, stride, (int)m->root_label);
  }
  tree_out(&dy_beam_items(b)[0], head, lab);
  return DY_OK;
}

dy_status dy_parse_reversed(const dy_dtab *dt, int nlab, int root, dy_arena *a, int n,
                            const dy_word *w, const int *cls, int *head, int *lab) {
  dy_word *wr = dy_arena_alloc(a, (size_t)n * sizeof *wr);
  int *cr = dy_arena_alloc(a, (size_t)n * sizeof *cr);
  int *hr = dy_arena_alloc(a, (size_t)n * sizeof *hr);
  int *lr = dy_arena_alloc(a, (size_t)n * sizeof *lr);
  if (!wr || !cr || !hr || !lr) return DY_ENOMEM;
  for (int i = 0; i < n; i++) { wr[i] = w[n - 1 - i]; cr[i] = cls[n - 1 - i]; }
  dy_status rc = greedy(NULL, dt, nlab, root, a, n, wr, cr, NULL, hr, lr);
  if (rc != DY_OK) return rc;
  for (int i = 0; i < n; i++) {
    int h = hr[n - 1 - i];
    head[i] = h ? n + 1 - h : 0;
    lab[i] = lr[n - 1 - i];
  }
  return DY_OK;
}

dy_status dy_parse_words(const dy_model *m, dy_arena *a, int n, const dy_word *w,
                         const int *cls, int *head, int *lab) {
  const dy_guide *g = NULL;
  if (m->gd.rows) {
    dy_status rc = dy_parse_reversed(&m->gd, DY_GUIDE_LABELS, 0, a, n, w, cls, head, lab);
    if (rc != DY_OK) return rc;
    if (!(g = dy_guide_make(a, n, head, lab))) return DY_ENOMEM;
  }
  return dy_parse_beam(m, &m->par_w, a, (int)m->par_beam, n, w, cls, g, head, lab);
}
