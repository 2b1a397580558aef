/*
** cmd_code.c: dyad code. Codes pre-parsed CoNLL-U into CAMEO events, one
** JSON object per event on stdout.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad/code.h"
#include "dyad/conllu.h"
#include "dyad/dict.h"
#include "cli.h"

static const char code_help[] =
    "usage: dyad code --conllu FILE|- [--date YYYYMMDD] [--dict-dir DIR]\n"
    "                 [--verbs F] [--actors F]... [--agents F] [--discards F]\n"
    "                 [--issues F] [--ontology F] [--all]\n"
    "\n"
    "Code sentences already parsed into Universal Dependencies (CoNLL-U, UD v1\n"
    "or v2 labels) into CAMEO events. Each sentence's date comes from a\n"
    "'# date = YYYYMMDD' (or YYYY-MM-DD) comment, else from --date; it selects\n"
    "the actor roles valid on that day (Li Keqiang is CHNGOV until 2023-03-11).\n"
    "\n"
    "Output: one JSON object per event, in input order, with the fields\n"
    "  doc_id, sent_id, date (YYYY-MM-DD), source, target, cameo (string, leading\n"
    "  zero kept), cameo_name, goldstein, quad (1 verbal cooperation, 2 material\n"
    "  cooperation, 3 verbal conflict, 4 material conflict), source_text,\n"
    "  target_text, verb_text, issues, pattern (the verb pattern that fired, with\n"
    "  its line in the verb dictionary, or null).\n"
    "\n"
    "Dictionaries: by default the standard CAMEO/Phoenix set in DIR (default\n"
    "$DYAD_DATA/dictionaries/cameo); naming any of --verbs/--actors/--agents/\n"
    "--discards/--issues loads exactly the files named instead. --actors may be\n"
    "repeated. --ontology reads a PETRARCH Internal Coding Ontology used to code\n"
    "negated verbs (default: the one shipped with the UD validation suite, if\n"
    "present). --all also reports events with only one of source and target.\n"
    "\n"
    "Exit status: 0 on success; 2 when an input or a dictionary cannot be read\n"
    "(the message names file and line; events of the sentences before the bad\n"
    "one have been written).\n"
    "\n"
    "example:\n"
    "  dyad code --conllu parsed.conllu --date 20250603 > events.jsonl\n";

static void json_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
    else if (c == '\n') fputs("\\n", f);
    else if (c == '\t') fputs("\\t", f);
    else if (c < 0x20) fprintf(f, "\\u%04x", c);
    else fputc(c, f);
  }
  fputc('"', f);
}

static void json_span(FILE *f, const dy_sentence *s, dy_span sp) {
  char buf[1024];
  size_t o = 0;
  buf[0] = 0;
  for (int i = sp.first; sp.first && i <= sp.last && i <= s->n; i++) {
    const char *w = s->tok[i - 1].form;
    size_t l = strlen(w);
    if (o + l + 2 >= sizeof buf) break;
    if (o && s->tok[i - 2].space_after) buf[o++] = ' ';
    memcpy(buf + o, w, l);
    o += l;
    buf[o] = 0;
  }
  json_str(f, buf);
}

static void print_event(FILE *f, const dy_sentence *s, const dy_event *e,
                        const dy_codebook *cb, const char *verbfile) {
  char date[16] = "";
  if (s->date)
    snprintf(date, sizeof date, "%04d-%02d-%02d", s->date / 10000, s->date / 100 % 100,
             s->date % 100);
  fputs("{\"doc_id\":", f);
  json_str(f, s->doc_id);
  fputs(",\"sent_id\":", f);
  json_str(f, s->sent_id);
  fputs(",\"date\":", f);
  if (date[0]) json_str(f, date); else fputs("null", f);
  fputs(",\"source\":", f);
  json_str(f, e->source);
  fputs(",\"target\":", f);
  json_str(f, e->target);
  fputs(",\"cameo\":", f);
  json_str(f, e->code);
  fputs(",\"cameo_name\":", f);
  const char *name = dy_codebook_name(cb, e->code);
  if (name) json_str(f, name); else fputs("null", f);
  fprintf(f, ",\"goldstein\":%.1f,\"quad\":%d", e->goldstein, e->quad);
  fputs(",\"source_text\":", f);
  json_span(f, s, e->source_span);
  fputs(",\"target_text\":", f);
  json_span(f, s, e->target_span);
  fputs(",\"verb_text\":", f);
  json_str(f, s->tok[e->verb - 1].form);
  fputs(",\"issues\":", f);
  json_str(f, e->issues);
  fputs(",\"pattern\":", f);
  if (e->pattern) {
    char where[4200];
    snprintf(where, sizeof where, "%s:%d: %s", verbfile, (int)e->pattern_line, e->pattern);
    json_str(f, where);
  } else {
    fputs("null", f);
  }
  fputs(e->negated ? ",\"negated\":true}\n" : ",\"negated\":false}\n", f);
}

static int load_dicts(dy_dict *d, const char *dir, const char *verbs, const char **actors,
                      int nactors, const char *agents, const char *discards,
                      const char *issues, char *verbfile, size_t vsize) {
  dy_error err;
  char msg[1200];
  if (!verbs && !nactors && !agents && !discards && !issues) {
    dir = cli_dict_dir(dir);
    if (!dir) { cli_error("code: no data folder (set DYAD_DATA or --dict-dir)"); return -1; }
    snprintf(verbfile, vsize, "%s/CAMEO.2.0.txt", dir);
    if (dy_dict_load_standard(d, dir, &err)) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      return -1;
    }
    return 0;
  }
  struct { dy_dict_kind k; const char *f; } one[] = {
    { DY_DICT_VERBS, verbs }, { DY_DICT_AGENTS, agents },
    { DY_DICT_DISCARDS, discards }, { DY_DICT_ISSUES, issues },
  };
  if (verbs) snprintf(verbfile, vsize, "%s", verbs);
  for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
    if (one[i].f && dy_dict_load(d, one[i].k, one[i].f, &err)) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      return -1;
    }
  for (int i = 0; i < nactors; i++)
    if (dy_dict_load(d, DY_DICT_ACTORS, actors[i], &err)) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      return -1;
    }
  return 0;
}

int cmd_code(int argc, char **argv) {
  const char *input = NULL, *dir = NULL, *verbs = NULL, *agents = NULL, *discards = NULL;
  const char *issues = NULL, *ontology = NULL, *actors[16];
  int nactors = 0, all = 0;
  long nsent = 0;
  long date = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (cli_is_help(a)) { fputs(code_help, stdout); return 0; }
    if (strcmp(a, "--conllu") == 0 && more) input = argv[++i];
    else if (strcmp(a, "--date") == 0 && more) {
      char *end;
      date = strtol(argv[++i], &end, 10);
      if (*end || date < 10000101 || date > 99991231) {
        cli_error("code: --date wants YYYYMMDD, not '%s'", argv[i]);
        return 2;
      }
    }
    else if (strcmp(a, "--dict-dir") == 0 && more) dir = argv[++i];
    else if (strcmp(a, "--verbs") == 0 && more) verbs = argv[++i];
    else if (strcmp(a, "--actors") == 0 && more && nactors < 16) actors[nactors++] = argv[++i];
    else if (strcmp(a, "--agents") == 0 && more) agents = argv[++i];
    else if (strcmp(a, "--discards") == 0 && more) discards = argv[++i];
    else if (strcmp(a, "--issues") == 0 && more) issues = argv[++i];
    else if (strcmp(a, "--ontology") == 0 && more) ontology = argv[++i];
    else if (strcmp(a, "--all") == 0) all = 1;
    else { cli_error("code: unknown or incomplete option '%s' (see dyad code --help)", a); return 2; }
  }
  if (!input) { cli_error("code: --conllu FILE|- is required (see dyad code --help)"); return 2; }
  dy_dict *d = dy_dict_new();
  dy_codebook *cb = dy_codebook_new();
  dy_arena *a = dy_arena_new(1 << 16);
  dy_coder *coder = NULL;
  dy_conllu_reader *r = NULL;
  FILE *in = NULL;
  int rc = 2;
  char verbfile[4096] = "";
  dy_error err;
  char msg[1200], path[4096];
  if (!d || !cb || !a) { cli_error("out of memory"); goto done; }
  if (load_dicts(d, dir, verbs, actors, nactors, agents, discards, issues, verbfile,
                 sizeof verbfile))
    goto done;
  const char *data = cli_data_dir();
  if (data) {
    dy_codebook_load_names(cb, cli_path(path, sizeof path, data, "cameo-codebook/CAMEO.eventcodes.txt"), &err);
    dy_codebook_load_goldstein(cb, cli_path(path, sizeof path, data, "cameo-codebook/CAMEO.goldsteinscale.txt"), &err);
    if (!ontology)
      dy_codebook_load_ontology(cb, cli_path(path, sizeof path, data, "validation/ud-unit/PETR.Internal.Coding.Ontology.txt"), &err);
  }
  if (ontology && dy_codebook_load_ontology(cb, ontology, &err)) {
    cli_error("%s", dy_error_format(&err, msg, sizeof msg));
    goto done;
  }
  dy_coder_opts opts = { !all };
  coder = dy_coder_new(d, cb, &opts);
  in = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
  if (!in) { cli_error("%s: cannot open", input); goto done; }
  r = dy_conllu_open_stream(in, strcmp(input, "-") == 0 ? "<stdin>" : input);
  if (!coder || !r) { cli_error("out of memory"); goto done; }
  for (;;) {
    dy_sentence *s;
    dy_arena_reset(a);
    if (dy_conllu_next(r, a, &s, &err)) {
      fflush(stdout);
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      goto done;
    }
    if (!s) {
      if (!nsent) {
        cli_error("%s: no sentences in the input (empty file?)", input);
        goto done;
      }
      break;
    }
    nsent++;
    if (!s->date) s->date = (int32_t)date;
    dy_code_result res;
    if (dy_code_sentence(coder, s, a, &res, &err)) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      goto done;
    }
    for (int i = 0; i < res.n; i++) print_event(stdout, s, &res.ev[i], cb, verbfile);
  }
  rc = 0;
done:
  fflush(stdout);
  dy_conllu_close(r);
  if (in && in != stdin) fclose(in);
  dy_coder_free(coder);
  dy_arena_free(a);
  dy_codebook_free(cb);
  dy_dict_free(d);
  return rc;
}
