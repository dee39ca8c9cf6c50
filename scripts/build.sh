#!/usr/bin/env bash
# Release build of the widget into dist/ (wasm-opt -Oz, hashed file names).
set -euo pipefail
cd "$(dirname "$0")/.."
# npm's wasm-opt first on PATH, ahead of any older system binaryen; then
# the wasm-bindgen wrapper that keeps what the split-off chunks import
# (scripts/wasm-split/bin/wasm-bindgen).
export PATH="$PWD/scripts/wasm-split/bin:$PWD/node_modules/.bin:$PATH"
printf '==> trunk build --release (into dist/)\n'
trunk build --release --offline
