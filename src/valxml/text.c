/*
** text.c: XML character data as the validation files write it: the five
** predefined entities and numeric character references (&#NN; &#xNN;)
** decoded to UTF-8, and whitespace folding for <Text>. A reference that
** names no valid scalar value (0, a surrogate, past U+10FFFF) or an unknown
** entity is copied as written: these files are read tolerantly, and a
** literal "&" in them is more likely careless than malicious.
**
** A decoded reference is never longer than the reference itself (&#128; is
** six bytes and encodes in two; &#65536; is eight and encodes in four), so
** the output fits in n + 1 bytes.
*/
#include <string.h>
#include "internal.h"

static size_t put_utf8(char *o, unsigned long cp) {
  if (cp < 0x80) { o[0] = (char)cp; return 1; }
  if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | (cp >> 18));
  o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* The reference body s[0..n) (between '&' and ';') as bytes in o; returns
** their number, or 0 when it is not a reference this decoder knows. */
static size_t entity(const char *s, size_t n, char *o) {
  static const struct { const char *name; char c; } named[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  };
  for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
    if (strlen(named[i].name) == n && memcmp(named[i].name, s, n) == 0) {
      *o = named[i].c;
      return 1;
    }
  }
  if (n < 2 || s[0] != '#') return 0;
  int hex = s[1] == 'x' || s[1] == 'X';
  size_t i = hex ? 2 : 1;
  if (i == n) return 0;
  unsigned long cp = 0;
  for (; i < n; i++) {
    int d;
    char c = s[i];
    if (c >= '0' && c <= '9') d = c - '0';
    else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return 0;
    cp = cp * (hex ? 16 : 10) + (unsigned long)d;
    if (cp > 0x10FFFF) return 0;
  }
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return put_utf8(o, cp);
}

static int blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

char *dy_valxml_decode(dy_arena *a, const char *s, size_t n, int fold) {
  char *out = dy_arena_alloc(a, n + 1);
  if (!out) return NULL;
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    if (s[i] == '&') {
      const char *semi = memchr(s + i + 1, ';', n - i - 1 < 12 ? n - i - 1 : 12);
      size_t k = semi ? entity(s + i + 1, (size_t)(semi - s - i - 1), out + o) : 0;
      if (k) {
        o += k;
        i = (size_t)(semi - s) + 1;
        continue;
      }
    }
    out[o++] = s[i++];
  }
  out[o] = 0;
  if (!fold) return out;
  size_t w = 0;
  for (size_t r = 0; r < o; r++) {
    if (blank(out[r])) {
      if (w > 0 && out[w - 1] != ' ') out[w++] = ' ';
    } else {
      out[w++] = out[r];
    }
  }
  if (w > 0 && out[w - 1] == ' ') w--;
  out[w] = 0;
  return out;
}
