#!/usr/bin/env bash
# The dyad command's own usage: help, version, unknown commands.
. "$(dirname "$0")/tap.sh"
check "dyad --help exits 0 and lists commands" bash -c '"$0" --help | grep -q "validate"' "$DYAD"
check "dyad --version prints the version" bash -c '"$0" --version | grep -q "^dyad [0-9]"' "$DYAD"
"$DYAD" frobnicate >/dev/null 2>"$TMP/err"; rc=$?
check "unknown command exits 2" test "$rc" -eq 2
check "unknown command is named" grep -q "frobnicate" "$TMP/err"
done_testing
