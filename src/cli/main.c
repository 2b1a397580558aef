/*
** main.c: the dyad command. A thin dispatcher over libdyad: it finds the
** subcommand, hands it the remaining arguments and returns its exit code
** (0 success, 1 a negative result such as failed validations, 2 an error).
*/
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "dyad/common.h"
#include "cli.h"

static const struct {
  const char *name;
  int (*run)(int, char **);
  const char *summary;
} commands[] = {
  { "code", cmd_code, "code news articles (text, JSON Lines, XML, HTML) or CoNLL-U into CAMEO events" },
  { "validate", cmd_validate, "run a PETRARCH validation suite and compare with its gold codings" },
  { "actors", cmd_actors, "names in articles that no actor dictionary knows (--unknown)" },
  { "explain", cmd_explain, "show why a sentence is (or is not) coded: tree, dictionary hits, patterns" },
  { "bench", cmd_bench, "print performance figures (dict, code, parse, pipeline)" },
  { "train", cmd_train, "train the tagger and parser model from a UD treebank" },
  { "parse", cmd_parse, "parse raw text into Universal Dependencies (CoNLL-U)" },
  { "eval", cmd_eval, "score the tagger and parser on a gold CoNLL-U file" },
  { "load", cmd_load, "merge JSON Lines of events into an event store (SQLite)" },
  { "query", cmd_query, "events, dyads, quotes and actors from an event store" },
  { "search", cmd_search, "full-text search of the articles in an event store" },
  { "serve", cmd_serve, "a web view and JSON API over an event store (libmicrohttpd)" },
};

static void usage(FILE *f) {
  fprintf(f,
          "usage: dyad <command> [options] [args]\n"
          "\n"
          "dyad turns news text into political event data: who did what to whom,\n"
          "when, coded in CAMEO with the PETRARCH dictionaries.\n"
          "\n"
          "commands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(f,
          "\n"
          "Run 'dyad <command> --help' for a command's options.\n"
          "Data (dictionaries, suites) is read from $DYAD_DATA, default ../shared/data.\n");
}

int main(int argc, char **argv) {
  if (argc < 2 || cli_is_help(argv[1])) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("dyad %s\n", DY_VERSION);
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(argv[1], commands[i].name) == 0)
      return commands[i].run(argc - 1, argv + 1);
  cli_error("unknown command '%s' (see dyad --help)", argv[1]);
  return 2;
}

int cli_is_help(const char *arg) {
  return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

void cli_error(const char *fmt, ...) {
  va_list ap;
  fputs("dyad: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

char *cli_path(char *buf, size_t size, const char *dir, const char *name) {
  if (!dir || !*dir || name[0] == '/')
    snprintf(buf, size, "%s", name);
  else
    snprintf(buf, size, "%s/%s", dir, name);
  return buf;
}

static int is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int cli_find_up(const char *rel, int want_dir, char *out, size_t size) {
  char exe[PATH_MAX - 64];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return 0;
  exe[n] = 0;
  for (int up = 0; up < 3; up++) {
    char *slash = strrchr(exe, '/');
    if (!slash) break;
    *slash = 0;
    struct stat st;
    snprintf(out, size, "%s/%s", exe, rel);
    if (stat(out, &st) == 0 && (want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode))) return 1;
  }
  return 0;
}

const char *cli_data_dir(void) {
  static char found[PATH_MAX];
  const char *env = getenv("DYAD_DATA");
  if (env && *env) return env;
  if (is_dir("../shared/data")) return "../shared/data";
  /* Beside the checkout the binary was built in: <repo>/build/dyad. */
  return cli_find_up("../shared/data", 1, found, sizeof found) ? found : NULL;
}
