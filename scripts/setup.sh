#!/usr/bin/env bash
# Installs what Interlude's build, demo and tests need, checking each tool
# first, so a second run takes about a second. Safe to run any time.
#
#   wasm32 target        rustup
#   rust-src             rustup (the standard library's source: release builds
#                        compile it for size, scripts/release-env.sh)
#   crates               cargo fetch: the widget's and the standard library's
#                        own, so scripts/build.sh can build offline
#   trunk 0.21.14        cargo install (about 12 minutes, once; 0.22 needs a newer rustc)
#   wasm-bindgen-cli     cargo install, the exact version in Cargo.lock
#   cargo-fuzz 0.13.2    cargo install (about 2 minutes, once; scripts/fuzz.sh)
#   wasm-split-cli       cargo install wasm_split_cli_support 0.2.4 (about a
#                        minute, once; splits the wasm, scripts/wasm-split/)
#   chromium + driver    apt (Debian's packages; browsers are never downloaded)
#   nginx, apache2       apt (to test the example host configurations in deploy/)
#   poppler-utils        apt (pdftotext: the tests read the printed summary's PDF)
#   node_modules         npm ci: playwright-core, @axe-core/playwright, binaryen
#                        (wasm-opt 132; Debian's wasm-opt 108 corrupts our wasm)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $*"; fi
}

command -v cargo >/dev/null || die "Rust is not installed (https://rustup.rs)"
command -v npm >/dev/null || die "Node.js and npm are not installed"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! rustup component list --installed | grep -qx rust-src; then
  say "adding the rust-src component (the standard library's source, for release builds)"
  rustup component add rust-src
fi

# The standard library's dependencies are resolved from its own lockfile
# ($(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.lock) when
# the build compiles it, so the fetch runs with the release build's settings.
if ! (. scripts/release-env.sh && cargo fetch --offline --target wasm32-unknown-unknown --quiet 2>/dev/null); then
  say "downloading the crates the release build compiles, the standard library's included (cargo fetch)"
  (. scripts/release-env.sh && cargo fetch --target wasm32-unknown-unknown)
fi

TRUNK_VERSION=0.21.14
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 12 minutes, only once)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WASM_BINDGEN_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (must equal Cargo.lock)"
  # --locked first; the registry mirror has been seen to lack one of its
  # exact locked dependencies, and then a fresh resolution works.
  cargo install wasm-bindgen-cli --locked --version "$WASM_BINDGEN_VERSION" \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# The linker's second step (scripts/wasm-split/link.sh). It has no
# --version, so cargo's list of installed packages says which one is here.
WASM_SPLIT_VERSION=0.2.4
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION, about a minute, only once)"
  cargo install wasm_split_cli_support --locked --version "$WASM_SPLIT_VERSION" --features build-binary
fi

CARGO_FUZZ_VERSION=0.13.2
if ! cargo fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION"; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes, only once)"
  cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION"
fi

# Debian packages: the test browser and its driver, and nginx and Apache
# (deploy/nginx.conf and deploy/apache.htaccess are tested against them).
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -x /usr/bin/chromedriver ] || packages+=(chromium-driver)
[ -x /usr/sbin/nginx ] || packages+=(nginx)
[ -x /usr/sbin/apache2 ] || packages+=(apache2)
[ -x /usr/bin/pdftotext ] || packages+=(poppler-utils)
if [ ${#packages[@]} -gt 0 ]; then
  say "installing Debian packages: ${packages[*]}"
  as_root apt-get update
  as_root apt-get install -y "${packages[@]}"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev tools (npm ci)"
  npm ci --no-audit --no-fund
fi

say "setup complete"
