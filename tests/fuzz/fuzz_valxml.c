/*
** fuzz_valxml.c: libFuzzer target for the validation-record reader. The
** bytes are scanned as a records file; every CoNLL-U <Parse> found is then
** given to the CoNLL-U reader, as the validate command does.
*/
#include <stdlib.h>
#include <string.h>
#include "dyad/conllu.h"
#include "dyad/valxml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dy_arena *a = dy_arena_new(4096);
  if (!a) return 0;
  dy_valfile *vf;
  dy_error err;
  dy_status st = dy_valxml_parse((const char *)data, size, "fuzz", a, &vf, &err);
  if (st == DY_OK) {
    for (int i = 0; i < vf->n; i++) {
      const dy_valrec *r = &vf->rec[i];
      if (!r->id || !r->text || !r->parse || !r->category) abort();
      for (int j = 0; j < r->n_codings; j++)
        if (!r->codings[j].eventcode || !r->codings[j].sourcecode) abort();
      dy_sentence *s;
      if (r->parse[0] && r->parse[0] != '(')
        dy_conllu_parse(r->parse, strlen(r->parse), "fuzz", r->parse_line, a, &s, &err);
    }
  } else if (vf != NULL || (st != DY_EPARSE && st != DY_ENOMEM)) {
    abort();
  }
  dy_arena_free(a);
  return 0;
}
