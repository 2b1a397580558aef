/*
** dict.c: the dy_dict object: creation, loading by kind, the standard
** Phoenix/CAMEO set, statistics and the small lookup API of dict.h.
*/
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

dy_dict *dy_dict_new(void) {
  dy_dict *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  d->arena = dy_arena_new(1 << 20);
  if (!d->arena) { free(d); return NULL; }
  return d;
}

void dy_dict_free(dy_dict *d) {
  if (!d) return;
  dy_wordtab_free(&d->words);
  dy_trie_free(&d->phrases);
  dy_vec_free(&d->ents);
  dy_vec_free(&d->actors);
  dy_vec_free(&d->agents);
  dy_vec_free(&d->discards);
  dy_vec_free(&d->issues);
  dy_vec_free(&d->blocks);
  dy_vec_free(&d->forms);
  for (uint32_t i = 0; i < d->synsets.n; i++) {
    free(d->synsets.v[i].phr);
    free(d->synsets.v[i].phrlen);
  }
  dy_vec_free(&d->synsets);
  free(d->form_head);
  free(d->syn_mask);
  free(d->starts);
  free(d->syn_first);
  dy_arena_free(d->arena);
  free(d);
}

dy_status dy_dict_load_mem(dy_dict *d, dy_dict_kind kind, const char *buf, size_t len,
                           const char *name, dy_error *err) {
  if (!d || (!buf && len)) return dy_err(err, DY_EMISUSE, name, 0, "no dictionary or buffer");
  long bad = dy_utf8_check(buf, len);
  if (bad >= 0) {
    long line = 1;
    for (long i = 0; i < bad; i++) line += buf[i] == '\n';
    dy_err(err, DY_EPARSE, name, line, "invalid UTF-8 at byte %ld", bad);
    if (err) err->offset = bad;
    return DY_EPARSE;
  }
  if (memchr(buf, 0, len)) {
    const char *z = memchr(buf, 0, len);
    long line = 1;
    for (const char *p = buf; p < z; p++) line += *p == '\n';
    return dy_err(err, DY_EPARSE, name, line, "NUL byte in a dictionary");
  }
  uint32_t before = d->blocks.n + d->actors.n + d->agents.n + d->discards.n + d->issues.n +
                    d->synsets.n;
  dy_status st;
  switch (kind) {
  case DY_DICT_VERBS:
    if (d->blocks.n) return dy_err(err, DY_EMISUSE, name, 0, "a verb dictionary is already loaded");
    st = dy_dict_read_verbs(d, buf, len, name, err);
    break;
  case DY_DICT_ACTORS: st = dy_dict_read_actors(d, buf, len, name, err); break;
  case DY_DICT_AGENTS: st = dy_dict_read_agents(d, buf, len, name, err); break;
  case DY_DICT_DISCARDS: st = dy_dict_read_discards(d, buf, len, name, err); break;
  case DY_DICT_ISSUES: st = dy_dict_read_issues(d, buf, len, name, err); break;
  default: return dy_err(err, DY_EMISUSE, name, 0, "unknown dictionary kind %d", (int)kind);
  }
  /* A file that holds nothing (empty, or only comments) is surely not the
  ** file the user meant. */
  if (st == DY_OK && d->blocks.n + d->actors.n + d->agents.n + d->discards.n + d->issues.n +
                         d->synsets.n == before)
    return dy_err(err, DY_EPARSE, name, 1, "no dictionary entries in the file (empty?)");
  return st;
}

dy_status dy_dict_load(dy_dict *d, dy_dict_kind kind, const char *path, dy_error *err) {
  char *buf;
  size_t len;
  dy_status st = dy_read_file(path, &buf, &len, err);
  if (st) return st;
  st = dy_dict_load_mem(d, kind, buf, len, path, err);
  free(buf);
  return st;
}

dy_status dy_dict_load_standard(dy_dict *d, const char *dir, dy_error *err) {
  static const struct { dy_dict_kind kind; const char *file; } set[] = {
    { DY_DICT_VERBS, "CAMEO.2.0.txt" },
    { DY_DICT_ACTORS, "Phoenix.Countries.actors.txt" },
    { DY_DICT_ACTORS, "Phoenix.International.actors.txt" },
    { DY_DICT_ACTORS, "Phoenix.MilNonState.actors.txt" },
    { DY_DICT_AGENTS, "Phoenix.agents.txt" },
    { DY_DICT_DISCARDS, "Phoenix.discards.txt" },
    { DY_DICT_ISSUES, "Phoenix.IssueCoding.txt" },
  };
  for (size_t i = 0; i < DY_ARRAY_LEN(set); i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, set[i].file);
    dy_status st = dy_dict_load(d, set[i].kind, path, err);
    if (st) return st;
  }
  return DY_OK;
}

void dy_dict_get_stats(const dy_dict *d, dy_dict_stats *st) {
  memset(st, 0, sizeof *st);
  st->words = d->words.n;
  st->actors = d->actors.n;
  st->agents = d->agents.n;
  st->discards = d->discards.n;
  st->issues = d->issues.n;
  st->verb_blocks = d->blocks.n;
  st->verb_forms = d->forms.n;
  for (uint32_t i = 0; i < d->blocks.n; i++) st->patterns += (uint32_t)d->blocks.v[i].npat;
  st->synsets = d->synsets.n;
}

/* The trie node of a blank-separated phrase, or DY_NONODE. */
static uint32_t phrase_node(const dy_dict *d, const char *phrase) {
  uint32_t node = 0;
  const char *p = phrase;
  if (!d->phrases.n_nodes) return DY_NONODE;
  while (*p) {
    while (*p == ' ' || *p == '_') p++;
    const char *e = p;
    while (*e && *e != ' ' && *e != '_') e++;
    if (e == p) break;
    uint32_t w = dy_wordtab_get((wordtab *)&d->words, NULL, p, (size_t)(e - p), 0, NULL);
    node = dy_trie_child(&d->phrases, node, w);
    if (node == DY_NONODE) return DY_NONODE;
    p = e;
  }
  return node;
}

static const phrase_ent *node_ent(const dy_dict *d, uint32_t node, int kind) {
  if (node == DY_NONODE) return NULL;
  for (uint32_t e = d->phrases.payload[node]; e != DY_NONODE; e = d->ents.v[e].next)
    if (d->ents.v[e].kind == kind) return &d->ents.v[e];
  return NULL;
}

const char *dy_actor_role(const actor_ent *a, int32_t date) {
  /* Dated roles first, in dictionary order; an undated role is the
  ** default when none of them covers the date ("SAM_GAMGEE [HOB]" then
  ** "[HOBCIV <20080120]" ...) and when the date is unknown (0). */
  if (date) {
    for (int32_t i = 0; i < a->ncodes; i++) {
      const actor_code *c = &a->codes[i];
      if ((c->from || c->to != INT32_MAX) && date >= c->from && date <= c->to) return c->code;
    }
  }
  for (int32_t i = 0; i < a->ncodes; i++) {
    const actor_code *c = &a->codes[i];
    if (!c->from && c->to == INT32_MAX) return c->code;
  }
  /* No date and no undated role: the role listed last, the most recent. */
  if (date == 0 && a->ncodes) return a->codes[a->ncodes - 1].code;
  return NULL;
}

const char *dy_dict_actor_code(const dy_dict *d, const char *phrase, int32_t date) {
  const phrase_ent *e = node_ent(d, phrase_node(d, phrase), PH_ACTOR);
  return e ? dy_actor_role(&d->actors.v[e->ref], date) : NULL;
}

/* Lower-case words that belong inside personal names. */
static int is_name_particle(const char *w) {
  static const char *const p[] = { "al", "bin", "da", "das", "de", "del", "della", "den",
                                   "der", "di", "do", "dos", "du", "el", "ibn", "la", "le",
                                   "ten", "ter", "van", "von" };
  for (size_t i = 0; i < DY_ARRAY_LEN(p); i++)
    if (strcmp(w, p[i]) == 0) return 1;
  return 0;
}

int dy_dict_mark_names(const dy_dict *d, const char *const *forms, int n, unsigned char *mask) {
  int marked = 0;
  if (!d->phrases.n_nodes) return 0;
  for (int i = 0; i < n; i++) {
    uint32_t node = 0;
    int end = -1;
    for (int j = i; j < n; j++) {
      /* every word capitalised but name particles inside ("Lula da Silva") */
      unsigned char c0 = (unsigned char)forms[j][0];
      int cap = c0 >= 'A' && c0 <= 'Z';
      if (!cap && (j == i || !is_name_particle(forms[j]))) break;
      uint32_t w = dy_wordtab_get((wordtab *)&d->words, NULL, forms[j], strlen(forms[j]), 0, NULL);
      if (w == DY_NOWORD) break;
      node = dy_trie_child(&d->phrases, node, w);
      if (node == DY_NONODE) break;
      if (j > i && cap && node_ent(d, node, PH_ACTOR)) end = j;
    }
    for (int j = i; j <= end; j++) marked += !mask[j], mask[j] = j == i ? 1 : 2;
    if (end >= 0) i = end;
  }
  return marked;
}

const char *dy_dict_agent_code(const dy_dict *d, const char *phrase, int *prefix) {
  const phrase_ent *e = node_ent(d, phrase_node(d, phrase), PH_AGENT);
  if (!e) return NULL;
  if (prefix) *prefix = d->agents.v[e->ref].prefix;
  return d->agents.v[e->ref].code;
}

void dy_dict_warn(dy_dict *d, const char *file, int32_t line, const char *fmt, ...) {
  if (d->warnings < DY_ARRAY_LEN(d->warn)) {
    char buf[600];
    int k = snprintf(buf, sizeof buf, "%s:%d: ", file, (int)line);
    va_list ap;
    va_start(ap, fmt);
    if (k > 0 && (size_t)k < sizeof buf) vsnprintf(buf + k, sizeof buf - (size_t)k, fmt, ap);
    va_end(ap);
    d->warn[d->warnings] = dy_arena_strndup(d->arena, buf, strlen(buf));
  }
  d->warnings++;
}

uint32_t dy_dict_warning_count(const dy_dict *d) { return d->warnings; }

const char *dy_dict_warning(const dy_dict *d, uint32_t i) {
  return i < d->warnings && i < DY_ARRAY_LEN(d->warn) ? d->warn[i] : NULL;
}
