#!/usr/bin/env bash
# dyad train / parse / eval / bench parse from the command line: help,
# errors for missing and corrupt models, and a parse with a small model
# trained here (a few seconds).
. "$(dirname "$0")/tap.sh"
DATA=${DYAD_DATA:-../shared/data}
for c in train parse eval; do
  check "dyad $c --help exits 0" bash -c '"$0" "$1" --help | grep -q "^usage: dyad $1"' "$DYAD" "$c"
done
echo "Hello." | "$DYAD" parse --model "$TMP/none.model" >/dev/null 2>"$TMP/err"; rc=$?
check "missing model exits 2" test "$rc" -eq 2
check "missing model is explained" grep -q "none.model" "$TMP/err"
head -c 5000 /dev/urandom >"$TMP/bad.model"
echo "Hello." | "$DYAD" parse --model "$TMP/bad.model" >/dev/null 2>"$TMP/err"; rc=$?
check "corrupt model exits 2" test "$rc" -eq 2
check "corrupt model is named as such" grep -q "not a valid dyad model" "$TMP/err"
if [ -f "$DATA/treebank/en_ewt/train.conllu" ]; then
  "$DYAD" train --treebank "$DATA/treebank/en_ewt" --out "$TMP/s.model" --small --folds 1 \
    --epochs 2 --tag-epochs 2 --max-sentences 300 --quiet; rc=$?
  check "train a small model" test "$rc" -eq 0
  printf 'MINSK, June 3 (BelTA) - Belarus and China didn'"'"'t sign it.\n\nThey met.' |
    "$DYAD" parse --model "$TMP/s.model" >"$TMP/out.conllu"
  check "parse writes sent_id and text" grep -q "^# text = MINSK, June 3 (BelTA) - Belarus" "$TMP/out.conllu"
  check "parse writes the multiword token" grep -qP "^\d+-\d+\tdidn't\t" "$TMP/out.conllu"
  check "parse writes two sentences" test "$(grep -c '^# sent_id' "$TMP/out.conllu")" -eq 2
  "$DYAD" eval --model "$TMP/s.model" --json "$TMP/out.conllu" >"$TMP/eval.json"
  check "eval on its own output is 100" grep -q '"las": 100.00' "$TMP/eval.json"
  "$DYAD" eval --model "$TMP/s.model" --write "$TMP/w.conllu" "$TMP/out.conllu" >/dev/null
  # the words, tags, lemmas and tree eval scored are the ones dyad parse wrote
  check "eval --write writes the annotation it scored" \
    cmp <(grep -P '^\d+\t' "$TMP/out.conllu" | cut -f1-8) <(grep -P '^\d+\t' "$TMP/w.conllu" | cut -f1-8)
  "$DYAD" eval --model "$TMP/s.model" --write "$TMP/no/such/dir.conllu" "$TMP/out.conllu" >/dev/null 2>"$TMP/err"; rc=$?
  check "eval --write to an unwritable path exits 2" test "$rc" -eq 2
  "$DYAD" train --treebank "$DATA/treebank/en_ewt" --out "$TMP/r.model" --small --folds 2 \
    --epochs 1 --tag-epochs 1 --tag-rounds 2 --max-sentences 200 --quiet; rc=$?
  check "train with two tagger rounds and jackknifing" test "$rc" -eq 0
  echo 'They met in Minsk.' | "$DYAD" parse --model "$TMP/r.model" >"$TMP/r.conllu"
  check "its model parses" test "$(grep -cP '^\d+\t' "$TMP/r.conllu")" -eq 5
  "$DYAD" train --treebank "$DATA/treebank/en_ewt" --out "$TMP/b.model" --small --folds 1 \
    --epochs 1 --tag-epochs 1 --max-sentences 100 --beam 3 --quiet; rc=$?
  check "train for a beam of 3" test "$rc" -eq 0
  echo 'They met in Minsk.' | "$DYAD" parse --model "$TMP/b.model" >"$TMP/b.conllu"
  check "the beam model parses" test "$(grep -cP '^\d+\t' "$TMP/b.conllu")" -eq 5
  check "with one root" test "$(grep -cP '^\d+\t([^\t]*\t){5}0\t' "$TMP/b.conllu")" -eq 1
  "$DYAD" train --treebank "$DATA/treebank/en_ewt" --out "$TMP/x.model" --beam 65 2>"$TMP/err"; rc=$?
  check "a beam of 65 is refused" test "$rc" -eq 2
  check "naming the range" grep -q "from 1 to 64" "$TMP/err"
  check "and writes no model" test ! -e "$TMP/x.model"
  for n in 0 33; do
    "$DYAD" train --treebank "$DATA/treebank/en_ewt" --out "$TMP/x.model" --rounds $n 2>"$TMP/err"; rc=$?
    check "--rounds $n is refused" test "$rc" -eq 2
    check "naming the range" grep -q "from 1 to 32" "$TMP/err"
  done
  "$DYAD" train --treebank "$DATA/treebank/en_ewt" --out "$TMP/n.model" --small --folds 1 \
    --epochs 1 --tag-epochs 1 --max-sentences 100 --rounds 2 --quiet; rc=$?
  check "train two parser rounds" test "$rc" -eq 0
  echo 'They met in Minsk.' | "$DYAD" parse --model "$TMP/n.model" >"$TMP/n.conllu"
  check "their sum parses" test "$(grep -cP '^\d+\t([^\t]*\t){5}0\t' "$TMP/n.conllu")" -eq 1
  for n in 0 33; do
    "$DYAD" train --treebank "$DATA/treebank/en_ewt" --out "$TMP/x.model" --guide-rounds $n 2>"$TMP/err"; rc=$?
    check "--guide-rounds $n is refused" test "$rc" -eq 2
    check "naming the range" grep -q "from 1 to 32" "$TMP/err"
  done
  "$DYAD" train --treebank "$DATA/treebank/en_ewt" --out "$TMP/g.model" --small --folds 1 \
    --epochs 1 --tag-epochs 1 --max-sentences 100 --guide-rounds 2 --quiet; rc=$?
  check "train a guide parser of two rounds" test "$rc" -eq 0
  "$DYAD" train --treebank "$DATA/treebank/en_ewt" --out "$TMP/ng.model" --small --folds 1 \
    --epochs 1 --tag-epochs 1 --max-sentences 100 --no-guide --quiet; rc=$?
  check "train without a guide parser" test "$rc" -eq 0
  # the guide's weights are stored in the model: without them it is smaller
  check "a model without a guide is smaller" test "$(stat -c %s "$TMP/ng.model")" -lt "$(stat -c %s "$TMP/g.model")"
  for m in g ng; do
    echo 'They met in Minsk.' | "$DYAD" parse --model "$TMP/$m.model" >"$TMP/$m.conllu"
    check "$m.model parses with one root" test "$(grep -cP '^\d+\t([^\t]*\t){5}0\t' "$TMP/$m.conllu")" -eq 1
  done
  # bench pipeline runs its rounds on a small model, prints its keys, and
  # leaves no temporary store behind
  ls /tmp/dyad-bench-* 2>/dev/null | sort >"$TMP/before"
  DYAD_MODEL="$TMP/s.model" "$DYAD" bench pipeline --words 2000 --rounds 2 --json >"$TMP/bp.json"; rc=$?
  check "bench pipeline runs" test "$rc" -eq 0
  check "and prints its figures" grep -q '"overhead_percent": [0-9.-]*,.*"rounds": 2}' "$TMP/bp.json"
  ls /tmp/dyad-bench-* 2>/dev/null | sort >"$TMP/after"
  check "and removes its stores" cmp -s "$TMP/before" "$TMP/after"
  "$DYAD" bench pipeline --rounds 0 2>/dev/null; rc=$?
  check "bench pipeline --rounds 0 is refused" test "$rc" -eq 2
  "$DYAD" eval --model "$TMP/s.model" --raw --json "$TMP/out.conllu" >"$TMP/raw.json"
  check "eval --raw prints tokens, sentences, words" grep -q '"tokens": 100.00, "sentences": 100.00, "words": 100.00' "$TMP/raw.json"
fi
done_testing
