/*
** fuzz_model.c: libFuzzer target for the model loader. Arbitrary bytes
** must be refused cleanly; to get past the checksum, the input is also
** loaded with a fixed-up header (size and XXH64 recomputed), so the chunk
** table and table checks see fuzzed contents. A model that loads is used to
** tag and parse a sentence.
*/
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#include "dyad/parse.h"
#include "dyad/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void use(const dy_model *m) {
  dy_arena *a = dy_arena_new(0);
  dy_sentence *sv;
  int32_t n;
  const char *t = "Belarus and China didn't sign the deal.";
  if (dy_parse_text(m, t, strlen(t), a, &sv, &n, NULL) != DY_OK) abort();
  dy_arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dy_model *m;
  dy_error err;
  if (dy_model_load_mem(data, size, "fuzz", &m, &err) == DY_OK) { use(m); dy_model_free(m); }
  if (size < 32) return 0;
  unsigned char *b = malloc(size);
  memcpy(b, data, size);
  memcpy(b, "DYADMODL", 8);
  for (int i = 0; i < 8; i++) b[16 + i] = (unsigned char)((uint64_t)size >> (8 * i));
  uint64_t h = XXH64(b + 32, size - 32, 0);
  for (int i = 0; i < 8; i++) b[24 + i] = (unsigned char)(h >> (8 * i));
  if (dy_model_load_mem(b, size, "fuzz", &m, &err) == DY_OK) { use(m); dy_model_free(m); }
  free(b);
  return 0;
}
