/*
** util.h: helpers shared inside libdyad and never exported through
** include/: error reporting, whole-file reading, ASCII case folding.
*/
#ifndef DYAD_UTIL_H
#define DYAD_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "dyad/common.h"
#include "dyad/arena.h"

#define DY_UNUSED(x) ((void)(x))
#define DY_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Fill err (if not NULL) and return code. file may be NULL. */
dy_status dy_err(dy_error *err, dy_status code, const char *file, long line,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Read the whole file at path into a malloc'd buffer with a NUL appended.
** *out and *len are set on success; on failure err names the file. The
** caller frees *out with free(). */
dy_status dy_read_file(const char *path, char **out, size_t *len, dy_error *err);

/* ASCII upper-casing of one byte; other bytes are returned as they are. */
static inline unsigned char dy_upper(unsigned char c) {
  return (c >= 'a' && c <= 'z') ? (unsigned char)(c - 32) : c;
}
static inline unsigned char dy_lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Trim leading and trailing blanks (space, TAB, CR, FF, VT, Ctrl-Z) from
** the n bytes at *s. */
void dy_trim(const char **s, size_t *n);

/* Case-insensitive (ASCII) equality of a NUL-terminated string and n bytes. */
int dy_strieq_n(const char *z, const char *s, size_t n);

/* Check that the n bytes at s are valid UTF-8; returns the byte offset of the
** first bad sequence or -1 when all are valid. */
long dy_utf8_check(const char *s, size_t n);

/* 64-bit FNV-1a hash of n bytes (small keys; xxhash is used for bulk). */
static inline uint64_t dy_hash_bytes(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) { h ^= s[i]; h *= 1099511628211ULL; }
  return h;
}

#endif
