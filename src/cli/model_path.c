/*
** model_path.c: where the dyad command finds the parsing model when
** --model is not given: $DYAD_MODEL, else en_ewt.model beside the binary
** (make builds it there).
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dyad/model.h"
#include "cli.h"

const char *cli_model_path(const char *opt) {
  static char found[PATH_MAX];
  if (opt && *opt) return opt;
  const char *env = getenv("DYAD_MODEL");
  if (env && *env) return env;
  char exe[PATH_MAX - 32];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return "en_ewt.model";
  exe[n] = 0;
  char *slash = strrchr(exe, '/');
  if (slash) *slash = 0;
  snprintf(found, sizeof found, "%s/en_ewt.model", exe);
  return found;
}

dy_model *cli_model_load(const char *opt) {
  const char *path = cli_model_path(opt);
  dy_model *m;
  dy_error err;
  char buf[1100];
  dy_error_clear(&err);
  if (dy_model_load(path, &m, &err) != DY_OK) {
    cli_error("%s", dy_error_format(&err, buf, sizeof buf));
    if (err.code == DY_EIO)
      cli_error("no model: run 'make' (it trains build/en_ewt.model), or pass --model / set DYAD_MODEL");
    return NULL;
  }
  return m;
}
