/*
** write.c: a dy_sentence as CoNLL-U with UD v2 labels: comments (newdoc,
** sent_id, text, date when known), multiword-token lines before their first
** word, one line per word, a blank line.
**
** What the writer emits the reader takes back unchanged: a relation is
** written "deprel:subrel", an unknown input label kept as dep + subrel comes
** back as the same pair, and SpaceAfter=No is written on the multiword token
** that holds a word (as UD v2 requires) or else on the word. TABs and line
** breaks inside a field (from a tagger, not from CoNLL-U) become blanks.
*/
#include <string.h>
#include "internal.h"

/* One column: "_" when empty, TAB/CR/LF replaced by a blank. */
static void put_field(FILE *f, const char *s) {
  if (!s || !*s) { fputc('_', f); return; }
  for (; *s; s++) fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

/* A comment value: line breaks become blanks. */
static void put_comment(FILE *f, const char *key, const char *v) {
  fprintf(f, "# %s = ", key);
  for (; *v; v++) fputc(*v == '\n' || *v == '\r' ? ' ' : *v, f);
  fputc('\n', f);
}

static int has_item(const char *misc, const char *item) {
  size_t n = strlen(item);
  for (const char *p = misc; p && *p;) {
    const char *e = strchr(p, '|');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len == n && memcmp(p, item, n) == 0) return 1;
    p = e ? e + 1 : NULL;
  }
  return 0;
}

void dy_conllu_write(FILE *f, const dy_sentence *s) {
  if (s->doc_id && *s->doc_id) put_comment(f, "newdoc id", s->doc_id);
  if (s->sent_id && *s->sent_id) put_comment(f, "sent_id", s->sent_id);
  if (s->text && *s->text) put_comment(f, "text", s->text);
  if (s->date) fprintf(f, "# date = %08ld\n", (long)s->date);
  int32_t m = 0, in_mwt_until = 0;
  for (int32_t i = 1; i <= s->n; i++) {
    const dy_token *t = &s->tok[i - 1];
    if (m < s->n_mwt && s->mwt[m].first == i) {
      const dy_mwt *w = &s->mwt[m++];
      int32_t last = w->last <= s->n ? w->last : s->n;
      fprintf(f, "%ld-%ld\t", (long)w->first, (long)w->last);
      put_field(f, w->form);
      fputs("\t_\t_\t_\t_\t_\t_\t_\t", f);
      fputs(s->tok[last - 1].space_after ? "_\n" : "SpaceAfter=No\n", f);
      in_mwt_until = last;
    }
    fprintf(f, "%ld\t", (long)i);
    put_field(f, t->form);
    fputc('\t', f);
    put_field(f, t->lemma);
    fprintf(f, "\t%s\t", dy_upos_name(t->upos));
    put_field(f, t->xpos);
    fputc('\t', f);
    put_field(f, t->feats);
    fprintf(f, "\t%ld\t%s", (long)t->head, dy_deprel_name(t->deprel));
    if (t->subrel && *t->subrel) {
      fputc(':', f);
      put_field(f, t->subrel);
    }
    fputs("\t_\t", f);
    const char *misc = t->misc && strcmp(t->misc, "_") != 0 ? t->misc : "";
    if (!t->space_after && i > in_mwt_until && !has_item(misc, "SpaceAfter=No")) {
      if (*misc) { put_field(f, misc); fputc('|', f); }
      fputs("SpaceAfter=No", f);
    } else {
      put_field(f, misc);
    }
    fputc('\n', f);
  }
  fputc('\n', f);
}
