#!/usr/bin/env bash
# Focus: nightly jobs on a generated corpus: searches during a rebuild, two concurrent writers,
# kill -9 during ingest and during rebuild then the same command again.
. "$(dirname "$0")/lib.sh"
GEN="$SOURCE_DIR/tests/bench/gen_corpus.py"
python3 "$GEN" 3000 --seed 11 --prefix a > "$TMP/a.jsonl"
python3 "$GEN" 3000 --seed 12 --prefix b > "$TMP/b.jsonl"
posts_a=$(wc -l < "$TMP/a.jsonl"); posts_b=$(wc -l < "$TMP/b.jsonl")

# Two writers at once: the second waits for the first, both land everything.
idx ingest --json --wait 600 "$TMP/a.jsonl" > "$TMP/w1.out" 2>&1 &
w1=$!
idx ingest --json --wait 600 "$TMP/b.jsonl" > "$TMP/w2.out" 2>&1 &
w2=$!
wait $w1 && ok || fail "first writer failed: $(cat "$TMP/w1.out")"
wait $w2 && ok || fail "second writer failed: $(cat "$TMP/w2.out")"
expect_exit 0 idx stats --json
pyjson "d['posts'] == $((posts_a + posts_b)) and d['cases'] == 6000 and d['pending_index'] == 0"
expect_exit 0 idx check

# Searches in a loop during a rebuild never fail and always find something.
"$CONFRERE_INDEX" rebuild > "$TMP/rebuild.out" 2>&1 &
rb=$!
n=0; bad=0
while kill -0 $rb 2>/dev/null || [ $n -lt 5 ]; do
  if ! qry search --json --limit 3 "douleur thoracique" > "$TMP/q.json" 2> "$TMP/q.err" ||
     ! grep -q '"rank":1' "$TMP/q.json"; then
    bad=$((bad + 1)); cat "$TMP/q.err" >&2
  fi
  n=$((n + 1))
done
wait $rb && ok || fail "rebuild failed: $(cat "$TMP/rebuild.out")"
[ $bad -eq 0 ] && ok || fail "$bad of $n searches failed during the rebuild"
echo "searches during the rebuild: $n"
expect_exit 0 idx check

# kill -9 during ingest, at several moments; the same command again ends with every post once.
python3 "$GEN" 4000 --seed 13 --prefix c > "$TMP/c.jsonl"
posts_c=$(wc -l < "$TMP/c.jsonl")
for delay in 0.2 0.6 1.2; do
  "$CONFRERE_INDEX" ingest "$TMP/c.jsonl" > /dev/null 2>&1 &  # the program itself, not a shell function, gets the signal
  pid=$!
  sleep $delay
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
done
expect_exit 0 idx ingest "$TMP/c.jsonl"
expect_exit 0 idx stats --json
pyjson "d['posts'] == $((posts_a + posts_b + posts_c)) and d['pending_index'] == 0 and d['orphans'] == 0"
expect_exit 0 idx check

# kill -9 during rebuild; the same command again mends everything.
for delay in 0.3 1.0; do
  "$CONFRERE_INDEX" rebuild > /dev/null 2>&1 &
  pid=$!
  sleep $delay
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  expect_exit 0 qry search --json --limit 1 "fièvre"   # the live index still answers
done
expect_exit 0 idx rebuild
expect_exit 0 idx check
[ "$(ls -d "$CONFRERE_DB"/index-* | wc -l)" -le 2 ] && ok || fail "more than two index generations left: $(ls "$CONFRERE_DB" | tr "\n" " ")"
finish
