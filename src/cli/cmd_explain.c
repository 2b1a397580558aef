/*
** cmd_explain.c: dyad explain. Shows a dictionary maintainer why a
** sentence was or was not coded: the parse as an indented tree, every
** dictionary phrase found (file:line), every verb with the patterns tried
** and chosen, the source and target phrases with the entries behind them,
** and the events that result.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad/code.h"
#include "dyad/conllu.h"
#include "dyad/parse.h"
#include "cli.h"

static const char explain_help[] =
    "usage: dyad explain [options] \"TEXT\"\n"
    "       dyad explain [options] --conllu FILE|-\n"
    "\n"
    "Explain how dyad codes a sentence (or each sentence of TEXT): the parse as an\n"
    "indented tree (word id, form, tag, relation), every actor, agent, discard and\n"
    "issue phrase the dictionaries know in it with its file:line and the actor's\n"
    "role on the date, every verb with its verb-dictionary block and line, each\n"
    "pattern whose words occur in the sentence with 'matches' or 'no match', the\n"
    "pattern chosen, the source and target phrases with the entries behind their\n"
    "codes, and the events that result. Verbs not in the dictionary, and verbs\n"
    "silenced because they sit inside the clause of a verb coded already, are\n"
    "named too.\n"
    "\n"
    "options:\n"
    "  --date YYYYMMDD  the date the actors' roles are taken on (default: none,\n"
    "                   which takes each actor's undated role)\n"
    "  --conllu FILE    explain pre-parsed CoNLL-U instead of parsing TEXT\n"
    "  --model F, --dict-dir DIR, --no-supplement, --verbs F, --actors F, --agents F,\n"
    "  --discards F, --issues F, --ontology F   as for dyad code\n"
    "\n"
    "Exit status: 0, or 2 on an error.\n"
    "\n"
    "example:\n"
    "  dyad explain --date 20230301 \"Lukashenko met Li Keqiang in Beijing.\"\n";

static void tree(const dy_sentence *s, int head, int depth) {
  for (int i = 1; i <= s->n; i++) {
    const dy_token *t = &s->tok[i - 1];
    if (t->head != head) continue;
    printf("    %*s%d %s  %s %s%s%s\n", depth * 2, "", i, t->form, dy_upos_name(t->upos),
           dy_deprel_name(t->deprel), t->subrel[0] ? ":" : "", t->subrel);
    if (depth < 60) tree(s, i, depth + 1);
  }
}

static int explain_one(const cli_env *env, dy_coder *coder, dy_sentence *s, int n, dy_arena *a) {
  dy_error err;
  char msg[1200];
  printf("sentence %d: %s\n  tree:\n", n, s->text && s->text[0] ? s->text : "");
  tree(s, 0, 0);
  dy_code_result r;
  dy_code_hint *hints = dy_arena_calloc(a, (size_t)s->n + 2, sizeof *hints);
  if (!hints || dy_code_explain(coder, s, hints, a, stdout, &r, &err)) {
    cli_error("%s", dy_error_format(&err, msg, sizeof msg));
    return -1;
  }
  printf("  events:%s\n", r.n ? "" : r.discard ? " none (discarded)" : " none");
  for (int i = 0; i < r.n; i++) {
    const dy_event *e = &r.ev[i];
    const char *name = dy_codebook_name(env->cb, e->code);
    printf("    %s %s %s  (%s; Goldstein %.1f)\n", e->source, e->code, e->target,
           name ? name : "?", e->goldstein);
  }
  putchar('\n');
  return 0;
}

int cmd_explain(int argc, char **argv) {
  cli_dict_opts dopts;
  memset(&dopts, 0, sizeof dopts);
  const char *text = NULL, *conllu = NULL;
  long date = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_is_help(a)) { fputs(explain_help, stdout); return 0; }
    if (cli_dict_option(&dopts, argc, argv, &i)) continue;
    if (strcmp(a, "--conllu") == 0 && i + 1 < argc) conllu = argv[++i];
    else if (strcmp(a, "--date") == 0 && i + 1 < argc) {
      char *end;
      date = strtol(argv[++i], &end, 10);
      if (*end || date < 10000101 || date > 99991231) {
        cli_error("explain: --date wants YYYYMMDD, not '%s'", argv[i]);
        return 2;
      }
    }
    else if (strcmp(a, "--no-supplement") == 0) dopts.no_supplement = 1;
    else if (a[0] == '-' && a[1]) { cli_error("explain: unknown option '%s'", a); return 2; }
    else if (!text) text = a;
    else { cli_error("explain: give the text as one argument (quote it)"); return 2; }
  }
  if (!text && !conllu) { fputs(explain_help, stderr); return 2; }
  cli_env env;
  int rc = 2;
  dy_arena *a = dy_arena_new(1 << 16);
  dy_coder_opts o = { 1, conllu ? 0 : 1 }; /* raw text: coded as dyad code codes articles */
  dy_coder *coder = NULL;
  if (!a || cli_env_load(&env, &dopts, conllu == NULL)) goto out;
  coder = dy_coder_new(env.dict, env.cb, &o);
  if (!coder) goto out;
  if (conllu) {
    FILE *in = strcmp(conllu, "-") == 0 ? stdin : fopen(conllu, "rb");
    if (!in) { cli_error("%s: cannot open", conllu); goto out; }
    dy_conllu_reader *r = dy_conllu_open_stream(in, conllu);
    dy_error err;
    char msg[1200];
    rc = 0;
    for (int n = 1; r; n++) {
      dy_sentence *s;
      dy_arena_reset(a);
      if (dy_conllu_next(r, a, &s, &err)) {
        cli_error("%s", dy_error_format(&err, msg, sizeof msg));
        rc = 2;
        break;
      }
      if (!s) break;
      if (!s->date) s->date = (int32_t)date;
      if (explain_one(&env, coder, s, n, a)) { rc = 2; break; }
    }
    dy_conllu_close(r);
    if (in != stdin) fclose(in);
  } else {
    dy_sentence *sv;
    int32_t ns;
    if (dy_parse_text_names(env.model, text, strlen(text), env.dict, a, &sv, &ns, NULL)) {
      cli_error("out of memory");
      goto out;
    }
    rc = 0;
    for (int i = 0; i < ns && rc == 0; i++) {
      sv[i].date = (int32_t)date;
      if (explain_one(&env, coder, &sv[i], i + 1, a)) rc = 2;
    }
  }
out:
  dy_coder_free(coder);
  cli_env_free(&env);
  dy_arena_free(a);
  return rc;
}
