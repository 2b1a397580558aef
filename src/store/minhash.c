/*
** minhash.c: MinHash signatures of word 5-shingles, the near-duplicate
** test of the event store (Broder 1997). Wire services resend a story with
** a changed headline or a sentence added; the Jaccard similarity of the two
** texts' shingle sets stays high, and the share of equal MinHash positions
** estimates it. The LSH band keys let the store compare a new document only
** with those sharing at least one band of 4 values.
*/
#include <assert.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>
#include "internal.h"

#define SHINGLE 5

static int is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Fold the shingle hash h into the signature. */
static void add_shingle(uint64_t h, uint32_t out[DY_STORE_MINHASH]) {
  for (uint32_t i = 0; i < DY_STORE_MINHASH; i++) {
    uint32_t v = XXH32(&h, sizeof h, 0x9E3779B1u * (i + 1));
    if (v < out[i]) out[i] = v;
  }
}

typedef struct { size_t at, n; } word;  /* a word: byte offset and length */

/* XXH64 of nw words, each lower-cased (ASCII), cut at 63 bytes and ended
** by a NUL, which is never a word byte and so separates them. */
static uint64_t hash_words(const unsigned char *s, const word *w, int nw) {
  XXH64_state_t x;
  XXH64_reset(&x, 0);
  for (int k = 0; k < nw; k++) {
    unsigned char low[64];
    size_t n = w[k].n < sizeof low - 1 ? w[k].n : sizeof low - 1;
    for (size_t j = 0; j < n; j++) {
      unsigned char c = s[w[k].at + j];
      low[j] = (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
    }
    low[n] = 0;
    XXH64_update(&x, low, n + 1);
  }
  return XXH64_digest(&x);
}

void dy_store_minhash(const char *text, size_t len, uint32_t out[DY_STORE_MINHASH]) {
  assert(out && (text || len == 0));
  const unsigned char *s = (const unsigned char *)text;
  word win[SHINGLE];  /* the last SHINGLE words */
  int nwin = 0;
  for (int i = 0; i < DY_STORE_MINHASH; i++) out[i] = UINT32_MAX;
  size_t i = 0;
  for (;;) {
    while (i < len && !is_word_byte(s[i])) i++;
    if (i >= len) break;
    size_t at = i;
    while (i < len && is_word_byte(s[i])) i++;
    if (nwin == SHINGLE) {
      memmove(win, win + 1, sizeof win[0] * (SHINGLE - 1));
      nwin--;
    }
    win[nwin].at = at;
    win[nwin].n = i - at;
    if (++nwin == SHINGLE) add_shingle(hash_words(s, win, nwin), out);
  }
  if (nwin > 0 && nwin < SHINGLE)  /* a text of fewer words is one shingle */
    add_shingle(hash_words(s, win, nwin), out);
}

double dy_store_similarity(const uint32_t a[DY_STORE_MINHASH], const uint32_t b[DY_STORE_MINHASH]) {
  int same = 0;
  for (int i = 0; i < DY_STORE_MINHASH; i++) same += a[i] == b[i];
  return (double)same / DY_STORE_MINHASH;
}

void dy_store_bands(const uint32_t sig[DY_STORE_MINHASH], int64_t keys[DY_STORE_BANDS]) {
  for (int b = 0; b < DY_STORE_BANDS; b++) {
    unsigned char buf[1 + 4 * DY_STORE_ROWS];
    buf[0] = (unsigned char)b;  /* equal values in different bands are different keys */
    for (int r = 0; r < DY_STORE_ROWS; r++)
      for (int k = 0; k < 4; k++)
        buf[1 + 4 * r + k] = (unsigned char)(sig[b * DY_STORE_ROWS + r] >> (8 * k));
    keys[b] = (int64_t)XXH64(buf, sizeof buf, 0);
  }
}
