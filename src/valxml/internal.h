/*
** internal.h: the validation-record scanner's state and the entity decoder
** (text.c), shared inside src/valxml/ only.
*/
#ifndef DYAD_VALXML_INTERNAL_H
#define DYAD_VALXML_INTERNAL_H

#include <stddef.h>
#include "dyad/arena.h"
#include "dyad/common.h"
#include "dyad/valxml.h"

#define VX_MAX_ATTR 16   /* attributes kept per tag; more are ignored */

/* One attribute as written (not decoded, not NUL-terminated). */
typedef struct vattr {
  const char *name;      /* attribute name in the input */
  size_t nlen;           /* its length */
  const char *val;       /* value between the quotes */
  size_t vlen;           /* its length */
} vattr;

/* One start or end tag. */
typedef struct vtag {
  const char *name;      /* element name in the input */
  size_t nlen;           /* its length */
  int close;             /* 1 for "</name>" */
  int selfclose;         /* 1 for "<name ... />" */
  long line;             /* line of the '<' */
  size_t end;            /* offset just past the '>' */
  int n_at;              /* attributes kept in at[] */
  vattr at[VX_MAX_ATTR]; /* attributes in input order */
} vtag;

/* The scanner over one file. */
typedef struct vx {
  const char *buf;       /* the file's bytes */
  size_t len;            /* their number */
  const char *name;      /* file name for messages */
  dy_arena *a;           /* owner of everything returned */
  dy_error *err;         /* where failures are reported, or NULL */
  dy_valfile *vf;        /* the result being filled */
  size_t lpos;           /* a byte offset whose line is known ... */
  long line;             /* ... and that line */
  size_t tag_pos;        /* offset of the tag being handled */
  int in_env;            /* inside <Environment> */
  int in_rec;            /* inside <Sentence> */
  int oom;               /* an arena or scratch allocation failed */
  dy_valrec cur;         /* the open record */
  dy_valrec *rec;        /* finished records (scratch, malloc'd) */
  size_t n_rec, cap_rec; /* used / allocated in rec */
  dy_valcoding *cod;     /* codings of the open record (scratch) */
  size_t n_cod, cap_cod; /* used / allocated in cod */
  dy_valconfig *cfg;     /* <Config> waiting for the next record (scratch) */
  size_t n_cfg, cap_cfg; /* used / allocated in cfg */
} vx;

/* A NUL-terminated copy of s[0..n) in a with XML entities decoded; when fold
** is 1, runs of blanks, TABs and line breaks become one blank and the ends
** are trimmed. NULL when out of memory. */
char *dy_valxml_decode(dy_arena *a, const char *s, size_t n, int fold);

#endif
