#!/usr/bin/env bash
# Release build of the widget into dist/ (wasm-opt -Oz, hashed file names),
# offline, with the standard library built for size (scripts/release-env.sh).
# Extra arguments go to trunk (scripts/release.sh passes --locked).
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

# File paths compiled into the wasm (the standard library's own, with
# immediate-abort panics, and any a crate names) must not carry this
# machine's home folder (/home/<name>/.cargo/…), or the same commit would
# build differently on another machine: they become /cargo/… and /rust/….
# (Added to .cargo/config.toml's rustflags, not in place of them; a
# RUSTFLAGS variable would replace both.)
cargo_home=${CARGO_HOME:-$HOME/.cargo}
sysroot=$(rustc --print sysroot)
case "$cargo_home$sysroot" in
  *[[:space:]]*)
    printf 'build: the paths %s and %s contain a space; cargo cannot pass them as rustflags\n' \
      "$cargo_home" "$sysroot" >&2
    exit 1 ;;
esac
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$cargo_home=/cargo --remap-path-prefix=$sysroot=/rust ${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-}"

printf '==> trunk build --release %s(into dist/; the standard library built from source)\n' "${*:+$* }"
trunk build --release --offline "$@"
