#!/usr/bin/env bash
# Focus: the quality figures on ../shared/eval (docs/quality.md): search (paraphrase-dev,
# retrieval-dev) beside stock Xapian and SQLite FTS5, tagging, best answers, identifiers.
# Skips (exit 77), saying so, when ../shared is absent. EVAL_OUT=FILE keeps the figures as JSONL.
. "$(dirname "$0")/../cli/lib.sh"
E="$SHARED/eval"; D="$SHARED/datasets"
if [ ! -f "$E/paraphrase-dev.queries.jsonl" ] || [ ! -f "$D/pamj-cases-fr.jsonl" ]; then
  echo "SKIP: $SHARED/eval or $SHARED/datasets is absent: no quality figures measured"
  exit 77
fi
HERE=$(dirname "$0")
FIG="${EVAL_OUT:-$TMP/figures.jsonl}"
: > "$FIG"
record() { printf '%s\n' "$1" >> "$FIG"; printf '%s\n' "$1"; }

# 1. Paraphrases: the corpus, the threads, the PAMJ case reports and 20,000 synthetic
#    distractor cases with answers (tests/bench/gen_corpus.py, seed 1) together.
python3 "$HERE/../bench/gen_corpus.py" "${EVAL_DISTRACTORS:-20000}" --seed 1 > "$TMP/distractors.jsonl"
PARA_CORPUS=("$E/paraphrase-dev.corpus.jsonl" "$E/threads-dev.jsonl" "$D/pamj-cases-fr.jsonl"
             "$TMP/distractors.jsonl")
# search_figures SET DB QUERIES CORPUS...: Confrère and both peers on the same corpus and queries.
search_figures() {
  local set=$1 db=$2 queries=$3
  shift 3
  expect_exit 0 idx --db "$db" ingest "$@"
  expect_exit 0 qry --db "$db" eval --json "$queries"
  record "{\"system\":\"confrere\",\"set\":\"$set\",\"result\":$OUT}"
  expect_exit 0 "$CONFRERE_PEERS" --work "$db-peers" --corpus "$@" --queries "$set=$queries"
  printf '%s\n' "$OUT" | grep '"system"' | while read -r l; do record "$l"; done
}
search_figures paraphrase "$TMP/para" "$E/paraphrase-dev.queries.jsonl" "${PARA_CORPUS[@]}"

# 1b. The same kind of test on drafts that no tuning has seen: tests/eval/blind, 60 drafts and
#     their posts with two hard negatives each, written for this project without reading the
#     lexicons or ../shared/eval (docs/quality.md: what it says of held-out figures). Same
#     threads, reports and distractors, without the dev posts.
B="$HERE/blind"
search_figures blind "$TMP/blind" "$B/paraphrase-blind.queries.jsonl" "$B/paraphrase-blind.corpus.jsonl" \
  "${PARA_CORPUS[@]:1}"

# 2. Retrieval: short descriptions → long case reports (PAMJ alone).
search_figures retrieval "$TMP/pamj" "$E/retrieval-dev.jsonl" "$D/pamj-cases-fr.jsonl"

# 3. Specialty tagging of long case reports.
idx --db "$TMP/pamj" export > "$TMP/pamj.export.jsonl"
OUT=$(python3 "$HERE/score_threads.py" specialty "$TMP/pamj.export.jsonl" "$E/specialty-dev.jsonl")
record "{\"set\":\"specialty-dev\",\"result\":$OUT}"
# Issue #4's targets on the dev sets hold (docs/quality.md: what held-out checks expect).
pyjson 'd["primary_accuracy"] >= 0.75 and d["set_f1"] >= 0.70'
# What a primary rule learned from these 80 reports does on a report it has not seen.
OUT=$(python3 "$HERE/loo_primary.py" "$TMP/pamj" "$E/specialty-dev.jsonl")
record "{\"set\":\"specialty-dev-leave-one-out\",\"result\":$OUT}"

# 4. Threads: tags, best-rated answer first in `show`, identifiers.
expect_exit 0 idx --db "$TMP/threads" ingest "$E/threads-dev.jsonl"
idx --db "$TMP/threads" export > "$TMP/threads.export.jsonl"
OUT=$(python3 "$HERE/score_threads.py" threads "$TMP/threads.export.jsonl" "$E/threads-dev.gold.jsonl" \
  "$TMP/threads" "$CONFRERE_QUERY")
record "{\"set\":\"threads-dev\",\"result\":$OUT}"
pyjson 'd["profession_accuracy"] >= 0.95 and d["nature_accuracy"] >= 0.80 and d["primary_accuracy"] >= 0.85'
# The core's promise: every thread's best-rated answer is listed first.
pyjson 'd["best_answer_first"].split("/")[0] == d["best_answer_first"].split("/")[1]'
# Patients are never identifiable: no planted identifier anywhere, medical words kept.
pyjson 'd["pii_leaked_export"] == 0 and d["pii_leaked_db_files"] == 0 and d["pii_leaked_search"] == 0'
pyjson 'd["pii_leaked_index_terms"] in (0, None) and d["keep_rate"] >= 0.98'
expect_exit 0 idx --db "$TMP/threads" audit

# 5. Tagging threads that no tuning had seen when they were written: tests/eval/blind, six sets
#    of 40 threads with the profession of every post, written for this project without reading
#    the lexicons or ../shared/eval (docs/quality.md: which of them later guided fixes; D none;
#    E and F were written in session 6, F with authors who describe themselves in one post only).
for part in A B C D E F; do
  expect_exit 0 idx --db "$TMP/threads-blind-$part" ingest "$B/threads-blind-$part.jsonl"
  idx --db "$TMP/threads-blind-$part" export > "$TMP/threads-blind-$part.export.jsonl"
  OUT=$(python3 "$HERE/score_threads.py" tags "$TMP/threads-blind-$part.export.jsonl" \
    "$B/threads-blind-$part.gold.jsonl" | python3 -c 'import json, sys
d = json.load(sys.stdin); d.pop("confusions"); print(json.dumps(d))')
  record "{\"set\":\"threads-blind-$part\",\"result\":$OUT}"
  # The profession target (0.95) holds on posts written by others than the dev set's author.
  pyjson 'd["profession_accuracy"] >= 0.95'
  # And for every post, answers too: an author's self-description reaches their other posts.
  pyjson 'd["profession_accuracy_all_posts"] >= 0.95'
done
finish
