/*
** fuzz_parse.c: libFuzzer target for the whole parser on raw text, with
** the dictionaries' names (dy_parse_text_names). Any bytes must give
** sentences whose trees are trees: every head inside the sentence, one
** root, no cycle; and the words after the first of a name the dictionaries
** know must hang from that first word as flat (names are parsed as one
** word and spread out again).
**
** The model is the one `make` trains ($DYAD_MODEL, else
** build/en_ewt.model; run from the repository root).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad/dict.h"
#include "dyad/model.h"
#include "dyad/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char actors[] =
    "ARAGORN_ELESSAR_ [GONGOV]\nLUIZ_INACIO_LULA_DA_SILVA_ [BRAGOV]\nXI_JINPING_ [CHNGOV]\n"
    "URSULA_VON_DER_LEYEN_ [IGOEUREEC]\nSAM_GAMGEE [HOB]\nNEW_DELHI [IND]\nGONDOR_ [GON]\n";

static dy_dict *dict;
static dy_model *model;

static void setup(void) {
  dy_error err;
  const char *path = getenv("DYAD_MODEL");
  if (!path || !*path) path = "build/en_ewt.model";
  dict = dy_dict_new();
  if (!dict || dy_dict_load_mem(dict, DY_DICT_ACTORS, actors, strlen(actors), "actors", &err)) {
    fprintf(stderr, "fuzz_parse: the dictionary does not load\n");
    abort();
  }
  if (dy_model_load(path, &model, &err) != DY_OK) {
    fprintf(stderr, "fuzz_parse: %s: %s (run 'make' first)\n", path, err.message);
    abort();
  }
}

/* Abort unless the n tokens form one tree. */
static void check_tree(const dy_sentence *s) {
  int roots = 0;
  for (int i = 0; i < s->n; i++) {
    int h = s->tok[i].head;
    if (h < 0 || h > s->n || h == i + 1) abort();
    roots += h == 0;
  }
  if (roots != 1) abort();
  for (int i = 0; i < s->n; i++) {
    int k = i + 1, steps = 0;
    while (k != 0) {
      k = s->tok[k - 1].head;
      if (++steps > s->n) abort(); /* a cycle */
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!model) setup();
  if (size > 4096) return 0;
  dy_arena *a = dy_arena_new(0);
  if (!a) abort();
  dy_sentence *sv;
  int32_t n;
  if (dy_parse_text_names(model, (const char *)data, size, dict, a, &sv, &n, NULL) != DY_OK)
    abort();
  for (int32_t i = 0; i < n; i++) {
    const dy_sentence *s = &sv[i];
    check_tree(s);
    const char **forms = dy_arena_alloc(a, sizeof *forms * (size_t)s->n + 1);
    unsigned char *mask = dy_arena_calloc(a, (size_t)s->n + 1, 1);
    if (!forms || !mask) abort();
    for (int k = 0; k < s->n; k++) forms[k] = s->tok[k].form;
    dy_dict_mark_names(dict, forms, s->n, mask);
    for (int k = 0, first = -1; k < s->n; k++) {
      if (mask[k] == 1) first = k;
      else if (mask[k] == 2 && first >= 0) {
        if (s->tok[k].head != first + 1 || s->tok[k].deprel != DY_DEP_FLAT) abort();
      } else first = -1;
    }
  }
  dy_arena_free(a);
  return 0;
}
