# tap.sh: a few lines of TAP for the CLI tests (sourced, not run).
# Each test script sets DYAD (the binary under test) from the environment.
: "${DYAD:=$(cd "$(dirname "$0")/../.." && pwd)/build/dyad}"
TAP_N=0
TAP_FAIL=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $1"; }
not_ok() { TAP_N=$((TAP_N + 1)); TAP_FAIL=$((TAP_FAIL + 1)); echo "not ok $TAP_N - $1"; }
# check NAME COMMAND...: passes when the command exits 0
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
done_testing() { echo "1..$TAP_N"; [ "$TAP_FAIL" -eq 0 ]; }
