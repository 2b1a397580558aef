/*
** code.h: the event coder. Given one sentence parsed into Universal
** Dependencies, its date, a dictionary set and a CAMEO codebook, it finds
** the events the sentence reports: who (source) did what (CAMEO code) to
** whom (target), following PETRARCH's conventions on dependency trees.
**
** A dy_coder is read-only after creation and may be shared by threads;
** all per-sentence memory comes from the arena the caller passes.
*/
#ifndef DYAD_CODE_H
#define DYAD_CODE_H

#include <stdint.h>
#include <stdio.h>
#include "dyad/arena.h"
#include "dyad/common.h"
#include "dyad/dict.h"
#include "dyad/sentence.h"

/* CAMEO code names, Goldstein weights and the PETRARCH internal coding
** ontology (used to negate codes). */
typedef struct dy_codebook dy_codebook;

dy_codebook *dy_codebook_new(void);
void dy_codebook_free(dy_codebook *cb);
/* CAMEO.eventcodes.txt / CAMEO.goldsteinscale.txt (TAB-separated, header
** line) and a PETR Internal Coding Ontology file. */
dy_status dy_codebook_load_names(dy_codebook *cb, const char *path, dy_error *err);
dy_status dy_codebook_load_goldstein(dy_codebook *cb, const char *path, dy_error *err);
dy_status dy_codebook_load_ontology(dy_codebook *cb, const char *path, dy_error *err);
/* The CAMEO -> PLOVER table (CAMEO2PLOVER-2021.txt: "042: CONSULT, visit,").
** dy_codebook_plover() gives the category of the most specific listed
** prefix of code ("" when none) and, in *mode (may be NULL), the mode listed
** for the code itself. */
dy_status dy_codebook_load_plover(dy_codebook *cb, const char *path, dy_error *err);
const char *dy_codebook_plover(const dy_codebook *cb, const char *code, const char **mode);
/* The name of a code, or NULL. */
const char *dy_codebook_name(const dy_codebook *cb, const char *code);
/* Goldstein weight of code (falling back to its root), 0 with *known = 0
** when absent; known may be NULL. */
double dy_codebook_goldstein(const dy_codebook *cb, const char *code, int *known);
/* The code negation gives ("not disapprove" is 050 for 110), or NULL. */
const char *dy_codebook_negate(const dy_codebook *cb, const char *code);
/* CAMEO quad class of a code: 1 verbal cooperation (01-05), 2 material
** cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict
** (14-20); 0 when the code is not CAMEO. */
int dy_cameo_quad(const char *code);

typedef struct dy_span {
  int32_t first;        /* 1-based id of the first word, 0 if none */
  int32_t last;         /* 1-based id of the last word */
} dy_span;

typedef struct dy_event {
  const char *source;   /* actor code ("CHNGOV"), "---" when unknown */
  const char *target;
  const char *code;     /* CAMEO code, leading zero kept ("042") */
  double goldstein;     /* weight from the codebook, 0 if unknown */
  int quad;             /* dy_cameo_quad(code) */
  int32_t verb;         /* 1-based id of the verb */
  dy_span source_span;  /* words of the source phrase */
  dy_span target_span;
  const char *issues;   /* issue codes found in the sentence, ";"-joined, or "" */
  const char *pattern;  /* the verb pattern that fired, NULL for the verb's own code */
  int32_t pattern_line; /* its line in the verb file */
  const char *verb_file;/* the verb dictionary's file name */
  int negated;          /* 1 when the code was negated */
  const char *why;      /* what fired, each with file:line: the verb, the pattern,
                        ** the actor and agent entries of source and target */
  int resolved;         /* 1 when source or target came from a hint (a pronoun) */
} dy_event;

/* A proper-noun phrase of the sentence and the actor it names. */
typedef struct dy_mention {
  int32_t head;         /* 1-based id of the phrase's head word */
  dy_span span;         /* its words */
  const char *code;     /* actor code, or NULL when the dictionaries do not know it */
  int person;           /* 1 when it names a person (an actor entry of two or more
                        ** words with a role code: "ALEXANDER_LUKASHENKO" BLRGOV) */
} dy_mention;

typedef struct dy_code_result {
  int n;                /* events */
  dy_event *ev;         /* n events, in sentence order */
  int discard;          /* 0, 1 sentence discard, 2 story discard */
  const char *discard_phrase; /* the discard phrase that fired */
  int n_mentions;       /* proper-noun phrases, known and unknown */
  dy_mention *mentions;
} dy_code_result;

/* What the document around a sentence says a word stands for: a pronoun
** ("he") or a role noun ("the Belarusian leader") resolved to a person
** named before. Indexed by word id; code NULL for none. */
typedef struct dy_code_hint {
  const char *code;     /* the person's actor code */
  int kind;             /* 1: pronoun, stands for the person; 2: role noun, used
                        ** when its own phrase gives no more than the country */
} dy_code_hint;

typedef struct dy_coder_opts {
  int require_dyad;     /* only events with both actors (PETRARCH default 1) */
  int noun_events;      /* also code meetings and visits named by nouns ("during a
                        ** meeting with Li Keqiang", "on an official visit to China");
                        ** PETRARCH codes verbs only, so validation leaves this 0 */
} dy_coder_opts;

typedef struct dy_coder dy_coder;

/* A coder over d and cb (cb may be NULL); both must outlive it. */
dy_coder *dy_coder_new(const dy_dict *d, const dy_codebook *cb, const dy_coder_opts *opts);
void dy_coder_free(dy_coder *c);
void dy_coder_set_require_dyad(dy_coder *c, int on);

/* Code sentence s (s->date is used for actor date restrictions) into *out,
** allocating in a. Never fails on a well-formed tree; DY_ENOMEM otherwise. */
dy_status dy_code_sentence(const dy_coder *c, const dy_sentence *s, dy_arena *a,
                           dy_code_result *out, dy_error *err);

/* dy_code_sentence() with hints (n+1 entries, may be NULL). Events that
** used a hint have resolved = 1. */
dy_status dy_code_sentence_hints(const dy_coder *c, const dy_sentence *s,
                                 const dy_code_hint *hints, dy_arena *a, dy_code_result *out,
                                 dy_error *err);

/* Code s as dy_code_sentence_hints() does, writing to out what is tried on
** the way: every dictionary phrase in the sentence with its file and line,
** every verb (or why it is not coded), the patterns tried and the one
** chosen, the source and target phrases with the entries behind them. */
dy_status dy_code_explain(const dy_coder *c, const dy_sentence *s, const dy_code_hint *hints,
                          dy_arena *a, FILE *out, dy_code_result *res, dy_error *err);

/* The actor code of the noun phrase headed by word head of s (its first
** code; conjuncts aside), or NULL. */
const char *dy_code_phrase(const dy_coder *c, const dy_sentence *s, int head, dy_arena *a);

#endif
