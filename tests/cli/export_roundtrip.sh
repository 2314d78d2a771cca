#!/usr/bin/env bash
# Focus: export → ingest into an empty store → export gives the same posts and texts.
. "$(dirname "$0")/lib.sh"
expect_exit 0 idx ingest "$FIXTURES/small.jsonl"
idx export > "$TMP/one.jsonl" && ok || fail "export failed"
[ "$(wc -l < "$TMP/one.jsonl")" -eq 10 ] && ok || fail "export has $(wc -l < "$TMP/one.jsonl") lines, not 10"
grep -q '"tags":{"specialties":\[' "$TMP/one.jsonl" && ok || fail "cases carry no tags"
expect_exit 0 idx --db "$TMP/two" ingest "$TMP/one.jsonl"
idx --db "$TMP/two" export > "$TMP/two.jsonl" && ok || fail "second export failed"
if cmp -s "$TMP/one.jsonl" "$TMP/two.jsonl"; then ok; else fail "exports differ"; diff "$TMP/one.jsonl" "$TMP/two.jsonl" | head >&2; fi
# Export read back into the same store changes nothing.
expect_exit 0 idx ingest --json "$TMP/one.jsonl"
pyjson 'd["unchanged"] == 10 and d["added"] == 0 and d["updated"] == 0'
# Ids are kept exactly as given.
contains "$(cat "$TMP/one.jsonl")" '"id":"c1-a1"'
finish
