/*
** cmd_parse.c: dyad parse, raw text in, CoNLL-U out.
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
    "usage: dyad parse [--model MODEL] [FILE|-]\n"
    "\n"
    "Read UTF-8 text from FILE (or standard input when FILE is - or absent),\n"
    "and write it as Universal Dependencies in CoNLL-U on standard output:\n"
    "the text is normalized (invalid bytes become U+FFFD, NFC), tokenized\n"
    "and split into sentences the way UD English-EWT does it, then tagged\n"
    "(UPOS, XPOS, FEATS, LEMMA) and parsed (HEAD, DEPREL). Each sentence has\n"
    "'# sent_id' and '# text' comments; contractions are multiword tokens.\n"
    "Blank lines separate paragraphs; a line break before a capitalised\n"
    "line ends a sentence (headings, datelines).\n"
    "\n"
    "options:\n"
    "  --model MODEL   model file (default $DYAD_MODEL, else en_ewt.model\n"
    "                  beside the dyad binary)\n"
    "  -h, --help      this help\n"
    "\n"
    "exit status: 0 success, 2 an error (unreadable input or model).\n"
    "A count of invalid UTF-8 sequences, if any, is reported on stderr.\n"
    "\n"
    "example:\n"
    "  echo 'MINSK, June 3 (BelTA) - Belarus and China signed a deal.' | dyad parse\n",
    f);
}

int cmd_parse(int argc, char **argv) {
  const char *model = NULL, *file = "-";
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) { help(stdout); return 0; }
    if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) model = argv[++i];
    else if (argv[i][0] == '-' && argv[i][1]) {
      cli_error("parse: unknown option '%s' (see dyad parse --help)", argv[i]);
      return 2;
    } else file = argv[i];
  }
  FILE *in = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
  if (!in) { cli_error("parse: cannot open %s", file); return 2; }
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (!buf) { cli_error("parse: out of memory"); return 2; }
    size_t got = fread(buf + len, 1, cap - len, in);
    len += got;
    if (got == 0) break;
    if (len == cap) buf = realloc(buf, cap *= 2);
  }
  if (in != stdin) fclose(in);
  dy_model *m = cli_model_load(model);
  if (!m) { free(buf); return 2; }
  dy_arena *a = dy_arena_new(1 << 20);
  int rc = 0;
  /* Paragraph by paragraph (blank lines), so memory stays bounded. */
  size_t pos = 0;
  long sid = 0, invalid = 0;
  while (pos < len && rc == 0) {
    size_t end = pos;
    while (end < len) {
      if (buf[end] == '\n') {
        size_t k = end + 1;
        while (k < len && (buf[k] == ' ' || buf[k] == '\t' || buf[k] == '\r')) k++;
        if (k < len && buf[k] == '\n') break;
      }
      end++;
    }
    dy_arena_reset(a);
    dy_sentence *sv;
    int32_t ns;
    size_t bad = 0;
    if (dy_parse_text(m, buf + pos, end - pos, a, &sv, &ns, &bad) != DY_OK) {
      cli_error("parse: out of memory");
      rc = 2;
      break;
    }
    invalid += (long)bad;
    for (int32_t i = 0; i < ns; i++) {
      char id[32];
      snprintf(id, sizeof id, "%ld", ++sid);
      sv[i].sent_id = id;
      dy_conllu_write(stdout, &sv[i]);
    }
    pos = end + 1;
  }
  if (invalid) fprintf(stderr, "dyad: parse: %ld invalid UTF-8 sequences replaced by U+FFFD\n", invalid);
  dy_arena_free(a);
  dy_model_free(m);
  free(buf);
  if (fflush(stdout) != 0) return 2;
  return rc;
}
