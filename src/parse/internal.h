/*
** internal.h: the arc-hybrid transition system (Kuhlmann, Gomez-Rodriguez
** and Satta 2011) shared by the parser and its trainer.
**
** Words are numbered 1..n; the artificial ROOT is word n+1 and sits at the
** end of the buffer (Ballesteros and Nivre 2013), so the root is chosen
** last, with the whole sentence in view. Transitions:
**   SHIFT      push the buffer front b onto the stack;
**   LEFT(l)    pop s0 and make it a dependent of b with label l;
**   RIGHT(l)   pop s0 and make it a dependent of s1 with label l.
** LEFT onto ROOT is allowed only when s0 is the last word on the stack, so
** every tree has exactly one root. Actions are numbered 0 (SHIFT),
** 1..L (LEFT), L+1..2L (RIGHT).
*/
#ifndef DYAD_PARSE_INTERNAL_H
#define DYAD_PARSE_INTERNAL_H

#include <stdint.h>
#include "dyad/arena.h"
#include "../model/internal.h"
#include "../tag/internal.h"

#define DY_PARSE_FEATS 108  /* most parser features per state */

/* A guide: another parse of the same words (heads h[1..n], ROOT = n+1, 0
** none; labels l[]) whose arcs the parser sees as features (stacking, Nivre
** and McDonald 2008), and d[x], the rightmost word the guide hangs from x
** (0 if none). */
typedef struct dy_guide { const int *h, *l, *d; } dy_guide;

/* The guide label (0 .. DY_GUIDE_LABELS - 1) of a relation: 0 root, then
** subjects, objects and complements, modifiers of predicates, modifiers
** of nominals, function words, names and compounds, coordination and
** loose joins, punctuation. */
int dy_guide_label(int deprel);

/* The guide of n words from heads gh[] (1-based, 0 root) and labels gl[]
** (n entries each), in a; NULL when out of memory. */
dy_guide *dy_guide_make(dy_arena *a, int n, const int *gh, const int *gl);

/* A parser configuration over words 1..n (arrays of n + 2 entries). */
typedef struct dy_pstate {
  int n;                 /* words */
  int nlab;              /* labels */
  int sp;                /* stack depth */
  int b;                 /* buffer front, 1..n+1 (n+1 is ROOT) */
  int *stack;            /* stack[0..sp) */
  int *head, *label;     /* arcs made so far (head 0 = none yet) */
  int *lc1, *lc2;        /* leftmost and second leftmost child (0 = none) */
  int *rc1, *rc2;        /* rightmost and second rightmost child */
  int *nl, *nr;          /* numbers of left and right children */
  uint64_t *ls, *rs;     /* sets of left and right child labels (bit l % 64) */
  const uint64_t *W;     /* word atoms, W[0] none, W[n+1] ROOT */
  const uint32_t *P;     /* tag class atoms likewise */
  const dy_guide *G;     /* the guide parse, or NULL */
} dy_pstate;

/* Scratch for a sentence of n words, carved from one block of
** dy_pstate_bytes(n) bytes. */
size_t dy_pstate_bytes(int n);
void dy_pstate_init(dy_pstate *s, void *block, int n, int nlab,
                    const uint64_t *W, const uint32_t *P);

int dy_pstate_valid(const dy_pstate *s, int act, int root_label);
void dy_pstate_apply(dy_pstate *s, int act);
static inline int dy_pstate_done(const dy_pstate *s) { return s->b == s->n + 1 && s->sp == 0; }

/* Features of the configuration; returns their number. */
int dy_parse_features(const dy_pstate *s, uint64_t *f);

/* Greedy parsing of n words (atoms w, classes cls) with weights wt (the
** model's, or the trainer's candidate), guided by g (or NULL): heads
** (1-based, 0 root) to head[], label indexes to lab[] (n entries each);
** scratch from a. */
dy_status dy_parse_greedy(const dy_model *m, const dy_wtab *wt, dy_arena *a, int n,
                          const dy_word *w, const int *cls, const dy_guide *g, int *head,
                          int *lab);

/* Parse n words right to left with the dense weights dt over nlab labels
** (root the root's; the guide parser's): the words reversed, parsed
** greedily, and the tree turned back; like dy_parse_greedy. */
dy_status dy_parse_reversed(const dy_dtab *dt, int nlab, int root, dy_arena *a, int n,
                            const dy_word *w, const int *cls, int *head, int *lab);

/* Parse n words the way the model was trained: with its guide parser first
** when it has one, then its parser (greedy or with its beam). */
dy_status dy_parse_words(const dy_model *m, dy_arena *a, int n, const dy_word *w,
                         const int *cls, int *head, int *lab);

/* Beam search (Zhang and Clark 2008): the k best configurations after
** t transitions. Every complete parse of n words takes 2n transitions, so
** all items finish together. Items, scores and the history of each step
** (which item each new one came from, by which action) live in the arena. */
typedef struct dy_bcand { int from, act; double score; } dy_bcand;
typedef struct dy_beam {
  int k;                 /* width */
  int nc;                /* items now in the beam, best first */
  int t;                 /* transitions taken */
  dy_pstate *item;       /* 2k configurations: the beam of step t is item[(t%2)*k ..] */
  double *score;         /* their scores likewise */
  int *from, *act;       /* step t's new item j came from from[t*k+j] by act[t*k+j] */
  dy_bcand *cand;        /* k + 1 candidates (scratch) */
} dy_beam;

/* Copy src into dst, initialized before with a block for as many words. */
void dy_pstate_copy(dy_pstate *dst, const dy_pstate *src);
dy_beam *dy_beam_new(dy_arena *a, int k, int n, int nlab, const uint64_t *W, const uint32_t *P,
                     const dy_guide *g);
/* Expand every item by every valid action, with sc[i * stride + act] the
** scores of item i's actions, and keep the k best. */
void dy_beam_step(dy_beam *b, const float *sc, int stride, int root);
/* The beam now: nc items, best first. */
static inline dy_pstate *dy_beam_items(dy_beam *b) { return b->item + (b->t % 2) * b->k; }
static inline double dy_beam_score(const dy_beam *b, int i) { return b->score[(b->t % 2) * b->k + i]; }

/* Beam search with width k (greedy when k <= 1); like dy_parse_greedy. */
dy_status dy_parse_beam(const dy_model *m, const dy_wtab *wt, dy_arena *a, int k, int n,
                        const dy_word *w, const int *cls, const dy_guide *g, int *head,
                        int *lab);

/* Atoms for the n words: W[0..n+1], P[0..n+1] from word atoms and classes. */
void dy_parse_atoms(const dy_word *w, const int *cls, int n, uint64_t *W, uint32_t *P);

#endif
