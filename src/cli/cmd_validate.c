/*
** cmd_validate.c: dyad validate. Codes every record of a PETRARCH
** validation file with its own parse and dictionaries and compares the
** events with the record's <EventCoding> elements.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad/code.h"
#include "dyad/conllu.h"
#include "dyad/dict.h"
#include "dyad/model.h"
#include "dyad/parse.h"
#include "dyad/valxml.h"
#include "cli.h"

static const char validate_help[] =
    "usage: dyad validate FILE.xml [--dict-dir DIR] [--include] [--reparse] [--verbose]\n"
    "\n"
    "Code every <Sentence> record of a PETRARCH validation file (the UD suites\n"
    "PETR.UnitTest.records.parsing_parsed_udpipe_2.1.xml and\n"
    "PETR_Validate_records_2_02.xml) from the CoNLL-U parse it carries, and\n"
    "compare the events with its <EventCoding> elements. A record passes when\n"
    "dyad produces every expected event and no other; a record expecting\n"
    "noevents passes when none is produced; one expecting error=\"storydiscard\"\n"
    "or \"sentencediscard\" passes when that discard fires; one expecting another\n"
    "error passes when no event is produced. Records marked evaluate=\"false\"\n"
    "are skipped. Events need a source and a target actor (PETRARCH's\n"
    "require_dyad): the suites' <Config option=\"require_dyad\" value=\"false\">\n"
    "switches are obeyed only with --config, since the gold codings they\n"
    "surround list no one-sided events.\n"
    "\n"
    "Each mismatch is printed as  ID: expected [...] got [...]  and the last\n"
    "line is  N passed, M failed.\n"
    "\n"
    "options:\n"
    "  --dict-dir DIR  where the dictionaries named in <Environment> are\n"
    "                  (default: the folder of FILE)\n"
    "  --include       evaluate only the categories listed in <Include>, as\n"
    "                  PETRARCH's own validation script does\n"
    "  --verbose       also print the events of passing records\n"
    "  --config        obey the file's <Config option=\"require_dyad\"> switches\n"
    "  --reparse       ignore each record's <Parse>: code its <Text> with dyad's own\n"
    "                  tokenizer, tagger and parser (works for the PETRARCH-2 suite,\n"
    "                  whose parses are Penn Treebank trees)\n"
    "  --model F       the parsing model for --reparse (default as for dyad parse)\n"
    "\n"
    "Exit status: 0 when all evaluated records pass, 1 when some fail, 2 on an\n"
    "error (unreadable file or dictionary).\n";

static int load_env_dicts(dy_dict *d, dy_codebook *cb, const dy_valfile *vf, const char *dir) {
  struct { dy_dict_kind kind; const char *file; } files[] = {
    { DY_DICT_VERBS, vf->verbfile }, { DY_DICT_ACTORS, vf->actorfile },
    { DY_DICT_AGENTS, vf->agentfile }, { DY_DICT_DISCARDS, vf->discardfile },
    { DY_DICT_ISSUES, vf->issuefile },
  };
  dy_error err;
  char path[4096], msg[1200];
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    if (!files[i].file) continue;
    cli_path(path, sizeof path, dir, files[i].file);
    if (dy_dict_load(d, files[i].kind, path, &err)) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      return -1;
    }
  }
  if (vf->picofile) {
    cli_path(path, sizeof path, dir, vf->picofile);
    if (dy_codebook_load_ontology(cb, path, &err)) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      return -1;
    }
  }
  return 0;
}

static void load_codebook(dy_codebook *cb) {
  const char *data = cli_data_dir();
  char path[4096];
  dy_error err;
  if (!data) return;
  /* Names and weights are optional for validation: codes compare as strings. */
  dy_codebook_load_names(cb, cli_path(path, sizeof path, data, "cameo-codebook/CAMEO.eventcodes.txt"), &err);
  dy_codebook_load_goldstein(cb, cli_path(path, sizeof path, data, "cameo-codebook/CAMEO.goldsteinscale.txt"), &err);
}

static int is_true(const char *v) {
  return v && (v[0] == 't' || v[0] == 'T' || v[0] == '1' || v[0] == 'y' || v[0] == 'Y');
}

static int in_include(const char *include, const char *cat) {
  if (!include) return 1;
  size_t n = strlen(cat);
  for (const char *p = include; (p = strstr(p, cat)); p += n) {
    int start = p == include || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n';
    int end = p[n] == 0 || p[n] == ' ' || p[n] == '\t' || p[n] == '\n';
    if (start && end) return 1;
  }
  return 0;
}

/* Append "SRC CODE TGT" strings of the events / codings to buf. */
static void show_events(char *buf, size_t size, const dy_code_result *r) {
  size_t o = 0;
  buf[0] = 0;
  if (r->discard) {
    snprintf(buf, size, "%s discard (%s)", r->discard == 2 ? "story" : "sentence",
             r->discard_phrase);
    return;
  }
  for (int i = 0; i < r->n && o + 1 < size; i++)
    o += (size_t)snprintf(buf + o, size - o, "%s%s %s %s", i ? "; " : "", r->ev[i].source,
                          r->ev[i].code, r->ev[i].target);
  if (!r->n) snprintf(buf, size, "no events");
}

static void show_expected(char *buf, size_t size, const dy_valrec *rec) {
  size_t o = 0;
  buf[0] = 0;
  for (int i = 0; i < rec->n_codings && o + 1 < size; i++) {
    const dy_valcoding *c = &rec->codings[i];
    if (c->error)
      o += (size_t)snprintf(buf + o, size - o, "%serror %s", o ? "; " : "", c->error);
    else if (c->noevents)
      o += (size_t)snprintf(buf + o, size - o, "%sno events", o ? "; " : "");
    else
      o += (size_t)snprintf(buf + o, size - o, "%s%s %s %s", o ? "; " : "", c->sourcecode,
                            c->eventcode, c->targetcode);
  }
}

/* 1 when the result is what the record expects. */
static int judge(const dy_valrec *rec, const dy_code_result *r) {
  int expected = 0;
  for (int i = 0; i < rec->n_codings; i++) {
    const dy_valcoding *c = &rec->codings[i];
    if (c->error) {
      if (strcmp(c->error, "storydiscard") == 0) return r->discard == 2;
      if (strcmp(c->error, "sentencediscard") == 0) return r->discard == 1;
      return r->n == 0;
    }
    if (c->noevents) continue;
    expected++;
    int found = 0;
    for (int k = 0; k < r->n && !found; k++)
      found = strcmp(r->ev[k].source, c->sourcecode) == 0 &&
              strcmp(r->ev[k].code, c->eventcode) == 0 &&
              strcmp(r->ev[k].target, c->targetcode) == 0;
    if (!found) return 0;
  }
  /* Every event produced must be expected (duplicates in gold aside). */
  for (int k = 0; k < r->n; k++) {
    int found = 0;
    for (int i = 0; i < rec->n_codings && !found; i++) {
      const dy_valcoding *c = &rec->codings[i];
      found = !c->error && !c->noevents && strcmp(r->ev[k].source, c->sourcecode) == 0 &&
              strcmp(r->ev[k].code, c->eventcode) == 0 &&
              strcmp(r->ev[k].target, c->targetcode) == 0;
    }
    if (!found) return 0;
  }
  return expected > 0 || r->n == 0;
}

int cmd_validate(int argc, char **argv) {
  const char *file = NULL, *dir = NULL;
  int include = 0, verbose = 0, honor_config = 0, reparse = 0;
  const char *model_path = NULL;
  struct dy_model *model = NULL;
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) { fputs(validate_help, stdout); return 0; }
    if (strcmp(argv[i], "--dict-dir") == 0 && i + 1 < argc) dir = argv[++i];
    else if (strcmp(argv[i], "--include") == 0) include = 1;
    else if (strcmp(argv[i], "--verbose") == 0) verbose = 1;
    else if (strcmp(argv[i], "--config") == 0) honor_config = 1;
    else if (strcmp(argv[i], "--reparse") == 0) reparse = 1;
    else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) model_path = argv[++i];
    else if (argv[i][0] == '-' && argv[i][1]) { cli_error("validate: unknown option '%s'", argv[i]); return 2; }
    else if (!file) file = argv[i];
    else { cli_error("validate: one file at a time"); return 2; }
  }
  if (!file) { fputs(validate_help, stderr); return 2; }
  char fdir[4096];
  if (!dir) {
    snprintf(fdir, sizeof fdir, "%s", file);
    char *slash = strrchr(fdir, '/');
    if (slash) *slash = 0; else strcpy(fdir, ".");
    dir = fdir;
  }
  dy_arena *fa = dy_arena_new(1 << 20), *sa = dy_arena_new(1 << 16);
  dy_dict *d = dy_dict_new();
  dy_codebook *cb = dy_codebook_new();
  dy_valfile *vf = NULL;
  dy_error err;
  char msg[1200];
  int rc = 2;
  if (!fa || !sa || !d || !cb) { cli_error("out of memory"); goto done; }
  if (dy_valxml_read(file, fa, &vf, &err)) {
    cli_error("%s", dy_error_format(&err, msg, sizeof msg));
    goto done;
  }
  if (!vf->n) {
    cli_error("%s: no <Sentence> records in the file", file);
    goto done;
  }
  if (!vf->verbfile) {
    if (dy_dict_load_standard(d, dir, &err)) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      goto done;
    }
  } else if (load_env_dicts(d, cb, vf, dir)) {
    goto done;
  }
  load_codebook(cb);
  if (reparse && !(model = cli_model_load(model_path))) goto done;
  dy_coder *coder = dy_coder_new(d, cb, NULL);
  if (!coder) { cli_error("out of memory"); goto done; }
  int passed = 0, failed = 0, skipped = 0;
  for (int i = 0; i < vf->n; i++) {
    const dy_valrec *rec = &vf->rec[i];
    for (int k = 0; k < rec->n_config && honor_config; k++)
      if (strcmp(rec->config[k].option, "require_dyad") == 0)
        dy_coder_set_require_dyad(coder, is_true(rec->config[k].value));
    if (!rec->evaluate || !rec->n_codings ||
        (include && !in_include(vf->include, rec->category))) {
      skipped++;
      continue;
    }
    dy_arena_reset(sa);
    dy_sentence *s = NULL;
    dy_code_result r;
    memset(&r, 0, sizeof r);
    char got[2048], want[2048];
    if (model) {
      /* --reparse: dyad's own tokenizer, tagger and parser on <Text>; the
      ** events of all its sentences (a record is one sentence, but a
      ** splitter may cut it) together. */
      dy_sentence *sv = NULL;
      int32_t ns = 0;
      const char *t = rec->text ? rec->text : "";
      if (dy_parse_text_names(model, t, strlen(t), d, sa, &sv, &ns, NULL)) {
        cli_error("out of memory");
        dy_coder_free(coder);
        goto done;
      }
      int cap = 0;
      for (int k = 0; k < ns; k++) {
        dy_code_result rk;
        sv[k].date = rec->date;
        if (dy_code_sentence(coder, &sv[k], sa, &rk, &err)) {
          cli_error("%s", dy_error_format(&err, msg, sizeof msg));
          dy_coder_free(coder);
          goto done;
        }
        if (rk.discard && !r.discard) r.discard = rk.discard, r.discard_phrase = rk.discard_phrase;
        for (int e = 0; e < rk.n; e++) {
          if (r.n == cap) {
            cap = cap ? cap * 2 : 8;
            dy_event *ne = dy_arena_alloc(sa, sizeof *ne * (size_t)cap);
            if (!ne) { cli_error("out of memory"); dy_coder_free(coder); goto done; }
            if (r.n) memcpy(ne, r.ev, sizeof *ne * (size_t)r.n);
            r.ev = ne;
          }
          r.ev[r.n++] = rk.ev[e];
        }
      }
    } else {
      const char *parse = rec->parse ? rec->parse : "";
      if (dy_conllu_parse(parse, strlen(parse), file, rec->parse_line, sa, &s, &err)) {
        failed++;
        printf("%s: parse not usable: %s\n", rec->id, dy_error_format(&err, msg, sizeof msg));
        continue;
      }
      s->date = rec->date;
      if (dy_code_sentence(coder, s, sa, &r, &err)) {
        cli_error("%s", dy_error_format(&err, msg, sizeof msg));
        dy_coder_free(coder);
        goto done;
      }
    }
    show_events(got, sizeof got, &r);
    show_expected(want, sizeof want, rec);
    if (judge(rec, &r)) {
      passed++;
      if (verbose) printf("%s: ok [%s]\n", rec->id, got);
    } else {
      failed++;
      printf("%s: expected [%s] got [%s]\n", rec->id, want, got);
    }
  }
  dy_coder_free(coder);
  if (skipped) printf("%d records skipped (evaluate=\"false\"%s)\n", skipped,
                      include ? " or category not in <Include>" : "");
  printf("%d passed, %d failed\n", passed, failed);
  rc = failed ? 1 : 0;
done:
  dy_model_free(model);
  dy_codebook_free(cb);
  dy_dict_free(d);
  dy_arena_free(fa);
  dy_arena_free(sa);
  return rc;
}
