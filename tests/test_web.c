/*
** test_web.c: the web view without the network: the escapers, and the
** JSON API and pages answered by dy_web_handle from a store in memory,
** with an article whose title and text carry <script> and quotes.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>
#include "dyad/store.h"
#include "dyad/web.h"
#include "../src/web/internal.h"

static const char *escape_html(web_buf *b, const char *s) {
  b->n = 0;
  web_htmls(b, s);
  return b->p;
}

static void test_web_escape_html(void **state) {
  (void)state;
  web_buf b = { 0 };
  assert_string_equal(escape_html(&b, "<script>alert(\"x\")</script>"),
                      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  assert_string_equal(escape_html(&b, "O'Brien & co"), "O&#39;Brien &amp; co");
  assert_string_equal(escape_html(&b, "plain \xe2\x80\x94 text"), "plain \xe2\x80\x94 text");
  assert_string_equal(escape_html(&b, ""), "");
  free(b.p);
}

static void test_web_escape_json_and_url(void **state) {
  (void)state;
  web_buf b = { 0 };
  web_json(&b, "a\"b\\c\n\x01</script>&");
  assert_string_equal(b.p, "\"a\\\"b\\\\c\\n\\u0001\\u003c/script\\u003e\\u0026\"");
  b.n = 0;
  web_url(&b, "sha:ab cd&x=1/\xc3\xa9");
  assert_string_equal(b.p, "sha%3Aab%20cd%26x%3D1%2F%C3%A9");
  char d[11];
  assert_string_equal(web_date(20250603, d), "2025-06-03");
  assert_string_equal(web_date(0, d), "");
  assert_int_equal(web_parse_date("2025-06-03"), 20250603);
  assert_int_equal(web_parse_date("20250603"), 20250603);
  assert_int_equal(web_parse_date("2025-13-03"), 0);
  assert_int_equal(web_parse_date("2025-06-03x"), 0);
  free(b.p);
}

/* Query parameters as name, value pairs ending with NULL. */
static const char *args(void *ctx, const char *name) {
  const char *const *kv = ctx;
  for (; kv && kv[0]; kv += 2)
    if (strcmp(kv[0], name) == 0) return kv[1];
  return NULL;
}

static const char xss_title[] = "<script>alert(\"t\")</script> Lukashenko & 'Xi'";
static const char xss_text[] =
    "Lukashenko met Xi Jinping in Beijing. <script>alert(1)</script> \"We are friends,\" he said.";

static dy_store *fixture(void) {
  dy_store *st;
  assert_int_equal(dy_store_open(":memory:", &st, NULL), DY_OK);
  assert_int_equal(dy_store_begin(st, NULL), DY_OK);
  dy_doc doc = { .id = "x1", .title = xss_title, .date = 20250603, .text = xss_text,
                 .text_len = strlen(xss_text), .origin = "t", .hash = 42 };
  dy_doc_sentence sent[2] = {
    { .index = 0, .start = 0, .end = 37, .text = "Lukashenko met Xi Jinping in Beijing." },
    { .index = 1, .start = 38, .end = strlen(xss_text),
      .text = "<script>alert(1)</script> \"We are friends,\" he said." },
  };
  dy_doc_event ev = { .sent = 0, .date = 20250603, .source = "BLRGOV", .target = "CHNGOV",
                      .code = "040", .plover = "CONSULT", .goldstein = 1.0, .quad = 1,
                      .source_text = "Lukashenko", .target_text = "Xi Jinping",
                      .verb_text = "met", .issues = "", .why = "<b>why</b>" };
  dy_quote q = { .sent_first = 1, .sent_last = 1, .text = "We are friends,",
                 .speaker_text = "he", .speaker_code = "BLRGOV" };
  dy_doc_result r = { .doc = &doc, .n_sent = 2, .sent = sent, .n_ev = 1, .ev = &ev,
                      .n_quotes = 1, .quotes = &q };
  assert_int_equal(dy_store_add(st, &r, NULL, NULL), DY_OK);
  for (int i = 0; i < 30; i++) {  /* more events, to page through */
    char sid[16];
    snprintf(sid, sizeof sid, "%d", i);
    dy_store_event e = { .doc_id = "d2", .sent = i, .date = 20250601 + i % 9,
                         .source = i % 2 ? "CHN" : "BLR", .target = i % 2 ? "BLR" : "CHN",
                         .code = i % 3 ? "042" : "190", .cameo_name = "", .plover = "",
                         .goldstein = i % 3 ? 1.9 : -10, .quad = i % 3 ? 1 : 4,
                         .source_text = sid, .target_text = "", .verb_text = "v",
                         .issues = "", .why = "" , .counted = 1 };
    assert_int_equal(dy_store_add_event(st, &e, NULL, NULL), DY_OK);
  }
  assert_int_equal(dy_store_commit(st, NULL), DY_OK);
  return st;
}

/* GET path with the pairs; returns the body (caller frees) and the status. */
static char *get(dy_store *st, const char *path, const char *const *kv, int *status) {
  dy_web_response res;
  assert_int_equal(dy_web_handle(st, path, args, (void *)kv, &res), DY_OK);
  *status = res.status;
  assert_non_null(res.body);
  assert_int_equal(strlen(res.body), res.len);
  return res.body;
}

static json_t *get_json(dy_store *st, const char *path, const char *const *kv, int status) {
  int got;
  char *body = get(st, path, kv, &got);
  assert_int_equal(got, status);
  json_error_t je;
  json_t *j = json_loads(body, 0, &je);
  if (!j) fail_msg("not JSON (%s): %s", je.text, body);
  free(body);
  return j;
}

static void test_web_api_events_filters_and_paging(void **state) {
  dy_store *st = *state;
  const char *const kv[] = { "dyad", "blr:chn", "either", "1", "limit", "10", "total", "1", NULL };
  json_t *j = get_json(st, "/api/events", kv, 200);
  assert_int_equal(json_integer_value(json_object_get(j, "total")), 31);  /* and x1's BLRGOV 040 CHNGOV */
  assert_int_equal(json_array_size(json_object_get(j, "events")), 10);
  assert_int_equal(json_integer_value(json_object_get(j, "next_offset")), 10);
  json_decref(j);
  const char *const last[] = { "dyad", "BLR:CHN", "either", "1", "limit", "10", "offset", "21",
                               NULL };
  j = get_json(st, "/api/events", last, 200);
  assert_int_equal(json_array_size(json_object_get(j, "events")), 10);
  assert_true(json_is_null(json_object_get(j, "next_offset")));
  json_decref(j);
  const char *const conflict[] = { "quad", "4", "source", "BLR", "limit", "500", NULL };
  j = get_json(st, "/api/events", conflict, 200);
  json_t *evs = json_object_get(j, "events"), *e;
  size_t i;
  assert_int_equal(json_array_size(evs), 5);  /* i = 0, 6, 12, 18, 24 */
  json_array_foreach(evs, i, e) {
    assert_string_equal(json_string_value(json_object_get(e, "cameo")), "190");
    assert_string_equal(json_string_value(json_object_get(e, "source")), "BLR");
  }
  json_decref(j);
}

static void test_web_api_errors(void **state) {
  dy_store *st = *state;
  static const struct { const char *path, *k, *v; int status; } bad[] = {
    { "/api/events", "quad", "9", 400 },         { "/api/events", "limit", "501", 400 },
    { "/api/events", "offset", "100001", 400 },  { "/api/events", "actor", "BLR' OR 1", 400 },
    { "/api/events", "from", "yesterday", 400 }, { "/api/events", "dyad", "BLR", 400 },
    { "/api/dyads", "by", "year", 400 },         { "/api/search", "x", "y", 400 },
    { "/api/documents", "id", "nope", 404 },     { "/api/nothing", "x", "y", 404 },
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    const char *const kv[] = { bad[i].k, bad[i].v, NULL };
    json_t *j = get_json(st, bad[i].path, kv, bad[i].status);
    json_t *err = json_object_get(j, "error");
    assert_non_null(err);
    assert_int_equal(json_integer_value(json_object_get(err, "status")), bad[i].status);
    assert_true(json_string_length(json_object_get(err, "message")) > 0);
    json_decref(j);
  }
}

static void test_web_api_document_series_search(void **state) {
  dy_store *st = *state;
  const char *const id[] = { "id", "x1", NULL };
  json_t *j = get_json(st, "/api/documents", id, 200);
  assert_string_equal(json_string_value(json_object_get(j, "title")), xss_title);
  assert_int_equal(json_array_size(json_object_get(j, "sentences")), 2);
  assert_int_equal(json_array_size(json_object_get(j, "events")), 1);
  assert_int_equal(json_array_size(json_object_get(j, "quotes")), 1);
  json_decref(j);
  const char *const by[] = { "by", "day", "dyad", "BLR:CHN", NULL };
  j = get_json(st, "/api/series", by, 200);
  json_t *rows = json_object_get(j, "series"), *row;
  size_t i;
  long events = 0;
  json_array_foreach(rows, i, row) events += (long)json_integer_value(json_object_get(row, "events"));
  assert_int_equal(events, 16);
  json_decref(j);
  const char *const q[] = { "q", "script\" OR *", NULL };  /* words, never FTS syntax */
  j = get_json(st, "/api/search", q, 200);
  assert_int_equal(json_array_size(json_object_get(j, "hits")), 0);
  json_decref(j);
  const char *const q2[] = { "q", "Beijing", NULL };
  j = get_json(st, "/api/search", q2, 200);
  assert_int_equal(json_array_size(json_object_get(j, "hits")), 1);
  json_decref(j);
}

static void test_web_article_is_escaped(void **state) {
  dy_store *st = *state;
  const char *const id[] = { "id", "x1", NULL };
  int status;
  char *html = get(st, "/article", id, &status);
  assert_int_equal(status, 200);
  assert_null(strstr(html, "<script>alert"));
  assert_null(strstr(html, "<b>why"));
  assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;We are friends,&quot;"));
  assert_non_null(strstr(html, "<h1 id=\"article-title\">&lt;script&gt;alert(&quot;t&quot;)"
                               "&lt;/script&gt; Lukashenko &amp; &#39;Xi&#39;</h1>"));
  assert_non_null(strstr(html, "<mark class=\"actor\" title=\"source BLRGOV\">Lukashenko</mark> "
                               "<mark class=\"verb\" title=\"CAMEO 040\">met</mark>"));
  assert_non_null(strstr(html, "<p class=\"sent quote\" id=\"s1\">"));
  /* The only scripts are the page's own. */
  int scripts = 0;
  for (const char *p = html; (p = strstr(p, "<script")); p++) scripts++;
  assert_int_equal(scripts, 1);
  free(html);
}

static void test_web_pages(void **state) {
  dy_store *st = *state;
  static const struct { const char *path, *k, *v, *needle; int status; } pages[] = {
    { "/", "x", "", "id=\"total-events\">31<", 200 },
    { "/events", "dyad", "CHN:BLR", "<strong>15</strong> events", 200 },
    { "/events", "quad", "7", "quad: a whole number", 400 },
    { "/actor", "code", "BLR", "Actor <span id=\"actor-code\">BLR</span>", 200 },
    { "/actor", "code", "<x>", "letters and digits", 400 },
    { "/dyad", "a", "blr", "<svg class=\"chart\"", 200 },
    { "/search", "q", "<Beijing>", "value=\"&lt;Beijing&gt;\"", 200 },
    { "/article", "id", "none", "No article has this id", 404 },
    { "/static/app.js", "x", "", "use strict", 200 },
    { "/../etc/passwd", "x", "", "no page at this address", 404 },
  };
  for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
    const char *const kv[] = { pages[i].k, pages[i].v, NULL };
    int status;
    char *body = get(st, pages[i].path, kv, &status);
    if (status != pages[i].status || !strstr(body, pages[i].needle))
      fail_msg("%s: status %d, no '%s' in %.2000s", pages[i].path, status, pages[i].needle, body);
    free(body);
  }
}

static int setup(void **state) {
  *state = fixture();
  return 0;
}

static int teardown(void **state) {
  dy_store_close(*state);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_web_escape_html),
    cmocka_unit_test(test_web_escape_json_and_url),
    cmocka_unit_test_setup_teardown(test_web_api_events_filters_and_paging, setup, teardown),
    cmocka_unit_test_setup_teardown(test_web_api_errors, setup, teardown),
    cmocka_unit_test_setup_teardown(test_web_api_document_series_search, setup, teardown),
    cmocka_unit_test_setup_teardown(test_web_article_is_escaped, setup, teardown),
    cmocka_unit_test_setup_teardown(test_web_pages, setup, teardown),
  };
  cmocka_set_message_output(CM_OUTPUT_TAP);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
