/*
** conllu.c: the CoNLL-U reader: lines from a stream or a buffer, comments,
** and sentence blocks separated by blank lines (format as in
** https://universaldependencies.org/format.html).
**
** Lines are read into a reader-owned buffer that never grows past 1 MiB: a
** longer line is consumed and dropped and reported, so a hostile input
** cannot make the reader allocate without bound. A word line is copied once
** into the caller's arena and split there in place; tokens point into that
** copy. After an error the rest of the block is skipped, so the next call
** starts with the next sentence.
**
** "# newdoc id" and "# date" are document state: they hold for the
** following sentences until changed (a new document clears the date).
*/
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define IBUF_SIZE ((size_t)1 << 16)

static dy_conllu_reader *reader_new(const char *name) {
  dy_conllu_reader *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  snprintf(r->name, sizeof r->name, "%s", name ? name : "");
  return r;
}

dy_conllu_reader *dy_conllu_open_stream(FILE *f, const char *name) {
  dy_conllu_reader *r = reader_new(name);
  if (!r) return NULL;
  r->f = f;
  r->ibuf = malloc(IBUF_SIZE);
  if (!r->ibuf) { free(r); return NULL; }
  return r;
}

dy_conllu_reader *dy_conllu_open_mem(const char *buf, size_t len, const char *name) {
  dy_conllu_reader *r = reader_new(name);
  if (!r) return NULL;
  r->mem = buf ? buf : "";
  r->mem_len = buf ? len : 0;
  return r;
}

static void reader_free_scratch(dy_conllu_reader *r) {
  free(r->ibuf);
  free(r->line);
  free(r->doc_id);
  free(r->w);
  free(r->m);
  free(r->mark);
}

void dy_conllu_close(dy_conllu_reader *r) {
  if (!r) return;
  reader_free_scratch(r);
  free(r);
}

long dy_conllu_line(const dy_conllu_reader *r) { return r->lineno; }

/* The next line of a stream, without its newline. Returns 1 with the line
** in *s, *len (*too_long set when it passed the limit), 0 at the end of the
** input, -1 when out of memory. */
static int stream_line(dy_conllu_reader *r, const char **s, size_t *len, int *too_long) {
  size_t n = 0;
  int got = 0;
  for (;;) {
    if (r->ibuf_pos == r->ibuf_end) {
      if (r->eof) break;
      r->ibuf_end = fread(r->ibuf, 1, IBUF_SIZE, r->f);
      r->ibuf_pos = 0;
      if (r->ibuf_end == 0) { r->eof = 1; break; }
    }
    got = 1;
    char *start = r->ibuf + r->ibuf_pos;
    size_t avail = r->ibuf_end - r->ibuf_pos;
    char *nl = memchr(start, '\n', avail);
    size_t take = nl ? (size_t)(nl - start) : avail;
    r->ibuf_pos += take + (nl != NULL);
    r->offset += (long)(take + (nl != NULL));
    if (nl && n == 0 && !*too_long) {       /* whole line in the buffer */
      *s = start;
      *len = take;
      *too_long = take > CONLLU_MAX_LINE;
      return 1;
    }
    if (!*too_long && n + take > CONLLU_MAX_LINE) *too_long = 1;
    if (!*too_long) {
      if (n + take + 1 > r->line_cap) {
        size_t cap = r->line_cap ? r->line_cap : 256;
        while (cap < n + take + 1) cap *= 2;
        char *nb = realloc(r->line, cap);
        if (!nb) return -1;
        r->line = nb;
        r->line_cap = cap;
      }
      memcpy(r->line + n, start, take);
      n += take;
    }
    if (nl) break;
  }
  if (!got) return 0;
  *s = r->line ? r->line : "";
  *len = n;
  return 1;
}

/* The next line from the stream or the buffer; see stream_line(). */
static int next_line(dy_conllu_reader *r, const char **s, size_t *len, int *too_long) {
  *too_long = 0;
  r->line_start = r->offset;
  int rc;
  if (r->f) {
    rc = stream_line(r, s, len, too_long);
  } else {
    if (r->mem_pos >= r->mem_len) return 0;
    const char *start = r->mem + r->mem_pos;
    size_t avail = r->mem_len - r->mem_pos;
    const char *nl = memchr(start, '\n', avail);
    size_t take = nl ? (size_t)(nl - start) : avail;
    r->mem_pos += take + (nl != NULL);
    r->offset += (long)(take + (nl != NULL));
    *s = start;
    *len = take;
    *too_long = take > CONLLU_MAX_LINE;
    rc = 1;
  }
  if (rc == 1) {
    r->lineno++;
    if (!*too_long && *len > 0 && (*s)[*len - 1] == '\r') (*len)--;
  }
  return rc;
}

static int is_blank(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t') return 0;
  return 1;
}

/* Blanks around a comment key or value; CR too, as the writer turns a CR
** inside a value into a blank. */
static int trim_char(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static void trim(const char **s, const char **e) {
  while (*s < *e && trim_char(**s)) (*s)++;
  while (*e > *s && trim_char((*e)[-1])) (*e)--;
}

static int digits(const char *s, int n) {
  for (int i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return 1;
}

/* "YYYYMMDD" or "YYYY-MM-DD" to YYYYMMDD; 0 when malformed. */
static int32_t parse_date(const char *s, size_t len) {
  char d[8];
  if (len == 8 && digits(s, 8)) {
    memcpy(d, s, 8);
  } else if (len == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4) &&
             digits(s + 5, 2) && digits(s + 8, 2)) {
    memcpy(d, s, 4);
    memcpy(d + 4, s + 5, 2);
    memcpy(d + 6, s + 8, 2);
  } else {
    return 0;
  }
  int32_t v = 0;
  for (int i = 0; i < 8; i++) v = v * 10 + (d[i] - '0');
  int month = v / 100 % 100, day = v % 100;
  if (month < 1 || month > 12 || day < 1 || day > 31) return 0;
  return v;
}

static int key_is(const char *k, const char *ke, const char *name) {
  size_t n = strlen(name);
  return (size_t)(ke - k) == n && memcmp(k, name, n) == 0;
}

/* A "# key = value" line. Unknown keys are ignored. */
static dy_status comment(dy_conllu_reader *r, cblock *b, dy_arena *a, const char *s,
                         size_t len, dy_error *err) {
  const char *end = s + len, *k = s + 1;
  const char *eq = memchr(k, '=', (size_t)(end - k));
  const char *ke = eq ? eq : end, *v = eq ? eq + 1 : end, *ve = end;
  trim(&k, &ke);
  trim(&v, &ve);
  size_t vlen = (size_t)(ve - v);
  if (key_is(k, ke, "newdoc id") || key_is(k, ke, "newdoc")) {
    char *id = malloc(vlen + 1);
    if (!id) return dy_err(err, DY_ENOMEM, r->name, r->lineno, "out of memory");
    memcpy(id, v, vlen);
    id[vlen] = 0;
    free(r->doc_id);
    r->doc_id = id;
    r->date = 0;
  } else if (key_is(k, ke, "sent_id") || key_is(k, ke, "text")) {
    char *copy = dy_arena_strndup(a, v, vlen);
    if (!copy) return dy_err(err, DY_ENOMEM, r->name, r->lineno, "out of memory");
    if (key_is(k, ke, "text")) b->text = copy;
    else b->sent_id = copy;
  } else if (key_is(k, ke, "date")) {
    int32_t d = parse_date(v, vlen);
    if (!d)
      return dy_err(err, DY_EPARSE, r->name, r->lineno,
                    "date '%.*s' is not YYYYMMDD or YYYY-MM-DD", (int)(vlen > 40 ? 40 : vlen), v);
    r->date = d;
  }
  return DY_OK;
}

/* Copy the block's words into a new sentence in a. */
static dy_sentence *build(dy_conllu_reader *r, const cblock *b, dy_arena *a) {
  dy_sentence *s = dy_arena_calloc(a, 1, sizeof *s);
  if (!s) return NULL;
  const char *doc = r->doc_id ? r->doc_id : "";
  s->doc_id = dy_arena_strndup(a, doc, strlen(doc));
  s->sent_id = b->sent_id ? b->sent_id : "";
  s->text = b->text ? b->text : "";
  s->date = r->date;
  s->n = b->n;
  s->tok = dy_arena_alloc(a, (size_t)b->n * sizeof *s->tok);
  s->n_mwt = b->n_mwt;
  s->mwt = dy_arena_alloc(a, (size_t)b->n_mwt * sizeof *s->mwt);
  s->n_empty = b->n_empty;
  s->line = b->first_line;
  if (!s->doc_id || !s->tok || !s->mwt) return NULL;
  for (int32_t i = 0; i < b->n; i++) s->tok[i] = r->w[i].tok;
  if (b->n_mwt) memcpy(s->mwt, r->m, (size_t)b->n_mwt * sizeof *s->mwt);
  return s;
}

/* Check one line's bytes: no NUL, valid UTF-8. */
static dy_status check_bytes(dy_conllu_reader *r, const char *s, size_t len, dy_error *err) {
  const char *nul = memchr(s, 0, len);
  long bad = nul ? (long)(nul - s) : dy_utf8_check(s, len);
  if (bad < 0) return DY_OK;
  dy_err(err, DY_EPARSE, r->name, r->lineno,
         nul ? "NUL byte at column %ld" : "invalid UTF-8 at column %ld", bad + 1);
  if (err) err->offset = r->one_sentence ? -1 : r->line_start + bad;
  return DY_EPARSE;
}

dy_status dy_conllu_next(dy_conllu_reader *r, dy_arena *a, dy_sentence **out,
                         dy_error *err) {
  *out = NULL;
  dy_error_clear(err);
  cblock b = {0};
  dy_status st = DY_OK;
  const char *s;
  size_t len;
  int too_long, rc;
  while ((rc = next_line(r, &s, &len, &too_long)) == 1) {
    if (!too_long && is_blank(s, len)) {
      if (r->one_sentence) continue;
      if (st != DY_OK || b.n || b.n_mwt || b.n_empty) break;
      b = (cblock){0};                  /* leading blank or comment-only block */
      continue;
    }
    if (st != DY_OK) continue;         /* skipping the rest of a bad block */
    if (too_long) {
      st = dy_err(err, DY_EPARSE, r->name, r->lineno,
                  "line longer than %zu bytes (1 MiB)", CONLLU_MAX_LINE);
      continue;
    }
    if ((st = check_bytes(r, s, len, err)) != DY_OK) continue;
    if (s[0] == '#') {
      st = comment(r, &b, a, s, len, err);
      continue;
    }
    char *copy = dy_arena_strndup(a, s, len);
    st = copy ? dy_conllu_word(r, &b, copy, len, r->lineno, err)
              : dy_err(err, DY_ENOMEM, r->name, r->lineno, "out of memory");
  }
  if (rc < 0) return dy_err(err, DY_ENOMEM, r->name, r->lineno, "out of memory");
  if (st != DY_OK) return st;
  if (b.n == 0) {
    if (b.n_mwt || b.n_empty)
      return dy_err(err, DY_EPARSE, r->name, r->lineno, "sentence has no words");
    return DY_OK;                      /* end of input */
  }
  if ((st = dy_conllu_tree(r, &b, err)) != DY_OK) return st;
  *out = build(r, &b, a);
  if (!*out) return dy_err(err, DY_ENOMEM, r->name, r->lineno, "out of memory");
  return DY_OK;
}

dy_status dy_conllu_parse(const char *text, size_t len, const char *name,
                          long first_line, dy_arena *a, dy_sentence **out,
                          dy_error *err) {
  dy_conllu_reader *r = dy_conllu_open_mem(text, len, name);
  *out = NULL;
  if (!r) return dy_err(err, DY_ENOMEM, name, first_line, "out of memory");
  r->one_sentence = 1;
  r->lineno = first_line > 0 ? first_line - 1 : 0;
  dy_status st = dy_conllu_next(r, a, out, err);
  if (st == DY_OK && !*out)
    st = dy_err(err, DY_EPARSE, name, first_line, "no CoNLL-U words in the parse");
  dy_conllu_close(r);
  return st;
}
