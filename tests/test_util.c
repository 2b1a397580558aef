/*
** test_util.c: the arena, errors, UTF-8 checking and UD label mapping.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "dyad/arena.h"
#include "dyad/sentence.h"
#include "../src/util/util.h"

static void test_util_arena_alignment_and_growth(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(64);
  assert_non_null(a);
  char *prev = NULL;
  for (int i = 1; i < 2000; i++) {
    char *p = dy_arena_alloc(a, (size_t)(i % 37) + 1);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % 16, 0);
    assert_true(p != prev);
    memset(p, 0xAB, (size_t)(i % 37) + 1);
    prev = p;
  }
  char *big = dy_arena_alloc(a, 1 << 20);
  assert_non_null(big);
  memset(big, 1, 1 << 20);
  dy_arena_reset(a);
  assert_int_equal(dy_arena_used(a), 0);
  char *s = dy_arena_strndup(a, "hello world", 5);
  assert_string_equal(s, "hello");
  dy_arena_free(a);
  dy_arena_free(NULL);
}

static void test_util_error_format(void **state) {
  (void)state;
  dy_error e;
  char buf[600];
  dy_error_clear(&e);
  assert_int_equal(dy_err(&e, DY_EPARSE, "x.txt", 12, "bad %s", "thing"), DY_EPARSE);
  assert_string_equal(dy_error_format(&e, buf, sizeof buf), "x.txt:12: bad thing");
  dy_err(&e, DY_EIO, "y.txt", 0, "cannot open");
  assert_string_equal(dy_error_format(&e, buf, sizeof buf), "y.txt: cannot open");
}

static void test_util_utf8_check(void **state) {
  (void)state;
  assert_int_equal(dy_utf8_check("abc", 3), -1);
  assert_int_equal(dy_utf8_check("a\xc3\xa9", 3), -1);          /* é */
  assert_int_equal(dy_utf8_check("ab\xc3", 3), 2);              /* truncated */
  assert_int_equal(dy_utf8_check("\xed\xa0\x80", 3), 0);        /* surrogate */
  assert_int_equal(dy_utf8_check("x\xc0\xaf", 3), 1);           /* overlong */
  assert_int_equal(dy_utf8_check("\xe2\x80\x99", 3), -1);       /* ’ */
}

static void test_util_ud_v1_labels_map_to_v2(void **state) {
  (void)state;
  const char *sub;
  assert_int_equal(dy_deprel_from_name("dobj", 4, &sub), DY_DEP_OBJ);
  assert_null(sub);
  assert_int_equal(dy_deprel_from_name("nsubjpass", 9, &sub), DY_DEP_NSUBJ);
  assert_string_equal(sub, "pass");
  assert_int_equal(dy_deprel_from_name("name", 4, &sub), DY_DEP_FLAT);
  assert_int_equal(dy_deprel_from_name("obl", 3, &sub), DY_DEP_OBL);
  assert_int_equal(dy_deprel_from_name("bogus", 5, &sub), DY_DEP_NONE);
  assert_int_equal(dy_upos_from_name("CONJ", 4), DY_UPOS_CCONJ);
  assert_int_equal(dy_upos_from_name("PROPN", 5), DY_UPOS_PROPN);
  assert_string_equal(dy_deprel_name(DY_DEP_NSUBJ), "nsubj");
}

static void test_util_token_feat(void **state) {
  (void)state;
  dy_token t = {0};
  char buf[16];
  t.feats = "Mood=Ind|Tense=Past|VerbForm=Part|Voice=Pass";
  assert_true(dy_token_feat(&t, "Voice", buf, sizeof buf));
  assert_string_equal(buf, "Pass");
  assert_true(dy_token_feat(&t, "Mood", buf, sizeof buf));
  assert_string_equal(buf, "Ind");
  assert_false(dy_token_feat(&t, "Form", buf, sizeof buf));
  t.feats = "_";
  assert_false(dy_token_feat(&t, "Voice", buf, sizeof buf));
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_util_arena_alignment_and_growth),
    cmocka_unit_test(test_util_error_format),
    cmocka_unit_test(test_util_utf8_check),
    cmocka_unit_test(test_util_ud_v1_labels_map_to_v2),
    cmocka_unit_test(test_util_token_feat),
  };
  cmocka_set_message_output(CM_OUTPUT_TAP);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
