/*
** valxml.h: the PETRARCH validation-record files (PETR.UnitTest.records.xml,
** PETR_Validate_records_2_02.xml ...): an <Environment> naming the
** dictionaries, stateful <Config option=".." value=".."/> switches, and
** <Sentence> records holding <EventCoding>, <Text> and <Parse>.
**
** These files are not well-formed XML (a "<! --" comment, nested comments,
** "<PLEvent {json}>" pseudo-tags), so the reader is tolerant, as the
** Python tools were: a scanner over the bytes, not an XML parser, it knows
** the handful of elements above and skips what it does not know. A record
** it cannot make sense of (no id, a date that is not 8 digits, an
** unterminated <Sentence>, <Text>, <Parse> or comment, bad UTF-8) is a
** DY_EPARSE naming file and line.
*/
#ifndef DYAD_VALXML_H
#define DYAD_VALXML_H

#include "dyad/arena.h"
#include "dyad/common.h"

/* One <EventCoding>. Codes are as written, with entities decoded. */
typedef struct dy_valcoding {
  const char *eventcode;   /* "050", or "" */
  const char *sourcecode;  /* "ARN", "---GOV", or "" */
  const char *targetcode;  /* "GON", or "" */
  const char *error;       /* value of error="..." or NULL */
  int noevents;            /* 1 for noevents="True" */
} dy_valcoding;

/* One <Config option value/> directive. */
typedef struct dy_valconfig {
  const char *option;      /* "require_dyad" */
  const char *value;       /* "False" */
  long line;               /* where it stands */
} dy_valconfig;

typedef struct dy_valrec {
  const char *id;          /* id="DEMO-01" */
  const char *category;    /* category="DEMO" or "" */
  int32_t date;            /* date="19950101" as YYYYMMDD, 0 if absent */
  int evaluate;            /* 0 when evaluate="false", else 1 */
  int is_sentence;         /* 0 when sentence="false", else 1 */
  const char *text;        /* <Text> content, whitespace runs folded to ' ' */
  const char *parse;       /* <Parse> lines as written, entities decoded */
  long parse_line;         /* file line of the first line of parse */
  long line;               /* file line of <Sentence */
  int n_codings;
  dy_valcoding *codings;
  int n_config;            /* <Config> seen since the previous record */
  dy_valconfig *config;
} dy_valrec;

typedef struct dy_valfile {
  const char *verbfile;    /* <Verbfile> or NULL */
  const char *actorfile;   /* <Actorfile> or NULL */
  const char *agentfile;   /* <Agentfile> or NULL */
  const char *discardfile; /* <Discardfile> or NULL */
  const char *issuefile;   /* <Issuefile> or NULL */
  const char *picofile;    /* <PICOfile> or NULL */
  const char *include;     /* <Include> categories or NULL */
  int n;                   /* number of records */
  dy_valrec *rec;          /* records in file order */
} dy_valfile;

/* Read the file at path (or len bytes at buf for _parse) into a, which owns
** everything in *out. On error *out is NULL and err names file and line. */
dy_status dy_valxml_read(const char *path, dy_arena *a, dy_valfile **out,
                         dy_error *err);
dy_status dy_valxml_parse(const char *buf, size_t len, const char *name,
                          dy_arena *a, dy_valfile **out, dy_error *err);

#endif
