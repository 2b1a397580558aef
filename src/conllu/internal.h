/*
** internal.h: the CoNLL-U reader's state, shared by the line reader and
** sentence assembly (conllu.c) and the word-line and tree checks (word.c).
** Nothing here is exported through include/.
*/
#ifndef DYAD_CONLLU_INTERNAL_H
#define DYAD_CONLLU_INTERNAL_H

#include <stdio.h>
#include "dyad/conllu.h"
#include "../util/util.h"

/* Longest line accepted, in bytes without the newline. A longer line is an
** error; its bytes are read and dropped, never stored. */
#define CONLLU_MAX_LINE ((size_t)1 << 20)

/* A word line while its sentence is being read. */
typedef struct cword {
  dy_token tok;          /* the token as it will be returned */
  long line;             /* input line, for messages about heads */
} cword;

/* Per-sentence facts gathered while reading the lines of one block. */
typedef struct cblock {
  int32_t n;             /* words read so far */
  int32_t n_mwt;         /* multiword tokens read so far */
  int32_t n_empty;       /* empty nodes skipped */
  int v1;                /* 1 when a UD v1 label or tag was seen */
  int32_t nospace_word;  /* last word of a range marked SpaceAfter=No, or 0 */
  long first_line;       /* line of the first word */
  const char *sent_id;   /* from "# sent_id", in the arena, or NULL */
  const char *text;      /* from "# text", in the arena, or NULL */
} cblock;

struct dy_conllu_reader {
  FILE *f;               /* stream source, or NULL */
  const char *mem;       /* memory source, or NULL */
  size_t mem_len;        /* bytes at mem */
  size_t mem_pos;        /* next unread byte of mem */
  char *ibuf;            /* stream input buffer */
  size_t ibuf_pos;       /* next unread byte of ibuf */
  size_t ibuf_end;       /* bytes held in ibuf */
  int eof;               /* the stream reported end of file or an error */
  char *line;            /* a stream line assembled across buffer refills */
  size_t line_cap;       /* bytes allocated at line */
  long lineno;           /* number of the last line read */
  long offset;           /* byte offset of the next line */
  long line_start;       /* byte offset of the last line read */
  int one_sentence;      /* dy_conllu_parse: blank lines do not end a block */
  char *doc_id;          /* "# newdoc id" in force (malloc'd), or NULL */
  int32_t date;          /* "# date" in force, YYYYMMDD, or 0 */
  cword *w;              /* scratch words of the current block */
  size_t w_cap;          /* entries allocated at w */
  dy_mwt *m;             /* scratch multiword tokens */
  size_t m_cap;          /* entries allocated at m */
  unsigned char *mark;   /* scratch marks for the cycle check */
  size_t mark_cap;       /* bytes allocated at mark */
  char name[512];        /* input name for messages */
};

/* Read the word line s[0..len) (an arena copy the tokens may point into,
** modified in place) at line lineno into the block b. Returns DY_OK, or
** DY_EPARSE / DY_ENOMEM with err filled. */
dy_status dy_conllu_word(dy_conllu_reader *r, cblock *b, char *s, size_t len,
                         long lineno, dy_error *err);

/* Check the heads of the block's words (range, self, root, cycles) and
** apply the UD v1 nmod -> obl rule. */
dy_status dy_conllu_tree(dy_conllu_reader *r, cblock *b, dy_error *err);

#endif
