#!/usr/bin/env bash
# The README's second command: install what is missing, build, run the whole test suite
# (unit, end-to-end, and the quality figures when ../shared is beside the checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
ctest --output-on-failure -j2 "$@"
