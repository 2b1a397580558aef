/*
** actors.c: readers for the noun dictionaries: actors (Phoenix.*.actors.txt),
** agents (Phoenix.agents.txt), discards and issues.
**
** Actor file: an entry line "NAME_ [CODE]" or "NAME_" followed by "+SYNONYM"
** lines and TAB-indented "[CODE yymmdd-yymmdd]" role lines ("[C >d]",
** "[C <d]" too). Words are joined by '_' or blanks; the trailing '_' of
** TABARI days marks a word end and means nothing more to a word matcher.
** Agent file: "!MACRO! = A, B" substitutions, then "PHRASE {PLURALS} [~CODE]"
** ("[CODE~]" for a prefix agent); without {} the regular plural of the last
** word is added. Both kinds of file may hold "<!-- -->" comments (the
** validation suites' files do) and '#' comments.
*/
#include <limits.h>
#include <string.h>
#include "internal.h"

#define MAXW 48 /* words in one phrase */

/* Skip "<!-- ... -->" comments spanning lines; returns 1 when the line is
** (part of) such a comment. *in tracks whether we are inside one. */
static int html_comment(const char *s, size_t n, int *in) {
  const char *t = s;
  size_t tl = n;
  dy_trim(&t, &tl);
  if (*in) {
    for (size_t i = 0; i + 3 <= tl; i++)
      if (memcmp(t + i, "-->", 3) == 0) { *in = 0; break; }
    return 1;
  }
  if (tl >= 4 && memcmp(t, "<!--", 4) == 0) {
    int closed = 0;
    for (size_t i = 4; i + 3 <= tl; i++)
      if (memcmp(t + i, "-->", 3) == 0) { closed = 1; break; }
    if (!closed) *in = 1;
    return 1;
  }
  return 0;
}

/* Length of s up to a '#' that is outside [...] and {...}. */
static size_t uncomment(const char *s, size_t n) {
  int depth = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '[' || s[i] == '{') depth++;
    else if ((s[i] == ']' || s[i] == '}') && depth) depth--;
    else if (s[i] == '#' && !depth) return i;
  }
  return n;
}

static dy_status bad(dy_error *err, const char *name, int32_t line, const char *what,
                     const char *s, size_t n) {
  return dy_err(err, DY_EPARSE, name, line, "%s: \"%.*s\"", what,
                (int)(n > 80 ? 80 : n), s);
}

/* ---- actors ------------------------------------------------------------ */

static dy_status add_actor_phrase(dy_dict *d, const char *s, size_t n,
                                  uint32_t actor, const char *name, int32_t line,
                                  dy_error *err) {
  uint32_t ids[MAXW];
  int k = dy_dict_phrase_ids(d, s, n, ids, MAXW);
  if (k == -2) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
  if (k < 0) return bad(err, name, line, "phrase has too many words", s, n);
  if (k == 0) return bad(err, name, line, "empty actor phrase", s, n);
  if (dy_dict_add_phrase(d, ids, k, PH_ACTOR, actor))
    return dy_err(err, DY_ENOMEM, name, line, "out of memory");
  return DY_OK;
}

/* Parse every "[...]" group in s[0..n) as a role of actor a. */
static dy_status add_roles(dy_dict *d, actor_ent *a, const char *s, size_t n,
                           const char *name, int32_t line, dy_error *err) {
  size_t i = 0;
  while (i < n) {
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) i++;
    if (i == n) break;
    if (s[i] != '[') {
      /* Text after the roles ("[MNCMED]<TAB>Newspapers/Magazines" in
      ** Phoenix.International.actors.txt) is a comment without its '#'. */
      if (i > 0) break;
      return bad(err, name, line, "expected [CODE] on a role line", s, n);
    }
    const char *close = memchr(s + i, ']', n - i);
    if (!close) return bad(err, name, line, "unterminated [CODE", s, n);
    actor_code c;
    int r = dy_parse_actor_code(d, s + i + 1, (size_t)(close - s - i - 1), &c);
    if (r == -2) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
    if (r == -1) {
      /* A handful of roles in the Phoenix files carry 7-, 9- or 10-digit
      ** dates; PETRARCH could not read them either. The role is kept
      ** without the unreadable bound rather than dropped. */
      c.from = 0;
      c.to = INT32_MAX;
    }
    if (!c.code[0]) return bad(err, name, line, "empty actor code", s, n);
    actor_code *nc = dy_arena_alloc(d->arena, sizeof *nc * (size_t)(a->ncodes + 1));
    if (!nc) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
    if (a->ncodes) memcpy(nc, a->codes, sizeof *nc * (size_t)a->ncodes);
    nc[a->ncodes++] = c;
    a->codes = nc;
    i = (size_t)(close - s) + 1;
  }
  return DY_OK;
}

dy_status dy_dict_read_actors(dy_dict *d, const char *buf, size_t len,
                              const char *name, dy_error *err) {
  linecur c = { buf, buf + len, 0 };
  const char *s;
  size_t n;
  int in_comment = 0;
  int64_t cur = -1; /* current actor entry */
  const char *fname = dy_arena_strndup(d->arena, name, strlen(name));
  if (!fname) return dy_err(err, DY_ENOMEM, name, 0, "out of memory");
  while (dy_next_line(&c, &s, &n)) {
    if (html_comment(s, n, &in_comment)) continue;
    int indented = n && (s[0] == '\t' || s[0] == ' ');
    n = uncomment(s, n);
    dy_trim(&s, &n);
    if (!n) continue;
    if (s[0] == '[') {
      if (cur < 0) return bad(err, name, c.line, "role line before any actor", s, n);
      dy_status st = add_roles(d, &d->actors.v[cur], s, n, name, c.line, err);
      if (st) return st;
      continue;
    }
    (void)indented;
    const char *br = memchr(s, '[', n);
    size_t pl = br ? (size_t)(br - s) : n;
    const char *ph = s;
    dy_trim(&ph, &pl);
    if (ph[0] == '+') {
      if (cur < 0) return bad(err, name, c.line, "synonym before any actor", s, n);
      ph++, pl--;
      dy_status st = add_actor_phrase(d, ph, pl, (uint32_t)cur, name, c.line, err);
      if (st) return st;
      if (br) { /* a synonym with its own roles adds them to the entry */
        st = add_roles(d, &d->actors.v[cur], br, n - (size_t)(br - s), name, c.line, err);
        if (st) return st;
      }
      continue;
    }
    actor_ent *a = VEC_PUSH(d->actors);
    if (!a) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
    cur = d->actors.n - 1;
    a->root = dy_arena_strndup(d->arena, ph, pl);
    a->file = fname;
    a->line = c.line;
    if (!a->root) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
    dy_status st = add_actor_phrase(d, ph, pl, (uint32_t)cur, name, c.line, err);
    if (st) return st;
    if (br) {
      st = add_roles(d, a, br, n - (size_t)(br - s), name, c.line, err);
      if (st) return st;
    }
  }
  if (in_comment) return dy_err(err, DY_EPARSE, name, c.line, "unterminated <!-- comment");
  return DY_OK;
}

/* ---- agents ------------------------------------------------------------ */

typedef struct macro {
  char name[32];        /* "!PERSON!" */
  char vals[16][48];    /* substitutions */
  int n;
} macro;

/* Regular English plural of the last word of phrase p into out. */
void dy_make_plural(const char *p, size_t n, char *out, size_t cap) {
  if (n + 4 > cap) n = cap - 4;
  memcpy(out, p, n);
  out[n] = 0;
  char last = n ? (char)dy_upper((unsigned char)p[n - 1]) : 0;
  char prev = n > 1 ? (char)dy_upper((unsigned char)p[n - 2]) : 0;
  if (n >= 3 && dy_upper((unsigned char)p[n - 3]) == 'M' &&
      dy_upper((unsigned char)p[n - 2]) == 'A' && dy_upper((unsigned char)p[n - 1]) == 'N') {
    out[n - 2] = 'E'; /* -MAN -> -MEN */
  } else if (last == 'Y' && !strchr("AEIOU", prev)) {
    strcpy(out + n - 1, "IES");
  } else if (last == 'S' || last == 'X' || last == 'Z' ||
             ((last == 'H') && (prev == 'C' || prev == 'S'))) {
    strcpy(out + n, "ES");
  } else {
    strcpy(out + n, "S");
  }
}

static dy_status add_agent(dy_dict *d, const char *ph, size_t pl, const char *code,
                           int prefix, const char *fname, int32_t line, dy_error *err) {
  uint32_t ids[MAXW];
  int k = dy_dict_phrase_ids(d, ph, pl, ids, MAXW);
  if (k == -2) return dy_err(err, DY_ENOMEM, fname, line, "out of memory");
  if (k <= 0) return bad(err, fname, line, "bad agent phrase", ph, pl);
  agent_ent *a = VEC_PUSH(d->agents);
  if (!a) return dy_err(err, DY_ENOMEM, fname, line, "out of memory");
  a->code = code;
  a->prefix = (uint8_t)prefix;
  a->file = fname;
  a->line = line;
  a->phrase = dy_arena_strndup(d->arena, ph, pl);
  if (!a->phrase) return dy_err(err, DY_ENOMEM, fname, line, "out of memory");
  if (dy_dict_add_phrase(d, ids, k, PH_AGENT, d->agents.n - 1))
    return dy_err(err, DY_ENOMEM, fname, line, "out of memory");
  return DY_OK;
}

/* Add phrase and its plural forms (explicit list, or generated). */
static dy_status add_agent_forms(dy_dict *d, const char *ph, size_t pl,
                                 const char *plurals, size_t npl, int has_braces,
                                 const char *code, int prefix, const char *fname,
                                 int32_t line, dy_error *err) {
  dy_status st = add_agent(d, ph, pl, code, prefix, fname, line, err);
  if (st) return st;
  if (has_braces) {
    size_t i = 0;
    while (i < npl) {
      while (i < npl && (plurals[i] == ' ' || plurals[i] == '\t')) i++;
      size_t j = i;
      while (j < npl && plurals[j] != ' ' && plurals[j] != '\t') j++;
      if (j > i) {
        st = add_agent(d, plurals + i, j - i, code, prefix, fname, line, err);
        if (st) return st;
      }
      i = j;
    }
    return DY_OK;
  }
  char buf[512];
  if (pl + 8 > sizeof buf) return bad(err, fname, line, "agent phrase too long", ph, pl);
  size_t t = pl;
  while (t && ph[t - 1] == '_') t--;
  dy_make_plural(ph, t, buf, sizeof buf);
  return add_agent(d, buf, strlen(buf), code, prefix, fname, line, err);
}

/* Expand the first !MACRO! in ph and recurse; then add the phrase. */
static dy_status expand_agent(dy_dict *d, macro *m, int nm, const char *ph, size_t pl,
                              const char *plurals, size_t npl, int has_braces,
                              const char *code, int prefix, const char *fname,
                              int32_t line, dy_error *err, int depth) {
  const char *b = memchr(ph, '!', pl);
  if (b && depth < 4) {
    const char *e = memchr(b + 1, '!', pl - (size_t)(b - ph) - 1);
    if (!e) return bad(err, fname, line, "unterminated !MACRO!", ph, pl);
    size_t ml = (size_t)(e - b) + 1;
    for (int i = 0; i < nm; i++) {
      if (strlen(m[i].name) != ml || memcmp(m[i].name, b, ml) != 0) continue;
      for (int v = 0; v < m[i].n; v++) {
        char buf[512];
        size_t vl = strlen(m[i].vals[v]);
        size_t pre = (size_t)(b - ph), post = pl - pre - ml;
        if (pre + vl + post >= sizeof buf) return bad(err, fname, line, "phrase too long", ph, pl);
        memcpy(buf, ph, pre);
        memcpy(buf + pre, m[i].vals[v], vl);
        memcpy(buf + pre + vl, e + 1, post);
        dy_status st = expand_agent(d, m, nm, buf, pre + vl + post, plurals, npl,
                                    has_braces, code, prefix, fname, line, err, depth + 1);
        if (st) return st;
      }
      return DY_OK;
    }
    return bad(err, fname, line, "undefined substitution macro", b, ml);
  }
  /* Macro values already list their plurals (MAN, MEN): add as is. */
  if (depth > 0) return add_agent(d, ph, pl, code, prefix, fname, line, err);
  return add_agent_forms(d, ph, pl, plurals, npl, has_braces, code, prefix, fname, line, err);
}

dy_status dy_dict_read_agents(dy_dict *d, const char *buf, size_t len,
                              const char *name, dy_error *err) {
  linecur c = { buf, buf + len, 0 };
  const char *s;
  size_t n;
  int in_comment = 0, nm = 0;
  macro m[16];
  const char *fname = dy_arena_strndup(d->arena, name, strlen(name));
  if (!fname) return dy_err(err, DY_ENOMEM, name, 0, "out of memory");
  while (dy_next_line(&c, &s, &n)) {
    if (html_comment(s, n, &in_comment)) continue;
    n = uncomment(s, n);
    dy_trim(&s, &n);
    if (!n) continue;
    if (s[0] == '!' && memchr(s, '=', n)) { /* !NAME! = A, B, C */
      const char *eq = memchr(s, '=', n);
      const char *e = memchr(s + 1, '!', n - 1);
      if (!eq || !e || e > eq || nm == 16 || (size_t)(e - s) + 1 >= sizeof m[0].name)
        return bad(err, name, c.line, "bad substitution macro", s, n);
      macro *mm = &m[nm++];
      memcpy(mm->name, s, (size_t)(e - s) + 1);
      mm->name[(e - s) + 1] = 0;
      mm->n = 0;
      const char *v = eq + 1, *end = s + n;
      while (v < end && mm->n < 16) {
        const char *comma = memchr(v, ',', (size_t)(end - v));
        const char *ve = comma ? comma : end;
        const char *w = v;
        size_t wl = (size_t)(ve - v);
        dy_trim(&w, &wl);
        if (wl && wl < sizeof mm->vals[0]) {
          memcpy(mm->vals[mm->n], w, wl);
          mm->vals[mm->n++][wl] = 0;
        }
        v = comma ? comma + 1 : end;
      }
      continue;
    }
    const char *br = memchr(s, '[', n);
    if (!br) { /* Phoenix.agents.txt line 1927: "ISLAMIC_EXTREMIST" alone */
      dy_dict_warn(d, name, c.line, "agent without a [CODE] ignored: \"%.*s\"", (int)(n > 60 ? 60 : n), s);
      continue;
    }
    const char *close = memchr(br, ']', n - (size_t)(br - s));
    /* Phoenix.agents.txt line 544 closes a code with '}': "[~ENV}". */
    if (!close) {
      close = memchr(br, '}', n - (size_t)(br - s));
      if (close) dy_dict_warn(d, name, c.line, "agent code closed by '}'");
    }
    if (!close) return bad(err, name, c.line, "unterminated [CODE", s, n);
    const char *code = br + 1;
    size_t cl = (size_t)(close - br) - 1;
    dy_trim(&code, &cl);
    int prefix = 0;
    if (cl && code[0] == '~') code++, cl--;
    else if (cl && code[cl - 1] == '~') prefix = 1, cl--;
    else return bad(err, name, c.line, "agent code must start or end with ~", s, n);
    const char *cs = dy_arena_strndup(d->arena, code, cl);
    if (!cs) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
    size_t pl = (size_t)(br - s);
    const char *plurals = NULL;
    size_t npl = 0;
    int braces = 0;
    const char *ob = memchr(s, '{', pl);
    if (ob) {
      const char *cb = memchr(ob, '}', pl - (size_t)(ob - s));
      if (!cb) return bad(err, name, c.line, "unterminated {", s, n);
      braces = 1;
      plurals = ob + 1;
      npl = (size_t)(cb - ob) - 1;
      pl = (size_t)(ob - s);
    }
    const char *ph = s;
    dy_trim(&ph, &pl);
    if (!pl) return bad(err, name, c.line, "agent without a phrase", s, n);
    dy_status st = expand_agent(d, m, nm, ph, pl, plurals, npl, braces, cs, prefix,
                                fname, c.line, err, 0);
    if (st) return st;
  }
  if (in_comment) return dy_err(err, DY_EPARSE, name, c.line, "unterminated <!-- comment");
  return DY_OK;
}

/* ---- discards ---------------------------------------------------------- */

dy_status dy_dict_read_discards(dy_dict *d, const char *buf, size_t len,
                                const char *name, dy_error *err) {
  linecur c = { buf, buf + len, 0 };
  const char *s;
  size_t n;
  int in_comment = 0;
  const char *fname = dy_arena_strndup(d->arena, name, strlen(name));
  if (!fname) return dy_err(err, DY_ENOMEM, name, 0, "out of memory");
  while (dy_next_line(&c, &s, &n)) {
    if (html_comment(s, n, &in_comment)) continue;
    n = uncomment(s, n);
    /* PETRARCH-1 discard files use ';' for trailing comments too. */
    const char *semi = memchr(s, ';', n);
    if (semi) n = (size_t)(semi - s);
    dy_trim(&s, &n);
    if (!n) continue;
    int story = 0;
    if (s[0] == '+') story = 1, s++, n--;
    dy_trim(&s, &n);
    uint32_t ids[MAXW];
    int k = dy_dict_phrase_ids(d, s, n, ids, MAXW);
    if (k == -2) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
    if (k <= 0) return bad(err, name, c.line, "bad discard phrase", s, n);
    discard_ent *e = VEC_PUSH(d->discards);
    if (!e) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
    e->phrase = dy_arena_strndup(d->arena, s, n);
    e->file = fname;
    e->line = c.line;
    e->story = (uint8_t)story;
    if (!e->phrase || dy_dict_add_phrase(d, ids, k, PH_DISCARD, d->discards.n - 1))
      return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
  }
  if (in_comment) return dy_err(err, DY_EPARSE, name, c.line, "unterminated <!-- comment");
  return DY_OK;
}

/* ---- issues ------------------------------------------------------------ */

/* Copy an issue phrase into out as words: "n:" marks a noun (its plural is
** also added by the caller), '+' joins words that news text writes either
** hyphenated or apart, U+2020 (a slip for '+') is read as '+'. Variant 0
** joins with '-', variant 1 with a blank. Returns the index of the last
** "n:" word's end in out, or 0. */
static size_t issue_words(const char *s, size_t n, char *out, size_t cap, int variant,
                          size_t *noun_end) {
  size_t o = 0;
  *noun_end = 0;
  int noun = 0;
  for (size_t i = 0; i < n && o + 2 < cap; i++) {
    if (i + 1 < n && strchr("nNvV", s[i]) && s[i + 1] == ':' &&
        (i == 0 || s[i - 1] == ' ' || s[i - 1] == '+' || s[i - 1] == '_')) {
      noun = s[i] == 'n' || s[i] == 'N'; /* v: marks a verb: no plural */
      i++;
      continue;
    }
    if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0xA0) { /* U+2020 */
      out[o++] = variant ? ' ' : '-';
      i += 2;
      continue;
    }
    if (s[i] == '+') { out[o++] = variant ? ' ' : '-'; continue; }
    if (s[i] == ' ' || s[i] == '_') {
      if (noun) *noun_end = o, noun = 0;
      out[o++] = ' ';
      continue;
    }
    out[o++] = s[i];
  }
  if (noun) *noun_end = o;
  out[o] = 0;
  return o;
}

static dy_status add_issue_phrase(dy_dict *d, const char *p, size_t n, uint32_t ref,
                                  const char *name, int32_t line, dy_error *err) {
  uint32_t ids[MAXW];
  int k = dy_dict_phrase_ids(d, p, n, ids, MAXW);
  if (k == -2) return dy_err(err, DY_ENOMEM, name, line, "out of memory");
  if (k <= 0) return bad(err, name, line, "bad issue phrase", p, n);
  if (dy_dict_add_phrase(d, ids, k, PH_ISSUE, ref))
    return dy_err(err, DY_ENOMEM, name, line, "out of memory");
  return DY_OK;
}

dy_status dy_dict_read_issues(dy_dict *d, const char *buf, size_t len,
                              const char *name, dy_error *err) {
  linecur c = { buf, buf + len, 0 };
  const char *s;
  size_t n;
  int in_comment = 0;
  const char *category = "", *last_code = "";
  const char *fname = dy_arena_strndup(d->arena, name, strlen(name));
  if (!fname) return dy_err(err, DY_ENOMEM, name, 0, "out of memory");
  while (dy_next_line(&c, &s, &n)) {
    if (html_comment(s, n, &in_comment)) continue;
    n = uncomment(s, n);
    dy_trim(&s, &n);
    if (!n) continue;
    if (n >= 6 && memcmp(s, "<ISSUE", 6) == 0) {
      /* The line is not NUL-terminated: search within its n bytes. */
      const char *q = NULL;
      for (size_t i = 0; i + 10 <= n && !q; i++)
        if (memcmp(s + i, "CATEGORY=\"", 10) == 0) q = s + i;
      if (!q) return bad(err, name, c.line, "<ISSUE without CATEGORY", s, n);
      q += 10;
      const char *qe = memchr(q, '"', n - (size_t)(q - s));
      if (!qe) return bad(err, name, c.line, "unterminated CATEGORY", s, n);
      category = dy_arena_strndup(d->arena, q, (size_t)(qe - q));
      if (!category) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
      last_code = "";
      continue;
    }
    if (n >= 7 && memcmp(s, "</ISSUE", 7) == 0) continue; /* a stray extra one is harmless */
    int exclude = 0;
    const char *code = "";
    size_t pl = n;
    if (s[0] == '~') {
      exclude = 1, s++, n--, pl--;
    } else {
      const char *br = memchr(s, '[', n);
      const char *cb = br ? memchr(br, ']', n - (size_t)(br - s)) : NULL;
      if (br && !cb) return bad(err, name, c.line, "unterminated [CODE", s, n);
      if (br) {
        code = dy_arena_strndup(d->arena, br + 1, (size_t)(cb - br) - 1);
        if (!code) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
        last_code = code;
        pl = (size_t)(br - s);
      } else {
        /* A phrase without a code takes the one above it in its block
        ** (the EUROPEAN_UNION block lists "eec", "ecb" ... after "eu"). */
        if (!category[0]) return bad(err, name, c.line, "issue phrase outside <ISSUE>", s, n);
        code = last_code[0] ? last_code : category;
      }
    }
    issue_ent *e = VEC_PUSH(d->issues);
    if (!e) return dy_err(err, DY_ENOMEM, name, c.line, "out of memory");
    e->code = code;
    e->category = category;
    e->file = fname;
    e->line = c.line;
    e->exclude = (uint8_t)exclude;
    uint32_t ref = d->issues.n - 1;
    for (int variant = 0; variant < 2; variant++) {
      char w[512], pw[520];
      size_t noun_end;
      size_t wl = issue_words(s, pl, w, sizeof w, variant, &noun_end);
      dy_status st = add_issue_phrase(d, w, wl, ref, name, c.line, err);
      if (st) return st;
      if (noun_end) { /* the plural of the marked noun */
        dy_make_plural(w, noun_end, pw, sizeof pw - (wl - noun_end) - 1);
        size_t pwl = strlen(pw);
        memcpy(pw + pwl, w + noun_end, wl - noun_end);
        pw[pwl + wl - noun_end] = 0;
        st = add_issue_phrase(d, pw, strlen(pw), ref, name, c.line, err);
        if (st) return st;
      }
    }
  }
  if (in_comment) return dy_err(err, DY_EPARSE, name, c.line, "unterminated <!-- comment");
  return DY_OK;
}
