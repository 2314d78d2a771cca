#!/usr/bin/env bash
# Focus: confrere-query search, similar, show, browse: text and JSON output, filters, errors.
. "$(dirname "$0")/lib.sh"
expect_exit 0 idx ingest "$FIXTURES/small.jsonl"

# Accents, ligatures, elisions and case meet on both sides.
expect_exit 0 qry search --json oedeme amlodipine
pyjson 'd["results"][0]["id"] == "c1"'
expect_exit 0 qry search --json ARRET
pyjson '{r["id"] for r in d["results"]} == {"c1", "c3"}'
expect_exit 0 qry search --json eruption
pyjson 'd["results"][0]["id"] == "c2" and "<b>Éruption</b>" in d["results"][0]["snippet"]'
expect_exit 0 qry search --json "salarié inapte, faut-il prolonger son arrêt ?"
pyjson 'd["results"][0]["id"] == "c3"'

# Synonyms: an abbreviation finds the words it stands for; a typo is corrected.
expect_exit 0 qry search --json "AT prolongé ?"
pyjson 'd["results"][0]["id"] == "c3"'
expect_exit 0 qry search --json "amlodipinne chevilles"
pyjson 'd["results"][0]["id"] == "c1" and d["corrections"] == {"amlodipinne": "amlodipine"}'
expect_exit 0 qry search "amlodipinne chevilles"
contains "$OUT" "Vouliez-vous dire : amlodipinne → amlodipine"
expect_exit 0 qry search --explain "AT prolongé"
contains "$OUT" "XCarret_de_travail"
contains "$OUT" "matched (score"

# The JSON shape of PRODUCT.md.
expect_exit 0 qry search --json --answers 1 --facets œdème
pyjson 'set(d) == {"query", "estimated_matches", "results", "facets"} and d["query"] == "œdème"'
pyjson 'all(k in d["results"][0] for k in ["rank","id","score","created_at","text","snippet","profession","specialties","nature","has_photo","likes","answer_count","answers"])'
pyjson 'set(d["results"][0]["answers"][0]) >= {"id","text","likes","reposts","profession"}'
pyjson 'd["results"][0]["rank"] == 1 and 0 < d["results"][0]["score"] <= 1 and isinstance(d["results"][0]["has_photo"], bool)'
pyjson 'len(d["results"][0]["answers"]) == 1 and d["results"][0]["answer_count"] == 2'
pyjson 'set(d["facets"]) == {"specialty", "nature", "profession"}'

# Best-rated answers first: likes, then reposts, then the earlier one; follow-ups apart.
expect_exit 0 qry show --json c2
pyjson '[a["id"] for a in d["answers"]] == ["c2-a2", "c2-a1"]'
expect_exit 0 qry show --json c1
pyjson '[a["id"] for a in d["answers"]] == ["c1-a1", "c1-a2"] and [f["id"] for f in d["follow_ups"]] == ["c1-f1"]'
expect_exit 0 qry show c1
contains "$OUT" "40 likes"
contains "$OUT" "suite de l'auteur"

# Terminal output: date, profession, specialties, highlighted snippet, answers with likes.
expect_exit 0 qry search amlodipine
contains "$OUT" "1. c1  2020-03-04 · medecin"
contains "$OUT" "*amlodipine*"
contains "$OUT" "↳ 40 likes · medecin"

# Phrases in quotes.
expect_exit 0 qry search --json '"arrêt de travail"'
pyjson '[r["id"] for r in d["results"]] == ["c3"]'

# similar: relevance feedback, the case itself excluded.
expect_exit 0 qry similar --json c1
pyjson 'all(r["id"] != "c1" for r in d["results"])'

# browse: filters, sorts, facets.
expect_exit 0 qry browse --json --facets
pyjson 'len(d["results"]) == 3 and sum(d["facets"]["nature"].values()) == 3'
pyjson '[r["id"] for r in d["results"]] == ["c3", "c1", "c2"]'
expect_exit 0 qry browse --json --sort date
pyjson '[r["id"] for r in d["results"]] == ["c2", "c1", "c3"]'
expect_exit 0 qry browse --json --has-photo
pyjson '[r["id"] for r in d["results"]] == ["c2"]'
expect_exit 0 qry browse --json --specialty dermatologie
pyjson '[r["id"] for r in d["results"]] == ["c2"]'
expect_exit 0 qry browse --json --since 2020-01-01 --until 2020-12-31
pyjson '[r["id"] for r in d["results"]] == ["c1"]'
expect_exit 0 qry browse --json --profession infirmier
pyjson '[r["id"] for r in d["results"]] == ["c2"]'
expect_exit 0 qry browse --facets
contains "$OUT" "specialty:"

# A draft that names a patient is redacted before it is searched or echoed.
expect_exit 0 qry search --json "Mme Durand 06 12 34 56 78 oedeme"
lacks "$OUT" "Durand" "search output"
lacks "$OUT" "06 12 34 56 78" "search output"
pyjson 'd["query"] == "Mme [NOM] [TÉLÉPHONE] oedeme"'

# Near-identical cases (the same question posted again) are collapsed under the better ranked;
# a case on the same subject in other words is not.
D="$TMP/dups"
ingest_fixture "$D" <<'JSONL'
{"id": "d1", "reply_to": null, "created_at": "2021-01-01T10:00:00Z", "author": {"id": "u1"}, "text": "Rash maculeux du tronc chez un enfant de 3 ans après amoxicilline pour une otite, allergie vraie ou éruption virale ?", "likes": 5, "reposts": 0}
{"id": "d2", "reply_to": null, "created_at": "2021-01-02T10:00:00Z", "author": {"id": "u2"}, "text": "RT Rash maculeux du tronc chez un enfant de 3 ans après amoxicilline pour une otite : allergie vraie ou éruption virale ?", "likes": 0, "reposts": 0}
{"id": "d3", "reply_to": null, "created_at": "2021-01-03T10:00:00Z", "author": {"id": "u3"}, "text": "Éruption sous amoxicilline chez mon fils, faut-il contre-indiquer les pénicillines à vie ?", "likes": 1, "reposts": 0}
JSONL
expect_exit 0 qry --db "$D" search --json "rash maculeux tronc enfant amoxicilline otite allergie éruption virale"
pyjson '[r["id"] for r in d["results"]] == ["d1", "d3"] and d["results"][0]["duplicates"] == ["d2"]'
pyjson '"duplicates" not in d["results"][1] and [r["rank"] for r in d["results"]] == [1, 2]'
expect_exit 0 qry --db "$D" search "rash maculeux tronc enfant amoxicilline otite allergie éruption virale"
contains "$OUT" "(+1 near-identical: d2)"
CONFRERE_TUNE=collapse=0 expect_exit 0 qry --db "$D" search --json "rash maculeux tronc enfant amoxicilline otite allergie éruption virale"
pyjson 'len(d["results"]) == 3'

# eval: judged queries of the ../shared/eval shape → MRR@10, P@1, R@10 and the misses, named by
# id (never by text); a broken line is a file:line error and the good ones still count.
cat > "$TMP/judged.jsonl" <<'JSONL'
{"qid": "q1", "query": "éruption sous amoxicilline, contre-indiquer les pénicillines ?", "target": "d3"}
{"qid": "q2", "query": "rash maculeux du tronc après amoxicilline pour une otite", "target": "d1"}
{"qid": "q3", "query": "fracture du scaphoïde au ski", "target": "d3"}
JSONL
expect_exit 0 qry --db "$D" eval --json "$TMP/judged.jsonl"
pyjson 'd["queries"] == 3 and d["r10"] < 1 and abs(d["mrr10"] - (1 + 1 + 0) / 3) < 1e-3'
expect_exit 0 qry --db "$D" eval "$TMP/judged.jsonl"
contains "$OUT" "miss q3: target d3"
contains "$OUT" "queries 3  MRR@10 0.667"
printf '%s\n' '{"qid": "q4", "query": "otite"' >> "$TMP/judged.jsonl"
expect_exit 65 qry --db "$D" eval "$TMP/judged.jsonl"
contains "$ERR" "judged.jsonl:4:"

# Words that say nothing about the case ("svp", "merci", "avis") are not looked for.
expect_exit 0 qry --db "$D" search --explain "avis svp merci éruption sous amoxicilline"
contains "$OUT" "Zamoxicillin"
if printf '%s' "$OUT" | grep -q "looked for.*Zsvp"; then fail "svp was looked for"; fi

# A draft is tagged like a case: cases asking the same kind of question come first, though
# another case matches its words a little better.
Q="$TMP/questions"
ingest_fixture "$Q" <<'JSONL'
{"id": "q1", "reply_to": null, "created_at": "2021-02-01T10:00:00Z", "author": {"id": "u1"}, "text": "Eczéma du nourrisson : quelle crème prescrire en première intention ?", "likes": 0, "reposts": 0}
{"id": "q2", "reply_to": null, "created_at": "2021-02-02T10:00:00Z", "author": {"id": "u2"}, "text": "Eczéma du nourrisson, eczéma très étendu : quel bilan allergologique ?", "likes": 0, "reposts": 0}
JSONL
expect_exit 0 qry --db "$Q" search --json "eczéma chez mon nourrisson, on met quoi ?"
pyjson '[r["id"] for r in d["results"]] == ["q1", "q2"]'
CONFRERE_TUNE="nature_bonus=0 specialty_bonus=0" expect_exit 0 qry --db "$Q" search --json "eczéma chez mon nourrisson, on met quoi ?"
pyjson '[r["id"] for r in d["results"]] == ["q2", "q1"]'
expect_exit 0 qry --db "$Q" search --explain "eczéma chez mon nourrisson, on met quoi ?"
contains "$OUT" "the draft asks (bonus to cases alike): nature traitement"

# A short post is not collapsed under a long report that contains its words.
ingest_fixture "$TMP/long" <<'JSONL'
{"id": "l1", "reply_to": null, "created_at": "2021-03-01T10:00:00Z", "author": {"id": "u1"}, "text": "Observation : homme de 60 ans, tabagique, hémoptysie minime depuis deux semaines, amaigrissement, scanner thoracique montrant une masse hilaire droite, fibroscopie bronchique avec biopsies, carcinome épidermoïde, bilan d'extension négatif, lobectomie puis chimiothérapie adjuvante, surveillance clinique et scanographique sans récidive à deux ans.", "likes": 9, "reposts": 0}
{"id": "l2", "reply_to": null, "created_at": "2021-03-02T10:00:00Z", "author": {"id": "u2"}, "text": "Hémoptysie minime chez un homme tabagique de 60 ans, scanner thoracique ?", "likes": 0, "reposts": 0}
JSONL
expect_exit 0 qry --db "$TMP/long" search --json "hémoptysie minime homme tabagique 60 ans scanner thoracique"
pyjson 'sorted(r["id"] for r in d["results"]) == ["l1", "l2"]'
CONFRERE_TUNE=collapse_ratio=0 expect_exit 0 qry --db "$TMP/long" search --json "hémoptysie minime homme tabagique 60 ans scanner thoracique"
pyjson 'len(d["results"]) == 1'

# "Did you mean" corrects typos, not rare medical words: "sarcopte" (scabies, a synonym group's
# word) is not a typo of the corpus' "sarcome", nor "amoxicillline" of anything but amoxicilline.
printf '%s\n' '{"id": "d4", "reply_to": null, "created_at": "2021-01-04T10:00:00Z", "author": {"id": "u4"}, "text": "Sarcome de la cuisse chez un adulte jeune, quelle IRM ?", "likes": 0, "reposts": 0}' > "$TMP/d4.jsonl"
expect_exit 0 idx --db "$D" ingest "$TMP/d4.jsonl"
expect_exit 0 qry --db "$D" search --json "sarcopte chez le nourrisson"
pyjson '"corrections" not in d'
expect_exit 0 qry --db "$D" search --json "amoxicillline otite"
pyjson 'd["corrections"] == {"amoxicillline": "amoxicilline"}'
# A word found only in answers (indexed by their stems) is no typo either.
printf '%s\n' '{"id": "d4-a1", "reply_to": "d4", "created_at": "2021-01-04T11:00:00Z", "author": {"id": "u5"}, "text": "Ampicilline IV en attendant la biopsie.", "likes": 0, "reposts": 0}' > "$TMP/d4a.jsonl"
expect_exit 0 idx --db "$D" ingest "$TMP/d4a.jsonl"
expect_exit 0 qry --db "$D" search --json "ampicilline"
pyjson '"corrections" not in d and d["results"][0]["id"] == "d4"'

# Errors: unknown case, an answer's id, bad arguments (usage: 64), help (0).
expect_exit 1 qry show nope
contains "$ERR" "nope: no such case"
expect_exit 1 qry show c1-a1
contains "$ERR" "c1-a1: is an answer, not a case (its case: c1)"
expect_exit 1 qry similar nope
expect_exit 64 qry browse --specialty cardio
contains "$ERR" "--specialty cardio: unknown code"
expect_exit 64 qry search --limit 0 toux
expect_exit 64 qry browse --since hier
expect_exit 64 qry browse --sort best
expect_exit 64 qry frobnicate
expect_exit 64 qry
expect_exit 64 qry search
expect_exit 0 qry --help
contains "$OUT" "search"
expect_exit 0 qry search --help
contains "$OUT" "--answers"
expect_exit 66 qry --db "$TMP/none" search toux
finish
