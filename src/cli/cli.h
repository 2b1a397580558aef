/*
** cli.h: the subcommands of the dyad command. Each lives in its own file
** (cmd_<name>.c) and uses only the public headers under include/dyad/.
*/
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <stddef.h>
#include <stdio.h>

int cmd_validate(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_query(int argc, char **argv);  /* cmd_query.c */
int cmd_search(int argc, char **argv); /* cmd_query.c */
int cmd_load(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_serve(int argc, char **argv);  /* cmd_serve.c */

/* `dyad bench parse`: tokenize + tag + parse throughput (bench_parse.c);
** argv[0] is "parse". */
int cli_bench_parse(int argc, char **argv);

/* The model file to use: opt when given, else $DYAD_MODEL, else
** en_ewt.model beside the binary. */
const char *cli_model_path(const char *opt);

/* Load the model cli_model_path(opt) names; prints the error and returns
** NULL on failure. */
struct dy_model *cli_model_load(const char *opt);

/* The data folder: $DYAD_DATA, else ../shared/data beside the working
** directory or beside the binary's checkout. Returns NULL when none exists. */
const char *cli_data_dir(void);

/* Look for rel (a folder when want_dir) beside the checkout the binary is
** in: <exe dir>/rel, then one and two levels up. Writes the path found to
** out and returns 1, else 0. */
int cli_find_up(const char *rel, int want_dir, char *out, size_t size);

/* Join dir and name into buf ("dir/name"); returns buf. */
char *cli_path(char *buf, size_t size, const char *dir, const char *name);

/* Print "dyad: " + message to stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Monotonic seconds; peak resident set size of this process in MB. */
double cli_now(void);
double cli_cpu_now(void); /* CPU seconds of the calling thread */
double cli_peak_rss_mb(void);

/* The dictionary folder: given, else <data>/dictionaries/cameo; NULL when
** there is no data folder. */
const char *cli_dict_dir(const char *given);

/* Dictionary, codebook and model options shared by code, explain, actors. */
typedef struct cli_dict_opts {
  const char *dir;          /* --dict-dir: the standard set's folder */
  const char *verbs;        /* --verbs F ... : exactly these files instead */
  const char *actors[16];
  int nactors;
  const char *agents, *discards, *issues;
  const char *ontology;     /* --ontology F: coding ontology for negation */
  const char *model;        /* --model F */
  int no_supplement;        /* --no-supplement: without data/actors/dyad.actors.txt */
} cli_dict_opts;

/* What they load. */
typedef struct cli_env {
  struct dy_dict *dict;
  struct dy_codebook *cb;
  struct dy_model *model;   /* NULL unless asked for */
  char verbfile[4096];      /* the verb dictionary's path */
} cli_env;

/* Consume the dictionary/model option at argv[*i] (and its value); 1 when
** it was one. */
int cli_dict_option(cli_dict_opts *o, int argc, char **argv, int *i);
/* Load per o (the model too when need_model); prints errors, -1 on failure. */
int cli_env_load(cli_env *e, const cli_dict_opts *o, int need_model);
void cli_env_free(cli_env *e);
/* dyad's own actor supplement: $DYAD_ACTORS, else data/actors/dyad.actors.txt
** of the checkout the binary is in; NULL when absent (or DYAD_ACTORS=""). */
const char *cli_supplement_path(void);

/* 1 when arg is "-h" or "--help". */
int cli_is_help(const char *arg);

#endif
