/*
** dates.c: calendar arithmetic and the time expressions of news text.
** A story dated Tuesday 2025-06-03 that says "on Saturday" means
** 2025-05-31 (or, for "will meet on Saturday", 2025-06-07); "on February
** 28" means the February 28 nearest the story's date; "last week" is seven
** days back. Expressions naming only a month or a season are left to the
** story's date, as Phoenix and ICEWS do.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dyad/pipe.h"

/* Days from civil (proleptic Gregorian), after H. Hinnant's algorithm. */
long dy_date_days(int32_t ymd) {
  long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int32_t dy_date_from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  return (int32_t)(y * 10000 + m * 100 + d);
}

static int days_in_month(long y, long m) {
  static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
  return dm[m - 1];
}

static int32_t ymd(long y, long m, long d) {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return 0;
  return (int32_t)(y * 10000 + m * 100 + d);
}

static const char *const months[] = { "january", "february", "march", "april", "may", "june",
                                      "july", "august", "september", "october", "november",
                                      "december" };
static const char *const wdays[] = { "monday", "tuesday", "wednesday", "thursday", "friday",
                                     "saturday", "sunday" };

static int ieq(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i])) return 0;
  return 1;
}

/* Month 1..12 of a word ("June", "Jun", "Jun.", "Sept"), or 0. */
static int month_of(const char *w, size_t n) {
  while (n && w[n - 1] == '.') n--;
  if (n < 3) return 0;
  for (int i = 0; i < 12; i++) {
    size_t ml = strlen(months[i]);
    if (n == ml && ieq(w, months[i], n)) return i + 1;
    if ((n == 3 || (n == 4 && i == 8)) && ieq(w, months[i], n)) return i + 1; /* Jun, Sept */
  }
  return 0;
}

/* Day of week 0 (Monday) .. 6 of a word, or -1. */
static int wday_of(const char *w, size_t n) {
  while (n && w[n - 1] == '.') n--;
  for (int i = 0; i < 7; i++) {
    size_t wl = strlen(wdays[i]);
    if ((n == wl || n == 3) && ieq(w, wdays[i], n)) return i;
  }
  return -1;
}

static long num(const char *w, size_t n) {
  size_t k = 0;
  long v = 0;
  while (k < n && k < 9 && isdigit((unsigned char)w[k])) v = v * 10 + (w[k++] - '0');
  if (k < n && isdigit((unsigned char)w[k])) return -1; /* too long to be a day or year */
  /* 28th, 1st, 2nd, 3rd */
  if (k == 0 || k > 4) return -1;
  if (k < n && !(n - k == 2 && (ieq(w + k, "th", 2) || ieq(w + k, "st", 2) ||
                                ieq(w + k, "nd", 2) || ieq(w + k, "rd", 2))) &&
      !(n - k == 1 && w[k] == ','))
    return -1;
  return v;
}

int32_t dy_date_parse(const char *s) {
  if (!s) return 0;
  while (*s == ' ' || *s == '\t') s++;
  /* ISO: 2025-06-03, 2025/06/03, 20250603, with any time after. */
  if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[3])) {
    long y = strtol(s, NULL, 10);
    if (strlen(s) >= 10 && (s[4] == '-' || s[4] == '/') && (s[7] == '-' || s[7] == '/'))
      return ymd(strtol(s, NULL, 10), strtol(s + 5, NULL, 10), strtol(s + 8, NULL, 10));
    if (y >= 10000000 && y <= 99991231) return ymd(y / 10000, y / 100 % 100, y % 100);
  }
  /* Words: "June 3, 2025", "3 June 2025", "Tue, 03 Jun 2025 10:00 GMT". */
  char w[6][32];
  int nw = 0;
  for (const char *p = s; *p && nw < 6;) {
    while (*p && !isalnum((unsigned char)*p)) p++;
    const char *b = p;
    while (isalnum((unsigned char)*p)) p++;
    size_t l = (size_t)(p - b);
    if (!l) break;
    if (l >= sizeof w[0]) l = sizeof w[0] - 1;
    memcpy(w[nw], b, l);
    w[nw++][l] = 0;
  }
  long d = -1, m = 0, y = -1;
  for (int i = 0; i < nw; i++) {
    int mo = month_of(w[i], strlen(w[i]));
    long v = num(w[i], strlen(w[i]));
    if (mo && !m) m = mo;
    else if (v >= 1000) y = v;
    else if (v >= 1 && v <= 31 && d < 0) d = v;
  }
  if (m && d > 0 && y > 0) return ymd(y, m, d);
  /* 03.06.2025 (day first, as European papers write it) */
  int dd, mm, yy;
  char tail;
  if (sscanf(s, "%2d.%2d.%4d%c", &dd, &mm, &yy, &tail) >= 3) return ymd(yy, mm, dd);
  return 0;
}

int32_t dy_date_resolve(const char *const *words, int n, int32_t ref, int future) {
  if (!ref || n <= 0) return 0;
  long r = dy_date_days(ref);
  int last = 0, next = 0, this_ = 0;
  for (int i = 0; i < n; i++) {
    const char *w = words[i];
    size_t l = strlen(w);
    if (l == 5 && ieq(w, "today", 5)) return ref;
    if (l == 7 && ieq(w, "tonight", 7)) return ref;
    if (l == 9 && ieq(w, "yesterday", 9)) return dy_date_from_days(r - 1);
    if (l == 8 && ieq(w, "tomorrow", 8)) return dy_date_from_days(r + 1);
    if (l == 4 && ieq(w, "last", 4)) last = 1;
    if ((l == 4 && ieq(w, "next", 4)) || (l == 6 && ieq(w, "coming", 6))) next = 1;
    if (l == 4 && ieq(w, "this", 4)) this_ = 1;
    if (l == 4 && ieq(w, "week", 4)) {
      if (last) return dy_date_from_days(r - 7);
      if (next) return dy_date_from_days(r + 7);
      if (this_) return ref;
    }
  }
  /* Month and day: "February 28", "28 February", "Feb. 28, 2025". */
  for (int i = 0; i < n; i++) {
    int mo = month_of(words[i], strlen(words[i]));
    if (!mo) continue;
    long d = -1, y = -1;
    if (i + 1 < n) d = num(words[i + 1], strlen(words[i + 1]));
    if ((d < 1 || d > 31) && i > 0) d = num(words[i - 1], strlen(words[i - 1])); /* "28 February 2023" */
    for (int k = i + 1; k < n && k <= i + 3; k++) {
      long v = num(words[k], strlen(words[k]));
      if (v >= 1000) y = v;
    }
    if (d < 1 || d > 31) return 0; /* a month alone: left to the story's date */
    if (y > 0) return ymd(y, mo, d);
    /* The year that puts the day nearest the story, the past on a tie (or
    ** the future for a verb in the future tense). */
    long ry = ref / 10000;
    int32_t best = 0;
    long bestd = 0;
    for (long yy = ry - 1; yy <= ry + 1; yy++) {
      int32_t c = ymd(yy, mo, d);
      if (!c) continue;
      long diff = dy_date_days(c) - r;
      long ad = labs(diff);
      if (!best || ad < bestd || (ad == bestd && (future ? diff > 0 : diff < 0)))
        best = c, bestd = ad;
    }
    return best;
  }
  /* A weekday: the most recent one (on or before the story's date), the
  ** next one for the future tense or "next", strictly before for "last". */
  for (int i = 0; i < n; i++) {
    int wd = wday_of(words[i], strlen(words[i]));
    if (wd < 0) continue;
    int rwd = (int)(((r % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday (3) */
    long back = (rwd - wd + 7) % 7, fwd = (wd - rwd + 7) % 7;
    if (next || (future && !last)) return dy_date_from_days(r + (fwd ? fwd : (next ? 7 : 0)));
    if (last) return dy_date_from_days(r - (back ? back : 7));
    return dy_date_from_days(r - back);
  }
  return 0;
}
