/*
** common.h: the status codes, the error record and the small string view
** shared by every part of libdyad.
**
** One error convention runs through the library: every call that can fail
** returns a dy_status (DY_OK is zero) and, when the caller passes a
** dy_error, fills it with a message a user can read, naming the file, the
** line and, where known, the byte offset of the bad input.
*/
#ifndef DYAD_COMMON_H
#define DYAD_COMMON_H

#include <stddef.h>
#include <stdint.h>

#define DY_VERSION "0.1.0"

typedef enum dy_status {
  DY_OK = 0,   /* success */
  DY_ENOMEM,   /* an allocation failed */
  DY_EIO,      /* a file could not be opened, read or written */
  DY_EPARSE,   /* outside input is malformed (dictionary, CoNLL-U, XML ...) */
  DY_EFORMAT,  /* input is well formed but of the wrong kind or version */
  DY_EDB,      /* the event store reported an error */
  DY_EMISUSE   /* the caller broke an API contract */
} dy_status;

/* Where and why a call failed. file may be "" and line 0 when unknown. */
typedef struct dy_error {
  dy_status code;      /* same as the returned status */
  long line;           /* 1-based line in file, 0 if not applicable */
  long offset;         /* byte offset in file, -1 if not known */
  char file[512];      /* name of the input that was being read */
  char message[512];   /* what went wrong, without the file:line prefix */
} dy_error;

/* A view of len bytes at ptr; not NUL-terminated unless stated. */
typedef struct dy_str {
  const char *ptr;     /* first byte */
  size_t len;          /* number of bytes */
} dy_str;

/* A static English name for a status ("out of memory", ...). */
const char *dy_status_name(dy_status s);

/* Write "file:line: message" (or the parts that are known) into buf,
** always NUL-terminated. Returns buf. */
char *dy_error_format(const dy_error *err, char *buf, size_t size);

/* Clear err to DY_OK with empty fields. err may be NULL. */
void dy_error_clear(dy_error *err);

#endif
