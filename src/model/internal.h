/*
** internal.h: the model as the tagger, lemmatizer and parser see it, and
** the helpers they share (feature hashing, scoring, hash tables). Not part
** of the public API.
**
** Weights use the hashing trick: a feature's row is its hash modulo the row
** count (collisions are tolerated). Training fills dense float rows of
** `stride` scores per feature; the model keeps only their non-zero entries,
** quantized to 16 bits (dy_wtab). Most features touch a handful of classes,
** so a sparse row is a few entries where a dense one would be a hundred
** floats: the same memory holds 8-16 times more rows, hence fewer
** collisions (measured on EWT dev: see src/parse/train.c).
*/
#ifndef DYAD_MODEL_INTERNAL_H
#define DYAD_MODEL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "dyad/model.h"
#include "dyad/sentence.h"

#define DY_MODEL_VERSION 8
#define DY_MAX_BEAM 64     /* widest parser beam a model may ask for */

/* One entry of an open-addressing hash table (key 0 = empty slot). */
typedef struct dy_hent {
  uint64_t key;          /* hash of the key, never 0 */
  uint32_t a, b;         /* values (string offsets, counts, classes) */
} dy_hent;

/* A read-only hash table of 2^k entries, linear probing. */
typedef struct dy_htab {
  const dy_hent *e;      /* entries */
  uint32_t mask;         /* entries - 1 */
} dy_htab;

/* One tagger class: a (UPOS, XPOS) pair seen in training. */
typedef struct dy_tagclass {
  uint32_t upos;         /* a dy_upos */
  uint32_t xpos;         /* string offset of the XPOS */
  uint32_t feats;        /* string offset of the most frequent FEATS */
} dy_tagclass;

/* One stored weight: a class (or parser action) in the low 16 bits, its
** value in the table's fixed-point unit in the high 16 (signed). */
typedef uint32_t dy_wentry;
#define DY_WENTRY(cls, w) ((uint32_t)(uint16_t)(w) << 16 | (uint32_t)(cls))
#define DY_WENTRY_CLS(x) ((x) & 0xffffu)
#define DY_WENTRY_W(x) ((int32_t)(x) >> 16)  /* arithmetic shift (gcc, clang) */
/* An entry of a dense row: two weights (see DY_WTAB_HALF). */
#define DY_WENTRY_PAIR(lo, hi) ((uint32_t)(uint16_t)(hi) << 16 | (uint32_t)(uint16_t)(lo))

/* A sparse weight table: the features hashed to row r have the weights
** e[off[r] .. off[r+1]). Frequent features have weights for most classes;
** their rows are dense, two weights to an entry: a row of exactly
** DY_WTAB_HALF(ncls) entries holds class j's weight in the low 16 bits of
** entry j and class j + DY_WTAB_HALF(ncls)'s in its high 16 bits, and is
** added four entries at a time. Sparse rows are shorter (the trainer stores
** a row dense from a quarter of its classes on). Score arrays need room for
** DY_WTAB_DENSE(ncls) classes. */
#define DY_WTAB_DENSE(ncls) (((ncls) + 7u) & ~7u)
#define DY_WTAB_HALF(ncls) (DY_WTAB_DENSE(ncls) / 2)
typedef struct dy_wtab {
  uint32_t rows;         /* rows (power of two) */
  uint32_t ncls;         /* classes */
  const uint32_t *off;   /* rows + 1 non-decreasing offsets into e */
  const dy_wentry *e;    /* off[rows] entries */
} dy_wtab;

/* The guide parser (dy_model.gd) labels its arcs with coarse groups of
** relations, not the parser's labels: its weight rows are then a fifth as
** long, and cheap to score (dy_guide_label in src/parse). */
#define DY_GUIDE_LABELS 9

/* A dense 8-bit weight table, for classes few enough that every row fits
** in DY_DTAB_ROW bytes: row r is w[r * DY_DTAB_ROW ..], class c's weight
** in byte c (signed) and the row's scale in its last byte, an exponent e:
** the weight is w[c] * 2^e. One feature is one cache line and no offset
** to look up first, so the guide parser costs far less than a sparse
** table of the same features would. */
#define DY_DTAB_ROW 32
typedef struct dy_dtab {
  uint32_t rows;         /* rows (power of two), 0 for none */
  uint32_t ncls;         /* classes, at most DY_DTAB_ROW - 1 */
  const int8_t *w;       /* rows * DY_DTAB_ROW bytes */
} dy_dtab;

/* Add the weights of the n rows in rows[] into scores (ncls entries,
** rounded up to 8). */
void dy_dtab_score(const dy_dtab *t, const uint32_t *rows, int n, int32_t *scores);

/* The dense 8-bit form of the weights of t (ncls <= DY_DTAB_ROW - 1): each
** row scaled by the power of two that brings its largest weight within
** 127. The bytes are malloc'd (out->w); returns 0 when out of memory. */
int dy_dtab_from_wtab(const dy_wtab *t, dy_dtab *out);

/* One parser label: relation and subtype. */
typedef struct dy_label {
  uint32_t deprel;       /* a dy_deprel */
  uint32_t subrel;       /* string offset of the subtype ("" for none) */
} dy_label;

struct dy_model {
  void *image;           /* the file image (owned), or NULL for a trained model */
  void *owned[16];       /* malloc'd arrays of a trained model (freed with it) */
  const char *strs;      /* string pool: NUL-terminated strings */
  uint32_t strs_len;     /* bytes in strs */
  /* tagger */
  uint32_t n_tags;       /* classes */
  uint32_t tag_stride;   /* floats per row of the dense training table */
  uint32_t tag_rows;     /* rows (power of two) */
  const dy_tagclass *tags;  /* n_tags classes */
  dy_wtab tag_w;         /* tagger weights, first pass */
  dy_wtab tag_w2;        /* the same for the second pass */
  dy_htab tagdict;       /* folded form -> class, for unambiguous frequent words */
  dy_htab lex;           /* (form, class) -> a: lemma, b: feats */
  dy_htab lexlow;        /* (lower form, class) -> a: lemma, b: feats */
  dy_htab rules;         /* (class, suffix) -> a: chars to strip, b: string to add */
  /* parser */
  uint32_t n_labels;     /* labels; actions are SHIFT, LEFT x n_labels, RIGHT x n_labels */
  uint32_t root_label;   /* index of "root" */
  uint32_t par_stride;   /* floats per row of the dense training table */
  uint32_t par_rows;     /* rows (power of two) */
  const dy_label *labels;   /* n_labels labels */
  dy_wtab par_w;         /* parser weights */
  dy_dtab gd;            /* the guide parser's weights (right to left), rows 0 if none */
  uint32_t par_beam;     /* beam width the parser was trained for (1 greedy) */
};

/* 64-bit mixing (splitmix64 finalizer). */
static inline uint64_t dy_mix(uint64_t h) {
  h ^= h >> 31; h *= 0x7fb5d329728ea185ULL;
  h ^= h >> 27; h *= 0x81dadef4bc2dd44dULL;
  h ^= h >> 33;
  return h;
}

/* Feature hash of template t over up to three values. */
static inline uint64_t dy_feat(uint64_t t, uint64_t a, uint64_t b, uint64_t c) {
  uint64_t h = dy_mix(t * 0x9E3779B97F4A7C15ULL + a);
  h = dy_mix(h ^ (b * 0xC2B2AE3D27D4EB4FULL));
  return dy_mix(h ^ (c * 0x165667B19E3779F9ULL));
}

/* Look key up in t; returns the entry or NULL. */
static inline const dy_hent *dy_htab_get(const dy_htab *t, uint64_t key) {
  if (!t->e) return NULL;
  if (!key) key = 1;
  for (uint32_t i = (uint32_t)key & t->mask;; i = (i + 1) & t->mask) {
    if (t->e[i].key == key) return &t->e[i];
    if (t->e[i].key == 0) return NULL;
  }
}

/* Add the rows of the n features in rows[] into scores[0..stride) (dense
** float rows: training). */
void dy_score(const float *w, uint32_t stride, const uint32_t *rows, int n,
              float *scores);

/* Row r of t decoded: class c's stored weight in q[c] (ncls entries, zero
** where the row has none). */
void dy_wtab_row(const dy_wtab *t, uint32_t r, int32_t *q);

/* Add the weights of the n rows in rows[] into scores (sparse rows: the
** model). */
void dy_wtab_score(const dy_wtab *t, const uint32_t *rows, int n, int32_t *scores);

/* Hash of n bytes (never 0). */
uint64_t dy_strhash(const char *s, size_t n);

/* Build a hash table with room for n keys: malloc'd entries, all empty. */
dy_hent *dy_htab_alloc(size_t n, uint32_t *mask);
/* Insert or find key in a table being built; returns the entry. */
dy_hent *dy_htab_put(dy_hent *e, uint32_t mask, uint64_t key);

/* A hash of the tagger's and parser's feature templates (src/parse/system.c):
** their features on a fixed sentence. A model records the fingerprint it
** was trained with; weights read with other templates would be garbage, so
** a model with another fingerprint does not load. */
uint64_t dy_feature_fingerprint(void);

/* The string at offset off of the pool ("" when out of range). */
static inline const char *dy_model_str(const dy_model *m, uint32_t off) {
  return off < m->strs_len ? m->strs + off : "";
}

#endif
