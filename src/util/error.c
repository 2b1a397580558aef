/*
** error.c: the one error convention. Statuses have static names; a
** dy_error carries the message users read, prefixed "file:line:" when the
** place is known.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

const char *dy_status_name(dy_status s) {
  switch (s) {
  case DY_OK: return "ok";
  case DY_ENOMEM: return "out of memory";
  case DY_EIO: return "input/output error";
  case DY_EPARSE: return "malformed input";
  case DY_EFORMAT: return "unsupported format";
  case DY_EDB: return "database error";
  case DY_EMISUSE: return "misuse of the API";
  }
  return "unknown status";
}

void dy_error_clear(dy_error *err) {
  if (!err) return;
  err->code = DY_OK;
  err->line = 0;
  err->offset = -1;
  err->file[0] = 0;
  err->message[0] = 0;
}

dy_status dy_err(dy_error *err, dy_status code, const char *file, long line,
                 const char *fmt, ...) {
  if (!err) return code;
  err->code = code;
  err->line = line;
  err->offset = -1;
  snprintf(err->file, sizeof err->file, "%s", file ? file : "");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  return code;
}

char *dy_error_format(const dy_error *err, char *buf, size_t size) {
  if (!size) return buf;
  if (!err) { buf[0] = 0; return buf; }
  const char *msg = err->message[0] ? err->message : dy_status_name(err->code);
  if (err->file[0] && err->line > 0)
    snprintf(buf, size, "%s:%ld: %s", err->file, err->line, msg);
  else if (err->file[0])
    snprintf(buf, size, "%s: %s", err->file, msg);
  else
    snprintf(buf, size, "%s", msg);
  return buf;
}

int dy_strieq_n(const char *z, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (!z[i] || dy_upper((unsigned char)z[i]) != dy_upper((unsigned char)s[i]))
      return 0;
  }
  return z[n] == 0;
}

long dy_utf8_check(const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) { i++; continue; }
    size_t len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return (long)i;
    if (i + len > n) return (long)i;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return (long)i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return (long)i;
    i += len;
  }
  return -1;
}

dy_status dy_read_file(const char *path, char **out, size_t *len, dy_error *err) {
  *out = NULL;
  *len = 0;
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f) return dy_err(err, DY_EIO, path, 0, "cannot open: %s", strerror(errno));
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  if (!buf) {
    if (f != stdin) fclose(f);
    return dy_err(err, DY_ENOMEM, path, 0, "out of memory reading the file");
  }
  for (;;) {
    if (cap - n < 2) {
      char *nb = cap < ((size_t)1 << 40) ? realloc(buf, cap * 2) : NULL;
      if (!nb) {
        free(buf);
        if (f != stdin) fclose(f);
        return dy_err(err, DY_ENOMEM, path, 0, "out of memory reading the file");
      }
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0) break;
  }
  int bad = ferror(f);
  if (f != stdin) fclose(f);
  if (bad) {
    free(buf);
    return dy_err(err, DY_EIO, path, 0, "read error");
  }
  buf[n] = 0;
  *out = buf;
  *len = n;
  return DY_OK;
}

static int is_blank(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\r' || ch == 0x1A || ch == '\f' || ch == '\v';
}

void dy_trim(const char **s, size_t *n) {
  while (*n && is_blank((*s)[0])) (*s)++, (*n)--;
  while (*n && is_blank((*s)[*n - 1])) (*n)--;
}

