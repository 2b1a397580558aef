/*
** fuzz_jsonl.c: libFuzzer target for the JSON Lines event reader of dyad
** load. The bytes are split into lines as dyad load splits them; each line
** is read with dy_store_event_parse and every event read is stored in an
** in-memory event store, inside a transaction rolled back at the end so
** the store stays small. The store is opened once (a harness-only static).
*/
#include <stdlib.h>
#include <string.h>
#include "dyad/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static dy_store *store;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dy_error err;
  if (!store && dy_store_open(":memory:", &store, &err)) abort();
  dy_arena *a = dy_arena_new(4096);
  if (!a) return 0;
  if (dy_store_begin(store, &err)) abort();
  const char *s = (const char *)data, *end = s + size;
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
    dy_store_event ev;
    dy_arena_reset(a);
    dy_status st = dy_store_event_parse(s, len, a, &ev, &err);
    if (st == DY_OK) {
      if (!ev.doc_id[0] || !ev.source || !ev.target || !ev.code[0] || !ev.why || !ev.issues ||
          ev.quad < 0 || ev.quad > 4 || (ev.date && ev.date < 10000101))
        abort();
      int added;
      if (dy_store_add_event(store, &ev, &added, &err)) abort();
    } else if (st != DY_EPARSE && st != DY_ENOMEM) {
      abort();
    }
    s += len + 1;
  }
  dy_store_rollback(store);
  dy_arena_free(a);
  return 0;
}
