/*
** quotes.c: direct quotations and who said them.
**
** Quotes are found on the normalized text, paragraph by paragraph (a line
** is a paragraph): “curly”, «guillemet» and "straight" marks. A quote
** left open at the end of a paragraph goes on when the next paragraph opens
** with a mark, as news style writes a quote of several paragraphs; else it
** ends there. The speaker is found, in this order:
**   after the quote:    “...”, Lukashenko stated.  /  "...," said the minister.
**   before the quote:   X said: "..."  /  As Alexander Lukashenko remarked, "..."
**   a speaker line:     Alexander Chervyakov, Belarusian Ambassador to China:
**                       "..."   (the line before, ending in ':')
**   a heading:          Lukashenko: Belarus as a Trustworthy Friend of China
**                       "..."   (the name before the heading's ':')
** The speaker's words are parsed and coded like any noun phrase; "he" is the
** person the article last named. Short quotes without a speaker ("Great
** Stone", "time leap") are names and scare quotes, not quotations.
*/
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "dyad/parse.h"
#include "internal.h"

#define MIN_UNATTRIBUTED_WORDS 8 /* a quote without speaker must be this long */

typedef struct para { size_t s, e; } para;

/* Length of a quotation mark at text[i] and its kind: 1 opening curly or
** guillemet, 2 closing curly or guillemet, 3 straight; 0 when none. */
static int mark_at(const char *t, size_t i, size_t len, int *kind) {
  const unsigned char *u = (const unsigned char *)t;
  if (u[i] == '"') { *kind = 3; return 1; }
  if (i + 2 < len + 1 && u[i] == 0xE2 && u[i + 1] == 0x80) {
    if (u[i + 2] == 0x9C) { *kind = 1; return 3; } /* “ */
    if (u[i + 2] == 0x9D) { *kind = 2; return 3; } /* ” */
    if (u[i + 2] == 0x9E) { *kind = 1; return 3; } /* „ */
  }
  if (i + 1 < len + 1 && u[i] == 0xC2) {
    if (u[i + 1] == 0xAB) { *kind = 1; return 2; } /* « */
    if (u[i + 1] == 0xBB) { *kind = 2; return 2; } /* » */
  }
  return 0;
}

static size_t count_words(const char *s, size_t n) {
  size_t w = 0;
  int in = 0;
  for (size_t i = 0; i < n; i++) {
    int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
    if (!sp && !in) w++;
    in = !sp;
  }
  return w;
}

static int speech_lemma(const char *l) {
  static const char *const v[] = { "say", "state", "tell", "add", "note", "remark", "emphasize",
                                    "emphasise", "stress", "declare", "explain", "insist",
                                    "warn", "assert", "argue", "announce", "comment", "continue",
                                    "conclude", "write", "ask", "reply", "observe", "underline",
                                    "point", "reiterate", "affirm", "acknowledge", "recall" };
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
    if (strcasecmp(l, v[i]) == 0) return 1;
  return 0;
}

static int subtree_has(const dy_sentence *s, int t, int root) {
  for (int k = 0; t && k <= s->n; k++) {
    if (t == root) return 1;
    t = s->tok[t - 1].head;
  }
  return 0;
}

/* Parse the words around a quote and find the speaker: the subject of a
** speech verb, the object of "according to", or (speaker lines, headings:
** no_verb) the phrase's root. */
/* Does the text hold a word that could be a speech verb ("said",
** "stated", "according")? A cheap test before parsing it. */
static int may_speak(const char *t, size_t n) {
  static const char *const stems[] = { "said", "say", "stat", "told", "tell", "add", "note",
                                       "remark", "emphas", "stress", "declar", "explain",
                                       "insist", "warn", "assert", "argu", "announc", "comment",
                                       "continu", "conclud", "wr", "ask", "repl", "observ",
                                       "underlin", "point", "reiterat", "affirm", "acknowledg",
                                       "recall", "according" };
  for (size_t i = 0; i < n; i++) {
    if (i && isalpha((unsigned char)t[i - 1])) continue; /* word starts only */
    for (size_t k = 0; k < sizeof stems / sizeof stems[0]; k++) {
      size_t l = strlen(stems[k]);
      if (i + l <= n && strncasecmp(t + i, stems[k], l) == 0) return 1;
    }
  }
  return 0;
}

static int speaker_of_text(const dy_pipe *p, const char *txt, size_t n, int no_verb,
                           const char *pronoun_ref, int32_t date, dy_arena *a, const char **who,
                           const char **code) {
  dy_sentence *ss = NULL;
  int32_t nss = 0;
  if (!n || (!no_verb && !may_speak(txt, n))) return 0;
  if (dy_parse_text(p->m, txt, n, a, &ss, &nss, NULL) || nss < 1) return 0;
  dy_sentence *s = &ss[0];
  s->date = date; /* the speaker's role on the article's date */
  int head = 0;
  for (int t = 1; t <= s->n && !head; t++) {
    const dy_token *k = &s->tok[t - 1];
    if (k->upos == DY_UPOS_VERB && speech_lemma(k->lemma)) {
      for (int c = 1; c <= s->n; c++)
        if (s->tok[c - 1].head == t && s->tok[c - 1].deprel == DY_DEP_NSUBJ) head = c;
    } else if (strcasecmp(k->form, "according") == 0) {
      for (int c = t + 1; c <= s->n && !head; c++)
        if (s->tok[c - 1].upos == DY_UPOS_PROPN || s->tok[c - 1].upos == DY_UPOS_NOUN) head = c;
    }
  }
  if (!head && no_verb)
    for (int t = 1; t <= s->n && !head; t++)
      if (s->tok[t - 1].head == 0) head = t;
  if (!head) return 0;
  const dy_token *h = &s->tok[head - 1];
  if (h->upos == DY_UPOS_PRON) {
    /* "he said", "she added": the person last named; "one could say" is nobody */
    if (!pronoun_ref || !(strcasecmp(h->form, "he") == 0 || strcasecmp(h->form, "she") == 0))
      return 0;
    *who = h->form;
    *code = pronoun_ref;
    return 1;
  }
  if (h->upos != DY_UPOS_PROPN && h->upos != DY_UPOS_NOUN) return 0;
  int first = head, last = head;
  for (int t = 1; t <= s->n; t++) {
    if (!subtree_has(s, t, head) || s->tok[t - 1].upos == DY_UPOS_PUNCT) continue;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  *who = dy_pipe_span_text(s, first, last, a);
  const char *c = dy_code_phrase(p->coder, s, head, a);
  *code = c ? c : "";
  return 1;
}

/* The sentence holding byte offset off. */
static int sent_at(const dy_doc_result *r, size_t off) {
  int best = 0;
  for (int i = 0; i < r->n_sent; i++)
    if (r->sent[i].start <= off) best = i;
  return best;
}

static int push_quote(dy_doc_result *out, int *cap, dy_arena *a) {
  if (out->n_quotes == *cap) {
    int nc = *cap ? *cap * 2 : 8;
    dy_quote *nq = dy_arena_alloc(a, sizeof *nq * (size_t)nc);
    if (!nq) return -1;
    if (out->n_quotes) memcpy(nq, out->quotes, sizeof *nq * (size_t)out->n_quotes);
    out->quotes = nq;
    *cap = nc;
  }
  memset(&out->quotes[out->n_quotes++], 0, sizeof *out->quotes);
  return 0;
}

dy_status dy_pipe_quotes(const dy_pipe *p, const char *text, size_t len, dy_doc_result *out,
                         const char **speaker_of, dy_arena *a, dy_error *err) {
  /* Paragraphs: non-empty lines. */
  int np = 0, pcap = 64;
  para *ps = dy_arena_alloc(a, sizeof *ps * (size_t)pcap);
  if (!ps) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
  for (size_t i = 0; i < len;) {
    size_t e = i;
    while (e < len && text[e] != '\n') e++;
    size_t s0 = i, e0 = e;
    while (s0 < e0 && isspace((unsigned char)text[s0])) s0++;
    while (e0 > s0 && isspace((unsigned char)text[e0 - 1])) e0--;
    if (e0 > s0) {
      if (np == pcap) {
        para *nps = dy_arena_alloc(a, sizeof *nps * (size_t)pcap * 2);
        if (!nps) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
        memcpy(nps, ps, sizeof *ps * (size_t)np);
        ps = nps;
        pcap *= 2;
      }
      ps[np].s = s0;
      ps[np++].e = e0;
    }
    i = e + 1;
  }
  int qcap = 0, last_para = -1;
  const char *last_who = NULL, *last_code = NULL;
  for (int pi = 0; pi < np; pi++) {
    size_t i = ps[pi].s;
    while (i < ps[pi].e) {
      int kind;
      int ml = mark_at(text, i, len, &kind);
      /* an opening mark: curly/guillemet, or a straight one at a word start */
      int opens = ml && (kind == 1 || (kind == 3 && (i == ps[pi].s || isspace((unsigned char)text[i - 1]) ||
                                                      strchr("([:—-", text[i - 1]))));
      if (!opens) {
        i += ml ? (size_t)ml : 1;
        continue;
      }
      int open_kind = kind;
      size_t qs = i + (size_t)ml, qe = 0, after = 0;
      int pj = pi;
      /* The text of the quote, paragraphs joined by a blank. */
      char *buf = dy_arena_alloc(a, len + 1);
      if (!buf) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
      size_t bo = 0, j = qs;
      for (;;) {
        int k2 = 0, m2 = 0;
        while (j < ps[pj].e) {
          m2 = mark_at(text, j, len, &k2);
          if (m2 && (k2 == 2 || (k2 == 3 && open_kind == 3))) break;
          buf[bo++] = text[j++];
          m2 = 0;
        }
        if (j < ps[pj].e) { /* closed here */
          qe = j;
          after = j + (size_t)m2;
          break;
        }
        /* end of paragraph with the quote open: does the next one go on? */
        int k3;
        int m3 = pj + 1 < np ? mark_at(text, ps[pj + 1].s, len, &k3) : 0;
        if (m3 && (k3 == 1 || k3 == 3)) {
          pj++;
          j = ps[pj].s + (size_t)m3;
          buf[bo++] = ' ';
          continue;
        }
        qe = ps[pj].e;
        after = qe;
        break;
      }
      while (bo && isspace((unsigned char)buf[bo - 1])) bo--;
      buf[bo] = 0;
      /* Speaker: after, before, a speaker line, a heading. */
      const char *who = NULL, *code = NULL;
      int first_sent = sent_at(out, qs), last_sent = sent_at(out, qe ? qe - 1 : qs);
      const char *ref = speaker_of ? speaker_of[first_sent] : NULL;
      size_t ae = after;
      while (ae < ps[pj].e && !strchr(".!?", text[ae])) ae++;
      size_t ab = after;
      while (ab < ae && (isspace((unsigned char)text[ab]) || strchr(",;:-", text[ab]))) ab++;
      if (ae > ab && count_words(text + ab, ae - ab) <= 12)
        speaker_of_text(p, text + ab, ae - ab, 0, ref, out->doc->date, a, &who, &code);
      if (!who) {
        size_t bb = i;
        while (bb > ps[pi].s && !strchr(".!?", text[bb - 1])) bb--;
        if (i > bb && count_words(text + bb, i - bb) <= 15)
          speaker_of_text(p, text + bb, i - bb, 0, ref, out->doc->date, a, &who, &code);
      }
      if (!who && i == ps[pi].s && pi > 0) {
        const para *pv = &ps[pi - 1];
        size_t pl = pv->e - pv->s;
        const char *colon = memchr(text + pv->s, ':', pl);
        if (colon && count_words(text + pv->s, pl) <= 25 && memchr(text + pv->s, '"', pl) == NULL) {
          size_t nl = (size_t)(colon - (text + pv->s));
          /* "Name, title:" on its own line, or the name before a heading's ':' */
          if (nl && count_words(text + pv->s, nl) <= 20)
            speaker_of_text(p, text + pv->s, nl, 1, ref, out->doc->date, a, &who, &code);
        }
      }
      /* A quote that follows another in the same paragraph without a
      ** speaker of its own goes on in the same voice:
      ** "...", Lukashenko stated. "Our actions ..." */
      size_t nwords = count_words(buf, bo);
      if (!who && out->n_quotes && last_para == pi && last_who && nwords >= 3) {
        who = last_who;
        code = last_code;
      }
      size_t words = count_words(buf, bo);
      if (who) {
        last_para = pj;
        last_who = who;
        last_code = code;
      }
      /* Two words in quotes are a name or a scare quote ("time leap"),
      ** whoever is near them. */
      if ((who && words >= 3) || words >= MIN_UNATTRIBUTED_WORDS) {
        if (push_quote(out, &qcap, a)) return dy_err(err, DY_ENOMEM, NULL, 0, "out of memory");
        dy_quote *q = &out->quotes[out->n_quotes - 1];
        q->sent_first = first_sent;
        q->sent_last = last_sent < first_sent ? first_sent : last_sent;
        q->start = qs;
        q->end = qe;
        q->text = buf;
        q->speaker_text = who ? who : "";
        q->speaker_code = code ? code : "";
      }
      if (pj != pi) { /* the quote took later paragraphs: go on after it */
        pi = pj;
      }
      i = after > i ? after : i + 1;
      if (i >= ps[pi].e) break;
    }
  }
  return DY_OK;
}
