/*
** valxml.c: a tolerant reader for the PETRARCH validation-record files.
**
** These files are XML in spirit only (see the SOURCE.md of each suite): a
** "<! --" comment, a comment nested inside another, "<PLEvent {json}>"
** pseudo-tags without end tags. So this is not an XML parser but a scanner
** over the bytes that knows a dozen element names and steps over the rest:
**
**   comments   "<!--" or "<! --" up to the matching "-->"; an inner "<!--"
**              opens a nested level (the 2_02 header comment has one)
**   <Environment> children: Verbfile Actorfile Agentfile Discardfile
**              Issuefile PICOfile Include (outside <Environment> ignored,
**              as the stray <Include>AGENT</Include> after the 2.1 header)
**   <Config option value/>   kept for the next <Sentence>
**   <Sentence attrs> ... </Sentence> with <EventCoding attrs/> (self-closing
**              or with an end tag), <Text> and <Parse>
**   anything else "<...>" is skipped to its '>'.
**
** Entities (&amp; &lt; &gt; &quot; &apos; &#NN; &#xNN;) are decoded in
** attribute values, texts and parses; an unknown entity stays as written.
** Everything returned is copied into the caller's arena.
*/
#include <stdlib.h>
#include <string.h>
#include "dyad/valxml.h"
#include "../util/util.h"
#include "internal.h"

/* Element names this reader acts on. */
static const char *const env_names[] = {
  "Verbfile", "Actorfile", "Agentfile", "Discardfile", "Issuefile", "PICOfile", "Include"
};

static const char **env_slot(dy_valfile *vf, int i) {
  switch (i) {
  case 0: return &vf->verbfile;
  case 1: return &vf->actorfile;
  case 2: return &vf->agentfile;
  case 3: return &vf->discardfile;
  case 4: return &vf->issuefile;
  case 5: return &vf->picofile;
  default: return &vf->include;
  }
}

static int grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return 1;
  size_t n = *cap ? *cap * 2 : 16;
  while (n < need) n *= 2;
  void *q = realloc(*p, n * size);
  if (!q) return 0;
  *p = q;
  *cap = n;
  return 1;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int starts(const vx *x, size_t pos, const char *lit) {
  size_t n = strlen(lit);
  return pos + n <= x->len && memcmp(x->buf + pos, lit, n) == 0;
}

/* Line number of byte pos (1-based), counted incrementally from the last
** position asked about. */
static long line_at(vx *x, size_t pos) {
  if (pos > x->len) pos = x->len;
  if (pos < x->lpos) { x->lpos = 0; x->line = 1; }
  for (const char *p = x->buf + x->lpos, *e = x->buf + pos;
       (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
    x->line++;
  x->lpos = pos;
  return x->line;
}

/* A DY_EPARSE at byte pos with the message what (no formatting). */
static dy_status fail(vx *x, size_t pos, const char *what) {
  dy_err(x->err, DY_EPARSE, x->name, line_at(x, pos), "%s", what);
  if (x->err) x->err->offset = (long)pos;
  return DY_EPARSE;
}

/* Skip the comment whose opener ends at pos; returns the position after its
** "-->", or fails naming the line of the opener at start. */
static dy_status skip_comment(vx *x, size_t start, size_t pos, size_t *after) {
  int depth = 1;
  while (pos < x->len) {
    const char *p = memchr(x->buf + pos, '-', x->len - pos);
    const char *q = memchr(x->buf + pos, '<', x->len - pos);
    if (!p && !q) break;
    if (q && (!p || q < p)) {
      pos = (size_t)(q - x->buf);
      depth += starts(x, pos, "<!--");
      pos++;
      continue;
    }
    pos = (size_t)(p - x->buf);
    if (starts(x, pos, "-->") && --depth == 0) { *after = pos + 3; return DY_OK; }
    pos++;
  }
  return fail(x, start, "unterminated comment");
}

/* Read the tag at pos (x->buf[pos] == '<', a name follows) into *t. */
static dy_status read_tag(vx *x, size_t pos, vtag *t) {
  const char *b = x->buf;
  size_t p = pos + 1;
  memset(t, 0, sizeof *t);
  t->line = line_at(x, pos);
  if (p < x->len && b[p] == '/') { t->close = 1; p++; }
  t->name = b + p;
  while (p < x->len && !is_space(b[p]) && b[p] != '>' && b[p] != '/') p++;
  t->nlen = (size_t)(b + p - t->name);
  for (;;) {
    while (p < x->len && is_space(b[p])) p++;
    if (p >= x->len) return fail(x, pos, "unterminated tag");
    if (b[p] == '>') break;
    if (b[p] == '/') {
      if (p + 1 < x->len && b[p + 1] == '>') { t->selfclose = 1; p++; break; }
      p++;
      continue;
    }
    size_t ns = p;
    while (p < x->len && !is_space(b[p]) && b[p] != '=' && b[p] != '>' && b[p] != '/') p++;
    if (p == ns) { p++; continue; }            /* a stray '=' or similar */
    vattr at = { b + ns, p - ns, "", 0 };
    while (p < x->len && is_space(b[p])) p++;
    if (p < x->len && b[p] == '=') {
      p++;
      while (p < x->len && is_space(b[p])) p++;
      if (p < x->len && (b[p] == '"' || b[p] == '\'')) {
        const char *end = memchr(b + p + 1, b[p], x->len - p - 1);
        if (!end) return fail(x, pos, "unterminated attribute value");
        at.val = b + p + 1;
        at.vlen = (size_t)(end - at.val);
        p = (size_t)(end - b) + 1;
      } else {
        at.val = b + p;
        while (p < x->len && !is_space(b[p]) && b[p] != '>') p++;
        at.vlen = (size_t)(b + p - at.val);
      }
    }
    if (t->n_at < VX_MAX_ATTR) t->at[t->n_at++] = at;
  }
  t->end = p + 1;
  return DY_OK;
}

static int name_is(const vtag *t, const char *name) {
  return strlen(name) == t->nlen && memcmp(t->name, name, t->nlen) == 0;
}

/* Value of attribute name decoded into the arena, or NULL when absent. */
static const char *attr(vx *x, const vtag *t, const char *name) {
  for (int i = 0; i < t->n_at; i++) {
    const vattr *a = &t->at[i];
    if (strlen(name) == a->nlen && memcmp(a->name, name, a->nlen) == 0) {
      const char *v = dy_valxml_decode(x->a, a->val, a->vlen, 0);
      if (!v) x->oom = 1;
      return v;
    }
  }
  return NULL;
}

static const char *attr_or(vx *x, const vtag *t, const char *name, const char *dflt) {
  const char *v = attr(x, t, name);
  return v ? v : dflt;
}

/* Content of <t> up to its end tag "</name": start and length; *after is
** past the end tag's '>'. A content that meets another end tag first, or
** the end of the file, is unterminated. */
static dy_status content(vx *x, const vtag *t, size_t *start, size_t *len, size_t *after) {
  *start = t->end;
  *len = 0;
  *after = t->end;
  if (t->selfclose) return DY_OK;
  size_t p = t->end;
  const char *e = NULL;
  while (p < x->len && (e = memchr(x->buf + p, '<', x->len - p)) != NULL) {
    p = (size_t)(e - x->buf);
    if (starts(x, p, "</")) break;
    p++;
    e = NULL;
  }
  size_t at = e ? (size_t)(e - x->buf) : x->len;
  if (!e || at + 2 + t->nlen > x->len || memcmp(x->buf + at + 2, t->name, t->nlen) != 0) {
    dy_err(x->err, DY_EPARSE, x->name, t->line, "unterminated <%.*s>", (int)t->nlen, t->name);
    return DY_EPARSE;
  }
  *len = at - t->end;
  const char *gt = memchr(x->buf + at, '>', x->len - at);
  *after = gt ? (size_t)(gt - x->buf) + 1 : x->len;
  return DY_OK;
}

static dy_status open_sentence(vx *x, const vtag *t) {
  if (x->in_rec)
    return dy_err(x->err, DY_EPARSE, x->name, t->line,
                  "<Sentence> inside the record opened at line %ld", x->cur.line);
  dy_valrec *r = &x->cur;
  memset(r, 0, sizeof *r);
  r->line = t->line;
  r->id = attr(x, t, "id");
  if (!x->oom && (!r->id || !*r->id)) return fail(x, x->tag_pos, "<Sentence> without an id");
  r->category = attr_or(x, t, "category", "");
  const char *d = attr(x, t, "date");
  if (d) {
    int ok = strlen(d) == 8;
    for (int i = 0; ok && i < 8; i++) ok = d[i] >= '0' && d[i] <= '9';
    if (!ok)
      return dy_err(x->err, DY_EPARSE, x->name, t->line,
                    "date \"%.40s\" is not 8 digits (YYYYMMDD)", d);
    r->date = (int32_t)strtol(d, NULL, 10);
  }
  const char *ev = attr(x, t, "evaluate"), *se = attr(x, t, "sentence");
  r->evaluate = !(ev && dy_strieq_n("false", ev, strlen(ev)));
  r->is_sentence = !(se && dy_strieq_n("false", se, strlen(se)));
  r->text = "";
  r->parse = "";
  r->n_config = (int)x->n_cfg;
  r->config = dy_arena_alloc(x->a, x->n_cfg * sizeof *r->config);
  if (!r->config) x->oom = 1;
  else if (x->n_cfg) memcpy(r->config, x->cfg, x->n_cfg * sizeof *r->config);
  x->n_cfg = 0;
  x->n_cod = 0;
  x->in_rec = 1;
  return DY_OK;
}

static void close_sentence(vx *x) {
  dy_valrec *r = &x->cur;
  r->n_codings = (int)x->n_cod;
  r->codings = dy_arena_alloc(x->a, x->n_cod * sizeof *r->codings);
  if (!r->codings || !grow((void **)&x->rec, &x->cap_rec, x->n_rec + 1, sizeof *x->rec)) {
    x->oom = 1;
    return;
  }
  if (x->n_cod) memcpy(r->codings, x->cod, x->n_cod * sizeof *r->codings);
  x->rec[x->n_rec++] = *r;
  x->in_rec = 0;
}

static void event_coding(vx *x, const vtag *t) {
  if (!grow((void **)&x->cod, &x->cap_cod, x->n_cod + 1, sizeof *x->cod)) {
    x->oom = 1;
    return;
  }
  dy_valcoding *c = &x->cod[x->n_cod++];
  c->eventcode = attr_or(x, t, "eventcode", "");
  c->sourcecode = attr_or(x, t, "sourcecode", "");
  c->targetcode = attr_or(x, t, "targetcode", "");
  c->error = attr(x, t, "error");
  const char *ne = attr(x, t, "noevents");
  c->noevents = ne && dy_strieq_n("true", ne, strlen(ne));
}

static void config(vx *x, const vtag *t) {
  if (!grow((void **)&x->cfg, &x->cap_cfg, x->n_cfg + 1, sizeof *x->cfg)) {
    x->oom = 1;
    return;
  }
  dy_valconfig *c = &x->cfg[x->n_cfg++];
  c->option = attr_or(x, t, "option", "");
  c->value = attr_or(x, t, "value", "");
  c->line = t->line;
}

/* An element with text content: <Text>, <Parse> or an <Environment> child. */
static dy_status text_element(vx *x, const vtag *t, int env, size_t *after) {
  size_t start, len;
  dy_status st = content(x, t, &start, &len, after);
  if (st != DY_OK) return st;
  if (name_is(t, "Parse")) {
    size_t p = start;                  /* "<Parse> \n": content starts below */
    while (p < start + len && (x->buf[p] == ' ' || x->buf[p] == '\t' || x->buf[p] == '\r')) p++;
    if (p < start + len && x->buf[p] == '\n') { len -= p + 1 - start; start = p + 1; }
    if (!x->in_rec) return DY_OK;
    x->cur.parse = dy_valxml_decode(x->a, x->buf + start, len, 0);
    x->cur.parse_line = line_at(x, start);
    if (!x->cur.parse) x->oom = 1;
    return DY_OK;
  }
  const char *v = NULL;
  if (env >= 0 || x->in_rec) {
    v = dy_valxml_decode(x->a, x->buf + start, len, 1);
    if (!v) { x->oom = 1; return DY_OK; }
  }
  if (env >= 0) *env_slot(x->vf, env) = v;
  else if (x->in_rec) x->cur.text = v;
  return DY_OK;
}

/* Act on the tag at x->tag_pos; *after is where scanning resumes. */
static dy_status element(vx *x, size_t *after) {
  vtag t;
  dy_status st = read_tag(x, x->tag_pos, &t);
  if (st != DY_OK) return st;
  *after = t.end;
  if (t.close) {
    if (name_is(&t, "Sentence") && x->in_rec) close_sentence(x);
    else if (name_is(&t, "Environment")) x->in_env = 0;
    return DY_OK;
  }
  if (name_is(&t, "Sentence")) {
    if ((st = open_sentence(x, &t)) != DY_OK) return st;
    if (t.selfclose) close_sentence(x);
  } else if (name_is(&t, "EventCoding")) {
    if (x->in_rec) event_coding(x, &t);
  } else if (name_is(&t, "Config")) {
    config(x, &t);
  } else if (name_is(&t, "Text") || name_is(&t, "Parse")) {
    return text_element(x, &t, -1, after);
  } else if (name_is(&t, "Environment")) {
    x->in_env = !t.selfclose;
  } else if (x->in_env) {
    for (int i = 0; i < (int)DY_ARRAY_LEN(env_names); i++)
      if (name_is(&t, env_names[i])) return text_element(x, &t, i, after);
  }
  return DY_OK;
}

static dy_status scan(vx *x) {
  size_t pos = 0;
  dy_status st;
  const char *lt;
  while (!x->oom && pos < x->len && (lt = memchr(x->buf + pos, '<', x->len - pos)) != NULL) {
    pos = (size_t)(lt - x->buf);
    size_t after = pos + 1;
    if (starts(x, pos, "<!--") || starts(x, pos, "<! --")) {
      st = skip_comment(x, pos, pos + (x->buf[pos + 2] == '-' ? 4 : 5), &after);
    } else if (starts(x, pos, "<!") || starts(x, pos, "<?")) {
      const char *gt = memchr(x->buf + pos, '>', x->len - pos);
      after = gt ? (size_t)(gt - x->buf) + 1 : x->len;
      st = DY_OK;
    } else if (pos + 1 < x->len && !is_space(x->buf[pos + 1]) && x->buf[pos + 1] != '<') {
      x->tag_pos = pos;
      st = element(x, &after);
    } else {
      st = DY_OK;                      /* a lone '<' in text */
    }
    if (st != DY_OK) return st;
    pos = after;
  }
  if (x->oom) return dy_err(x->err, DY_ENOMEM, x->name, 0, "out of memory");
  if (x->in_rec)
    return dy_err(x->err, DY_EPARSE, x->name, x->cur.line, "unterminated <Sentence>");
  return DY_OK;
}

dy_status dy_valxml_parse(const char *buf, size_t len, const char *name,
                          dy_arena *a, dy_valfile **out, dy_error *err) {
  *out = NULL;
  dy_error_clear(err);
  vx x = {0};
  x.buf = buf ? buf : "";
  x.len = buf ? len : 0;
  x.name = name ? name : "";
  x.a = a;
  x.err = err;
  x.line = 1;
  const char *nul = memchr(x.buf, 0, x.len);
  long bad = nul ? (long)(nul - x.buf) : dy_utf8_check(x.buf, x.len);
  if (bad >= 0)
    return fail(&x, (size_t)bad, nul ? "NUL byte in the file" : "invalid UTF-8");
  x.vf = dy_arena_calloc(a, 1, sizeof *x.vf);
  dy_status st = x.vf ? scan(&x) : dy_err(err, DY_ENOMEM, x.name, 0, "out of memory");
  if (st == DY_OK) {
    x.vf->n = (int)x.n_rec;
    x.vf->rec = dy_arena_alloc(a, x.n_rec * sizeof *x.vf->rec);
    if (!x.vf->rec) st = dy_err(err, DY_ENOMEM, x.name, 0, "out of memory");
    else if (x.n_rec) memcpy(x.vf->rec, x.rec, x.n_rec * sizeof *x.vf->rec);
  }
  free(x.rec);
  free(x.cod);
  free(x.cfg);
  if (st == DY_OK) *out = x.vf;
  return st;
}

dy_status dy_valxml_read(const char *path, dy_arena *a, dy_valfile **out, dy_error *err) {
  char *buf;
  size_t len;
  *out = NULL;
  dy_status st = dy_read_file(path, &buf, &len, err);
  if (st != DY_OK) return st;
  st = dy_valxml_parse(buf, len, path, a, out, err);
  free(buf);
  return st;
}
