/*
** helpers.h: what several test programs need to find the reference data
** (../shared/data, or $DYAD_DATA). Static functions: each test program
** includes it once.
*/
#ifndef DYAD_TEST_HELPERS_H
#define DYAD_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>

/* The reference-data folder: $DYAD_DATA when set, else ../shared/data. */
static inline const char *test_data_dir(void) {
  const char *d = getenv("DYAD_DATA");
  return d && *d ? d : "../shared/data";
}

/* The path of the reference-data file rel, written to buf; NULL when the
** file cannot be opened (the test using it is then skipped). */
static inline const char *test_data_file(char *buf, size_t size, const char *rel) {
  snprintf(buf, size, "%s/%s", test_data_dir(), rel);
  FILE *f = fopen(buf, "rb");
  if (!f) return NULL;
  fclose(f);
  return buf;
}

#endif
