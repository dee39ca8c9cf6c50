#!/usr/bin/env bash
# Release build of the widget into dist/ (wasm-opt -Oz, hashed file names),
# offline, with the standard library built for size (scripts/release-env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/release-env.sh
# npm's wasm-opt first on PATH, ahead of any older system binaryen; then
# the wasm-bindgen wrapper that keeps what the split-off chunks import
# (scripts/wasm-split/bin/wasm-bindgen).
export PATH="$PWD/scripts/wasm-split/bin:$PWD/node_modules/.bin:$PATH"
# Everything the build compiles, the standard library's source and its
# dependencies included, must be here already: this says so before Trunk
# fails halfway with a stranger message.
if ! cargo fetch --offline --target wasm32-unknown-unknown --quiet; then
  echo "build: crates, or the standard library's source (rust-src), are missing; run scripts/setup.sh" >&2
  exit 1
fi
printf '==> trunk build --release (into dist/; the standard library built from source)\n'
trunk build --release --offline
