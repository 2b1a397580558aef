/*
** input.c: the document readers. One dy_reader walks a file, a directory
** (every regular file under it, in name order, hidden ones skipped) or
** stdin, and hands out dy_doc records:
**
**   text   one article per file; an optional header block of "Title:",
**          "Date:", "Source:", "URL:" (and "ID:") lines ends at the first
**          blank line; the file name without extension is the id;
**   JSONL  one article per line: {"id","date","source","url","title","text"}
**          (read a line at a time: a 1 GB file needs no more memory than
**          its longest line);
**   XML    PETRARCH input: <Article id date source><Text>..</Text></Article>
**          records, or <Sentence id date><Text> records, consecutive
**          sentences of one story ("AFP0808-1", "AFP0808-2") joined;
**   HTML   the page's main text (article, else main, else body; scripts,
**          navigation, headers, footers, asides and forms dropped; only
**          paragraphs and headings kept), with title, date, site and URL
**          from its metadata, by libxml2's forgiving HTML parser.
*/
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>
#include "dyad/pipe.h"
#include "dyad/valxml.h"
#include "../util/util.h"

#define MAX_RECORD (64u << 20) /* longest JSON line / largest file read whole */

struct dy_reader {
  char **files;         /* paths to read, in order */
  int nfiles, cur;      /* count, index of the file being read */
  dy_input_format fmt;  /* as asked (AUTO decides per file) */
  int32_t default_date; /* for documents without a date */
  /* the current file */
  FILE *f;              /* open stream (JSONL) */
  dy_input_format cfmt; /* its format */
  char *buf;            /* whole-file contents (text, XML, HTML) */
  size_t len;
  int done_whole;       /* the whole-file document was returned */
  long line;            /* line of the next JSONL record */
  char *lbuf;           /* getline buffer */
  size_t lcap;
  dy_arena *xa;         /* XML records of the current file */
  dy_valfile *vf;       /* parsed <Sentence> records */
  int vi;               /* next record */
  uint64_t done_bytes, total_bytes;
  const char *mem;      /* dy_reader_open_mem: the one input, in memory */
  size_t memlen;
};

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_file(dy_reader *r, const char *path, int *cap) {
  if (r->nfiles == *cap) {
    int nc = *cap ? *cap * 2 : 16;
    char **nf = realloc(r->files, sizeof *nf * (size_t)nc);
    if (!nf) return -1;
    r->files = nf;
    *cap = nc;
  }
  r->files[r->nfiles] = strdup(path);
  return r->files[r->nfiles++] ? 0 : -1;
}

static dy_status walk(dy_reader *r, const char *dir, int *cap, int depth, dy_error *err) {
  DIR *d = opendir(dir);
  if (!d) return dy_err(err, DY_EIO, dir, 0, "cannot open directory: %s", strerror(errno));
  char **names = NULL;
  int n = 0, ncap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    if (n == ncap) {
      ncap = ncap ? ncap * 2 : 64;
      char **nn = realloc(names, sizeof *nn * (size_t)ncap);
      if (!nn) break;
      names = nn;
    }
    names[n] = strdup(e->d_name);
    if (names[n]) n++;
  }
  closedir(d);
  if (n) qsort(names, (size_t)n, sizeof *names, cmp_str);
  dy_status st = DY_OK;
  for (int i = 0; i < n; i++) {
    char path[4096];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    if (st == DY_OK && stat(path, &sb) == 0) {
      if (S_ISDIR(sb.st_mode) && depth < 16) st = walk(r, path, cap, depth + 1, err);
      else if (S_ISREG(sb.st_mode)) {
        if (add_file(r, path, cap)) st = dy_err(err, DY_ENOMEM, path, 0, "out of memory");
        r->total_bytes += (uint64_t)sb.st_size;
      }
    }
    free(names[i]);
  }
  free(names);
  return st;
}

dy_status dy_reader_open(const char *path, dy_input_format fmt, int32_t default_date,
                         dy_reader **out, dy_error *err) {
  *out = NULL;
  dy_reader *r = calloc(1, sizeof *r);
  if (!r) return dy_err(err, DY_ENOMEM, path, 0, "out of memory");
  r->fmt = fmt;
  r->default_date = default_date;
  r->cur = -1;
  int cap = 0;
  struct stat sb;
  dy_status st = DY_OK;
  if (strcmp(path, "-") == 0) {
    if (add_file(r, "-", &cap)) st = dy_err(err, DY_ENOMEM, path, 0, "out of memory");
  } else if (stat(path, &sb) != 0) {
    st = dy_err(err, DY_EIO, path, 0, "cannot open: %s", strerror(errno));
  } else if (S_ISDIR(sb.st_mode)) {
    st = walk(r, path, &cap, 0, err);
  } else {
    r->total_bytes = (uint64_t)sb.st_size;
    if (add_file(r, path, &cap)) st = dy_err(err, DY_ENOMEM, path, 0, "out of memory");
  }
  if (st) {
    dy_reader_close(r);
    return st;
  }
  *out = r;
  return DY_OK;
}

static void close_current(dy_reader *r) {
  if (r->f && r->f != stdin) fclose(r->f);
  r->f = NULL;
  free(r->buf);
  r->buf = NULL;
  r->len = 0;
  dy_arena_free(r->xa);
  r->xa = NULL;
  r->vf = NULL;
  r->vi = 0;
  r->done_whole = 0;
}

dy_status dy_reader_open_mem(const char *buf, size_t len, const char *name, dy_input_format fmt,
                             int32_t default_date, dy_reader **out, dy_error *err) {
  *out = NULL;
  dy_reader *r = calloc(1, sizeof *r);
  int cap = 0;
  if (!r || add_file(r, name, &cap)) {
    dy_reader_close(r);
    return dy_err(err, DY_ENOMEM, name, 0, "out of memory");
  }
  r->fmt = fmt;
  r->default_date = default_date;
  r->cur = -1;
  r->mem = buf;
  r->memlen = len;
  r->total_bytes = len;
  *out = r;
  return DY_OK;
}

void dy_reader_close(dy_reader *r) {
  if (!r) return;
  close_current(r);
  for (int i = 0; i < r->nfiles; i++) free(r->files[i]);
  free(r->files);
  free(r->lbuf);
  free(r);
}

void dy_reader_progress(const dy_reader *r, uint64_t *done, uint64_t *total) {
  *done = r->done_bytes;
  *total = r->total_bytes;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static dy_input_format sniff(const char *name, const char *buf, size_t len) {
  if (ends_with(name, ".jsonl") || ends_with(name, ".json") || ends_with(name, ".ndjson"))
    return DY_IN_JSONL;
  if (ends_with(name, ".xml")) return DY_IN_XML;
  if (ends_with(name, ".html") || ends_with(name, ".htm")) return DY_IN_HTML;
  size_t i = 0;
  while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')) i++;
  if (i < len && buf[i] == '{') return DY_IN_JSONL;
  if (i + 5 < len && buf[i] == '<') {
    if (strncasecmp(buf + i, "<!doctype html", 14) == 0 || strncasecmp(buf + i, "<html", 5) == 0)
      return DY_IN_HTML;
    return DY_IN_XML;
  }
  return DY_IN_TEXT;
}

/* A new document with everything "" and the text hashed. */
static dy_doc *new_doc(dy_arena *a, const char *origin, long line, const char *text, size_t n) {
  dy_doc *d = dy_arena_calloc(a, 1, sizeof *d);
  if (!d) return NULL;
  d->id = d->title = d->source = d->url = "";
  d->origin = dy_arena_strndup(a, origin, strlen(origin));
  d->origin_line = line;
  d->text = dy_arena_strndup(a, text, n);
  d->text_len = n;
  d->hash = XXH64(text, n, 0);
  if (!d->origin || !d->text) return NULL;
  return d;
}

static const char *hash_id(dy_arena *a, uint64_t h) {
  char buf[32];
  snprintf(buf, sizeof buf, "sha:%016llx", (unsigned long long)h);
  return dy_arena_strndup(a, buf, strlen(buf));
}

static const char *base_id(dy_arena *a, const char *path) {
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  const char *dot = strrchr(b, '.');
  size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
  return dy_arena_strndup(a, b, n);
}

/* ---- plain text ----------------------------------------------------------- */

static dy_status read_text(dy_reader *r, dy_arena *a, dy_doc **out, dy_error *err) {
  const char *name = r->files[r->cur];
  const char *p = r->buf, *end = r->buf + r->len;
  const char *title = "", *source = "", *url = "", *id = NULL;
  int32_t date = 0;
  /* Header block: only when the very first line is one of its keys. */
  static const char *const keys[] = { "Title:", "Date:", "Source:", "URL:", "ID:" };
  int header = 0;
  for (size_t k = 0; k < DY_ARRAY_LEN(keys); k++)
    if ((size_t)(end - p) > strlen(keys[k]) && strncasecmp(p, keys[k], strlen(keys[k])) == 0)
      header = 1;
  while (header && p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    size_t n = (size_t)(le - p);
    if (n && p[n - 1] == '\r') n--;
    if (n == 0) { p = nl ? nl + 1 : end; break; }
    const char *colon = memchr(p, ':', n);
    if (!colon) break; /* not a header line: the body starts here */
    const char *v = colon + 1;
    size_t vl = n - (size_t)(colon - p) - 1;
    dy_trim(&v, &vl);
    char *val = dy_arena_strndup(a, v, vl);
    if (!val) return dy_err(err, DY_ENOMEM, name, 0, "out of memory");
    size_t kl = (size_t)(colon - p) + 1;
    if (kl == 6 && strncasecmp(p, "Title:", 6) == 0) title = val;
    else if (kl == 5 && strncasecmp(p, "Date:", 5) == 0) {
      date = dy_date_parse(val);
      if (!date) return dy_err(err, DY_EPARSE, name, 0, "header Date: \"%s\" is not a date", val);
    } else if (kl == 7 && strncasecmp(p, "Source:", 7) == 0) source = val;
    else if (kl == 4 && strncasecmp(p, "URL:", 4) == 0) url = val;
    else if (kl == 3 && strncasecmp(p, "ID:", 3) == 0) id = val;
    else break;
    p = nl ? nl + 1 : end;
  }
  dy_doc *d = new_doc(a, name, 1, p, (size_t)(end - p));
  if (!d) return dy_err(err, DY_ENOMEM, name, 0, "out of memory");
  d->title = title;
  d->source = source;
  d->url = url;
  d->date = date ? date : r->default_date;
  d->id = id ? id : strcmp(name, "-") ? base_id(a, name) : hash_id(a, d->hash);
  *out = d;
  return DY_OK;
}

/* ---- JSON Lines ----------------------------------------------------------- */

static const char *jstr(json_t *o, const char *key, dy_arena *a) {
  json_t *v = json_object_get(o, key);
  if (json_is_string(v)) return dy_arena_strndup(a, json_string_value(v), json_string_length(v));
  if (json_is_integer(v)) {
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
    return dy_arena_strndup(a, buf, strlen(buf));
  }
  return "";
}

static dy_status read_jsonl(dy_reader *r, dy_arena *a, dy_doc **out, dy_error *err) {
  const char *name = r->files[r->cur];
  for (;;) {
    ssize_t n = getline(&r->lbuf, &r->lcap, r->f);
    if (n < 0) return DY_OK; /* end of this file: *out stays NULL */
    long line = ++r->line;
    r->done_bytes += (uint64_t)n;
    size_t k = (size_t)n;
    while (k && (r->lbuf[k - 1] == '\n' || r->lbuf[k - 1] == '\r' || r->lbuf[k - 1] == ' '))
      k--;
    if (!k) continue;
    if (k > MAX_RECORD) return dy_err(err, DY_EPARSE, name, line, "line longer than %u bytes", MAX_RECORD);
    json_error_t je;
    json_t *o = json_loadb(r->lbuf, k, 0, &je);
    if (!o) return dy_err(err, DY_EPARSE, name, line, "bad JSON: %s (column %d)", je.text, je.column);
    if (!json_is_object(o)) {
      json_decref(o);
      return dy_err(err, DY_EPARSE, name, line, "expected a JSON object");
    }
    json_t *t = json_object_get(o, "text");
    if (!json_is_string(t)) {
      json_decref(o);
      return dy_err(err, DY_EPARSE, name, line, "no \"text\" string");
    }
    dy_doc *d = new_doc(a, name, line, json_string_value(t), json_string_length(t));
    if (!d) {
      json_decref(o);
      return dy_err(err, DY_ENOMEM, name, line, "out of memory");
    }
    d->id = jstr(o, "id", a);
    d->title = jstr(o, "title", a);
    d->source = jstr(o, "source", a);
    d->url = jstr(o, "url", a);
    const char *ds = jstr(o, "date", a);
    json_decref(o);
    if (ds && ds[0]) {
      d->date = dy_date_parse(ds);
      if (!d->date) return dy_err(err, DY_EPARSE, name, line, "\"date\": \"%s\" is not a date", ds);
    } else {
      d->date = r->default_date;
    }
    if (!d->id || !d->id[0]) d->id = hash_id(a, d->hash);
    if (!d->id || !d->title || !d->source || !d->url)
      return dy_err(err, DY_ENOMEM, name, line, "out of memory");
    *out = d;
    return DY_OK;
  }
}

/* ---- PETRARCH XML ---------------------------------------------------------- */

/* The story a sentence id belongs to: "AFP0808020593-3" -> "AFP0808020593". */
static size_t story_len(const char *id) {
  const char *dash = strrchr(id, '-');
  return dash && dash != id ? (size_t)(dash - id) : strlen(id);
}

static dy_status read_xml(dy_reader *r, dy_arena *a, dy_doc **out, dy_error *err) {
  const char *name = r->files[r->cur];
  if (!r->vf) {
    r->xa = dy_arena_new(1 << 16);
    if (!r->xa) return dy_err(err, DY_ENOMEM, name, 0, "out of memory");
    /* <Article> records are read as <Sentence> ones: same attributes and
    ** <Text>; the validation reader is tolerant of the files' defects. */
    /* "<Article" becomes "<Sentence", one byte longer: room for one more
    ** byte per eight read. */
    char *copy = malloc(r->len + r->len / 8 + 2);
    if (!copy) return dy_err(err, DY_ENOMEM, name, 0, "out of memory");
    size_t o = 0;
    for (size_t i = 0; i < r->len; i++) {
      if (r->buf[i] == '<' && i + 8 <= r->len && memcmp(r->buf + i, "<Article", 8) == 0) {
        memcpy(copy + o, "<Sentence", 9), o += 9, i += 7;
      } else if (r->buf[i] == '<' && i + 9 <= r->len && memcmp(r->buf + i, "</Article", 9) == 0) {
        memcpy(copy + o, "</Sentence", 10), o += 10, i += 8;
      } else {
        copy[o++] = r->buf[i];
      }
    }
    dy_status st = dy_valxml_parse(copy, o, name, r->xa, &r->vf, err);
    free(copy);
    if (st) return st;
    r->vi = 0;
  }
  if (r->vi >= r->vf->n) return DY_OK;
  const dy_valrec *first = &r->vf->rec[r->vi];
  size_t sl = story_len(first->id);
  /* Join the story's consecutive sentences into one text. */
  size_t total = 0;
  int k = r->vi;
  while (k < r->vf->n && story_len(r->vf->rec[k].id) == sl &&
         strncmp(r->vf->rec[k].id, first->id, sl) == 0) {
    total += strlen(r->vf->rec[k].text ? r->vf->rec[k].text : "") + 1;
    k++;
  }
  char *text = dy_arena_alloc(a, total + 1);
  if (!text) return dy_err(err, DY_ENOMEM, name, first->line, "out of memory");
  size_t o = 0;
  for (int i = r->vi; i < k; i++) {
    const char *t = r->vf->rec[i].text ? r->vf->rec[i].text : "";
    size_t tl = strlen(t);
    memcpy(text + o, t, tl);
    o += tl;
    text[o++] = i + 1 < k ? ' ' : '\0';
  }
  if (!o) text[0] = 0;
  else text[o - 1] = 0, o--;
  dy_doc *d = new_doc(a, name, first->line, text, o);
  if (!d) return dy_err(err, DY_ENOMEM, name, first->line, "out of memory");
  d->id = dy_arena_strndup(a, first->id, sl);
  d->date = first->date ? first->date : r->default_date;
  r->vi = k;
  *out = d;
  return d->id ? DY_OK : dy_err(err, DY_ENOMEM, name, first->line, "out of memory");
}

/* ---- HTML ------------------------------------------------------------------ */

typedef struct sbuf { char *p; size_t n, cap; } sbuf;

static int sb_add(sbuf *b, const char *s, size_t n) {
  if (b->n + n + 2 > b->cap) {
    size_t nc = b->cap ? b->cap * 2 : 4096;
    while (nc < b->n + n + 2) nc *= 2;
    char *np = realloc(b->p, nc);
    if (!np) return -1;
    b->p = np;
    b->cap = nc;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
  return 0;
}

static int is_tag(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

static int skipped(const xmlNode *n) {
  static const char *const drop[] = { "script", "style", "nav", "header", "footer", "aside",
                                      "form", "noscript", "iframe", "svg", "button", "figure" };
  for (size_t i = 0; i < DY_ARRAY_LEN(drop); i++)
    if (is_tag(n, drop[i])) return 1;
  /* class/id hints of boilerplate: menus, share bars, comments, related links */
  for (const char *attr = "class"; attr; attr = strcmp(attr, "class") == 0 ? "id" : NULL) {
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)attr);
    if (!v) continue;
    int bad = strstr((char *)v, "menu") || strstr((char *)v, "share") ||
              strstr((char *)v, "comment") || strstr((char *)v, "related") ||
              strstr((char *)v, "sidebar") || strstr((char *)v, "cookie") ||
              strstr((char *)v, "subscribe") || strstr((char *)v, "advert");
    xmlFree(v);
    if (bad) return 1;
  }
  return 0;
}

static const xmlNode *find_first(const xmlNode *n, const char *name) {
  for (; n; n = n->next) {
    if (is_tag(n, name)) return n;
    const xmlNode *c = find_first(n->children, name);
    if (c) return c;
  }
  return NULL;
}

/* Text of paragraphs and headings under n, one block per paragraph. */
static void collect_blocks(const xmlNode *n, sbuf *out, int depth) {
  for (; n && depth < 200; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || skipped(n)) continue;
    if (is_tag(n, "p") || is_tag(n, "h1") || is_tag(n, "h2") || is_tag(n, "h3") ||
        is_tag(n, "blockquote") || is_tag(n, "li")) {
      xmlChar *t = xmlNodeGetContent((xmlNode *)n);
      if (t) {
        /* fold the block's whitespace */
        const char *s = (const char *)t;
        size_t start = out->n;
        int space = 0;
        for (; *s; s++) {
          if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') { space = 1; continue; }
          if (space && out->n > start) sb_add(out, " ", 1);
          space = 0;
          sb_add(out, s, 1);
        }
        /* a list item or heading of a word or two is navigation, not text */
        size_t words = 0;
        for (size_t i = start; i < out->n; i++) words += out->p[i] == ' ';
        if (out->n == start || ((is_tag(n, "li")) && words < 4)) {
          out->n = start;
          if (out->p) out->p[start] = 0; /* nothing added yet: no buffer */
        } else {
          sb_add(out, "\n\n", 2);
        }
        xmlFree(t);
      }
      continue;
    }
    collect_blocks(n->children, out, depth + 1);
  }
}

static const char *meta(const xmlNode *root, const char *key, dy_arena *a) {
  /* <meta property|name=key content=...> */
  for (const xmlNode *n = root; n; n = n->next) {
    if (is_tag(n, "meta")) {
      xmlChar *p = xmlGetProp((xmlNode *)n, (const xmlChar *)"property");
      if (!p) p = xmlGetProp((xmlNode *)n, (const xmlChar *)"name");
      int hit = p && strcasecmp((char *)p, key) == 0;
      xmlFree(p);
      if (hit) {
        xmlChar *c = xmlGetProp((xmlNode *)n, (const xmlChar *)"content");
        const char *v = c ? dy_arena_strndup(a, (char *)c, strlen((char *)c)) : NULL;
        xmlFree(c);
        if (v) return v;
      }
    }
    const char *v = meta(n->children, key, a);
    if (v) return v;
  }
  return NULL;
}

static dy_status read_html(dy_reader *r, dy_arena *a, dy_doc **out, dy_error *err) {
  const char *name = r->files[r->cur];
  if (r->len > INT32_MAX) return dy_err(err, DY_EPARSE, name, 0, "page too large");
  htmlDocPtr doc = htmlReadMemory(r->buf, (int)r->len, name, NULL,
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
  if (!doc) return dy_err(err, DY_EPARSE, name, 1, "not an HTML page libxml2 can read");
  xmlNode *root = xmlDocGetRootElement(doc);
  const xmlNode *body = root ? find_first(root, "article") : NULL;
  if (!body && root) body = find_first(root, "main");
  if (!body && root) body = find_first(root, "body");
  sbuf text = { 0 };
  if (body) collect_blocks(body->children, &text, 0);
  while (text.n && (text.p[text.n - 1] == '\n')) text.p[--text.n] = 0;
  dy_doc *d = new_doc(a, name, 1, text.p ? text.p : "", text.n);
  free(text.p);
  if (!d) {
    xmlFreeDoc(doc);
    return dy_err(err, DY_ENOMEM, name, 0, "out of memory");
  }
  const char *t = root ? meta(root, "og:title", a) : NULL;
  if (!t && root) {
    const xmlNode *tn = find_first(root, "title");
    xmlChar *c = tn ? xmlNodeGetContent((xmlNode *)tn) : NULL;
    if (c) t = dy_arena_strndup(a, (char *)c, strlen((char *)c));
    xmlFree(c);
  }
  d->title = t ? t : "";
  const char *ds = root ? meta(root, "article:published_time", a) : NULL;
  if (!ds && root) ds = meta(root, "date", a);
  if (!ds && root) {
    const xmlNode *tn = find_first(root, "time");
    xmlChar *c = tn ? xmlGetProp((xmlNode *)tn, (const xmlChar *)"datetime") : NULL;
    if (c) ds = dy_arena_strndup(a, (char *)c, strlen((char *)c));
    xmlFree(c);
  }
  d->date = ds ? dy_date_parse(ds) : 0;
  if (!d->date) d->date = r->default_date;
  const char *site = root ? meta(root, "og:site_name", a) : NULL;
  d->source = site ? site : "";
  const char *u = root ? meta(root, "og:url", a) : NULL;
  d->url = u ? u : "";
  d->id = strcmp(name, "-") ? base_id(a, name) : hash_id(a, d->hash);
  xmlFreeDoc(doc);
  *out = d;
  return DY_OK;
}

/* ---- the reader ------------------------------------------------------------ */

static dy_status open_next(dy_reader *r, dy_error *err) {
  close_current(r);
  r->cur++;
  if (r->cur >= r->nfiles) return DY_OK;
  const char *name = r->files[r->cur];
  FILE *f = r->mem ? fmemopen((void *)r->mem, r->memlen ? r->memlen : 1, "rb")
                   : strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
  if (f && r->mem && !r->memlen) { /* fmemopen wants a size: an empty input is read as empty */
    fclose(f);
    f = fmemopen((void *)"", 1, "rb");
    if (f) fgetc(f);
  }
  if (!f) return dy_err(err, DY_EIO, name, 0, "cannot open: %s", strerror(errno));
  /* Peek to decide the format; JSON Lines stream, the rest is read whole. */
  dy_input_format fmt = r->fmt;
  int c = fgetc(f);
  while (c == ' ' || c == '\n' || c == '\r' || c == '\t') c = fgetc(f);
  if (c != EOF) ungetc(c, f);
  if (fmt == DY_IN_AUTO && (c == '{' || ends_with(name, ".jsonl") || ends_with(name, ".json") ||
                            ends_with(name, ".ndjson")))
    fmt = DY_IN_JSONL;
  r->cfmt = fmt;
  r->line = 0;
  if (fmt == DY_IN_JSONL) {
    r->f = f;
    return DY_OK;
  }
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    if (n + 1 >= cap) {
      if (cap >= MAX_RECORD) {
        free(buf);
        if (f != stdin) fclose(f);
        return dy_err(err, DY_EPARSE, name, 0, "file larger than %u bytes", MAX_RECORD);
      }
      char *nb = realloc(buf, cap * 2);
      if (!nb) { free(buf); buf = NULL; break; }
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (!got) break;
  }
  if (f != stdin) fclose(f);
  if (!buf) return dy_err(err, DY_ENOMEM, name, 0, "out of memory");
  buf[n] = 0;
  r->buf = buf;
  r->len = n;
  r->done_bytes += n;
  if (r->cfmt == DY_IN_AUTO) r->cfmt = sniff(name, buf, n);
  return DY_OK;
}

dy_status dy_reader_next(dy_reader *r, dy_arena *a, dy_doc **out, dy_error *err) {
  *out = NULL;
  for (;;) {
    if (r->cur < 0 || r->cur >= r->nfiles) {
      if (r->cur >= r->nfiles) return DY_OK;
      dy_status st = open_next(r, err);
      if (st) return st;
      continue;
    }
    dy_status st = DY_OK;
    switch (r->cfmt) {
    case DY_IN_JSONL: st = read_jsonl(r, a, out, err); break;
    case DY_IN_XML: st = read_xml(r, a, out, err); break;
    case DY_IN_HTML:
    case DY_IN_TEXT:
    case DY_IN_AUTO:
      if (!r->done_whole) {
        r->done_whole = 1;
        st = r->cfmt == DY_IN_HTML ? read_html(r, a, out, err) : read_text(r, a, out, err);
      }
      break;
    }
    if (st) {
      /* A whole-file format cannot resume inside the file: go on with the next. */
      if (r->cfmt != DY_IN_JSONL && r->cfmt != DY_IN_XML) r->done_whole = 1;
      if (r->cfmt == DY_IN_XML && !r->vf) r->done_whole = 1, r->vf = NULL, r->cfmt = DY_IN_TEXT;
      return st;
    }
    if (*out) return DY_OK;
    st = open_next(r, err);
    if (st) return st;
  }
}
