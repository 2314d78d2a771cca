#!/usr/bin/env bash
# Focus: failure paths: bad lines, missing inputs, a held lock, damaged store and index.
. "$(dirname "$0")/lib.sh"

# Bad lines: one line each on stderr (file:line: reason, never the text), exit 65, good lines land.
expect_exit 65 idx ingest "$FIXTURES/bad.jsonl"
for want in "bad.jsonl:2: \"text\" must be a string" "bad.jsonl:3: invalid JSON" \
            "bad.jsonl:4: missing \"id\"" "bad.jsonl:7: \"created_at\" is not an ISO 8601 date" \
            "bad.jsonl:8: \"likes\" must be a whole number >= 0" "bad.jsonl:9: \"text\" is empty" \
            "bad.jsonl:10: not a JSON object" "bad.jsonl:12: invalid UTF-8"; do
  contains "$ERR" "$want" stderr
done
contains "$ERR" "3 added, 0 updated, 0 unchanged, 8 rejected"
lacks "$ERR" "sans identifiant" stderr
lacks "$ERR" "date fausse" stderr
lacks "$ERR" "octet invalide" stderr
expect_exit 0 idx stats --json
pyjson 'd["posts"] == 3 and d["cases"] == 2'
expect_exit 0 idx check

# An oversized line (over 1 MiB) is rejected without stopping the file.
{
  printf '%s\n' '{"id": "o1", "text": "avant la ligne géante"}'
  printf '{"id": "huge", "text": "'; head -c 2000000 /dev/zero | tr '\0' 'a'; printf '"}\n'
  printf '%s\n' '{"id": "o2", "text": "après la ligne géante"}'
} > "$TMP/oversized.jsonl"
expect_exit 65 idx ingest "$TMP/oversized.jsonl"
contains "$ERR" "oversized.jsonl:2: line longer than 1048576 bytes"
contains "$ERR" "2 added, 0 updated, 0 unchanged, 1 rejected"

# Missing input: 66, nothing stored.
expect_exit 66 idx ingest "$TMP/missing.jsonl"
contains "$ERR" "missing.jsonl: no such file or directory"
expect_exit 64 idx ingest --format xml "$FIXTURES/small.jsonl"
expect_exit 64 idx ingest
expect_exit 64 idx frobnicate
expect_exit 0 idx --help

# One writer at a time: a held lock makes the second writer wait, then exit 75.
mkdir -p "$CONFRERE_DB"
flock "$CONFRERE_DB/lock" sleep 5 &
holder=$!
sleep 0.5
expect_exit 75 idx ingest --wait 1 "$FIXTURES/small.jsonl"
contains "$ERR" "another confrere-index is writing"
# Readers are not blocked by the writer lock.
expect_exit 0 qry browse --json
wait $holder
expect_exit 0 idx ingest --wait 1 "$FIXTURES/small.jsonl"

# A missing index: queries say what to do; rebuild mends it.
rm -rf "$CONFRERE_DB"/index "$CONFRERE_DB"/index-*
expect_exit 66 qry search toux
contains "$ERR" "no index; run confrere-index rebuild"
expect_exit 1 idx check
expect_exit 0 idx rebuild
contains "$ERR" "rebuild: 7 cases indexed"
expect_exit 0 idx check
expect_exit 0 qry search --json toux
pyjson 'd["results"][0]["id"] == "g1"'

# A damaged index file: check notices, rebuild mends.
live=$(awk '{print $2}' "$CONFRERE_DB/index")
for f in "$CONFRERE_DB/$live"/postlist.glass; do
  dd if=/dev/urandom of="$f" bs=1 seek=100 count=2000 conv=notrunc 2>/dev/null
done
expect_exit 1 idx check
expect_exit 0 idx rebuild
expect_exit 0 idx check
[ "$(ls -d "$CONFRERE_DB"/index-* | wc -l)" -le 2 ] && ok || fail "old index directories left behind"

# The authors' evidence miscounted (a hand edit, an old bug): check names it, rebuild recounts.
sqlite3 "$CONFRERE_DB/store.sqlite" "UPDATE author_evidence SET posts = posts + 3"
expect_exit 1 idx check
contains "$ERR" "authors' posts say of them is miscounted (author_evidence); run confrere-index rebuild"
expect_exit 0 idx rebuild
expect_exit 0 idx check

# A damaged store is an error with the file's name, not a crash.
mkdir -p "$TMP/broken"
head -c 8192 /dev/urandom > "$TMP/broken/store.sqlite"
expect_exit 74 idx --db "$TMP/broken" ingest "$FIXTURES/small.jsonl"
contains "$ERR" "store.sqlite"
expect_exit 74 idx --db "$TMP/broken" export
finish
