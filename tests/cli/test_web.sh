#!/usr/bin/env bash
# The web view end to end: the seed articles and an article full of
# <script> and quotes coded into a fresh store (dyad code --db), dyad serve
# on a free loopback port, and tests/web/e2e.js driving Debian's chromium
# through playwright-core (tests/web/package.json; .ci/run installs it into
# <build>/web). Screenshots go to <build>/screenshots/. A missing browser,
# node or playwright-core is a failure, not a skip.
. "$(dirname "$0")/tap.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$(dirname "$DYAD")" && pwd)
DATA=${DYAD_DATA:-../shared/data}
SEEDS=$(dirname "$DATA")/corpus/seeds
MODEL=${DYAD_MODEL:-$BUILD/en_ewt.model}
[ -f "$MODEL" ] || MODEL=$ROOT/build/en_ewt.model
if [ ! -d "$SEEDS" ]; then
  echo "1..0 # SKIP no seed articles"
  exit 0
fi
export DYAD_MODEL=$MODEL
PW=${DYAD_PLAYWRIGHT:-$BUILD/web/node_modules/playwright-core}
if [ ! -d "$PW" ] && [ -d "$ROOT/build/web/node_modules/playwright-core" ]; then
  PW=$ROOT/build/web/node_modules/playwright-core
fi
check "chromium is installed (/usr/bin/chromium)" test -x /usr/bin/chromium
check "node is installed" bash -c "command -v node >/dev/null"
check "playwright-core is installed ($PW; see .ci/run)" test -f "$PW/package.json"
if [ "$TAP_FAIL" -ne 0 ]; then done_testing; exit 1; fi

DB=$TMP/web.db
for f in "$SEEDS"/000_*.txt; do "$DYAD" code --db "$DB" --no-output --date 20250603 "$f"; done 2>"$TMP/code.err"
for f in "$SEEDS"/004_*.txt; do "$DYAD" code --db "$DB" --no-output --date 20230301 "$f"; done 2>>"$TMP/code.err"
cat > "$TMP/xss_article.txt" <<'TXT'
Title: <script>window.__xss=1</script> Lukashenko & "Xi" talks

Belarusian President Alexander Lukashenko met Chinese President Xi Jinping in Beijing on Tuesday. <img src=x onerror="window.__xss=2"> "We are friends," Lukashenko said. The talks covered trade & O'Brien's report.
TXT
"$DYAD" code --db "$DB" --no-output --date 20250610 "$TMP/xss_article.txt" 2>>"$TMP/code.err"
check "three articles coded into a fresh store" \
  test "$("$DYAD" query events --db "$DB" --count)" -ge 10

"$DYAD" serve --db "$DB" --port 0 2>"$TMP/serve.err" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$TMP"' EXIT
PORT=
for _ in $(seq 1 100); do
  PORT=$(sed -n 's|.*on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/serve.err")
  [ -n "$PORT" ] && break
  sleep 0.1
done
check "dyad serve listens on a free loopback port" test -n "$PORT"
if [ -z "$PORT" ]; then cat "$TMP/serve.err" | sed 's/^/# /'; done_testing; exit 1; fi

SHOTS=$BUILD/screenshots
BASE=http://127.0.0.1:$PORT SHOTS=$SHOTS PW=$PW XSS_ID=xss_article \
  timeout 180 node "$ROOT/tests/web/e2e.js" > "$TMP/e2e.out" 2>&1
rc=$?
while IFS= read -r line; do
  case $line in
    "ok - "*) ok "${line#ok - }" ;;
    "not ok - "*) not_ok "${line#not ok - }" ;;
    *) echo "# $line" ;;
  esac
done < "$TMP/e2e.out"
check "the browser test finished (exit $rc)" test "$rc" -eq 0
for s in overview article events article-xss actor dyad search; do
  check "screenshot $s.png saved" test -s "$SHOTS/$s.png"
done
kill -TERM "$SERVER"
wait "$SERVER"; src=$?
check "dyad serve stops cleanly on SIGTERM" test "$src" -eq 0
grep -q "stopped (SIGTERM)" "$TMP/serve.err" || echo "# $(cat "$TMP/serve.err")"
done_testing
