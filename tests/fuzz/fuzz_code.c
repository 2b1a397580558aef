/*
** fuzz_code.c: libFuzzer target for the event coder. The bytes are read as
** CoNLL-U (any tree the reader accepts is a tree a user may hand to
** 'dyad code --conllu'); every sentence is coded by the PETRARCH-compatible
** coder and by the news coder, with and without document hints, explained,
** and each word's phrase resolved. Small dictionaries written here cover
** patterns, synsets, agents, dated actors, discards and issues, so that
** the fuzzer's trees reach every part of the coder. Each event must name
** words inside the sentence. The sentence's words also go through
** dy_dict_mark_names(), whose count must match the words it marked, each
** name's later words (2) following its first (1).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad/code.h"
#include "dyad/conllu.h"
#include "dyad/dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char verbs[] =
    "&TIETYPES\n+MILITARY\n+ECONOMIC\n\n"
    "--- RESTORE [050] ---\nRESTORE\n- * {&TIETYPES TIES} [051]\n\n"
    "--- ARRIVE [042:043] ---\nARRIVE\n- * (IN) [042:043]\n\n"
    "--- CONDEMN [111] ---\nCONDEMN\n- * ATTACK (BY) [112]\n- % * [111]\n\n"
    "--- SCHEDULE [---] ---\nSCHEDULE\n- * MEETING [036:036]\n\n"
    "--- SAY [010] ---\nSAY {SAYS SAID SAYING}\n\n"
    "--- APPEAR [---] ---\nAPPEAR\n- * (BEFORE COURT) [:173]\n\n"
    "--- MEET [040] ---\nMEET {MEETS MET MEETING}\n- * (BETWEEN) [046:046]\n\n"
    "--- VISIT [042:043] ---\nVISIT\n\n"
    "--- COOPERATE [050] ---\nCOOPERATE\n- + * $ [050:050]\n";

static const char actors[] =
    "ARNOR_ [ARN]\n+ARNORIAN\nGONDOR_ [GON]\n+GONDORIAN\nOSGILIATH_ [OSG]\n"
    "SAM_GAMGEE [HOB]\n\t[HOBCIV <20080120]\n\t[HOBMIL 20080120-20121109]\n"
    "PEOPLE_'S_REPUBLIC_OF_GONDOR [GON]\nARAGORN_ELESSAR_ [GONGOV]\n";

static const char agents[] =
    "!PERSON! = MAN, MEN\nGOVERNMENT [~GOV]\nSOLDIER [~MIL]\nMSF {} [NGO~]\n"
    "CONGRESS!PERSON! [~LEG]\nLEADER [~GOV]\nCHAIRMAN [~GOV]\nPEOPLE [~PPL]\n";

static const char discards[] = "+TYPHOON\nBASEBALL # sports\n";

static const char issues[] = "NUCLEAR [NUCLEAR]\n";

static dy_dict *dict;
static dy_codebook *book;
static dy_coder *plain, *news;

static void setup(void) {
  dy_error err;
  dict = dy_dict_new();
  book = dy_codebook_new();
  if (!dict || !book ||
      dy_dict_load_mem(dict, DY_DICT_VERBS, verbs, strlen(verbs), "verbs", &err) ||
      dy_dict_load_mem(dict, DY_DICT_ACTORS, actors, strlen(actors), "actors", &err) ||
      dy_dict_load_mem(dict, DY_DICT_AGENTS, agents, strlen(agents), "agents", &err) ||
      dy_dict_load_mem(dict, DY_DICT_DISCARDS, discards, strlen(discards), "discards", &err) ||
      dy_dict_load_mem(dict, DY_DICT_ISSUES, issues, strlen(issues), "issues", &err)) {
    fprintf(stderr, "fuzz_code: dictionaries do not load\n");
    abort();
  }
  dy_coder_opts po = { 1, 0 }, no = { 0, 1 };
  plain = dy_coder_new(dict, book, &po);
  news = dy_coder_new(dict, book, &no);
  if (!plain || !news) abort();
}

/* Every event names words of s (or none), and a known code. */
static void check(const dy_sentence *s, const dy_code_result *r) {
  for (int i = 0; i < r->n; i++) {
    const dy_event *e = &r->ev[i];
    if (!e->source || !e->target || !e->code) abort();
    const dy_span *sp[2] = { &e->source_span, &e->target_span };
    int bad = e->verb < 0 || e->verb > s->n;
    for (int k = 0; k < 2; k++)
      bad |= sp[k]->first < 0 || sp[k]->last > s->n || sp[k]->first > sp[k]->last;
    if (bad) {
      fprintf(stderr, "event %d: verb %d, spans %d-%d and %d-%d, of %d words\n", i, e->verb,
              sp[0]->first, sp[0]->last, sp[1]->first, sp[1]->last, s->n);
      abort();
    }
  }
}

static void code_one(const dy_sentence *s, dy_arena *a) {
  dy_code_result r;
  dy_error err;
  dy_code_hint *hints = dy_arena_calloc(a, (size_t)s->n + 2, sizeof *hints);
  if (!hints) abort();
  for (int t = 1; t <= s->n; t++) {
    hints[t].code = "ARNGOV";
    hints[t].kind = 1 + (t & 1);
  }
  const dy_coder *coders[] = { plain, news };
  for (int k = 0; k < 2; k++) {
    if (dy_code_sentence(coders[k], s, a, &r, &err) != DY_OK) abort();
    check(s, &r);
    if (dy_code_sentence_hints(coders[k], s, hints, a, &r, &err) != DY_OK) abort();
    check(s, &r);
  }
  FILE *sink = fopen("/dev/null", "w");
  if (!sink) abort();
  if (dy_code_explain(news, s, hints, a, sink, &r, &err) != DY_OK) abort();
  check(s, &r);
  fclose(sink);
  for (int t = 1; t <= s->n; t++) dy_code_phrase(news, s, t, a);
  /* The names a tagger is told of: only words of the sentence, each once. */
  const char **forms = dy_arena_alloc(a, sizeof *forms * ((size_t)s->n + 1));
  unsigned char *mask = dy_arena_calloc(a, (size_t)s->n + 1, 1);
  if (!forms || !mask) abort();
  for (int t = 0; t < s->n; t++) forms[t] = s->tok[t].form;
  int marked = dy_dict_mark_names(dict, forms, s->n, mask), count = 0;
  for (int t = 0; t < s->n; t++) {
    count += mask[t] != 0;
    if (mask[t] > 2 || (mask[t] == 2 && (t == 0 || !mask[t - 1]))) abort();
  }
  if (marked != count) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!dict) setup();
  dy_arena *a = dy_arena_new(4096);
  if (!a) return 0;
  dy_conllu_reader *r = dy_conllu_open_mem((const char *)data, size, "fuzz");
  if (!r) {
    dy_arena_free(a);
    return 0;
  }
  for (size_t i = 0; i < size + 2; i++) {
    dy_sentence *s;
    dy_error err;
    dy_arena_reset(a);
    dy_status st = dy_conllu_next(r, a, &s, &err);
    if (st == DY_OK && !s) break;
    if (st == DY_OK) code_one(s, a);
    else if (st != DY_EPARSE) abort();
  }
  dy_conllu_close(r);
  dy_arena_free(a);
  return 0;
}
