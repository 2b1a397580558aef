/* cmd_validate.c: dyad validate (being written). */
#include <stdio.h>
#include "cli.h"

int cmd_validate(int argc, char **argv) {
  (void)argc; (void)argv;
  cli_error("validate: not yet available");
  return 2;
}
