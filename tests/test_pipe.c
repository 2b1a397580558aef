/*
** test_pipe.c: the pipeline's parts that need no model: calendar and time
** expressions, the article readers (text header, JSON Lines, PETRARCH XML,
** HTML, folders), and the inputs the fuzzer once crashed on. Dates below
** were worked out with a calendar: 2025-06-03 was a Tuesday.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "dyad/pipe.h"

static int32_t res(const char *words, int32_t ref, int future) {
  char buf[256];
  const char *w[16];
  int n = 0;
  snprintf(buf, sizeof buf, "%s", words);
  for (char *p = strtok(buf, " "); p && n < 16; p = strtok(NULL, " ")) w[n++] = p;
  return dy_date_resolve(w, n, ref, future);
}

static void test_pipe_calendar(void **state) {
  (void)state;
  assert_int_equal(dy_date_days(19700101), 0);
  assert_int_equal(dy_date_days(20000301) - dy_date_days(20000228), 2); /* 2000 was leap */
  assert_int_equal(dy_date_days(21000301) - dy_date_days(21000228), 1); /* 2100 is not */
  for (int32_t d = 19991225; d != 20000110; d = dy_date_from_days(dy_date_days(d) + 1))
    assert_int_equal(dy_date_from_days(dy_date_days(d)), d);
  assert_int_equal(dy_date_from_days(dy_date_days(20231231) + 1), 20240101);
}

static void test_pipe_date_formats(void **state) {
  (void)state;
  assert_int_equal(dy_date_parse("2025-06-03"), 20250603);
  assert_int_equal(dy_date_parse("20250603"), 20250603);
  assert_int_equal(dy_date_parse("2025-06-03T10:00:00Z"), 20250603);
  assert_int_equal(dy_date_parse("June 3, 2025"), 20250603);
  assert_int_equal(dy_date_parse("3 June 2025"), 20250603);
  assert_int_equal(dy_date_parse("Tue, 03 Jun 2025 10:00:00 GMT"), 20250603);
  assert_int_equal(dy_date_parse("03.06.2025"), 20250603);
  assert_int_equal(dy_date_parse("2025-02-30"), 0);
  assert_int_equal(dy_date_parse("yesterday"), 0);
  assert_int_equal(dy_date_parse("4444444444444444444444"), 0);
}

static void test_pipe_time_expressions(void **state) {
  (void)state;
  int32_t tue = 20250603;
  assert_int_equal(res("on Saturday", tue, 0), 20250531);
  assert_int_equal(res("on Saturday", tue, 1), 20250607); /* "will meet on Saturday" */
  assert_int_equal(res("on Tuesday", tue, 0), 20250603);
  assert_int_equal(res("last Tuesday", tue, 0), 20250527);
  assert_int_equal(res("next Tuesday", tue, 0), 20250610);
  assert_int_equal(res("yesterday", tue, 0), 20250602);
  assert_int_equal(res("last week", tue, 0), 20250527);
  assert_int_equal(res("On February 28", 20230301, 0), 20230228);
  assert_int_equal(res("on December 30", 20250102, 0), 20241230); /* the nearest one */
  assert_int_equal(res("28 February 2023", 20250603, 0), 20230228);
  assert_int_equal(res("in early May", tue, 0), 0); /* a month alone: the story's date */
  assert_int_equal(res("on the ground", tue, 0), 0);
}

static int read_all(dy_reader *r, dy_doc **docs, int max, int *errors, long *err_line) {
  dy_arena *a = dy_arena_new(0);
  int n = 0;
  *errors = 0;
  for (int guard = 0; guard < 100; guard++) {
    dy_doc *d;
    dy_error err;
    dy_status st = dy_reader_next(r, a, &d, &err);
    if (st) {
      (*errors)++;
      *err_line = err.line;
      continue;
    }
    if (!d) break;
    if (n < max) {
      /* copy out what the tests look at: the arena is the reader's caller's */
      dy_doc *c = malloc(sizeof *c);
      *c = *d;
      c->id = strdup(d->id);
      c->title = strdup(d->title);
      c->source = strdup(d->source);
      c->url = strdup(d->url);
      c->text = strdup(d->text);
      docs[n++] = c;
    }
  }
  dy_arena_free(a);
  return n;
}

static void free_docs(dy_doc **docs, int n) {
  for (int i = 0; i < n; i++) {
    free((char *)docs[i]->id);
    free((char *)docs[i]->title);
    free((char *)docs[i]->source);
    free((char *)docs[i]->url);
    free((char *)docs[i]->text);
    free(docs[i]);
  }
}

static void test_pipe_text_header(void **state) {
  (void)state;
  const char in[] = "Title: Talks in Beijing\nDate: June 3, 2025\nSource: BelTA\nURL: http://x/y\n\n"
                    "Lukashenko arrived in Beijing.\nHe met Xi Jinping.";
  dy_reader *r;
  dy_error err;
  dy_doc *docs[4];
  int errors;
  long line = 0;
  assert_int_equal(dy_reader_open_mem(in, sizeof in - 1, "dir/story-1.txt", DY_IN_AUTO, 0, &r, &err), DY_OK);
  int n = read_all(r, docs, 4, &errors, &line);
  dy_reader_close(r);
  assert_int_equal(n, 1);
  assert_int_equal(errors, 0);
  assert_string_equal(docs[0]->id, "story-1");
  assert_string_equal(docs[0]->title, "Talks in Beijing");
  assert_string_equal(docs[0]->source, "BelTA");
  assert_string_equal(docs[0]->url, "http://x/y");
  assert_int_equal(docs[0]->date, 20250603);
  assert_string_equal(docs[0]->text, "Lukashenko arrived in Beijing.\nHe met Xi Jinping.");
  free_docs(docs, n);
  /* no header: all of it is text, the default date applies */
  const char plain[] = "Date is not a header here.\nNor this.";
  assert_int_equal(dy_reader_open_mem(plain, sizeof plain - 1, "a.txt", DY_IN_AUTO, 20240101, &r, &err), DY_OK);
  n = read_all(r, docs, 4, &errors, &line);
  dy_reader_close(r);
  assert_int_equal(n, 1);
  assert_int_equal(docs[0]->date, 20240101);
  assert_string_equal(docs[0]->text, plain);
  free_docs(docs, n);
  /* a header date that is no date is an error naming the file */
  const char bad[] = "Date: someday\n\nText.";
  assert_int_equal(dy_reader_open_mem(bad, sizeof bad - 1, "b.txt", DY_IN_AUTO, 0, &r, &err), DY_OK);
  n = read_all(r, docs, 4, &errors, &line);
  dy_reader_close(r);
  assert_int_equal(n, 0);
  assert_int_equal(errors, 1);
}

static void test_pipe_jsonl(void **state) {
  (void)state;
  const char in[] = "{\"id\":\"a1\",\"date\":\"2025-06-03\",\"source\":\"S\",\"title\":\"T\",\"text\":\"One.\"}\n"
                    "\n"
                    "{\"id\":\"a2\",\"text\":\"Two.\"}\n"
                    "not json\n"
                    "{\"id\":\"a3\",\"date\":20230301,\"text\":\"Three.\"}\n"
                    "{\"id\":\"a4\"}\n";
  dy_reader *r;
  dy_error err;
  dy_doc *docs[8];
  int errors;
  long line = 0;
  assert_int_equal(dy_reader_open_mem(in, sizeof in - 1, "x.jsonl", DY_IN_AUTO, 20200101, &r, &err), DY_OK);
  int n = read_all(r, docs, 8, &errors, &line);
  dy_reader_close(r);
  assert_int_equal(n, 3);           /* the good records are all kept */
  assert_int_equal(errors, 2);      /* "not json" and the record without text */
  assert_int_equal(line, 6);        /* the last error's line */
  assert_string_equal(docs[0]->id, "a1");
  assert_int_equal(docs[0]->date, 20250603);
  assert_int_equal(docs[1]->date, 20200101);
  assert_int_equal(docs[2]->date, 20230301);
  assert_string_equal(docs[2]->text, "Three.");
  free_docs(docs, n);
}

static void test_pipe_xml(void **state) {
  (void)state;
  const char in[] =
      "<Sentences>\n"
      "<Sentence id=\"AFP1-1\" date=\"20080801\"><Text>A met B.</Text></Sentence>\n"
      "<Sentence id=\"AFP1-2\" date=\"20080801\"><Text>B left &amp; went.</Text></Sentence>\n"
      "<Sentence id=\"AFP2-1\" date=\"20080802\"><Text>C spoke.</Text></Sentence>\n"
      "</Sentences>\n"
      "<Articles><Article id=\"X9\" date=\"20250603\"><Text>An article.</Text></Article></Articles>\n";
  dy_reader *r;
  dy_error err;
  dy_doc *docs[8];
  int errors;
  long line = 0;
  assert_int_equal(dy_reader_open_mem(in, sizeof in - 1, "p.xml", DY_IN_AUTO, 0, &r, &err), DY_OK);
  int n = read_all(r, docs, 8, &errors, &line);
  dy_reader_close(r);
  assert_int_equal(errors, 0);
  assert_int_equal(n, 3);
  assert_string_equal(docs[0]->id, "AFP1");
  assert_string_equal(docs[0]->text, "A met B. B left & went.");
  assert_int_equal(docs[1]->date, 20080802);
  assert_string_equal(docs[2]->id, "X9");
  assert_string_equal(docs[2]->text, "An article.");
  free_docs(docs, n);
}

static void test_pipe_html(void **state) {
  (void)state;
  const char in[] =
      "<!DOCTYPE html><html><head><title>Fallback</title>"
      "<meta property=\"og:title\" content=\"Lukashenko in Beijing\">"
      "<meta property=\"og:site_name\" content=\"BelTA\">"
      "<meta property=\"article:published_time\" content=\"2025-06-03T08:00:00Z\">"
      "<script>var x = \"<p>not text</p>\";</script></head><body>"
      "<nav><ul><li>Home</li><li>World</li></ul></nav>"
      "<div class=\"share-bar\"><p>Share this on every network you know</p></div>"
      "<article><h1>Visit</h1><p>Lukashenko arrived   in\nBeijing.</p>"
      "<p>He met <b>Xi Jinping</b> &amp; talked.</p><aside><p>Related: other news</p></aside></article>"
      "<footer><p>Copyright</p></footer></body></html>";
  dy_reader *r;
  dy_error err;
  dy_doc *docs[4];
  int errors;
  long line = 0;
  assert_int_equal(dy_reader_open_mem(in, sizeof in - 1, "page.html", DY_IN_AUTO, 0, &r, &err), DY_OK);
  int n = read_all(r, docs, 4, &errors, &line);
  dy_reader_close(r);
  assert_int_equal(n, 1);
  assert_string_equal(docs[0]->title, "Lukashenko in Beijing");
  assert_string_equal(docs[0]->source, "BelTA");
  assert_int_equal(docs[0]->date, 20250603);
  assert_string_equal(docs[0]->text,
                      "Visit\n\nLukashenko arrived in Beijing.\n\nHe met Xi Jinping & talked.");
  free_docs(docs, n);
}

static void test_pipe_folder(void **state) {
  (void)state;
  char dir[] = "/tmp/dyad-test-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[256];
  snprintf(path, sizeof path, "%s/b.txt", dir);
  FILE *f = fopen(path, "w");
  fputs("Second.", f);
  fclose(f);
  snprintf(path, sizeof path, "%s/a.jsonl", dir);
  f = fopen(path, "w");
  fputs("{\"id\":\"j1\",\"text\":\"First.\"}\n{\"id\":\"j2\",\"text\":\"Also first.\"}\n", f);
  fclose(f);
  snprintf(path, sizeof path, "%s/.hidden.txt", dir);
  f = fopen(path, "w");
  fputs("Never read.", f);
  fclose(f);
  dy_reader *r;
  dy_error err;
  dy_doc *docs[8];
  int errors;
  long line = 0;
  assert_int_equal(dy_reader_open(dir, DY_IN_AUTO, 0, &r, &err), DY_OK);
  int n = read_all(r, docs, 8, &errors, &line);
  dy_reader_close(r);
  assert_int_equal(n, 3); /* a.jsonl's two, then b.txt; the hidden file skipped */
  assert_string_equal(docs[0]->id, "j1");
  assert_string_equal(docs[1]->id, "j2");
  assert_string_equal(docs[2]->id, "b");
  free_docs(docs, n);
  snprintf(path, sizeof path, "rm -rf %s", dir);
  assert_int_equal(system(path), 0);
  assert_int_equal(dy_reader_open("/nonexistent/dir", DY_IN_AUTO, 0, &r, &err), DY_EIO);
  assert_string_equal(err.file, "/nonexistent/dir");
}

/* Inputs fuzz_input once crashed on (tests/data/pipe/fuzz-*.bin). */
static void test_pipe_fuzz_regressions(void **state) {
  (void)state;
  const char *files[] = { "tests/data/pipe/fuzz-html-empty-block.bin",
                          "tests/data/pipe/fuzz-xml-article-growth.bin",
                          "tests/data/pipe/fuzz-date-long-number.bin" };
  static const char *const names[] = { "in.txt", "in.txt", "in.jsonl", "in.xml", "in.html" };
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    FILE *f = fopen(files[i], "rb");
    assert_non_null(f);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_true(n > 1);
    dy_reader *r;
    dy_error err;
    dy_input_format fmt = (dy_input_format)((unsigned char)buf[0] % 5);
    assert_int_equal(dy_reader_open_mem(buf + 1, n - 1, names[fmt], fmt, 20250603, &r, &err), DY_OK);
    dy_doc *docs[64];
    int errors;
    long line;
    int got = read_all(r, docs, 64, &errors, &line);
    dy_reader_close(r);
    free_docs(docs, got);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_pipe_calendar),
    cmocka_unit_test(test_pipe_date_formats),
    cmocka_unit_test(test_pipe_time_expressions),
    cmocka_unit_test(test_pipe_text_header),
    cmocka_unit_test(test_pipe_jsonl),
    cmocka_unit_test(test_pipe_xml),
    cmocka_unit_test(test_pipe_html),
    cmocka_unit_test(test_pipe_folder),
    cmocka_unit_test(test_pipe_fuzz_regressions),
  };
  cmocka_set_message_output(CM_OUTPUT_TAP);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
