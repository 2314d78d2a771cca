#!/usr/bin/env bash
# Focus: patient identifiers never reach the store, the index, the outputs; audit finds residues;
# rebuild redacts texts stored by an older redactor and leaves no trace of them.
. "$(dirname "$0")/lib.sh"
PII=("Le Goff" "impasse des Goélands" "Plouzané" "06 39 98 27 14" "fille.legoff@example.fr"
     "12/03/1946" "2 46 03 29 151 042 17" "00123456" "Enzo" "Vasseur" "Jean-Pierre")
KEEP=("maladie de Crohn" "Doliprane" "Kardégic 75" "signe de Babinski" "AVC")

expect_exit 0 idx ingest "$FIXTURES/identifiers.jsonl"
idx export > "$TMP/export.jsonl"
EXPORT=$(cat "$TMP/export.jsonl")
for s in "${PII[@]}"; do
  lacks "$EXPORT" "$s" export
  if grep -rqaF -- "$s" "$CONFRERE_DB"; then fail "'$s' is in a file of the database directory"; else ok; fi
done
# Searching for an identifier, written as it was posted, prints it nowhere.
for q in "Mme Le Goff" "6 impasse des Goélands, 29280 Plouzané" "06 39 98 27 14" \
         "fille.legoff@example.fr" "Née le 12/03/1946" "NIR 2 46 03 29 151 042 17" "IPP 00123456" \
         "le petit Enzo Martin" "Jean-Pierre Vasseur"; do
  expect_exit 0 qry search --json "$q"
  for s in "${PII[@]}"; do lacks "$OUT" "$s" "search output for a planted identifier"; done
done
for s in "${KEEP[@]}"; do contains "$EXPORT" "$s" export; done
contains "$EXPORT" "Mme [NOM], [ADRESSE]. Sa fille au [TÉLÉPHONE] ou [EMAIL]. Née le [DATE DE NAISSANCE], NIR [NIR], IPP [DOSSIER]."
# Index terms: none of the identifiers' words.
if command -v xapian-delve >/dev/null; then
  terms=$(xapian-delve -a -1 "$CONFRERE_DB/index" 2>/dev/null)
  for t in goff goelands plouzane 0639982714 enzo vasseur; do
    if printf '%s\n' "$terms" | grep -qx "$t"; then fail "index term $t"; else ok; fi
  done
fi
expect_exit 0 idx audit
contains "$ERR" "no residual identifier"

# A store written by an older redactor (simulated: an unredacted text, and no record of a pass
# by the current rules): audit says where, never what; rebuild mends.
sqlite3 "$CONFRERE_DB/store.sqlite" "UPDATE posts SET text = 'Revu Mme Durand, tél 0612345678.' WHERE id = 'p2'; DELETE FROM meta WHERE key = 'texts_pass'"
expect_exit 1 idx audit
contains "$OUT" "post p2: name 1 phone 1"
lacks "$OUT$ERR" "Durand" "audit output"
lacks "$OUT$ERR" "0612345678" "audit output"
expect_exit 1 idx audit --json
pyjson 'd["clean"] is False and d["posts"]["p2"] == {"name": 1, "phone": 1}'
expect_exit 0 idx rebuild
expect_exit 0 idx audit
expect_exit 0 qry show --json p2
pyjson 'd["text"] == "Revu Mme [NOM], tél [TÉLÉPHONE]."'
if grep -rqaF "Durand" "$CONFRERE_DB"; then fail "'Durand' left in a file of the database directory"; else ok; fi
expect_exit 0 idx check
finish
