#!/usr/bin/env bash
# dyad validate and dyad code on the UD validation suites (skipped without the
# data folder), and their handling of bad input.
. "$(dirname "$0")/tap.sh"
DATA=${DYAD_DATA:-../shared/data}
V202=$DATA/validation/ud-unit/v2_02
if [ -d "$V202" ]; then
  "$DYAD" validate "$V202/PETR_Validate_records_2_02.xml" > "$TMP/v202" 2>&1; rc=$?
  check "validate v2_02 exits 1 while some records fail" test "$rc" -eq 1
  last=$(tail -n 1 "$TMP/v202")
  check "validate ends with 'N passed, M failed'" bash -c "echo '$last' | grep -Eq '^[0-9]+ passed, [0-9]+ failed$'"
  passed=${last%% passed*}
  # Floor: at least 90% of the 264 evaluated records (238); see the README.
  check "validate v2_02 passes at least 238 of 264 records (got $passed)" test "${passed:-0}" -ge 238
  check "mismatches name id, expected and got" grep -Eq '^[A-Z0-9-]+: expected \[.*\] got \[.*\]$' "$TMP/v202"
  "$DYAD" validate "$DATA/validation/ud-unit/PETR.UnitTest.records.parsing_parsed_udpipe_2.1.xml" > "$TMP/v21" 2>&1
  last=$(tail -n 1 "$TMP/v21"); passed=${last%% passed*}
  check "validate 2.1 passes at least 240 of 287 records (got $passed)" test "${passed:-0}" -ge 240
  # dyad code on one record's parse: DEMO-03 is DAGGOV 042 GON, GON 043 DAGGOV.
  awk '/id="DEMO-03"/{f=1} f&&/<Parse>/{p=1;next} p&&/<\/Parse>/{exit} p' \
    "$V202/PETR_Validate_records_2_02.xml" > "$TMP/demo03.conllu"
  printf '\n' >> "$TMP/demo03.conllu"
  "$DYAD" code --conllu "$TMP/demo03.conllu" --date 19950103 --verbs "$V202/PETR_Validate_verbs_2_02.txt" \
    --actors "$V202/PETR_Validate_actors_2_02.txt" --agents "$V202/PETR_Validate_agents_2_02.txt" \
    > "$TMP/demo03.jsonl"
  check "code: DEMO-03 gives DAGGOV 042 GON" grep -q '"source":"DAGGOV","target":"GON","cameo":"042"' "$TMP/demo03.jsonl"
  check "code: and GON 043 DAGGOV" grep -q '"source":"GON","target":"DAGGOV","cameo":"043"' "$TMP/demo03.jsonl"
  check "code: two events" test "$(wc -l < "$TMP/demo03.jsonl")" -eq 2
  check "code: date as YYYY-MM-DD" grep -q '"date":"1995-01-03"' "$TMP/demo03.jsonl"
  # A bad dictionary: exit 2 and a message with file and line.
  cp "$V202/PETR_Validate_verbs_2_02.txt" "$TMP/verbs.txt"
  printf -- '- * {UNBALANCED [010]\n' >> "$TMP/verbs.txt"
  n=$(wc -l < "$TMP/verbs.txt")
  "$DYAD" code --conllu "$TMP/demo03.conllu" --verbs "$TMP/verbs.txt" > /dev/null 2> "$TMP/err"; rc=$?
  check "bad verb dictionary exits 2" test "$rc" -eq 2
  check "bad verb dictionary names file and line" grep -q "verbs.txt:$n:" "$TMP/err"
fi
# Bad CoNLL-U: events of the sentences before the bad one are kept.
printf '1\tX\tx\tNOUN\t_\t_\t0\troot\t_\t_\n\n1\tY\ty\tNOUN\t_\t_\t2\troot\t_\t_\n\n' > "$TMP/bad.conllu"
printf 'A_ [AAA]\n' > "$TMP/a.txt"; printf -- '--- X [010] ---\nX\n' > "$TMP/v.txt"
"$DYAD" code --conllu "$TMP/bad.conllu" --verbs "$TMP/v.txt" --actors "$TMP/a.txt" > /dev/null 2> "$TMP/err"; rc=$?
check "bad CoNLL-U exits 2" test "$rc" -eq 2
check "bad CoNLL-U names file and line" grep -q "bad.conllu:3:" "$TMP/err"
printf '<Validation><Sentences><Sentence id="A" date="1995">\n' > "$TMP/bad.xml"
"$DYAD" validate "$TMP/bad.xml" --dict-dir "$TMP" > /dev/null 2> "$TMP/err"; rc=$?
check "bad validation file exits 2" test "$rc" -eq 2
check "bad validation file names file and line" grep -q "bad.xml:1" "$TMP/err"
: > "$TMP/empty.conllu"
"$DYAD" code --conllu "$TMP/empty.conllu" --verbs "$TMP/v.txt" --actors "$TMP/a.txt" > /dev/null 2> "$TMP/err"; rc=$?
check "empty CoNLL-U exits 2 with a message" bash -c "test $rc -eq 2 && grep -q 'empty.conllu: no sentences' '$TMP/err'"
: > "$TMP/empty.txt"
"$DYAD" code --conllu "$TMP/bad.conllu" --verbs "$TMP/v.txt" --actors "$TMP/empty.txt" > /dev/null 2> "$TMP/err"; rc=$?
check "empty dictionary exits 2 naming the file" bash -c "test $rc -eq 2 && grep -q 'empty.txt:1:' '$TMP/err'"
head -c 2000000 /dev/zero | tr '\0' 'x' > "$TMP/long.conllu"
"$DYAD" code --conllu "$TMP/long.conllu" --verbs "$TMP/v.txt" --actors "$TMP/a.txt" > /dev/null 2> "$TMP/err"; rc=$?
check "a 2 MB line exits 2 naming file and line" bash -c "test $rc -eq 2 && grep -q 'long.conllu:1:' '$TMP/err'"
"$DYAD" validate --help > "$TMP/help"
check "validate --help documents the exit status" grep -q "Exit status" "$TMP/help"
"$DYAD" code --help > "$TMP/help"
check "code --help lists the output fields" grep -q "source_text" "$TMP/help"
done_testing
