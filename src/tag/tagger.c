/*
** tagger.c: part-of-speech tagging, features and lemmas.
**
** The tagger is a greedy averaged perceptron (Collins 2002) over joint
** (UPOS, XPOS) classes, each scored as its own weight plus its UPOS's (the
** UPOS weights learn from every class that shares the UPOS), with the
** feature set that works well for English (Ratnaparkhi 1996; Honnibal's
** "perceptron tagger"): the word, its prefixes, suffixes and shape, two
** words either side, the two previous predicted tags, and how capitalized
** the sentence is (headlines capitalize common nouns). More templates (a
** fifth suffix letter, word pairs either side, the part after a hyphen)
** made no difference on EWT dev once collisions were gone, and cost 15% of
** the speed, so they are left out. Frequent words that always carry one class in training
** skip the classifier (tag dictionary). FEATS and LEMMA come from a lexicon
** learned from the treebank, keyed by form and class; unseen words get the
** class's most frequent FEATS and a lemma from suffix rules learned per
** class (the longest matching suffix wins).
**
** Tagging runs twice: the first pass right to left, the second left to
** right with the same features plus the first pass's tags of the word itself
** and the two words to its right, which a left-to-right tagger otherwise
** never sees (the first pass tagged them knowing their own right context).
*/
#include <assert.h>
#include <string.h>
#include "dyad/parse.h"
#include "dyad/text.h"
#include "internal.h"
#include "../util/util.h"

void dy_word_prepare(const char *form, size_t n, dy_word *w) {
  char f[256];
  size_t len = dy_text_fold(form, n, f, sizeof f);
  uint32_t flags = 0;
  int up = 0, low = 0;
  char shape[16];
  size_t sl = 0;
  char last = 0;
  int run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)form[i];
    char k;
    if (c >= '0' && c <= '9') { flags |= F_DIGIT; k = 'd'; }
    else if (c >= 'A' && c <= 'Z') { up++; k = 'X'; if (i == 0) flags |= F_FIRSTUP; }
    else if (c >= 'a' && c <= 'z') { low++; k = 'x'; }
    else if (c >= 0x80) { k = 'u'; }
    else { k = (char)c; if (c == '-') flags |= F_HYPHEN; }
    run = k == last ? run + 1 : 0;
    last = k;
    if (run < 2 && sl < sizeof shape) shape[sl++] = k;
  }
  if (up) flags |= F_UPPER;
  if (up && !low) flags |= F_ALLUPPER;
  if (!up && !low && !(flags & F_DIGIT)) flags |= F_PUNCT;
  w->flags = flags;
  w->shape = dy_strhash(shape, sl);
  w->cased = dy_strhash(form, n);
  for (size_t i = 0; i < len; i++)
    if (f[i] >= '0' && f[i] <= '9') f[i] = '0';
  w->wid = dy_strhash(f, len);
  for (size_t k = 0; k < 3; k++) w->pre[k] = dy_strhash(f, len < k + 1 ? len : k + 1) + k;
  for (size_t k = 0; k < 4; k++) {
    size_t m = len < k + 1 ? len : k + 1;
    w->suf[k] = dy_strhash(f + len - m, m) + 7 * k;
  }
}

void dy_words_context(dy_word *w, int n) {
  int words = 0, caps = 0, upper = 0;
  for (int i = 1; i < n; i++) {
    if (w[i].flags & F_PUNCT) continue;
    words++;
    caps += (w[i].flags & F_FIRSTUP) != 0;
    upper += (w[i].flags & F_ALLUPPER) != 0;
  }
  uint32_t b = words < 2 ? 0 : upper * 2 > words ? 1 : caps * 2 > words ? 2 : caps * 5 > words ? 3 : 4;
  for (int i = 0; i < n; i++) w[i].sent = b;
}

#define NONE_W 0x5bd1e995u   /* atom for "no word here" */

int dy_tag_features(const dy_word *w, int n, int i, int dir, int p1, int p2,
                    const int *first, uint64_t *f) {
  const dy_word *x = &w[i];
  /* m1, m2: the words tagged just before this one (left of it when tagging
  ** left to right); p1, p2 the next ones */
  int jm1 = i - dir, jm2 = i - 2 * dir, jp1 = i + dir, jp2 = i + 2 * dir;
  const dy_word *m1 = jm1 >= 0 && jm1 < n ? &w[jm1] : NULL;
  const dy_word *m2 = jm2 >= 0 && jm2 < n ? &w[jm2] : NULL;
  const dy_word *n1 = jp1 >= 0 && jp1 < n ? &w[jp1] : NULL;
  const dy_word *n2 = jp2 >= 0 && jp2 < n ? &w[jp2] : NULL;
  uint64_t wm1 = m1 ? m1->wid : NONE_W, wm2 = m2 ? m2->wid : NONE_W + 1;
  uint64_t wp1 = n1 ? n1->wid : NONE_W + 2, wp2 = n2 ? n2->wid : NONE_W + 3;
  uint64_t t1 = (uint64_t)(p1 + 1), t2 = (uint64_t)(p2 + 1);
  int k = 0;
  f[k++] = dy_feat(1, 0, 0, 0);
  f[k++] = dy_feat(2, x->wid, 0, 0);
  f[k++] = dy_feat(3, x->suf[0], 0, 0);
  f[k++] = dy_feat(4, x->suf[1], 0, 0);
  f[k++] = dy_feat(5, x->suf[2], 0, 0);
  f[k++] = dy_feat(6, x->suf[3], 0, 0);
  f[k++] = dy_feat(7, x->pre[0], 0, 0);
  f[k++] = dy_feat(8, x->pre[1], 0, 0);
  f[k++] = dy_feat(9, x->pre[2], 0, 0);
  f[k++] = dy_feat(10, x->shape, 0, 0);
  f[k++] = dy_feat(11, t1, 0, 0);
  f[k++] = dy_feat(12, t1, t2, 0);
  f[k++] = dy_feat(13, t1, x->wid, 0);
  f[k++] = dy_feat(14, wm1, 0, 0);
  f[k++] = dy_feat(15, m1 ? m1->suf[2] : 0, 0, 0);
  f[k++] = dy_feat(16, wm2, 0, 0);
  f[k++] = dy_feat(17, wp1, 0, 0);
  f[k++] = dy_feat(18, n1 ? n1->suf[2] : 0, 0, 0);
  f[k++] = dy_feat(19, wp2, 0, 0);
  f[k++] = dy_feat(20, wm1, x->wid, 0);
  f[k++] = dy_feat(21, x->wid, wp1, 0);
  f[k++] = dy_feat(22, x->flags, i == 0, 0);
  f[k++] = dy_feat(23, t1, wp1, 0);
  f[k++] = dy_feat(24, n1 ? n1->shape : 0, 0, 0);
  f[k++] = dy_feat(25, m1 ? m1->shape : 0, 0, 0);
  f[k++] = dy_feat(26, x->cased, 0, 0);
  f[k++] = dy_feat(27, x->suf[2], wp1, 0);
  f[k++] = dy_feat(28, t1, x->suf[2], 0);
  f[k++] = dy_feat(29, wm1, x->wid, wp1);
  f[k++] = dy_feat(30, n1 ? n1->suf[1] : 0, x->wid, 0);
  f[k++] = dy_feat(49, x->sent, x->flags, i == 0);
  f[k++] = dy_feat(50, x->sent, x->wid, 0);
  f[k++] = dy_feat(51, x->sent, t1, x->flags);
  if (first) {
    /* the second pass sees the first pass's guesses to the right */
    uint64_t r0 = (uint64_t)first[i] + 1, r1 = i + 1 < n ? (uint64_t)first[i + 1] + 1 : 0;
    uint64_t r2 = i + 2 < n ? (uint64_t)first[i + 2] + 1 : 0;
    f[k++] = dy_feat(47, r1, r2, x->wid);
    f[k++] = dy_feat(48, t1, r0, r1);
    f[k++] = dy_feat(40, r1, 0, 0);
    f[k++] = dy_feat(41, r1, r2, 0);
    f[k++] = dy_feat(42, r0, 0, 0);
    f[k++] = dy_feat(43, t1, r1, 0);
    f[k++] = dy_feat(44, x->wid, r1, 0);
    f[k++] = dy_feat(45, r0, x->wid, 0);
    f[k++] = dy_feat(46, x->suf[2], r1, 0);
  }
  assert(k <= DY_TAG_FEATS);
  return k;
}

void dy_tag_run(const dy_model *m, const dy_wtab *w, const dy_word *words, int n,
                const dy_htab *td, const int *first, int *out) {
  uint64_t f[DY_TAG_FEATS];
  uint32_t r[DY_TAG_FEATS];
  int32_t scores[4096 + 32];
  int dir = first ? 1 : -1;
  for (int j = 0; j < n; j++) {
    int i = dir > 0 ? j : n - 1 - j;
    const dy_hent *e = dy_htab_get(td, words[i].wid);
    if (e) { out[i] = (int)e->a; continue; }
    int nf = dy_tag_features(words, n, i, dir, j > 0 ? out[i - dir] : -1,
                             j > 1 ? out[i - 2 * dir] : -1, first, f);
    for (int k = 0; k < nf; k++) r[k] = (uint32_t)(f[k] >> 32) & (w->rows - 1);
    memset(scores, 0, DY_WTAB_DENSE(w->ncls) * sizeof *scores);
    dy_wtab_score(w, r, nf, scores);
    for (uint32_t t = 0; t < m->n_tags; t++) scores[t] += scores[m->n_tags + m->tags[t].upos];
    out[i] = dy_argmax_i(scores, (int)m->n_tags);
  }
}

/* Key of the lexicon: form hash and class. */
static uint64_t lexkey(uint64_t form, int cls) {
  uint64_t k = dy_mix(form ^ ((uint64_t)(cls + 1) << 48));
  return k ? k : 1;
}

/* Lemma of form (n bytes) tagged cls, built in a. */
static const char *lemma_of(const dy_model *m, const char *form, size_t n, int cls,
                            dy_arena *a) {
  const dy_hent *e = dy_htab_get(&m->lex, lexkey(dy_strhash(form, n), cls));
  if (e) return dy_model_str(m, e->a);
  char low[256];
  size_t ln = dy_text_fold(form, n, low, sizeof low);
  e = dy_htab_get(&m->lexlow, lexkey(dy_strhash(low, ln), cls));
  if (e) return dy_model_str(m, e->a);
  if (m->tags[cls].upos == DY_UPOS_PROPN || ln >= sizeof low - 1)
    return dy_arena_strndup(a, form, n);
  for (size_t k = ln < 5 ? ln : 5;; k--) {
    uint64_t key = lexkey(dy_strhash(low + ln - k, k) + k, cls);
    e = dy_htab_get(&m->rules, key);
    if (e && e->a <= ln) {
      const char *add = dy_model_str(m, e->b);
      size_t keep = ln - e->a, al = strlen(add);
      char *l = dy_arena_alloc(a, keep + al + 1);
      if (!l) return NULL;
      memcpy(l, low, keep);
      memcpy(l + keep, add, al + 1);
      return l;
    }
    if (k == 0) break;
  }
  return dy_arena_strndup(a, low, ln);
}

dy_status dy_tag_sentence(const dy_model *m, dy_sentence *s, dy_arena *a) {
  dy_word *w;
  int *cls;
  return dy_tag_words(m, s, a, NULL, &w, &cls);
}

/* The class of singular proper nouns (PROPN, NNP), or -1. */
static int propn_class(const dy_model *m) {
  for (uint32_t i = 0; i < m->n_tags; i++)
    if (m->tags[i].upos == DY_UPOS_PROPN && strcmp(dy_model_str(m, m->tags[i].xpos), "NNP") == 0)
      return (int)i;
  return -1;
}

dy_status dy_tag_words(const dy_model *m, dy_sentence *s, dy_arena *a,
                       const unsigned char *names, dy_word **wout, int **cout) {
  assert(m && s && a);
  dy_word *w = dy_arena_alloc(a, (size_t)s->n * sizeof *w + 1);
  int *cls = dy_arena_alloc(a, (size_t)s->n * sizeof *cls + 1);
  if (!w || !cls) return DY_ENOMEM;
  *wout = w;
  *cout = cls;
  for (int i = 0; i < s->n; i++)
    dy_word_prepare(s->tok[i].form, strlen(s->tok[i].form), &w[i]);
  dy_words_context(w, s->n);
  int *first = dy_arena_alloc(a, (size_t)s->n * sizeof *first + 1);
  if (!first) return DY_ENOMEM;
  dy_tag_run(m, &m->tag_w, w, s->n, &m->tagdict, NULL, first);
  int pc = names ? propn_class(m) : -1;
  if (pc >= 0)
    for (int i = 0; i < s->n; i++)
      if (names[i]) first[i] = pc;
  dy_tag_run(m, &m->tag_w2, w, s->n, &m->tagdict, first, cls);
  if (pc >= 0)
    for (int i = 0; i < s->n; i++)
      if (names[i]) cls[i] = pc;
  for (int i = 0; i < s->n; i++) {
    dy_token *t = &s->tok[i];
    const dy_tagclass *c = &m->tags[cls[i]];
    size_t n = strlen(t->form);
    t->upos = (uint8_t)c->upos;
    t->xpos = dy_model_str(m, c->xpos);
    const dy_hent *e = dy_htab_get(&m->lex, lexkey(dy_strhash(t->form, n), cls[i]));
    if (!e) {
      char low[256];
      size_t ln = dy_text_fold(t->form, n, low, sizeof low);
      e = dy_htab_get(&m->lexlow, lexkey(dy_strhash(low, ln), cls[i]));
    }
    t->feats = e ? dy_model_str(m, e->b) : dy_model_str(m, c->feats);
    t->lemma = lemma_of(m, t->form, n, cls[i], a);
    if (!t->lemma) return DY_ENOMEM;
    t->misc = t->space_after ? "_" : "SpaceAfter=No";
  }
  return DY_OK;
}

uint64_t dy_tag_lexkey(uint64_t form, int cls) { return lexkey(form, cls); }
