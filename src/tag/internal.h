/*
** internal.h: what the tagger, the parser and their trainers share: the
** per-word feature atoms and the tagger's feature extraction.
*/
#ifndef DYAD_TAG_INTERNAL_H
#define DYAD_TAG_INTERNAL_H

#include <stdint.h>
#include "dyad/arena.h"
#include "../model/internal.h"

/* Feature atoms of one word, computed once per sentence. */
typedef struct dy_word {
  uint64_t wid;          /* folded form, digits as 0 */
  uint64_t cased;        /* form as written */
  uint64_t pre[3];       /* first 1..3 bytes of the folded form */
  uint64_t suf[4];       /* last 1..4 bytes */
  uint64_t shape;        /* Xxxx, dd-dd ... */
  uint32_t flags;        /* F_* bits */
  uint32_t sent;         /* the sentence's capitalization (dy_words_context) */
} dy_word;

enum { F_DIGIT = 1, F_UPPER = 2, F_ALLUPPER = 4, F_HYPHEN = 8, F_FIRSTUP = 16,
       F_PUNCT = 32 };

#define DY_TAG_FEATS 48   /* most tagger features per word */

/* Fill w from the n bytes of form. */
void dy_word_prepare(const char *form, size_t n, dy_word *w);

/* Set what the words of a sentence share (w[i].sent): how many of its
** words are capitalized, bucketed (headlines and titles capitalize common
** nouns, which otherwise look like PROPN). */
void dy_words_context(dy_word *w, int n);

/* Tagger features of word i of n, tagged in direction dir (1 left to
** right, -1 right to left), given the classes of the two words tagged
** before it (-1 when none) and, for the second pass, the first pass's
** classes first[0..n) (NULL in the first pass); returns how many were
** written to f. */
int dy_tag_features(const dy_word *w, int n, int i, int dir, int p1, int p2,
                    const int *first, uint64_t *f);

/* Greedy tagging of n words with weights w (m->n_tags classes) and tag
** dictionary td; classes go to out[]. first: as for dy_tag_features; the
** first pass (first NULL) runs right to left, the second left to right. */
void dy_tag_run(const dy_model *m, const dy_wtab *w, const dy_word *words, int n,
                const dy_htab *td, const int *first, int *out);

/* Tag s (as dy_tag_sentence) and hand back the word atoms and classes it
** computed, allocated in a, for the parser to reuse. Words with names[i]
** set (names may be NULL) are tagged as singular proper nouns. */
dy_status dy_tag_words(const dy_model *m, dy_sentence *s, dy_arena *a,
                       const unsigned char *names, dy_word **w, int **cls);

/* Key of the lexicon and lemma-rule tables: a string hash and a class. */
uint64_t dy_tag_lexkey(uint64_t form, int cls);

/* Best class of scores[0..n) */
static inline int dy_argmax(const float *s, int n) {
  int b = 0;
  for (int i = 1; i < n; i++) if (s[i] > s[b]) b = i;
  return b;
}

/* Best class of scores[0..n) (fixed-point scores) */
static inline int dy_argmax_i(const int32_t *s, int n) {
  int b = 0;
  for (int i = 1; i < n; i++) if (s[i] > s[b]) b = i;
  return b;
}

#endif
