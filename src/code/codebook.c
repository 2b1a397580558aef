/*
** codebook.c: CAMEO code names and Goldstein weights (GDELT's tab-separated
** lookup tables) and the PETRARCH Internal Coding Ontology (PICO), which
** writes some codes as the negation of others ("110:0x1007f#0xFFFF+0x0080"
** says disapprove is not-cooperate, 050's 0x0080); dyad reads it to code
** negated verbs as PETRARCH's validation suite expects.
*/
#include <stdlib.h>
#include <string.h>
#include "dyad/code.h"
#include "../dict/internal.h"

typedef struct entry {
  char code[8];         /* "0231" */
  char *name;           /* description or NULL */
  double goldstein;
  int has_goldstein;
  unsigned hex;         /* PICO primary value, 0 if none */
  unsigned neg_of;      /* PICO: this code is 0xFFFF + neg_of, 0 if not */
  char plover[24];      /* PLOVER event category ("CONSULT"), "" if none */
  char plover_mode[24]; /* PLOVER mode ("visit"), "" if none */
} entry;

struct dy_codebook {
  entry *e;
  int n, cap;
};

dy_codebook *dy_codebook_new(void) { return calloc(1, sizeof(dy_codebook)); }

void dy_codebook_free(dy_codebook *cb) {
  if (!cb) return;
  for (int i = 0; i < cb->n; i++) free(cb->e[i].name);
  free(cb->e);
  free(cb);
}

static entry *find(const dy_codebook *cb, const char *code, size_t n) {
  for (int i = 0; i < cb->n; i++)
    if (strlen(cb->e[i].code) == n && memcmp(cb->e[i].code, code, n) == 0) return &cb->e[i];
  return NULL;
}

static entry *get(dy_codebook *cb, const char *code, size_t n) {
  entry *e = find(cb, code, n);
  if (e) return e;
  if (n >= sizeof e->code) return NULL;
  if (cb->n == cb->cap) {
    int nc = cb->cap ? cb->cap * 2 : 256;
    entry *ne = realloc(cb->e, sizeof *ne * (size_t)nc);
    if (!ne) return NULL;
    cb->e = ne;
    cb->cap = nc;
  }
  e = &cb->e[cb->n++];
  memset(e, 0, sizeof *e);
  memcpy(e->code, code, n);
  return e;
}

/* Read a two-column TAB file; col 2 handled by which. */
static dy_status load_tsv(dy_codebook *cb, const char *path, int which, dy_error *err) {
  char *buf;
  size_t len;
  dy_status st = dy_read_file(path, &buf, &len, err);
  if (st) return st;
  linecur c = { buf, buf + len, 0 };
  const char *s;
  size_t n;
  while (dy_next_line(&c, &s, &n)) {
    if (c.line == 1 || !n) continue; /* header */
    const char *tab = memchr(s, '\t', n);
    if (!tab) { st = dy_err(err, DY_EPARSE, path, c.line, "expected CODE<TAB>VALUE"); break; }
    size_t cl = (size_t)(tab - s);
    const char *v = tab + 1;
    size_t vl = n - cl - 1;
    dy_trim(&v, &vl);
    entry *e = get(cb, s, cl);
    if (!e) { st = dy_err(err, DY_EPARSE, path, c.line, "bad code"); break; }
    if (which == 0) {
      free(e->name);
      e->name = malloc(vl + 1);
      if (!e->name) { st = dy_err(err, DY_ENOMEM, path, c.line, "out of memory"); break; }
      memcpy(e->name, v, vl);
      e->name[vl] = 0;
    } else {
      char num[32];
      char *end;
      if (vl == 0 || vl >= sizeof num) { st = dy_err(err, DY_EPARSE, path, c.line, "bad weight"); break; }
      memcpy(num, v, vl);
      num[vl] = 0;
      e->goldstein = strtod(num, &end);
      if (*end) { st = dy_err(err, DY_EPARSE, path, c.line, "bad weight \"%s\"", num); break; }
      e->has_goldstein = 1;
    }
  }
  free(buf);
  return st;
}

dy_status dy_codebook_load_names(dy_codebook *cb, const char *path, dy_error *err) {
  return load_tsv(cb, path, 0, err);
}

dy_status dy_codebook_load_goldstein(dy_codebook *cb, const char *path, dy_error *err) {
  return load_tsv(cb, path, 1, err);
}

dy_status dy_codebook_load_ontology(dy_codebook *cb, const char *path, dy_error *err) {
  char *buf;
  size_t len;
  dy_status st = dy_read_file(path, &buf, &len, err);
  if (st) return st;
  linecur c = { buf, buf + len, 0 };
  const char *s;
  size_t n;
  while (dy_next_line(&c, &s, &n)) {
    dy_trim(&s, &n);
    if (!n || s[0] == '#') continue;
    const char *colon = memchr(s, ':', n);
    if (!colon || colon == s) { st = dy_err(err, DY_EPARSE, path, c.line, "expected CODE:0xHEX"); break; }
    entry *e = get(cb, s, (size_t)(colon - s));
    if (!e) { st = dy_err(err, DY_EPARSE, path, c.line, "bad code"); break; }
    /* Fields separated by '#': primary value, then an optional
    ** "0xFFFF+0xB" form naming the code this one negates. */
    char tmp[256];
    size_t tl = n - (size_t)(colon - s) - 1;
    if (tl >= sizeof tmp) tl = sizeof tmp - 1;
    memcpy(tmp, colon + 1, tl);
    tmp[tl] = 0;
    char *save = NULL;
    int field = 0;
    for (char *f = strtok_r(tmp, "#", &save); f; f = strtok_r(NULL, "#", &save), field++) {
      if (field == 0) {
        if (strncmp(f, "0x", 2) == 0) e->hex = (unsigned)strtoul(f, NULL, 16);
      } else if (strncmp(f, "0xFFFF+0x", 9) == 0) {
        e->neg_of = (unsigned)strtoul(f + 7, NULL, 16);
      } else if (strncmp(f, "0x", 2) == 0 && strstr(f, "+0xFFFF")) {
        e->neg_of = (unsigned)strtoul(f, NULL, 16);
      }
    }
  }
  free(buf);
  return st;
}

dy_status dy_codebook_load_plover(dy_codebook *cb, const char *path, dy_error *err) {
  char *buf;
  size_t len;
  dy_status st = dy_read_file(path, &buf, &len, err);
  if (st) return st;
  linecur c = { buf, buf + len, 0 };
  const char *s;
  size_t n;
  while (dy_next_line(&c, &s, &n)) {
    const char *h = memchr(s, '#', n);
    if (h) n = (size_t)(h - s);
    dy_trim(&s, &n);
    if (!n) continue;
    /* "042: CONSULT, visit,   # Make a visit" */
    const char *colon = memchr(s, ':', n);
    if (!colon || colon == s) { st = dy_err(err, DY_EPARSE, path, c.line, "expected CODE: CATEGORY, mode, context"); break; }
    entry *e = get(cb, s, (size_t)(colon - s));
    if (!e) { st = dy_err(err, DY_EPARSE, path, c.line, "bad code"); break; }
    const char *f = colon + 1, *end = s + n;
    for (int field = 0; field < 2 && f <= end; field++) {
      const char *comma = memchr(f, ',', (size_t)(end - f));
      const char *fe = comma ? comma : end;
      const char *w = f;
      size_t wl = (size_t)(fe - f);
      dy_trim(&w, &wl);
      char *dst = field == 0 ? e->plover : e->plover_mode;
      if (wl >= sizeof e->plover) wl = sizeof e->plover - 1;
      memcpy(dst, w, wl);
      dst[wl] = 0;
      if (!comma) break;
      f = comma + 1;
    }
  }
  free(buf);
  return st;
}

const char *dy_codebook_plover(const dy_codebook *cb, const char *code, const char **mode) {
  if (mode) *mode = "";
  if (!cb || !code) return "";
  /* The most specific code listed with a category: 0231, then 023, then 02. */
  for (size_t k = strlen(code); k >= 2; k--) {
    const entry *e = find(cb, code, k);
    if (e && e->plover[0]) {
      if (mode && k == strlen(code)) *mode = e->plover_mode;
      return e->plover;
    }
  }
  return "";
}

const char *dy_codebook_name(const dy_codebook *cb, const char *code) {
  const entry *e = cb ? find(cb, code, strlen(code)) : NULL;
  return e ? e->name : NULL;
}

double dy_codebook_goldstein(const dy_codebook *cb, const char *code, int *known) {
  if (known) *known = 0;
  if (!cb) return 0;
  size_t n = strlen(code);
  /* Fall back from 0231 to 023 to 02, as GDELT does for unlisted codes. */
  for (size_t k = n; k >= 2; k--) {
    const entry *e = find(cb, code, k);
    if (e && e->has_goldstein) {
      if (known) *known = 1;
      return e->goldstein;
    }
  }
  return 0;
}

const char *dy_codebook_negate(const dy_codebook *cb, const char *code) {
  if (!cb) return NULL;
  const entry *e = find(cb, code, strlen(code));
  if (!e) return NULL;
  if (e->neg_of) { /* 110 = not 050: negated 110 is 050 */
    for (int i = 0; i < cb->n; i++)
      if (cb->e[i].hex == e->neg_of && !cb->e[i].neg_of) return cb->e[i].code;
    return NULL;
  }
  if (e->hex) { /* 050 negated is the code written as not-050 */
    for (int i = 0; i < cb->n; i++)
      if (cb->e[i].neg_of == e->hex) return cb->e[i].code;
  }
  return NULL;
}

int dy_cameo_quad(const char *code) {
  if (!code || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') return 0;
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  if (root >= 1 && root <= 5) return 1;
  if (root >= 6 && root <= 8) return 2;
  if (root >= 9 && root <= 13) return 3;
  if (root >= 14 && root <= 20) return 4;
  return 0;
}
