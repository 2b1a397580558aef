/*
** test_conllu.c: the CoNLL-U reader and writer: UD v2 input, UD v1 labels
** mapped to v2 (nmod -> obl only on v1 input), multiword tokens, empty
** nodes, document comments, every malformed-input error with its line,
** resuming after an error, and the write/read round trip. Inputs are small
** hand-written files under tests/data/conllu/ (tests run from the repo root)
** or strings below.
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
#include "../src/util/util.h"

#define DATA "tests/data/conllu/"

/* Read every sentence of the n bytes at text; returns the number read and
** the number of errors in *n_err (the last error in *last). */
static int read_all(const char *text, size_t n, dy_sentence **out, int max,
                    int *n_err, dy_error *last, dy_arena *a) {
  dy_conllu_reader *r = dy_conllu_open_mem(text, n, "t.conllu");
  assert_non_null(r);
  int got = 0;
  *n_err = 0;
  for (int guard = 0; guard < 1000; guard++) {
    dy_sentence *s;
    dy_error e;
    dy_status st = dy_conllu_next(r, a, &s, &e);
    if (st != DY_OK) {
      assert_int_equal(st, DY_EPARSE);
      assert_null(s);
      (*n_err)++;
      *last = e;
      continue;
    }
    if (!s) break;
    if (got < max) out[got] = s;
    got++;
  }
  dy_conllu_close(r);
  return got;
}

/* The first sentence of file path (or the error). */
static dy_status read_file1(const char *path, dy_arena *a, dy_sentence **s, dy_error *e) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  dy_conllu_reader *r = dy_conllu_open_stream(f, path);
  assert_non_null(r);
  dy_status st = dy_conllu_next(r, a, s, e);
  dy_conllu_close(r);
  fclose(f);
  return st;
}

static char *slurp(const char *path, size_t *len) {
  char *buf;
  dy_error e;
  assert_int_equal(dy_read_file(path, &buf, len, &e), DY_OK);
  return buf;
}

static void test_conllu_reads_v2_with_mwt_and_empty_nodes(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_sentence *s;
  dy_error e;
  assert_int_equal(read_file1(DATA "sample.conllu", a, &s, &e), DY_OK);
  assert_string_equal(s->doc_id, "doc1");
  assert_string_equal(s->sent_id, "s1");
  assert_string_equal(s->text, "Arnor didn't go.");
  assert_int_equal(s->date, 20190105);
  assert_int_equal(s->n, 5);
  assert_int_equal(s->line, 5);
  assert_int_equal(s->n_mwt, 1);
  assert_int_equal(s->mwt[0].first, 2);
  assert_int_equal(s->mwt[0].last, 3);
  assert_string_equal(s->mwt[0].form, "didn't");
  assert_int_equal(s->n_empty, 1);
  assert_string_equal(s->tok[1].form, "did");
  assert_int_equal(s->tok[1].upos, DY_UPOS_AUX);
  assert_int_equal(s->tok[1].space_after, 1);
  assert_int_equal(s->tok[2].space_after, 0);  /* SpaceAfter=No on the range */
  assert_int_equal(s->tok[3].space_after, 0);  /* ... and on the word */
  assert_int_equal(s->tok[3].deprel, DY_DEP_ROOT);
  assert_int_equal(s->tok[3].head, 0);
  assert_string_equal(s->tok[3].misc, "SpaceAfter=No");
  assert_string_equal(s->tok[0].feats, "Number=Sing");
  assert_string_equal(s->tok[0].subrel, "");
  dy_arena_free(a);
}

static void test_conllu_document_comments_carry(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  size_t len;
  char *text = slurp(DATA "sample.conllu", &len);
  dy_sentence *s[4];
  int n_err;
  dy_error e;
  assert_int_equal(read_all(text, len, s, 4, &n_err, &e, a), 3);
  assert_int_equal(n_err, 0);
  assert_string_equal(s[1]->sent_id, "s2");
  assert_string_equal(s[1]->doc_id, "doc1");       /* newdoc holds */
  assert_int_equal(s[1]->date, 20190105);          /* so does its date */
  assert_string_equal(s[1]->text, "");
  assert_int_equal(s[1]->tok[0].deprel, DY_DEP_NSUBJ);
  assert_string_equal(s[1]->tok[0].subrel, "pass");
  assert_string_equal(s[2]->doc_id, "doc2");
  assert_int_equal(s[2]->date, 0);                 /* a new document clears it */
  free(text);

  const char *t = "# date = 19950104\n1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n\n"
                  "# date = 2001-12-31\n1\tB\tb\tX\t_\t_\t0\troot\t_\t_\n\n"
                  "# date = 1995-13-01\n1\tC\tc\tX\t_\t_\t0\troot\t_\t_\n\n"
                  "1\tD\td\tX\t_\t_\t0\troot\t_\t_\n";
  assert_int_equal(read_all(t, strlen(t), s, 4, &n_err, &e, a), 3);
  assert_int_equal(n_err, 1);
  assert_int_equal(e.line, 7);
  assert_non_null(strstr(e.message, "date"));
  assert_int_equal(s[0]->date, 19950104);
  assert_int_equal(s[1]->date, 20011231);
  assert_int_equal(s[2]->date, 20011231);
  dy_arena_free(a);
}

static void test_conllu_v1_labels_map_to_v2(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_sentence *s;
  dy_error e;
  assert_int_equal(read_file1(DATA "v1.conllu", a, &s, &e), DY_OK);
  assert_int_equal(s->n, 18);
  dy_token *t = s->tok;
  assert_int_equal(t[1].deprel, DY_DEP_NSUBJ);
  assert_string_equal(t[1].subrel, "pass");
  assert_int_equal(t[3].deprel, DY_DEP_OBJ);
  assert_int_equal(t[5].deprel, DY_DEP_OBL);       /* nmod on VERB */
  assert_int_equal(t[6].deprel, DY_DEP_OBL);       /* nmod:tmod -> obl:tmod */
  assert_string_equal(t[6].subrel, "tmod");
  assert_int_equal(t[7].deprel, DY_DEP_ADVMOD);    /* neg */
  assert_int_equal(t[7].v1neg, 1);
  assert_int_equal(t[15].v1neg, 0);
  assert_int_equal(t[8].upos, DY_UPOS_CCONJ);      /* CONJ */
  assert_int_equal(t[10].deprel, DY_DEP_NMOD);     /* nmod:poss stays */
  assert_string_equal(t[10].subrel, "poss");
  assert_int_equal(t[12].deprel, DY_DEP_NMOD);     /* nmod on NOUN stays */
  assert_int_equal(t[13].deprel, DY_DEP_OBL);
  assert_int_equal(t[14].deprel, DY_DEP_FLAT);     /* name */
  assert_int_equal(t[17].deprel, DY_DEP_OBL);      /* nmod on ADV */
  dy_arena_free(a);
}

static void test_conllu_nmod_kept_on_v2_input(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_sentence *s;
  dy_error e;
  assert_int_equal(read_file1(DATA "v2.conllu", a, &s, &e), DY_OK);
  dy_token *t = s->tok;
  assert_int_equal(t[1].deprel, DY_DEP_NSUBJ);
  assert_string_equal(t[1].subrel, "pass");
  assert_int_equal(t[3].deprel, DY_DEP_OBJ);
  assert_int_equal(t[5].deprel, DY_DEP_NMOD);      /* v2 nmod on a verb is kept */
  assert_int_equal(t[6].deprel, DY_DEP_NMOD);
  assert_string_equal(t[6].subrel, "tmod");
  assert_int_equal(t[7].v1neg, 0);
  assert_int_equal(t[13].deprel, DY_DEP_NMOD);
  assert_int_equal(t[17].deprel, DY_DEP_NMOD);
  dy_arena_free(a);
}

static void test_conllu_unknown_labels(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  const char *t = "1\tA\ta\tFOO\t_\t_\t2\tbogus:x\t_\t_\n"
                  "2\tB\tb\tNOUN\t_\t_\t0\troot\t_\t_\n";
  dy_sentence *s;
  dy_error e;
  assert_int_equal(dy_conllu_parse(t, strlen(t), "p", 1, a, &s, &e), DY_OK);
  assert_int_equal(s->tok[0].upos, DY_UPOS_X);
  assert_int_equal(s->tok[0].deprel, DY_DEP_DEP);
  assert_string_equal(s->tok[0].subrel, "bogus:x");
  dy_arena_free(a);
}

/* One malformed input and where its error must be reported. */
static const struct {
  const char *text;
  long line;
  const char *says;
} bad[] = {
  { "1\tA\ta\tX\t_\t_\t0\troot\t_\n", 1, "10 TAB-separated columns, found 9" },
  { "1 A a X _ _ 0 root _ _\n", 1, "found 1" },
  { "# c\nx\tA\ta\tX\t_\t_\t0\troot\t_\t_\n", 2, "not an integer" },
  { "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n3\tB\tb\tX\t_\t_\t1\tdep\t_\t_\n", 2, "expected 2, found 3" },
  { "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\t_\tdep\t_\t_\n", 2, "HEAD '_'" },
  { "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\t-1\tdep\t_\t_\n", 2, "HEAD '-1'" },
  { "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\t3\tdep\t_\t_\n", 2, "out of range" },
  { "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\t2\tdep\t_\t_\n", 2, "its own head" },
  { "1\tA\ta\tX\t_\t_\t2\tdep\t_\t_\n2\tB\tb\tX\t_\t_\t1\tdep\t_\t_\n", 1, "no root" },
  { "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\t3\tdep\t_\t_\n"
    "3\tC\tc\tX\t_\t_\t2\tdep\t_\t_\n", 2, "cycle" },
  { "1\t\ta\tX\t_\t_\t0\troot\t_\t_\n", 1, "empty FORM" },
  { "1\tA\ta\tX\t_\t_\t0\t\t_\t_\n", 1, "empty DEPREL" },
  { "1\tA\ta\tX\t_\t_\t0\t:x\t_\t_\n", 1, "no relation" },
  { "1\tA\xc3\tX\t_\t_\t0\troot\t_\t_\n", 1, "invalid UTF-8" },
  { "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n3-4\tAB\t_\t_\t_\t_\t_\t_\t_\t_\n", 2, "must start at word 2" },
  { "1-3\tAB\t_\t_\t_\t_\t_\t_\t_\t_\n1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n", 2, "goes past" },
  { "1.1\tA\ta\tX\t_\t_\t_\t_\t_\t_\n", 1, "no words" },
  { "# date = tomorrow\n1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n", 1, "tomorrow" },
};

static void test_conllu_errors_name_the_line(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  char buf[700];
  for (size_t i = 0; i < DY_ARRAY_LEN(bad); i++) {
    dy_conllu_reader *r = dy_conllu_open_mem(bad[i].text, strlen(bad[i].text), "bad.conllu");
    dy_sentence *s;
    dy_error e;
    dy_status st = dy_conllu_next(r, a, &s, &e);
    dy_error_format(&e, buf, sizeof buf);
    if (st != DY_EPARSE || e.line != bad[i].line || !strstr(e.message, bad[i].says))
      fail_msg("case %zu: status %d, got \"%s\"", i, (int)st, buf);
    assert_string_equal(e.file, "bad.conllu");
    assert_null(s);
    assert_int_equal(dy_conllu_next(r, a, &s, &e), DY_OK);   /* then end of input */
    assert_null(s);
    dy_conllu_close(r);
  }
  dy_arena_free(a);
}

static void test_conllu_resumes_after_error(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  const char *files[] = { DATA "cycle.conllu", DATA "columns.conllu", DATA "bad-utf8.conllu" };
  const long lines[] = { 2, 2, 2 }, ok_lines[] = { 6, 4, 4 };
  for (size_t i = 0; i < DY_ARRAY_LEN(files); i++) {
    size_t len;
    char *text = slurp(files[i], &len);
    dy_sentence *s[2];
    int n_err;
    dy_error e;
    assert_int_equal(read_all(text, len, s, 2, &n_err, &e, a), 1);
    assert_int_equal(n_err, 1);
    assert_int_equal(e.line, lines[i]);
    assert_string_equal(s[0]->tok[0].form, "ok");
    assert_int_equal(s[0]->line, ok_lines[i]);
    free(text);
  }
  dy_arena_free(a);
}

static void test_conllu_truncated_and_empty_input(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_sentence *s[3];
  int n_err;
  dy_error e;
  size_t len;
  char *text = slurp(DATA "truncated.conllu", &len);   /* cut inside a line */
  assert_int_equal(read_all(text, len, s, 3, &n_err, &e, a), 1);
  assert_int_equal(n_err, 1);
  assert_int_equal(e.line, 4);
  free(text);
  const char *no_blank = "1\tA\ta\tX\t_\t_\t0\troot\t_\t_";  /* no final newline */
  assert_int_equal(read_all(no_blank, strlen(no_blank), s, 3, &n_err, &e, a), 1);
  assert_int_equal(n_err, 0);
  assert_string_equal(s[0]->tok[0].misc, "_");
  text = slurp(DATA "empty.conllu", &len);
  assert_int_equal(read_all(text, len, s, 3, &n_err, &e, a), 0);
  assert_int_equal(n_err, 0);
  free(text);
  const char *blanks = "\n\n# only a comment\n\n  \n";
  assert_int_equal(read_all(blanks, strlen(blanks), s, 3, &n_err, &e, a), 0);
  assert_int_equal(n_err, 0);
  const char *crlf = "# sent_id = w\r\n1\tA\ta\tX\t_\t_\t0\troot\t_\tSpaceAfter=No\r\n\r\n";
  assert_int_equal(read_all(crlf, strlen(crlf), s, 3, &n_err, &e, a), 1);
  assert_string_equal(s[0]->sent_id, "w");
  assert_int_equal(s[0]->tok[0].space_after, 0);
  dy_arena_free(a);
}

/* A 2 MB line is refused without being stored, from a stream and from
** memory, and the next sentence is read. */
static void test_conllu_long_line(void **state) {
  (void)state;
  size_t big = 2u << 20;
  const char *pre = "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\t";
  const char *post = "\n\n1\tok\tok\tX\t_\t_\t0\troot\t_\t_\n";
  size_t len = strlen(pre) + big + strlen(post);
  char *text = malloc(len + 1);
  assert_non_null(text);
  memcpy(text, pre, strlen(pre));
  memset(text + strlen(pre), 'x', big);
  memcpy(text + strlen(pre) + big, post, strlen(post) + 1);
  dy_arena *a = dy_arena_new(0);
  for (int from_stream = 0; from_stream < 2; from_stream++) {
    FILE *f = NULL;
    dy_conllu_reader *r;
    if (from_stream) {
      f = tmpfile();
      assert_non_null(f);
      assert_int_equal(fwrite(text, 1, len, f), len);
      rewind(f);
      r = dy_conllu_open_stream(f, "big.conllu");
    } else {
      r = dy_conllu_open_mem(text, len, "big.conllu");
    }
    dy_sentence *s;
    dy_error e;
    assert_int_equal(dy_conllu_next(r, a, &s, &e), DY_EPARSE);
    assert_int_equal(e.line, 2);
    assert_non_null(strstr(e.message, "1 MiB"));
    assert_true(dy_arena_used(a) < 4096);       /* the line was not copied */
    assert_int_equal(dy_conllu_next(r, a, &s, &e), DY_OK);
    assert_non_null(s);
    assert_string_equal(s->tok[0].form, "ok");
    assert_int_equal(s->line, 4);
    assert_int_equal(dy_conllu_line(r), 4);
    dy_conllu_close(r);
    if (f) fclose(f);
    dy_arena_reset(a);
  }
  free(text);
  dy_arena_free(a);
}

static char *write_to_string(const dy_sentence *s) {
  char *buf = NULL;
  size_t n;
  FILE *f = open_memstream(&buf, &n);
  assert_non_null(f);
  dy_conllu_write(f, s);
  fclose(f);
  return buf;
}

static void test_conllu_write_round_trip(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_sentence *s;
  dy_error e;
  assert_int_equal(read_file1(DATA "sample.conllu", a, &s, &e), DY_OK);
  char *w = write_to_string(s);
  assert_string_equal(w,
    "# newdoc id = doc1\n# sent_id = s1\n# text = Arnor didn't go.\n# date = 20190105\n"
    "1\tArnor\tArnor\tPROPN\tNNP\tNumber=Sing\t4\tnsubj\t_\t_\n"
    "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
    "2\tdid\tdo\tAUX\tVBD\tMood=Ind\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\tPolarity=Neg\t4\tadvmod\t_\t_\n"
    "4\tgo\tgo\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n");
  /* v1 input comes out as v2 and reads back the same */
  assert_int_equal(read_file1(DATA "v1.conllu", a, &s, &e), DY_OK);
  s->tok[2].space_after = 0;                     /* set by a tagger, not MISC */
  char *w1 = write_to_string(s);
  assert_non_null(strstr(w1, "\tnsubj:pass\t"));
  assert_non_null(strstr(w1, "\tobl:tmod\t"));
  assert_non_null(strstr(w1, "\tCCONJ\t"));
  assert_non_null(strstr(w1, "3\tarrested\tarrest\tVERB\tVBN\tTense=Past\t0\troot\t_\tSpaceAfter=No\n"));
  assert_null(strstr(w1, "dobj"));
  dy_sentence *s2;
  assert_int_equal(dy_conllu_parse(w1, strlen(w1), "w1", 1, a, &s2, &e), DY_OK);
  assert_int_equal(s2->n, s->n);
  for (int i = 0; i < s->n; i++) {
    assert_int_equal(s2->tok[i].deprel, s->tok[i].deprel);
    assert_string_equal(s2->tok[i].subrel, s->tok[i].subrel);
    assert_int_equal(s2->tok[i].space_after, s->tok[i].space_after);
  }
  char *w2 = write_to_string(s2);
  assert_string_equal(w1, w2);
  free(w);
  free(w1);
  free(w2);
  dy_arena_free(a);
}

static void test_conllu_parse_one_record(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_sentence *s;
  dy_error e;
  const char *t = "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n\n2\tB\tb\tX\t_\t_\t1\tdep\t_\t_\n";
  assert_int_equal(dy_conllu_parse(t, strlen(t), "r.xml", 40, a, &s, &e), DY_OK);
  assert_int_equal(s->n, 2);                     /* blank lines are ignored */
  assert_int_equal(s->line, 40);
  const char *u = "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\t9\tdep\t_\t_\n";
  assert_int_equal(dy_conllu_parse(u, strlen(u), "r.xml", 40, a, &s, &e), DY_EPARSE);
  assert_int_equal(e.line, 41);
  assert_string_equal(e.file, "r.xml");
  assert_int_equal(dy_conllu_parse("\n", 1, "r.xml", 7, a, &s, &e), DY_EPARSE);
  assert_int_equal(e.line, 7);
  dy_arena_free(a);
}

/* Inputs the fuzzer once broke: read, write, read, write gives the same text. */
static void test_conllu_fuzz_regressions(void **state) {
  (void)state;
  const char *files[] = { DATA "fuzz-comment-cr.conllu" };
  dy_arena *a = dy_arena_new(0);
  for (size_t i = 0; i < DY_ARRAY_LEN(files); i++) {
    size_t len;
    char *text = slurp(files[i], &len);
    dy_sentence *s[16];
    int n_err;
    dy_error e;
    int n = read_all(text, len, s, 16, &n_err, &e, a);
    for (int k = 0; k < n && k < 16; k++) {
      char *w1 = write_to_string(s[k]);
      dy_sentence *s2;
      assert_int_equal(dy_conllu_parse(w1, strlen(w1), "w", 1, a, &s2, &e), DY_OK);
      char *w2 = write_to_string(s2);
      assert_string_equal(w1, w2);
      free(w1);
      free(w2);
    }
    free(text);
  }
  dy_arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_conllu_reads_v2_with_mwt_and_empty_nodes),
    cmocka_unit_test(test_conllu_document_comments_carry),
    cmocka_unit_test(test_conllu_v1_labels_map_to_v2),
    cmocka_unit_test(test_conllu_nmod_kept_on_v2_input),
    cmocka_unit_test(test_conllu_unknown_labels),
    cmocka_unit_test(test_conllu_errors_name_the_line),
    cmocka_unit_test(test_conllu_resumes_after_error),
    cmocka_unit_test(test_conllu_truncated_and_empty_input),
    cmocka_unit_test(test_conllu_long_line),
    cmocka_unit_test(test_conllu_write_round_trip),
    cmocka_unit_test(test_conllu_parse_one_record),
    cmocka_unit_test(test_conllu_fuzz_regressions),
  };
  cmocka_set_message_output(CM_OUTPUT_TAP);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
