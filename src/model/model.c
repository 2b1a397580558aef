/*
** model.c: the model file. Layout (all integers little-endian):
**
**   0   magic "DYADMODL"
**   8   u32 version (DY_MODEL_VERSION)
**   12  u32 number of chunks
**   16  u64 file size in bytes
**   24  u64 XXH64 (seed 0) of bytes 32 .. end
**   32  chunk table: per chunk u32 id (four ASCII letters), u32 0,
**       u64 offset, u64 size
**   ... chunk data, each chunk at a 16-byte aligned offset
**
** Chunks: HEAD (u32 sizes, the parser's beam width, and the feature
** fingerprint as two u32), STRS (string pool), TCLS (tag classes), TDIC
** LEXE LEXL LEMR (hash tables: tag dictionary, lexicon by form and by
** lower-case form, lemma suffix rules), PLAB (parser labels), and four
** sparse weight tables (dy_wtab), each as row offsets (u32, rows + 1) and
** entries (u32: class in the low 16 bits, i16 weight in the high 16; in a
** dense row two i16 weights, see DY_WTAB_HALF): TGO1/TGE1 the tagger's first pass,
** TGO2/TGE2 its second pass, PARO/PARE the parser; and GDPD, the guide
** parser's dense 8-bit table (dy_dtab; empty in a model without one).
**
** Arrays are written and read as the host lays them out, which is
** little-endian on every machine dyad targets; a big-endian host is refused
** with a clear message rather than byte-swapping 100 MB of floats.
*/
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#include "internal.h"
#include "../util/util.h"

#define HEADER 32
#define MAX_CHUNKS 32

static const char magic[8] = { 'D', 'Y', 'A', 'D', 'M', 'O', 'D', 'L' };

enum { H_NTAGS, H_TSTRIDE, H_TROWS, H_NLABELS, H_ROOT, H_PSTRIDE, H_PROWS, H_BEAM,
       H_FEAT_LO, H_FEAT_HI, H_COUNT };

static int little_endian(void) {
  const uint16_t x = 1;
  return *(const unsigned char *)&x == 1;
}

static void put32(unsigned char *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static void put64(unsigned char *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static uint32_t get32(const unsigned char *p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; i--) v = (v << 8) | p[i];
  return v;
}
static uint64_t get64(const unsigned char *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
  return v;
}

static uint32_t fourcc(const char *s) {
  return (uint32_t)(unsigned char)s[0] | (uint32_t)(unsigned char)s[1] << 8 |
         (uint32_t)(unsigned char)s[2] << 16 | (uint32_t)(unsigned char)s[3] << 24;
}

void dy_score(const float *w, uint32_t stride, const uint32_t *rows, int n,
              float *scores) {
  typedef float v4 __attribute__((vector_size(16)));
  v4 *acc = (v4 *)scores;
  uint32_t nv = stride / 4;
  /* Rows are scattered over 100 MB: ask for all of them before adding, so
  ** the cache misses overlap instead of queueing one after the other. */
  for (int f = 0; f < n; f++) {
    const char *row = (const char *)(w + (size_t)rows[f] * stride);
    for (uint32_t b = 0; b < stride * sizeof(float); b += 64) __builtin_prefetch(row + b);
  }
  for (int f = 0; f < n; f++) {
    const v4 *row = (const v4 *)(w + (size_t)rows[f] * stride);
    for (uint32_t k = 0; k < nv; k++) acc[k] += row[k];
  }
}

void dy_dtab_score(const dy_dtab *t, const uint32_t *rows, int n, int32_t *scores) {
  enum { NC = 24 };  /* classes added, ncls rounded up to 8 (DY_GUIDE_LABELS: 19) */
  assert(t->ncls <= NC);
  for (int f = 0; f < n; f++) __builtin_prefetch(t->w + (size_t)rows[f] * DY_DTAB_ROW);
  for (int f = 0; f < n; f++) {
    const int8_t *row = t->w + (size_t)rows[f] * DY_DTAB_ROW;
    int32_t scale = (int32_t)1 << row[DY_DTAB_ROW - 1];
    for (int c = 0; c < NC; c++) scores[c] += row[c] * scale;
  }
}

void dy_wtab_row(const dy_wtab *t, uint32_t r, int32_t *q) {
  uint32_t half = DY_WTAB_HALF(t->ncls), lo = t->off[r], hi = t->off[r + 1];
  memset(q, 0, t->ncls * sizeof *q);
  if (hi - lo == half) {
    for (uint32_t j = 0; j < half; j++) {
      if (j < t->ncls) q[j] = (int16_t)(t->e[lo + j] & 0xffffu);
      if (j + half < t->ncls) q[j + half] = (int16_t)(t->e[lo + j] >> 16);
    }
    return;
  }
  for (uint32_t i = lo; i < hi; i++) q[DY_WENTRY_CLS(t->e[i])] = DY_WENTRY_W(t->e[i]);
}

int dy_dtab_from_wtab(const dy_wtab *t, dy_dtab *out) {
  assert(t->ncls < DY_DTAB_ROW);
  int8_t *w = calloc((size_t)t->rows, DY_DTAB_ROW);
  if (!w) return 0;
  int32_t q[DY_DTAB_ROW];
  for (uint32_t r = 0; r < t->rows; r++) {
    dy_wtab_row(t, r, q);
    int32_t big = 0;
    for (uint32_t c = 0; c < t->ncls; c++) big = abs(q[c]) > big ? abs(q[c]) : big;
    int e = 0;
    while ((big >> e) > 127) e++;
    int8_t *row = w + (size_t)r * DY_DTAB_ROW;
    for (uint32_t c = 0; c < t->ncls; c++) {
      /* round to nearest, halves away from zero */
      int32_t x = q[c] < 0 ? -((-q[c] + (1 << e >> 1)) >> e) : (q[c] + (1 << e >> 1)) >> e;
      row[c] = (int8_t)(x > 127 ? 127 : x < -127 ? -127 : x);
    }
    row[DY_DTAB_ROW - 1] = (int8_t)e;
  }
  out->rows = t->rows;
  out->ncls = t->ncls;
  out->w = w;
  return 1;
}

void dy_wtab_score(const dy_wtab *t, const uint32_t *rows, int n, int32_t *scores) {
  typedef int32_t v4 __attribute__((vector_size(16)));
  typedef uint32_t u4 __attribute__((vector_size(16)));
  const uint32_t *off = t->off;
  const dy_wentry *ent = t->e;
  uint32_t half = DY_WTAB_HALF(t->ncls);
  uint32_t lo[128], hi[128];
  assert(n <= 128);
  /* Two rounds of prefetches (the offsets, then every cache line of the
  ** entries) so the cache misses of all n features overlap instead of
  ** queueing one after the other. */
  for (int f = 0; f < n; f++) __builtin_prefetch(off + rows[f]);
  for (int f = 0; f < n; f++) {
    lo[f] = off[rows[f]];
    hi[f] = off[rows[f] + 1];
    const char *p = (const char *)(ent + lo[f]), *end = (const char *)(ent + hi[f]);
    for (; p < end; p += 64) __builtin_prefetch(p);
  }
  for (int f = 0; f < n; f++) {
    const dy_wentry *e = ent + lo[f], *end = ent + hi[f];
    if (hi[f] - lo[f] == half) {
      /* a dense row: four entries, eight weights at a time */
      for (uint32_t k = 0; k < half; k += 4) {
        u4 x;
        v4 a, b;
        memcpy(&x, e + k, sizeof x);
        memcpy(&a, scores + k, sizeof a);
        memcpy(&b, scores + half + k, sizeof b);
        a += (v4)(x << 16) >> 16;
        b += (v4)x >> 16;
        memcpy(scores + k, &a, sizeof a);
        memcpy(scores + half + k, &b, sizeof b);
      }
      continue;
    }
    for (; e < end; e++) scores[DY_WENTRY_CLS(*e)] += DY_WENTRY_W(*e);
  }
}

uint64_t dy_strhash(const char *s, size_t n) {
  uint64_t h = XXH3_64bits(s, n);
  return h ? h : 1;
}

dy_hent *dy_htab_alloc(size_t n, uint32_t *mask) {
  size_t size = 16;
  while (size < n * 2 + 1) size *= 2;
  dy_hent *e = calloc(size, sizeof *e);
  if (e) *mask = (uint32_t)(size - 1);
  return e;
}

dy_hent *dy_htab_put(dy_hent *e, uint32_t mask, uint64_t key) {
  if (!key) key = 1;
  for (uint32_t i = (uint32_t)key & mask;; i = (i + 1) & mask) {
    if (e[i].key == key) return &e[i];
    if (e[i].key == 0) { e[i].key = key; return &e[i]; }
  }
}

void dy_model_free(dy_model *m) {
  if (!m) return;
  for (size_t i = 0; i < DY_ARRAY_LEN(m->owned); i++) free(m->owned[i]);
  free(m->image);
  free(m);
}

/* ---- saving ---- */

typedef struct chunkout {
  const char *id;        /* four letters */
  const void *data;      /* bytes to write */
  size_t size;           /* their number */
} chunkout;

static size_t htab_bytes(const dy_htab *t) {
  return t->e ? ((size_t)t->mask + 1) * sizeof(dy_hent) : 0;
}

static size_t wtab_off_bytes(const dy_wtab *t) {
  return t->rows ? ((size_t)t->rows + 1) * sizeof(uint32_t) : 0;
}
static size_t wtab_e_bytes(const dy_wtab *t) {
  return t->rows ? (size_t)t->off[t->rows] * sizeof(dy_wentry) : 0;
}

dy_status dy_model_save(const dy_model *m, const char *path, dy_error *err) {
  if (!little_endian())
    return dy_err(err, DY_EFORMAT, path, 0, "model files need a little-endian host");
  unsigned char head[H_COUNT * 4];
  put32(head + 4 * H_NTAGS, m->n_tags);
  put32(head + 4 * H_TSTRIDE, m->tag_stride);
  put32(head + 4 * H_TROWS, m->tag_rows);
  put32(head + 4 * H_NLABELS, m->n_labels);
  put32(head + 4 * H_ROOT, m->root_label);
  put32(head + 4 * H_PSTRIDE, m->par_stride);
  put32(head + 4 * H_PROWS, m->par_rows);
  uint64_t fp = dy_feature_fingerprint();
  put32(head + 4 * H_FEAT_LO, (uint32_t)fp);
  put32(head + 4 * H_FEAT_HI, (uint32_t)(fp >> 32));
  put32(head + 4 * H_BEAM, m->par_beam);
  chunkout c[] = {
    { "HEAD", head, sizeof head },
    { "STRS", m->strs, m->strs_len },
    { "TCLS", m->tags, (size_t)m->n_tags * sizeof(dy_tagclass) },
    { "TGO1", m->tag_w.off, wtab_off_bytes(&m->tag_w) },
    { "TGE1", m->tag_w.e, wtab_e_bytes(&m->tag_w) },
    { "TGO2", m->tag_w2.off, wtab_off_bytes(&m->tag_w2) },
    { "TGE2", m->tag_w2.e, wtab_e_bytes(&m->tag_w2) },
    { "TDIC", m->tagdict.e, htab_bytes(&m->tagdict) },
    { "LEXE", m->lex.e, htab_bytes(&m->lex) },
    { "LEXL", m->lexlow.e, htab_bytes(&m->lexlow) },
    { "LEMR", m->rules.e, htab_bytes(&m->rules) },
    { "PLAB", m->labels, (size_t)m->n_labels * sizeof(dy_label) },
    { "PARO", m->par_w.off, wtab_off_bytes(&m->par_w) },
    { "PARE", m->par_w.e, wtab_e_bytes(&m->par_w) },
    { "GDPD", m->gd.w, (size_t)m->gd.rows * DY_DTAB_ROW },
  };
  size_t nc = DY_ARRAY_LEN(c);
  size_t off = HEADER + nc * 24, total;
  size_t offs[DY_ARRAY_LEN(c)];
  for (size_t i = 0; i < nc; i++) {
    off = (off + 15) & ~(size_t)15;
    offs[i] = off;
    off += c[i].size;
  }
  total = off;
  unsigned char *buf = calloc(1, total);
  if (!buf) return dy_err(err, DY_ENOMEM, path, 0, "out of memory writing the model");
  memcpy(buf, magic, 8);
  put32(buf + 8, DY_MODEL_VERSION);
  put32(buf + 12, (uint32_t)nc);
  put64(buf + 16, total);
  for (size_t i = 0; i < nc; i++) {
    unsigned char *t = buf + HEADER + i * 24;
    put32(t, fourcc(c[i].id));
    put32(t + 4, 0);
    put64(t + 8, offs[i]);
    put64(t + 16, c[i].size);
    if (c[i].size) memcpy(buf + offs[i], c[i].data, c[i].size);
  }
  put64(buf + 24, XXH64(buf + HEADER, total - HEADER, 0));
  FILE *f = fopen(path, "wb");
  if (!f) {
    free(buf);
    return dy_err(err, DY_EIO, path, 0, "cannot create: %s", strerror(errno));
  }
  int bad = fwrite(buf, 1, total, f) != total;
  bad |= fclose(f) != 0;
  free(buf);
  if (bad) return dy_err(err, DY_EIO, path, 0, "write error");
  return DY_OK;
}

/* ---- loading ---- */

typedef struct chunkin {
  const unsigned char *p;  /* data */
  uint64_t size;           /* bytes */
} chunkin;

static dy_status bad(dy_error *err, const char *name, const char *what) {
  return dy_err(err, DY_EFORMAT, name, 0, "not a valid dyad model: %s", what);
}

/* Check a hash table chunk: power-of-two entry count with an empty slot,
** string values in range. strs_a / strs_b: whether a / b are string offsets. */
static int load_htab(const chunkin *c, dy_htab *t, const dy_model *m, int strs_a,
                     int strs_b, uint32_t max_a) {
  t->e = NULL;
  t->mask = 0;
  if (c->size == 0) return 1;
  if (c->size % sizeof(dy_hent)) return 0;
  uint64_t n = c->size / sizeof(dy_hent);
  if (n & (n - 1) || n > ((uint64_t)1 << 31)) return 0;
  const dy_hent *e = (const dy_hent *)c->p;
  int empty = 0;
  for (uint64_t i = 0; i < n; i++) {
    if (e[i].key == 0) { empty = 1; continue; }
    if (strs_a ? e[i].a >= m->strs_len : e[i].a >= max_a) return 0;
    if (strs_b && e[i].b >= m->strs_len) return 0;
  }
  if (!empty) return 0;
  t->e = e;
  t->mask = (uint32_t)(n - 1);
  return 1;
}

/* Check a sparse weight table of rows rows from its offsets chunk o and
** entries chunk e: offsets from 0, non-decreasing, ending at the entry
** count; every class below ncls. */
static int load_wtab(const chunkin *o, const chunkin *e, uint32_t rows, uint32_t ncls,
                     dy_wtab *t) {
  if (rows == 0 || (rows & (rows - 1)) || o->size != ((uint64_t)rows + 1) * 4 ||
      e->size % sizeof(dy_wentry))
    return 0;
  const uint32_t *off = (const uint32_t *)o->p;
  const dy_wentry *en = (const dy_wentry *)e->p;
  if (off[0] != 0 || off[rows] != e->size / sizeof(dy_wentry)) return 0;
  for (uint32_t r = 0; r < rows; r++)
    if (off[r] > off[r + 1]) return 0;
  for (uint32_t r = 0; r < rows; r++)
    if (off[r + 1] - off[r] != DY_WTAB_HALF(ncls))
      for (uint32_t i = off[r]; i < off[r + 1]; i++)
        if (DY_WENTRY_CLS(en[i]) >= ncls) return 0;
  t->rows = rows;
  t->ncls = ncls;
  t->off = off;
  t->e = en;
  return 1;
}

/* Check the image img (len bytes, malloc'd; owned by the model from now on,
** freed on failure) and point a model into it. */
static dy_status load_image(void *img, size_t len, const char *name,
                            dy_model **out, dy_error *err) {
  *out = NULL;
  dy_model *m = calloc(1, sizeof *m);
  if (!m) { free(img); return dy_err(err, DY_ENOMEM, name, 0, "out of memory"); }
  m->image = img;
  const unsigned char *b = img;
  dy_status rc = DY_OK;
#define FAIL(what) do { rc = bad(err, name, what); goto fail; } while (0)
  if (!little_endian()) {
    rc = dy_err(err, DY_EFORMAT, name, 0, "model files need a little-endian host");
    goto fail;
  }
  if (len < HEADER || memcmp(b, magic, 8) != 0) FAIL("bad magic (not a model file?)");
  if (get32(b + 8) != DY_MODEL_VERSION) {
    rc = dy_err(err, DY_EFORMAT, name, 0, "model version %u, this dyad reads version %u; retrain it",
                get32(b + 8), DY_MODEL_VERSION);
    goto fail;
  }
  uint32_t nc = get32(b + 12);
  if (get64(b + 16) != len) FAIL("truncated or padded (size differs from the header)");
  if (nc > MAX_CHUNKS || HEADER + (uint64_t)nc * 24 > len) FAIL("bad chunk table");
  if (get64(b + 24) != XXH64(b + HEADER, len - HEADER, 0)) FAIL("checksum mismatch (corrupt file)");
  static const char *const ids[] = { "HEAD", "STRS", "TCLS", "TGO1", "TDIC", "LEXE",
                                     "LEXL", "LEMR", "PLAB", "PARO", "TGO2",
                                     "TGE1", "TGE2", "PARE", "GDPD" };
  chunkin c[DY_ARRAY_LEN(ids)];
  memset(c, 0, sizeof c);
  int seen[DY_ARRAY_LEN(ids)] = { 0 };
  for (uint32_t i = 0; i < nc; i++) {
    const unsigned char *t = b + HEADER + (size_t)i * 24;
    uint64_t off = get64(t + 8), size = get64(t + 16);
    if (off > len || size > len - off || off % 16) FAIL("chunk outside the file");
    for (size_t k = 0; k < DY_ARRAY_LEN(ids); k++) {
      if (get32(t) == fourcc(ids[k])) {
        c[k].p = b + off;
        c[k].size = size;
        seen[k] = 1;
      }
    }
  }
  for (size_t k = 0; k < DY_ARRAY_LEN(ids); k++)
    if (!seen[k]) FAIL("a chunk is missing");
  if (c[0].size != H_COUNT * 4) FAIL("bad HEAD chunk");
  const unsigned char *h = c[0].p;
  m->n_tags = get32(h + 4 * H_NTAGS);
  m->tag_stride = get32(h + 4 * H_TSTRIDE);
  m->tag_rows = get32(h + 4 * H_TROWS);
  m->n_labels = get32(h + 4 * H_NLABELS);
  m->root_label = get32(h + 4 * H_ROOT);
  m->par_stride = get32(h + 4 * H_PSTRIDE);
  m->par_rows = get32(h + 4 * H_PROWS);
  m->par_beam = get32(h + 4 * H_BEAM);
  uint64_t fp = (uint64_t)get32(h + 4 * H_FEAT_HI) << 32 | get32(h + 4 * H_FEAT_LO);
  if (fp != dy_feature_fingerprint()) {
    rc = dy_err(err, DY_EFORMAT, name, 0,
                "trained with other tagger or parser features than this dyad's; retrain it");
    goto fail;
  }
  if (c[1].size == 0 || c[1].size > UINT32_MAX || c[1].p[c[1].size - 1] != 0)
    FAIL("bad string pool");
  m->strs = (const char *)c[1].p;
  m->strs_len = (uint32_t)c[1].size;
  if (m->n_tags == 0 || m->n_tags > 4096 || m->tag_stride < m->n_tags ||
      m->tag_stride % 4 || m->tag_stride > 4096 ||
      c[2].size != (uint64_t)m->n_tags * sizeof(dy_tagclass))
    FAIL("bad tag classes");
  m->tags = (const dy_tagclass *)c[2].p;
  for (uint32_t i = 0; i < m->n_tags; i++)
    if (m->tags[i].upos >= DY_UPOS_COUNT || m->tags[i].xpos >= m->strs_len ||
        m->tags[i].feats >= m->strs_len)
      FAIL("bad tag class");
  if (!load_wtab(&c[3], &c[11], m->tag_rows, m->n_tags + DY_UPOS_COUNT, &m->tag_w))
    FAIL("bad tagger weights");
  if (!load_wtab(&c[10], &c[12], m->tag_rows, m->n_tags + DY_UPOS_COUNT, &m->tag_w2))
    FAIL("bad second-pass tagger weights");
  if (!load_htab(&c[4], &m->tagdict, m, 0, 0, m->n_tags) ||
      !load_htab(&c[5], &m->lex, m, 1, 1, 0) ||
      !load_htab(&c[6], &m->lexlow, m, 1, 1, 0) ||
      !load_htab(&c[7], &m->rules, m, 0, 1, 256))
    FAIL("bad lexicon table");
  if (m->n_labels == 0 || m->n_labels > 1000 || m->root_label >= m->n_labels ||
      c[8].size != (uint64_t)m->n_labels * sizeof(dy_label))
    FAIL("bad parser labels");
  m->labels = (const dy_label *)c[8].p;
  for (uint32_t i = 0; i < m->n_labels; i++)
    if (m->labels[i].deprel >= DY_DEP_COUNT || m->labels[i].subrel >= m->strs_len)
      FAIL("bad parser label");
  if (m->par_stride < 1 + 2 * m->n_labels || m->par_stride % 4 || m->par_stride > 2048 ||
      !load_wtab(&c[9], &c[13], m->par_rows, 1 + 2 * m->n_labels, &m->par_w))
    FAIL("bad parser weights");
  if (m->par_beam < 1 || m->par_beam > DY_MAX_BEAM) FAIL("bad parser beam width");
  /* the guide: as many rows as the chunk holds, a power of two */
  if (c[14].size) {
    uint64_t rows = c[14].size / DY_DTAB_ROW;
    if (c[14].size % DY_DTAB_ROW || rows > ((uint64_t)1 << 24) || (rows & (rows - 1)))
      FAIL("bad guide parser weights");
    m->gd.rows = (uint32_t)rows;
    m->gd.ncls = 1 + 2 * DY_GUIDE_LABELS;
    m->gd.w = (const int8_t *)c[14].p;
    for (uint64_t r = 0; r < rows; r++)
      if ((uint8_t)m->gd.w[r * DY_DTAB_ROW + DY_DTAB_ROW - 1] > 16) FAIL("bad guide parser weights");
  }
#undef FAIL
  *out = m;
  return DY_OK;
fail:
  dy_model_free(m);
  return rc;
}

dy_status dy_model_load_mem(const void *src, size_t len, const char *name,
                            dy_model **out, dy_error *err) {
  *out = NULL;
  void *img = malloc(len ? len : 1);
  if (!img) return dy_err(err, DY_ENOMEM, name, 0, "out of memory loading the model");
  if (len) memcpy(img, src, len);
  return load_image(img, len, name, out, err);
}

dy_status dy_model_load(const char *path, dy_model **out, dy_error *err) {
  *out = NULL;
  int fd = open(path, O_RDONLY);
  if (fd < 0) return dy_err(err, DY_EIO, path, 0, "cannot open: %s", strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size < 0) {
    close(fd);
    return dy_err(err, DY_EIO, path, 0, "cannot stat: %s", strerror(errno));
  }
  size_t len = (size_t)st.st_size;
  /* The weights are read at random, one row per feature: on 2 MB pages
  ** (where the kernel offers them) TLB misses drop and parsing runs
  ** markedly faster. */
  void *buf = NULL;
  if (posix_memalign(&buf, (size_t)2 << 20, len ? len : 1) != 0) {
    close(fd);
    return dy_err(err, DY_ENOMEM, path, 0, "out of memory loading the model");
  }
#ifdef MADV_HUGEPAGE
  if (len >= ((size_t)2 << 20)) madvise(buf, len, MADV_HUGEPAGE);
#endif
  size_t got = 0;
  while (got < len) {
    ssize_t k = read(fd, (char *)buf + got, len - got);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break;
    got += (size_t)k;
  }
  close(fd);
  if (got != len) {
    free(buf);
    return dy_err(err, DY_EIO, path, 0, "read error");
  }
  return load_image(buf, len, path, out, err);
}
