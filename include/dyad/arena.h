/*
** arena.h: a region allocator. Everything a document or a dictionary needs
** (tokens, strings, arcs, matches, events) is carved from an arena and
** released at once by dy_arena_free() or recycled by dy_arena_reset().
** No per-token malloc happens on a hot path: chunks grow geometrically and
** reset keeps the largest one.
*/
#ifndef DYAD_ARENA_H
#define DYAD_ARENA_H

#include <stddef.h>

typedef struct dy_arena dy_arena;

/* A new empty arena whose first chunk holds at least chunk bytes (0 for a
** default). Returns NULL when out of memory. */
dy_arena *dy_arena_new(size_t chunk);

/* n bytes aligned to 16, uninitialised; NULL when out of memory (the arena
** is unchanged). n == 0 returns a valid unique pointer. */
void *dy_arena_alloc(dy_arena *a, size_t n);

/* Like dy_arena_alloc() but zero-filled. */
void *dy_arena_calloc(dy_arena *a, size_t count, size_t size);

/* A NUL-terminated copy of the n bytes at s; NULL when out of memory. */
char *dy_arena_strndup(dy_arena *a, const char *s, size_t n);

/* Forget every allocation but keep the biggest chunk for reuse. */
void dy_arena_reset(dy_arena *a);

/* Bytes handed out since the last reset (for statistics). */
size_t dy_arena_used(const dy_arena *a);

/* Release the arena and everything in it. dy_arena_free(NULL) does nothing. */
void dy_arena_free(dy_arena *a);

#endif
