/*
** patterns.c: matching verb patterns on a dependency tree.
**
** A pattern "- PRE * POST [code]" is matched against two word sequences:
** PRE against the words before the verb, POST against the verb's own
** phrase after it (its subtree less the subject, conjoined clauses and
** punctuation). Elements match in order with other words allowed between
** them, except words joined by '_', which must be adjacent. Words match a
** token's form or lemma (so EFFORT matches "efforts").
**   {A B C}  words of one phrase: C, B right before it, A earlier;
**   (P W ..) a prepositional phrase: P is a case, mark or particle word,
**            W .. lie inside the phrase it introduces;
**   $ / +    a noun phrase naming an actor becomes the source / target;
**   ^        any one word; % the actor there is a compound.
** The match with the highest weight (content words count most) wins; ties
** go to the earlier pattern, as the dictionary lists specific ones first.
*/
#include <stdio.h>
#include <string.h>
#include "internal.h"

typedef struct seq {
  int *t;               /* token ids in sentence order */
  int n;
} seq;

static int word_match(const ctx *x, int t, const pat_elem *e) {
  return x->wf[t] == e->word || x->wl[t] == e->word ||
         (e->plural != DY_NOWORD && x->wf[t] == e->plural);
}

/* Length of the synset member matching at q->t[j], or 0. */
static int syn_match(const ctx *x, const seq *q, int j, const pat_elem *e) {
  const synset *sy = &x->d->synsets.v[e->synset];
  int best = 0;
  if (e->synset < 64) { /* one-word members through the per-token mask */
    best = (int)(x->syn[q->t[j]] >> e->synset & 1);
    if (!sy->has_multi || !(x->synfirst[q->t[j]] >> e->synset & 1)) return best;
  }
  for (int m = 0; m < sy->nphr; m++) {
    int L = sy->phrlen[m];
    if (L == 1 && e->synset < 64) continue;
    if (L <= best || j + L > q->n) continue;
    int ok = 1;
    for (int k = 0; k < L && ok; k++) {
      int t = q->t[j + k];
      if (k && t != q->t[j + k - 1] + 1) ok = 0;
      else ok = x->wf[t] == sy->phr[m][k] || x->wl[t] == sy->phr[m][k];
    }
    if (ok) best = L;
  }
  return best;
}

/* Does element e (word or synset) match at q->t[j]? Returns its length. */
static int elem_at(const ctx *x, const seq *q, int j, const pat_elem *e) {
  if (j < 0 || j >= q->n) return 0;
  if (e->kind == PE_WORD) return word_match(x, q->t[j], e);
  if (e->kind == PE_SYNSET) return syn_match(x, q, j, e);
  return 0;
}

static int in_subtree(const ctx *x, int t, int root) {
  for (int hops = 0; t && hops <= x->n; hops++) {
    if (t == root) return 1;
    t = HEAD(x, t);
  }
  return 0;
}

/* The head of the phrase holding token t (within the same noun phrase). */
static int phrase_head(const ctx *x, int t) {
  for (int hops = 0; hops < 8; hops++) {
    int r = REL(x, t);
    if ((r == DY_DEP_COMPOUND || r == DY_DEP_FLAT || r == DY_DEP_AMOD || r == DY_DEP_DET ||
         r == DY_DEP_NUMMOD) && HEAD(x, t))
      t = HEAD(x, t);
    else
      break;
  }
  return t;
}

static int last_in_subtree(const ctx *x, int h) {
  int last = h;
  for (int t = h + 1; t <= x->n; t++)
    if (in_subtree(x, t, h)) last = t;
  return last;
}

/* Index in q of the first token after position pos. */
static int after(const seq *q, int pos) {
  int j = 0;
  while (j < q->n && q->t[j] <= pos) j++;
  return j;
}

static int bind_actor(ctx *x, const seq *q, int *qi, int *out) {
  for (int j = *qi; j < q->n; j++) {
    int t = q->t[j];
    int u = UPOS(x, t);
    if (u != DY_UPOS_NOUN && u != DY_UPOS_PROPN && u != DY_UPOS_ADJ && u != DY_UPOS_PRON)
      continue;
    int h = phrase_head(x, t);
    actor_set s;
    dy_resolve_arg(x, h, &s);
    if (!s.n) continue;
    *out = h;
    *qi = after(q, last_in_subtree(x, h));
    return 1;
  }
  return 0;
}

/* Match elements e[0..ne) over q from *qi; 1 on success. */
static int match_elems(ctx *x, const seq *q, int *qi, const pat_elem *e, int ne, pmatch *m,
                       int subj, int limit_root);

static int match_np(ctx *x, const seq *q, int *qi, const pat_elem *e, int ne) {
  /* e: the elements between { and }. */
  if (ne <= 0) return 1;
  for (int j = *qi; j < q->n; j++) {
    /* The last word heads a noun phrase (or is its adjective): {TO SUPPLY}
    ** does not match "to supply". */
    int u = UPOS(x, q->t[j]);
    if (u == DY_UPOS_VERB || u == DY_UPOS_AUX) continue;
    if (!elem_at(x, q, j, &e[ne - 1])) continue;
    int k = ne - 2, pos = j - 1, ok = 1;
    if (k >= 0) { /* the next-to-last word stands right before the last */
      if (pos < *qi || q->t[pos] != q->t[j] - 1 || !elem_at(x, q, pos, &e[k])) ok = 0;
      k--, pos--;
    }
    while (ok && k >= 0) {
      while (pos >= *qi && !elem_at(x, q, pos, &e[k])) pos--;
      if (pos < *qi) ok = 0;
      k--, pos--;
    }
    if (ok) {
      *qi = j + 1;
      return 1;
    }
  }
  return 0;
}

static int match_pp(ctx *x, const seq *q, int *qi, const pat_elem *e, int ne, pmatch *m,
                    int subj) {
  if (ne <= 0 || (e[0].kind != PE_WORD && e[0].kind != PE_SYNSET)) return 0;
  for (int j = *qi; j < q->n; j++) {
    int t = q->t[j];
    int r = REL(x, t);
    int len = elem_at(x, q, j, &e[0]);
    if (!len) continue;
    int obj;
    if (r == DY_DEP_CASE || r == DY_DEP_MARK) {
      obj = HEAD(x, t);
      if (obj == x->verb) continue; /* "to accord": the verb's own marker */
    } else if (r == DY_DEP_COMPOUND || UPOS(x, t) == DY_UPOS_ADP || UPOS(x, t) == DY_UPOS_ADV ||
               UPOS(x, t) == DY_UPOS_PART) {
      obj = t; /* a particle ("broke off"): what follows it */
    } else {
      continue;
    }
    int k = j + len;
    pmatch mm = *m;
    /* Inside a PP the words follow the preposition without gaps: (FOR
    ** ASYLUM) is "for asylum", not "for foreign asylum". */
    x->adjacent = 1;
    int ok = match_elems(x, q, &k, e + 1, ne - 1, &mm, subj, obj);
    x->adjacent = 0;
    if (ok) {
      mm.words += len;
      *m = mm;
      if (obj != t && UPOS(x, obj) != DY_UPOS_VERB) m->pp = obj;
      *qi = k;
      return 1;
    }
  }
  return 0;
}

static int match_elems(ctx *x, const seq *q, int *qi, const pat_elem *e, int ne, pmatch *m,
                       int subj, int limit_root) {
  int i = 0, prev = -1; /* prev: index in q of the last word matched */
  int adjacent = x->adjacent;
  while (i < ne) {
    const pat_elem *el = &e[i];
    switch (el->kind) {
    case PE_WORD:
    case PE_SYNSET: {
      int found = -1, len = 0;
      if (el->joined || (adjacent && *qi > 0)) {
        if (!el->joined) prev = *qi - 1; /* words of a PP follow each other */
        int nx = prev + 1;
        /* ... but for articles and possessives: "(OVER EFFORTS)" is
        ** "over the efforts". */
        while (!el->joined && nx < q->n && q->t[nx] == q->t[nx - 1] + 1 &&
               (UPOS(x, q->t[nx]) == DY_UPOS_DET ||
                (UPOS(x, q->t[nx]) == DY_UPOS_PRON && strcmp(SUB(x, q->t[nx]), "poss") == 0)))
          nx++;
        if (prev >= 0 && nx < q->n && q->t[nx] == q->t[nx - 1] + 1 &&
            (len = elem_at(x, q, nx, el)))
          found = nx;
      } else {
        for (int j = *qi; j < q->n; j++) {
          if (limit_root && !in_subtree(x, q->t[j], limit_root)) continue;
          if ((len = elem_at(x, q, j, el))) { found = j; break; }
        }
      }
      if (found < 0) return 0;
      m->words += len;
      prev = found + len - 1;
      *qi = found + len;
      i++;
      break;
    }
    case PE_SKIP:
      if (*qi >= q->n) return 0;
      prev = *qi;
      (*qi)++;
      i++;
      break;
    case PE_SOURCE:
    case PE_TARGET: {
      int h = 0;
      if (!bind_actor(x, q, qi, &h)) return 0;
      if (limit_root && !in_subtree(x, h, limit_root)) return 0;
      if (el->kind == PE_SOURCE) m->source = h; else m->target = h;
      prev = *qi - 1;
      i++;
      break;
    }
    case PE_COMPOUND: {
      /* The actor here is a compound: for the words before the verb, the
      ** subject has a conjunct. */
      if (!subj || !dy_child(x, subj, DY_DEP_CONJ, NULL)) return 0;
      m->compound = 1;
      i++;
      break;
    }
    case PE_NP_OPEN: {
      int k = i + 1;
      while (k < ne && e[k].kind != PE_NP_CLOSE) k++;
      if (!match_np(x, q, qi, e + i + 1, k - i - 1)) return 0;
      prev = *qi - 1;
      i = k + 1;
      break;
    }
    case PE_PP_OPEN: {
      int k = i + 1, depth = 0;
      while (k < ne && (e[k].kind != PE_PP_CLOSE || depth)) {
        if (e[k].kind == PE_NP_OPEN) depth++;
        if (e[k].kind == PE_NP_CLOSE) depth--;
        k++;
      }
      if (!match_pp(x, q, qi, e + i + 1, k - i - 1, m, subj)) return 0;
      prev = *qi - 1;
      i = k + 1;
      break;
    }
    default:
      i++;
      break;
    }
  }
  return 1;
}

/* Words before the verb ("- RECENTLY *", "- HEAVILY *", "- NEITHER *")
** come from TABARI's flat patterns; on dependency trees they fire on words
** of other clauses, and UniversalPetrarch, whose validation suite encodes
** this, does not use them: only the structural elements % $ + ^ are
** matched before the verb, with {noun phrases} naming the subject
** (pattern.pre_words, set when the dictionary is read). */
static int has_word(const ctx *x, uint32_t w) {
  return w != DY_NOWORD && (x->words[(w >> 6) & 3] >> (w & 63) & 1);
}

/* Can p match at all? Every word it names must be in the sentence. */
static int may_match(const ctx *x, const pattern *p) {
  for (int i = 0; i < p->nreq; i++)
    if (!has_word(x, p->req[i]) && !has_word(x, p->reqpl[i])) return 0;
  return 1;
}

const pattern *dy_match_patterns(ctx *x, int v, const verb_block *b, int subj, pmatch *m) {
  memset(m, 0, sizeof *m);
  if (!b->npat) return NULL;
  /* POST: the verb's phrase after it. */
  int *post = dy_arena_alloc(x->a, sizeof(int) * (size_t)(x->n + 1));
  int *pre = dy_arena_alloc(x->a, sizeof(int) * (size_t)(x->n + 1));
  if (!post || !pre) return NULL;
  int np = 0, npr = 0;
  /* The verb's subtree less its subject, conjuncts and parataxis: marked
  ** by a walk down from v, then read off in sentence order. */
  int *stack = x->buf2, sp = 0;
  for (int k = x->kstart[v]; k < x->kstart[v + 1]; k++) {
    int c = x->kids[k], r = REL(x, c);
    if (!(r == DY_DEP_NSUBJ || r == DY_DEP_CSUBJ || r == DY_DEP_CONJ || r == DY_DEP_CC ||
          r == DY_DEP_PARATAXIS || r == DY_DEP_PUNCT))
      stack[sp++] = c;
  }
  while (sp) {
    int u = stack[--sp];
    x->mark[u] = 1;
    for (int k = x->kstart[u]; k < x->kstart[u + 1]; k++)
      if (sp < x->n) stack[sp++] = x->kids[k];
  }
  for (int t = 1; t <= x->n; t++) {
    if (!x->mark[t]) continue;
    x->mark[t] = 0;
    if (t > v && UPOS(x, t) != DY_UPOS_PUNCT) post[np++] = t;
  }
  for (int t = 1; t < v; t++)
    if (UPOS(x, t) != DY_UPOS_PUNCT) pre[npr++] = t;
  seq qpost = { post, np }, qpre = { pre, npr };
  const pattern *best = NULL;
  pmatch bm;
  memset(&bm, 0, sizeof bm);
  for (int i = 0; i < b->npat; i++) {
    const pattern *p = &b->pats[b->by_weight[i]];
    if (best && p->weight < best->weight && !x->trace) break; /* heaviest first */
    if (p->pre_words || !may_match(x, p)) continue;
    pmatch mm;
    memset(&mm, 0, sizeof mm);
    int qi = 0, ok = 1;
    if (p->npre && !match_elems(x, &qpre, &qi, p->pre, p->npre, &mm, subj, 0)) ok = 0;
    qi = 0;
    if (ok && p->npost && !match_elems(x, &qpost, &qi, p->post, p->npost, &mm, subj, 0)) ok = 0;
    if (x->trace)
      fprintf(x->trace, "      pattern line %d: %s  -> %s\n", (int)p->line, p->text,
              ok ? "matches" : "no match");
    if (!ok) continue;
    if (best && p->weight < best->weight) continue;
    /* Equal weight: the match covering more words ("AUSTRIAN GOLD FLORIN"
    ** over "FLORIN"), then the earlier pattern. */
    if (best && p->weight == best->weight && mm.words <= bm.words) continue;
    best = p;
    bm = mm;
  }
  *m = bm;
  return best;
}
