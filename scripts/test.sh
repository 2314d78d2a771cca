#!/usr/bin/env bash
# The README's second command: install what is missing, build, run the whole test suite:
# first the quality figures on ../shared/eval (printed; skipped when ../shared is absent), then
# the unit and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
rm -f quality-figures.jsonl
ctest --output-on-failure -R '^eval_' "$@"
if [ -s quality-figures.jsonl ]; then
  echo "Quality figures (docs/quality.md):"
  cat quality-figures.jsonl
fi
ctest --output-on-failure -j2 -E '^eval_' "$@"
