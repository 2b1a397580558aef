/*
** internal.h: the dictionary engine's data structures, shared by the
** dictionary readers (src/dict/) and the coder (src/code/), never exported.
**
** Every dictionary word is interned once into a word table (word -> id);
** phrases are sequences of word ids stored in one trie whose edges live in
** a single open-addressing hash keyed by (node, word). A sentence is
** normalized to word ids once, after which the longest known phrase at any
** position is found by walking the trie: linear in the phrase length, with
** no allocation.
*/
#ifndef DYAD_DICT_INTERNAL_H
#define DYAD_DICT_INTERNAL_H

#include <stdint.h>
#include "dyad/arena.h"
#include "dyad/dict.h"
#include "../util/util.h"

#define DY_NOWORD 0u           /* word id 0: not in any dictionary */
#define DY_NONODE 0xFFFFFFFFu  /* no trie node */

/* ---- word table ------------------------------------------------------ */
typedef struct wordtab {
  uint32_t *slots;      /* open addressing: word id, 0 = empty */
  uint32_t cap;         /* number of slots, a power of two */
  uint32_t n;           /* words interned (ids 1..n) */
  uint32_t words_cap;   /* capacity of words[] */
  const char **words;   /* id -> NUL-terminated upper-case word */
  uint32_t *lens;       /* id -> byte length */
  uint64_t *hashes;     /* id -> hash */
} wordtab;

/* Upper-case (Unicode simple case mapping) n bytes of s into out, which
** holds cap bytes; returns the length written (truncated at cap-1). */
size_t dy_word_norm(const char *s, size_t n, char *out, size_t cap);

/* Id of the upper-cased word, interning it when add is non-zero; returns
** DY_NOWORD when absent (or out of memory, which sets *oom). */
uint32_t dy_wordtab_get(wordtab *t, dy_arena *a, const char *w, size_t n,
                        int add, int *oom);
void dy_wordtab_free(wordtab *t);

/* ---- phrase trie ----------------------------------------------------- */
typedef struct trie {
  uint64_t *keys;       /* (node << 32) | word, 0 = empty slot */
  uint32_t *vals;       /* child node id */
  uint32_t cap;         /* slots, a power of two */
  uint32_t n_edges;     /* edges stored */
  uint32_t n_nodes;     /* nodes allocated (node 0 is the root) */
  uint32_t nodes_cap;   /* capacity of payload[] */
  uint32_t *payload;    /* node -> first payload index or DY_NONODE */
} trie;

/* Child of node by word, or DY_NONODE. */
uint32_t dy_trie_child(const trie *t, uint32_t node, uint32_t word);
/* The node reached by words[0..n-1] from the root, created as needed;
** DY_NONODE when out of memory. */
uint32_t dy_trie_insert(trie *t, const uint32_t *words, int n);
void dy_trie_free(trie *t);

/* ---- payloads -------------------------------------------------------- */
enum { PH_ACTOR = 1, PH_AGENT, PH_DISCARD, PH_ISSUE };

/* One thing a phrase can mean; several may hang off one trie node. */
typedef struct phrase_ent {
  uint8_t kind;         /* PH_* */
  uint8_t nwords;       /* words in the phrase */
  uint32_t ref;         /* index into the kind's array */
  uint32_t next;        /* next payload on the same node, or DY_NONODE */
} phrase_ent;

/* A role of an actor, valid from <= date <= to (YYYYMMDD). */
typedef struct actor_code {
  const char *code;     /* "CHNGOV" */
  int32_t from;         /* first valid date, 0 = always */
  int32_t to;           /* last valid date, INT32_MAX = open */
} actor_code;

typedef struct actor_ent {
  const char *root;     /* the entry's first phrase, as written */
  const char *file;     /* dictionary file it came from */
  int32_t line;         /* line of the entry */
  int32_t ncodes;       /* roles, in dictionary order */
  actor_code *codes;
} actor_ent;

typedef struct agent_ent {
  const char *code;     /* "GOV" (the ~ removed) */
  const char *phrase;   /* phrase as written */
  const char *file;
  int32_t line;
  uint8_t prefix;       /* 1 for "[NGO~]": the code goes before the actor */
} agent_ent;

typedef struct discard_ent {
  const char *phrase;   /* as written */
  const char *file;
  int32_t line;
  uint8_t story;        /* 1 for '+' (story-level) discards */
} discard_ent;

typedef struct issue_ent {
  const char *code;     /* "EDUCATION_REFORM" */
  const char *category; /* the <ISSUE CATEGORY=...> it belongs to */
  const char *file;
  int32_t line;
  uint8_t exclude;      /* 1 for a '~' line: matching phrase blocks issues */
} issue_ent;

/* ---- verb dictionary --------------------------------------------------- */
enum {
  PE_WORD = 1,   /* a word: matches a token's form or lemma */
  PE_SYNSET,     /* &NAME: a synset member */
  PE_SOURCE,     /* $ */
  PE_TARGET,     /* + */
  PE_SKIP,       /* ^ : any one word */
  PE_COMPOUND,   /* % : the actor here is compound */
  PE_NP_OPEN,    /* { : words of one noun phrase */
  PE_NP_CLOSE,   /* } */
  PE_PP_OPEN,    /* ( : a prepositional phrase */
  PE_PP_CLOSE    /* ) */
};

typedef struct pat_elem {
  uint8_t kind;         /* PE_* */
  uint8_t joined;       /* 1 when joined to the previous word by '_' */
  uint16_t synset;      /* synset index for PE_SYNSET */
  uint32_t word;        /* word id for PE_WORD */
  uint32_t plural;      /* word id of the generated plural, or DY_NOWORD */
} pat_elem;

typedef struct pattern {
  pat_elem *pre;        /* elements before '*', in text order */
  pat_elem *post;       /* elements after '*' */
  uint16_t npre, npost;
  uint16_t weight;      /* number of matching elements (specificity) */
  const char *code;     /* event code, "---" for none */
  const char *code2;    /* reciprocal code of [a:b], or NULL */
  uint32_t req[4];      /* words the match needs (a prefilter), ... */
  uint32_t reqpl[4];    /* ... or their plurals */
  uint8_t nreq;         /* entries in req[] */
  uint8_t pre_words;    /* words stand before the verb (see patterns.c) */
  const char *text;     /* the pattern line as written (for explain) */
  int32_t line;         /* line in the verb file */
} pattern;

typedef struct verb_block {
  const char *name;     /* "--- NAME [code] ---" */
  const char *code;     /* default code of the block */
  const char *code2;    /* reciprocal default, or NULL */
  int32_t line;
  int32_t npat;
  pattern *pats;        /* in file order */
  uint16_t *by_weight;  /* pattern indexes, heaviest first (file order among equals) */
} verb_block;

/* A verb form: the surface word that names a verb, possibly with fixed
** words before or after it ("BREAK_DOWN", "WIRE_TAP"). */
typedef struct verb_form {
  uint32_t word;        /* the inflected verb word */
  uint32_t block;       /* index of its verb_block */
  const char *code;     /* own code overriding the block's, or NULL */
  const char *code2;
  int32_t line;
  uint8_t nbefore;      /* fixed words before the verb */
  uint8_t nafter;       /* fixed words after the verb */
  uint32_t *before;     /* nbefore word ids, in text order */
  uint32_t *after;      /* nafter word ids */
  uint32_t next;        /* next form with the same word, or DY_NONODE */
} verb_form;

typedef struct synset {
  const char *name;     /* "&CURRENCY" */
  int32_t line;
  int32_t nphr;         /* member phrases */
  int32_t cap;          /* room in phr[] and phrlen[] (heap, grown by doubling) */
  uint32_t **phr;       /* word-id sequences (the sequences live in the arena) */
  uint8_t *phrlen;      /* their lengths */
  uint8_t has_multi;    /* some member has more than one word */
} synset;

#define DY_SYNSET_MAX 4096 /* members of one synset, plurals included */

/* A growable array in the dictionary's arena-free heap. */
#define VEC(T) struct { T *v; uint32_t n, cap; }

struct dy_dict {
  dy_arena *arena;      /* owns strings, codes, patterns */
  wordtab words;        /* every dictionary word */
  trie phrases;         /* actors, agents, discards, issues */
  VEC(phrase_ent) ents;
  VEC(actor_ent) actors;
  VEC(agent_ent) agents;
  VEC(discard_ent) discards;
  VEC(issue_ent) issues;
  VEC(verb_block) blocks;
  VEC(verb_form) forms;
  VEC(synset) synsets;
  uint32_t *form_head;  /* word id -> first verb_form, DY_NONODE (sized on demand) */
  uint32_t form_head_cap;
  uint8_t *starts;      /* word id -> bit (1 << kind) when a phrase of that kind starts with it */
  uint32_t starts_cap;  /* entries in starts */
  uint64_t *syn_mask;   /* word id -> the first 64 synsets it is a one-word member of */
  uint32_t syn_mask_cap; /* entries in syn_mask */
  uint64_t *syn_first;  /* word id -> synsets with a multi-word member starting with it */
  const char *verb_file; /* name of the verb dictionary loaded, or "" */
  uint32_t warnings;     /* tolerated defects (see dy_dict_warn) */
  const char *warn[32];  /* the first messages, "file:line: what" */
};

/* Grow a VEC by one element; returns a pointer to it or NULL. */
void *dy_vec_push(void *vec, size_t elem);
#define VEC_PUSH(vec) dy_vec_push(&(vec), sizeof *(vec).v)
void dy_vec_free(void *vec);

/* Intern a phrase: split on ' ' and '_', upper-case, add words. Writes up
** to max ids into out; returns the count, -1 when too long, -2 on OOM. */
int dy_dict_phrase_ids(dy_dict *d, const char *s, size_t n, uint32_t *out,
                       int max);

/* Does a phrase of kind (PH_*) start with word w? A table lookup, so
** that scans skip most words without touching the trie. */
static inline int dy_dict_starts(const dy_dict *d, uint32_t w, int kind) {
  return w < d->starts_cap && (d->starts[w] >> kind & 1);
}

/* Hang a payload on the trie node of a phrase. */
dy_status dy_dict_add_phrase(dy_dict *d, const uint32_t *ids, int n, int kind,
                             uint32_t ref);

/* Parse "[CODE]" / "[CODE yymmdd-yymmdd]" / "[CODE >d]" / "[CODE <d]"
** starting at p (just after '['); fills *c; returns 0 or -1 on a bad date. */
int dy_parse_actor_code(dy_dict *d, const char *p, size_t n, actor_code *c);

/* YYMMDD or YYYYMMDD to YYYYMMDD; -1 when not a date. */
int32_t dy_parse_dict_date(const char *s, size_t n);

/* Regular English plural of the phrase's last word ("POLICE" -> "POLICES",
** "ARMY" -> "ARMIES", "CHAIRMAN" -> "CHAIRMEN") into out (cap >= n + 4). */
void dy_make_plural(const char *p, size_t n, char *out, size_t cap);

/* The readers, one per kind (actors.c, verbs.c). */
dy_status dy_dict_read_actors(dy_dict *d, const char *buf, size_t len, const char *name, dy_error *err);
dy_status dy_dict_read_agents(dy_dict *d, const char *buf, size_t len, const char *name, dy_error *err);
dy_status dy_dict_read_discards(dy_dict *d, const char *buf, size_t len, const char *name, dy_error *err);
dy_status dy_dict_read_issues(dy_dict *d, const char *buf, size_t len, const char *name, dy_error *err);
dy_status dy_dict_read_verbs(dy_dict *d, const char *buf, size_t len, const char *name, dy_error *err);

/* Record a tolerated defect of a shipped dictionary (a typo PETRARCH
** also read past): counted, and the first few kept for dy_dict_warning(). */
void dy_dict_warn(dy_dict *d, const char *file, int32_t line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* The role of actor a on date (0: its first role), or NULL. */
const char *dy_actor_role(const actor_ent *a, int32_t date);

/* Line iteration over a file buffer. */
typedef struct linecur {
  const char *p, *end;  /* what remains */
  int32_t line;         /* number of the line last returned */
} linecur;
/* Next line without its EOL (LF or CRLF); 0 at end. */
int dy_next_line(linecur *c, const char **s, size_t *n);


/* Remove a '#' comment (and a trailing "-->" of HTML-style headers). */
void dy_strip_comment(const char *s, size_t *n);

#endif
