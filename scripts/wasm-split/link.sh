#!/usr/bin/env bash
# The wasm32 linker (set in .cargo/config.toml): rust's own wasm-ld, then,
# for the widget's binary only, wasm-split-cli. The views a visitor opens
# later (see src/components/later.rs) become separate .wasm chunks, so the
# first download carries only what the first screen needs.
#
# Splitting needs the linker's relocations (--emit-relocs). It writes the
# split main module over the linker's output, where Trunk's wasm-bindgen
# picks it up as usual; the chunks and their loader go to
# target/wasm32-unknown-unknown/<profile>/wasm-split/, from where
# scripts/wasm-split/finish.mjs (a Trunk post-build hook) adds them to dist/.
set -euo pipefail
host=$(rustc -vV | sed -n 's/^host: //p')
# rustc passes "-flavor wasm" first, as rust-lld expects.
wasm_ld="$(rustc --print sysroot)/lib/rustlib/$host/bin/rust-lld"

out=""
prev=""
for arg in "$@"; do
  if [ "$prev" = "-o" ]; then out=$arg; fi
  prev=$arg
done

case "$(basename "$out")" in
  interlude-*.wasm) ;;
  *) exec "$wasm_ld" "$@" ;;
esac

"$wasm_ld" "$@" --emit-relocs
chunks="$(dirname "$out")/../wasm-split"
rm -rf "$chunks"
mkdir -p "$chunks"
wasm-split-cli "$out" "$chunks" --out-name interlude >&2
mv "$chunks/interlude.wasm" "$out"
