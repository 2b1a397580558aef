/*
** svg.c: a line chart drawn on the server as inline SVG: no script and no
** chart library. Points are categories (periods with events), evenly
** spaced; the y axis starts at zero (or at the minimum when it is
** negative, for Goldstein sums). Colours come from the stylesheet through
** the classes the caller names.
*/
#include <math.h>
#include <stdio.h>
#include "internal.h"

#define W 760
#define H 260
#define PAD_L 48
#define PAD_R 16
#define PAD_T 16
#define PAD_B 40

/* A round step for about four ticks over span. */
static double tick_step(double span) {
  if (span <= 0) return 1;
  double raw = span / 4, mag = pow(10, floor(log10(raw))), f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

void web_svg_chart(web_buf *b, int n, const char *const *xlabels, int nlines,
                   const double *const *ys, const char *const *labels,
                   const char *const *cls, const char *title) {
  double lo = 0, hi = 1;
  for (int l = 0; l < nlines; l++)
    for (int i = 0; i < n; i++) {
      if (ys[l][i] > hi) hi = ys[l][i];
      if (ys[l][i] < lo) lo = ys[l][i];
    }
  double step = tick_step(hi - lo);
  hi = ceil(hi / step) * step;
  lo = floor(lo / step) * step;
  double pw = W - PAD_L - PAD_R, ph = H - PAD_T - PAD_B;
#define X(i) (PAD_L + (n > 1 ? pw * (i) / (n - 1) : pw / 2))
#define Y(v) (PAD_T + ph * (hi - (v)) / (hi - lo))
  web_printf(b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", W, H);
  web_htmls(b, title);
  web_put(b, "\"><title>");
  web_htmls(b, title);
  web_put(b, "</title>");
  for (double v = lo; v <= hi + step / 2; v += step) {
    web_printf(b, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>", PAD_L,
               W - PAD_R, Y(v), Y(v));
    web_printf(b, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g</text>",
               PAD_L - 6, Y(v) + 4, v);
  }
  int every = n > 8 ? (n + 7) / 8 : 1;  /* at most about eight x labels */
  for (int i = 0; i < n; i++)
    if (i % every == 0 || i == n - 1) {
      web_printf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">", X(i),
                 H - PAD_B + 18, n > 1 && i == n - 1 ? "end" : n > 1 && i == 0 ? "start" : "middle");
      web_htmls(b, xlabels[i]);
      web_put(b, "</text>");
    }
  for (int l = 0; l < nlines; l++) {
    web_put(b, "<g class=\"");
    web_htmls(b, cls[l]);
    web_put(b, "\"><polyline points=\"");
    for (int i = 0; i < n; i++) web_printf(b, "%s%.1f,%.1f", i ? " " : "", X(i), Y(ys[l][i]));
    web_put(b, "\"/>");
    for (int i = 0; i < n; i++) {
      web_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>", X(i), Y(ys[l][i]));
      web_htmls(b, labels[l]);
      web_put(b, " ");
      web_htmls(b, xlabels[i]);
      web_printf(b, ": %g</title></circle>", ys[l][i]);
    }
    web_put(b, "</g>");
  }
  for (int l = 0; l < nlines; l++) {  /* legend */
    web_printf(b, "<g class=\"legend ");
    web_htmls(b, cls[l]);
    web_printf(b, "\"><rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\"/>"
               "<text x=\"%d\" y=\"%d\">", PAD_L + 170 * l, H - 14, PAD_L + 170 * l + 16, H - 3);
    web_htmls(b, labels[l]);
    web_put(b, "</text></g>");
  }
  if (n == 0)
    web_printf(b, "<text class=\"empty\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">no events"
               "</text>", W / 2, H / 2);
  web_put(b, "</svg>");
#undef X
#undef Y
}
