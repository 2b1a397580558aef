/*
** cmd_train.c: dyad train, which learns the tagger, lemmatizer and parser
** from a UD treebank folder and writes the model file.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad/model.h"
#include "cli.h"

static void help(FILE *f) {
  fputs(
    "usage: dyad train --treebank DIR --out MODEL [options]\n"
    "\n"
    "Train dyad's English model (averaged-perceptron tagger, lemma lexicon\n"
    "and rules, arc-hybrid dependency parser guided by a right-to-left\n"
    "parse) on DIR/train.conllu, using DIR/dev.conllu to choose the\n"
    "parsers' epochs, and write it to MODEL.\n"
    "The file is written to MODEL.tmp first and renamed, so an interrupted\n"
    "run never leaves a half-written model. Progress goes to stderr.\n"
    "\n"
    "options:\n"
    "  --treebank DIR      folder holding train.conllu (and dev.conllu)\n"
    "  --out MODEL         model file to write\n"
    "  --epochs N          most parser epochs (default 20; stops early when\n"
    "                      dev LAS has not improved for 5 epochs)\n"
    "  --rounds N          train the parser N times (1-32), each on its own\n"
    "                      orders of the sentences with its own best epoch,\n"
    "                      and sum the weights: one model, as fast as one\n"
    "                      training's, a little more accurate (default 6;\n"
    "                      1 with --small or --beam)\n"
    "  --no-guide          no guide parser: the parser does not see a\n"
    "                      right-to-left parse of the sentence first (on EWT\n"
    "                      about 1 LAS less, parsing 40% faster and training\n"
    "                      a minute faster)\n"
    "  --guide-rounds N    train the guide parser N times and sum (1-32,\n"
    "                      default 1); its training is jackknifed over the\n"
    "                      --folds folds (4 when --folds is 1)\n"
    "  --tag-epochs N      tagger epochs (default 10)\n"
    "  --tag-rounds N      train each tagger pass N times, each on its own\n"
    "                      order of the sentences, and sum the weights\n"
    "                      (default 3; 1 with --small)\n"
    "  --folds N           jackknife folds for the training tags of the\n"
    "                      tagger's second pass and the parser\n"
    "                      (default 4; 1 trains the parser on gold tags)\n"
    "  --max-sentences N   use only the first N training sentences\n"
    "  --beam K            train the parser for beam search of width K (1-64;\n"
    "                      default 1, greedy). The model keeps K and parses\n"
    "                      with it: more accurate, about K times slower to\n"
    "                      parse and to train (see README, Parsing)\n"
    "  --small             small weight tables (for tests: fast, less accurate)\n"
    "  --tag-bits B        2^B hashed rows of tagger weights, per pass\n"
    "                      (default 19; training needs 2^B x 1 KB)\n"
    "  --parse-bits B      2^B hashed rows of parser weights (default 20;\n"
    "                      training needs 2^B x 0.9 KB)\n"
    "  --quiet             no progress output\n"
    "  -h, --help          this help\n"
    "\n"
    "exit status: 0 the model was written, 2 an error (message on stderr).\n"
    "\n"
    "example:\n"
    "  dyad train --treebank ../shared/data/treebank/en_ewt --out build/en_ewt.model\n",
    f);
}

int cmd_train(int argc, char **argv) {
  const char *dir = NULL, *out = NULL;
  dy_train_opts o = { 0 };
  int has_beam = 0, has_rounds = 0, has_grounds = 0;
  o.verbose = 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_is_help(a)) { help(stdout); return 0; }
    int more = i + 1 < argc;
    if (strcmp(a, "--treebank") == 0 && more) dir = argv[++i];
    else if (strcmp(a, "--out") == 0 && more) out = argv[++i];
    else if (strcmp(a, "--epochs") == 0 && more) o.parse_epochs = atoi(argv[++i]);
    else if (strcmp(a, "--rounds") == 0 && more) { o.parse_rounds = atoi(argv[++i]); has_rounds = 1; }
    else if (strcmp(a, "--no-guide") == 0) o.no_guide = 1;
    else if (strcmp(a, "--guide-rounds") == 0 && more) { o.guide_rounds = atoi(argv[++i]); has_grounds = 1; }
    else if (strcmp(a, "--tag-epochs") == 0 && more) o.tag_epochs = atoi(argv[++i]);
    else if (strcmp(a, "--tag-rounds") == 0 && more) o.tag_rounds = atoi(argv[++i]);
    else if (strcmp(a, "--folds") == 0 && more) o.folds = atoi(argv[++i]);
    else if (strcmp(a, "--max-sentences") == 0 && more) o.max_sentences = atoi(argv[++i]);
    else if (strcmp(a, "--small") == 0) o.small = 1;
    else if (strcmp(a, "--tag-bits") == 0 && more) o.tag_bits = atoi(argv[++i]);
    else if (strcmp(a, "--parse-bits") == 0 && more) o.parse_bits = atoi(argv[++i]);
    else if (strcmp(a, "--beam") == 0 && more) { o.beam = atoi(argv[++i]); has_beam = 1; }
    else if (strcmp(a, "--quiet") == 0) o.verbose = 0;
    else { cli_error("train: unknown or incomplete option '%s' (see dyad train --help)", a); return 2; }
  }
  if (!dir || !out) { help(stderr); return 2; }
  if (o.beam < 0 || o.beam > 64 || (o.beam == 0 && has_beam)) {
    cli_error("train: --beam takes a width from 1 to 64");
    return 2;
  }
  if (has_rounds && (o.parse_rounds < 1 || o.parse_rounds > 32)) {
    cli_error("train: --rounds takes a count from 1 to 32");
    return 2;
  }
  if (has_grounds && (o.guide_rounds < 1 || o.guide_rounds > 32)) {
    cli_error("train: --guide-rounds takes a count from 1 to 32");
    return 2;
  }
  dy_model *m;
  dy_error err;
  char buf[1100];
  dy_error_clear(&err);
  if (dy_model_train(dir, &o, &m, &err) != DY_OK) {
    cli_error("train: %s", dy_error_format(&err, buf, sizeof buf));
    return 2;
  }
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s.tmp", out);
  dy_status rc = dy_model_save(m, tmp, &err);
  dy_model_free(m);
  if (rc != DY_OK) {
    cli_error("train: %s", dy_error_format(&err, buf, sizeof buf));
    remove(tmp);
    return 2;
  }
  if (rename(tmp, out) != 0) {
    cli_error("train: cannot rename %s to %s", tmp, out);
    return 2;
  }
  if (o.verbose) fprintf(stderr, "wrote %s\n", out);
  return 0;
}
