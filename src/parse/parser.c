/*
** parser.c: arc-hybrid parsing with the trained weights, and the whole
** pipeline from raw text (dy_parse_text).
**
** Greedy decoding costs one score vector per transition (2n per sentence),
** and the default model parses each sentence twice: its guide parser
** right to left, then its parser with the guide's tree as features
** (dy_parse_words). A model trained for a beam (dyad train --beam K) is
** decoded with that beam, which multiplies the cost by about K for a
** little more accuracy, so the default model, held to 100,000 tokens/s on
** one core, is greedy.
*/
#include <assert.h>
#include <string.h>
#include "dyad/parse.h"
#include "dyad/text.h"
#include "internal.h"

/* feats without its Voice=Pass item, in a ("_" when nothing is left);
** NULL when out of memory. */
static const char *drop_voice(const char *feats, dy_arena *a) {
  char *out = dy_arena_alloc(a, strlen(feats) + 1);
  if (!out) return NULL;
  size_t k = 0;
  for (const char *p = feats; *p;) {
    const char *bar = strchr(p, '|');
    size_t len = bar ? (size_t)(bar - p) : strlen(p);
    if (!(len == 10 && memcmp(p, "Voice=Pass", 10) == 0)) {
      if (k) out[k++] = '|';
      memcpy(out + k, p, len);
      k += len;
    }
    p += len + (bar != NULL);
  }
  if (!k) return "_";
  out[k] = 0;
  return out;
}

/* The lexicon gives a participle its most frequent FEATS, Voice=Pass for
** most VBN forms; the tree decides (UD: Voice=Pass on passive participles):
** a participle with a passive auxiliary or subject (aux:pass, nsubj:pass,
** csubj:pass) is passive, one with a plain auxiliary ("have signed") is
** not; participles without either (reduced relatives) keep the lexicon's
** guess. */
static dy_status set_voice(dy_sentence *s, dy_arena *a) {
  int n = s->n;
  unsigned char *mark = dy_arena_calloc(a, (size_t)n + 1, 1);
  if (!mark) return DY_ENOMEM;
  for (int i = 0; i < n; i++) {
    const dy_token *t = &s->tok[i];
    if (t->head <= 0 || t->head > n) continue;
    int pass = strcmp(t->subrel, "pass") == 0 &&
               (t->deprel == DY_DEP_AUX || t->deprel == DY_DEP_NSUBJ || t->deprel == DY_DEP_CSUBJ);
    if (pass) mark[t->head - 1] |= 1;
    else if (t->deprel == DY_DEP_AUX) mark[t->head - 1] |= 2;
  }
  for (int i = 0; i < n; i++) {
    dy_token *t = &s->tok[i];
    if (t->upos != DY_UPOS_VERB || strcmp(t->xpos, "VBN") != 0 || !mark[i]) continue;
    int has = strstr(t->feats, "Voice=Pass") != NULL;
    if (mark[i] & 1) {
      if (has) continue;
      size_t fl = strcmp(t->feats, "_") == 0 ? 0 : strlen(t->feats);
      char *f = dy_arena_alloc(a, fl + 12);
      if (!f) return DY_ENOMEM;
      memcpy(f, t->feats, fl);
      memcpy(f + fl, fl ? "|Voice=Pass" : "Voice=Pass", fl ? 12 : 11);
      t->feats = f;
    } else if (has) {
      t->feats = drop_voice(t->feats, a);
      if (!t->feats) return DY_ENOMEM;
    }
  }
  return DY_OK;
}

/* Set token i's head and relation from label index l. */
static void set_arc(const dy_model *m, dy_token *t, int head, int l) {
  const dy_label *x = &m->labels[l];
  t->head = head;
  t->deprel = (uint8_t)x->deprel;
  t->subrel = dy_model_str(m, x->subrel);
}

/* Parse with words w and tag classes cls already computed. A name the
** dictionaries know (names[i]: 1 on its first word, 2 on the rest; names
** may be NULL) is parsed as one word, its first, and its other words hang
** from that one as flat: the parser, trained on web text, otherwise splits
** titles and names in news ("Brazilian President Luiz Inacio Lula ...")
** differently from one trained model to the next. */
static dy_status parse_core(const dy_model *m, dy_sentence *s, dy_arena *a,
                            const dy_word *w, const int *cls, const unsigned char *names) {
  int n = s->n;
  if (n <= 0) return DY_OK;
  int *rep = dy_arena_alloc(a, (size_t)n * sizeof *rep);      /* kept word -> token */
  int *head = dy_arena_alloc(a, (size_t)n * sizeof *head);
  int *lab = dy_arena_alloc(a, (size_t)n * sizeof *lab);
  if (!rep || !head || !lab) return DY_ENOMEM;
  int nr = 0;
  for (int i = 0; i < n; i++)
    if (!names || names[i] != 2 || i == 0 || !names[i - 1]) rep[nr++] = i;
  dy_status rc;
  if (nr == n) {
    rc = dy_parse_words(m, a, n, w, cls, head, lab);
    if (rc != DY_OK) return rc;
    for (int i = 0; i < n; i++) set_arc(m, &s->tok[i], head[i], lab[i]);
    return set_voice(s, a);
  }
  dy_word *wr = dy_arena_alloc(a, (size_t)nr * sizeof *wr);
  int *cr = dy_arena_alloc(a, (size_t)nr * sizeof *cr);
  if (!wr || !cr) return DY_ENOMEM;
  for (int r = 0; r < nr; r++) { wr[r] = w[rep[r]]; cr[r] = cls[rep[r]]; }
  rc = dy_parse_words(m, a, nr, wr, cr, head, lab);
  if (rc != DY_OK) return rc;
  int flat = -1;
  for (uint32_t l = 0; l < m->n_labels; l++)
    if (m->labels[l].deprel == DY_DEP_FLAT && !*dy_model_str(m, m->labels[l].subrel)) flat = (int)l;
  for (int r = 0; r < nr; r++) {
    int i = rep[r], end = r + 1 < nr ? rep[r + 1] : n;
    set_arc(m, &s->tok[i], head[r] ? rep[head[r] - 1] + 1 : 0, lab[r]);
    for (int j = i + 1; j < end; j++) {
      if (flat >= 0) set_arc(m, &s->tok[j], i + 1, flat);
      else { s->tok[j].head = i + 1; s->tok[j].deprel = DY_DEP_FLAT; s->tok[j].subrel = ""; }
    }
  }
  return set_voice(s, a);
}

/* Class of a tagged token: the (UPOS, XPOS) pair, else the first class with
** its UPOS, else 0. */
static int class_of(const dy_model *m, const dy_token *t) {
  int any = -1;
  for (uint32_t c = 0; c < m->n_tags; c++) {
    if (m->tags[c].upos != t->upos) continue;
    if (strcmp(dy_model_str(m, m->tags[c].xpos), t->xpos) == 0) return (int)c;
    if (any < 0) any = (int)c;
  }
  return any < 0 ? 0 : any;
}

dy_status dy_parse_sentence(const dy_model *m, dy_sentence *s, dy_arena *a) {
  assert(m && s && a);
  if (s->n <= 0) return DY_OK;
  dy_word *w = dy_arena_alloc(a, (size_t)s->n * sizeof *w);
  int *cls = dy_arena_alloc(a, (size_t)s->n * sizeof *cls);
  if (!w || !cls) return DY_ENOMEM;
  for (int i = 0; i < s->n; i++) {
    dy_word_prepare(s->tok[i].form, strlen(s->tok[i].form), &w[i]);
    cls[i] = class_of(m, &s->tok[i]);
  }
  return parse_core(m, s, a, w, cls, NULL);
}

dy_status dy_parse_text(const dy_model *m, const char *text, size_t len,
                        dy_arena *a, dy_sentence **out, int32_t *n_out,
                        size_t *n_invalid) {
  return dy_parse_text_names(m, text, len, NULL, a, out, n_out, n_invalid);
}

dy_status dy_parse_text_names(const dy_model *m, const char *text, size_t len,
                              const dy_dict *names, dy_arena *a, dy_sentence **out,
                              int32_t *n_out, size_t *n_invalid) {
  assert(m && a && out && n_out);
  *out = NULL;
  *n_out = 0;
  dy_str norm;
  dy_status rc = dy_text_normalize(text, len, a, &norm, n_invalid);
  if (rc != DY_OK) return rc;
  dy_sentence *sv;
  int32_t ns;
  rc = dy_text_segment(norm.ptr, norm.len, a, &sv, &ns);
  if (rc != DY_OK) return rc;
  for (int32_t i = 0; i < ns; i++) {
    dy_word *w;
    int *cls;
    unsigned char *mask = NULL;
    if (names && sv[i].n) {
      const char **forms = dy_arena_alloc(a, sizeof *forms * (size_t)sv[i].n);
      mask = dy_arena_calloc(a, (size_t)sv[i].n, 1);
      if (!forms || !mask) return DY_ENOMEM;
      for (int k = 0; k < sv[i].n; k++) forms[k] = sv[i].tok[k].form;
      if (!dy_dict_mark_names(names, forms, sv[i].n, mask)) mask = NULL;
    }
    rc = dy_tag_words(m, &sv[i], a, mask, &w, &cls);
    if (rc == DY_OK) rc = parse_core(m, &sv[i], a, w, cls, mask);
    if (rc != DY_OK) return rc;
  }
  *out = sv;
  *n_out = ns;
  return DY_OK;
}
