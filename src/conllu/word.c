/*
** word.c: one CoNLL-U word line into a token, and the checks that need the
** whole sentence (heads in range, one tree rooted at 0).
**
** Labels: UD v2 names are taken as they are; UD v1 names are mapped by
** dy_deprel_from_name() (dobj -> obj, nsubjpass -> nsubj:pass, neg ->
** advmod with v1neg set ...) and mark the sentence as v1. Only in a v1
** sentence is nmod on a predicate (VERB, AUX, ADJ, ADV) turned into obl,
** which is what UD v2 did when it split v1 nmod ("Changes from v1 to v2":
** nominal dependents of predicates are obl, of nominals nmod). An unknown
** relation becomes dep with the label kept whole in subrel; an unknown UPOS
** becomes X.
*/
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* Parse s[0..len) as a non-negative decimal integer below 2^31. */
static int parse_int(const char *s, size_t len, int32_t *out) {
  if (len == 0 || len > 10) return 0;
  int64_t v = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9') return 0;
    v = v * 10 + (s[i] - '0');
  }
  if (v > INT32_MAX) return 0;
  *out = (int32_t)v;
  return 1;
}

static int grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return 1;
  size_t n = *cap ? *cap * 2 : 64;
  while (n < need) n *= 2;
  void *q = realloc(*p, n * size);
  if (!q) return 0;
  *p = q;
  *cap = n;
  return 1;
}

/* 1 when the MISC column holds the item SpaceAfter=No. */
static int no_space_after(const char *misc) {
  const char *p = misc;
  while (*p) {
    const char *e = strchr(p, '|');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len == 13 && memcmp(p, "SpaceAfter=No", 13) == 0) return 1;
    if (!e) break;
    p = e + 1;
  }
  return 0;
}

static const char *or_blank(const char *s) { return *s ? s : "_"; }

/* The id column: "7", "3-4" or "5.1". */
static dy_status read_id(dy_conllu_reader *r, cblock *b, char *col[10],
                         size_t id_len, long lineno, dy_error *err, int *kind) {
  const char *id = col[0];
  const char *dash = memchr(id, '-', id_len), *dot = memchr(id, '.', id_len);
  int32_t a, z;
  if (dot) {
    if (!parse_int(id, (size_t)(dot - id), &a) ||
        !parse_int(dot + 1, id_len - (size_t)(dot - id) - 1, &z))
      return dy_err(err, DY_EPARSE, r->name, lineno, "bad empty-node id '%s'", id);
    *kind = 2;
    return DY_OK;
  }
  if (dash) {
    if (!parse_int(id, (size_t)(dash - id), &a) ||
        !parse_int(dash + 1, id_len - (size_t)(dash - id) - 1, &z))
      return dy_err(err, DY_EPARSE, r->name, lineno, "bad multiword-token range '%s'", id);
    if (a != b->n + 1 || z <= a)
      return dy_err(err, DY_EPARSE, r->name, lineno,
                    "multiword-token range '%s' must start at word %d and span two words or more",
                    id, (int)(b->n + 1));
    if (b->n_mwt > 0 && r->m[b->n_mwt - 1].last >= a)
      return dy_err(err, DY_EPARSE, r->name, lineno,
                    "multiword-token range '%s' overlaps the previous one", id);
    if (!grow((void **)&r->m, &r->m_cap, (size_t)b->n_mwt + 1, sizeof *r->m))
      return dy_err(err, DY_ENOMEM, r->name, lineno, "out of memory");
    if (!*col[1])
      return dy_err(err, DY_EPARSE, r->name, lineno, "empty FORM");
    r->m[b->n_mwt++] = (dy_mwt){ a, z, col[1] };
    if (no_space_after(col[9])) b->nospace_word = z; /* UD v2 puts it on the range */
    *kind = 1;
    return DY_OK;
  }
  if (!parse_int(id, id_len, &a))
    return dy_err(err, DY_EPARSE, r->name, lineno, "word id '%s' is not an integer", id);
  if (b->n == INT32_MAX - 1 || a != b->n + 1)
    return dy_err(err, DY_EPARSE, r->name, lineno,
                  "word ids not consecutive: expected %d, found %d", (int)(b->n + 1), (int)a);
  *kind = 0;
  return DY_OK;
}

dy_status dy_conllu_word(dy_conllu_reader *r, cblock *b, char *s, size_t len,
                         long lineno, dy_error *err) {
  char *col[10];
  size_t col_len[10];
  int nc = 0;
  char *p = s, *end = s + len;
  for (;;) {
    char *tab = memchr(p, '\t', (size_t)(end - p));
    char *e = tab ? tab : end;
    if (nc < 10) { col[nc] = p; col_len[nc] = (size_t)(e - p); }
    nc++;
    *e = 0;
    if (!tab) break;
    p = tab + 1;
  }
  if (nc != 10)
    return dy_err(err, DY_EPARSE, r->name, lineno,
                  "expected 10 TAB-separated columns, found %d", nc);
  int kind = 0;
  dy_status st = read_id(r, b, col, col_len[0], lineno, err, &kind);
  if (st != DY_OK || kind != 0) {
    if (st == DY_OK && kind == 2) b->n_empty++;
    return st;
  }
  if (!*col[1]) return dy_err(err, DY_EPARSE, r->name, lineno, "empty FORM");
  dy_token t = {0};
  t.form = col[1];
  t.lemma = or_blank(col[2]);
  t.xpos = or_blank(col[4]);
  t.feats = or_blank(col[5]);
  t.misc = or_blank(col[9]);
  t.space_after = !no_space_after(t.misc) && b->nospace_word != b->n + 1;
  int upos = dy_upos_from_name(col[3], col_len[3]);
  if (col_len[3] == 4 && memcmp(col[3], "CONJ", 4) == 0) b->v1 = 1;
  t.upos = (uint8_t)(upos == DY_UPOS_NONE ? DY_UPOS_X : upos);
  if (!parse_int(col[6], col_len[6], &t.head))
    return dy_err(err, DY_EPARSE, r->name, lineno, "HEAD '%s' is not an integer", col[6]);
  if (col_len[7] == 0)
    return dy_err(err, DY_EPARSE, r->name, lineno, "empty DEPREL");
  char *colon = memchr(col[7], ':', col_len[7]);
  size_t base_len = colon ? (size_t)(colon - col[7]) : col_len[7];
  if (base_len == 0)
    return dy_err(err, DY_EPARSE, r->name, lineno, "DEPREL '%s' has no relation", col[7]);
  const char *v1sub = NULL;
  int rel = dy_deprel_from_name(col[7], base_len, &v1sub);
  if (rel == DY_DEP_NONE) {
    t.deprel = DY_DEP_DEP;
    t.subrel = col[7];                 /* the unknown label, kept whole */
  } else {
    const char *v2 = dy_deprel_name(rel);
    if (strlen(v2) != base_len || memcmp(v2, col[7], base_len) != 0) {
      b->v1 = 1;
      if (base_len == 3 && memcmp(col[7], "neg", 3) == 0) t.v1neg = 1;
    }
    t.deprel = (uint8_t)rel;
    if (colon) { *colon = 0; t.subrel = colon + 1; }
    else t.subrel = v1sub ? v1sub : "";
  }
  if (!grow((void **)&r->w, &r->w_cap, (size_t)b->n + 1, sizeof *r->w))
    return dy_err(err, DY_ENOMEM, r->name, lineno, "out of memory");
  if (b->n == 0) b->first_line = lineno;
  r->w[b->n++] = (cword){ t, lineno };
  return DY_OK;
}

/* Marks of the cycle check. */
enum { UNSEEN = 0, ON_PATH = 1, ROOTED = 2 };

dy_status dy_conllu_tree(dy_conllu_reader *r, cblock *b, dy_error *err) {
  int32_t n = b->n;
  int has_root = 0;
  for (int32_t i = 0; i < n; i++) {
    const cword *w = &r->w[i];
    if (w->tok.head > n)
      return dy_err(err, DY_EPARSE, r->name, w->line,
                    "HEAD %d out of range (the sentence has %d words)",
                    (int)w->tok.head, (int)n);
    if (w->tok.head == i + 1)
      return dy_err(err, DY_EPARSE, r->name, w->line, "word %d is its own head", (int)(i + 1));
    if (w->tok.head == 0) has_root = 1;
  }
  if (!has_root)
    return dy_err(err, DY_EPARSE, r->name, b->first_line, "no word has HEAD 0 (no root)");
  for (int32_t i = 0; i < b->n_mwt; i++) {
    if (r->m[i].last > n)
      return dy_err(err, DY_EPARSE, r->name, b->first_line,
                    "multiword token %d-%d goes past the last word", (int)r->m[i].first,
                    (int)r->m[i].last);
  }
  if (!grow((void **)&r->mark, &r->mark_cap, (size_t)n + 1, 1))
    return dy_err(err, DY_ENOMEM, r->name, b->first_line, "out of memory");
  memset(r->mark, UNSEEN, (size_t)n + 1);
  r->mark[0] = ROOTED;
  for (int32_t i = 1; i <= n; i++) {
    int32_t k = i;
    while (r->mark[k] == UNSEEN) { r->mark[k] = ON_PATH; k = r->w[k - 1].tok.head; }
    if (r->mark[k] == ON_PATH)
      return dy_err(err, DY_EPARSE, r->name, r->w[k - 1].line,
                    "word %d is in a cycle of heads that never reaches the root", (int)k);
    for (k = i; r->mark[k] == ON_PATH; k = r->w[k - 1].tok.head) r->mark[k] = ROOTED;
  }
  if (b->v1) {
    for (int32_t i = 0; i < n; i++) {
      dy_token *t = &r->w[i].tok;
      if (t->deprel != DY_DEP_NMOD || strcmp(t->subrel, "poss") == 0 || t->head == 0)
        continue;
      int hu = r->w[t->head - 1].tok.upos;
      if (hu == DY_UPOS_VERB || hu == DY_UPOS_AUX || hu == DY_UPOS_ADJ || hu == DY_UPOS_ADV)
        t->deprel = DY_DEP_OBL;
    }
  }
  return DY_OK;
}
