#!/usr/bin/env bash
# Focus: human tag corrections (tag) that survive re-ingest, rebuild and export → ingest, and
# eval-tags against a gold file.
. "$(dirname "$0")/lib.sh"
expect_exit 0 idx ingest "$FIXTURES/small.jsonl"

expect_exit 0 idx tag c1 --specialty cardiologie --specialty pharmacie --nature traitement
contains "$ERR" "tag: c1 specialties=cardiologie,pharmacie nature=traitement (corrected by hand)"
expect_exit 0 qry show --json c1
pyjson 'd["specialties"] == ["cardiologie", "pharmacie"] and d["nature"] == "traitement" and d["tags_by"] == "human"'
expect_exit 0 qry show c1
contains "$OUT" "traitement (corrigé)"
expect_exit 0 qry browse --json --specialty pharmacie
pyjson '[r["id"] for r in d["results"]] == ["c1"]'

# It survives re-ingest of the same or changed posts, and rebuild.
sed 's/"likes": 12/"likes": 13/' "$FIXTURES/small.jsonl" > "$TMP/changed.jsonl"
expect_exit 0 idx ingest "$TMP/changed.jsonl"
expect_exit 0 idx rebuild
expect_exit 0 qry show --json c1
pyjson 'd["specialties"] == ["cardiologie", "pharmacie"] and d["tags_by"] == "human" and d["likes"] == 13'

# Export carries it; a store restored from the export keeps it.
idx export > "$TMP/export.jsonl"
contains "$(cat "$TMP/export.jsonl")" '"nature":"traitement","profession":"medecin","human":true'
expect_exit 0 idx --db "$TMP/restored" ingest "$TMP/export.jsonl"
expect_exit 0 qry --db "$TMP/restored" show --json c1
pyjson 'd["specialties"] == ["cardiologie", "pharmacie"] and d["tags_by"] == "human"'

# --clear gives the case back to the lexicons; errors are usage errors or unknown cases.
expect_exit 0 idx tag c1 --clear
expect_exit 0 qry show --json c1
pyjson 'd["tags_by"] == "lexicon"'
expect_exit 64 idx tag c1 --specialty cardio
expect_exit 64 idx tag c1
expect_exit 1 idx tag nope --nature autre

# A lexicon change reaches the stored tags at the next rebuild (and only a change does).
cp -r "$CONFRERE_DATA_DIR" "$TMP/data"
printf 'urologie\tchevilles\t9\n' >> "$TMP/data/lexicons/specialties.tsv"
expect_exit 0 env CONFRERE_DATA_DIR="$TMP/data" "$CONFRERE_INDEX" rebuild
expect_exit 0 qry show --json c1
pyjson 'd["specialties"][0] == "urologie"'

# A broken tagging lexicon stops the run before anything is stored, naming its file and line
# (the lexicons load on a second thread; the error still reaches the command).
cp -r "$CONFRERE_DATA_DIR" "$TMP/broken"
printf 'urologie\tprostate\tbeaucoup\n' >> "$TMP/broken/lexicons/specialties.tsv"
LINES=$(wc -l < "$TMP/broken/lexicons/specialties.tsv")
expect_exit 70 env CONFRERE_DATA_DIR="$TMP/broken" "$CONFRERE_INDEX" --db "$TMP/broken-db" ingest "$FIXTURES/small.jsonl"
contains "$ERR" "specialties.tsv:$LINES: weight must be a positive number"
expect_exit 70 env CONFRERE_DATA_DIR="$TMP/broken" "$CONFRERE_QUERY" search douleur
contains "$ERR" "specialties.tsv:$LINES: weight must be a positive number"
test ! -e "$TMP/broken-db/store.sqlite" && ok || fail "a broken lexicon left a store behind"

# eval-tags: per-axis accuracy, set P/R/F1, confusions.
cat > "$TMP/gold.jsonl" <<'GOLD'
{"id": "c3", "profession": "medecin", "primary": "medecine-du-travail", "specialties": ["medecine-du-travail"], "nature": "administratif"}
{"id": "c2", "profession": "infirmier", "primary": "dermatologie", "specialties": ["dermatologie", "infectiologie"], "nature": "diagnostic"}
{"id": "c2-a1", "pii": []}
GOLD
expect_exit 0 idx eval-tags --json "$TMP/gold.jsonl"
pyjson 'd["profession_accuracy"] == 1 and d["primary_accuracy"] == 1 and d["nature_accuracy"] == 1'
pyjson 'abs(d["set_recall"] - 2/3) < 1e-3 and d["set_precision"] == 1'
expect_exit 0 idx eval-tags "$TMP/gold.jsonl"
contains "$OUT" "primary     accuracy 1.000 (2/2)"
contains "$OUT" "specialties set precision 1.000 recall 0.667"
# A poster who says what they are in one post is that in their other posts, in any thread and
# any run: the earlier case is indexed again under the profession (search filter, show).
cat > "$TMP/author1.jsonl" <<'JSONL'
{"id": "sf1", "reply_to": null, "author": {"id": "u-sf", "name": "Claire", "bio": "Randonnée et tricot"}, "text": "Patiente à J3 du post-partum, montée laiteuse douloureuse et fièvre à 38,5. Mastite ou engorgement ?", "likes": 2}
{"id": "sf1-r1", "reply_to": "sf1", "author": {"id": "u-md", "name": "Dr Paul", "bio": "Médecin généraliste"}, "text": "Examen des seins et tétées fréquentes d'abord.", "likes": 3}
{"id": "sf1-r2", "reply_to": "sf1", "author": {"id": "u-sf", "name": "Claire", "bio": "Randonnée et tricot"}, "text": "Merci, c'était un engorgement.", "likes": 0}
JSONL
cat > "$TMP/author2.jsonl" <<'JSONL'
{"id": "sf2", "reply_to": null, "author": {"id": "u-sf", "name": "Claire", "bio": "Randonnée et tricot"}, "text": "Je suis sage-femme libérale : une patiente demande un arrêt de travail pour un enfant malade, est-ce possible ?", "likes": 1}
JSONL
expect_exit 0 idx --db "$TMP/authors" ingest "$TMP/author1.jsonl"
expect_exit 0 qry --db "$TMP/authors" show --json sf1
pyjson 'd["profession"] == "inconnu"'
expect_exit 0 idx --db "$TMP/authors" ingest "$TMP/author2.jsonl"
expect_exit 0 qry --db "$TMP/authors" show --json sf1
pyjson 'd["profession"] == "sage-femme" and d["follow_ups"][0]["profession"] == "sage-femme"'
pyjson '[a["profession"] for a in d["answers"]] == ["medecin"]'
expect_exit 0 qry --db "$TMP/authors" browse --json --profession sage-femme
pyjson 'sorted(r["id"] for r in d["results"]) == ["sf1", "sf2"]'
expect_exit 0 idx --db "$TMP/authors" rebuild
expect_exit 0 qry --db "$TMP/authors" browse --json --profession sage-femme
pyjson 'sorted(r["id"] for r in d["results"]) == ["sf1", "sf2"]'
finish
