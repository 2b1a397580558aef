#!/usr/bin/env bash
# The event store from the command line: dyad load of hand-written JSON
# Lines, the queries in each format, bad input, and the crash-safety test
# (kill -9 during a load, rerun, compare with a clean run).
. "$(dirname "$0")/tap.sh"
DB=$TMP/t.db
cat > "$TMP/ev.jsonl" <<'JSONL'
{"doc_id":"d1","sent_id":"d1-1","date":"2025-06-03","source":"BLRGOV","target":"CHN","cameo":"042","cameo_name":"Make a visit","goldstein":1.9,"quad":1,"source_text":"Lukashenko","target_text":"China","verb_text":"arrived","issues":"","pattern":"CAMEO.2.0.txt:12: ARRIVE","negated":false,"plover":"CONSULT"}
{"doc_id":"d1","sent_id":"d1-2","date":"2025-06-03","source":"BLRGOV","target":"CHNGOV","cameo":"040","goldstein":1.0,"quad":1,"source_text":"Lukashenko","target_text":"Li Keqiang","verb_text":"met","issues":"","pattern":null,"negated":false}
{"doc_id":"d1","sent_id":"d1-3","date":"2025-06-03","source":"BLRGOV","target":"CHNGOV","cameo":"040","goldstein":1.0,"quad":1,"source_text":"Lukashenko","target_text":"the premier","verb_text":"talked","issues":"","pattern":null,"negated":false}

{"doc_id":"d2","sent_id":"d2-1","date":"2025-07-10","source":"CHN","target":"BLR","cameo":"190","goldstein":-10,"quad":4,"source_text":"China, \"they\" said","target_text":"Belarus","verb_text":"attacked","issues":["A","B"],"pattern":null,"negated":true}
JSONL
"$DYAD" load --db "$DB" "$TMP/ev.jsonl" 2> "$TMP/err"; rc=$?
check "load exits 0" test "$rc" -eq 0
check "load reports what it stored" grep -q "load: 4 lines, 4 events added, 0 already stored, 0 bad lines" "$TMP/err"
"$DYAD" load --db "$DB" - < "$TMP/ev.jsonl" 2> "$TMP/err"; rc=$?
check "loading the same events again (stdin) stores nothing" \
  bash -c "test $rc -eq 0 && grep -q '0 events added, 4 already stored' '$TMP/err'"
check "query events --count: 4" test "$("$DYAD" query events --db "$DB" --count)" = 4
check "--one-a-day drops the second BLRGOV 040 CHNGOV of the day" \
  test "$("$DYAD" query events --db "$DB" --one-a-day --count)" = 3
check "--dyad CHN:BLR --either --code 04: 3" \
  test "$("$DYAD" query events --db "$DB" --dyad CHN:BLR --either --code 04 --count)" = 3
check "--quad 4 --from 2025-07-01: 1" \
  test "$("$DYAD" query events --db "$DB" --quad 4 --from 2025-07-01 --count)" = 1
"$DYAD" query events --db "$DB" --actor BLRGOV --limit 1 > "$TMP/table"
check "table: header and one row" test "$(wc -l < "$TMP/table")" -eq 2
check "table row: date source target code" grep -Eq '^2025-06-03 +BLRGOV +CHN +042 +1 +1\.9 +d1 +arrived$' "$TMP/table"
"$DYAD" query events --db "$DB" --format csv > "$TMP/csv"
check "csv header names every column" \
  grep -qx 'doc_id,sent,date,source,target,code,plover,goldstein,quad,source_text,target_text,verb_text,issues,negated,resolved,counted,why' "$TMP/csv"
check "csv quotes a field with commas and quotes" grep -q '"China, ""they"" said"' "$TMP/csv"
"$DYAD" query events --db "$DB" --format jsonl --code 19 > "$TMP/jsonl"
check "jsonl: one object, fields typed" \
  grep -q '^{"doc_id":"d2","sent":0,"date":"2025-07-10","source":"CHN","target":"BLR","code":"190","plover":"","goldstein":-10.0,"quad":4,"source_text":"China, \\"they\\" said",.*"issues":"A;B","negated":true' "$TMP/jsonl"
"$DYAD" query dyads --db "$DB" --by month --format csv > "$TMP/dyads"
check "dyads by month: counts and Goldstein sums" \
  bash -c "grep -qx '2025-06,BLRGOV,CHNGOV,2,2.0' '$TMP/dyads' && grep -qx '2025-07,CHN,BLR,1,-10.0' '$TMP/dyads'"
"$DYAD" query dyads --db "$DB" --by week --format csv > "$TMP/week"
check "dyads by week are named by their Monday" grep -q '^2025-06-02,BLRGOV,CHNGOV,2,2.0$' "$TMP/week"
"$DYAD" query actors --db "$DB" --format csv > "$TMP/actors"
check "actors: BLRGOV 3 as source" grep -qx 'BLRGOV,3,0' "$TMP/actors"
"$DYAD" query quotes --db "$DB" --format jsonl > "$TMP/quotes"; rc=$?
check "quotes on a store without quotes: exit 0, no rows" bash -c "test $rc -eq 0 && ! test -s '$TMP/quotes'"
"$DYAD" search Lukashenko --db "$DB" > /dev/null; rc=$?
check "search without matching articles exits 1" test "$rc" -eq 1
# Bad input: the message names file and line; the lines before it are kept.
{ head -n 2 "$TMP/ev.jsonl" | sed 's/d1/b1/g'; echo '{"doc_id":"b1",'; sed -n 5p "$TMP/ev.jsonl" | sed 's/d2/b2/g'; } > "$TMP/bad.jsonl"
"$DYAD" load --db "$TMP/bad.db" "$TMP/bad.jsonl" 2> "$TMP/err"; rc=$?
check "bad JSON exits 2" test "$rc" -eq 2
check "bad JSON names file and line" grep -q "bad.jsonl:3: bad JSON" "$TMP/err"
check "the events before the bad line are committed" test "$("$DYAD" query events --db "$TMP/bad.db" --count)" = 2
"$DYAD" load --db "$TMP/bad.db" --keep-going "$TMP/bad.jsonl" 2> "$TMP/err"; rc=$?
check "--keep-going skips the bad line and exits 1" bash -c "test $rc -eq 1 && grep -q '1 events added, 2 already stored, 1 bad lines' '$TMP/err'"
printf 'not a database, just text that is long enough to fill a header page.......................\n' > "$TMP/text.db"
"$DYAD" query events --db "$TMP/text.db" 2> "$TMP/err"; rc=$?
check "a file that is not a store: exit 2 with a message" bash -c "test $rc -eq 2 && grep -q 'text.db' '$TMP/err'"
"$DYAD" query events --db "$TMP/missing.db" 2> /dev/null; rc=$?
check "a missing store is an error, not created" bash -c "test $rc -eq 2 && ! test -e '$TMP/missing.db'"
for c in "query" "load" "search"; do
  "$DYAD" $c --help > "$TMP/help"
  check "$c --help has synopsis, exit status and examples" \
    bash -c "grep -q SYNOPSIS '$TMP/help' && grep -q 'EXIT STATUS' '$TMP/help' && grep -q EXAMPLES '$TMP/help'"
done

# Crash safety: 200,000 events, a load killed with SIGKILL mid-run, rerun to
# completion, compared with a clean load into a fresh database.
N=200000
awk -v n=$N 'BEGIN { for (i = 0; i < n; i++) {
  d = i % 28 + 1; s = (i % 7 == 0) ? "BLRGOV" : "RUSGOV"; t = (i % 3 == 0) ? "CHN" : "UKR";
  printf("{\"doc_id\":\"doc%d\",\"sent_id\":\"doc%d-%d\",\"date\":\"2025-02-%02d\",\"source\":\"%s\",\"target\":\"%s\",\"cameo\":\"0%d\",\"goldstein\":%d.5,\"quad\":%d,\"source_text\":\"x\",\"target_text\":\"y\",\"verb_text\":\"v%d\",\"issues\":\"\",\"pattern\":null,\"negated\":false}\n",
         int(i / 10), int(i / 10), i % 10 + 1, d, s, t, 40 + i % 20, i % 5, i % 4 + 1, i % 10) } }' > "$TMP/big.jsonl"
"$DYAD" load --db "$TMP/clean.db" --quiet "$TMP/big.jsonl"
clean=$("$DYAD" query events --db "$TMP/clean.db" --count)
check "clean run stores all $N events" test "$clean" = $N
"$DYAD" load --db "$TMP/crash.db" --quiet --batch 5000 "$TMP/big.jsonl" & pid=$!
seen=0
for _ in $(seq 1 600); do
  sleep 0.05
  seen=$("$DYAD" query events --db "$TMP/crash.db" --count 2> /dev/null || echo 0)
  [ "${seen:-0}" -gt 0 ] && break
done
kill -9 $pid 2> /dev/null; wait $pid 2> /dev/null
partial=$("$DYAD" query events --db "$TMP/crash.db" --count)
echo "# killed with $partial of $N events committed"
check "the killed load left a readable store with whole batches ($partial events)" \
  bash -c "test $((partial % 5000)) -eq 0 && test $partial -lt $N"
"$DYAD" load --db "$TMP/crash.db" --quiet --batch 5000 "$TMP/big.jsonl"; rc=$?
check "the rerun completes" test "$rc" -eq 0
check "after the rerun: $N events, as the clean run" test "$("$DYAD" query events --db "$TMP/crash.db" --count)" = "$clean"
for what in "dyads --by day" "actors" "events --one-a-day"; do
  a=$("$DYAD" query $what --db "$TMP/clean.db" --format csv | cksum)
  b=$("$DYAD" query $what --db "$TMP/crash.db" --format csv | cksum)
  check "query $what: same answer as the clean run" test "$a" = "$b"
done
done_testing
