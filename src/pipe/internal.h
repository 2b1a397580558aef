/*
** internal.h: what the pipeline's files share.
*/
#ifndef DYAD_PIPE_INTERNAL_H
#define DYAD_PIPE_INTERNAL_H

#include "dyad/pipe.h"
#include "../util/util.h"

struct dy_pipe {
  const dy_model *m;      /* parsing model */
  const dy_dict *d;       /* dictionaries */
  const dy_codebook *cb;  /* codes, weights, PLOVER, ontology */
  dy_coder *coder;        /* coder over d and cb */
  const char *home;       /* the outlet's actor code for "we"/"us", or NULL */
};

/* The words first..last of s as written (spaces where the text had them). */
const char *dy_pipe_span_text(const dy_sentence *s, int first, int last, dy_arena *a);

/* Could name be a person's or an organisation's name (not a month, a
** weekday, a number, a lone initial)? */
int dy_pipe_plausible_name(const char *name);

/* Find the direct quotations of the normalized text and their speakers;
** speaker_of[i] is the person the article last named before sentence i
** (for "he said"). Fills out->quotes. */
dy_status dy_pipe_quotes(const dy_pipe *p, const char *text, size_t len, dy_doc_result *out,
                         const char **speaker_of, dy_arena *a, dy_error *err);

#endif
