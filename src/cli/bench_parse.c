/* bench_parse.c: placeholder */
#include "cli.h"
int cli_bench_parse(int argc, char **argv) { (void)argc; (void)argv; return 2; }
