/*
** dict.h: the dictionary engine. Reads the PETRARCH 2 dictionary formats as
** shipped (CAMEO verb dictionaries, Phoenix actor, agent, discard and issue
** dictionaries, and the validation suites' small dictionaries) into one
** read-only dy_dict that the coder and any number of threads share.
**
** Readers accept every construct present in those files; anything else is
** a DY_EPARSE whose dy_error names the file and line. A failed load leaves
** what was loaded before it in place.
*/
#ifndef DYAD_DICT_H
#define DYAD_DICT_H

#include <stdint.h>
#include "dyad/common.h"

typedef struct dy_dict dy_dict;

typedef enum dy_dict_kind {
  DY_DICT_VERBS = 1,   /* CAMEO.2.0.txt, PETR.Validate.verbs*.txt */
  DY_DICT_ACTORS,      /* Phoenix.*.actors.txt, PETR.Validate.actors.txt */
  DY_DICT_AGENTS,      /* Phoenix.agents.txt */
  DY_DICT_DISCARDS,    /* Phoenix.discards.txt */
  DY_DICT_ISSUES       /* Phoenix.IssueCoding.txt */
} dy_dict_kind;

/* An empty dictionary; NULL when out of memory. */
dy_dict *dy_dict_new(void);
void dy_dict_free(dy_dict *d);

/* Add the file at path, read as kind. Several actor files may be loaded;
** one verb file. */
dy_status dy_dict_load(dy_dict *d, dy_dict_kind kind, const char *path,
                       dy_error *err);

/* The same from len bytes in memory; name is used in messages. */
dy_status dy_dict_load_mem(dy_dict *d, dy_dict_kind kind, const char *buf,
                           size_t len, const char *name, dy_error *err);

/* Load the standard set from dir: CAMEO.2.0.txt, the three Phoenix actor
** files, Phoenix.agents.txt, Phoenix.discards.txt, Phoenix.IssueCoding.txt. */
dy_status dy_dict_load_standard(dy_dict *d, const char *dir, dy_error *err);

typedef struct dy_dict_stats {
  uint32_t words;       /* distinct words */
  uint32_t actors;      /* actor entries */
  uint32_t agents;      /* agent phrases (with generated plurals) */
  uint32_t discards;    /* discard phrases */
  uint32_t issues;      /* issue phrases */
  uint32_t verb_blocks; /* verb blocks */
  uint32_t verb_forms;  /* verb forms, generated regular forms included */
  uint32_t patterns;    /* verb patterns */
  uint32_t synsets;     /* synonym sets */
} dy_dict_stats;

void dy_dict_get_stats(const dy_dict *d, dy_dict_stats *st);

/* Defects of shipped dictionaries that are read past rather than refused,
** as PETRARCH read past them (a stray ')' in a pattern, an agent line
** without a code, a pattern naming an undefined synset): how many, and
** the message of the i-th (the first 32 are kept), or NULL. */
uint32_t dy_dict_warning_count(const dy_dict *d);
const char *dy_dict_warning(const dy_dict *d, uint32_t i);

/* The actor code the phrase (words separated by blanks, any case) has on
** date (YYYYMMDD; 0 when unknown: the undated role, else the last listed),
** or NULL when the phrase is not an actor or has no role on that date. */
const char *dy_dict_actor_code(const dy_dict *d, const char *phrase, int32_t date);

/* Set mask[i] for each word i (0-based) of forms[0..n-1] inside a name the
** actor dictionaries know: a phrase of two or more words, each written with
** a capital but for name particles inside ("Xi Jinping", "Lula da Silva",
** "Ursula von der Leyen"); 1 marks a name's first word, 2
** the words after it. A tagger may take these as proper nouns, a parser as
** one word. Returns the number of words marked. */
int dy_dict_mark_names(const dy_dict *d, const char *const *forms, int n, unsigned char *mask);

/* The agent code ("GOV") of a phrase, or NULL; *prefix is set to 1 for
** prefix agents such as "[NGO~]". prefix may be NULL. */
const char *dy_dict_agent_code(const dy_dict *d, const char *phrase, int *prefix);

#endif
