/*
** nouns.c: from a noun phrase on the tree to actor codes.
**
** The words of a phrase are its head and the dependents that belong to a
** noun phrase (compound, flat, amod, det, nummod, nmod, case ...), not its
** clauses, appositions or conjuncts. They are scanned left to right for
** the longest actor phrase at each position, else the longest agent
** phrase, as PETRARCH does; an actor's role is the one valid on the
** sentence's date. Codes combine actor and agents ("Arnor's foreign
** minister" is ARN + GOVFRM; "MSF Arnor diplomat" is NGO + ARN + GOV).
** The head's own words come first; if they do not give both an actor and
** an agent, the phrase's prepositional phrases are added ("lawmakers in
** Arnor" is ARNLEG, "the ambassadors of Arnor, Osgiliath and Gondor" gives
** one code per country). Conjuncts are resolved one by one, and a conjunct
** with only an agent borrows its neighbour's actor ("Danish media and
** government": DNKMED, DNKGOV).
*/
#include <stdio.h>
#include <string.h>
#include "internal.h"

typedef struct npres {
  int nact, nag;
  const actor_ent *act[8];
  const char *actcode[8];
  int acttok[8];         /* first word of each actor match */
  int actend[8];         /* its last word */
  const agent_ent *ag[8];
  int first, last;       /* span of the matches */
  int alt_nact;          /* actors of the whole phrase, PPs included */
  const char *altcode[8];
  int alt_first, alt_last;
} npres;

static int np_rel(int rel, int top, int with_pp, const char *sub) {
  switch (rel) {
  case DY_DEP_COMPOUND: case DY_DEP_FLAT: case DY_DEP_AMOD: case DY_DEP_DET:
  case DY_DEP_NUMMOD: case DY_DEP_CASE: case DY_DEP_FIXED: case DY_DEP_GOESWITH:
  case DY_DEP_CLF:
    return 1;
  case DY_DEP_NMOD:
    return !top || with_pp || strcmp(sub, "poss") == 0;
  case DY_DEP_CONJ: case DY_DEP_CC:
    return !top;
  default:
    return 0;
  }
}

/* Words of the phrase headed by h, sorted, into out; returns the count. */
static int collect(ctx *x, int h, int with_pp, int *out) {
  int *stack = x->buf2, sp = 0, n = 0;
  stack[sp++] = h;
  while (sp) {
    int u = stack[--sp];
    if (UPOS(x, u) != DY_UPOS_PUNCT) {
      int j = n++; /* insertion keeps out[] in sentence order; phrases are short */
      while (j > 0 && out[j - 1] > u) out[j] = out[j - 1], j--;
      out[j] = u;
    }
    for (int k = x->kstart[u]; k < x->kstart[u + 1]; k++) {
      int c = x->kids[k];
      if (np_rel(REL(x, c), u == h, with_pp, SUB(x, c)) && sp < x->n) stack[sp++] = c;
    }
  }
  return n;
}

/* English personal and demonstrative pronouns (a parser may tag a name
** PRON, so the word itself decides). */
static int is_pronoun_word(const char *w) {
  size_t n = strlen(w);
  if (n > 5 || !strchr("iIwWuUyYhHsStToO", w[0])) return 0; /* most words: at once */
  static const char *const p[] = { "i", "me", "we", "us", "you", "he", "him", "she", "her",
                                   "it", "they", "them", "who", "whom", "this", "that",
                                   "these", "those", "one" };
  for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
    if (dy_strieq_n(p[i], w, strlen(w))) return 1;
  return 0;
}

/* Scan words L[0..n) for actors and agents. */
static void scan(ctx *x, const int *L, int n, npres *r) {
  const dy_dict *d = x->d;
  memset(r, 0, sizeof *r);
  r->first = r->last = 0;
  int i = 0;
  while (i < n) {
    /* A pronoun starts no name: "us" is not the US. */
    if (is_pronoun_word(x->s->tok[L[i] - 1].form) ||
        (!dy_dict_starts(d, x->wf[L[i]], PH_ACTOR) && !dy_dict_starts(d, x->wf[L[i]], PH_AGENT))) {
      i++;
      continue;
    }
    uint32_t node = 0;
    int best_act = 0, best_ag = 0;
    const actor_ent *ba = NULL;
    const char *bcode = NULL;
    const agent_ent *bg = NULL;
    for (int j = i; j < n; j++) {
      if (j > i && L[j] != L[j - 1] + 1) break; /* phrases are consecutive words */
      node = dy_trie_child(&d->phrases, node, x->wf[L[j]]);
      if (node == DY_NONODE) break;
      for (uint32_t e = d->phrases.payload[node]; e != DY_NONODE; e = d->ents.v[e].next) {
        const phrase_ent *pe = &d->ents.v[e];
        if (pe->kind == PH_ACTOR) {
          const actor_ent *a = &d->actors.v[pe->ref];
          const char *code = dy_actor_role(a, x->s->date);
          if (code) ba = a, bcode = code, best_act = j - i + 1;
        } else if (pe->kind == PH_AGENT) {
          bg = &d->agents.v[pe->ref], best_ag = j - i + 1;
        }
      }
    }
    int len = 0;
    if (best_act) {
      if (r->nact < 8) {
        r->act[r->nact] = ba;
        r->acttok[r->nact] = L[i];
        r->actend[r->nact] = L[i + best_act - 1];
        r->actcode[r->nact++] = bcode;
      }
      len = best_act;
    } else if (best_ag) {
      if (r->nag < 8) r->ag[r->nag++] = bg;
      len = best_ag;
    }
    if (len) {
      if (!r->first) r->first = L[i];
      r->last = L[i + len - 1];
      i += len;
    } else {
      i++;
    }
  }
}

/* "between China's leader and Belarus's President", parsed with "Belarus's"
** cut off from "President": a phrase ending in a possessive 's owns the
** agent written right after it, wherever the parser hung that. t is the
** phrase's last word. */
static void possessed_agent(ctx *x, int t, npres *r) {
  const char *f = x->s->tok[t - 1].form;
  if (strcmp(f, "'s") != 0 && strcmp(f, "\xe2\x80\x99s") != 0 && strcmp(f, "'") != 0) return;
  int L2[4], k = 0;
  for (int j = t + 1; j <= x->s->n && k < 4; j++) L2[k++] = j;
  npres r3;
  scan(x, L2, k, &r3);
  if (r3.nag && (!r3.nact || r3.acttok[0] > r3.last) && r3.first == t + 1) {
    r->ag[r->nag++] = r3.ag[0];
    r->last = r3.last;
  }
}

static void resolve_np(ctx *x, int h, npres *r) {
  int *L = x->buf;
  int n = collect(x, h, 0, L);
  scan(x, L, n, r);
  const dy_code_hint *hint = x->hints ? &x->hints[h] : NULL;
  if (hint && hint->code) {
    /* A pronoun stands for the person; "the Belarusian leader" too, when
    ** its own words give no more than the country the person belongs to,
    ** and no phrase under it names another ("the Chairman of China"). */
    int other = 0;
    if (hint->kind == 2 && !r->nact) {
      npres r2;
      scan(x, L, collect(x, h, 1, L), &r2);
      other = r2.nact && strncmp(hint->code, r2.actcode[0], 3) != 0;
      n = collect(x, h, 0, L);
    }
    if (hint->kind == 1 || (!other && (!r->nact || (strlen(r->actcode[0]) == 3 &&
                                                    strncmp(hint->code, r->actcode[0], 3) == 0)))) {
      r->nact = 1;
      r->act[0] = NULL;
      r->actcode[0] = hint->code;
      r->acttok[0] = r->actend[0] = h;
      r->nag = 0;
      r->first = r->last = h;
      for (int i = 0; i < n; i++) {
        if (L[i] < r->first) r->first = L[i];
        if (L[i] > r->last) r->last = L[i];
      }
      x->hinted[h] = 1;
      return;
    }
  }
  /* "Ithilen's minister Calimehtar": the first actor names the phrase;
  ** later ones count only as conjuncts ("Eriadori and Calenardhon leaders"). */
  /* ... unless a later one is the same country made specific: in
  ** "Belarusian President Alexander Lukashenko" BLR, then BLRGOV. */
  for (int i = 1; i < r->nact; i++) {
    size_t l0 = strlen(r->actcode[0]);
    if (strlen(r->actcode[i]) > l0 && strncmp(r->actcode[i], r->actcode[0], l0) == 0) {
      r->act[0] = r->act[i];
      r->actcode[0] = r->actcode[i];
      r->acttok[0] = r->acttok[i];
    }
  }
  int keep = r->nact ? 1 : 0;
  for (int i = 1; i < r->nact; i++) {
    int t = r->acttok[i];
    while (HEAD(x, t) && REL(x, t) != DY_DEP_CONJ && (REL(x, t) == DY_DEP_FLAT ||
           REL(x, t) == DY_DEP_COMPOUND) && HEAD(x, t) > t)
      t = HEAD(x, t);
    if (REL(x, t) == DY_DEP_CONJ) {
      r->act[keep] = r->act[i];
      r->actcode[keep] = r->actcode[i];
      r->acttok[keep++] = r->acttok[i];
    }
  }
  r->nact = keep;
  if (r->nact && !r->nag && n > 0) possessed_agent(x, L[n - 1], r);
  if (r->nact && r->nag) return;
  npres r2;
  n = collect(x, h, 1, L);
  scan(x, L, n, &r2);
  if (r->nact) { /* the phrase's own actor, agents from its PPs too */
    if (r2.nag > r->nag) {
      memcpy(r->ag, r2.ag, sizeof r->ag);
      r->nag = r2.nag;
      r->last = r2.last > r->last ? r2.last : r->last;
    }
    return;
  }
  /* An actor phrase that takes in the head word itself names the phrase:
  ** "the People's Republic of China" is CHN, not PEOPLE + "of China". */
  for (int i = 0; i < r2.nact; i++) {
    if (r2.acttok[i] <= h && h <= r2.actend[i]) {
      *r = r2;
      r->act[0] = r2.act[i];
      r->actcode[0] = r2.actcode[i];
      r->acttok[0] = r2.acttok[i];
      r->actend[0] = r2.actend[i];
      r->nact = 1;
      return;
    }
  }
  /* No actor of its own: agents found across the whole phrase stand
  ** ("the Ministry of Silly Walks"); actors in its PPs are from_pp()'s,
  ** and those spanning the phrase ("the Prince of Dol Amroth") kept aside. */
  r->alt_nact = r2.nact;
  memcpy(r->altcode, r2.actcode, sizeof r->altcode);
  r->alt_first = r2.first;
  r->alt_last = r2.last;
  if (r2.nag > r->nag) {
    memcpy(r->ag, r2.ag, sizeof r->ag);
    r->nag = r2.nag;
    if (!r->first) r->first = r2.first;
    r->last = r2.last;
  }
}

static void add_code(actor_set *out, const char *code, int first, int last);
static const char *mix(ctx *x, const char *actor, const npres *r);
static void add_inner(ctx *x, actor_set *out, const actor_set *inner, int i, const npres *own,
                      int first, int last);

/* A phrase without an actor of its own takes those of its first
** prepositional phrase that names some, one per conjunct there ("the
** ambassadors of Arnor, Osgiliath and Gondor"), with its own agents. */
static int from_pp(ctx *x, int h, const npres *own, actor_set *out) {
  for (int k = x->kstart[h]; k < x->kstart[h + 1]; k++) {
    int c = x->kids[k];
    if (REL(x, c) != DY_DEP_NMOD || strcmp(SUB(x, c), "poss") == 0) continue;
    actor_set inner;
    dy_resolve_arg(x, c, &inner);
    int real = 0;
    for (int i = 0; i < inner.n; i++) real += strncmp(inner.code[i], "---", 3) != 0;
    if (!real) continue;
    for (int i = 0; i < inner.n; i++)
      if (strncmp(inner.code[i], "---", 3) != 0)
        add_inner(x, out, &inner, i, own, inner.span[i].first, inner.span[i].last);
    return 1;
  }
  return 0;
}

/* actor + agents, as PETRARCH's mix_codes: each agent added unless the
** code already holds it; the generic ~PPL only when it is the only one. */
static const char *mix(ctx *x, const char *actor, const npres *r) {
  char buf[128];
  size_t n = strlen(actor);
  if (n >= sizeof buf) n = sizeof buf - 1;
  memcpy(buf, actor, n);
  buf[n] = 0;
  for (int i = 0; i < r->nag; i++) {
    const agent_ent *g = r->ag[i];
    if (strcmp(g->code, "PPL") == 0 && r->nag > 1) continue;
    if (strstr(buf, g->code)) continue;
    size_t gl = strlen(g->code);
    if (n + gl + 1 >= sizeof buf) break;
    if (g->prefix) {
      memmove(buf + gl, buf, n + 1);
      memcpy(buf, g->code, gl);
    } else {
      memcpy(buf + n, g->code, gl + 1);
    }
    n += gl;
  }
  return dy_arena_strndup(x->a, buf, n);
}

static void add_code(actor_set *out, const char *code, int first, int last) {
  if (!code) return;
  for (int i = 0; i < out->n; i++)
    if (strcmp(out->code[i], code) == 0) return;
  if (out->n == DY_MAX_ACTORS) return;
  out->code[out->n] = code;
  out->span[out->n].first = first;
  out->span[out->n].last = last;
  out->ent[out->n] = NULL;
  memset(out->ag[out->n], 0, sizeof out->ag[0]);
  out->n++;
}

/* Remember which entries made the code just added (for explanations). */
static void add_code_why(actor_set *out, const char *code, int first, int last,
                         const actor_ent *ent, const npres *r) {
  int before = out->n;
  add_code(out, code, first, last);
  if (out->n == before) return;
  out->ent[before] = ent;
  for (int k = 0; k < r->nag && k < 3; k++) out->ag[before][k] = r->ag[k];
}

/* add_code() of inner->code[i] mixed with own's agents, keeping inner's
** actor entry and both sets of agents for the explanation. */
static void add_inner(ctx *x, actor_set *out, const actor_set *inner, int i, const npres *own,
                      int first, int last) {
  int before = out->n;
  add_code(out, mix(x, inner->code[i], own), first, last);
  if (out->n == before) return;
  out->ent[before] = inner->ent[i];
  int k = 0;
  for (int j = 0; j < own->nag && k < 3; j++) out->ag[before][k++] = own->ag[j];
  for (int j = 0; j < 3 && inner->ag[i][j] && k < 3; j++) out->ag[before][k++] = inner->ag[i][j];
}

const char *dy_actor_why(ctx *x, const actor_set *s, int i) {
  char buf[1024];
  size_t o = 0;
  buf[0] = 0;
  if (s->ent[i])
    o += (size_t)snprintf(buf, sizeof buf, "%s (%s:%d)", s->ent[i]->root, s->ent[i]->file,
                          (int)s->ent[i]->line);
  for (int k = 0; k < 3 && s->ag[i][k] && o < sizeof buf; k++)
    o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s (%s:%d)", o ? " + " : "",
                          s->ag[i][k]->phrase, s->ag[i][k]->file, (int)s->ag[i][k]->line);
  if (o >= sizeof buf) o = sizeof buf - 1;
  return dy_arena_strndup(x->a, buf, o);
}

static dy_status resolve_arg(ctx *x, int h, actor_set *out);

/* dy_resolve_arg's answer depends only on the tree under h: computed once
** per sentence and word. */
dy_status dy_resolve_arg(ctx *x, int h, actor_set *out) {
  out->n = 0;
  if (h <= 0 || h > x->n) return DY_OK;
  if (x->memo[h]) {
    *out = *x->memo[h];
    return DY_OK;
  }
  dy_status st = resolve_arg(x, h, out);
  if (st == DY_OK && x->depth == 0) {
    actor_set *m = dy_arena_alloc(x->a, sizeof *m);
    if (m) *m = *out, x->memo[h] = m;
  }
  return st;
}

static dy_status resolve_arg(ctx *x, int h, actor_set *out) {
  out->n = 0;
  if (x->depth > 6) return DY_OK;
  x->depth++;
  int conj[DY_MAX_ACTORS], nc = 0;
  conj[nc++] = h;
  for (int i = 0; i < nc && nc < DY_MAX_ACTORS; i++)
    for (int k = x->kstart[conj[i]]; k < x->kstart[conj[i] + 1] && nc < DY_MAX_ACTORS; k++) {
      int c = x->kids[k];
      /* Conjuncts, and proper-noun appositions that a parser made of a
      ** list ("Mordor, the Shire, Arnor and Bree"). */
      if (REL(x, c) == DY_DEP_CONJ ||
          (REL(x, c) == DY_DEP_APPOS && UPOS(x, c) == DY_UPOS_PROPN))
        conj[nc++] = c;
    }
  npres r[DY_MAX_ACTORS];
  for (int i = 0; i < nc; i++) {
    resolve_np(x, conj[i], &r[i]);
    if (!r[i].nact) { /* "Osgiliath, the state's fiercest foe" the other way round */
      int ap = dy_child(x, conj[i], DY_DEP_APPOS, NULL);
      if (ap) {
        npres ra;
        resolve_np(x, ap, &ra);
        if (ra.nact) r[i] = ra;
      }
    }
  }
  /* Actor roots each conjunct found in its prepositional phrases, for the
  ** agent-only conjuncts to borrow ("lawmakers and officials in Arnor"). */
  actor_set pproots[DY_MAX_ACTORS];
  for (int i = 0; i < nc; i++) pproots[i].n = 0;
  for (int i = 0; i < nc; i++) {
    if (r[i].nact) {
      for (int k = 0; k < r[i].nact; k++)
        add_code_why(out, mix(x, r[i].actcode[k], &r[i]), r[i].first, r[i].last, r[i].act[k],
                     &r[i]);
      continue;
    }
    npres none;
    memset(&none, 0, sizeof none);
    if (r[i].nag && from_pp(x, conj[i], &none, &pproots[i])) {
      for (int k = 0; k < pproots[i].n; k++)
        add_inner(x, out, &pproots[i], k, &r[i], pproots[i].span[k].first,
                  pproots[i].span[k].last);
      continue;
    }
    if (from_pp(x, conj[i], &r[i], out)) continue;
    if (r[i].alt_nact) {
      for (int k = 0; k < r[i].alt_nact; k++)
        add_code(out, mix(x, r[i].altcode[k], &r[i]), r[i].alt_first, r[i].alt_last);
      continue;
    }
    if (r[i].nag) {
      /* Borrow the nearest conjunct's actors: "Danish media and government". */
      int from = -1;
      for (int k = i - 1; k >= 0 && from < 0; k--) if (r[k].nact || pproots[k].n) from = k;
      for (int k = i + 1; k < nc && from < 0; k++) if (r[k].nact || pproots[k].n) from = k;
      if (from >= 0 && r[from].nact) {
        for (int k = 0; k < r[from].nact; k++)
          add_code_why(out, mix(x, r[from].actcode[k], &r[i]), r[i].first, r[i].last,
                       r[from].act[k], &r[i]);
      } else if (from >= 0) {
        for (int k = 0; k < pproots[from].n; k++)
          add_inner(x, out, &pproots[from], k, &r[i], r[i].first, r[i].last);
      } else {
        add_code_why(out, mix(x, "---", &r[i]), r[i].first, r[i].last, NULL, &r[i]);
      }
    }
  }
  x->depth--;
  return DY_OK;
}

static int names_actor(ctx *x, int h) {
  actor_set s;
  dy_resolve_arg(x, h, &s);
  for (int i = 0; i < s.n; i++)
    if (strncmp(s.code[i], "---", 3) != 0) return 1;
  return 0;
}

int dy_default_target(ctx *x, int v, int pass_subj, int src) {
  if (pass_subj) return pass_subj;
  int obj = 0;
  for (int k = x->kstart[v]; k < x->kstart[v + 1]; k++) {
    int c = x->kids[k];
    if ((REL(x, c) == DY_DEP_OBJ || REL(x, c) == DY_DEP_IOBJ) && c != src) {
      if (!obj) obj = c;
      if (names_actor(x, c)) return c;
    }
  }
  for (int k = x->kstart[v]; k < x->kstart[v + 1]; k++) {
    int c = x->kids[k];
    int r = REL(x, c);
    if ((r == DY_DEP_OBL || r == DY_DEP_NMOD) && c != src && strcmp(SUB(x, c), "tmod") != 0 &&
        !dy_is_noun_event(x, c) && names_actor(x, c))
      return c;
  }
  /* The subject of a complement clause: "believes Dagolath can cope". */
  for (int k = x->kstart[v]; k < x->kstart[v + 1]; k++) {
    int c = x->kids[k];
    if (REL(x, c) != DY_DEP_CCOMP && REL(x, c) != DY_DEP_XCOMP) continue;
    for (int j = x->kstart[c]; j < x->kstart[c + 1]; j++) {
      int g = x->kids[j];
      if ((REL(x, g) == DY_DEP_NSUBJ || REL(x, g) == DY_DEP_OBJ) && names_actor(x, g)) return g;
    }
  }
  /* Deeper in the verb's phrase: "abandoned efforts to stop an anti-Gondor
  ** parade", "cordoned off the roads leading into Mordor". */
  return dy_first_actor_after(x, v, src, 0);
}

/* Does the phrase at h take a place preposition ("in Beijing")? */
static int is_locative(const ctx *x, int h) {
  static const char *const where[] = { "in", "at", "near", NULL };
  int c = dy_case_of(x, h);
  if (!c) return 0;
  const char *f = x->s->tok[c - 1].form;
  for (int i = 0; where[i]; i++)
    if (dy_strieq_n(where[i], f, strlen(f))) return 1;
  return 0;
}

int dy_first_actor_after(ctx *x, int v, int avoid, int obliques_only) {
  for (int t = v + 1; t <= x->n; t++) {
    int u = UPOS(x, t);
    if (u != DY_UPOS_PROPN && u != DY_UPOS_NOUN && u != DY_UPOS_ADJ) continue;
    /* t must hang under v through no subject, conjunct or parataxis, and
    ** not under the phrase to avoid. */
    int w = t, ok = 0;
    for (int hops = 0; w && hops <= x->n; hops++) {
      if (avoid && w == avoid) break;
      /* In news, the people met during "a meeting with Li" are that
      ** meeting's, coded on its own. */
      if (!obliques_only && dy_is_noun_event(x, w)) break;
      int h = HEAD(x, w);
      if (h == v) {
        int r = REL(x, w);
        ok = obliques_only ? (r == DY_DEP_OBL || r == DY_DEP_NMOD)
                           : !(r == DY_DEP_NSUBJ || r == DY_DEP_CSUBJ || r == DY_DEP_CONJ ||
                               r == DY_DEP_PARATAXIS || r == DY_DEP_PUNCT);
        break;
      }
      w = h;
    }
    if (!ok || !names_actor(x, t)) continue;
    int best = t;
    while (HEAD(x, best) && (REL(x, best) == DY_DEP_COMPOUND || REL(x, best) == DY_DEP_FLAT ||
                             REL(x, best) == DY_DEP_AMOD) && names_actor(x, HEAD(x, best)))
      best = HEAD(x, best);
    /* In news, a place deep in the phrase is where, not whom: "stressed a
    ** principle during a meeting in Beijing". */
    if (x->news && !obliques_only && HEAD(x, best) != v && is_locative(x, best)) continue;
    return best;
  }
  return 0;
}
