/*
** test_dict.c: the dictionary readers: every construct of the PETRARCH
** formats, date restrictions, agents and their plurals, warnings for the
** shipped files' typos, errors with their lines, and (when the data folder
** is there) the full standard set.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "dyad/dict.h"
#include "../src/dict/internal.h"
#include "helpers.h"

static dy_dict *load(dy_dict_kind kind, const char *text, dy_status want, long want_line) {
  dy_dict *d = dy_dict_new();
  dy_error err;
  dy_error_clear(&err);
  dy_status st = dy_dict_load_mem(d, kind, text, strlen(text), "t.txt", &err);
  if (st != want) fprintf(stderr, "# got %d: %s (line %ld)\n", st, err.message, err.line);
  assert_int_equal(st, want);
  if (want != DY_OK) {
    assert_int_equal(err.line, want_line);
    assert_string_equal(err.file, "t.txt");
    assert_true(err.message[0] != 0);
  }
  return d;
}

/* The verb form of word w, or NULL. */
static const verb_form *form_of(const dy_dict *d, const char *w) {
  uint32_t id = dy_wordtab_get((wordtab *)&d->words, NULL, w, strlen(w), 0, NULL);
  if (!id || id >= d->form_head_cap || d->form_head[id] == DY_NONODE) return NULL;
  return &d->forms.v[d->form_head[id]];
}

static void test_dict_verb_forms(void **state) {
  (void)state;
  dy_dict *d = load(DY_DICT_VERBS,
                    "# comment\n--- ARRIVE [042:043] ---\nARRIVE # regular forms\n"
                    "--- BREAK [120] ---\nBREAK { BROKE BROKEN  }\n"
                    "+BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN}\nWIRE_+TAP\nCLARIFY {CLARIFIES} [040]\n",
                    DY_OK, 0);
  const char *regular[] = { "ARRIVE", "ARRIVES", "ARRIVED", "ARRIVING" };
  for (int i = 0; i < 4; i++) assert_non_null(form_of(d, regular[i]));
  const verb_form *f = form_of(d, "ARRIVED");
  assert_string_equal(d->blocks.v[f->block].code, "042");
  assert_string_equal(d->blocks.v[f->block].code2, "043");
  /* With {} only the listed forms: no BREAKS, no BREAKING. */
  assert_non_null(form_of(d, "BROKEN"));
  assert_null(form_of(d, "BREAKING"));
  /* Multi-word verbs: the '+' word is the verb, the others fixed around it. */
  int down = 0;
  for (uint32_t i = 0; i < d->forms.n; i++) {
    const verb_form *m = &d->forms.v[i];
    if (m->nafter == 1 && m->after[0] == dy_wordtab_get(&d->words, NULL, "DOWN", 4, 0, NULL)) down++;
  }
  assert_int_equal(down, 3); /* BREAK_DOWN, BREAKS_DOWN, BROKE_DOWN */
  /* Regular forms of WIRE_+TAP are made on TAP, without doubling the P
  ** (the validation dictionary lists WIRE_+TAPPED itself). */
  f = form_of(d, "TAPS");
  assert_non_null(f);
  assert_int_equal(f->nbefore, 1);
  assert_null(form_of(d, "TAPPED"));
  assert_string_equal(form_of(d, "CLARIFY")->code, "040");
  dy_dict_free(d);
}

static void test_dict_patterns_and_synsets(void **state) {
  (void)state;
  dy_dict *d = load(DY_DICT_VERBS,
                    "&CURRENCY\n+DOLLAR\n+SWISS FRANCS\n+KRONER_\n&NOPL_\n+PEACE\n"
                    "&BOTH\n+&CURRENCY\n+CLOSER\n"
                    "--- GRANT [070] ---\nGRANT\n"
                    "- * &CURRENCY [071]\n"
                    "- % * {PEACE PLAN} (TO +) $ ^ [037:037]  # a note\n"
                    "- * (BEFORE COURT) [:173]\n"
                    "- * &UNDEFINED [072]\n"
                    "- * VENTURE (WITH VISIT) VISIT) [042:043]\n"
                    "- *SCEPTICAL [012]\n"
                    "* (TO QUESTION) [110]\n"
                    "~ a (a b ATTACK) SAY = a b 015\n",
                    DY_OK, 0);
  assert_int_equal(d->synsets.n, 3);
  /* DOLLAR gets its plural; KRONER_ does not; NOPL_ makes none. */
  const synset *cur = &d->synsets.v[0];
  assert_int_equal(cur->nphr, 5); /* DOLLAR DOLLARS SWISS_FRANCS SWISS_FRANCSES KRONER */
  assert_int_equal(d->synsets.v[1].nphr, 1);
  assert_int_equal(d->synsets.v[2].nphr, cur->nphr + 2);
  const verb_block *b = &d->blocks.v[0];
  assert_int_equal(b->npat, 6); /* the undefined synset's pattern is skipped */
  assert_string_equal(b->pats[1].code, "037");
  assert_string_equal(b->pats[1].code2, "037");
  assert_int_equal(b->pats[1].npre, 1);
  assert_int_equal(b->pats[1].pre[0].kind, PE_COMPOUND);
  assert_string_equal(b->pats[2].code, "---");
  assert_string_equal(b->pats[2].code2, "173");
  assert_int_equal(b->pats[5].npre, 0); /* a pattern line without "- " */
  assert_int_equal(dy_dict_warning_count(d), 2);
  assert_non_null(strstr(dy_dict_warning(d, 0), "&UNDEFINED"));
  assert_non_null(strstr(dy_dict_warning(d, 1), "t.txt:16:"));
  dy_dict_free(d);
}

static void test_dict_verb_errors_name_the_line(void **state) {
  (void)state;
  dy_dict_free(load(DY_DICT_VERBS, "--- A [010] ---\nA\n- NO STAR [010]\n", DY_EPARSE, 3));
  dy_dict_free(load(DY_DICT_VERBS, "--- A [010] ---\nA\n- * NO CODE\n", DY_EPARSE, 3));
  dy_dict_free(load(DY_DICT_VERBS, "\n- * X [010]\n", DY_EPARSE, 2));
  dy_dict_free(load(DY_DICT_VERBS, "--- A [010 ---\n", DY_EPARSE, 1));
  dy_dict_free(load(DY_DICT_VERBS, "--- A [010] ---\nA\n- * {X {Y}} [010]\n", DY_EPARSE, 3));
  dy_dict_free(load(DY_DICT_VERBS, "--- A [010] ---\nA\nB \xff\n", DY_EPARSE, 3));
  dy_dict_free(load(DY_DICT_VERBS, "--- A [010] ---\nA {AS\n", DY_EPARSE, 2));
}

static void test_dict_actor_date_restrictions(void **state) {
  (void)state;
  dy_dict *d = load(DY_DICT_ACTORS,
                    "<!-- header\n  comment -->\n"
                    "ALYAKSANDR_LUKASHENKA_  # CountryInfo.txt\n+ALEXANDER_LUKASHENKO\n"
                    "\t[BLRELI 720101-000101]\n\t[BLRGOV >940720]\n\t[BLRELI]\n"
                    "LI_KEQIANG_\n\t[CHNGOV 130315-230311]\n\t[CHNELI]\n"
                    "OLD_KING [XXX <650101]\n"
                    "ABN_AMRO_\t[NLDGOVBUS >081004][MNCNLD]\t# two roles on a line\n"
                    "A.H._BELO_\t[MNCMED]\tNewspapers/Magazines\t$137,000,000\n"
                    "BAD_DATE [KORGOVBUS 2004017-20061201]\n",
                    DY_OK, 0);
  assert_string_equal(dy_dict_actor_code(d, "Alexander Lukashenko", 20250603), "BLRGOV");
  assert_string_equal(dy_dict_actor_code(d, "ALYAKSANDR LUKASHENKA", 19800101), "BLRELI");
  /* Roles are tried in order: on 1994-07-20 the first, BLRELI until 2000,
  ** still holds; from 2000-01-02 BLRGOV does. */
  assert_string_equal(dy_dict_actor_code(d, "alexander lukashenko", 19940720), "BLRELI");
  assert_string_equal(dy_dict_actor_code(d, "alexander lukashenko", 20000102), "BLRGOV");
  assert_string_equal(dy_dict_actor_code(d, "Li Keqiang", 20230311), "CHNGOV");
  assert_string_equal(dy_dict_actor_code(d, "Li Keqiang", 20230312), "CHNELI");
  assert_string_equal(dy_dict_actor_code(d, "Li Keqiang", 20120101), "CHNELI");
  assert_string_equal(dy_dict_actor_code(d, "old king", 19640101), "XXX");
  assert_null(dy_dict_actor_code(d, "old king", 19650101));
  assert_string_equal(dy_dict_actor_code(d, "ABN AMRO", 20000101), "MNCNLD");
  assert_string_equal(dy_dict_actor_code(d, "ABN AMRO", 20090101), "NLDGOVBUS");
  assert_string_equal(dy_dict_actor_code(d, "A.H. BELO", 20090101), "MNCMED");
  assert_string_equal(dy_dict_actor_code(d, "bad date", 20090101), "KORGOVBUS");
  assert_null(dy_dict_actor_code(d, "Lukashenko", 20250603)); /* no such phrase */
  dy_dict_free(d);
  dy_dict_free(load(DY_DICT_ACTORS, "\t[ARN]\n", DY_EPARSE, 1));
  dy_dict_free(load(DY_DICT_ACTORS, "ARNOR [ARN\n", DY_EPARSE, 1));
  dy_dict_free(load(DY_DICT_ACTORS, "+ARNORIAN\n", DY_EPARSE, 1));
  dy_dict_free(load(DY_DICT_ACTORS, "A [B]\n<!-- never closed\n", DY_EPARSE, 2));
}

static void test_dict_mark_names(void **state) {
  (void)state;
  dy_dict *d = load(DY_DICT_ACTORS,
                    "XI_JINPING_ [CHNGOV]\nDONALD_TRUMP_ [USAGOV]\nCHINA_ [CHN]\n"
                    "PEOPLE'S_REPUBLIC_OF_CHINA [CHN]\nXI_AN_CITY [CHN]\n"
                    "LUIZ_INACIO_LULA_DA_SILVA_ [BRAGOV]\n",
                    DY_OK, 0);
  /* Two-word names written with capitals are marked, 1 on the first word
  ** and 2 on the rest; a name in lower case, a one-word actor and a phrase
  ** with a lower-case word other than a name particle are not; a prefix of
  ** a longer entry ("Xi" of "Xi An City") marks nothing alone. */
  const char *forms[] = { "He", "met", "Xi", "Jinping", "and", "donald", "Trump", "in",
                          "China", "and", "People's", "Republic", "of", "China", "Xi", "An" };
  const int n = (int)(sizeof forms / sizeof forms[0]);
  unsigned char mask[sizeof forms / sizeof forms[0]] = { 0 };
  assert_int_equal(dy_dict_mark_names(d, forms, n, mask), 2);
  for (int i = 0; i < n; i++) assert_int_equal(mask[i], i == 2 ? 1 : i == 3 ? 2 : 0);
  /* two names side by side stay two names */
  const char *trump[] = { "Donald", "Trump", "Xi", "Jinping" };
  unsigned char m2[4] = { 0 };
  assert_int_equal(dy_dict_mark_names(d, trump, 4, m2), 4);
  assert_memory_equal(m2, ((unsigned char[]){ 1, 2, 1, 2 }), 4);
  /* a particle inside a name, but not at its end */
  const char *lula[] = { "Luiz", "Inacio", "Lula", "da", "Silva", "da" };
  unsigned char m3[6] = { 0 };
  assert_int_equal(dy_dict_mark_names(d, lula, 6, m3), 5);
  assert_memory_equal(m3, ((unsigned char[]){ 1, 2, 2, 2, 2, 0 }), 6);
  dy_dict_free(d);
}

static void test_dict_agents_plurals_and_macros(void **state) {
  (void)state;
  dy_dict *d = load(DY_DICT_AGENTS,
                    "!PERSON! = MAN, MEN, WOMAN, WOMEN\n!MINST! = MINISTER, MINISTRY\n"
                    "POLICE {} [ ~COP]\nSOLDIER [~MIL]\nMILITARY_PARTY [~MIL]\n"
                    "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\n"
                    "CONGRESS!PERSON! [~LEG]\n!MINST!_OF_SILLY_WALKS [~GOV]\n"
                    "MSF {} [NGO~]\nDEPARMENT_OF_ENVIRONMENT [~ENV}\nISLAMIC_EXTREMIST\n",
                    DY_OK, 0);
  int prefix = -1;
  assert_string_equal(dy_dict_agent_code(d, "police", &prefix), "COP");
  assert_int_equal(prefix, 0);
  assert_null(dy_dict_agent_code(d, "polices", NULL)); /* {} means no plural */
  assert_string_equal(dy_dict_agent_code(d, "soldiers", NULL), "MIL");
  assert_string_equal(dy_dict_agent_code(d, "military parties", NULL), "MIL");
  assert_string_equal(dy_dict_agent_code(d, "attorneys general", NULL), "GOV");
  assert_string_equal(dy_dict_agent_code(d, "congresswomen", NULL), "LEG");
  assert_string_equal(dy_dict_agent_code(d, "ministry of silly walks", NULL), "GOV");
  assert_string_equal(dy_dict_agent_code(d, "MSF", &prefix), "NGO");
  assert_int_equal(prefix, 1);
  assert_string_equal(dy_dict_agent_code(d, "deparment of environment", NULL), "ENV");
  assert_int_equal(dy_dict_warning_count(d), 2); /* the "}" and the code-less line */
  dy_dict_free(d);
  dy_dict_free(load(DY_DICT_AGENTS, "\nPOLICE [COP]\n", DY_EPARSE, 2));
  dy_dict_free(load(DY_DICT_AGENTS, "!X!_MAN [~GOV]\n", DY_EPARSE, 1));
}

static void test_dict_discards_and_issues(void **state) {
  (void)state;
  dy_dict *d = load(DY_DICT_DISCARDS, "# c\nBASEBALL ; pas\n+World Golf Championships\n", DY_OK, 0);
  assert_int_equal(d->discards.n, 2);
  assert_int_equal(d->discards.v[0].story, 0);
  assert_int_equal(d->discards.v[1].story, 1);
  dy_dict_free(d);
  d = load(DY_DICT_ISSUES,
           "<ISSUE CATEGORY=\"EDU\" TYPE=\"ALL\">\nn:school [SCHOOLS]\npre+k [EARLY]\n"
           "ecb\n~a head start\n</ISSUE>\n</ISSUE>\n",
           DY_OK, 0);
  assert_int_equal(d->issues.n, 4);
  assert_string_equal(d->issues.v[2].code, "EARLY"); /* "ecb" takes the code above it */
  assert_int_equal(d->issues.v[3].exclude, 1);
  /* n: adds the plural; + gives "pre-k" and "pre k". */
  uint32_t ids[4];
  int k = dy_dict_phrase_ids(d, "SCHOOLS", 7, ids, 4);
  assert_int_equal(k, 1);
  assert_int_not_equal(dy_trie_child(&d->phrases, 0, ids[0]), DY_NONODE);
  k = dy_dict_phrase_ids(d, "PRE-K", 5, ids, 4);
  assert_int_not_equal(dy_trie_child(&d->phrases, 0, ids[0]), DY_NONODE);
  dy_dict_free(d);
  dy_dict_free(load(DY_DICT_ISSUES, "school [X]\n", DY_OK, 0));
  dy_dict_free(load(DY_DICT_ISSUES, "\nschool\n", DY_EPARSE, 2));
  dy_dict_free(load(DY_DICT_ISSUES, "<ISSUE TYPE=\"ALL\">\n", DY_EPARSE, 1));
}

static void test_dict_bad_bytes(void **state) {
  (void)state;
  dy_dict_free(load(DY_DICT_ACTORS, "", DY_EPARSE, 1));
  dy_dict_free(load(DY_DICT_VERBS, "# only a comment\n\n", DY_EPARSE, 1));
  dy_dict_free(load(DY_DICT_ACTORS, "ARNOR [ARN", DY_EPARSE, 1)); /* truncated */
  dy_dict_free(load(DY_DICT_ACTORS, "ARNOR [ARN]\nGOND\xc3 [GON]\n", DY_EPARSE, 2));
  const char nul[] = "ARNOR [ARN]\nX\0Y [Z]\n";
  dy_dict *d = dy_dict_new();
  dy_error err;
  assert_int_equal(dy_dict_load_mem(d, DY_DICT_ACTORS, nul, sizeof nul - 1, "n.txt", &err), DY_EPARSE);
  assert_int_equal(err.line, 2);
  dy_dict_free(d);
  d = dy_dict_new();
  assert_int_equal(dy_dict_load(d, DY_DICT_ACTORS, "/nonexistent/x.txt", &err), DY_EIO);
  assert_string_equal(err.file, "/nonexistent/x.txt");
  dy_dict_free(d);
}

/* Inputs the fuzzer once crashed on (tests/data/dict/fuzz-*.bin). */
static void test_dict_fuzz_regressions(void **state) {
  (void)state;
  const char *files[] = { "tests/data/dict/fuzz-issue-category.bin",
                          "tests/data/dict/fuzz-issue-category2.bin",
                          "tests/data/dict/fuzz-synset-selfembed.bin",
                          "tests/data/dict/fuzz-long-date.bin" };
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    FILE *f = fopen(files[i], "rb");
    assert_non_null(f);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_true(n > 1);
    dy_dict *d = dy_dict_new();
    dy_error err;
    dy_status st = dy_dict_load_mem(d, (dy_dict_kind)(1 + (unsigned char)buf[0] % 5), buf + 1,
                                    n - 1, "fuzz", &err);
    assert_true(st == DY_OK || st == DY_EPARSE);
    dy_dict_free(d);
  }
}

static void test_dict_standard_set(void **state) {
  (void)state;
  const char *data = test_data_dir();
  struct stat sb;
  if (stat(data, &sb) != 0) { skip(); return; }
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/dictionaries/cameo", data);
  dy_dict *d = dy_dict_new();
  dy_error err;
  dy_status st = dy_dict_load_standard(d, dir, &err);
  if (st) fprintf(stderr, "# %s:%ld: %s\n", err.file, err.line, err.message);
  assert_int_equal(st, DY_OK);
  dy_dict_stats s;
  dy_dict_get_stats(d, &s);
  assert_int_equal(s.verb_blocks, 397); /* as counted in the data's SOURCE.md */
  assert_int_equal(s.synsets, 40);
  assert_true(s.patterns > 4600);
  assert_true(s.actors > 20000);
  assert_string_equal(dy_dict_actor_code(d, "ALYAKSANDR LUKASHENKA", 20250603), "BLRGOV");
  assert_string_equal(dy_dict_agent_code(d, "farmers", NULL), "AGR");
  dy_dict_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_dict_verb_forms),
    cmocka_unit_test(test_dict_patterns_and_synsets),
    cmocka_unit_test(test_dict_verb_errors_name_the_line),
    cmocka_unit_test(test_dict_actor_date_restrictions),
    cmocka_unit_test(test_dict_mark_names),
    cmocka_unit_test(test_dict_agents_plurals_and_macros),
    cmocka_unit_test(test_dict_discards_and_issues),
    cmocka_unit_test(test_dict_bad_bytes),
    cmocka_unit_test(test_dict_fuzz_regressions),
    cmocka_unit_test(test_dict_standard_set),
  };
  cmocka_set_message_output(CM_OUTPUT_TAP);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
