#!/bin/sh
# Installs a packed Pipewatch release (npm pack's pipewatch-<version>.tgz) into a folder and makes
# it read-only: the runtime dependencies only, no build, no tsx. The release check (check-release.ts)
# and the Docker image's runtime stage both install this way; afterwards the command is
# <folder>/node_modules/.bin/pipewatch, and Pipewatch writes only to its store (store.path or
# PostgreSQL).
#
#   lab/release/install-release.sh ./pipewatch-0.1.0.tgz /opt/pipewatch
set -eu

if [ "$#" -ne 2 ]; then
  echo "usage: $0 <pipewatch-version.tgz> <folder>" >&2
  exit 2
fi
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
folder=$2

mkdir -p "$folder"
cd "$folder"
# An empty project of its own, so npm installs here and not into a package further up.
[ -f package.json ] || printf '{ "name": "pipewatch-install", "private": true }\n' > package.json
npm install --omit=dev --no-audit --no-fund --no-update-notifier --loglevel=error "$tarball"
# The install is code: nothing of it changes at run time.
chmod -R a-w "$folder"
