# Helpers for the end-to-end tests: each test script sources this file.
# Environment (set by ctest): CONFRERE_INDEX, CONFRERE_QUERY, FIXTURES, CONFRERE_DATA_DIR, SHARED.
set -u
TMP=$(mktemp -d "${TMPDIR:-/tmp}/confrere-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export CONFRERE_DB="$TMP/db"
export NO_COLOR=1
FAILS=0
PASSES=0

idx() { "$CONFRERE_INDEX" "$@"; }
qry() { "$CONFRERE_QUERY" "$@"; }

ok() { PASSES=$((PASSES + 1)); }
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

# expect_exit CODE CMD... : runs CMD, keeps stdout in $OUT and stderr in $ERR.
expect_exit() {
  local want=$1; shift
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  OUT=$(cat "$TMP/out"); ERR=$(cat "$TMP/err")
  if [ "$got" -eq "$want" ]; then ok; else fail "exit $got (want $want): $* | stderr: $ERR"; fi
}

contains() {  # contains HAYSTACK NEEDLE LABEL
  if printf '%s' "$1" | grep -qF -- "$2"; then ok; else fail "${3:-output} lacks '$2'"; fi
}
lacks() {
  if printf '%s' "$1" | grep -qF -- "$2"; then fail "${3:-output} contains '$2'"; else ok; fi
}

# ingest_fixture DB < JSONL : keeps the posts given on stdin in a file and ingests them into DB.
ingest_fixture() {
  local f="$TMP/$(basename "$1")-fixture.jsonl"
  cat > "$f"
  expect_exit 0 idx --db "$1" ingest "$f"
}

# pyjson 'python expression over d' : evaluates against the JSON in $OUT; fails unless true.
pyjson() {
  if printf '%s' "$OUT" | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($1) else 1)"; then
    ok
  else
    fail "JSON check failed: $1"
  fi
}

finish() {
  echo "$PASSES passed, $FAILS failed"
  [ "$FAILS" -eq 0 ]
  exit $?
}
