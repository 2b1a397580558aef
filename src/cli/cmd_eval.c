/*
** cmd_eval.c: dyad eval, the tagger and parser scored against a gold
** CoNLL-U file.
**
** On gold tokenization every gold word is re-tagged and re-parsed (the
** parser sees predicted tags) and UPOS, XPOS, LEMMA, UAS and LAS are
** accuracies over all words. With --raw the gold file's own "# text" lines
** (sentences joined by a space, paragraphs and documents by a blank line)
** go through the whole pipeline, and the figures are those of the CoNLL
** 2018 shared task: F1 over character spans of tokens, sentences and
** words, and F1 of aligned UPOS/XPOS/LEMMA/UAS/LAS. LAS, as in CoNLL 2018,
** compares universal relations (subtypes ignored); las_full adds them.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad/arena.h"
#include "dyad/conllu.h"
#include "dyad/parse.h"
#include "cli.h"

static void help(FILE *f) {
  fputs(
    "usage: dyad eval [--model MODEL] [--raw] [--json] GOLD.conllu\n"
    "\n"
    "Score dyad's tagger and parser against the gold annotation in\n"
    "GOLD.conllu (e.g. the EWT test set).\n"
    "\n"
    "Without --raw the gold words are kept and re-annotated: tags, lemmas,\n"
    "then the tree from predicted tags. Reported: UPOS, XPOS and LEMMA\n"
    "accuracy, UAS, LAS (universal relation, as CoNLL 2018) and LAS with\n"
    "subtypes, in percent of words.\n"
    "\n"
    "With --raw the text of the gold sentences is parsed from scratch\n"
    "(tokenizer and sentence splitter included) and aligned with the gold\n"
    "file as the CoNLL 2018 shared task evaluation does: F1 of tokens,\n"
    "sentences and words over character spans, and F1 of the aligned tags,\n"
    "lemmas and attachments.\n"
    "\n"
    "options:\n"
    "  --model MODEL   model file (default $DYAD_MODEL, else en_ewt.model\n"
    "                  beside the dyad binary)\n"
    "  --raw           start from raw text (see above)\n"
    "  --gold-tags     keep the gold tags and lemmas and parse from them: the\n"
    "                  parser's accuracy without the tagger's errors\n"
    "  --json          print one JSON object: upos, xpos, lemma, uas, las,\n"
    "                  las_full (and tokens, sentences, words with --raw)\n"
    "  --write FILE    also write dyad's annotation of the sentences to FILE\n"
    "                  as CoNLL-U (to compare with the gold file)\n"
    "  -h, --help      this help\n"
    "\n"
    "exit status: 0 figures printed, 2 an error.\n"
    "\n"
    "examples:\n"
    "  dyad eval ../shared/data/treebank/en_ewt/test.conllu\n"
    "  dyad eval --raw --json ../shared/data/treebank/en_ewt/test.conllu\n",
    f);
}

/* One word for alignment. */
typedef struct aword {
  long start, end;       /* character span (non-space characters) of its token */
  int k, count;          /* index in its token and the token's word count */
  long head;             /* global index of the head word, -1 for the root */
  const dy_token *t;     /* the annotation */
} aword;

typedef struct side {
  aword *w;              /* words in text order */
  long nw, cap;          /* used, allocated */
  long *tok;             /* token spans, start and end pairs */
  long nt, tcap;
  long *sent;            /* sentence spans */
  long ns, scap;
} side;

static int grow(void **p, long *cap, long need, size_t size) {
  if (need <= *cap) return 0;
  long nc = *cap ? *cap * 2 : 1024;
  while (nc < need) nc *= 2;
  void *q = realloc(*p, (size_t)nc * size);
  if (!q) return -1;
  *p = q;
  *cap = nc;
  return 0;
}

/* Non-space characters of s (UTF-8 code points). */
static long nchars(const char *s) {
  long n = 0;
  for (; *s; s++)
    if ((*s & 0xC0) != 0x80 && *s != ' ' && *s != '\t' && *s != '\n') n++;
  return n;
}

/* Append sentence s to side d, whose character position is *pos. */
static int add_sentence(side *d, const dy_sentence *s, long *pos) {
  long base = d->nw, sstart = *pos;
  if (grow((void **)&d->w, &d->cap, d->nw + s->n, sizeof(aword)) ||
      grow((void **)&d->tok, &d->tcap, 2 * (d->nt + s->n + 1), sizeof(long)) ||
      grow((void **)&d->sent, &d->scap, 2 * (d->ns + 1), sizeof(long)))
    return -1;
  int m = 0;
  for (int i = 0; i < s->n;) {
    int count = 1;
    long len;
    if (m < s->n_mwt && s->mwt[m].first == i + 1) {
      count = s->mwt[m].last - s->mwt[m].first + 1;
      len = nchars(s->mwt[m].form);
      m++;
    } else {
      len = nchars(s->tok[i].form);
    }
    for (int k = 0; k < count && i + k < s->n; k++) {
      aword *w = &d->w[d->nw++];
      w->start = *pos;
      w->end = *pos + len;
      w->k = k;
      w->count = count;
      w->t = &s->tok[i + k];
      w->head = s->tok[i + k].head > 0 ? base + s->tok[i + k].head - 1 : -1;
    }
    d->tok[2 * d->nt] = *pos;
    d->tok[2 * d->nt + 1] = *pos + len;
    d->nt++;
    *pos += len;
    i += count;
  }
  d->sent[2 * d->ns] = sstart;
  d->sent[2 * d->ns + 1] = *pos;
  d->ns++;
  return 0;
}

/* Matching spans of two sorted span lists. */
static long span_matches(const long *a, long na, const long *b, long nb) {
  long i = 0, j = 0, ok = 0;
  while (i < na && j < nb) {
    if (a[2 * i] == b[2 * j] && a[2 * i + 1] == b[2 * j + 1]) { ok++; i++; j++; }
    else if (a[2 * i] < b[2 * j] || (a[2 * i] == b[2 * j] && a[2 * i + 1] < b[2 * j + 1])) i++;
    else j++;
  }
  return ok;
}

static double f1(long ok, long g, long s) {
  return g + s ? 200.0 * (double)ok / (double)(g + s) : 100.0;
}

typedef struct counts {
  long upos, xpos, lemma, uas, las, lasf, n;
} counts;

/* Compare aligned word pairs (word alignment al[gold] = system index or -1). */
static void score(const side *g, const side *s, const long *al, counts *c) {
  for (long i = 0; i < g->nw; i++) {
    long j = al[i];
    if (j < 0) continue;
    const dy_token *gt = g->w[i].t, *st = s->w[j].t;
    c->n++;
    c->upos += gt->upos == st->upos;
    c->xpos += strcmp(gt->xpos, st->xpos) == 0;
    c->lemma += strcmp(gt->lemma, st->lemma) == 0;
    long gh = g->w[i].head, sh = s->w[j].head;
    int head_ok = (gh < 0 && sh < 0) || (gh >= 0 && sh >= 0 && al[gh] == sh);
    c->uas += head_ok;
    c->las += head_ok && gt->deprel == st->deprel;
    c->lasf += head_ok && gt->deprel == st->deprel && strcmp(gt->subrel, st->subrel) == 0;
  }
}

/* Read every sentence of path into a; *par[i] = 1 when sentence i opens a
** paragraph or document. */
static int read_gold(const char *path, dy_arena *a, dy_sentence ***out, long *n, char **par) {
  FILE *f = fopen(path, "rb");
  if (!f) { cli_error("eval: cannot open %s", path); return -1; }
  dy_conllu_reader *r = dy_conllu_open_stream(f, path);
  long cap = 0;
  *out = NULL;
  *n = 0;
  dy_error err;
  char buf[1100];
  for (;;) {
    dy_sentence *s;
    dy_error_clear(&err);
    if (dy_conllu_next(r, a, &s, &err) != DY_OK) {
      cli_error("eval: %s", dy_error_format(&err, buf, sizeof buf));
      dy_conllu_close(r);
      fclose(f);
      return -1;
    }
    if (!s) break;
    if (grow((void **)out, &cap, *n + 1, sizeof **out)) break;
    (*out)[(*n)++] = s;
  }
  dy_conllu_close(r);
  /* paragraph starts: a second pass over the comments */
  rewind(f);
  *par = calloc((size_t)*n + 1, 1);
  char line[8192];
  long idx = 0;
  int in_sent = 0, flag = 1;
  while (*par && fgets(line, sizeof line, f)) {
    if (line[0] == '#') {
      if (strncmp(line, "# newpar", 8) == 0 || strncmp(line, "# newdoc", 8) == 0) flag = 1;
    } else if (line[0] == '\n' || line[0] == '\r') {
      if (in_sent) { idx++; in_sent = 0; }
    } else if (!in_sent) {
      in_sent = 1;
      if (idx < *n) (*par)[idx] = (char)flag;
      flag = 0;
    }
  }
  fclose(f);
  return 0;
}

int cmd_eval(int argc, char **argv) {
  const char *model = NULL, *gold = NULL, *write = NULL;
  int raw = 0, json = 0, gold_tags = 0;
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) { help(stdout); return 0; }
    if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) model = argv[++i];
    else if (strcmp(argv[i], "--raw") == 0) raw = 1;
    else if (strcmp(argv[i], "--json") == 0) json = 1;
    else if (strcmp(argv[i], "--gold-tags") == 0) gold_tags = 1;
    else if (strcmp(argv[i], "--write") == 0 && i + 1 < argc) write = argv[++i];
    else if (argv[i][0] == '-') { cli_error("eval: unknown option '%s'", argv[i]); return 2; }
    else gold = argv[i];
  }
  if (!gold) { help(stderr); return 2; }
  dy_model *m = cli_model_load(model);
  if (!m) return 2;
  FILE *wf = NULL;
  if (write && !(wf = fopen(write, "w"))) {
    cli_error("eval: cannot write '%s'", write);
    dy_model_free(m);
    return 2;
  }
  dy_arena *ga = dy_arena_new(1 << 22), *sa = dy_arena_new(1 << 22);
  dy_sentence **gs;
  long ng;
  char *par = NULL;
  if (read_gold(gold, ga, &gs, &ng, &par) != 0 || !par) {
    if (wf) fclose(wf);
    dy_model_free(m);
    return 2;
  }
  side g = { 0 }, s = { 0 };
  long gpos = 0, spos = 0;
  int rc = 0;
  for (long i = 0; i < ng && rc == 0; i++) rc = add_sentence(&g, gs[i], &gpos);
  if (!raw) {
    for (long i = 0; i < ng && rc == 0; i++) {
      dy_sentence *c = dy_arena_alloc(sa, sizeof *c);
      dy_token *t = dy_arena_calloc(sa, (size_t)gs[i]->n + 1, sizeof *t);
      if (!c || !t) { rc = -1; break; }
      *c = *gs[i];
      for (int k = 0; k < c->n; k++) {
        t[k].form = gs[i]->tok[k].form;
        t[k].space_after = gs[i]->tok[k].space_after;
        t[k].misc = t[k].lemma = t[k].xpos = t[k].feats = "_";
        t[k].subrel = "";
      }
      c->tok = t;
      if (gold_tags) {
        for (int k = 0; k < c->n; k++) {
          t[k] = gs[i]->tok[k];
          t[k].head = 0;
          t[k].deprel = 0;
        }
      }
      if ((!gold_tags && dy_tag_sentence(m, c, sa) != DY_OK) ||
          dy_parse_sentence(m, c, sa) != DY_OK ||
          add_sentence(&s, c, &spos))
        rc = -1;
      else if (wf) dy_conllu_write(wf, c);
    }
  } else {
    size_t cap = 1 << 20, len = 0;
    char *text = malloc(cap);
    for (long i = 0; i < ng && text; i++) {
      size_t tl = strlen(gs[i]->text);
      if (len + tl + 4 > cap) {
        char *nt = realloc(text, cap = cap * 2 + tl);
        if (!nt) { free(text); text = NULL; break; }
        text = nt;
      }
      if (i > 0) {
        if (par[i]) { memcpy(text + len, "\n\n", 2); len += 2; }
        else text[len++] = ' ';
      }
      memcpy(text + len, gs[i]->text, tl);
      len += tl;
    }
    if (!text) rc = -1;
    size_t pos = 0;
    while (rc == 0 && pos < len) {
      char *e = strstr(text + pos, "\n\n");
      size_t end = e && (size_t)(e - text) < len ? (size_t)(e - text) : len;
      dy_sentence *sv;
      int32_t ns;
      if (dy_parse_text(m, text + pos, end - pos, sa, &sv, &ns, NULL) != DY_OK) { rc = -1; break; }
      for (int32_t k = 0; k < ns && rc == 0; k++) {
        rc = add_sentence(&s, &sv[k], &spos);
        if (wf) dy_conllu_write(wf, &sv[k]);
      }
      pos = end + 2;
    }
    free(text);
  }
  if (wf && fclose(wf) != 0 && rc == 0) {
    cli_error("eval: cannot write '%s'", write);
    dy_model_free(m);
    return 2;
  }
  if (rc != 0) {
    cli_error("eval: out of memory");
    dy_model_free(m);
    return 2;
  }
  if (gpos != spos)
    fprintf(stderr, "dyad: eval: warning: gold has %ld characters, system %ld\n", gpos, spos);
  /* word alignment on spans (and position inside multiword tokens) */
  long *al = malloc(((size_t)g.nw + 1) * sizeof *al);
  long i = 0, j = 0, aligned = 0;
  for (long k = 0; k < g.nw; k++) al[k] = -1;
  while (i < g.nw && j < s.nw) {
    const aword *x = &g.w[i], *y = &s.w[j];
    if (x->start == y->start && x->end == y->end) {
      if (x->count == y->count) { al[i] = j; aligned++; i++; j++; }
      else {  /* same token, different split: align the first word only */
        if (x->k == 0 && y->k == 0) { al[i] = j; aligned++; }
        if (x->k + 1 < x->count) i++; else if (y->k + 1 < y->count) j++; else { i++; j++; }
      }
    } else if (x->start < y->start || (x->start == y->start && x->end < y->end)) i++;
    else j++;
  }
  counts c = { 0 };
  score(&g, &s, al, &c);
  double upos, xpos, lemma, uas, las, lasf;
  if (!raw) {
    double n = (double)(g.nw ? g.nw : 1);
    upos = 100.0 * c.upos / n; xpos = 100.0 * c.xpos / n; lemma = 100.0 * c.lemma / n;
    uas = 100.0 * c.uas / n; las = 100.0 * c.las / n; lasf = 100.0 * c.lasf / n;
  } else {
    upos = f1(c.upos, g.nw, s.nw); xpos = f1(c.xpos, g.nw, s.nw);
    lemma = f1(c.lemma, g.nw, s.nw); uas = f1(c.uas, g.nw, s.nw);
    las = f1(c.las, g.nw, s.nw); lasf = f1(c.lasf, g.nw, s.nw);
  }
  double tokens = f1(span_matches(g.tok, g.nt, s.tok, s.nt), g.nt, s.nt);
  double sents = f1(span_matches(g.sent, g.ns, s.sent, s.ns), g.ns, s.ns);
  double words = f1(aligned, g.nw, s.nw);
  if (json) {
    printf("{\"upos\": %.2f, \"xpos\": %.2f, \"lemma\": %.2f, \"uas\": %.2f, \"las\": %.2f, "
           "\"las_full\": %.2f", upos, xpos, lemma, uas, las, lasf);
    if (raw) printf(", \"tokens\": %.2f, \"sentences\": %.2f, \"words\": %.2f", tokens, sents, words);
    printf(", \"gold_words\": %ld, \"system_words\": %ld}\n", g.nw, s.nw);
  } else {
    printf("%s: %ld sentences, %ld words%s\n", gold, ng, g.nw,
           raw ? " (from raw text; F1 scores)" : " (gold tokenization; accuracies)");
    if (raw) {
      printf("  tokens     %6.2f\n  sentences  %6.2f\n  words      %6.2f\n", tokens, sents, words);
    }
    printf("  UPOS       %6.2f\n  XPOS       %6.2f\n  LEMMA      %6.2f\n  UAS        %6.2f\n"
           "  LAS        %6.2f\n  LAS+sub    %6.2f\n", upos, xpos, lemma, uas, las, lasf);
  }
  free(al);
  free(g.w); free(g.tok); free(g.sent); free(s.w); free(s.tok); free(s.sent);
  free(gs);
  free(par);
  dy_arena_free(ga);
  dy_arena_free(sa);
  dy_model_free(m);
  return 0;
}
