#!/usr/bin/env bash
# Focus: ingest of native JSONL from files, directories and stdin; upserts; check and stats.
. "$(dirname "$0")/lib.sh"

expect_exit 0 idx ingest "$FIXTURES/small.jsonl"
contains "$ERR" "ingest: 10 added, 0 updated, 0 unchanged, 0 rejected; 3 cases indexed"

# Re-ingesting the same file changes nothing, and writes no index document.
expect_exit 0 idx ingest --json "$FIXTURES/small.jsonl"
pyjson 'd["added"] == 0 and d["updated"] == 0 and d["unchanged"] == 10 and d["indexed"] == 0'

# New like counts replace old ones: one post updated, its case reindexed.
sed 's/"likes": 40/"likes": 41/' "$FIXTURES/small.jsonl" > "$TMP/likes.jsonl"
expect_exit 0 idx ingest --json "$TMP/likes.jsonl"
pyjson 'd["updated"] == 1 and d["unchanged"] == 9 and d["indexed"] == 1'
expect_exit 0 qry show --json c1
pyjson 'd["answers"][0]["id"] == "c1-a1" and d["answers"][0]["likes"] == 41'

# stdin and directories.
printf '%s\n' '{"id": "s1", "reply_to": null, "text": "Toux chronique chez un fumeur, quel bilan ?"}' |
  expect_exit 0 idx ingest -
mkdir -p "$TMP/dir/sub"
printf '%s\n' '{"id": "d1", "text": "Lombalgie aiguë, kiné ou repos ?"}' > "$TMP/dir/sub/a.jsonl"
printf 'not a post file\n' > "$TMP/dir/notes.txt"
expect_exit 0 idx ingest "$TMP/dir"
contains "$ERR" "1 added"

# An answer arriving in a later file than its case, and one before it.
printf '%s\n' '{"id": "late-a", "reply_to": "late", "author": {"id": "x"}, "text": "Réponse arrivée avant son cas.", "likes": 3}' > "$TMP/a.jsonl"
expect_exit 0 idx ingest "$TMP/a.jsonl"
expect_exit 0 idx stats --json
pyjson 'd["orphans"] == 1 and d["cases"] == 5'
printf '%s\n' '{"id": "late", "reply_to": null, "author": {"id": "y"}, "text": "Le cas arrive ensuite."}' > "$TMP/c.jsonl"
expect_exit 0 idx ingest "$TMP/c.jsonl"
expect_exit 0 qry show --json late
pyjson 'd["answer_count"] == 1 and d["answers"][0]["id"] == "late-a"'

expect_exit 0 idx check
contains "$ERR" "check: ok (6 cases, 6 documents)"
expect_exit 0 idx check --json
pyjson 'd["ok"] is True and d["cases"] == 6 and d["documents"] == 6'
expect_exit 0 idx stats
contains "$OUT" "posts      14 (6 cases, 8 replies, 0 waiting for their case)"

# The database directory comes from --db, else $CONFRERE_DB.
expect_exit 0 idx --db "$TMP/other" ingest "$FIXTURES/small.jsonl"
[ -f "$TMP/other/store.sqlite" ] && ok || fail "--db was not used"
[ "$(sqlite3 "$TMP/other/store.sqlite" 'PRAGMA journal_mode')" = wal ] && ok || fail "store not in WAL mode"
# An edited synonym lexicon never leaves the index half old, half new: ingest keeps the index's
# groups and says so; rebuild applies the new ones.
cp -r "$CONFRERE_DATA_DIR" "$TMP/data"
export CONFRERE_DB="$TMP/lexdb"
CONFRERE_DATA_DIR="$TMP/data" expect_exit 0 idx ingest "$FIXTURES/small.jsonl"
lacks "$ERR" "lexicons changed" "first ingest"
cp "$TMP/lexdb/thesaurus.tsv" "$TMP/groups-before.tsv"
printf 'zorglubite\tmaladie de zorglub\n' >> "$TMP/data/lexicons/synonyms-lay.tsv"
printf '%s\n' '{"id": "z1", "text": "Une maladie de zorglub ?"}' > "$TMP/z.jsonl"
CONFRERE_DATA_DIR="$TMP/data" expect_exit 0 idx ingest "$TMP/z.jsonl"
contains "$ERR" "ingest: the synonym lexicons changed since the index was built"
if cmp -s "$TMP/lexdb/thesaurus.tsv" "$TMP/groups-before.tsv"; then ok; else fail "ingest replaced the index's groups"; fi
CONFRERE_DATA_DIR="$TMP/data" expect_exit 0 idx rebuild
if grep -q zorglubite "$TMP/lexdb/thesaurus.tsv"; then ok; else fail "rebuild kept the old groups"; fi
CONFRERE_DATA_DIR="$TMP/data" expect_exit 0 qry search --json "zorglubite"
pyjson '[r["id"] for r in d["results"]] == ["z1"]'
CONFRERE_DATA_DIR="$TMP/data" expect_exit 0 idx ingest "$TMP/z.jsonl"
lacks "$ERR" "lexicons changed" "ingest after rebuild"
finish
