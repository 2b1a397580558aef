/*
** cmd_serve.c: dyad serve, the web view and JSON API over an event store.
** The server runs in libmicrohttpd's threads; this thread waits for
** SIGINT or SIGTERM (blocked in every thread, taken here by sigwait) and
** then stops the server cleanly.
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad/web.h"
#include "cli.h"

static const char serve_help[] =
    "NAME\n"
    "  dyad serve - a web view and JSON API over an event store\n"
    "\n"
    "SYNOPSIS\n"
    "  dyad serve --db FILE [--bind ADDR] [--port N] [--threads N]\n"
    "             [--max-connections N] [--timeout S]\n"
    "\n"
    "DESCRIPTION\n"
    "  Serves the event store written by 'dyad code --db' or 'dyad load' until\n"
    "  interrupted (Ctrl-C or SIGTERM). The pages, stylesheet and script are built\n"
    "  into dyad: nothing is fetched from the network and no file but the store is\n"
    "  read. The store is only read; 'dyad load' may add to it meanwhile.\n"
    "\n"
    "  Pages:  /  overview: totals, cooperation and conflict over time, the most\n"
    "             active dyads, the latest events\n"
    "          /events   the events, with filters and paging; each links to its\n"
    "                    article\n"
    "          /article?id=ID  an article with actors, verbs and quotes marked\n"
    "          /actor?code=BLR /dyad?a=BLR&b=CHN /search?q=WORDS\n"
    "\n"
    "  JSON API (GET; errors are {\"error\": {\"status\", \"message\"}}):\n"
    "          /api/events     filters as in 'dyad query': actor, source, target,\n"
    "                          dyad=S:T, either=1, code, quad, from, to, one_a_day=1,\n"
    "                          all=1; limit (1-500, default 50), offset (up to\n"
    "                          100000); total=1 adds the count; next_offset pages\n"
    "          /api/dyads      counts and Goldstein sums per dyad; by=day|week|month\n"
    "          /api/series     all matching events per period (by=day|week|month),\n"
    "                          cooperation (quads 1-2) and conflict (3-4)\n"
    "          /api/quotes     quotes; actor (the speaker), from, to\n"
    "          /api/actors     actor codes with counts; unknown=1: names no\n"
    "                          dictionary knew\n"
    "          /api/documents  articles, newest first; id=ID: one article with its\n"
    "                          sentences, events and quotes\n"
    "          /api/search     q=WORDS: full-text search, all words must occur\n"
    "          /api/totals     what the store holds\n"
    "\n"
    "OPTIONS\n"
    "  --db FILE            the event store (required; it must exist)\n"
    "  --bind ADDR          IPv4 address to listen on (default 127.0.0.1: this\n"
    "                       machine only; 0.0.0.0 exposes it to the network)\n"
    "  --port N             TCP port (default 8080; 0 picks a free one, printed)\n"
    "  --threads N          worker threads, each with its store connection (default 2)\n"
    "  --max-connections N  connections at once, in all and per client (default 64)\n"
    "  --timeout S          seconds an idle connection is kept open (default 10)\n"
    "  -h, --help           this help\n"
    "\n"
    "LIMITS\n"
    "  GET and HEAD only; no request body; headers within 32 KiB; parameters at\n"
    "  most 200 bytes, codes letters and digits; pages of at most 500 rows.\n"
    "\n"
    "EXIT STATUS\n"
    "  0 after a clean stop, 2 on a usage error or when the server cannot start.\n"
    "\n"
    "EXAMPLE\n"
    "  dyad code --db news.db --no-output --date 20250603 article.txt\n"
    "  dyad serve --db news.db --port 8080 &\n"
    "  curl 'http://127.0.0.1:8080/api/events?dyad=BLR:CHN&either=1&limit=10'\n";

static int int_opt(const char *name, const char *v, long lo, long hi, int *out) {
  char *end;
  long x = v ? strtol(v, &end, 10) : 0;
  if (!v || end == v || *end || x < lo || x > hi) {
    cli_error("serve: %s wants a number from %ld to %ld", name, lo, hi);
    return -1;
  }
  *out = (int)x;
  return 0;
}

int cmd_serve(int argc, char **argv) {
  dy_web_opts o = { .port = 8080 };
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (cli_is_help(a)) { fputs(serve_help, stdout); return 0; }
    int bad = 0;
    if (strcmp(a, "--db") == 0 && v) o.db = argv[++i];
    else if (strcmp(a, "--bind") == 0 && v) o.bind = argv[++i];
    else if (strcmp(a, "--port") == 0) bad = int_opt(a, v, 0, 65535, &o.port), i++;
    else if (strcmp(a, "--threads") == 0) bad = int_opt(a, v, 1, 16, &o.threads), i++;
    else if (strcmp(a, "--max-connections") == 0) bad = int_opt(a, v, 1, 4096, &o.max_conn), i++;
    else if (strcmp(a, "--timeout") == 0) bad = int_opt(a, v, 1, 3600, &o.timeout), i++;
    else {
      cli_error("serve: unknown option or missing value: %s (see dyad serve --help)", a);
      return 2;
    }
    if (bad) return 2;
  }
  if (!o.db) {
    cli_error("serve: --db FILE is required (see dyad serve --help)");
    return 2;
  }
  /* Block the stop signals before any thread starts, so all inherit the
  ** mask and only sigwait below receives them. */
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGPIPE, SIG_IGN);
  dy_web *w;
  dy_error err;
  dy_error_clear(&err);
  if (dy_web_start(&o, &w, &err)) {
    char msg[1100];
    cli_error("serve: %s", dy_error_format(&err, msg, sizeof msg));
    return 2;
  }
  fprintf(stderr, "dyad: serving %s on http://%s:%d/ (Ctrl-C stops)\n", o.db,
          o.bind ? o.bind : "127.0.0.1", dy_web_port(w));
  int sig = 0;
  sigwait(&stop, &sig);
  dy_web_stop(w);
  fprintf(stderr, "dyad: stopped (%s)\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
  return 0;
}
