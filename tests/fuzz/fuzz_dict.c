/*
** fuzz_dict.c: libFuzzer target for the dictionary readers. The first
** byte picks the kind (verbs, actors, agents, discards, issues); the rest
** is the file. Any input must load or fail with a message, never crash.
*/
#include <stddef.h>
#include <stdint.h>
#include "dyad/dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  dy_dict_kind kind = (dy_dict_kind)(1 + data[0] % 5);
  dy_dict *d = dy_dict_new();
  if (!d) return 0;
  dy_error err;
  dy_dict_load_mem(d, kind, (const char *)data + 1, size - 1, "fuzz", &err);
  /* A second file of another kind on top of the first. */
  if (kind != DY_DICT_ACTORS)
    dy_dict_load_mem(d, DY_DICT_ACTORS, (const char *)data + 1, size - 1, "fuzz2", &err);
  dy_dict_actor_code(d, "ARNOR", 19950101);
  dy_dict_free(d);
  return 0;
}
