#!/usr/bin/env bash
# Installs, from Debian 12 packages, whatever Confrère needs to build and test that is missing.
set -euo pipefail
PACKAGES=(
  g++ make cmake pkg-config           # toolchain
  libxapian-dev                       # search index
  libicu-dev                          # Unicode normalization and character classes
  libsqlite3-dev                      # the store
  libcli11-dev                        # command lines
  libsimdjson-dev                     # JSON parsing
  libgtest-dev                        # unit tests
  python3 sqlite3 util-linux          # end-to-end tests (JSON checks, sqlite3 CLI, flock)
  xapian-tools                        # xapian-check, quest, delve: operators' tools
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 1; }
  SUDO=sudo
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
