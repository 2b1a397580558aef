/*
** test_valxml.c: the validation-record reader on a small hand-written file
** with every quirk of the real suites (nested and "<! --" comments,
** PLEvent pseudo-tags, both EventCoding forms, entities, Config), on
** malformed inputs (each error with its line), and on the three real suites,
** whose record counts must equal the SOURCE.md tables. The real files are
** found under $DYAD_DATA or ../shared/data; those tests are skipped when the
** folder is absent.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "dyad/conllu.h"
#include "dyad/valxml.h"
#include "../src/util/util.h"
#include "helpers.h"

static void test_valxml_record_fields(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_valfile *vf;
  dy_error e;
  assert_int_equal(dy_valxml_read("tests/data/valxml/records.xml", a, &vf, &e), DY_OK);
  assert_string_equal(vf->verbfile, "verbs.txt");
  assert_string_equal(vf->actorfile, "actors.txt");
  assert_string_equal(vf->agentfile, "agents.txt");
  assert_string_equal(vf->discardfile, "discards.txt");
  assert_string_equal(vf->issuefile, "issues.txt");
  assert_string_equal(vf->picofile, "pico.txt");
  assert_string_equal(vf->include, "DEMO ACTOR VERB");   /* not the stray one */
  assert_int_equal(vf->n, 3);

  const dy_valrec *r = &vf->rec[0];
  assert_string_equal(r->id, "DEMO-01");
  assert_string_equal(r->category, "DEMO");
  assert_int_equal(r->date, 19950104);
  assert_int_equal(r->evaluate, 0);
  assert_int_equal(r->is_sentence, 1);
  assert_int_equal(r->line, 22);
  assert_int_equal(r->n_config, 2);
  assert_string_equal(r->config[0].option, "stop_on_error");
  assert_int_equal(r->config[0].line, 18);
  assert_string_equal(r->config[1].option, "require_dyad");
  assert_string_equal(r->config[1].value, "false");
  assert_int_equal(r->n_codings, 2);
  assert_string_equal(r->codings[0].eventcode, "110");
  assert_string_equal(r->codings[0].sourcecode, "\"ARN POLICE\"");
  assert_string_equal(r->codings[0].targetcode, "---EDU");
  assert_null(r->codings[0].error);
  assert_int_equal(r->codings[0].noevents, 0);
  assert_int_equal(r->codings[1].noevents, 1);
  assert_string_equal(r->codings[1].eventcode, "");
  assert_string_equal(r->text, "Arnor & Gondor\xe2\x80\x99s police arrested AB students.");
  assert_int_equal(r->parse_line, 32);
  assert_true(strncmp(r->parse, "1\tArnor\tArnor\tPROPN", 19) == 0);
  dy_sentence *s;
  assert_int_equal(dy_conllu_parse(r->parse, strlen(r->parse), "records.xml", r->parse_line,
                                   a, &s, &e), DY_OK);
  assert_int_equal(s->n, 4);
  assert_int_equal(s->line, 32);
  assert_int_equal(s->tok[3].deprel, DY_DEP_OBJ);

  r = &vf->rec[1];
  assert_string_equal(r->id, "AFP-2");
  assert_int_equal(r->date, 20080801);
  assert_int_equal(r->is_sentence, 0);
  assert_int_equal(r->evaluate, 1);
  assert_int_equal(r->n_config, 2);
  assert_string_equal(r->config[1].value, "8");
  assert_int_equal(r->n_codings, 3);
  assert_string_equal(r->codings[0].sourcecode, "\"INJURY TOLL\"");
  assert_string_equal(r->codings[0].eventcode, "064");
  assert_int_equal(r->codings[1].noevents, 1);
  assert_string_equal(r->codings[2].error, "no verb <here>");
  assert_int_equal(r->parse_line, 45);        /* "<Parse> " then a newline */
  assert_true(strncmp(r->parse, "(ROOT (S", 8) == 0);
  assert_non_null(strstr(r->parse, "(CC &)"));

  r = &vf->rec[2];
  assert_string_equal(r->id, "X-1");
  assert_string_equal(r->category, "");
  assert_int_equal(r->date, 0);
  assert_int_equal(r->n_codings, 0);
  assert_int_equal(r->n_config, 0);
  assert_string_equal(r->text, "Only text.");
  assert_string_equal(r->parse, "");
  dy_arena_free(a);
}

/* One malformed input and where its error must be reported. */
static const struct {
  const char *text;
  long line;
  const char *says;
} bad[] = {
  { "<V>\n<Sentence id=\"A\">\n<Text>x</Text>\n", 2, "unterminated <Sentence>" },
  { "<Sentence id=\"A\">\n<Text>\nx\n</Sentence>\n", 2, "unterminated <Text>" },
  { "<Sentence id=\"A\">\n\n<Parse>\n1\tx\n", 3, "unterminated <Parse>" },
  { "<V>\n<!-- note\n<Sentence id=\"A\"></Sentence>\n", 2, "unterminated comment" },
  { "<V>\n<!-- a <!-- b --> c\n", 2, "unterminated comment" },
  { "\n<Sentence category=\"X\">\n</Sentence>\n", 2, "without an id" },
  { "<Sentence id=\"\"></Sentence>\n", 1, "without an id" },
  { "\n\n<Sentence id=\"A\" date=\"1995010\"></Sentence>\n", 3, "8 digits" },
  { "<Sentence id=\"A\" date=\"1995-01-04\"></Sentence>\n", 1, "8 digits" },
  { "<Sentence id=\"A\">\n<Text>caf\xc3</Text>\n</Sentence>\n", 2, "invalid UTF-8" },
  { "<Sentence id=\"A\">\n\n\n<Text>x\0y</Text></Sentence>", 4, "NUL" },
  { "<Sentence id=\"A\">\n<Sentence id=\"B\">\n", 2, "inside the record opened at line 1" },
  { "<Sentence id=\"A\" category=\"X", 1, "unterminated attribute" },
  { "\n<Sentence id=\"A\"", 2, "unterminated tag" },
};

static void test_valxml_errors_name_the_line(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  char buf[700];
  for (size_t i = 0; i < DY_ARRAY_LEN(bad); i++) {
    dy_valfile *vf = (dy_valfile *)&vf;
    dy_error e;
    size_t len = strlen(bad[i].text);
    if (strstr(bad[i].says, "NUL")) len += 1 + strlen(bad[i].text + len + 1);
    dy_status st = dy_valxml_parse(bad[i].text, len, "bad.xml", a, &vf, &e);
    dy_error_format(&e, buf, sizeof buf);
    if (st != DY_EPARSE || e.line != bad[i].line || !strstr(e.message, bad[i].says))
      fail_msg("case %zu: status %d, got \"%s\"", i, (int)st, buf);
    assert_null(vf);
    assert_string_equal(e.file, "bad.xml");
  }
  dy_arena_free(a);
}

static void test_valxml_tolerated_input(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_valfile *vf;
  dy_error e;
  assert_int_equal(dy_valxml_parse("", 0, "empty.xml", a, &vf, &e), DY_OK);
  assert_int_equal(vf->n, 0);
  assert_null(vf->verbfile);
  const char *t = "a < b <> <{json}> </Stray> &bogus; <Sentence id=\"A&#0;&#xD800;&zz\"/>"
                  "<EventCoding eventcode=\"1\"/><Config option=\"o\" value=\"v\"/>";
  assert_int_equal(dy_valxml_parse(t, strlen(t), "odd.xml", a, &vf, &e), DY_OK);
  assert_int_equal(vf->n, 1);
  assert_string_equal(vf->rec[0].id, "A&#0;&#xD800;&zz");  /* not decodable: kept */
  assert_int_equal(vf->rec[0].n_codings, 0);                /* coding outside a record */
  assert_int_equal(dy_valxml_read("tests/data/valxml/no-such-file.xml", a, &vf, &e), DY_EIO);
  assert_null(vf);
  dy_arena_free(a);
}

/* Counts of one suite as SOURCE.md gives them. */
typedef struct suite {
  const char *rel;       /* path under the data folder */
  int records, codings, coded, noevents, errors, not_sentence, not_evaluate, config;
  int conllu_ok, conllu_bad; /* CoNLL-U parses that read / that do not */
  const char *first_id;  /* id of the first record */
} suite;

static void check_suite(const suite *su) {
  char path[1024];
  if (!test_data_file(path, sizeof path, su->rel)) skip();
  dy_arena *a = dy_arena_new(0);
  dy_valfile *vf;
  dy_error e;
  char buf[700];
  if (dy_valxml_read(path, a, &vf, &e) != DY_OK)
    fail_msg("%s", dy_error_format(&e, buf, sizeof buf));
  int codings = 0, coded = 0, noevents = 0, errors = 0, ns = 0, ne = 0, cfg = 0;
  int ok = 0, badp = 0;
  for (int i = 0; i < vf->n; i++) {
    const dy_valrec *r = &vf->rec[i];
    codings += r->n_codings;
    ns += !r->is_sentence;
    ne += !r->evaluate;
    cfg += r->n_config;
    assert_true(r->date >= 19000101 && r->date <= 20991231);
    assert_true(r->text[0] != 0);
    for (int j = 0; j < r->n_codings; j++) {
      coded += r->codings[j].eventcode[0] != 0;
      noevents += r->codings[j].noevents;
      errors += r->codings[j].error != NULL;
    }
    if (r->parse[0] == '(') continue;
    dy_sentence *s;
    if (dy_conllu_parse(r->parse, strlen(r->parse), path, r->parse_line, a, &s, &e) == DY_OK)
      ok++;
    else
      badp++;
  }
  assert_int_equal(vf->n, su->records);
  assert_int_equal(codings, su->codings);
  assert_int_equal(coded, su->coded);
  assert_int_equal(noevents, su->noevents);
  assert_int_equal(errors, su->errors);
  assert_int_equal(ns, su->not_sentence);
  assert_int_equal(ne, su->not_evaluate);
  assert_int_equal(cfg, su->config);
  assert_int_equal(ok, su->conllu_ok);
  assert_int_equal(badp, su->conllu_bad);
  assert_string_equal(vf->rec[0].id, su->first_id);
  assert_string_equal(vf->rec[vf->n - 1].id, "FINAL-RECORD");
  dy_arena_free(a);
}

static void test_valxml_ud_2_1_counts(void **state) {
  (void)state;
  /* COMPOUND-28's parse jumps from word 12 to 19: the one bad parse */
  static const suite su = {
    "validation/ud-unit/PETR.UnitTest.records.parsing_parsed_udpipe_2.1.xml",
    287, 373, 346, 20, 7, 4, 0, 29, 286, 1, "AGENT-09"
  };
  check_suite(&su);
}

static void test_valxml_ud_2_02_counts(void **state) {
  (void)state;
  static const suite su = {
    "validation/ud-unit/v2_02/PETR_Validate_records_2_02.xml",
    274, 349, 322, 20, 7, 0, 10, 24, 274, 0, "DEMO-01"
  };
  check_suite(&su);
}

static void test_valxml_petrarch2_counts(void **state) {
  (void)state;
  static const suite su = {
    "validation/petrarch2-unit/PETR.UnitTest.records.xml",
    284, 385, 359, 19, 7, 5, 0, 29, 0, 0, "DEMO-00"
  };
  check_suite(&su);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_valxml_record_fields),
    cmocka_unit_test(test_valxml_errors_name_the_line),
    cmocka_unit_test(test_valxml_tolerated_input),
    cmocka_unit_test(test_valxml_ud_2_1_counts),
    cmocka_unit_test(test_valxml_ud_2_02_counts),
    cmocka_unit_test(test_valxml_petrarch2_counts),
  };
  /* cmocka 1.1.5 prints a skipped test as "not ok N # SKIP", which prove
  ** counts as a failure; so without the data the three suite tests are
  ** left out of the plan and named here instead. (skip() still guards them
  ** should a single file be missing.) */
  char path[1024];
  size_t n = DY_ARRAY_LEN(tests);
  if (!test_data_file(path, sizeof path, "validation/ud-unit/v2_02/PETR_Validate_records_2_02.xml")) {
    printf("# reference data not found (%s): 3 suite-count tests not run\n", path);
    n -= 3;
  }
  cmocka_set_message_output(CM_OUTPUT_TAP);
  return _cmocka_run_group_tests("tests", tests, n, NULL, NULL);
}
