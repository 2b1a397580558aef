/*
** test_news.c: dyad end to end on news-style text, against events coded by
** hand. tests/data/news/news40.txt holds items written for this test (one or
** two sentences each: visits, meetings, agreements, sanctions, protests,
** attacks, arrests, passive voice, negation, compounds, pronouns, and items
** with no event) and the events a careful CAMEO coder writes down for them.
** Each item goes through the whole pipeline (dy_pipe_code: normalize, parse,
** code, pronouns) as one document dated as the item says, with the actor
** supplement loaded before the standard dictionaries, dyad's agent supplement
** after them, and the coding ontology for negated verbs, as `dyad code` does.
**
** An event matches a gold event when source, target and CAMEO code are all
** equal (exact); the lenient score compares the two-digit root of the code.
** Each item's misses and false alarms are printed as '#' lines, then
** precision, recall and F1; the test asserts floors a few points below the
** measured figures (see NEWS_MIN_* below), so that a regression fails it.
**
** The gold file's own form is checked always; the end-to-end test needs the
** parsing model ($DYAD_MODEL, else build/en_ewt.model) and the reference data
** ($DYAD_DATA, else ../shared/data) and is left out of the plan, with a '#'
** line saying so, when either is missing. Tests run from the repository root.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "dyad/arena.h"
#include "dyad/code.h"
#include "dyad/dict.h"
#include "dyad/doc.h"
#include "dyad/model.h"
#include "dyad/parse.h"
#include "dyad/pipe.h"
#include "helpers.h"

#define GOLD "tests/data/news/news40.txt"
#define SUPPLEMENT "data/actors/dyad.actors.txt"
#define AGENTS "data/actors/dyad.agents.txt"
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Floors, in percent, below what dyad measured when they were last raised
** (exact precision 60.8, recall 54.9; root level 75.7 and 68.3; model v4,
** the news-mode meeting, visit and arrival rules of coder.c, and dictionary
** names tagged as proper nouns). The figures move with the parsing model:
** thirteen trainings that differed only in tagger and parser settings or
** the order of the training sentences gave exact F1 50.6 to 57.7; with
** dictionary names parsed as one word, six of them gave 55.5 to 58.2. The
** default model of the three-round tagger measures precision 56.6, recall
** 52.4 (F1 54.4) and root 72.4 / 67.1 (F1 69.6). Most misses are parse errors and dictionary choices (listed
** by the test's '#' lines); raise the floors when dyad improves, never
** above the measured figures. */
#define NEWS_MIN_PRECISION 56.0
#define NEWS_MIN_RECALL 50.0
#define NEWS_MIN_ROOT_PRECISION 71.0
#define NEWS_MIN_ROOT_RECALL 63.0

#define MAX_ITEMS 100
#define MAX_GOLD 12

typedef struct gold_event {
  char source[32], code[8], target[32];
} gold_event;

typedef struct item {
  char id[16];
  int32_t date;       /* YYYYMMDD */
  long line;          /* line of "# id:" in the gold file */
  char text[1024];
  int n_gold;
  gold_event gold[MAX_GOLD];
} item;

static item items[MAX_ITEMS];
static int n_items;

/* ---- the gold file --------------------------------------------------------- */

static void chomp(char *s) {
  size_t n = strlen(s);
  while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
    s[--n] = 0;
}

static int32_t parse_date(const char *s) {
  int y, m, d;
  if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3) return 0;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31) return 0;
  return y * 10000 + m * 100 + d;
}

static int is_code(const char *s) {
  size_t n = strlen(s);
  if (n < 2 || n > 4) return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return 1;
}

static int is_actor(const char *s) {
  size_t n = strlen(s);
  if (n < 3) return 0;
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9'))) return 0;
  return 1;
}

/* Read the gold file into items[]; a malformed line is reported and counted
** in *bad. Returns 0, or -1 when the file cannot be opened. */
static int read_gold(const char *path, int *bad) {
  FILE *f = fopen(path, "r");
  *bad = 0;
  n_items = 0;
  if (!f) return -1;
  char line[2048];
  long ln = 0;
  item *cur = NULL;
  while (fgets(line, sizeof line, f)) {
    ln++;
    chomp(line);
    if (!line[0]) continue;
    if (strncmp(line, "# id:", 5) == 0) {
      if (n_items == MAX_ITEMS) {
        fprintf(stderr, "# %s:%ld: more than %d items\n", path, ln, MAX_ITEMS);
        (*bad)++;
        break;
      }
      cur = &items[n_items++];
      memset(cur, 0, sizeof *cur);
      const char *p = line + 5;
      while (*p == ' ') p++;
      snprintf(cur->id, sizeof cur->id, "%.15s", p);
      cur->line = ln;
      continue;
    }
    if (!cur) continue; /* the file's header */
    if (strncmp(line, "# date:", 7) == 0) {
      cur->date = parse_date(line + 7 + strspn(line + 7, " "));
      if (!cur->date) {
        fprintf(stderr, "# %s:%ld: bad date\n", path, ln);
        (*bad)++;
      }
      continue;
    }
    if (line[0] == '#') continue; /* notes */
    if (line[0] == '=') {
      gold_event g;
      char extra[8] = "";
      int k = sscanf(line + 1, "%31s %7s %31s %7s", g.source, g.code, g.target, extra);
      if (k != 3 || !is_actor(g.source) || !is_code(g.code) || !is_actor(g.target)) {
        fprintf(stderr, "# %s:%ld: bad event line\n", path, ln);
        (*bad)++;
        continue;
      }
      if (cur->n_gold == MAX_GOLD) {
        fprintf(stderr, "# %s:%ld: too many events\n", path, ln);
        (*bad)++;
        continue;
      }
      cur->gold[cur->n_gold++] = g;
      continue;
    }
    if (cur->text[0]) {
      fprintf(stderr, "# %s:%ld: item %s has two text lines\n", path, ln, cur->id);
      (*bad)++;
      continue;
    }
    if (strlen(line) >= sizeof cur->text) {
      fprintf(stderr, "# %s:%ld: text too long\n", path, ln);
      (*bad)++;
      continue;
    }
    memcpy(cur->text, line, strlen(line) + 1);
  }
  fclose(f);
  for (int i = 0; i < n_items; i++) {
    if (!items[i].date || !items[i].text[0]) {
      fprintf(stderr, "# %s:%ld: item %s lacks a date or a text\n", path, items[i].line,
              items[i].id);
      (*bad)++;
    }
    for (int j = 0; j < i; j++)
      if (strcmp(items[i].id, items[j].id) == 0) {
        fprintf(stderr, "# %s:%ld: id %s used twice\n", path, items[i].line, items[i].id);
        (*bad)++;
      }
  }
  return 0;
}

/* The gold file reads, has at least 40 items covering both events and
** no-event items, and every event line is well formed. */
static void test_news_gold_file(void **state) {
  (void)state;
  int bad;
  assert_int_equal(read_gold(GOLD, &bad), 0);
  assert_int_equal(bad, 0);
  assert_true(n_items >= 40);
  int events = 0, empty = 0;
  for (int i = 0; i < n_items; i++) {
    events += items[i].n_gold;
    empty += items[i].n_gold == 0;
  }
  assert_true(events >= 40);
  assert_true(empty >= 5);
}

/* ---- end to end ------------------------------------------------------------ */

typedef struct env {
  dy_model *model;
  dy_dict *dict;
  dy_codebook *cb;
  char model_path[1024];
  char data_dir[1024];
} env;

static env E;

static const char *model_path(void) {
  const char *p = getenv("DYAD_MODEL");
  return p && *p ? p : "build/en_ewt.model";
}

static int readable(const char *path) {
  return access(path, R_OK) == 0;
}

/* Load model, dictionaries and codebook; on failure say why in why[] and
** return -1 (the end-to-end test is then left out). */
static int env_load(char *why, size_t size) {
  dy_error err;
  char path[1200];
  snprintf(E.model_path, sizeof E.model_path, "%s", model_path());
  snprintf(E.data_dir, sizeof E.data_dir, "%s", test_data_dir());
  if (!readable(E.model_path)) {
    snprintf(why, size, "no parsing model at %.1000s", E.model_path);
    return -1;
  }
  snprintf(path, sizeof path, "%s/dictionaries/cameo/CAMEO.2.0.txt", E.data_dir);
  if (!readable(path)) {
    snprintf(why, size, "reference data not found (%.1100s)", path);
    return -1;
  }
  dy_error_clear(&err);
  if (dy_model_load(E.model_path, &E.model, &err) != DY_OK) {
    snprintf(why, size, "model %.400s not loaded: %.400s", E.model_path, err.message);
    E.model = NULL;
    return -1;
  }
  E.dict = dy_dict_new();
  E.cb = dy_codebook_new();
  if (!E.dict || !E.cb) {
    snprintf(why, size, "out of memory");
    return -1;
  }
  /* The supplement first: a phrase keeps the first meaning read. */
  if (dy_dict_load(E.dict, DY_DICT_ACTORS, SUPPLEMENT, &err) != DY_OK) {
    snprintf(why, size, "%.400s:%ld: %.400s", err.file, err.line, err.message);
    return -1;
  }
  snprintf(path, sizeof path, "%s/dictionaries/cameo", E.data_dir);
  if (dy_dict_load_standard(E.dict, path, &err) != DY_OK) {
    snprintf(why, size, "%.400s:%ld: %.400s", err.file, err.line, err.message);
    return -1;
  }
  /* ... and dyad's agent supplement after Phoenix's agents, as `dyad code`. */
  if (readable(AGENTS) && dy_dict_load(E.dict, DY_DICT_AGENTS, AGENTS, &err) != DY_OK) {
    snprintf(why, size, "%.400s:%ld: %.400s", err.file, err.line, err.message);
    return -1;
  }
  snprintf(path, sizeof path, "%s/validation/ud-unit/PETR.Internal.Coding.Ontology.txt",
           E.data_dir);
  if (dy_codebook_load_ontology(E.cb, path, &err) != DY_OK) {
    snprintf(why, size, "%.400s:%ld: %.400s", err.file, err.line, err.message);
    return -1;
  }
  return 0;
}

static void env_free(void) {
  dy_codebook_free(E.cb);
  dy_dict_free(E.dict);
  dy_model_free(E.model);
  memset(&E, 0, sizeof E);
}

static int same_root(const char *a, const char *b) {
  return strncmp(a, b, 2) == 0;
}

/* Match dyad's events against the gold of one item: how many match,
** exactly (root 0) or on the root code (root 1). Matching is a multiset
** intersection: each gold event pairs with at most one of dyad's. */
static int count_matches(const item *it, const dy_doc_result *r, int root, int *gold_hit,
                         int *ev_hit) {
  int m = 0;
  for (int g = 0; g < it->n_gold; g++) gold_hit[g] = 0;
  for (int e = 0; e < r->n_ev; e++) ev_hit[e] = 0;
  for (int g = 0; g < it->n_gold; g++) {
    const gold_event *ge = &it->gold[g];
    for (int e = 0; e < r->n_ev; e++) {
      const dy_doc_event *de = &r->ev[e];
      if (ev_hit[e]) continue;
      if (strcmp(de->source, ge->source) || strcmp(de->target, ge->target)) continue;
      if (root ? !same_root(de->code, ge->code) : strcmp(de->code, ge->code) != 0) continue;
      gold_hit[g] = ev_hit[e] = 1;
      m++;
      break;
    }
  }
  return m;
}

static double pct(int num, int den) {
  return den ? 100.0 * num / den : 0.0;
}

static double f1(double p, double r) {
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

/* A name the dictionaries know is parsed as one word: its other words hang
** from its first as flat and nothing else hangs from them, whatever the
** trained model would have made of "Brazilian President Luiz Inacio ...". */
static void test_news_names_parse_as_one_word(void **state) {
  (void)state;
  static const char text[] =
      "Brazilian President Luiz Inacio Lula da Silva met Xi Jinping in Beijing on Monday.";
  dy_arena *a = dy_arena_new(0);
  assert_non_null(a);
  dy_sentence *sv;
  int32_t ns;
  assert_int_equal(dy_parse_text_names(E.model, text, strlen(text), E.dict, a, &sv, &ns, NULL),
                   DY_OK);
  assert_int_equal(ns, 1);
  const dy_sentence *s = &sv[0];
  assert_int_equal(s->n, 15);
  /* Luiz(3) Inacio Lula da Silva(7); Xi(9) Jinping(10) */
  static const int first[] = { 3, 9 }, last[] = { 7, 10 };
  for (int k = 0; k < 2; k++) {
    for (int i = first[k] + 1; i <= last[k]; i++) {
      assert_int_equal(s->tok[i - 1].head, first[k]);
      assert_int_equal(s->tok[i - 1].deprel, DY_DEP_FLAT);
      assert_int_equal(s->tok[i - 1].upos, DY_UPOS_PROPN);
    }
    for (int i = 1; i <= s->n; i++) {
      int h = s->tok[i - 1].head;
      if (h > first[k] && h <= last[k]) assert_true(i > first[k] && i <= last[k]);
    }
    assert_true(s->tok[first[k] - 1].head < first[k] || s->tok[first[k] - 1].head > last[k]);
  }
  /* without the dictionaries the same text parses too (the words are the same) */
  dy_sentence *sv2;
  assert_int_equal(dy_parse_text(E.model, text, strlen(text), a, &sv2, &ns, NULL), DY_OK);
  assert_int_equal(ns, 1);
  assert_int_equal(sv2[0].n, 15);
  dy_arena_free(a);
}

static void test_news_end_to_end(void **state) {
  (void)state;
  int bad;
  assert_int_equal(read_gold(GOLD, &bad), 0);
  assert_int_equal(bad, 0);
  dy_pipe *pipe = dy_pipe_new(E.model, E.dict, E.cb, 1);
  assert_non_null(pipe);
  int n_gold = 0, n_sys = 0, exact = 0, rootm = 0, items_ok = 0;
  for (int i = 0; i < n_items; i++) {
    const item *it = &items[i];
    dy_arena *a = dy_arena_new(0);
    assert_non_null(a);
    dy_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = it->id;
    doc.title = "";
    doc.source = "";
    doc.url = "";
    doc.date = it->date;
    doc.text = it->text;
    doc.text_len = strlen(it->text);
    doc.origin = GOLD;
    doc.origin_line = it->line;
    dy_doc_result r;
    memset(&r, 0, sizeof r);
    dy_error err;
    dy_error_clear(&err);
    dy_status st = dy_pipe_code(pipe, &doc, a, &r, &err);
    if (st != DY_OK) fprintf(stderr, "# %s: %s\n", it->id, err.message);
    assert_int_equal(st, DY_OK);

    int gold_hit[MAX_GOLD], *ev_hit = calloc((size_t)r.n_ev + 1, sizeof *ev_hit);
    int rgold_hit[MAX_GOLD], *rev_hit = calloc((size_t)r.n_ev + 1, sizeof *rev_hit);
    assert_non_null(ev_hit);
    assert_non_null(rev_hit);
    int m = count_matches(it, &r, 0, gold_hit, ev_hit);
    int mr = count_matches(it, &r, 1, rgold_hit, rev_hit);
    n_gold += it->n_gold;
    n_sys += r.n_ev;
    exact += m;
    rootm += mr;
    if (m == it->n_gold && m == r.n_ev) {
      items_ok++;
    } else {
      for (int g = 0; g < it->n_gold; g++)
        if (!gold_hit[g])
          fprintf(stderr, "# %s: missed %s %s %s%s\n", it->id, it->gold[g].source,
                  it->gold[g].code, it->gold[g].target,
                  rgold_hit[g] ? " (root matched)" : "");
      for (int e = 0; e < r.n_ev; e++)
        if (!ev_hit[e]) {
          const dy_doc_event *de = &r.ev[e];
          fprintf(stderr, "# %s: extra   %s %s %s%s  [%s | %s | %s]\n", it->id, de->source,
                  de->code, de->target, rev_hit[e] ? " (root matched)" : "",
                  de->source_text, de->verb_text, de->target_text);
        }
    }
    free(ev_hit);
    free(rev_hit);
    dy_arena_free(a);
  }
  dy_pipe_free(pipe);

  double p = pct(exact, n_sys), rc = pct(exact, n_gold);
  double pr = pct(rootm, n_sys), rr = pct(rootm, n_gold);
  fprintf(stderr, "# %d items, %d all right; %d gold events, %d coded\n", n_items, items_ok,
          n_gold, n_sys);
  fprintf(stderr, "# exact:      %d matched  precision %.1f%%  recall %.1f%%  F1 %.1f\n",
          exact, p, rc, f1(p, rc));
  fprintf(stderr, "# root level: %d matched  precision %.1f%%  recall %.1f%%  F1 %.1f\n",
          rootm, pr, rr, f1(pr, rr));
  fprintf(stderr, "# floors: precision %.0f%% recall %.0f%% (root %.0f%% / %.0f%%)\n",
          NEWS_MIN_PRECISION, NEWS_MIN_RECALL, NEWS_MIN_ROOT_PRECISION, NEWS_MIN_ROOT_RECALL);
  assert_true(p >= NEWS_MIN_PRECISION);
  assert_true(rc >= NEWS_MIN_RECALL);
  assert_true(pr >= NEWS_MIN_ROOT_PRECISION);
  assert_true(rr >= NEWS_MIN_ROOT_RECALL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_news_gold_file),
    cmocka_unit_test(test_news_names_parse_as_one_word),
    cmocka_unit_test(test_news_end_to_end),
  };
  /* cmocka 1.1.5 prints a skipped test as "not ok N # SKIP", which prove
  ** counts as a failure; so without the model or the data the two tests
  ** that need them are left out of the plan and named here instead. */
  size_t n = ARRAY_LEN(tests);
  char why[1400];
  if (env_load(why, sizeof why) != 0) {
    printf("# %s: the end-to-end news tests are not run\n", why);
    n -= 2;
  }
  cmocka_set_message_output(CM_OUTPUT_TAP);
  int rc = _cmocka_run_group_tests("tests", tests, n, NULL, NULL);
  env_free();
  return rc;
}
