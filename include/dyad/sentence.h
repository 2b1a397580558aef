/*
** sentence.h: one sentence as a Universal Dependencies tree. This is the
** contract between the parts that make trees (the CoNLL-U reader, dyad's own
** parser) and the part that reads them (the coder).
**
** Relations are stored as UD v2 universal relations plus an optional subtype
** ("nsubj" + "pass"); readers map UD v1 labels (dobj, nsubjpass, name, neg,
** nmod on a predicate ...) onto v2 as they read. All strings are
** NUL-terminated and owned by the arena the sentence was built in.
*/
#ifndef DYAD_SENTENCE_H
#define DYAD_SENTENCE_H

#include <stdint.h>
#include "dyad/common.h"

/* Universal part-of-speech tags, UD v2 (v1 CONJ is read as CCONJ). */
typedef enum dy_upos {
  DY_UPOS_NONE = 0,
  DY_UPOS_ADJ, DY_UPOS_ADP, DY_UPOS_ADV, DY_UPOS_AUX, DY_UPOS_CCONJ,
  DY_UPOS_DET, DY_UPOS_INTJ, DY_UPOS_NOUN, DY_UPOS_NUM, DY_UPOS_PART,
  DY_UPOS_PRON, DY_UPOS_PROPN, DY_UPOS_PUNCT, DY_UPOS_SCONJ, DY_UPOS_SYM,
  DY_UPOS_VERB, DY_UPOS_X,
  DY_UPOS_COUNT
} dy_upos;

/* Universal dependency relations, UD v2. */
typedef enum dy_deprel {
  DY_DEP_NONE = 0,
  DY_DEP_ACL, DY_DEP_ADVCL, DY_DEP_ADVMOD, DY_DEP_AMOD, DY_DEP_APPOS,
  DY_DEP_AUX, DY_DEP_CASE, DY_DEP_CC, DY_DEP_CCOMP, DY_DEP_CLF,
  DY_DEP_COMPOUND, DY_DEP_CONJ, DY_DEP_COP, DY_DEP_CSUBJ, DY_DEP_DEP,
  DY_DEP_DET, DY_DEP_DISCOURSE, DY_DEP_DISLOCATED, DY_DEP_EXPL, DY_DEP_FIXED,
  DY_DEP_FLAT, DY_DEP_GOESWITH, DY_DEP_IOBJ, DY_DEP_LIST, DY_DEP_MARK,
  DY_DEP_NMOD, DY_DEP_NSUBJ, DY_DEP_NUMMOD, DY_DEP_OBJ, DY_DEP_OBL,
  DY_DEP_ORPHAN, DY_DEP_PARATAXIS, DY_DEP_PUNCT, DY_DEP_REPARANDUM,
  DY_DEP_ROOT, DY_DEP_VOCATIVE, DY_DEP_XCOMP,
  DY_DEP_COUNT
} dy_deprel;

/* One syntactic word (CoNLL-U line with an integer id). */
typedef struct dy_token {
  const char *form;      /* surface form, never NULL */
  const char *lemma;     /* lemma, "_" when unknown */
  const char *xpos;      /* language-specific tag (PTB for English) */
  const char *feats;     /* "Number=Sing|Person=3" or "_" */
  const char *subrel;    /* relation subtype ("pass", "poss") or "" */
  const char *misc;      /* MISC column or "_" */
  int32_t head;          /* 1-based id of the head, 0 for the root */
  uint8_t upos;          /* a dy_upos */
  uint8_t deprel;        /* a dy_deprel */
  uint8_t space_after;   /* 0 when MISC says SpaceAfter=No */
  uint8_t v1neg;         /* 1 when the input said UD v1 "neg" */
} dy_token;

/* A multiword token: surface form spanning words first..last (1-based). */
typedef struct dy_mwt {
  int32_t first;         /* id of the first word */
  int32_t last;          /* id of the last word */
  const char *form;      /* surface form */
} dy_mwt;

typedef struct dy_sentence {
  const char *doc_id;    /* document id ("" if none) */
  const char *sent_id;   /* "# sent_id" or record id ("" if none) */
  const char *text;      /* "# text" or the record text ("" if none) */
  int32_t date;          /* YYYYMMDD, 0 when unknown */
  int32_t n;             /* number of words */
  dy_token *tok;         /* tok[0..n-1]; word id i is tok[i-1] */
  int32_t n_mwt;         /* number of multiword tokens */
  dy_mwt *mwt;           /* multiword tokens in order */
  int32_t n_empty;       /* empty nodes read and skipped (enhanced graph only) */
  long line;             /* input line of the first word, 0 if not from a file */
} dy_sentence;

/* Name of a tag or relation as UD v2 spells it ("NOUN", "nsubj"). */
const char *dy_upos_name(int upos);
const char *dy_deprel_name(int deprel);

/* Tag or relation for a name; UD v1 names are mapped to v2 (CONJ is
** CCONJ; dobj is obj). Returns DY_UPOS_NONE / DY_DEP_NONE when unknown.
** For relations, *subrel receives the subtype implied by a v1 name
** ("nsubjpass" gives "pass") or NULL; it may be NULL. */
int dy_upos_from_name(const char *name, size_t len);
int dy_deprel_from_name(const char *name, size_t len, const char **subrel);

/* Value of feature key in tok's FEATS ("Voice" -> "Pass") copied into buf;
** returns 1 when present, 0 when absent (buf is then ""). */
int dy_token_feat(const dy_token *tok, const char *key, char *buf, size_t size);

#endif
