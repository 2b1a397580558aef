/*
** internal.h: the coder's per-sentence context, shared by coder.c (verbs
** and events), nouns.c (actor resolution) and patterns.c (verb patterns).
*/
#ifndef DYAD_CODE_INTERNAL_H
#define DYAD_CODE_INTERNAL_H

#include <stdio.h>
#include "dyad/code.h"
#include "../dict/internal.h"

typedef struct ctx {
  const dy_dict *d;       /* dictionaries */
  const dy_codebook *cb;  /* codebook, may be NULL */
  const dy_sentence *s;   /* the sentence */
  dy_arena *a;            /* per-sentence memory */
  int n;                  /* words */
  uint32_t *wf;           /* word id of each form, 1-based */
  uint32_t *wl;           /* word id of each lemma */
  int *kstart;            /* children of h: kids[kstart[h] .. kstart[h+1]) */
  int *kids;
  unsigned char *mark;    /* scratch marks, all 0 between uses */
  int *buf, *buf2;        /* scratch arrays of n+2 ints */
  int depth;              /* recursion guard of dy_resolve_arg */
  int verb;               /* the verb being coded */
  int adjacent;           /* matching inside a PP: no gaps between words */
  int news;               /* coding whole articles (dy_coder_opts.noun_events) */
  FILE *trace;            /* dy_code_explain: where to say what is tried, or NULL */
  uint64_t words[4];      /* 256-bit set of the word ids (mod 256) present */
  uint64_t *syn;          /* per word: one-word synset memberships (first 64) */
  uint64_t *synfirst;     /* per word: synsets with a longer member starting here */
  struct actor_set **memo;/* per word: dy_resolve_arg's answer, once computed */
  const dy_code_hint *hints; /* per word, from the document (may be NULL) */
  unsigned char *hinted;  /* per word: a hint was used for the phrase headed here */
} ctx;

#define REL(x, t) ((x)->s->tok[(t) - 1].deprel)
#define SUB(x, t) ((x)->s->tok[(t) - 1].subrel)
#define UPOS(x, t) ((x)->s->tok[(t) - 1].upos)
#define HEAD(x, t) ((x)->s->tok[(t) - 1].head)

/* Actor codes of one argument (its conjuncts included). */
#define DY_MAX_ACTORS 16
typedef struct actor_set {
  int n;                          /* codes */
  const char *code[DY_MAX_ACTORS];
  dy_span span[DY_MAX_ACTORS];    /* words each code came from */
  const actor_ent *ent[DY_MAX_ACTORS];   /* the actor entry behind each code, or NULL */
  const agent_ent *ag[DY_MAX_ACTORS][3]; /* up to three agent entries */
} actor_set;

/* "ROOT (file:line) + AGENT (file:line)" for code i of set s. */
const char *dy_actor_why(ctx *x, const actor_set *s, int i);

/* What a pattern bound. */
typedef struct pmatch {
  int source;            /* head of the noun phrase matched by $, or 0 */
  int target;            /* head matched by +, or 0 */
  int pp;                /* object of the last prepositional phrase matched */
  int compound;          /* the pattern has % */
  int words;             /* tokens the pattern's words matched */
} pmatch;

int dy_child(const ctx *x, int h, int rel, const char *sub);
int dy_case_of(const ctx *x, int h);
/* In news mode, is word t a meeting or visit noun (coded as its own event)? */
int dy_is_noun_event(const ctx *x, int t);

/* Resolve the noun phrase headed by h (0: none) and its conjuncts. */
dy_status dy_resolve_arg(ctx *x, int h, actor_set *out);

/* The target when no pattern binds one: the passive subject, else an
** object, oblique or complement subject that names an actor. */
int dy_default_target(ctx *x, int v, int pass_subj, int src);

/* The first word after verb v, in its phrase and outside avoid's subtree,
** that names an actor (climbed to its phrase head), or 0. With
** obliques_only, only words under v's obliques count. */
int dy_first_actor_after(ctx *x, int v, int avoid, int obliques_only);

/* The most specific pattern of block b that matches verb v, or NULL. */
const pattern *dy_match_patterns(ctx *x, int v, const verb_block *b, int subj, pmatch *m);

#endif
