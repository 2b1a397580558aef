/*
** text.h: from raw bytes to sentences of words. Three steps, each usable on
** its own:
**
**   dy_text_normalize  UTF-8 repair (every invalid byte becomes U+FFFD and
**                      is counted, never dropped) and Unicode NFC;
**   dy_text_segment    tokenization following the UD English-EWT
**                      conventions (clitics as multiword tokens "don't" =
**                      do + n't, "Bush's" = Bush + 's; numbers, money,
**                      dates, URLs and e-mail addresses kept whole; hyphens
**                      split except after prefixes such as "pre-", "non-")
**                      and sentence splitting (abbreviations, initials,
**                      quotations, headings, paragraph breaks, datelines);
**   dy_text_fold       the form a feature extractor sees: lower case, with
**                      typographic quotes, dashes and ellipses folded to
**                      ASCII (the text itself keeps them).
**
** The sentences produced are dy_sentence values (sentence.h) whose tokens
** have form, space_after and the multiword-token list filled in; tags,
** lemmas and the tree are left for the tagger and parser (parse.h).
** Everything is allocated in the caller's arena.
*/
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "dyad/arena.h"
#include "dyad/common.h"
#include "dyad/sentence.h"

/* Longest sentence the splitter emits, in words: a longer run without a
** sentence end (a 1 MB line of words) is cut into pieces of this size so
** that tagging and parsing work in bounded memory. */
#define DY_TEXT_MAX_WORDS 200

/* Longest token, in bytes: longer runs without a break are cut (at a
** character boundary). */
#define DY_TEXT_MAX_TOKEN 200

/* Repair and normalize len bytes at in. *out receives a NUL-terminated
** copy in a, valid UTF-8 in NFC; *n_invalid (may be NULL) the number of
** invalid bytes or sequences replaced by U+FFFD. Returns DY_ENOMEM when the
** arena cannot grow (out is then untouched). */
dy_status dy_text_normalize(const char *in, size_t len, dy_arena *a,
                            dy_str *out, size_t *n_invalid);

/* Tokenize and split len bytes of normalized text (dy_text_normalize) into
** sentences. *out receives an array of *n_out sentences in a; each
** sentence's text is the stretch of input it covers, with line breaks
** folded to spaces; sent_id is "1", "2" ... Never fails on content; returns
** DY_ENOMEM when the arena cannot grow. */
dy_status dy_text_segment(const char *text, size_t len, dy_arena *a,
                          dy_sentence **out, int32_t *n_out);

/* Write into buf (size bytes, NUL-terminated, truncated when too long) the
** folded form of the len bytes at s: ASCII lower case, typographic quotes
** to ' and ", dashes to "-" or "--", U+2026 to "...". Returns the length
** written. */
size_t dy_text_fold(const char *s, size_t len, char *buf, size_t size);

#endif
