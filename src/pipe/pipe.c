/*
** pipe.c: one article through the whole pipeline. Normalize and parse the
** text, code each sentence with what the article has said so far (the
** person last named, for "he" and "the Belarusian leader"), then date each
** event from its own time expression, attach PLOVER categories, collect
** quotations (quotes.c), names no dictionary knew, and a MinHash signature.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad/parse.h"
#include "dyad/pipe.h"
#include "dyad/store.h"
#include "dyad/text.h"
#include "internal.h"

dy_pipe *dy_pipe_new(const dy_model *m, const dy_dict *d, const dy_codebook *cb,
                     int require_dyad) {
  dy_pipe *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  dy_coder_opts o = { require_dyad, 1 }; /* whole articles: noun events too */
  p->m = m;
  p->d = d;
  p->cb = cb;
  p->coder = dy_coder_new(d, cb, &o);
  if (!p->coder) {
    free(p);
    return NULL;
  }
  return p;
}

void dy_pipe_set_home(dy_pipe *p, const char *code) { p->home = code && *code ? code : NULL; }

/* Carry the quotation state *open from byte *at of text up to byte pos:
** straight quotes toggle it, curly ones open and close it, and a paragraph
** break ends a quotation left open (the next paragraph reopens it when the
** quote goes on). Sentences are visited in order, so the walk is linear. */
static int in_quotation(const char *text, size_t pos, size_t *at, int *open) {
  for (size_t i = *at; i < pos; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c == '"') *open = !*open;
    else if (c == 0xE2 && i + 2 < pos && (unsigned char)text[i + 1] == 0x80) {
      unsigned char c2 = (unsigned char)text[i + 2];
      if (c2 == 0x9C) *open = 1;      /* U+201C */
      else if (c2 == 0x9D) *open = 0; /* U+201D */
    } else if (c == '\n' && i + 1 < pos && text[i + 1] == '\n') {
      *open = 0;
    }
  }
  if (pos > *at) *at = pos;
  return *open;
}

static int is_first_plural(const dy_token *t) {
  return t->upos == DY_UPOS_PRON && (strcasecmp(t->form, "we") == 0 || strcasecmp(t->form, "us") == 0);
}

void dy_pipe_free(dy_pipe *p) {
  if (!p) return;
  dy_coder_free(p->coder);
  free(p);
}

const char *dy_pipe_span_text(const dy_sentence *s, int first, int last, dy_arena *a) {
  if (first < 1 || last < first || last > s->n) return "";
  size_t n = 0;
  for (int i = first; i <= last; i++) n += strlen(s->tok[i - 1].form) + 1;
  char *o = dy_arena_alloc(a, n + 1);
  if (!o) return "";
  size_t k = 0;
  for (int i = first; i <= last; i++) {
    size_t l = strlen(s->tok[i - 1].form);
    memcpy(o + k, s->tok[i - 1].form, l);
    k += l;
    if (i < last && s->tok[i - 1].space_after) o[k++] = ' ';
  }
  o[k] = 0;
  return o;
}

/* Where each sentence lies in the text: its words found in order. */
static void locate(const char *text, size_t len, dy_doc_sentence *ds, int ns) {
  size_t pos = 0;
  for (int i = 0; i < ns; i++) {
    const dy_sentence *s = ds[i].tree;
    size_t start = pos, end = pos;
    for (int t = 0; t < s->n; t++) {
      const char *w = s->tok[t].form;
      size_t wl = strlen(w);
      const char *hit = NULL;
      /* Multiword tokens ("don't" = do + n't) keep their pieces' text. */
      for (size_t k = pos; wl && k + wl <= len && k < pos + 4096; k++)
        if (memcmp(text + k, w, wl) == 0) { hit = text + k; break; }
      if (!hit) continue;
      if (t == 0) start = (size_t)(hit - text);
      pos = (size_t)(hit - text) + wl;
      end = pos;
    }
    ds[i].start = start;
    ds[i].end = end < start ? start : end;
  }
}

static int lemma_is(const dy_token *t, const char *w) {
  return strcasecmp(t->lemma, w) == 0 || strcasecmp(t->form, w) == 0;
}

/* Is verb v (or the verb it hangs from) in the future tense? */
static int future_tense(const dy_sentence *s, int v) {
  for (int hops = 0; v && hops < 3; hops++) {
    for (int i = 1; i <= s->n; i++) {
      const dy_token *t = &s->tok[i - 1];
      if (t->head == v && t->deprel == DY_DEP_AUX &&
          (lemma_is(t, "will") || lemma_is(t, "shall") || lemma_is(t, "'ll")))
        return 1;
    }
    const dy_token *vt = &s->tok[v - 1];
    if (vt->deprel != DY_DEP_XCOMP && vt->deprel != DY_DEP_CONJ) break;
    v = vt->head;
  }
  return 0;
}

/* The date of the event at word v: a time expression among its
** dependents (or those of the verb it is a conjunct or complement of),
** else the article's date. */
static int32_t event_date(const dy_sentence *s, int v, int32_t ref) {
  for (int hops = 0; v && hops < 3; hops++) {
    for (int c = 1; c <= s->n; c++) {
      const dy_token *t = &s->tok[c - 1];
      if (t->head != v) continue;
      if (t->deprel != DY_DEP_OBL && t->deprel != DY_DEP_NMOD && t->deprel != DY_DEP_ADVMOD)
        continue;
      /* the words of this dependent, in order (at most a few) */
      const char *words[8];
      int nw = 0;
      for (int w = 1; w <= s->n && nw < 8; w++) {
        int u = w, in = 0;
        for (int k = 0; u && k <= s->n; k++) {
          if (u == c) { in = 1; break; }
          u = s->tok[u - 1].head;
        }
        if (in) words[nw++] = s->tok[w - 1].form;
      }
      int32_t d = dy_date_resolve(words, nw, ref, future_tense(s, v));
      if (d) return d;
    }
    /* ... or, for an event named by a noun, of the verb it is the object
    ** or oblique of: "On February 28, he embarked on a state visit". */
    const dy_token *vt = &s->tok[v - 1];
    int noun = vt->upos == DY_UPOS_NOUN && (vt->deprel == DY_DEP_OBJ || vt->deprel == DY_DEP_OBL);
    if (vt->deprel != DY_DEP_XCOMP && vt->deprel != DY_DEP_CONJ && vt->deprel != DY_DEP_ADVCL &&
        !noun)
      break;
    v = vt->head;
  }
  return ref;
}

static int is_pronoun(const dy_token *t) {
  static const char *const p[] = { "he", "she", "him", "his", "her" };
  if (t->upos != DY_UPOS_PRON) return 0;
  for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
    if (strcasecmp(t->form, p[i]) == 0) return 1;
  return 0;
}

static int is_role_noun(const dy_token *t) {
  static const char *const r[] = { "leader", "president", "premier", "chairman", "head" };
  if (t->upos != DY_UPOS_NOUN && t->upos != DY_UPOS_PROPN) return 0;
  for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
    if (strcasecmp(t->lemma, r[i]) == 0 || strcasecmp(t->form, r[i]) == 0) return 1;
  return 0;
}

/* Add name to the document's unknown names unless it is there already. */
static int add_unknown(dy_doc_result *out, int *cap, const char *name, int sent, dy_arena *a) {
  for (int i = 0; i < out->n_unknown; i++)
    if (strcmp(out->unknown[i].name, name) == 0) return 0;
  if (out->n_unknown == *cap) {
    int nc = *cap ? *cap * 2 : 16;
    dy_unknown_name *nu = dy_arena_alloc(a, sizeof *nu * (size_t)nc);
    if (!nu) return -1;
    if (out->n_unknown) memcpy(nu, out->unknown, sizeof *nu * (size_t)out->n_unknown);
    out->unknown = nu;
    *cap = nc;
  }
  out->unknown[out->n_unknown].name = name;
  out->unknown[out->n_unknown++].sent = sent;
  return 0;
}

dy_status dy_pipe_code(const dy_pipe *p, const dy_doc *doc, dy_arena *a, dy_doc_result *out,
                       dy_error *err) {
  memset(out, 0, sizeof *out);
  out->doc = doc;
  dy_str norm;
  if (dy_text_normalize(doc->text, doc->text_len, a, &norm, NULL))
    return dy_err(err, DY_ENOMEM, doc->origin, doc->origin_line, "out of memory");
  dy_sentence *sents = NULL;
  int32_t ns = 0;
  if (dy_parse_text_names(p->m, norm.ptr, norm.len, p->d, a, &sents, &ns, NULL))
    return dy_err(err, DY_ENOMEM, doc->origin, doc->origin_line, "out of memory");
  out->n_sent = ns;
  out->sent = dy_arena_calloc(a, (size_t)ns + 1, sizeof *out->sent);
  if (!out->sent) return dy_err(err, DY_ENOMEM, doc->origin, doc->origin_line, "out of memory");
  for (int i = 0; i < ns; i++) {
    dy_sentence *s = &sents[i];
    char id[600];
    snprintf(id, sizeof id, "%s-%d", doc->id, i + 1);
    s->doc_id = doc->id;
    s->sent_id = dy_arena_strndup(a, id, strlen(id));
    s->date = doc->date;
    out->sent[i].index = i;
    out->sent[i].tree = s;
    out->sent[i].text = s->text ? s->text : "";
  }
  locate(norm.ptr, norm.len, out->sent, ns);

  const char *last_person = NULL; /* the one person the latest sentence naming persons named */
  size_t qat = 0; /* how far in_quotation() has read, and what it found */
  int qopen = 0;
  const char **speaker_of = dy_arena_calloc(a, (size_t)ns + 1, sizeof *speaker_of);
  int ev_cap = 0, unk_cap = 0;
  if (!speaker_of) return dy_err(err, DY_ENOMEM, doc->origin, doc->origin_line, "out of memory");
  for (int i = 0; i < ns; i++) {
    dy_sentence *s = out->sent[i].tree;
    dy_code_hint *hints = dy_arena_calloc(a, (size_t)s->n + 2, sizeof *hints);
    if (!hints) return dy_err(err, DY_ENOMEM, doc->origin, doc->origin_line, "out of memory");
    if (p->home) { /* "we" and "us" in the outlet's own voice, not in a quotation */
      int open = in_quotation(norm.ptr, out->sent[i].start, &qat, &qopen);
      for (int t = 1; t <= s->n; t++) {
        const char *f = s->tok[t - 1].form;
        if (strcmp(f, "\"") == 0) open = !open;
        else if (strcmp(f, "\u201C") == 0) open = 1;
        else if (strcmp(f, "\u201D") == 0) open = 0;
        else if (!open && is_first_plural(&s->tok[t - 1]))
          hints[t].code = p->home, hints[t].kind = 1;
      }
    }
    for (int t = 1; t <= s->n && last_person; t++) {
      const dy_token *tk = &s->tok[t - 1];
      if (is_pronoun(tk)) hints[t].code = last_person, hints[t].kind = 1;
      else if (is_role_noun(tk)) hints[t].code = last_person, hints[t].kind = 2;
    }
    speaker_of[i] = last_person;
    dy_code_result r;
    if (dy_code_sentence_hints(p->coder, s, hints, a, &r, err)) return DY_ENOMEM;
    for (int k = 0; k < r.n; k++) {
      if (out->n_ev == ev_cap) {
        int nc = ev_cap ? ev_cap * 2 : 16;
        dy_doc_event *ne = dy_arena_alloc(a, sizeof *ne * (size_t)nc);
        if (!ne) return dy_err(err, DY_ENOMEM, doc->origin, doc->origin_line, "out of memory");
        if (out->n_ev) memcpy(ne, out->ev, sizeof *ne * (size_t)out->n_ev);
        out->ev = ne;
        ev_cap = nc;
      }
      const dy_event *e = &r.ev[k];
      dy_doc_event *de = &out->ev[out->n_ev++];
      memset(de, 0, sizeof *de);
      de->sent = i;
      de->date = event_date(s, e->verb, doc->date);
      de->source = e->source;
      de->target = e->target;
      de->code = e->code;
      de->plover = dy_codebook_plover(p->cb, e->code, NULL);
      de->goldstein = e->goldstein;
      de->quad = e->quad;
      de->source_text = dy_pipe_span_text(s, e->source_span.first, e->source_span.last, a);
      de->target_text = dy_pipe_span_text(s, e->target_span.first, e->target_span.last, a);
      de->verb_text = s->tok[e->verb - 1].form;
      de->issues = e->issues;
      de->why = e->why;
      de->negated = e->negated;
      de->resolved = e->resolved;
    }
    /* Who does this sentence name? One person: the referent for what
    ** follows; several: ambiguous; none: the earlier one stands. */
    const char *person = NULL;
    int persons = 0;
    for (int k = 0; k < r.n_mentions; k++) {
      const dy_mention *m = &r.mentions[k];
      if (!m->code) {
        const char *name = dy_pipe_span_text(s, m->span.first, m->span.last, a);
        if (dy_pipe_plausible_name(name) && add_unknown(out, &unk_cap, name, i, a))
          return dy_err(err, DY_ENOMEM, doc->origin, doc->origin_line, "out of memory");
        continue;
      }
      if (!m->person) continue;
      if (!person || strcmp(person, m->code) != 0) persons++;
      person = m->code;
    }
    if (persons == 1) last_person = person;
    else if (persons > 1) last_person = NULL;
  }
  if (dy_pipe_quotes(p, norm.ptr, norm.len, out, speaker_of, a, err)) return DY_ENOMEM;
  dy_store_minhash(norm.ptr, norm.len, out->minhash);
  return DY_OK;
}

int dy_pipe_plausible_name(const char *name) {
  static const char *const not_names[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "Today", "I", "Mr", "Mrs", "Ms", "Dr"
  };
  size_t n = strlen(name);
  if (n < 2) return 0;
  unsigned char c = (unsigned char)name[0];
  if (!(c >= 'A' && c <= 'Z') && c < 0x80) return 0;
  int letters = 0;
  for (size_t i = 0; i < n; i++) letters += (name[i] >= 'A' && name[i] <= 'z') || (unsigned char)name[i] >= 0x80;
  if (letters < 2) return 0;
  for (size_t i = 0; i < sizeof not_names / sizeof not_names[0]; i++)
    if (strcmp(name, not_names[i]) == 0) return 0;
  return 1;
}
