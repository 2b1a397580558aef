#!/usr/bin/env bash
# bench_web.sh DYAD [EVENTS]: throughput and latency of dyad serve's
# /api/events with wrk (Debian package wrk) on a store of EVENTS generated
# events (default 100000; made with awk and stored with dyad load, kept in
# <build>/bench-web.db for the next run). Prints figures, asserts nothing
# but that wrk saw no errors.
set -euo pipefail
DYAD=$1
N=${2:-100000}
command -v wrk >/dev/null || { echo "bench-web: wrk not found (apt-get install wrk)" >&2; exit 2; }
DIR=$(cd "$(dirname "$DYAD")" && pwd)
DB=$DIR/bench-web.db
if [ "$("$DYAD" query events --db "$DB" --count 2>/dev/null || echo 0)" -lt "$N" ]; then
  rm -f "$DB" "$DB-wal" "$DB-shm"
  awk -v n="$N" 'BEGIN {
    split("BLR CHN RUS USA UKR DEU FRA IND BRA TUR", c, " ");
    split("GOV MIL BUS  ", r, " ");
    split("010 020 036 040 042 043 050 057 061 111 120 130 172 190", code, " ");
    split("0 3 4 1 1.9 2.8 3.5 8 6.4 -2 -4 -4.4 -5 -10", gs, " ");
    split("1 1 1 1 1 1 1 1 2 3 3 3 4 4", qd, " ");
    srand(1);
    for (i = 0; i < n; i++) {
      s = c[int(rand() * 10) + 1] r[int(rand() * 4) + 1];
      t = c[int(rand() * 10) + 1] r[int(rand() * 4) + 1];
      k = int(rand() * 14) + 1;
      d = sprintf("%04d-%02d-%02d", 2015 + int(rand() * 10), int(rand() * 12) + 1, int(rand() * 28) + 1);
      printf "{\"doc_id\":\"bench%d\",\"sent_id\":\"bench%d-%d\",\"date\":\"%s\",\"source\":\"%s\",\"target\":\"%s\",\"cameo\":\"%s\",\"goldstein\":%s,\"quad\":%s,\"source_text\":\"%s\",\"target_text\":\"%s\",\"verb_text\":\"v%d\",\"issues\":\"\",\"pattern\":null,\"negated\":false}\n", int(i / 5), int(i / 5), i % 5 + 1, d, s, t, code[k], gs[k], qd[k], s, t, i
    }
  }' > "$DIR/bench-web.jsonl"
  "$DYAD" load --quiet --db "$DB" "$DIR/bench-web.jsonl"
  rm -f "$DIR/bench-web.jsonl"
fi
echo "store: $("$DYAD" query events --db "$DB" --count) events in $DB"
LOG=$(mktemp)
"$DYAD" serve --db "$DB" --port 0 --threads 2 2>"$LOG" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -f "$LOG"' EXIT
PORT=
for _ in $(seq 1 100); do
  PORT=$(sed -n 's|.*on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$LOG")
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { cat "$LOG" >&2; exit 2; }
run() {
  local url="http://127.0.0.1:$PORT$1" out
  out=$(wrk -t2 -c16 -d"${BENCH_SECONDS:-10}"s --latency "$url")
  echo "$1"
  echo "$out" | awk '/Requests\/sec/ { printf "  throughput %s requests/s\n", $2 }
                     / 50%/ { printf "  p50 %s", $2 } / 99%/ { printf "  p99 %s\n", $2 }
                     /Non-2xx|Socket errors/ { print "  " $0; bad = 1 }
                     END { exit bad }'
}
run "/api/events?limit=50"
run "/api/events?dyad=BLR:CHN&either=1&code=04&limit=50&offset=100"
