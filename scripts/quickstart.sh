#!/usr/bin/env bash
# The README's first command: install what is missing, build, index the demo corpus into
# ./demo-db and run an example search.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
rm -rf demo-db
export CONFRERE_DATA_DIR="$PWD/data"
./build/indexer/confrere-index --db demo-db ingest data/demo
./build/indexer/confrere-index --db demo-db stats | head -n 4
echo
echo '$ confrere-query --db demo-db search "salarié déclaré inapte par la médecine du travail, faut-il renouveler son AT ?"'
./build/query/confrere-query --db demo-db search --limit 3 \
  "salarié déclaré inapte par la médecine du travail, faut-il renouveler son AT ?"
