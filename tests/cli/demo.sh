#!/usr/bin/env bash
# Focus: the demo corpus in data/demo: valid, complete taxonomy coverage, threads of 2 to 5 answers.
. "$(dirname "$0")/lib.sh"
expect_exit 0 idx ingest "$SOURCE_DIR/data/demo"
contains "$ERR" "0 rejected"
expect_exit 0 idx check
expect_exit 0 idx stats --json
pyjson 'd["cases"] >= 300 and d["orphans"] == 0'
pyjson 'len(d["specialty"]) == 35 and len(d["nature"]) == 9 and len(d["profession"]) == 15'
expect_exit 0 qry browse --json --limit 100000 --answers 0
pyjson 'all(2 <= r["answer_count"] <= 5 for r in d["results"])'
pyjson 'sum(r["has_photo"] for r in d["results"] if "dermatologie" in r["specialties"]) >= 10'
# No identifier the corpus' careless posters planted survives (they are all of these forms).
idx export > "$TMP/export.jsonl"
lacks "$(cat "$TMP/export.jsonl")" "06 52 41 87 30" export
if grep -Eq '(^|[^0-9])0[1-9]([ .]?[0-9]{2}){4}([^0-9]|$)' "$TMP/export.jsonl"; then fail "a phone number survived"; else ok; fi
if grep -Eq 'née? le [0-9]' "$TMP/export.jsonl"; then fail "a birth date survived"; else ok; fi
expect_exit 0 qry search --json "patient mis en inaptitude par le médecin du travail, prolonger l'arrêt de travail ?"
pyjson 'd["results"][0]["nature"] == "administratif"'
# The README's example finds the inaptitude case (db011) among the first two.
expect_exit 0 qry search --json --limit 2 "salarié déclaré inapte par la médecine du travail, faut-il renouveler son AT ?"
pyjson '"db011" in [r["id"] for r in d["results"]]'
finish
