/*
** normalize.c: UTF-8 repair, NFC, and the folded forms features are made
** of.
**
** Repair is byte-exact: each byte that does not start a valid sequence
** (stray continuation bytes, overlong forms, surrogates, truncated
** sequences) becomes one U+FFFD and is counted, so a caller can report how
** much of its input was damaged. NFC goes through utf8proc and is skipped
** for pure ASCII, which is already in NFC (the common case, and the fast
** path of `dyad bench parse`).
*/
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "dyad/text.h"
#include "../util/util.h"

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t valid_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t len;
  unsigned cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
  else return 0;
  if (len > n) return 0;
  for (size_t k = 1; k < len; k++) {
    if ((s[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[k] & 0x3F);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return len;
}

dy_status dy_text_normalize(const char *in, size_t len, dy_arena *a,
                            dy_str *out, size_t *n_invalid) {
  assert(a && out && (in || len == 0));
  const unsigned char *s = (const unsigned char *)in;
  size_t bad = 0, need = 0, i = 0;
  int ascii = 1;
  while (i < len) {
    size_t k = s[i] == 0 ? 0 : valid_seq(s + i, len - i);
    if (k == 0) { bad++; need += 3; i++; ascii = 0; continue; }
    if (k > 1) ascii = 0;
    need += k;
    i += k;
  }
  char *buf = dy_arena_alloc(a, need + 1);
  if (!buf) return DY_ENOMEM;
  size_t o = 0;
  for (i = 0; i < len;) {
    size_t k = s[i] == 0 ? 0 : valid_seq(s + i, len - i);
    if (k == 0) {  /* NUL is replaced too: C strings cannot hold it */
      memcpy(buf + o, "\xEF\xBF\xBD", 3);
      o += 3;
      i++;
      continue;
    }
    memcpy(buf + o, s + i, k);
    o += k;
    i += k;
  }
  buf[o] = 0;
  if (n_invalid) *n_invalid = bad;
  if (!ascii && o > 0) {
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)buf, (utf8proc_ssize_t)o,
                                      &nfc, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (m < 0) return m == UTF8PROC_ERROR_NOMEM ? DY_ENOMEM : DY_EPARSE;
    char *nb = dy_arena_strndup(a, (const char *)nfc, (size_t)m);
    free(nfc);
    if (!nb) return DY_ENOMEM;
    buf = nb;
    o = (size_t)m;
  }
  out->ptr = buf;
  out->len = o;
  return DY_OK;
}

/* Append the n bytes at z to buf if they fit. */
static size_t put(char *buf, size_t size, size_t o, const char *z, size_t n) {
  if (o + n < size) { memcpy(buf + o, z, n); return o + n; }
  return o;
}

size_t dy_text_fold(const char *str, size_t len, char *buf, size_t size) {
  const unsigned char *s = (const unsigned char *)str;
  size_t o = 0;
  if (!size) return 0;
  for (size_t i = 0; i < len;) {
    if (s[i] < 0x80) {
      if (o + 1 < size) buf[o++] = (char)dy_lower(s[i]);
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
    if (k <= 0) { i++; continue; }
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4:
      o = put(buf, size, o, "'", 1); break;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB:
      o = put(buf, size, o, "\"", 1); break;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
      o = put(buf, size, o, "-", 1); break;
    case 0x2014: case 0x2015:
      o = put(buf, size, o, "--", 2); break;
    case 0x2026:
      o = put(buf, size, o, "...", 3); break;
    case 0x00A0:
      o = put(buf, size, o, " ", 1); break;
    default: {
      utf8proc_uint8_t enc[4];
      utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
      o = put(buf, size, o, (const char *)enc, (size_t)m);
    }
    }
    i += (size_t)k;
  }
  buf[o] = 0;
  return o;
}
