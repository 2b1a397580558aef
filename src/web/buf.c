/*
** buf.c: the web view's output buffer and its escapers. Everything the
** server writes that came from the store (article text, actor names,
** quotes, parameters echoed back) goes through web_html or web_json.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static int grow(web_buf *b, size_t need) {
  if (b->oom) return 0;
  if (b->n + need + 1 <= b->cap) return 1;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->n + need + 1) cap *= 2;
  char *p = realloc(b->p, cap);
  if (!p) { b->oom = 1; return 0; }
  b->p = p;
  b->cap = cap;
  return 1;
}

void web_putn(web_buf *b, const char *s, size_t n) {
  if (!grow(b, n)) return;
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
}

void web_put(web_buf *b, const char *s) { web_putn(b, s, strlen(s)); }

void web_printf(web_buf *b, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof small) { web_putn(b, small, (size_t)n); return; }
  if (!grow(b, (size_t)n)) return;
  va_start(ap, fmt);
  vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->n += (size_t)n;
}

void web_html(web_buf *b, const char *s, size_t n) {
  size_t run = 0;  /* bytes copied as they are, in one go */
  for (size_t i = 0; i < n; i++) {
    const char *rep;
    switch (s[i]) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = "&quot;"; break;
    case '\'': rep = "&#39;"; break;
    default: continue;
    }
    web_putn(b, s + run, i - run);
    web_put(b, rep);
    run = i + 1;
  }
  web_putn(b, s + run, n - run);
}

void web_htmls(web_buf *b, const char *s) { web_html(b, s ? s : "", s ? strlen(s) : 0); }

void web_json(web_buf *b, const char *s) {
  static const char hex[] = "0123456789abcdef";
  web_putn(b, "\"", 1);
  const unsigned char *u = (const unsigned char *)(s ? s : "");
  size_t run = 0, i = 0;
  for (; u[i]; i++) {
    unsigned c = u[i];
    char esc[7];
    const char *rep = esc;
    if (c == '"') rep = "\\\"";
    else if (c == '\\') rep = "\\\\";
    else if (c == '\n') rep = "\\n";
    else if (c == '\t') rep = "\\t";
    else if (c == '\r') rep = "\\r";
    else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x7f) {
      esc[0] = '\\'; esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
      esc[4] = hex[c >> 4]; esc[5] = hex[c & 15]; esc[6] = 0;
    } else continue;
    web_putn(b, (const char *)u + run, i - run);
    web_put(b, rep);
    run = i + 1;
  }
  web_putn(b, (const char *)u + run, i - run);
  web_putn(b, "\"", 1);
}

void web_url(web_buf *b, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *u = (const unsigned char *)(s ? s : ""); *u; u++) {
    unsigned c = *u;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        c == '-' || c == '_' || c == '.' || c == '~') {
      char ch = (char)c;
      web_putn(b, &ch, 1);
    } else {
      char e[3] = { '%', hex[c >> 4], hex[c & 15] };
      web_putn(b, e, 3);
    }
  }
}

const char *web_date(int32_t d, char out[11]) {
  if (d <= 0) out[0] = 0;
  else snprintf(out, 11, "%04d-%02d-%02d", (int)(d / 10000 % 10000), (int)(d / 100 % 100),
                (int)(d % 100));
  return out;
}
