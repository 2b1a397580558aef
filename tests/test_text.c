/*
** test_text.c: the normalizer, the tokenizer and the sentence splitter, on
** news-style cases (the seed articles among them) and hostile input.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "dyad/arena.h"
#include "dyad/text.h"
#include "helpers.h"

/* Words of sentence s joined by single spaces, into buf. */
static const char *words(const dy_sentence *s, char *buf, size_t size) {
  size_t o = 0;
  buf[0] = 0;
  for (int i = 0; i < s->n; i++)
    o += (size_t)snprintf(buf + o, o < size ? size - o : 0, "%s%s", i ? " " : "", s->tok[i].form);
  return buf;
}

/* Segment text; returns the sentence count, sentences in *sv. */
static int seg(dy_arena *a, const char *text, dy_sentence **sv) {
  int32_t n = -1;
  assert_int_equal(dy_text_segment(text, strlen(text), a, sv, &n), DY_OK);
  return n;
}

static void check_one(const char *text, const char *expect) {
  dy_arena *a = dy_arena_new(0);
  dy_sentence *sv;
  char buf[4096];
  int n = seg(a, text, &sv);
  assert_int_equal(n, 1);
  assert_string_equal(words(&sv[0], buf, sizeof buf), expect);
  dy_arena_free(a);
}

static void test_text_clitics_are_multiword_tokens(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_sentence *sv;
  char buf[1024];
  assert_int_equal(seg(a, "I don't think it's Bush's fault, and we can't.", &sv), 1);
  assert_string_equal(words(&sv[0], buf, sizeof buf),
                      "I do n't think it 's Bush 's fault , and we ca n't .");
  assert_int_equal(sv[0].n_mwt, 4);
  assert_string_equal(sv[0].mwt[0].form, "don't");
  assert_int_equal(sv[0].mwt[0].first, 2);
  assert_int_equal(sv[0].mwt[0].last, 3);
  assert_int_equal(sv[0].tok[1].space_after, 0);
  assert_int_equal(sv[0].tok[2].space_after, 1);
  dy_arena_free(a);
  check_one("Belarus\xE2\x80\x99s partner cannot wait.", "Belarus \xE2\x80\x99s partner can not wait .");
  check_one("I'm gonna go", "I 'm gon na go");
}

static void test_text_numbers_money_dates(void **state) {
  (void)state;
  check_one("Trade reached $8 billion, or 8,000 deals, on 2025-06-03 at 10:30.",
            "Trade reached $ 8 billion , or 8,000 deals , on 2025-06-03 at 10:30 .");
  check_one("Call 713-853-3989 about the 3.5% rise (1/2 of it).",
            "Call 713-853-3989 about the 3.5 % rise ( 1/2 of it ) .");
}

static void test_text_abbreviations_and_initials(void **state) {
  (void)state;
  check_one("Dr. Smith met U.S. officials and J. R. Ewing in Feb. 2024 in Washington.",
            "Dr. Smith met U.S. officials and J. R. Ewing in Feb. 2024 in Washington .");
}

static void test_text_urls_emails_hyphens(void **state) {
  (void)state;
  check_one("See http://example.com/a?b=1 or mail john.doe@example.org now.",
            "See http://example.com/a?b=1 or mail john.doe@example.org now .");
  check_one("A long-term, pre-war e-mail from a self-made man.",
            "A long - term , pre-war e-mail from a self - made man .");
  check_one("Wait... what?! :)", "Wait ... what ?! :)");
}

static void test_text_sentences(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_sentence *sv;
  char buf[1024];
  assert_int_equal(seg(a, "He left. She stayed! Why? Because it rained.", &sv), 4);
  assert_string_equal(sv[3].text, "Because it rained.");
  /* the closing quote stays with its sentence */
  assert_int_equal(seg(a, "He said \"Go home.\" Then he left.", &sv), 2);
  assert_string_equal(sv[0].text, "He said \"Go home.\"");
  /* web text starts sentences in lower case: after a lone . ? or ! a new
  ** sentence starts whatever its case; an abbreviation's period and an
  ** ellipsis before a lower-case word do not end one */
  assert_int_equal(seg(a, "It rose at 5 p.m. yesterday. ok? it did.", &sv), 3);
  assert_string_equal(sv[0].text, "It rose at 5 p.m. yesterday.");
  assert_string_equal(sv[1].text, "ok?");
  assert_int_equal(seg(a, "I think... maybe not.", &sv), 1);
  /* headings on their own line; wrapped lines join; paragraphs split */
  assert_int_equal(seg(a, "Belarus, China discuss trade\nLukashenko arrived in Beijing on Monday.\n"
                          "He met Xi and\nthey talked.\n\nnew paragraph here", &sv), 4);
  assert_string_equal(sv[0].text, "Belarus, China discuss trade");
  assert_string_equal(sv[2].text, "He met Xi and they talked.");
  assert_string_equal(words(&sv[3], buf, sizeof buf), "new paragraph here");
  dy_arena_free(a);
}

static void test_text_dateline(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_sentence *sv;
  char buf[1024];
  assert_int_equal(seg(a, "MINSK, June 3 (BelTA) - Belarus and China signed a deal. Talks go on.", &sv), 2);
  assert_string_equal(words(&sv[0], buf, sizeof buf),
                      "MINSK , June 3 ( BelTA ) - Belarus and China signed a deal .");
  assert_int_equal(seg(a, "MINSK, June 3 (BelTA)\nBelarus and China signed a deal.", &sv), 2);
  assert_string_equal(sv[0].text, "MINSK, June 3 (BelTA)");
  dy_arena_free(a);
}

/* The seed articles: every sentence bounded, known lines split right. */
static void test_text_seed_articles(void **state) {
  (void)state;
  const char *dir = test_data_dir();
  char path[1024];
  const char *names[] = { "000_bafc953bbff3d526.txt", "004_bf80072e14278dd6.txt" };
  const int expect[] = { 49, 21 };
  for (int k = 0; k < 2; k++) {
    snprintf(path, sizeof path, "%s/../corpus/seeds/%s", dir, names[k]);
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "# skipped: no %s\n", path); continue; }
    static char text[65536];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = 0;
    dy_arena *a = dy_arena_new(0);
    dy_str norm;
    size_t bad = 99;
    assert_int_equal(dy_text_normalize(text, len, a, &norm, &bad), DY_OK);
    assert_int_equal(bad, 0);
    dy_sentence *sv;
    int n = seg(a, norm.ptr, &sv);
    assert_int_equal(n, expect[k]);
    char buf[8192];
    int found = 0;
    for (int i = 0; i < n; i++) {
      words(&sv[i], buf, sizeof buf);
      if (k == 0 && strstr(sv[i].text, "The today\xE2\x80\x99s encounter") == sv[i].text) {
        assert_non_null(strstr(buf, "of Belarus \xE2\x80\x99s most crucial allies ."));
        found++;
      }
      if (k == 0 && strstr(sv[i].text, "For Belarus, China")) {
        assert_non_null(strstr(buf, "strategic partner \xE2\x80\x94 one that"));
        found++;
      }
      if (k == 1 && strstr(sv[i].text, "\xE2\x80\x9CWe never set out") == sv[i].text) {
        assert_string_equal(buf, "\xE2\x80\x9C We never set out to be friends with everyone or to act "
                                 "against anyone \xE2\x80\x9D , Lukashenko stated .");
        found++;
      }
    }
    assert_int_equal(found, k == 0 ? 2 : 1);
    dy_arena_free(a);
  }
}

static void test_text_invalid_utf8_and_nfc(void **state) {
  (void)state;
  dy_arena *a = dy_arena_new(0);
  dy_str out;
  size_t bad = 0;
  const char in[] = "a\xFF" "b\xC3(\xED\xA0\x80" "e\xCC\x81";
  assert_int_equal(dy_text_normalize(in, sizeof in - 1, a, &out, &bad), DY_OK);
  assert_int_equal(bad, 5);  /* FF, C3, ED A0 80 (three bytes of a surrogate) */
  assert_string_equal(out.ptr, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xC3\xA9");
  char f[64];
  const char *typo = "\xE2\x80\x9C" "Don\xE2\x80\x99t\xE2\x80\x9D\xE2\x80\x94\xE2\x80\xA6";
  dy_text_fold(typo, strlen(typo), f, sizeof f);
  assert_string_equal(f, "\"don't\"--...");
  dy_arena_free(a);
}

/* A 1 MB line without a sentence end is cut into bounded sentences, and a
** 1 MB run without spaces into bounded tokens. */
static void test_text_huge_line_is_bounded(void **state) {
  (void)state;
  size_t len = 1 << 20;
  char *text = malloc(len + 1);
  assert_non_null(text);
  for (size_t i = 0; i < len; i++) text[i] = "word "[i % 5];
  text[len] = 0;
  dy_arena *a = dy_arena_new(0);
  dy_sentence *sv;
  int32_t n;
  assert_int_equal(dy_text_segment(text, len, a, &sv, &n), DY_OK);
  long total = 0;
  for (int32_t i = 0; i < n; i++) {
    assert_true(sv[i].n > 0 && sv[i].n <= DY_TEXT_MAX_WORDS);
    total += sv[i].n;
  }
  assert_int_equal(total, (long)((len + 4) / 5));  /* the last word is "w" */
  memset(text, 'a', len);
  dy_arena_reset(a);
  assert_int_equal(dy_text_segment(text, len, a, &sv, &n), DY_OK);
  total = 0;
  for (int32_t i = 0; i < n; i++)
    for (int k = 0; k < sv[i].n; k++) {
      assert_true(strlen(sv[i].tok[k].form) <= DY_TEXT_MAX_TOKEN);
      total += (long)strlen(sv[i].tok[k].form);
    }
  assert_int_equal(total, (long)len);
  dy_arena_free(a);
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_text_clitics_are_multiword_tokens),
    cmocka_unit_test(test_text_numbers_money_dates),
    cmocka_unit_test(test_text_abbreviations_and_initials),
    cmocka_unit_test(test_text_urls_emails_hyphens),
    cmocka_unit_test(test_text_sentences),
    cmocka_unit_test(test_text_dateline),
    cmocka_unit_test(test_text_seed_articles),
    cmocka_unit_test(test_text_invalid_utf8_and_nfc),
    cmocka_unit_test(test_text_huge_line_is_bounded),
  };
  cmocka_set_message_output(CM_OUTPUT_TAP);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
