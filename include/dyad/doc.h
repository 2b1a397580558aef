/*
** doc.h: a news article and what dyad found in it. The pipeline (pipe.h)
** fills a dy_doc_result from a dy_doc; the event store (store.h) and the
** output writers read it. Everything is owned by the arena the pipeline
** was given; strings are NUL-terminated UTF-8 and never NULL ("" when
** unknown).
*/
#ifndef DYAD_DOC_H
#define DYAD_DOC_H

#include <stddef.h>
#include <stdint.h>
#include "dyad/sentence.h"

typedef struct dy_doc {
  const char *id;          /* given id, else "sha:" + 16 hex digits of the text hash */
  const char *title;       /* headline */
  const char *source;      /* outlet ("BelTA") */
  const char *url;
  int32_t date;            /* publication date YYYYMMDD, 0 when unknown */
  const char *text;        /* body text */
  size_t text_len;         /* bytes in text */
  const char *origin;      /* file it came from ("-" for stdin) */
  long origin_line;        /* line in origin where the record starts (JSONL, XML), else 1 */
  uint64_t hash;           /* XXH64 of the body text: the document's identity */
} dy_doc;

typedef struct dy_doc_sentence {
  int32_t index;           /* 0-based position in the document */
  size_t start, end;       /* byte span in doc->text */
  const char *text;        /* the sentence's text */
  dy_sentence *tree;       /* its parse (sent_id "<doc id>-<index+1>") */
} dy_doc_sentence;

/* One coded event in its document. */
typedef struct dy_doc_event {
  int32_t sent;            /* index of its sentence */
  int32_t date;            /* event date YYYYMMDD: "on Saturday" resolved against doc date */
  const char *source;      /* actor codes ("BLRGOV"), "---" when unknown */
  const char *target;
  const char *code;        /* CAMEO code ("042") */
  const char *plover;      /* PLOVER category ("CONSULT") or "" */
  double goldstein;
  int quad;                /* 1..4, 0 when not CAMEO */
  const char *source_text; /* words of the source phrase as written */
  const char *target_text;
  const char *verb_text;
  const char *issues;      /* issue codes, ";"-joined, or "" */
  const char *why;         /* what fired: verb pattern and actor/agent entries, each file:line */
  int negated;             /* the verb was negated and the code negated with it */
  int resolved;            /* 1 when an actor came from a pronoun or "the Belarusian leader" */
} dy_doc_event;

/* A direct quotation and its speaker. */
typedef struct dy_quote {
  int32_t sent_first;      /* sentences the quote spans */
  int32_t sent_last;
  size_t start, end;       /* byte span of the quoted text (without the marks) */
  const char *text;        /* the quoted words */
  const char *speaker_text;/* the speaker as written ("Alexander Chervyakov, Belarusian Ambassador to China") */
  const char *speaker_code;/* the speaker's actor code, "" when not known */
} dy_quote;

/* A capitalised name the dictionaries did not know. */
typedef struct dy_unknown_name {
  const char *name;        /* "Alexey Maslov" */
  int32_t sent;            /* sentence it was seen in */
} dy_unknown_name;

typedef struct dy_doc_result {
  const dy_doc *doc;
  int n_sent;
  dy_doc_sentence *sent;
  int n_ev;
  dy_doc_event *ev;
  int n_quotes;
  dy_quote *quotes;
  int n_unknown;
  dy_unknown_name *unknown;
  uint32_t minhash[32];    /* MinHash signature of the text's word 5-shingles, for near duplicates */
} dy_doc_result;

#endif
