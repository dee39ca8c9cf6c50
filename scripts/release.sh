#!/usr/bin/env bash
# Makes the archive a clinic downloads: interlude-<version>.zip (the version
# from Cargo.toml), holding the built widget (widget/), the example host
# configurations (deploy/), DEPLOY.md, CHANGELOG.md, EMBED.txt (the script
# tag's integrity hash) and SHA256SUMS (every other file). The last line it
# prints is the archive's path.
#
#   scripts/release.sh [OUT_DIR]        (default: release/)
#
# It builds the commit that is checked out, so it refuses a checkout with
# changes or with files git does not know in the build's inputs. Two runs
# on the same commit with the same tools give the same bytes: see
# "Releases" in the README for what is pinned and how it is tested
# (tests/e2e/release.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
out=${1:-release}

say() { printf '==> %s\n' "$*"; }
die() { printf 'release: %s\n' "$*" >&2; exit 1; }

command -v git >/dev/null || die "git is not installed"
command -v python3 >/dev/null || die "python3 is not installed (it writes the zip)"
git rev-parse --verify -q HEAD >/dev/null || die "not a git checkout with a commit"

# --- A clean checkout: exactly the commit, nothing else in the inputs.
changes=$(git status --porcelain)
[ -z "$changes" ] || die "the checkout has changes that are not committed; a release is built from a commit:
$changes"
# Ignored files too (git ls-files --others without --exclude-standard):
# Trunk would copy, say, a stray public/.DS_Store into the widget.
strays=$(git ls-files --others -- public style src deploy index.html Trunk.toml Cargo.toml Cargo.lock)
[ -z "$strays" ] || die "files git does not know are among the build's inputs; remove them:
$strays"

version=$(awk -F'"' '/^\[/ { section = $0 } section == "[package]" && /^version = / { print $2; exit }' Cargo.toml)
[ -n "$version" ] || die "could not read the version from Cargo.toml"
grep -q "^## $version\b" CHANGELOG.md \
  || die "CHANGELOG.md has no \"## $version\" entry: say what changed for visitors and clinics first"
commit=$(git rev-parse HEAD)
# Every file in the zip is dated with the commit, not with the build.
epoch=$(git log -1 --format=%ct HEAD)

# --- The tools that decide the bytes (README "Releases"); setup.sh installs them.
say "checking the build tools"
need() { command -v "$1" >/dev/null || die "$1 is missing: run scripts/setup.sh"; }
need trunk; need wasm-bindgen; need wasm-split-cli; need node; need npm
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
  || die "the wasm32-unknown-unknown target is missing: run scripts/setup.sh"
trunk --version | grep -q ' 0\.21\.14$' || die "trunk 0.21.14 is needed, found: $(trunk --version)"
locked_bindgen=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
wasm-bindgen --version | grep -q " $locked_bindgen\$" \
  || die "wasm-bindgen $locked_bindgen (as in Cargo.lock) is needed, found: $(wasm-bindgen --version)"
cargo install --list | grep -qx 'wasm_split_cli_support v0.2.4:' \
  || die "wasm-split-cli from wasm_split_cli_support 0.2.4 is needed: run scripts/setup.sh"
# The JavaScript tools at package-lock.json's versions. Installed here only
# when node_modules is missing (a fresh clone); an existing one is checked,
# never replaced.
if [ ! -e node_modules ]; then
  say "npm ci (node_modules is missing)"
  npm ci --no-audit --no-fund
fi
node -e '
  const lock = require("./package-lock.json").packages;
  const wrong = ["binaryen", "terser"].filter((name) => {
    try { return require(`./node_modules/${name}/package.json`).version !== lock[`node_modules/${name}`].version; }
    catch { return true; }
  });
  if (wrong.length) { console.error(`release: node_modules has other versions of ${wrong.join(", ")} than package-lock.json: run npm ci`); process.exit(1); }
'
# The tools that decide the widget's bytes: printed, and listed in
# DEPLOY.md so anyone can rebuild with the same. Node, Python and zlib are
# only printed: the zip's bytes depend on zlib, the files in it do not.
tools=$(printf '%s\n' "$(rustc -V)" "$(trunk --version)" "$(wasm-bindgen --version)" \
  "wasm-split-cli (wasm_split_cli_support 0.2.4)" "$(node_modules/.bin/wasm-opt --version)" \
  "terser $(node -p 'require("./node_modules/terser/package.json").version')")
printf '%s\n' "$tools" "node $(node -v)" \
  "$(python3 -c 'import sys, zlib; print(f"Python {sys.version.split()[0]}, zlib {zlib.ZLIB_VERSION}")')" | sed 's/^/    /'

# --- Build and pack.
say "building Interlude $version (commit $commit)"
scripts/build.sh --locked
mkdir -p "$out"
archive="$(cd "$out" && pwd)/interlude-$version.zip"
say "packing $archive"
python3 scripts/release/pack.py --dist dist --deploy deploy --changelog CHANGELOG.md \
  --template scripts/release/DEPLOY.md --version "$version" --commit "$commit" --epoch "$epoch" \
  --tools "$tools" --out "$archive"
printf '%s\n' "$archive"
