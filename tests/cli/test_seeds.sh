#!/usr/bin/env bash
# The seed articles end to end, from raw text: dyad's events and quotes
# against the list a human coder wrote (tests/data/seeds/expected.txt).
# Floors only; the differences are printed as '#' lines.
. "$(dirname "$0")/tap.sh"
DATA=${DYAD_DATA:-../shared/data}
SEEDS=$(dirname "$DATA")/corpus/seeds
EXP=$(dirname "$0")/../data/seeds/expected.txt
MODEL=${DYAD_MODEL:-$(dirname "$DYAD")/en_ewt.model}
[ -f "$MODEL" ] || MODEL=$(cd "$(dirname "$0")/../.." && pwd)/build/en_ewt.model
if [ ! -d "$SEEDS" ] || [ ! -f "$MODEL" ]; then
  echo "# seed articles or model not found: skipped"
  echo "1..0 # SKIP no seeds or model"
  exit 0
fi
export DYAD_MODEL=$MODEL
declare -A DATE=( [000]=20250603 [004]=20230301 )
# 000 is from a Belarusian outlet ("The Prime Minister ... visited us"); 004's is not known.
declare -A HOME=( [000]="--home BLR" [004]="" )
: > "$TMP/got"
for a in 000 004; do
  f=$(ls "$SEEDS"/${a}_*.txt)
  "$DYAD" code --quiet --format csv --date "${DATE[$a]}" ${HOME[$a]} --db "$TMP/seeds.db" "$f" > "$TMP/$a.csv"
  check "dyad code on seed $a exits 0" test $? -eq 0
  # doc_id,sent_id,date,source,target,cameo,...
  tail -n +2 "$TMP/$a.csv" | awk -F, -v a=$a '{gsub(/-/,"",$3); print a, $3, $4, $6, $5}' | sort -u >> "$TMP/got"
done
grep '^event' "$EXP" | awk '{print $2, $3, $4, $5, $6}' | sort -u > "$TMP/want"
# Compare without the date; then check the dated ones.
cut -d' ' -f1,3- "$TMP/want" | sort -u > "$TMP/want.nd"
cut -d' ' -f1,3- "$TMP/got" | sort -u > "$TMP/got.nd"
hit=$(comm -12 "$TMP/want.nd" "$TMP/got.nd" | wc -l)
want=$(wc -l < "$TMP/want.nd"); got=$(wc -l < "$TMP/got.nd")
comm -23 "$TMP/want.nd" "$TMP/got.nd" | sed 's/^/# missed: /'
comm -13 "$TMP/want.nd" "$TMP/got.nd" | sed 's/^/# extra:  /'
echo "# events: $hit of $want expected found, $got produced (recall $((100 * hit / want))%, precision $((got ? 100 * hit / got : 0))%)"
check "Lukashenko's visit to China in article 000 (BLRGOV 042 CHN)" grep -q '^000 20250603 BLRGOV 042 CHN$' "$TMP/got"
check "... hosted by China (CHN 043 BLRGOV)" grep -q '^000 20250603 CHN 043 BLRGOV$' "$TMP/got"
check "the state visit of 28 February 2023 in article 004, dated that day" grep -q '^004 20230228 BLRGOV 042 CHN$' "$TMP/got"
check "event recall at least 85% (floor)" test $((100 * hit)) -ge $((85 * want))
check "event precision at least 85% (floor)" test $((100 * hit)) -ge $((85 * got))
# --home: "us" in the outlet's voice is its country; "We" inside a quotation is not.
printf 'The Chinese premier visited us last year.\n\n"We welcomed the Chinese premier warmly," Lukashenko said.\n' > "$TMP/home.txt"
"$DYAD" code --quiet --format csv --date 20250603 --home BLR "$TMP/home.txt" | cut -d, -f2,4,5,6 > "$TMP/home.csv"
check "--home BLR: 'visited us' is CHNGOV 042 BLR" grep -q '^home-1,CHNGOV,BLR,042$' "$TMP/home.csv"
check "--home BLR: a quoted 'We' is not BLR" sh -c "! grep -Eq '^home-2,(BLR,|[^,]*,BLR,)' '$TMP/home.csv'"
# Quotes: every one with its speaker's code.
"$DYAD" query quotes --db "$TMP/seeds.db" --format csv > "$TMP/quotes.csv"
n=0
while read -r kw art code rest; do
  first=$(echo "$rest" | sed 's/ *#.*//')
  n=$((n + 1))
  if grep -F -- "$first" "$TMP/quotes.csv" | grep -q ",$code,"; then ok "quote $art '$first' has speaker $code"
  else not_ok "quote $art '$first' has speaker $code"; grep -F -- "$first" "$TMP/quotes.csv" | sed 's/^/# got: /'; fi
done < <(grep '^quote' "$EXP")
nq=$(( $(wc -l < "$TMP/quotes.csv") - 1 ))
check "no quotes beyond the $n expected (got $nq)" test "$nq" -eq "$n"
# The same articles on two workers: the same output, in the same order.
"$DYAD" code --quiet --date 20250603 "$SEEDS" > "$TMP/t1.jsonl"
"$DYAD" code --quiet --date 20250603 --threads 2 "$SEEDS" > "$TMP/t2.jsonl"
check "--threads 2 writes what one worker writes, in order" cmp -s "$TMP/t1.jsonl" "$TMP/t2.jsonl"
# Storing the same articles again stores nothing new.
before=$("$DYAD" query events --db "$TMP/seeds.db" --count --format csv | tail -n 1)
"$DYAD" code --quiet --no-output --date 20250603 --db "$TMP/seeds.db" "$SEEDS"/000_*.txt
after=$("$DYAD" query events --db "$TMP/seeds.db" --count --format csv | tail -n 1)
check "coding an article twice into the store counts its events once ($before, $after)" test "$before" = "$after"
# A whole number of batches (eight documents on one worker): the store's
# last, empty batch must not try to commit.
for i in 1 2 3 4 5 6 7 8; do
  printf '{"id":"b%d","date":"2025-06-03","text":"Russian police arrested %d protesters in Moscow."}\n' $i $i
done > "$TMP/eight.jsonl"
"$DYAD" code --quiet --no-output --db "$TMP/eight.db" "$TMP/eight.jsonl"
check "eight JSON Lines documents into a store: exit 0" test $? -eq 0
done_testing
