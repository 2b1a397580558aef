/*
** segment.c: the tokenizer and the sentence splitter, following the
** conventions of UD English-EWT (the treebank the tagger and parser learn
** from, so the words they see look like the words they were trained on).
**
** Tokens. Text is cut at white space; each chunk is scanned left to right
** with a small character classifier. Letters, digits and marks make words;
** a few connectors stay inside a word when the context says so: "." before
** a letter or digit (U.S, 3.5, e.g), "," inside digit groups (8,000), ":"
** and "/" between digits (10:30, 1/2), "-" between digits (2025-06-03,
** 713-853-3989) and after the prefixes EWT keeps whole (e-mail, pre-war,
** non-human), apostrophes before letters (don't, O'Brien, Belarus's), "&"
** in AT&T. Other hyphens are split off, as EWT does (long - term). A final
** "." stays on known abbreviations and initials (Dr., Feb., J., U.S.).
** URLs and e-mail addresses are kept whole. Punctuation runs of one kind
** ("...", "!!!", "--", "?!") are one token, emoticons too.
**
** Multiword tokens. EWT splits clitics into syntactic words under one
** surface token: don't = do + n't, can't = ca + n't, Bush's = Bush + 's,
** I'm = I + 'm, cannot = can + not, gonna = gon + na, dont = do + nt.
**
** Sentences. A sentence ends after a run of . ! ? (with the closing quotes
** and brackets written against it), unless it is an ellipsis and the next
** word starts in lower case; at a blank line; at a line break unless the
** next line starts in lower case (so headings and datelines on their own
** line stand alone, while wrapped lines join); and, to keep memory bounded, after
** DY_TEXT_MAX_WORDS words.
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "dyad/text.h"
#include "../util/util.h"

/* One surface token found in the text. */
typedef struct tok {
  size_t start, end;     /* byte span in the text */
  int nl;                /* line breaks in the white space before it */
  int space;             /* 1 when white space precedes it */
  int word;              /* 1 for a word (letters or digits), 0 punctuation */
  int nsplit;            /* syntactic words (1, or 2 for a clitic split) */
  size_t cut;            /* split point when nsplit == 2 */
} tok;

typedef struct tokvec {
  tok *v;                /* malloc'd, grown by doubling */
  size_t n, cap;         /* used and allocated entries */
} tokvec;

enum { C_SPACE, C_NL, C_WORD, C_PUNCT };

/* Decode the character at s[i] (text is valid UTF-8). */
static size_t decode(const char *s, size_t len, size_t i, int32_t *cp) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) { *cp = c; return 1; }
  utf8proc_int32_t u;
  utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                        (utf8proc_ssize_t)(len - i), &u);
  if (k <= 0) { *cp = 0xFFFD; return 1; }
  *cp = u;
  return (size_t)k;
}

static int cls(int32_t cp) {
  if (cp < 0x80) {
    if (cp == '\n') return C_NL;
    if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v') return C_SPACE;
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
      return C_WORD;
    return cp < 0x20 ? C_SPACE : C_PUNCT;
  }
  if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) return C_NL;
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
    return C_WORD;
  case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF:
    return C_SPACE;
  case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    return C_NL;
  default:
    return C_PUNCT;
  }
}

static int is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == '`'; }
static int is_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }
static int is_upper_ascii(int32_t cp) { return cp >= 'A' && cp <= 'Z'; }

static int cls_at(const char *s, size_t len, size_t i) {
  if (i >= len) return C_SPACE;
  int32_t cp;
  decode(s, len, i, &cp);
  return cls(cp);
}

static int32_t cp_at(const char *s, size_t len, size_t i) {
  if (i >= len) return 0;
  int32_t cp;
  decode(s, len, i, &cp);
  return cp;
}

/* Prefixes EWT writes with their hyphen inside one token. */
static const char *const hyphen_prefixes[] = {
  "e", "pre", "non", "co", "re", "multi", "mid", "post", "semi", "pro", "anti",
  "ex", "x", "inter", "sub", "bi", "tri", "micro", "macro", "neo", "vice", "counter"
};

/* Words that keep a following period (EWT tokens ending in "."). */
static const char *const abbrevs[] = {
  "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs",
  "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
  "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
  "sat", "sun", "gen", "gov", "sen", "rep", "reps", "rev", "lt", "col", "capt",
  "sgt", "ft", "mt", "no", "prof", "dept", "univ", "approx", "est", "fig",
  "pp", "ave", "blvd", "rd", "hon", "messrs", "adm", "maj", "cmdr", "pres",
  "arrv", "bros", "mass", "calif", "fla", "ill", "ind", "la", "wash", "ont", "pop", "v"
};

static int in_list(const char *const *list, size_t n, const char *s, size_t len) {
  for (size_t i = 0; i < n; i++)
    if (dy_strieq_n(list[i], s, len)) return 1;
  return 0;
}

static int push(tokvec *tv, size_t start, size_t end, int word, int nl, int space) {
  if (tv->n == tv->cap) {
    size_t cap = tv->cap ? tv->cap * 2 : 256;
    tok *v = realloc(tv->v, cap * sizeof *v);
    if (!v) return -1;
    tv->v = v;
    tv->cap = cap;
  }
  tok *t = &tv->v[tv->n++];
  t->start = start;
  t->end = end;
  t->word = word;
  t->nl = nl;
  t->space = space;
  t->nsplit = 1;
  t->cut = 0;
  return 0;
}

/* Emoticons EWT keeps as one token. */
static const char *const emoticons[] = {
  ":-)", ":-(", ":-D", ":-P", ";-)", ":)", ":(", ":D", ":P", ";)", ":/", "<3", ":o", "(:"
};

/* End of a URL or e-mail address starting at i, or 0. */
static size_t url_end(const char *s, size_t ce, size_t i) {
  size_t n = ce - i;
  int url = (n > 7 && (strncmp(s + i, "http://", 7) == 0 || strncmp(s + i, "https://", 8) == 0 ||
                       strncmp(s + i, "mailto:", 7) == 0)) ||
            (n > 4 && dy_strieq_n("www.", s + i, 4));
  if (!url) {
    /* e-mail: word chars, '@', word chars with a dot */
    size_t at = 0, dot = 0;
    for (size_t k = i; k < ce; k++) {
      unsigned char c = (unsigned char)s[k];
      if (c == '@' && !at && k > i) at = k;
      else if (c == '.' && at && k > at + 1 && k + 1 < ce) dot = k;
      else if (!(c >= 0x80 || c == '.' || c == '_' || c == '-' || c == '+' ||
                 (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
        break;
    }
    if (!(at && dot)) return 0;
  }
  size_t e = ce;
  if (e - i > DY_TEXT_MAX_TOKEN) {  /* cut, at a character boundary */
    e = i + DY_TEXT_MAX_TOKEN;
    while (e > i + 1 && ((unsigned char)s[e] & 0xC0) == 0x80) e--;
  }
  /* trailing punctuation belongs to the sentence */
  while (e > i + 1 && strchr(".,;:!?)]}\"'>", s[e - 1])) e--;
  return e;
}

/* Tokenize the chunk [cs, ce) (no white space inside). */
static int chunk(const char *s, size_t cs, size_t ce, tokvec *tv, int nl, int space) {
  size_t p = cs;
  while (p < ce) {
    int first = tv->n;
    (void)first;
    int32_t cp;
    size_t k = decode(s, ce, p, &cp);
    int c = cls(cp);
    size_t e = url_end(s, ce, p);
    if (!e && cp == '\'' && p + 3 <= ce && is_digit(cp_at(s, ce, p + 1)) &&
        is_digit(cp_at(s, ce, p + 2)) && (p + 3 == ce || cls_at(s, ce, p + 3) != C_WORD))
      e = p + 3;  /* '68, as EWT writes years */
    if (e) {
      if (push(tv, p, e, 1, nl, space)) return -1;
    } else if (c == C_WORD) {
      e = p + k;
      for (;;) {
        if (e >= ce) break;
        int32_t x;
        size_t kx = decode(s, ce, e, &x);
        /* room for this character and a final period */
        if (e - p + kx + 1 > DY_TEXT_MAX_TOKEN) break;
        if (cls(x) == C_WORD) { e += kx; continue; }
        int32_t prev = cp_at(s, ce, e - 1);
        int32_t next = cp_at(s, ce, e + kx);
        int nextw = e + kx < ce && cls_at(s, ce, e + kx) == C_WORD;
        if (!nextw) break;
        if (x == '.' ||
            (x == ',' && is_digit(prev) && e + kx + 3 <= ce && is_digit(next) &&
             is_digit(cp_at(s, ce, e + kx + 1)) && is_digit(cp_at(s, ce, e + kx + 2)) &&
             cls_at(s, ce, e + kx + 3) != C_WORD) ||
            ((x == ':' || x == '/') && is_digit(prev) && is_digit(next)) ||
            (x == '-' && is_digit(prev) && is_digit(next)) ||
            /* 01-Feb-02: a date with a month name */
            (x == '-' && is_digit(prev) && e + kx + 3 < ce && s[e + kx + 3] == '-' &&
             in_list(abbrevs + 13, 12, s + e + kx, 3)) ||
            (x == '-' && is_digit(next) && e - p == 6 && is_digit(cp_at(s, ce, p)) &&
             s[p + 2] == '-') ||
            /* user@HOST mail names without a dot (Edison@ENRON) */
            (x == '@' && e > p) ||
            (x == '-' && in_list(hyphen_prefixes, DY_ARRAY_LEN(hyphen_prefixes), s + p, e - p)) ||
            is_apos(x) || x == '_' ||
            (x == '&' && is_upper_ascii(prev) && is_upper_ascii(next))) {
          e += kx;
          continue;
        }
        break;
      }
      /* a final period stays on abbreviations and initials, not on numbers
      ** ("f/2.7." is 2.7 and a sentence end) */
      if (e < ce && s[e] == '.' && (e + 1 >= ce || s[e + 1] != '.')) {
        int number = 1;
        for (size_t q = p; q < e && number; q++)
          number = (s[q] >= '0' && s[q] <= '9') || s[q] == '.' || s[q] == ',';
        int inner_dot = !number && memchr(s + p, '.', e - p) != NULL;
        int initial = e - p == 1 && is_upper_ascii((unsigned char)s[p]);
        if (inner_dot || initial || in_list(abbrevs, DY_ARRAY_LEN(abbrevs), s + p, e - p))
          e++;
      }
      if (push(tv, p, e, 1, nl, space)) return -1;
    } else {
      e = 0;
      for (size_t i = 0; i < DY_ARRAY_LEN(emoticons); i++) {
        size_t n = strlen(emoticons[i]);
        if (n <= ce - p && memcmp(s + p, emoticons[i], n) == 0 &&
            (p + n >= ce || cls_at(s, ce, p + n) != C_WORD) &&
            (p == cs || cls_at(s, ce, p - 1) != C_WORD)) {
          e = p + n;
          break;
        }
      }
      if (!e) {
        e = p + k;
        if (cp == '.' || cp == '!' || cp == '?') {
          while (e < ce && (s[e] == '.' || s[e] == '!' || s[e] == '?') && e - p < DY_TEXT_MAX_TOKEN) e++;
        } else if (cp < 0x80 && strchr("-*=_<>~`'#+^", (int)cp)) {
          while (e < ce && s[e] == (char)cp && e - p < DY_TEXT_MAX_TOKEN) e++;
        }
      }
      if (push(tv, p, e, 0, nl, space)) return -1;
    }
    p = e;
    nl = 0;
    space = 0;
  }
  return 0;
}

/* Irregular multiword tokens: surface (lower case) and the length of the
** first word. */
static const struct { const char *form; int cut; } irregular[] = {
  { "cannot", 3 }, { "gonna", 3 }, { "wanna", 3 }, { "gotta", 3 }, { "dont", 2 },
  { "didnt", 3 }, { "doesnt", 4 }, { "couldnt", 5 }, { "wouldnt", 5 },
  { "shouldnt", 6 }, { "isnt", 2 }, { "wasnt", 3 }, { "arent", 3 },
  { "werent", 4 }, { "havent", 4 }, { "hasnt", 3 }, { "hadnt", 3 }, { "cant", 2 },
  { "wont", 2 }, { "aint", 2 }, { "im", 1 }, { "ive", 1 }, { "youre", 3 },
  { "thats", 4 }, { "whats", 4 }, { "theres", 5 }
};

/* Decide whether word token t splits into two syntactic words. */
static void clitic(const char *s, tok *t) {
  size_t n = t->end - t->start;
  const char *w = s + t->start;
  for (size_t i = 0; i < DY_ARRAY_LEN(irregular); i++) {
    if (dy_strieq_n(irregular[i].form, w, n)) {
      t->nsplit = 2;
      t->cut = t->start + (size_t)irregular[i].cut;
      return;
    }
  }
  /* n't, n’t */
  size_t ap = 0, apn = 0;  /* last apostrophe and its byte length */
  for (size_t i = 1; i < n; i++) {
    if (w[i] == '\'' || w[i] == '`') { ap = i; apn = 1; }
    else if (i + 2 < n + 0 && (unsigned char)w[i] == 0xE2 && (unsigned char)w[i + 1] == 0x80 &&
             (unsigned char)w[i + 2] == 0x99) { ap = i; apn = 3; }
  }
  if (!ap) return;
  const char *rest = w + ap + apn;
  size_t rn = n - ap - apn;
  if (rn == 1 && (rest[0] == 't' || rest[0] == 'T') && ap >= 2 &&
      (w[ap - 1] == 'n' || w[ap - 1] == 'N')) {
    t->nsplit = 2;
    t->cut = t->start + ap - 1;
    return;
  }
  static const char *const tails[] = { "s", "re", "ve", "ll", "d", "m" };
  if (in_list(tails, DY_ARRAY_LEN(tails), rest, rn)) {
    t->nsplit = 2;
    t->cut = t->start + ap;
  }
}

/* Does the token start with a lower-case letter? */
static int starts_lower(const char *s, const tok *t) {
  int32_t cp;
  decode(s, t->end, t->start, &cp);
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int is_terminal(const char *s, const tok *t) {
  if (t->word) return 0;
  unsigned char c = (unsigned char)s[t->start];
  if (c == '.' || c == '!' || c == '?') return 1;
  return t->end - t->start == 3 && memcmp(s + t->start, "\xE2\x80\xA6", 3) == 0;
}

static int is_closer(const char *s, const tok *t) {
  if (t->word) return 0;
  size_t n = t->end - t->start;
  const char *z = s + t->start;
  if (n == 1) return strchr(")]}\"'", z[0]) != NULL;
  return n == 3 && (memcmp(z, "\xE2\x80\x9D", 3) == 0 || memcmp(z, "\xE2\x80\x99", 3) == 0);
}

/* May a sentence end at terminal t although the next token starts in lower
** case? Web text often starts sentences in lower case ("where? just in the
** water", "our main meal. and around"); abbreviations keep their period
** inside the word, so a lone . ! or ? is a sentence end (measured on EWT
** dev: sentence recall 84.5% -> 88.9%, precision 98.9% -> 98.7%). An
** ellipsis is not: it joins clauses of one sentence as often as not. */
static int lower_ok(const char *s, const tok *t) {
  unsigned char c = (unsigned char)s[t->start];
  return c == '?' || c == '!' || c == '.';
}

/* Build one dy_sentence from tokens [b, e). */
static dy_status build(const char *s, const tok *tv, size_t b, size_t e, int32_t id,
                       dy_arena *a, dy_sentence *out) {
  int32_t nw = 0, nm = 0;
  for (size_t i = b; i < e; i++) {
    nw += tv[i].nsplit;
    nm += tv[i].nsplit > 1;
  }
  memset(out, 0, sizeof *out);
  out->doc_id = "";
  char idbuf[24];
  snprintf(idbuf, sizeof idbuf, "%ld", (long)id);
  out->sent_id = dy_arena_strndup(a, idbuf, strlen(idbuf));
  size_t tlen = tv[e - 1].end - tv[b].start;
  char *text = dy_arena_strndup(a, s + tv[b].start, tlen);
  out->tok = dy_arena_calloc(a, (size_t)nw, sizeof(dy_token));
  out->mwt = nm ? dy_arena_calloc(a, (size_t)nm, sizeof(dy_mwt)) : NULL;
  if (!out->sent_id || !text || !out->tok || (nm && !out->mwt)) return DY_ENOMEM;
  for (size_t i = 0; i < tlen; i++)
    if (text[i] == '\n' || text[i] == '\r' || text[i] == '\t') text[i] = ' ';
  out->text = text;
  int32_t w = 0, m = 0;
  for (size_t i = b; i < e; i++) {
    const tok *t = &tv[i];
    int sa = i + 1 < e ? tv[i + 1].space : 1;
    size_t cuts[3] = { t->start, t->nsplit > 1 ? t->cut : t->end, t->end };
    if (t->nsplit > 1) {
      out->mwt[m].first = w + 1;
      out->mwt[m].last = w + 2;
      out->mwt[m].form = dy_arena_strndup(a, s + t->start, t->end - t->start);
      if (!out->mwt[m].form) return DY_ENOMEM;
      m++;
    }
    for (int k = 0; k < t->nsplit; k++) {
      dy_token *x = &out->tok[w++];
      x->form = dy_arena_strndup(a, s + cuts[k], cuts[k + 1] - cuts[k]);
      if (!x->form) return DY_ENOMEM;
      x->lemma = x->xpos = x->feats = x->misc = "_";
      x->subrel = "";
      x->space_after = (uint8_t)(k + 1 < t->nsplit ? 0 : sa);
    }
  }
  out->n = nw;
  out->n_mwt = nm;
  return DY_OK;
}

dy_status dy_text_segment(const char *s, size_t len, dy_arena *a,
                          dy_sentence **out, int32_t *n_out) {
  assert(a && out && n_out && (s || len == 0));
  *out = NULL;
  *n_out = 0;
  tokvec tv = { NULL, 0, 0 };
  int nl = 0, space = 0;
  size_t i = 0;
  while (i < len) {
    int32_t cp;
    size_t k = decode(s, len, i, &cp);
    int c = cls(cp);
    if (c == C_SPACE || c == C_NL) {
      nl += c == C_NL;
      space = 1;
      i += k;
      continue;
    }
    size_t ce = i;
    while (ce < len) {
      int32_t x;
      size_t kx = decode(s, len, ce, &x);
      int cx = cls(x);
      if (cx == C_SPACE || cx == C_NL) break;
      ce += kx;
    }
    if (chunk(s, i, ce, &tv, nl, space)) { free(tv.v); return DY_ENOMEM; }
    nl = 0;
    space = 0;
    i = ce;
  }
  for (size_t t = 0; t < tv.n; t++)
    if (tv.v[t].word) clitic(s, &tv.v[t]);

  /* Sentence ends: mark the first token of each sentence. */
  size_t nsent = 0, cap = 16;
  size_t *starts = malloc(cap * sizeof *starts);
  if (!starts) { free(tv.v); return DY_ENOMEM; }
  int words = 0;
  for (size_t t = 0; t < tv.n; t++) {
    int brk = t == 0;
    if (!brk) {
      const tok *nx = &tv.v[t];
      if (nx->nl >= 2) brk = 1;
      else if (nx->nl == 1 && !starts_lower(s, nx)) brk = 1;
      else if (words + nx->nsplit > DY_TEXT_MAX_WORDS) brk = 1;
      else {
        /* the last token before nx, skipping closers written against it */
        size_t j = t - 1;
        while (j > 0 && is_closer(s, &tv.v[j]) && !tv.v[j].space && !is_terminal(s, &tv.v[j])) j--;
        int ellipsis = tv.v[j].end - tv.v[j].start > 1 && s[tv.v[j].start] == '.';
        if (is_terminal(s, &tv.v[j]) && (j == t - 1 || !tv.v[j + 1].space) && nx->space &&
            (!starts_lower(s, nx) || (!ellipsis && lower_ok(s, &tv.v[j]))) &&
            !(is_closer(s, nx) && !nx->space)) {
          unsigned char c0 = (unsigned char)s[nx->start];
          if (!(c0 == ',' || c0 == ';' || c0 == ':' || c0 == ')')) {
            if (!ellipsis) brk = 1;
            else {
              int32_t cp;
              decode(s, nx->end, nx->start, &cp);
              brk = (cp < 0x80 && cp >= 'A' && cp <= 'Z') ||
                    (cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU);
            }
          }
        }
      }
    }
    if (brk) {
      if (nsent == cap) {
        size_t *ns = realloc(starts, cap * 2 * sizeof *ns);
        if (!ns) { free(starts); free(tv.v); return DY_ENOMEM; }
        starts = ns;
        cap *= 2;
      }
      starts[nsent++] = t;
      words = 0;
    }
    words += tv.v[t].nsplit;
  }
  dy_status rc = DY_OK;
  dy_sentence *sv = nsent ? dy_arena_calloc(a, nsent, sizeof *sv) : NULL;
  if (nsent && !sv) rc = DY_ENOMEM;
  for (size_t k = 0; rc == DY_OK && k < nsent; k++) {
    size_t e = k + 1 < nsent ? starts[k + 1] : tv.n;
    rc = build(s, tv.v, starts[k], e, (int32_t)(k + 1), a, &sv[k]);
  }
  free(starts);
  free(tv.v);
  if (rc != DY_OK) return rc;
  *out = sv;
  *n_out = (int32_t)nsent;
  return DY_OK;
}
