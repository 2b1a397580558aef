/*
** sentence.c: names of UD tags and relations, the UD v1 -> v2 label map
** applied on input, and FEATS lookup.
**
** v1 -> v2 (UD guidelines, "Changes from v1 to v2"): dobj -> obj,
** nsubjpass -> nsubj:pass, csubjpass -> csubj:pass, auxpass -> aux:pass,
** name -> flat, mwe -> fixed, remnant -> orphan, foreign -> flat:foreign,
** neg -> advmod (the token remembers it was "neg"), CONJ -> CCONJ. The
** nmod -> obl change depends on the head and is done by the readers.
*/
#include <string.h>
#include "dyad/sentence.h"
#include "../util/util.h"

static const char *const upos_names[DY_UPOS_COUNT] = {
  "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
  "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"
};

static const char *const dep_names[DY_DEP_COUNT] = {
  "_", "acl", "advcl", "advmod", "amod", "appos", "aux", "case", "cc",
  "ccomp", "clf", "compound", "conj", "cop", "csubj", "dep", "det",
  "discourse", "dislocated", "expl", "fixed", "flat", "goeswith", "iobj",
  "list", "mark", "nmod", "nsubj", "nummod", "obj", "obl", "orphan",
  "parataxis", "punct", "reparandum", "root", "vocative", "xcomp"
};

/* UD v1 relation names and what they become. */
static const struct { const char *v1; int rel; const char *sub; } v1_rels[] = {
  { "dobj", DY_DEP_OBJ, NULL },
  { "nsubjpass", DY_DEP_NSUBJ, "pass" },
  { "csubjpass", DY_DEP_CSUBJ, "pass" },
  { "auxpass", DY_DEP_AUX, "pass" },
  { "name", DY_DEP_FLAT, NULL },
  { "mwe", DY_DEP_FIXED, NULL },
  { "remnant", DY_DEP_ORPHAN, NULL },
  { "foreign", DY_DEP_FLAT, "foreign" },
  { "neg", DY_DEP_ADVMOD, NULL },
};

const char *dy_upos_name(int upos) {
  return (upos >= 0 && upos < DY_UPOS_COUNT) ? upos_names[upos] : "_";
}

const char *dy_deprel_name(int rel) {
  return (rel >= 0 && rel < DY_DEP_COUNT) ? dep_names[rel] : "_";
}

static int name_eq(const char *z, const char *s, size_t n) {
  return strlen(z) == n && memcmp(z, s, n) == 0;
}

int dy_upos_from_name(const char *s, size_t n) {
  for (int i = 1; i < DY_UPOS_COUNT; i++)
    if (name_eq(upos_names[i], s, n)) return i;
  if (name_eq("CONJ", s, n)) return DY_UPOS_CCONJ;
  return DY_UPOS_NONE;
}

int dy_deprel_from_name(const char *s, size_t n, const char **subrel) {
  if (subrel) *subrel = NULL;
  for (int i = 1; i < DY_DEP_COUNT; i++)
    if (name_eq(dep_names[i], s, n)) return i;
  for (size_t i = 0; i < DY_ARRAY_LEN(v1_rels); i++) {
    if (name_eq(v1_rels[i].v1, s, n)) {
      if (subrel) *subrel = v1_rels[i].sub;
      return v1_rels[i].rel;
    }
  }
  return DY_DEP_NONE;
}

int dy_token_feat(const dy_token *tok, const char *key, char *buf, size_t size) {
  size_t klen = strlen(key);
  const char *p = tok->feats;
  if (size) buf[0] = 0;
  while (p && *p) {
    const char *end = strchr(p, '|');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    if (len > klen && p[klen] == '=' && memcmp(p, key, klen) == 0) {
      size_t vlen = len - klen - 1;
      if (size) {
        if (vlen >= size) vlen = size - 1;
        memcpy(buf, p + klen + 1, vlen);
        buf[vlen] = 0;
      }
      return 1;
    }
    p = end ? end + 1 : NULL;
  }
  return 0;
}
