/*
** fuzz_input.c: libFuzzer target for the article readers (plain text with
** a header, JSON Lines, PETRARCH XML, HTML). The first byte picks the
** format; every record is read, bad ones reported and skipped.
*/
#include <stddef.h>
#include <stdint.h>
#include "dyad/pipe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  static const char *const names[] = { "in.txt", "in.txt", "in.jsonl", "in.xml", "in.html" };
  dy_input_format fmt = (dy_input_format)(data[0] % 5);
  dy_reader *r;
  dy_error err;
  if (dy_reader_open_mem((const char *)data + 1, size - 1, names[fmt], fmt, 20250603, &r, &err))
    return 0;
  dy_arena *a = dy_arena_new(0);
  for (int i = 0; a && i < 10000; i++) {
    dy_doc *d;
    dy_arena_reset(a);
    dy_status st = dy_reader_next(r, a, &d, &err);
    if (st == DY_OK && !d) break;
  }
  dy_arena_free(a);
  dy_reader_close(r);
  return 0;
}
