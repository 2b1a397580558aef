/*
** parse.h: tagging, lemmatization and dependency parsing with a loaded
** model (model.h), filling in the dy_sentence (sentence.h) the coder reads.
**
**   dy_tag_sentence    UPOS, PTB XPOS, FEATS and LEMMA of every word
**                      (averaged-perceptron tagger; lemmas from a table
**                      learned from the treebank, then suffix rules);
**   dy_parse_sentence  HEAD and DEPREL (UD v2 basic relations, with
**                      subtypes) by a greedy arc-hybrid transition parser
**                      with an averaged-perceptron scorer;
**   dy_parse_text      raw text to parsed sentences: normalize, tokenize,
**                      split (text.h), tag, parse.
**
** All calls are safe to run concurrently on one model; scratch memory comes
** from the caller's arena.
*/
#ifndef DYAD_PARSE_H
#define DYAD_PARSE_H

#include <stddef.h>
#include "dyad/arena.h"
#include "dyad/common.h"
#include "dyad/dict.h"
#include "dyad/model.h"
#include "dyad/sentence.h"

/* Tag s in place: upos, xpos, feats, lemma of every token (strings in a).
** Returns DY_ENOMEM when the arena cannot grow. */
dy_status dy_tag_sentence(const dy_model *m, dy_sentence *s, dy_arena *a);

/* Parse s in place (head, deprel, subrel); s must be tagged. Every token
** gets a head, exactly one the root. */
dy_status dy_parse_sentence(const dy_model *m, dy_sentence *s, dy_arena *a);

/* Normalize, segment, tag and parse len bytes of text. *out receives
** *n_out sentences in a; *n_invalid (may be NULL) the number of invalid
** UTF-8 sequences replaced by U+FFFD. */
dy_status dy_parse_text(const dy_model *m, const char *text, size_t len,
                        dy_arena *a, dy_sentence **out, int32_t *n_out,
                        size_t *n_invalid);

/* dy_parse_text() with the names of an actor dictionary (may be NULL):
** words inside a multi-word name it knows, each capitalised ("Xi
** Jinping"), are tagged as proper nouns before parsing. */
dy_status dy_parse_text_names(const dy_model *m, const char *text, size_t len,
                              const dy_dict *names, dy_arena *a, dy_sentence **out,
                              int32_t *n_out, size_t *n_invalid);

#endif
