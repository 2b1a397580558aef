/*
** coder.c: CAMEO event coding on a Universal Dependencies tree.
**
** For each verb the verb dictionary knows (by its surface form, multi-word
** verbs by their neighbours), the coder
**   1. finds its arguments on the tree: the subject (nsubj; inherited
**      through xcomp, conj and acl when the verb has none), the passive
**      subject and by-agent, objects, obliques and clausal complements;
**   2. tries every pattern of the verb's block (patterns.c) and keeps the
**      most specific match; the pattern's code, or the verb's own code;
**   3. resolves source and target noun phrases to actor codes (actors.c
**      of this folder: actor + agent dictionary, compounds, appositions)
**      and checks each actor role against the sentence date;
**   4. negates the code for a negated verb through the coding ontology;
**   5. emits one event per source x target pair, plus the reciprocal
**      events of a paired code [a:b].
** Verbs inside the complement clauses (ccomp, xcomp, advcl) or the object
** of a verb that produced an event are not coded again ("X said that Y attacked Z" gives X 010 Y), as in
** PETRARCH. Discard phrases stop a sentence before any of this.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

struct dy_coder {
  const dy_dict *d;
  const dy_codebook *cb;
  int require_dyad;
  int noun_events;
};

dy_coder *dy_coder_new(const dy_dict *d, const dy_codebook *cb, const dy_coder_opts *o) {
  dy_coder *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  c->d = d;
  c->cb = cb;
  c->require_dyad = o ? o->require_dyad : 1;
  c->noun_events = o ? o->noun_events : 0;
  return c;
}

void dy_coder_free(dy_coder *c) { free(c); }

static dy_status code_sentence(const dy_coder *c, const dy_sentence *s,
                               const dy_code_hint *hints, dy_arena *a, dy_code_result *out,
                               dy_error *err, FILE *trace);
void dy_coder_set_require_dyad(dy_coder *c, int on) { c->require_dyad = on; }

static int word_in(const char *w, const char *const *list);

/* Build per-sentence indexes: word ids and children lists. */
static dy_status ctx_init(ctx *x, const dy_coder *c, const dy_sentence *s, dy_arena *a) {
  int n = s->n;
  memset(x, 0, sizeof *x);
  x->d = c->d;
  x->cb = c->cb;
  x->s = s;
  x->a = a;
  x->n = n;
  x->wf = dy_arena_calloc(a, (size_t)n + 2, sizeof *x->wf);
  x->wl = dy_arena_calloc(a, (size_t)n + 2, sizeof *x->wl);
  x->kstart = dy_arena_calloc(a, (size_t)n + 3, sizeof *x->kstart);
  x->kids = dy_arena_calloc(a, (size_t)n + 1, sizeof *x->kids);
  x->mark = dy_arena_calloc(a, (size_t)n + 2, 1);
  x->buf = dy_arena_calloc(a, (size_t)n + 2, sizeof *x->buf);
  x->buf2 = dy_arena_calloc(a, (size_t)n + 2, sizeof *x->buf2);
  x->syn = dy_arena_calloc(a, (size_t)n + 2, sizeof *x->syn);
  x->synfirst = dy_arena_calloc(a, (size_t)n + 2, sizeof *x->synfirst);
  x->memo = dy_arena_calloc(a, (size_t)n + 2, sizeof *x->memo);
  x->hinted = dy_arena_calloc(a, (size_t)n + 2, 1);
  if (!x->synfirst || !x->memo || !x->hinted) return DY_ENOMEM;
  if (!x->wf || !x->wl || !x->kstart || !x->kids || !x->mark || !x->buf || !x->buf2 || !x->syn)
    return DY_ENOMEM;
  wordtab *wt = (wordtab *)&c->d->words;
  for (int i = 1; i <= n; i++) {
    const dy_token *t = &s->tok[i - 1];
    x->wf[i] = dy_wordtab_get(wt, NULL, t->form, strlen(t->form), 0, NULL);
    size_t fl = strlen(t->form);
    if (!t->lemma[0] || strcmp(t->lemma, "_") == 0) x->wl[i] = DY_NOWORD;
    else if (dy_strieq_n(t->lemma, t->form, fl)) x->wl[i] = x->wf[i]; /* most words */
    else x->wl[i] = dy_wordtab_get(wt, NULL, t->lemma, strlen(t->lemma), 0, NULL);
    const dy_dict *d = c->d;
    if (x->wf[i] < d->syn_mask_cap) x->syn[i] |= d->syn_mask[x->wf[i]];
    if (x->wl[i] < d->syn_mask_cap) x->syn[i] |= d->syn_mask[x->wl[i]];
    if (x->wf[i] < d->syn_mask_cap) x->synfirst[i] |= d->syn_first[x->wf[i]];
    if (x->wl[i] < d->syn_mask_cap) x->synfirst[i] |= d->syn_first[x->wl[i]];
    x->words[(x->wf[i] >> 6) & 3] |= 1ULL << (x->wf[i] & 63);
    x->words[(x->wl[i] >> 6) & 3] |= 1ULL << (x->wl[i] & 63);
    int h = t->head;
    if (h >= 0 && h <= n) x->kstart[h + 1]++;
  }
  for (int h = 0; h <= n; h++) x->kstart[h + 1] += x->kstart[h];
  int *fill = x->buf;
  for (int h = 0; h <= n; h++) fill[h] = x->kstart[h];
  for (int i = 1; i <= n; i++) {
    int h = s->tok[i - 1].head;
    if (h >= 0 && h <= n) x->kids[fill[h]++] = i;
  }
  return DY_OK;
}

/* First child of h with relation rel (and subtype sub when not NULL). */
int dy_child(const ctx *x, int h, int rel, const char *sub) {
  for (int k = x->kstart[h]; k < x->kstart[h + 1]; k++) {
    int c = x->kids[k];
    if (REL(x, c) != rel) continue;
    if (sub && strcmp(SUB(x, c), sub) != 0) continue;
    return c;
  }
  return 0;
}

/* The case/mark word of nominal h ("by", "with"), or 0. */
int dy_case_of(const ctx *x, int h) {
  for (int k = x->kstart[h]; k < x->kstart[h + 1]; k++) {
    int c = x->kids[k];
    if (REL(x, c) == DY_DEP_CASE) return c;
  }
  return 0;
}

static int is_negator(const ctx *x, int t) {
  const dy_token *k = &x->s->tok[t - 1];
  if (k->v1neg) return 1;
  if (REL(x, t) != DY_DEP_ADVMOD && REL(x, t) != DY_DEP_DET) return 0;
  return dy_strieq_n("not", k->form, strlen(k->form)) ||
         dy_strieq_n("n't", k->form, strlen(k->form)) ||
         dy_strieq_n("never", k->form, strlen(k->form));
}

/* The verb form of token v: the longest multi-word form that fits its
** neighbours, else a single-word form; NULL when v is no dictionary verb. */
static const verb_form *find_form(const ctx *x, int v) {
  const dy_dict *d = x->d;
  uint32_t w = x->wf[v];
  if (w == DY_NOWORD || w >= d->form_head_cap) return NULL;
  const verb_form *best = NULL;
  int best_len = -1;
  for (uint32_t f = d->form_head[w]; f != DY_NONODE; f = d->forms.v[f].next) {
    const verb_form *vf = &d->forms.v[f];
    int ok = 1;
    if (v - vf->nbefore < 1 || v + vf->nafter > x->n) continue;
    for (int k = 0; k < vf->nbefore && ok; k++)
      ok = x->wf[v - vf->nbefore + k] == vf->before[k];
    for (int k = 0; k < vf->nafter && ok; k++)
      ok = x->wf[v + 1 + k] == vf->after[k];
    if (ok && vf->nbefore + vf->nafter > best_len) {
      best = vf;
      best_len = vf->nbefore + vf->nafter;
    }
  }
  return best;
}

/* Mark the subtree of t in x->mark with value m. */
static void mark_subtree(ctx *x, int t, unsigned char m) {
  int *stack = x->buf2, sp = 0;
  stack[sp++] = t;
  while (sp) {
    int u = stack[--sp];
    x->mark[u] = m;
    for (int k = x->kstart[u]; k < x->kstart[u + 1]; k++)
      if (sp < x->n) stack[sp++] = x->kids[k];
  }
}

/* The subject of verb v, following PETRARCH on trees: its own nsubj, else
** that of the verb it is an xcomp, conj or advcl of; for a participle
** modifying a noun (acl), that noun. *passive is set when v's subject is
** a passive one. */
static int is_personal_pronoun(const ctx *x, int t) {
  static const char *const prons[] = { "it", "he", "she", "they", "we" };
  if (UPOS(x, t) != DY_UPOS_PRON) return 0;
  const char *f = x->s->tok[t - 1].form;
  for (size_t i = 0; i < DY_ARRAY_LEN(prons); i++)
    if (dy_strieq_n(prons[i], f, strlen(f))) return 1;
  return 0;
}

static int find_subject(const ctx *x, int v, int *passive) {
  *passive = 0;
  int u = v, pron = 0;
  for (int hops = 0; hops < 8 && u; hops++) {
    /* A parser may give a verb two subjects ("Belarusian President
    ** Alexander Lukashenko stressed" split in two): a compound one ("The
    ** Philippines and the European Union (EU) agree") wins, else the one
    ** nearest before the verb. */
    int best = 0, best_conj = -1;
    for (int k = x->kstart[u]; k < x->kstart[u + 1]; k++) {
      int c = x->kids[k];
      if (REL(x, c) != DY_DEP_NSUBJ) continue;
      int nconj = 0;
      for (int j = x->kstart[c]; j < x->kstart[c + 1]; j++) nconj += REL(x, x->kids[j]) == DY_DEP_CONJ;
      if (!best || nconj > best_conj ||
          (nconj == best_conj && c < u && (best > u || c > best)))
        best = c, best_conj = nconj;
    }
    for (int k = x->kstart[u]; k < x->kstart[u + 1]; k++) {
      int c = x->kids[k];
      if (REL(x, c) != DY_DEP_NSUBJ || c != best) continue;
      if (u == v && (strcmp(SUB(x, c), "pass") == 0 || dy_child(x, u, DY_DEP_AUX, "pass")))
        *passive = 1;
      /* "Ethiopia indicated it would act": a pronoun subject of a
      ** complement clause stands for the subject of the clause above. */
      if (is_personal_pronoun(x, c) && REL(x, u) == DY_DEP_CCOMP && !*passive) {
        pron = c;
        break;
      }
      return c;
    }

    int r = REL(x, u);
    if (r == DY_DEP_ACL && u == v) return x->s->tok[u - 1].head;
    if (r != DY_DEP_XCOMP && r != DY_DEP_CONJ && r != DY_DEP_ADVCL && r != DY_DEP_CCOMP)
      return pron;
    u = x->s->tok[u - 1].head;
  }
  return pron;
}


static dy_status push_event(ctx *x, dy_code_result *out, int *cap, const char *src,
                            const char *tgt, const char *code, int v, dy_span ss,
                            dy_span ts, const pattern *p, int negated, const char *why) {
  for (int i = 0; i < out->n; i++) /* PETRARCH reports each event once */
    if (strcmp(out->ev[i].source, src) == 0 && strcmp(out->ev[i].target, tgt) == 0 &&
        strcmp(out->ev[i].code, code) == 0)
      return DY_OK;
  if (out->n == *cap) {
    int nc = *cap ? *cap * 2 : 8;
    dy_event *ne = dy_arena_alloc(x->a, sizeof *ne * (size_t)nc);
    if (!ne) return DY_ENOMEM;
    if (out->n) memcpy(ne, out->ev, sizeof *ne * (size_t)out->n);
    out->ev = ne;
    *cap = nc;
  }
  dy_event *e = &out->ev[out->n++];
  memset(e, 0, sizeof *e);
  e->source = src;
  e->target = tgt;
  e->code = code;
  int known;
  e->goldstein = dy_codebook_goldstein(x->cb, code, &known);
  e->quad = dy_cameo_quad(code);
  e->verb = v;
  e->source_span = ss;
  e->target_span = ts;
  e->pattern = p ? p->text : NULL;
  e->pattern_line = p ? p->line : 0;
  e->negated = negated;
  e->issues = "";
  e->why = why ? why : "";
  for (int t = ss.first; t && t <= ss.last; t++) e->resolved |= x->hinted[t];
  for (int t = ts.first; t && t <= ts.last; t++) e->resolved |= x->hinted[t];
  e->verb_file = x->d->verb_file;
  return DY_OK;
}

/* Issues named anywhere in the sentence, ";"-joined. */
static const char *find_issues(ctx *x) {
  const dy_dict *d = x->d;
  char buf[512];
  size_t o = 0;
  int blocked = 0;
  buf[0] = 0;
  for (int i = 1; i <= x->n; i++) {
    if (!dy_dict_starts(d, x->wf[i], PH_ISSUE)) continue;
    uint32_t node = 0;
    for (int j = i; j <= x->n; j++) {
      node = dy_trie_child(&d->phrases, node, x->wf[j]);
      if (node == DY_NONODE) break;
      for (uint32_t e = d->phrases.payload[node]; e != DY_NONODE; e = d->ents.v[e].next) {
        if (d->ents.v[e].kind != PH_ISSUE) continue;
        const issue_ent *is = &d->issues.v[d->ents.v[e].ref];
        if (is->exclude) { blocked = 1; continue; }
        size_t l = strlen(is->code);
        if (strstr(buf, is->code) && o) continue;
        if (o + l + 2 < sizeof buf) {
          if (o) buf[o++] = ';';
          memcpy(buf + o, is->code, l);
          o += l;
          buf[o] = 0;
        }
      }
    }
    if (!o) buf[0] = 0;
  }
  if (blocked || !o) return "";
  return dy_arena_strndup(x->a, buf, o);
}

/* The discard phrase in the sentence, if any; *story set for story-level. */
static const discard_ent *find_discard(const ctx *x) {
  const dy_dict *d = x->d;
  for (int i = 1; i <= x->n; i++) {
    if (!dy_dict_starts(d, x->wf[i], PH_DISCARD)) continue;
    uint32_t node = 0;
    for (int j = i; j <= x->n; j++) {
      node = dy_trie_child(&d->phrases, node, x->wf[j]);
      if (node == DY_NONODE) break;
      for (uint32_t e = d->phrases.payload[node]; e != DY_NONODE; e = d->ents.v[e].next)
        if (d->ents.v[e].kind == PH_DISCARD) return &d->discards.v[d->ents.v[e].ref];
    }
  }
  return NULL;
}

/* A verb whose compound subject acts on itself when it has no object and
** no "with" phrase: "Belarus and China cooperate", "... met in Minsk". */
static int reciprocal(const ctx *x, int v) {
  static const char *const verbs[] = { "cooperate", "meet", "negotiate", "talk", "agree",
                                       "clash", "fight", "confer", "consult", "reconcile",
                                       "collaborate", NULL };
  const char *l = x->s->tok[v - 1].lemma;
  int hit = 0;
  for (const char *const *p = verbs; *p && !hit; p++) hit = dy_strieq_n(*p, l, strlen(l));
  if (!hit || dy_child(x, v, DY_DEP_OBJ, NULL)) return 0;
  for (int k = x->kstart[v]; k < x->kstart[v + 1]; k++) {
    int c = x->kids[k];
    int cs = REL(x, c) == DY_DEP_OBL || REL(x, c) == DY_DEP_NMOD ? dy_case_of(x, c) : 0;
    if (cs && dy_strieq_n("with", x->s->tok[cs - 1].form, strlen(x->s->tok[cs - 1].form))) return 0;
  }
  return 1;
}

/* Code one dictionary verb. */
static dy_status code_verb(ctx *x, int v, const verb_form *f, dy_code_result *out, int *cap,
                           int require_dyad) {
  const verb_block *b = &x->d->blocks.v[f->block];
  const char *code = f->code ? f->code : b->code;
  const char *code2 = f->code ? f->code2 : b->code2;
  int passive;
  int subj = find_subject(x, v, &passive);
  pmatch m;
  x->verb = v;
  if (x->trace)
    fprintf(x->trace, "    verb %d \"%s\": %s in block %s (%s:%d), default code %s%s%s\n", v,
            x->s->tok[v - 1].form, f->nbefore + f->nafter ? "multi-word form" : "form", b->name,
            x->d->verb_file, (int)f->line, code, code2 ? ":" : "", code2 ? code2 : "");
  const pattern *p = dy_match_patterns(x, v, b, subj, &m);
  if (x->trace)
    fprintf(x->trace, "      chosen: %s\n", p ? p->text : "(no pattern: the verb's own code)");
  if (p) {
    code = p->code;
    code2 = p->code2;
  }
  int negated = 0;
  for (int k = x->kstart[v]; k < x->kstart[v + 1]; k++)
    if (is_negator(x, x->kids[k])) negated = 1;
  /* In news, a meeting is mutual: "X met Y" is also Y meeting X (the
  ** validation dictionaries write MEET [040:040]; CAMEO.2.0 has [040]). */
  if (x->news && !code2 && (strcmp(code, "040") == 0 || strcmp(code, "046") == 0)) {
    static const char *const mutual[] = { "meet", "talk", "negotiate", "confer", "consult", NULL };
    const char *l = x->s->tok[v - 1].lemma;
    for (const char *const *mv = mutual; *mv; mv++)
      if (dy_strieq_n(*mv, l, strlen(l))) code2 = code;
  }
  /* In news, "X arrived in Moscow" is a visit (CAMEO.2.0 has ARRIVE
  ** [040]): 042, and the host's 043 back, when a place names an actor. */
  if (x->news && strcmp(code, "040") == 0 && dy_strieq_n("arrive", x->s->tok[v - 1].lemma,
                                   strlen(x->s->tok[v - 1].lemma))) {
    static const char *const where[] = { "in", "at", "to", NULL };
    for (int k = x->kstart[v]; k < x->kstart[v + 1]; k++) {
      int c = x->kids[k], cs = REL(x, c) == DY_DEP_OBL ? dy_case_of(x, c) : 0;
      if (cs && word_in(x->s->tok[cs - 1].form, where)) {
        code = "042";
        code2 = "043";
        break;
      }
    }
  }
  /* "X will visit Y": a visit announced is an intent to meet (036). */
  if (x->news && strcmp(code, "042") == 0) {
    for (int k = x->kstart[v]; k < x->kstart[v + 1]; k++) {
      const dy_token *t = &x->s->tok[x->kids[k] - 1];
      if (t->deprel == DY_DEP_AUX && (dy_strieq_n("will", t->form, strlen(t->form)) ||
                                      dy_strieq_n("shall", t->form, strlen(t->form)) ||
                                      dy_strieq_n("'ll", t->form, strlen(t->form)))) {
        code = "036";
        code2 = "036";
        break;
      }
    }
  }
  if (negated && x->trace) fprintf(x->trace, "      negated: the code goes through the ontology\n");
  if (negated) {
    const char *n1 = strcmp(code, "---") ? dy_codebook_negate(x->cb, code) : NULL;
    const char *n2 = code2 && strcmp(code2, "---") ? dy_codebook_negate(x->cb, code2) : NULL;
    if (!n1 && !n2) return DY_OK; /* no negated form: nothing is reported */
    code = n1 ? n1 : "---";
    code2 = n2;
  }
  if (strcmp(code, "---") == 0 && (!code2 || strcmp(code2, "---") == 0)) return DY_OK;
  /* "take place" means happen, whatever TAKE's patterns say. */
  if (dy_strieq_n("take", x->s->tok[v - 1].lemma, strlen(x->s->tok[v - 1].lemma))) {
    int o = dy_child(x, v, DY_DEP_OBJ, NULL);
    if (o && dy_strieq_n("place", x->s->tok[o - 1].form, strlen(x->s->tok[o - 1].form)))
      return DY_OK;
  }

  /* Source: the pattern's $, else the subject (the by-agent when passive). */
  int src = m.source, tgt = m.target;
  if (!src) {
    if (passive) {
      for (int k = x->kstart[v]; k < x->kstart[v + 1] && !src; k++) {
        int c = x->kids[k];
        int cs = (REL(x, c) == DY_DEP_OBL || REL(x, c) == DY_DEP_NMOD) ? dy_case_of(x, c) : 0;
        if (cs && dy_strieq_n("by", x->s->tok[cs - 1].form, strlen(x->s->tok[cs - 1].form)))
          src = c;
      }
    } else {
      src = subj;
    }
  }
  actor_set sa, ta;
  /* "X was shot dead in Osgiliath": without a by-agent PETRARCH's suite
  ** takes the source from an oblique; in news ("... has been described
  ** in terms of ..., with Lukashenko and Putin ...") that guesses wrong, so
  ** a coder for whole articles (noun_events) leaves the source unknown. */
  if (!src && passive && !x->news)
    src = dy_first_actor_after(x, v, subj, 1);
  dy_status st = dy_resolve_arg(x, src, &sa);
  if (st) return st;
  if ((m.compound || (x->news && !m.target && reciprocal(x, v))) && sa.n > 1) {
    /* "- % * [120]": the compound subject's members act on each other; in
    ** news the same for "Belarus and China continue to cooperate ..." */
    ta = sa;
  } else {
    if (!tgt && m.pp && dy_resolve_arg(x, m.pp, &ta) == DY_OK && ta.n) tgt = m.pp;
    if (!tgt) tgt = dy_default_target(x, v, passive ? subj : 0, src);
    st = dy_resolve_arg(x, tgt, &ta);
    if (st) return st;
  }
  if (x->trace) {
    fprintf(x->trace, "      source phrase at word %d:", src);
    for (int i = 0; i < sa.n; i++) fprintf(x->trace, " %s [%s]", sa.code[i], dy_actor_why(x, &sa, i));
    fprintf(x->trace, "%s\n      target phrase at word %d:", sa.n ? "" : " none", tgt);
    for (int i = 0; i < ta.n; i++) fprintf(x->trace, " %s [%s]", ta.code[i], dy_actor_why(x, &ta, i));
    fprintf(x->trace, "%s\n", ta.n ? "" : " none");
  }
  int sreal = 0, treal = 0;
  for (int i = 0; i < sa.n; i++) sreal += strncmp(sa.code[i], "---", 3) != 0;
  for (int i = 0; i < ta.n; i++) treal += strncmp(ta.code[i], "---", 3) != 0;
  /* PETRARCH's require_dyad: both sides name an actor; without it, one. */
  if (require_dyad ? (!sreal || !treal) : (!sreal && !treal)) return DY_OK;
  static const char none[] = "---";
  int ns = sa.n ? sa.n : 1, nt = ta.n ? ta.n : 1;
  for (int i = 0; i < ns; i++) {
    for (int j = 0; j < nt; j++) {
      const char *s1 = sa.n ? sa.code[i] : none, *t1 = ta.n ? ta.code[j] : none;
      if (strcmp(s1, t1) == 0) continue; /* no actor acts on itself */
      char wbuf[3072];
      const verb_block *vb = &x->d->blocks.v[f->block];
      int wl = snprintf(wbuf, sizeof wbuf, "verb %s in %s (%s:%d)", x->s->tok[v - 1].form,
                        vb->name, x->d->verb_file, (int)f->line);
      if (p && wl > 0 && (size_t)wl < sizeof wbuf)
        wl += snprintf(wbuf + wl, sizeof wbuf - (size_t)wl, "; pattern \"%s\" (line %d)", p->text,
                       (int)p->line);
      if (negated && wl > 0 && (size_t)wl < sizeof wbuf)
        wl += snprintf(wbuf + wl, sizeof wbuf - (size_t)wl, "; negated");
      if (sa.n && wl > 0 && (size_t)wl < sizeof wbuf)
        wl += snprintf(wbuf + wl, sizeof wbuf - (size_t)wl, "; source %s",
                       dy_actor_why(x, &sa, i));
      if (ta.n && wl > 0 && (size_t)wl < sizeof wbuf)
        wl += snprintf(wbuf + wl, sizeof wbuf - (size_t)wl, "; target %s",
                       dy_actor_why(x, &ta, j));
      if (wl < 0) wl = 0;
      if ((size_t)wl >= sizeof wbuf) wl = (int)sizeof wbuf - 1;
      const char *why = dy_arena_strndup(x->a, wbuf, (size_t)wl);
      dy_span ss = sa.n ? sa.span[i] : (dy_span){ 0, 0 };
      dy_span ts = ta.n ? ta.span[j] : (dy_span){ 0, 0 };
      if (strcmp(code, "---") != 0) {
        st = push_event(x, out, cap, s1, t1, code, v, ss, ts, p, negated, why);
        if (st) return st;
      }
      if (code2 && strcmp(code2, "---") != 0) {
        st = push_event(x, out, cap, t1, s1, code2, v, ts, ss, p, negated, why);
        if (st) return st;
      }
    }
  }
  return DY_OK;
}

/* ---- events named by nouns ------------------------------------------------
** News reports many meetings and visits with a noun: "Lukashenko held a
** fruitful meeting with the Vice Premier", "during a formal meeting in
** Beijing with Li Keqiang", "is on an official visit to China", "a meeting
** between the Belarusian leader and the Chairman ... is scheduled". The
** CAMEO dictionary codes verbs only; this table gives the nouns their
** codes: a visit is 042 (043 back), a meeting 040 both ways, and either,
** when planned ("upcoming", "scheduled", "will"), 036 intent to meet. */
static const struct { const char *lemma; const char *code, *code2; } noun_events[] = {
  { "visit", "042", "043" },     { "meeting", "040", "040" },  { "talk", "040", "040" },
  { "talks", "040", "040" },     { "summit", "040", "040" },   { "negotiation", "040", "040" },
  { "consultation", "040", "040" }, { "encounter", "040", "040" },
  { "engagement", "040", "040" }, { "discussion", "040", "040" },
};

static int noun_event(const ctx *x, int t) {
  const dy_token *k = &x->s->tok[t - 1];
  if (k->upos != DY_UPOS_NOUN) return -1;
  for (size_t i = 0; i < DY_ARRAY_LEN(noun_events); i++)
    if (dy_strieq_n(noun_events[i].lemma, k->lemma, strlen(k->lemma)) ||
        dy_strieq_n(noun_events[i].lemma, k->form, strlen(k->form)))
      return (int)i;
  return -1;
}

int dy_is_noun_event(const ctx *x, int t) { return x->news && noun_event(x, t) >= 0; }

static int word_in(const char *w, const char *const *list) {
  for (; *list; list++)
    if (dy_strieq_n(*list, w, strlen(w))) return 1;
  return 0;
}

/* Is the meeting at n planned rather than held? */
static int planned(const ctx *x, int n) {
  static const char *const adj[] = { "upcoming", "planned", "forthcoming", "scheduled",
                                     "expected", "proposed", "future", "next", NULL };
  static const char *const verbs[] = { "schedule", "plan", "expect", "anticipate", "propose",
                                       "prepare", "arrange", NULL };
  for (int k = x->kstart[n]; k < x->kstart[n + 1]; k++) {
    int c = x->kids[k];
    if (REL(x, c) == DY_DEP_AMOD && word_in(x->s->tok[c - 1].form, adj)) return 1;
  }
  int h = HEAD(x, n);
  if (h && (word_in(x->s->tok[h - 1].lemma, verbs) || word_in(x->s->tok[h - 1].form, adj)))
    return 1;
  for (int u = h ? h : n, hops = 0; u && hops < 2; hops++, u = HEAD(x, u))
    for (int k = x->kstart[u]; k < x->kstart[u + 1]; k++) {
      const dy_token *t = &x->s->tok[x->kids[k] - 1];
      if (t->deprel == DY_DEP_AUX && (dy_strieq_n("will", t->form, strlen(t->form)) ||
                                      dy_strieq_n("shall", t->form, strlen(t->form))))
        return 1;
    }
  return 0;
}

/* The nominal introduced by preposition prep under n ("with X"), or 0. */
static int pp_child(const ctx *x, int n, const char *const *preps) {
  for (int k = x->kstart[n]; k < x->kstart[n + 1]; k++) {
    int c = x->kids[k];
    if (REL(x, c) != DY_DEP_NMOD && REL(x, c) != DY_DEP_OBL && REL(x, c) != DY_DEP_ACL) continue;
    int cs = dy_case_of(x, c);
    if (cs && word_in(x->s->tok[cs - 1].form, preps)) return c;
  }
  return 0;
}

/* The second member of "between A and B" when the parser did not make B a
** conjunct of A: the nominal right after the "and" that ends A's phrase
** ("between the Belarusian leader and the Chairman of ...", with Chairman
** hung on the noun "meeting"). Climbs from the first noun after "and" to the
** head of its own phrase. Returns 0 when A has a conjunct or none follows. */
static int pair_second(ctx *x, int a) {
  if (dy_child(x, a, DY_DEP_CONJ, NULL)) return 0;
  mark_subtree(x, a, 1);
  int last = a;
  for (int t = a; t <= x->n && x->mark[t]; t++) last = t;
  mark_subtree(x, a, 0);
  int cc = last + 1;
  if (cc > x->n || UPOS(x, cc) != DY_UPOS_CCONJ || !dy_strieq_n("and", x->s->tok[cc - 1].form, 3))
    return 0;
  int b = 0;
  for (int t = cc + 1; t <= x->n && !b; t++) {
    int u = UPOS(x, t);
    if (u == DY_UPOS_NOUN || u == DY_UPOS_PROPN) b = t;
    else if (u != DY_UPOS_DET && u != DY_UPOS_ADJ && u != DY_UPOS_NUM) break;
  }
  if (!b) return 0;
  for (int h = HEAD(x, b); h > cc && (UPOS(x, h) == DY_UPOS_NOUN || UPOS(x, h) == DY_UPOS_PROPN) &&
                           h <= b + 3; h = HEAD(x, h))
    b = h;
  /* "and Belarus's President" torn apart: no half of it is the actor. */
  for (int k = x->kstart[b]; k < x->kstart[b + 1]; k++) {
    int c = x->kids[k];
    const char *f = x->s->tok[c - 1].form;
    if (REL(x, c) == DY_DEP_CASE && c > b && (!strcmp(f, "'s") || !strcmp(f, "\u2019s")) &&
        c < x->n && HEAD(x, c + 1) != b && HEAD(x, b) != c + 1)
      return 0;
  }
  return b;
}

static dy_status code_nouns(ctx *x, dy_code_result *out, int *cap, int require_dyad) {
  static const char *const with[] = { "with", NULL };
  static const char *const to[] = { "to", "in", NULL };
  static const char *const between[] = { "between", "among", NULL };
  for (int n = 1; n <= x->n; n++) {
    int e = noun_event(x, n);
    if (e < 0) continue;
    int is_visit = strcmp(noun_events[e].code, "042") == 0;
    const char *code = noun_events[e].code, *code2 = noun_events[e].code2;
    if (planned(x, n)) code = code2 = "036";
    actor_set sa, ta;
    sa.n = ta.n = 0;
    int pair = pp_child(x, n, between);
    if (pair) { /* "a meeting between A and B": each with each */
      if (dy_resolve_arg(x, pair, &sa)) return DY_ENOMEM;
      int b = pair_second(x, pair);
      if (b) {
        actor_set sb;
        sb.n = 0;
        if (dy_resolve_arg(x, b, &sb)) return DY_ENOMEM;
        for (int i = 0; i < sb.n && sa.n < DY_MAX_ACTORS; i++, sa.n++) {
          sa.code[sa.n] = sb.code[i], sa.ent[sa.n] = sb.ent[i], sa.span[sa.n] = sb.span[i];
          memcpy(sa.ag[sa.n], sb.ag[i], sizeof sa.ag[0]);
        }
      }
      ta = sa;
    } else {
      int src = 0, passive = 0;
      for (int k = x->kstart[n]; k < x->kstart[n + 1] && !src; k++) /* "X is on a visit to Y" */
        if (REL(x, x->kids[k]) == DY_DEP_NSUBJ) src = x->kids[k];
      if (!src) src = dy_child(x, n, DY_DEP_NMOD, "poss"); /* "Lukashenko's visit" */
      int h = HEAD(x, n);
      if (!src && h && UPOS(x, h) == DY_UPOS_VERB &&
          (REL(x, n) == DY_DEP_OBJ || REL(x, n) == DY_DEP_OBL))
        src = find_subject(x, h, &passive); /* "held a meeting with", "during a meeting with" */
      if (passive) src = 0;
      int tgt = pp_child(x, n, is_visit ? to : with);
      if (!src || !tgt) continue;
      if (dy_resolve_arg(x, src, &sa) || dy_resolve_arg(x, tgt, &ta)) return DY_ENOMEM;
    }
    for (int i = 0; i < sa.n; i++) {
      for (int j = 0; j < ta.n; j++) {
        const char *s1 = sa.code[i], *t1 = ta.code[j];
        if (strcmp(s1, t1) == 0) continue;
        int sreal = strncmp(s1, "---", 3) != 0, treal = strncmp(t1, "---", 3) != 0;
        if (require_dyad ? (!sreal || !treal) : (!sreal && !treal)) continue;
        char wbuf[2048];
        int wl = snprintf(wbuf, sizeof wbuf, "noun \"%s\" (dyad's noun events, %s:%s); source %s; target %s",
                          x->s->tok[n - 1].form, code, code2, dy_actor_why(x, &sa, i),
                          dy_actor_why(x, &ta, j));
        if (wl < 0) wl = 0;
        if ((size_t)wl >= sizeof wbuf) wl = (int)sizeof wbuf - 1;
        const char *why = dy_arena_strndup(x->a, wbuf, (size_t)wl);
        if (push_event(x, out, cap, s1, t1, code, n, sa.span[i], ta.span[j], NULL, 0, why))
          return DY_ENOMEM;
        if (!pair && push_event(x, out, cap, t1, s1, code2, n, ta.span[j], sa.span[i], NULL, 0, why))
          return DY_ENOMEM;
      }
    }
  }
  return DY_OK;
}

dy_status dy_code_sentence(const dy_coder *c, const dy_sentence *s, dy_arena *a,
                           dy_code_result *out, dy_error *err) {
  return dy_code_sentence_hints(c, s, NULL, a, out, err);
}

/* Is the phrase a person: an actor entry of two or more words whose code
** has a role after the country ("ALYAKSANDR_LUKASHENKA_" BLRGOV)? */
static int is_person(const actor_set *as) {
  const char *code = as->code[0];
  const actor_ent *e = as->ent[0];
  if (!e || strlen(code) <= 3) return 0;
  if (!strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) || !strncmp(code, "MNC", 3)) return 0;
  const char *r = e->root;
  size_t n = strlen(r);
  while (n && (r[n - 1] == '_' || r[n - 1] == ' ')) n--;
  for (size_t i = 0; i < n; i++)
    if (r[i] == '_' || r[i] == ' ') return 1;
  return 0;
}

/* Proper-noun phrases: the heads of PROPN chains, each with its code. */
static int capitalized(const ctx *x, int t) {
  unsigned char c = (unsigned char)x->s->tok[t - 1].form[0];
  return (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int under(const ctx *x, int t, int root, int hops) {
  for (int k = 0; t && k <= hops; k++, t = HEAD(x, t))
    if (t == root) return 1;
  return 0;
}

static dy_status find_mentions(ctx *x, dy_code_result *out) {
  int cap = 0;
  /* A heading in title case ("Lukashenko: Belarus as a Trustworthy Friend")
  ** capitalizes words that are not names. */
  int caps = 0, words = 0;
  for (int t = 1; t <= x->n; t++)
    if (UPOS(x, t) != DY_UPOS_PUNCT) words++, caps += capitalized(x, t);
  int title_case = words <= 14 && caps * 10 >= words * 6;
  for (int t = 1; t <= x->n; t++) {
    if (UPOS(x, t) != DY_UPOS_PROPN) continue;
    int h = HEAD(x, t), r = REL(x, t);
    if (h && UPOS(x, h) == DY_UPOS_PROPN && (r == DY_DEP_FLAT || r == DY_DEP_COMPOUND)) continue;
    actor_set as;
    dy_resolve_arg(x, t, &as);
    /* The name's words: the capitalized run around its head within its
    ** phrase, with "of", "and", "for", "the" between capitals ("Institute
    ** of Asian and African Studies", "Belt and Road"). */
    int first = t, last = t;
    while (first > 1 && capitalized(x, first - 1) && under(x, first - 1, t, 3) &&
           UPOS(x, first - 1) != DY_UPOS_PUNCT)
      first--;
    for (;;) {
      int nx = last + 1;
      while (nx <= x->n && !capitalized(x, nx) && nx - last <= 2 && under(x, nx, t, 4) &&
             (dy_strieq_n("of", x->s->tok[nx - 1].form, strlen(x->s->tok[nx - 1].form)) ||
              dy_strieq_n("and", x->s->tok[nx - 1].form, strlen(x->s->tok[nx - 1].form)) ||
              dy_strieq_n("for", x->s->tok[nx - 1].form, strlen(x->s->tok[nx - 1].form)) ||
              dy_strieq_n("the", x->s->tok[nx - 1].form, strlen(x->s->tok[nx - 1].form))))
        nx++;
      if (nx <= x->n && capitalized(x, nx) && under(x, nx, t, 4) && UPOS(x, nx) != DY_UPOS_PUNCT)
        last = nx;
      else
        break;
    }
    if (!as.n) {
      /* A possessor or modifier of a name the dictionaries know is part of
      ** that name ("People" in "the People's Republic of China"). */
      if (h && UPOS(x, h) == DY_UPOS_PROPN) {
        actor_set hs;
        dy_resolve_arg(x, h, &hs);
        if (hs.n) continue;
      }
      if (title_case) continue;
      /* ... and a word already inside the previous name is not a new one
      ** ("Road" in "Belt and Road"). */
      if (out->n_mentions && !out->mentions[out->n_mentions - 1].code &&
          t >= out->mentions[out->n_mentions - 1].span.first &&
          t <= out->mentions[out->n_mentions - 1].span.last)
        continue;
    }
    if (out->n_mentions == cap) {
      int nc = cap ? cap * 2 : 8;
      dy_mention *nm = dy_arena_alloc(x->a, sizeof *nm * (size_t)nc);
      if (!nm) return DY_ENOMEM;
      if (out->n_mentions) memcpy(nm, out->mentions, sizeof *nm * (size_t)out->n_mentions);
      out->mentions = nm;
      cap = nc;
    }
    dy_mention *m = &out->mentions[out->n_mentions++];
    m->head = t;
    m->span.first = first;
    m->span.last = last;
    m->code = NULL;
    m->person = 0;
    for (int i = 0; i < as.n && !m->code; i++)
      if (strncmp(as.code[i], "---", 3) != 0) m->code = as.code[i];
    if (m->code) m->person = is_person(&as);
  }
  return DY_OK;
}

/* Every dictionary phrase found in the sentence, longest at each word. */
static void trace_phrases(ctx *x) {
  const dy_dict *d = x->d;
  static const char *const kinds[] = { "", "actor", "agent", "discard", "issue" };
  for (int i = 1; i <= x->n; i++) {
    uint32_t node = 0;
    int best[5] = { 0 };
    uint32_t ent[5] = { 0 };
    for (int j = i; j <= x->n; j++) {
      node = dy_trie_child(&d->phrases, node, x->wf[j]);
      if (node == DY_NONODE) break;
      for (uint32_t e = d->phrases.payload[node]; e != DY_NONODE; e = d->ents.v[e].next)
        best[d->ents.v[e].kind] = j, ent[d->ents.v[e].kind] = d->ents.v[e].ref;
    }
    for (int k = 1; k <= 4; k++) {
      if (!best[k]) continue;
      fprintf(x->trace, "    words %d-%d \"", i, best[k]);
      for (int t = i; t <= best[k]; t++) fprintf(x->trace, "%s%s", t > i ? " " : "", x->s->tok[t - 1].form);
      fprintf(x->trace, "\": %s ", kinds[k]);
      if (k == PH_ACTOR) {
        const actor_ent *a = &d->actors.v[ent[k]];
        const char *role = dy_actor_role(a, x->s->date);
        fprintf(x->trace, "%s, %s on this date (%s:%d)", a->root, role ? role : "no role",
                a->file, (int)a->line);
      } else if (k == PH_AGENT) {
        const agent_ent *g = &d->agents.v[ent[k]];
        fprintf(x->trace, "%s [%s%s%s] (%s:%d)", g->phrase, g->prefix ? "" : "~", g->code,
                g->prefix ? "~" : "", g->file, (int)g->line);
      } else if (k == PH_DISCARD) {
        const discard_ent *g = &d->discards.v[ent[k]];
        fprintf(x->trace, "%s%s (%s:%d)", g->story ? "(story) " : "", g->phrase, g->file, (int)g->line);
      } else {
        const issue_ent *g = &d->issues.v[ent[k]];
        fprintf(x->trace, "%s (%s:%d)", g->code, g->file, (int)g->line);
      }
      fputc('\n', x->trace);
    }
  }
}

dy_status dy_code_explain(const dy_coder *c, const dy_sentence *s, const dy_code_hint *hints,
                          dy_arena *a, FILE *out, dy_code_result *res, dy_error *err) {
  ctx x;
  if (ctx_init(&x, c, s, a)) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
  x.trace = out;
  fprintf(out, "  dictionary phrases:\n");
  trace_phrases(&x);
  fprintf(out, "  verbs:\n");
  return code_sentence(c, s, hints, a, res, err, out);
}

const char *dy_code_phrase(const dy_coder *c, const dy_sentence *s, int head, dy_arena *a) {
  ctx x;
  if (head < 1 || head > s->n || ctx_init(&x, c, s, a)) return NULL;
  actor_set as;
  dy_resolve_arg(&x, head, &as);
  for (int i = 0; i < as.n; i++)
    if (strncmp(as.code[i], "---", 3) != 0) return as.code[i];
  return NULL;
}

dy_status dy_code_sentence_hints(const dy_coder *c, const dy_sentence *s,
                                 const dy_code_hint *hints, dy_arena *a, dy_code_result *out,
                                 dy_error *err) {
  return code_sentence(c, s, hints, a, out, err, NULL);
}

static dy_status code_sentence(const dy_coder *c, const dy_sentence *s,
                               const dy_code_hint *hints, dy_arena *a, dy_code_result *out,
                               dy_error *err, FILE *trace) {
  memset(out, 0, sizeof *out);
  if (!s->n) return DY_OK;
  ctx x;
  if (ctx_init(&x, c, s, a)) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
  x.hints = hints;
  x.trace = trace;
  x.news = c->noun_events;
  const discard_ent *dis = find_discard(&x);
  if (dis && trace)
    fprintf(trace, "    discard phrase \"%s\" (%s:%d): the %s is not coded\n", dis->phrase,
            dis->file, (int)dis->line, dis->story ? "story" : "sentence");
  if (dis) {
    out->discard = dis->story ? 2 : 1;
    out->discard_phrase = dis->phrase;
    return DY_OK;
  }
  /* Verbs from the root down, so that a coded verb can silence the verbs
  ** of its complement clause before they are reached. */
  int *order = dy_arena_alloc(a, sizeof *order * (size_t)(s->n + 1));
  int *depth = dy_arena_alloc(a, sizeof *depth * (size_t)(s->n + 1));
  if (!order || !depth) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
  int nv = 0;
  for (int i = 1; i <= s->n; i++) depth[i] = -1;
  for (int i = 1; i <= s->n; i++) {
    /* Climb to a word of known depth, then fill the path on the way back
    ** (the reader guarantees a tree, so this ends). */
    int u = i, k = 0, *path = x.buf;
    while (u > 0 && depth[u] < 0 && k <= s->n) path[k++] = u, u = s->tok[u - 1].head;
    int dd = u > 0 ? depth[u] : 0;
    while (k > 0) depth[path[--k]] = ++dd;
    if (s->tok[i - 1].upos == DY_UPOS_VERB) order[nv++] = i;
  }
  for (int i = 1; i < nv; i++) { /* insertion sort by depth, then position */
    int t = order[i], j = i;
    while (j > 0 && depth[order[j - 1]] > depth[t]) order[j] = order[j - 1], j--;
    order[j] = t;
  }
  unsigned char *silent = dy_arena_calloc(a, (size_t)s->n + 2, 1);
  if (!silent) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
  int cap = 0;
  for (int i = 0; i < nv; i++) {
    int v = order[i];
    const verb_form *f = find_form(&x, v);
    if (!f) {
      if (trace) fprintf(trace, "    verb %d \"%s\": not in the verb dictionary\n", v, s->tok[v - 1].form);
      continue;
    }
    if (silent[v]) {
      if (trace)
        fprintf(trace, "    verb %d \"%s\": inside the clause of a verb coded already\n", v,
                s->tok[v - 1].form);
      continue;
    }
    int before = out->n;
    if (code_verb(&x, v, f, out, &cap, c->require_dyad))
      return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
    if (out->n > before) {
      for (int k = x.kstart[v]; k < x.kstart[v + 1]; k++) {
        int ch = x.kids[k];
        int r = REL(&x, ch);
        /* Its complement clauses, and clauses inside its object ("urged
        ** Eriador to respond ..."), belong to this event. */
        if (r == DY_DEP_CCOMP || r == DY_DEP_XCOMP || r == DY_DEP_ADVCL || r == DY_DEP_OBJ) {
          mark_subtree(&x, ch, 1);
          for (int t = 1; t <= s->n; t++)
            if (x.mark[t]) silent[t] = 1, x.mark[t] = 0;
        }
      }
    }
  }
  if (c->noun_events && code_nouns(&x, out, &cap, c->require_dyad))
    return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
  if (out->n) {
    const char *iss = find_issues(&x);
    for (int i = 0; i < out->n; i++) out->ev[i].issues = iss;
  }
  /* Mentions serve the document-level steps (pronouns, unknown names):
  ** computed when the caller passed hints, i.e. when a pipeline asks. */
  if (hints && find_mentions(&x, out)) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
  /* Events in sentence order of their verbs. */
  for (int i = 1; i < out->n; i++) {
    dy_event t = out->ev[i];
    int j = i;
    while (j > 0 && out->ev[j - 1].verb > t.verb) out->ev[j] = out->ev[j - 1], j--;
    out->ev[j] = t;
  }
  return DY_OK;
}
