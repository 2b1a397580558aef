/* cmd_bench.c: dyad bench (being written). */
#include <stdio.h>
#include "cli.h"

int cmd_bench(int argc, char **argv) {
  (void)argc; (void)argv;
  cli_error("bench: not yet available");
  return 2;
}
