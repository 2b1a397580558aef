/*
** verbs.c: the verb dictionary reader (CAMEO.2.0.txt and the validation
** suites' PETR.Validate.verbs files).
**
** A file holds synonym sets ("&NAME" then "+member" lines) and verb blocks:
**
**   --- NAME [code] ---                 block header with its default code
**   VERB {IRREGULAR FORMS} [code]       a verb; without {} the regular
**                                       forms (-S, -ED, -ING) are made
**   +BREAK_DOWN {+BROKE_DOWN ...}       multi-word verb, '+' marks the verb
**   - PRE * POST [code] # comment       a pattern; '*' is the verb
**
** Pattern elements: words (joined by '_' when they must be consecutive),
** &SYNSET, $ (source), + (target), ^ (skip a word), % (compound actor),
** {...} (words of one noun phrase), (...) (a prepositional phrase). Codes
** are [NNN], [NNN:MMM] (event from source to target, and MMM back), or
** [---] (no event). "~ ..." transformation lines of PETRARCH 2 are read and
** not used. A pattern naming an undefined synset is skipped, as PETRARCH
** does, and counted in the dictionary's warnings.
*/
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define MAXE 64 /* elements in one pattern */

static dy_status bad(dy_error *err, const char *name, int32_t line, const char *what,
                     const char *s, size_t n) {
  return dy_err(err, DY_EPARSE, name, line, "%s: \"%.*s\"", what,
                (int)(n > 80 ? 80 : n), s);
}

static size_t uncomment(const char *s, size_t n) {
  int depth = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '[') depth++;
    else if (s[i] == ']' && depth) depth--;
    else if (s[i] == '#' && !depth) return i;
  }
  return n;
}

/* Split "[a:b]" contents into code and code2; an empty a is "---". */
static int parse_code(dy_dict *d, const char *s, size_t n, const char **code,
                      const char **code2) {
  dy_trim(&s, &n);
  const char *colon = memchr(s, ':', n);
  *code2 = NULL;
  if (colon) {
    const char *c2 = colon + 1;
    size_t l2 = n - (size_t)(colon - s) - 1;
    dy_trim(&c2, &l2);
    *code2 = dy_arena_strndup(d->arena, c2, l2);
    n = (size_t)(colon - s);
    dy_trim(&s, &n);
    if (!l2) return -1;
    if (!n) s = "---", n = 3; /* [:173]: only the event back from the target */
  }
  if (!n) return -1;
  *code = dy_arena_strndup(d->arena, s, n);
  return (*code && (!colon || *code2)) ? 0 : -2;
}

static int find_synset(const dy_dict *d, const char *s, size_t n) {
  for (uint32_t i = 0; i < d->synsets.n; i++)
    if (dy_strieq_n(d->synsets.v[i].name, s, n)) return (int)i;
  return -1;
}

/* Append one member; a synset past DY_SYNSET_MAX members is a file error
** (only self-embedding synsets get there). */
static dy_status synset_push(dy_dict *d, synset *sy, uint32_t *ids, uint8_t len,
                             const char *name, int32_t line, dy_error *err) {
  (void)d;
  if (sy->nphr >= DY_SYNSET_MAX)
    return dy_err(err, DY_EPARSE, name, line, "synset %s has more than %d members", sy->name,
                  DY_SYNSET_MAX);
  if (sy->nphr == sy->cap) {
    int32_t nc = sy->cap ? sy->cap * 2 : 16;
    uint32_t **np = realloc(sy->phr, sizeof *np * (size_t)nc);
    if (!np) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
    sy->phr = np;
    uint8_t *nl = realloc(sy->phrlen, (size_t)nc);
    if (!nl) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
    sy->phrlen = nl;
    sy->cap = nc;
  }
  sy->phr[sy->nphr] = ids;
  sy->phrlen[sy->nphr] = len;
  sy->nphr++;
  return DY_OK;
}

/* Add one member phrase (and, unless told not to, its plural) to synset. */
static dy_status synset_add(dy_dict *d, synset *sy, const char *s, size_t n, int plural,
                            const char *name, int32_t line, dy_error *err) {
  for (int pass = 0; pass < 1 + plural; pass++) {
    char buf[512];
    const char *p = s;
    size_t pl = n;
    if (pass) {
      if (n + 8 > sizeof buf) break;
      dy_make_plural(s, n, buf, sizeof buf);
      p = buf;
      pl = strlen(buf);
    }
    uint32_t ids[32];
    int k = dy_dict_phrase_ids(d, p, pl, ids, 32);
    if (k == -2) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
    if (k <= 0) return bad(err, name, line, "bad synset member", s, n);
    uint32_t *cp = dy_arena_alloc(d->arena, sizeof *cp * (size_t)k);
    if (!cp) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
    memcpy(cp, ids, sizeof *cp * (size_t)k);
    dy_status st = synset_push(d, sy, cp, (uint8_t)k, name, line, err);
    if (st) return st;
  }
  return DY_OK;
}

static dy_status add_form(dy_dict *d, uint32_t block, const char *code, const char *code2,
                          const char *w, size_t n, const char *name, int32_t line,
                          dy_error *err) {
  /* w is one form: "BROKE", "+BROKE_DOWN", "WIRE_+TAPPED". */
  uint32_t ids[16];
  int verb_at = -1, k = 0;
  size_t i = 0;
  while (i < n) {
    while (i < n && w[i] == '_') i++;
    size_t j = i;
    while (j < n && w[j] != '_') j++;
    if (j > i) {
      const char *t = w + i;
      size_t tl = j - i;
      if (t[0] == '+') {
        if (verb_at >= 0) return bad(err, name, line, "two '+' in a multi-word verb", w, n);
        verb_at = k;
        t++, tl--;
      }
      if (k == 16) return bad(err, name, line, "verb phrase too long", w, n);
      int oom = 0;
      ids[k] = dy_wordtab_get(&d->words, d->arena, t, tl, 1, &oom);
      if (oom) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
      if (ids[k] == DY_NOWORD) return bad(err, name, line, "empty word in verb", w, n);
      k++;
    }
    i = j;
  }
  if (k == 0) return bad(err, name, line, "empty verb", w, n);
  if (verb_at < 0) verb_at = 0; /* "CLEAR_UP" without '+': the first word */
  verb_form *f = VEC_PUSH(d->forms);
  if (!f) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
  f->word = ids[verb_at];
  f->block = block;
  f->code = code;
  f->code2 = code2;
  f->line = line;
  f->nbefore = (uint8_t)verb_at;
  f->nafter = (uint8_t)(k - verb_at - 1);
  f->before = dy_arena_alloc(d->arena, sizeof(uint32_t) * (size_t)(f->nbefore + 1));
  f->after = dy_arena_alloc(d->arena, sizeof(uint32_t) * (size_t)(f->nafter + 1));
  if (!f->before || !f->after) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
  memcpy(f->before, ids, sizeof(uint32_t) * f->nbefore);
  memcpy(f->after, ids + verb_at + 1, sizeof(uint32_t) * f->nafter);
  f->next = DY_NONODE;
  return DY_OK;
}

/* The regular forms of w (which may be multi-word with a '+'). */
static dy_status add_regular_forms(dy_dict *d, uint32_t block, const char *code,
                                   const char *code2, const char *w, size_t n,
                                   const char *name, int32_t line, dy_error *err) {
  dy_status st = add_form(d, block, code, code2, w, n, name, line, err);
  if (st) return st;
  /* Locate the verb word: after '+', else the first word. */
  size_t vs = 0, ve;
  const char *plus = memchr(w, '+', n);
  if (plus) vs = (size_t)(plus - w) + 1;
  ve = vs;
  while (ve < n && w[ve] != '_') ve++;
  if (ve == vs) return DY_OK;
  static const char *const sfx_e[] = { "S", "D", "ING" };
  static const char *const sfx[] = { "S", "ED", "ING" };
  int ends_e = dy_upper((unsigned char)w[ve - 1]) == 'E';
  for (int k = 0; k < 3; k++) {
    char buf[256];
    const char *x = ends_e ? sfx_e[k] : sfx[k];
    size_t stem = ve;
    if (ends_e && k == 2) stem--; /* ARRIVE -> ARRIVING */
    if (n + 4 > sizeof buf) return bad(err, name, line, "verb too long", w, n);
    memcpy(buf, w, stem);
    size_t o = stem;
    memcpy(buf + o, x, strlen(x));
    o += strlen(x);
    memcpy(buf + o, w + ve, n - ve);
    o += n - ve;
    st = add_form(d, block, code, code2, buf, o, name, line, err);
    if (st) return st;
  }
  return DY_OK;
}

static dy_status read_verb_line(dy_dict *d, const char *s, size_t n, const char *name,
                                int32_t line, dy_error *err) {
  uint32_t block = d->blocks.n - 1;
  const char *code = NULL, *code2 = NULL;
  const char *br = memchr(s, '[', n);
  size_t body = n;
  if (br) {
    const char *cb = memchr(br, ']', n - (size_t)(br - s));
    if (!cb) return bad(err, name, line, "unterminated [code", s, n);
    int r = parse_code(d, br + 1, (size_t)(cb - br) - 1, &code, &code2);
    if (r == -2) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
    if (r < 0) return bad(err, name, line, "empty [code]", s, n);
    body = (size_t)(br - s);
  }
  const char *ob = memchr(s, '{', body);
  size_t wl = ob ? (size_t)(ob - s) : body;
  const char *w = s;
  dy_trim(&w, &wl);
  if (!wl) return bad(err, name, line, "verb line without a verb", s, n);
  /* PETRARCH-1 files write some multi-word verbs with a blank ("LASH OUT"):
  ** read as "LASH_OUT", the first word the verb. */
  char joined[256];
  if (wl >= sizeof joined) return bad(err, name, line, "verb too long", s, n);
  for (size_t i = 0; i < wl; i++) joined[i] = (w[i] == ' ' || w[i] == '\t') ? '_' : w[i];
  joined[wl] = 0;
  w = joined;
  if (!ob) return add_regular_forms(d, block, code, code2, w, wl, name, line, err);
  const char *cb = memchr(ob, '}', body - (size_t)(ob - s));
  if (!cb) return bad(err, name, line, "unterminated {", s, n);
  dy_status st = add_form(d, block, code, code2, w, wl, name, line, err);
  if (st) return st;
  size_t i = (size_t)(ob - s) + 1, e = (size_t)(cb - s);
  while (i < e) {
    while (i < e && (s[i] == ' ' || s[i] == '\t')) i++;
    size_t j = i;
    while (j < e && s[j] != ' ' && s[j] != '\t') j++;
    if (j > i) {
      st = add_form(d, block, code, code2, s + i, j - i, name, line, err);
      if (st) return st;
    }
    i = j;
  }
  return DY_OK;
}

/* Parse a pattern line into the current block. */
static dy_status read_pattern(dy_dict *d, const char *s, size_t n, const char *name,
                              int32_t line, dy_error *err, int *skipped) {
  pat_elem el[MAXE];
  int ne = 0, star = -1, np = 0, pp = 0;
  const char *code = NULL, *code2 = NULL;
  size_t i = 0;
  if (n && s[0] == '-') i = 1;
  while (i < n) {
    char ch = s[i];
    if (ch == ' ' || ch == '\t') { i++; continue; }
    if (code) return bad(err, name, line, "text after the pattern's [code]", s, n);
    if (ne >= MAXE - 1) return bad(err, name, line, "pattern too long", s, n);
    pat_elem *e = &el[ne];
    memset(e, 0, sizeof *e);
    if (ch == '[') {
      const char *cb = memchr(s + i, ']', n - i);
      if (!cb) return bad(err, name, line, "unterminated [code", s, n);
      int r = parse_code(d, s + i + 1, (size_t)(cb - s - i) - 1, &code, &code2);
      if (r == -2) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
      if (r < 0) return bad(err, name, line, "empty [code]", s, n);
      i = (size_t)(cb - s) + 1;
      continue;
    }
    if (ch == '{') { if (np) return bad(err, name, line, "nested {", s, n); np = 1; e->kind = PE_NP_OPEN; ne++; i++; continue; }
    /* A stray closer (CAMEO.2.0.txt line 2374 has "VISIT)" twice) is
    ** dropped with a warning: the words around it still count. */
    if ((ch == '}' && !np) || (ch == ')' && !pp)) {
      dy_dict_warn(d, name, line, "stray '%c' in a pattern ignored", ch);
      i++;
      continue;
    }
    if (ch == '}') { np = 0; e->kind = PE_NP_CLOSE; ne++; i++; continue; }
    if (ch == '(') { if (pp) return bad(err, name, line, "nested (", s, n); pp = 1; e->kind = PE_PP_OPEN; ne++; i++; continue; }
    if (ch == ')') { pp = 0; e->kind = PE_PP_CLOSE; ne++; i++; continue; }
    size_t j = i;
    if (ch == '*') j = i + 1; /* "*SCEPTICAL": the star stands alone */
    else while (j < n && !strchr(" \t{}()[*", s[j])) j++;
    const char *t = s + i;
    size_t tl = j - i;
    i = j;
    if (tl == 1 && strchr("*$+^%", t[0])) {
      if (t[0] == '*') {
        if (star >= 0) return bad(err, name, line, "two '*' in a pattern", s, n);
        if (np || pp) return bad(err, name, line, "'*' inside {} or ()", s, n);
        star = ne;
        continue;
      }
      e->kind = t[0] == '$' ? PE_SOURCE : t[0] == '+' ? PE_TARGET : t[0] == '^' ? PE_SKIP : PE_COMPOUND;
      ne++;
      continue;
    }
    if (t[0] == '&') {
      int sy = find_synset(d, t, tl);
      if (sy < 0) {
        dy_dict_warn(d, name, line, "pattern skipped: synset %.*s is not defined", (int)tl, t);
        (*skipped)++;
        return DY_OK;
      }
      e->kind = PE_SYNSET;
      e->synset = (uint16_t)sy;
      ne++;
      continue;
    }
    /* Words, '_' joining those that must be consecutive. */
    size_t a = 0;
    int first = 1;
    while (a < tl) {
      size_t b = a;
      while (b < tl && t[b] != '_') b++;
      if (b > a) {
        if (ne >= MAXE - 1) return bad(err, name, line, "pattern too long", s, n);
        pat_elem *w = &el[ne];
        memset(w, 0, sizeof *w);
        int oom = 0;
        w->kind = PE_WORD;
        w->joined = (uint8_t)!first;
        w->word = dy_wordtab_get(&d->words, d->arena, t + a, b - a, 1, &oom);
        char pl[256];
        if (b - a + 8 < sizeof pl) {
          dy_make_plural(t + a, b - a, pl, sizeof pl);
          w->plural = dy_wordtab_get(&d->words, d->arena, pl, strlen(pl), 1, &oom);
        }
        if (oom) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
        ne++;
        first = 0;
      }
      a = b + 1;
    }
  }
  if (np || pp) return bad(err, name, line, "unbalanced {} or ()", s, n);
  if (star < 0) return bad(err, name, line, "pattern without '*'", s, n);
  if (!code) return bad(err, name, line, "pattern without [code]", s, n);
  verb_block *b = &d->blocks.v[d->blocks.n - 1];
  pattern *nps = dy_arena_alloc(d->arena, sizeof *nps * (size_t)(b->npat + 1));
  pat_elem *copy = dy_arena_alloc(d->arena, sizeof *copy * (size_t)(ne ? ne : 1));
  const char *text = dy_arena_strndup(d->arena, s, n);
  if (!nps || !copy || !text) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
  if (b->npat) memcpy(nps, b->pats, sizeof *nps * (size_t)b->npat);
  memcpy(copy, el, sizeof *copy * (size_t)ne);
  pattern *p = &nps[b->npat];
  memset(p, 0, sizeof *p);
  p->pre = copy;
  p->npre = (uint16_t)star;
  p->post = copy + star;
  p->npost = (uint16_t)(ne - star);
  p->code = code;
  p->code2 = code2;
  p->text = text;
  p->line = line;
  for (int k = 0; k < ne; k++) {
    if (el[k].kind == PE_WORD || el[k].kind == PE_SYNSET) p->weight += 4;
    else if (el[k].kind != PE_NP_CLOSE && el[k].kind != PE_PP_CLOSE) p->weight += 1;
    if (el[k].kind == PE_WORD && p->nreq < 4) {
      p->req[p->nreq] = el[k].word;
      p->reqpl[p->nreq++] = el[k].plural;
    }
  }
  /* Words before the verb (see patterns.c): usable only when a {noun
  ** phrase} comes first among them. */
  for (int k = 0; k < star; k++) {
    if (el[k].kind == PE_NP_OPEN) break;
    if (el[k].kind == PE_WORD || el[k].kind == PE_SYNSET || el[k].kind == PE_PP_OPEN) {
      p->pre_words = 1;
      break;
    }
  }
  b->pats = nps;
  b->npat++;
  return DY_OK;
}

/* Index verb forms by word and synset members by word, once all is read. */
static dy_status build_indexes(dy_dict *d) {
  for (uint32_t i = 0; i < d->blocks.n; i++) {
    verb_block *b = &d->blocks.v[i];
    if (!b->npat) continue;
    if (b->npat > 65535) return DY_ENOMEM;
    b->by_weight = dy_arena_alloc(d->arena, sizeof *b->by_weight * (size_t)b->npat);
    if (!b->by_weight) return DY_ENOMEM;
    for (int k = 0; k < b->npat; k++) { /* insertion sort: stable, blocks are small */
      int j = k;
      while (j > 0 && b->pats[b->by_weight[j - 1]].weight < b->pats[k].weight)
        b->by_weight[j] = b->by_weight[j - 1], j--;
      b->by_weight[j] = (uint16_t)k;
    }
  }
  uint64_t *sm = calloc((size_t)d->words.n + 1, sizeof *sm);
  uint64_t *sf = calloc((size_t)d->words.n + 1, sizeof *sf);
  if (!sm || !sf) { free(sm); free(sf); return DY_ENOMEM; }
  free(d->syn_mask);
  free(d->syn_first);
  d->syn_mask = sm;
  d->syn_first = sf;
  d->syn_mask_cap = d->words.n + 1;
  for (uint32_t i = 0; i < d->synsets.n; i++) {
    synset *sy = &d->synsets.v[i];
    for (int k = 0; k < sy->nphr; k++) {
      if (sy->phrlen[k] > 1) {
        sy->has_multi = 1;
        if (i < 64) sf[sy->phr[k][0]] |= 1ULL << i;
      } else if (i < 64) {
        sm[sy->phr[k][0]] |= 1ULL << i;
      }
    }
  }
  uint32_t cap = d->words.n + 1;
  uint32_t *fh = realloc(d->form_head, sizeof *fh * cap);
  if (!fh) return DY_ENOMEM;
  d->form_head = fh;
  d->form_head_cap = cap;
  for (uint32_t i = 0; i < cap; i++) fh[i] = DY_NONODE;
  /* Insert in reverse so each chain keeps file order, multi-word forms
  ** (checked first by the coder) included. */
  for (uint32_t i = d->forms.n; i-- > 0;) {
    verb_form *f = &d->forms.v[i];
    f->next = fh[f->word];
    fh[f->word] = i;
  }
  return DY_OK;
}

dy_status dy_dict_read_verbs(dy_dict *d, const char *buf, size_t len, const char *name,
                             dy_error *err) {
  enum { M_NONE, M_SYNSET, M_BLOCK } mode = M_NONE;
  linecur c = { buf, buf + len, 0 };
  d->verb_file = dy_arena_strndup(d->arena, name, strlen(name));
  if (!d->verb_file) return dy_err(err, DY_ENOMEM, name, 0, "out of memory");
  const char *s;
  size_t n;
  int skipped = 0;
  synset *sy = NULL;
  int sy_plural = 1;
  while (dy_next_line(&c, &s, &n)) {
    n = uncomment(s, n);
    dy_trim(&s, &n);
    if (n >= 3 && memcmp(s + n - 3, "-->", 3) == 0 && (n < 4 || s[0] != '-')) {
      n -= 3; /* header lines "# ... -->" already cut at '#' */
      dy_trim(&s, &n);
    }
    if (!n) continue;
    if (n >= 4 && memcmp(s, "<!--", 4) == 0) continue;
    if (n >= 3 && memcmp(s, "---", 3) == 0) {
      const char *b = s + 3;
      size_t bl = n - 3;
      while (bl && b[bl - 1] == '-') bl--;
      dy_trim(&b, &bl);
      const char *code = "---", *code2 = NULL;
      const char *br = memchr(b, '[', bl);
      size_t nl = bl;
      if (br) {
        const char *cb = memchr(br, ']', bl - (size_t)(br - b));
        if (!cb) return bad(err, name, c.line, "unterminated [code in block header", s, n);
        int r = parse_code(d, br + 1, (size_t)(cb - br) - 1, &code, &code2);
        if (r == -2) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
        if (r < 0) return bad(err, name, c.line, "empty [code]", s, n);
        nl = (size_t)(br - b);
      }
      dy_trim(&b, &nl);
      verb_block *vb = VEC_PUSH(d->blocks);
      if (!vb) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
      vb->name = dy_arena_strndup(d->arena, b, nl);
      vb->code = code;
      vb->code2 = code2;
      vb->line = c.line;
      if (!vb->name) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
      mode = M_BLOCK;
      continue;
    }
    if (s[0] == '&') {
      size_t tl = 0;
      while (tl < n && s[tl] != ' ' && s[tl] != '\t') tl++;
      int at = find_synset(d, s, tl);
      if (at >= 0) {
        sy = &d->synsets.v[at]; /* a second definition adds members */
      } else {
        sy = VEC_PUSH(d->synsets);
        if (!sy) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
        sy->name = dy_arena_strndup(d->arena, s, tl);
        sy->line = c.line;
        if (!sy->name) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
      }
      sy_plural = s[tl - 1] != '_';
      mode = M_SYNSET;
      continue;
    }
    if (s[0] == '~') continue; /* PETRARCH 2 transformation: not used */
    if (mode == M_SYNSET && s[0] == '+') {
      const char *m = s + 1;
      size_t ml = n - 1;
      dy_trim(&m, &ml);
      if (ml && m[0] == '&') { /* an embedded synset: copy its members */
        int at = find_synset(d, m, ml);
        if (at < 0) {
          dy_dict_warn(d, name, c.line, "synset member %.*s is not defined", (int)ml, m);
          continue;
        }
        synset *src = &d->synsets.v[at];
        if (src == sy) {
          dy_dict_warn(d, name, c.line, "synset %s embeds itself; ignored", sy->name);
          continue;
        }
        for (int k = 0, n0 = src->nphr; k < n0; k++) {
          dy_status st = synset_push(d, sy, src->phr[k], src->phrlen[k], name, c.line, err);
          if (st) return st;
        }
        continue;
      }
      if (ml && m[0] == '(' && m[ml - 1] == ')') m++, ml -= 2; /* +(TO THE END) */
      int plural = sy_plural && ml && m[ml - 1] != '_';
      while (ml && m[ml - 1] == '_') ml--;
      dy_status st = synset_add(d, sy, m, ml, plural, name, c.line, err);
      if (st) return st;
      continue;
    }
    int is_pattern = s[0] == '-' || memchr(s, '*', n) != NULL;
    if (mode != M_BLOCK)
      return bad(err, name, c.line, is_pattern ? "pattern outside a verb block"
                                               : "unexpected line outside a verb block", s, n);
    dy_status st = is_pattern ? read_pattern(d, s, n, name, c.line, err, &skipped)
                              : read_verb_line(d, s, n, name, c.line, err);
    if (st) return st;
  }
  if (build_indexes(d)) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
  (void)skipped;
  return DY_OK;
}
