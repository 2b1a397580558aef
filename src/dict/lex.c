/*
** lex.c: the word table and the phrase trie under every dictionary, plus
** the line and code helpers the readers share.
**
** Words are upper-cased with Unicode simple case mapping (utf8proc), so
** "Lukashenko", "LUKASHENKO" and "lukashenko" are one word. The trie keeps
** its edges in one hash keyed by (node, word), which is compact for the
** ~100,000 phrases of the Phoenix dictionaries and needs no per-node
** allocation.
*/
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "internal.h"

size_t dy_word_norm(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0, i = 0;
  if (!cap) return 0;
  while (i < n && o + 1 < cap) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      out[o++] = (char)dy_upper(c);
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) { /* invalid byte: keep it as it is */
      out[o++] = (char)c;
      i++;
      continue;
    }
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), buf);
    if (m <= 0 || o + (size_t)m + 1 > cap) break;
    memcpy(out + o, buf, (size_t)m);
    o += (size_t)m;
    i += (size_t)k;
  }
  out[o] = 0;
  return o;
}

static int wordtab_grow(wordtab *t) {
  uint32_t ncap = t->cap ? t->cap * 2 : 1024;
  uint32_t *ns = calloc(ncap, sizeof *ns);
  if (!ns) return -1;
  for (uint32_t id = 1; id <= t->n; id++) {
    uint32_t h = (uint32_t)t->hashes[id] & (ncap - 1);
    while (ns[h]) h = (h + 1) & (ncap - 1);
    ns[h] = id;
  }
  free(t->slots);
  t->slots = ns;
  t->cap = ncap;
  return 0;
}

uint32_t dy_wordtab_get(wordtab *t, dy_arena *a, const char *w, size_t n,
                        int add, int *oom) {
  char buf[256];
  if (n >= sizeof buf) n = sizeof buf - 1; /* words longer than this are junk */
  /* ASCII words (nearly all) are upper-cased and hashed in one pass. */
  uint64_t h = 1469598103934665603ULL;
  size_t len = 0;
  for (; len < n; len++) {
    unsigned char c = (unsigned char)w[len];
    if (c >= 0x80) break;
    c = dy_upper(c);
    buf[len] = (char)c;
    h = (h ^ c) * 1099511628211ULL;
  }
  if (len < n) { /* not ASCII: Unicode case mapping, then hash */
    len = dy_word_norm(w, n, buf, sizeof buf);
    h = dy_hash_bytes(buf, len);
  }
  if (len == 0) return DY_NOWORD;
  if (t->cap) {
    uint32_t i = (uint32_t)h & (t->cap - 1);
    while (t->slots[i]) {
      uint32_t id = t->slots[i];
      if (t->hashes[id] == h && t->lens[id] == len &&
          memcmp(t->words[id], buf, len) == 0)
        return id;
      i = (i + 1) & (t->cap - 1);
    }
  }
  if (!add) return DY_NOWORD;
  if ((t->n + 2) * 2 > t->cap && wordtab_grow(t)) goto nomem;
  if (t->n + 2 > t->words_cap) {
    uint32_t nc = t->words_cap ? t->words_cap * 2 : 1024;
    const char **nw = realloc(t->words, nc * sizeof *nw);
    if (!nw) goto nomem;
    t->words = nw;
    uint32_t *nl = realloc(t->lens, nc * sizeof *nl);
    if (!nl) goto nomem;
    t->lens = nl;
    uint64_t *nh = realloc(t->hashes, nc * sizeof *nh);
    if (!nh) goto nomem;
    t->hashes = nh;
    t->words_cap = nc;
  }
  char *copy = dy_arena_strndup(a, buf, len);
  if (!copy) goto nomem;
  uint32_t id = ++t->n;
  t->words[id] = copy;
  t->lens[id] = (uint32_t)len;
  t->hashes[id] = h;
  uint32_t i = (uint32_t)h & (t->cap - 1);
  while (t->slots[i]) i = (i + 1) & (t->cap - 1);
  t->slots[i] = id;
  return id;
nomem:
  if (oom) *oom = 1;
  return DY_NOWORD;
}

void dy_wordtab_free(wordtab *t) {
  free(t->slots);
  free(t->words);
  free(t->lens);
  free(t->hashes);
  memset(t, 0, sizeof *t);
}

static inline uint64_t edge_key(uint32_t node, uint32_t word) {
  return ((uint64_t)(node + 1) << 32) | word; /* never 0 */
}

static inline uint32_t edge_slot(uint64_t key, uint32_t cap) {
  key ^= key >> 29;
  key *= 0xbf58476d1ce4e5b9ULL;
  key ^= key >> 32;
  return (uint32_t)key & (cap - 1);
}

uint32_t dy_trie_child(const trie *t, uint32_t node, uint32_t word) {
  if (!t->cap || word == DY_NOWORD) return DY_NONODE;
  uint64_t k = edge_key(node, word);
  uint32_t i = edge_slot(k, t->cap);
  while (t->keys[i]) {
    if (t->keys[i] == k) return t->vals[i];
    i = (i + 1) & (t->cap - 1);
  }
  return DY_NONODE;
}

static int trie_grow(trie *t) {
  uint32_t ncap = t->cap ? t->cap * 2 : 4096;
  uint64_t *nk = calloc(ncap, sizeof *nk);
  uint32_t *nv = malloc(ncap * sizeof *nv);
  if (!nk || !nv) { free(nk); free(nv); return -1; }
  for (uint32_t i = 0; i < t->cap; i++) {
    if (!t->keys[i]) continue;
    uint32_t j = edge_slot(t->keys[i], ncap);
    while (nk[j]) j = (j + 1) & (ncap - 1);
    nk[j] = t->keys[i];
    nv[j] = t->vals[i];
  }
  free(t->keys);
  free(t->vals);
  t->keys = nk;
  t->vals = nv;
  t->cap = ncap;
  return 0;
}

static uint32_t trie_new_node(trie *t) {
  if (t->n_nodes == t->nodes_cap) {
    uint32_t nc = t->nodes_cap ? t->nodes_cap * 2 : 4096;
    uint32_t *np = realloc(t->payload, nc * sizeof *np);
    if (!np) return DY_NONODE;
    t->payload = np;
    t->nodes_cap = nc;
  }
  t->payload[t->n_nodes] = DY_NONODE;
  return t->n_nodes++;
}

uint32_t dy_trie_insert(trie *t, const uint32_t *words, int n) {
  if (t->n_nodes == 0 && trie_new_node(t) == DY_NONODE) return DY_NONODE;
  uint32_t node = 0;
  for (int k = 0; k < n; k++) {
    uint32_t c = dy_trie_child(t, node, words[k]);
    if (c == DY_NONODE) {
      if ((t->n_edges + 1) * 4 > t->cap * 3 && trie_grow(t)) return DY_NONODE;
      c = trie_new_node(t);
      if (c == DY_NONODE) return DY_NONODE;
      uint64_t key = edge_key(node, words[k]);
      uint32_t i = edge_slot(key, t->cap);
      while (t->keys[i]) i = (i + 1) & (t->cap - 1);
      t->keys[i] = key;
      t->vals[i] = c;
      t->n_edges++;
    }
    node = c;
  }
  return node;
}

void dy_trie_free(trie *t) {
  free(t->keys);
  free(t->vals);
  free(t->payload);
  memset(t, 0, sizeof *t);
}

void *dy_vec_push(void *vec, size_t elem) {
  struct { char *v; uint32_t n, cap; } *g = vec;
  if (g->n == g->cap) {
    uint32_t nc = g->cap ? g->cap * 2 : 64;
    char *nv = realloc(g->v, (size_t)nc * elem);
    if (!nv) return NULL;
    g->v = nv;
    g->cap = nc;
  }
  void *p = g->v + (size_t)g->n * elem;
  memset(p, 0, elem);
  g->n++;
  return p;
}

void dy_vec_free(void *vec) {
  struct { char *v; uint32_t n, cap; } *g = vec;
  free(g->v);
  g->v = NULL;
  g->n = g->cap = 0;
}

int dy_dict_phrase_ids(dy_dict *d, const char *s, size_t n, uint32_t *out, int max) {
  int k = 0, oom = 0;
  size_t i = 0;
  while (i < n) {
    while (i < n && (s[i] == ' ' || s[i] == '_' || s[i] == '\t')) i++;
    size_t j = i;
    while (j < n && s[j] != ' ' && s[j] != '_' && s[j] != '\t') j++;
    if (j > i) {
      /* UD tokenization splits the possessive ("People 's Republic"): so
      ** does the dictionary's "PEOPLE'S_REPUBLIC_OF_CHINA". */
      size_t wl = j - i, ps = 0;
      if (wl > 2 && s[i + wl - 2] == '\'' && (s[i + wl - 1] == 'S' || s[i + wl - 1] == 's')) ps = 2;
      else if (wl > 4 && memcmp(s + i + wl - 4, "\xE2\x80\x99", 3) == 0 &&
               (s[i + wl - 1] == 'S' || s[i + wl - 1] == 's'))
        ps = 4;
      if (k + (ps ? 2 : 1) > max) return -1;
      uint32_t id = dy_wordtab_get(&d->words, d->arena, s + i, wl - ps, 1, &oom);
      if (oom) return -2;
      out[k++] = id;
      if (ps) {
        out[k++] = dy_wordtab_get(&d->words, d->arena, "'S", 2, 1, &oom);
        if (oom) return -2;
      }
    }
    i = j;
  }
  return k;
}

dy_status dy_dict_add_phrase(dy_dict *d, const uint32_t *ids, int n, int kind,
                             uint32_t ref) {
  uint32_t node = dy_trie_insert(&d->phrases, ids, n);
  if (node == DY_NONODE) return DY_ENOMEM;
  /* Keep the first meaning of each kind: later duplicates are ignored, as
  ** PETRARCH keeps the first entry it reads. */
  for (uint32_t e = d->phrases.payload[node]; e != DY_NONODE; e = d->ents.v[e].next)
    if (d->ents.v[e].kind == kind) return DY_OK;
  if (ids[0] >= d->starts_cap) {
    uint32_t nc = d->starts_cap ? d->starts_cap : 1024;
    while (nc <= ids[0]) nc *= 2;
    uint8_t *ns = realloc(d->starts, nc);
    if (!ns) return DY_ENOMEM;
    memset(ns + d->starts_cap, 0, nc - d->starts_cap);
    d->starts = ns;
    d->starts_cap = nc;
  }
  d->starts[ids[0]] |= (uint8_t)(1u << kind);
  phrase_ent *pe = VEC_PUSH(d->ents);
  if (!pe) return DY_ENOMEM;
  pe->kind = (uint8_t)kind;
  pe->nwords = (uint8_t)n;
  pe->ref = ref;
  pe->next = d->phrases.payload[node];
  d->phrases.payload[node] = d->ents.n - 1;
  return DY_OK;
}

int32_t dy_parse_dict_date(const char *s, size_t n) {
  if (n != 6 && n != 8) return -1; /* before any arithmetic: no overflow */
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return -1;
  long v = 0;
  for (size_t i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
  if (n == 6) {
    /* YYMMDD: PETRARCH reads years below 30 as 20xx, the rest as 19xx. */
    long yy = v / 10000;
    v += (yy < 30 ? 20000000L : 19000000L);
  } else if (n != 8) {
    return -1;
  }
  long mm = (v / 100) % 100, dd = v % 100;
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return -1;
  return (int32_t)v;
}

int dy_parse_actor_code(dy_dict *d, const char *p, size_t n, actor_code *c) {
  const char *s = p;
  size_t len = n;
  dy_trim(&s, &len);
  size_t i = 0;
  while (i < len && s[i] != ' ' && s[i] != '\t') i++;
  c->code = dy_arena_strndup(d->arena, s, i);
  c->from = 0;
  c->to = INT32_MAX;
  if (!c->code) return -2;
  const char *r = s + i;
  size_t rl = len - i;
  dy_trim(&r, &rl);
  if (rl == 0) return 0;
  if (r[0] == '>' || r[0] == '<') {
    char op = r[0];
    r++, rl--;
    dy_trim(&r, &rl);
    int32_t dt = dy_parse_dict_date(r, rl);
    if (dt < 0) return -1;
    /* Ranges include both ends (the validation suite's DATE-11 codes
    ** "[ORCHOB 20100109-20100112]" on 20100112); "<d" excludes d. */
    if (op == '>') c->from = dt; else c->to = dt - 1;
    return 0;
  }
  const char *dash = memchr(r, '-', rl);
  if (!dash) return -1;
  size_t l1 = (size_t)(dash - r), l2 = rl - l1 - 1;
  const char *r2 = dash + 1;
  dy_trim(&r, &l1);
  dy_trim(&r2, &l2);
  int32_t d1 = dy_parse_dict_date(r, l1), d2 = dy_parse_dict_date(r2, l2);
  if (d1 < 0 || d2 < 0) return -1;
  c->from = d1;
  c->to = d2;
  return 0;
}

int dy_next_line(linecur *c, const char **s, size_t *n) {
  if (c->p >= c->end) return 0;
  const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
  const char *e = nl ? nl : c->end;
  *s = c->p;
  *n = (size_t)(e - c->p);
  if (*n && (*s)[*n - 1] == '\r') (*n)--;
  c->p = nl ? nl + 1 : c->end;
  c->line++;
  return 1;
}

static int is_blank(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\r' || ch == 0x1A || ch == '\f' || ch == '\v';
}

void dy_strip_comment(const char *s, size_t *n) {
  const char *h = memchr(s, '#', *n);
  if (h) *n = (size_t)(h - s);
  /* Header lines of the validation files end in a left-over "-->". */
  while (*n && is_blank(s[*n - 1])) (*n)--;
  if (*n >= 3 && memcmp(s + *n - 3, "-->", 3) == 0) *n -= 3;
}
