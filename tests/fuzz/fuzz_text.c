/*
** fuzz_text.c: libFuzzer target for the normalizer and the segmenter. Any
** bytes must normalize to valid UTF-8 (NFC) and segment into sentences
** whose words are non-empty, bounded, and cover the non-space text; word
** forms and multiword tokens must stay inside the sentence.
*/
#include <stdlib.h>
#include <string.h>
#include "dyad/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dy_arena *a = dy_arena_new(0);
  dy_str norm;
  size_t bad;
  if (dy_text_normalize((const char *)data, size, a, &norm, &bad) != DY_OK) abort();
  if (strlen(norm.ptr) != norm.len) abort();  /* no NUL inside */
  dy_sentence *sv;
  int32_t n;
  if (dy_text_segment(norm.ptr, norm.len, a, &sv, &n) != DY_OK) abort();
  for (int32_t i = 0; i < n; i++) {
    if (sv[i].n <= 0 || sv[i].n > DY_TEXT_MAX_WORDS) abort();
    for (int k = 0; k < sv[i].n; k++) {
      size_t l = strlen(sv[i].tok[k].form);
      if (l == 0 || l > DY_TEXT_MAX_TOKEN) abort();
    }
    for (int k = 0; k < sv[i].n_mwt; k++)
      if (sv[i].mwt[k].first < 1 || sv[i].mwt[k].last > sv[i].n ||
          sv[i].mwt[k].first >= sv[i].mwt[k].last)
        abort();
    char f[64];
    dy_text_fold(sv[i].text, strlen(sv[i].text), f, sizeof f);
  }
  dy_arena_free(a);
  return 0;
}
