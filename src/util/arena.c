/*
** arena.c: the region allocator behind every document and dictionary.
** Chunks are linked newest first; an allocation that does not fit opens a
** chunk at least twice the previous size (or the request, if larger), so a
** document costs a handful of mallocs however many tokens it has.
*/
#include <stdlib.h>
#include <string.h>
#include "dyad/arena.h"

#define ALIGN 16
#define DEFAULT_CHUNK (64 * 1024)

typedef struct chunk {
  struct chunk *next;    /* older chunk */
  size_t size;           /* usable bytes in data[] */
  size_t used;           /* bytes handed out */
  _Alignas(ALIGN) unsigned char data[];
} chunk;

struct dy_arena {
  chunk *head;           /* chunk being filled */
  size_t first;          /* size of the first chunk */
  size_t total;          /* bytes handed out since reset */
};

static chunk *chunk_new(size_t size) {
  chunk *c = malloc(sizeof(chunk) + size);
  if (!c) return NULL;
  c->next = NULL;
  c->size = size;
  c->used = 0;
  return c;
}

dy_arena *dy_arena_new(size_t size) {
  dy_arena *a = malloc(sizeof *a);
  if (!a) return NULL;
  a->first = size ? size : DEFAULT_CHUNK;
  a->head = NULL;
  a->total = 0;
  return a;
}

void *dy_arena_alloc(dy_arena *a, size_t n) {
  size_t need = (n + (ALIGN - 1)) & ~(size_t)(ALIGN - 1);
  if (need < n) return NULL; /* overflow */
  if (need == 0) need = ALIGN;
  chunk *c = a->head;
  if (!c || c->size - c->used < need) {
    size_t size = c ? c->size * 2 : a->first;
    if (size < need) size = need;
    if (size > ((size_t)1 << 40)) return NULL;
    chunk *nc = chunk_new(size);
    if (!nc) return NULL;
    nc->next = c;
    a->head = c = nc;
  }
  void *p = c->data + c->used;
  c->used += need;
  a->total += need;
  return p;
}

void *dy_arena_calloc(dy_arena *a, size_t count, size_t size) {
  if (size && count > ((size_t)-1) / size) return NULL;
  void *p = dy_arena_alloc(a, count * size);
  if (p) memset(p, 0, count * size);
  return p;
}

char *dy_arena_strndup(dy_arena *a, const char *s, size_t n) {
  char *p = dy_arena_alloc(a, n + 1);
  if (!p) return NULL;
  if (n) memcpy(p, s, n);
  p[n] = 0;
  return p;
}

void dy_arena_reset(dy_arena *a) {
  chunk *keep = a->head;
  if (!keep) return;
  /* The head is the biggest chunk: free the others. */
  chunk *c = keep->next;
  while (c) { chunk *nx = c->next; free(c); c = nx; }
  keep->next = NULL;
  keep->used = 0;
  a->total = 0;
}

size_t dy_arena_used(const dy_arena *a) { return a->total; }

void dy_arena_free(dy_arena *a) {
  if (!a) return;
  chunk *c = a->head;
  while (c) { chunk *nx = c->next; free(c); c = nx; }
  free(a);
}
