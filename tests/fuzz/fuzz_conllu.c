/*
** fuzz_conllu.c: libFuzzer target for the CoNLL-U reader. The bytes are read
** three ways: from memory sentence by sentence, from a stream (the
** buffered line reader), and as one validation-record parse. Every sentence
** read is written, read back and written again: the two writings must be
** identical (the writer emits only what the reader takes back unchanged).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad/conllu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* s written as CoNLL-U into a malloc'd buffer (*len bytes). */
static char *written(const dy_sentence *s, size_t *len) {
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  if (!f) abort();
  dy_conllu_write(f, s);
  fclose(f);
  return buf;
}

static void round_trip(const dy_sentence *s) {
  size_t n1, n2;
  char *w1 = written(s, &n1);
  dy_arena *a = dy_arena_new(0);
  dy_conllu_reader *r = dy_conllu_open_mem(w1, n1, "rt");
  dy_sentence *s2;
  dy_error err;
  if (!a || !r) abort();
  if (dy_conllu_next(r, a, &s2, &err) != DY_OK || !s2) {
    fprintf(stderr, "written sentence does not read back: %s\n%.*s", err.message, (int)n1, w1);
    abort();
  }
  char *w2 = written(s2, &n2);
  if (n1 != n2 || memcmp(w1, w2, n1) != 0) {
    fprintf(stderr, "round trip differs:\n%.*s---\n%.*s", (int)n1, w1, (int)n2, w2);
    abort();
  }
  free(w1);
  free(w2);
  dy_conllu_close(r);
  dy_arena_free(a);
}

/* Read every sentence of r; at most limit calls (each consumes a line). */
static void drain(dy_conllu_reader *r, dy_arena *a, size_t limit, int check) {
  dy_sentence *s;
  dy_error err;
  for (size_t i = 0; i < limit; i++) {
    dy_arena_reset(a);
    dy_status st = dy_conllu_next(r, a, &s, &err);
    if (st == DY_OK && !s) return;
    if (st == DY_OK && check) round_trip(s);
    if (st != DY_OK && st != DY_EPARSE) abort();
  }
  fprintf(stderr, "reader made no progress\n");
  abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  dy_arena *a = dy_arena_new(4096);
  if (!a) return 0;
  dy_conllu_reader *r = dy_conllu_open_mem(buf, size, "fuzz");
  if (r) {
    drain(r, a, size + 2, 1);
    dy_conllu_close(r);
  }
  if (size > 0) {
    FILE *f = fmemopen((void *)data, size, "rb");
    if (f) {
      r = dy_conllu_open_stream(f, "fuzz-stream");
      if (r) {
        drain(r, a, size + 2, 0);
        dy_conllu_close(r);
      }
      fclose(f);
    }
  }
  dy_sentence *s;
  dy_error err;
  dy_arena_reset(a);
  dy_conllu_parse(buf, size, "fuzz-parse", 7, a, &s, &err);
  dy_arena_free(a);
  return 0;
}
