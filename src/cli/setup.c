/*
** setup.c: what several commands load before they work: the dictionaries
** (the standard CAMEO/Phoenix set plus dyad's own actor supplement, or the
** files named on the command line), the codebook (names, Goldstein
** weights, PLOVER, the coding ontology for negation) and the parsing model.
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "dyad/code.h"
#include "dyad/dict.h"
#include "dyad/model.h"
#include "cli.h"

static int exists(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

const char *cli_supplement_path(void) {
  static char found[PATH_MAX];
  const char *env = getenv("DYAD_ACTORS");
  if (env) return *env ? env : NULL; /* DYAD_ACTORS= turns the supplement off */
  if (cli_find_up("data/actors/dyad.actors.txt", 0, found, sizeof found)) return found;
  if (exists("data/actors/dyad.actors.txt")) return "data/actors/dyad.actors.txt";
  return NULL;
}

int cli_dict_option(cli_dict_opts *o, int argc, char **argv, int *i) {
  const char *a = argv[*i];
  if (*i + 1 >= argc) return 0;
  const char **slot = NULL;
  if (strcmp(a, "--dict-dir") == 0) slot = &o->dir;
  else if (strcmp(a, "--verbs") == 0) slot = &o->verbs;
  else if (strcmp(a, "--agents") == 0) slot = &o->agents;
  else if (strcmp(a, "--discards") == 0) slot = &o->discards;
  else if (strcmp(a, "--issues") == 0) slot = &o->issues;
  else if (strcmp(a, "--ontology") == 0) slot = &o->ontology;
  else if (strcmp(a, "--model") == 0) slot = &o->model;
  else if (strcmp(a, "--actors") == 0 && o->nactors < 16) slot = &o->actors[o->nactors++];
  if (!slot) return 0;
  *slot = argv[++*i];
  return 1;
}

static int load_one(dy_dict *d, dy_dict_kind k, const char *path) {
  dy_error err;
  char msg[1200];
  if (dy_dict_load(d, k, path, &err) == DY_OK) return 0;
  cli_error("%s", dy_error_format(&err, msg, sizeof msg));
  return -1;
}

int cli_env_load(cli_env *e, const cli_dict_opts *o, int need_model) {
  memset(e, 0, sizeof *e);
  e->dict = dy_dict_new();
  e->cb = dy_codebook_new();
  if (!e->dict || !e->cb) {
    cli_error("out of memory");
    return -1;
  }
  dy_error err;
  char msg[1200], path[4096];
  if (!o->verbs && !o->nactors && !o->agents && !o->discards && !o->issues) {
    const char *dir = cli_dict_dir(o->dir);
    if (!dir) {
      cli_error("no data folder with the dictionaries (set DYAD_DATA or pass --dict-dir)");
      return -1;
    }
    snprintf(e->verbfile, sizeof e->verbfile, "%s/CAMEO.2.0.txt", dir);
    /* The supplement goes first: a phrase keeps the first meaning read, and
    ** the Phoenix files hold out-of-date roles for many of the same people
    ** (LI_KEQIANG_ [CHNGOV >080401]). */
    const char *sup = o->no_supplement ? NULL : cli_supplement_path();
    if (sup && load_one(e->dict, DY_DICT_ACTORS, sup)) return -1;
    if (dy_dict_load_standard(e->dict, dir, &err)) {
      cli_error("%s", dy_error_format(&err, msg, sizeof msg));
      return -1;
    }
    /* ... and its agents after Phoenix's, which keep their meanings. */
    if (sup) {
      char ag[4096];
      snprintf(ag, sizeof ag, "%s", sup);
      char *slash = strrchr(ag, '/');
      snprintf(slash ? slash + 1 : ag, sizeof ag - (size_t)(slash ? slash + 1 - ag : 0),
               "dyad.agents.txt");
      struct stat st;
      if (stat(ag, &st) == 0 && load_one(e->dict, DY_DICT_AGENTS, ag)) return -1;
    }
  } else {
    if (o->verbs) {
      snprintf(e->verbfile, sizeof e->verbfile, "%s", o->verbs);
      if (load_one(e->dict, DY_DICT_VERBS, o->verbs)) return -1;
    }
    for (int i = 0; i < o->nactors; i++)
      if (load_one(e->dict, DY_DICT_ACTORS, o->actors[i])) return -1;
    if (o->agents && load_one(e->dict, DY_DICT_AGENTS, o->agents)) return -1;
    if (o->discards && load_one(e->dict, DY_DICT_DISCARDS, o->discards)) return -1;
    if (o->issues && load_one(e->dict, DY_DICT_ISSUES, o->issues)) return -1;
  }
  const char *data = cli_data_dir();
  if (data) { /* names, weights and PLOVER are extras: codes work without them */
    dy_codebook_load_names(e->cb, cli_path(path, sizeof path, data, "cameo-codebook/CAMEO.eventcodes.txt"), &err);
    dy_codebook_load_goldstein(e->cb, cli_path(path, sizeof path, data, "cameo-codebook/CAMEO.goldsteinscale.txt"), &err);
    dy_codebook_load_plover(e->cb, cli_path(path, sizeof path, data, "plover/CAMEO2PLOVER-2021.txt"), &err);
    if (!o->ontology)
      dy_codebook_load_ontology(e->cb, cli_path(path, sizeof path, data, "validation/ud-unit/PETR.Internal.Coding.Ontology.txt"), &err);
  }
  if (o->ontology && dy_codebook_load_ontology(e->cb, o->ontology, &err)) {
    cli_error("%s", dy_error_format(&err, msg, sizeof msg));
    return -1;
  }
  if (need_model) {
    e->model = cli_model_load(o->model);
    if (!e->model) return -1;
  }
  return 0;
}

void cli_env_free(cli_env *e) {
  dy_model_free(e->model);
  dy_codebook_free(e->cb);
  dy_dict_free(e->dict);
  memset(e, 0, sizeof *e);
}
