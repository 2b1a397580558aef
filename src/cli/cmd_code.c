/* cmd_code.c: dyad code (being written). */
#include <stdio.h>
#include "cli.h"

int cmd_code(int argc, char **argv) {
  (void)argc; (void)argv;
  cli_error("code: not yet available");
  return 2;
}
