/*
** model.h: the trained English model (tagger, lemmatizer, parser) as one
** file, and the trainer that makes it.
**
** The file is little-endian: a magic "DYADMODL", a version, a chunk table
** (four-letter id, offset, size) and an XXH64 checksum of everything after
** the header. It is read with one read() into one buffer that the model
** then points into; every offset, size, table and string reference is
** checked on load, so a truncated or corrupt file is a DY_EFORMAT with a
** message, never a crash. A loaded model is read-only: any number of
** threads may tag and parse with it at once.
*/
#ifndef DYAD_MODEL_H
#define DYAD_MODEL_H

#include <stddef.h>
#include "dyad/common.h"

typedef struct dy_model dy_model;

/* Load the model file at path. On failure *out is NULL and err says why. */
dy_status dy_model_load(const char *path, dy_model **out, dy_error *err);

/* Load a model from len bytes at buf (copied; buf may be freed after). */
dy_status dy_model_load_mem(const void *buf, size_t len, const char *name,
                            dy_model **out, dy_error *err);

/* Write m to path (used by the trainer; a loaded model saves the same). */
dy_status dy_model_save(const dy_model *m, const char *path, dy_error *err);

/* Release the model. dy_model_free(NULL) does nothing. */
void dy_model_free(dy_model *m);

/* Options of dy_model_train(); zero fields take the defaults. */
typedef struct dy_train_opts {
  int tag_epochs;        /* tagger passes over train (default 10) */
  int tag_rounds;        /* tagger trainings averaged into one (default 3, 1 with small) */
  int parse_epochs;      /* maximum parser passes (default 20); the best on dev is kept */
  int parse_rounds;      /* parser trainings summed into one (default 6; 1 with small or beam) */
  int folds;             /* jackknife folds for the parser's input tags (default 4, 1 = gold tags) */
  int max_sentences;     /* use only the first N training sentences (0 = all; for tests) */
  int small;             /* 1: small weight tables (tests; lower accuracy) */
  int tag_bits;          /* log2 of the tagger's weight rows per pass (default 19) */
  int parse_bits;        /* log2 of the parser's weight rows (default 20) */
  int beam;              /* parser beam width (default 1: greedy, dynamic oracle) */
  int no_guide;          /* 1: no right-to-left guide parser */
  int guide_rounds;      /* guide parser trainings summed (default 1) */
  int verbose;           /* 1: progress and dev figures on stderr */
} dy_train_opts;

/* Train on dir/train.conllu (dir/dev.conllu chooses the parser epoch when
** present) and return the model in *out. */
dy_status dy_model_train(const char *dir, const dy_train_opts *opts,
                         dy_model **out, dy_error *err);

#endif
