#!/usr/bin/env bash
# Runs every check and test, each layer once, and ends with one line
# "N passed, N failed" covering all of them:
#   1. cargo fmt --check, cargo clippy (native and wasm32) with -D warnings
#   2. native tests: model, export, config (cargo test)
#   3. browser tests of the storage layer and the store (wasm-bindgen-test,
#      headless Chromium)
#   4. the file parsers fuzzed briefly (cargo-fuzz, FUZZ_SECONDS each, default 20)
#   5. release build, then end-to-end tests (Playwright + Chromium) through the
#      demo clinic page on one origin and the widget on another; among them
#      tests/e2e/release.test.mjs runs scripts/release.sh in two clean clones
#      of HEAD and compares the archives (5 to 10 minutes of the run)
# A failing layer does not stop the others, so one run shows everything.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1

export PATH="$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=180

log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0

# check NAME CMD...: a check that passes or fails as a whole.
check() {
  local name=$1; shift
  printf '\n==> %s\n' "$name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); printf 'FAILED: %s\n' "$name"; fi
}

# cargo_tests NAME CMD...: adds up cargo's "test result:" lines.
cargo_tests() {
  local name=$1; shift
  printf '\n==> %s\n' "$name"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local p f
  p=$(grep -oE 'test result: [A-Za-z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
  f=$(grep -oE '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$status" != 0 ] && [ "$f" = 0 ]; then failed=$((failed + 1)); printf 'FAILED: %s\n' "$name"; fi
}

check "cargo fmt --check" cargo fmt --check
check "cargo clippy (native)" cargo clippy --all-targets -- -D warnings
check "cargo clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo_tests "native tests (cargo test)" cargo test
cargo_tests "browser storage tests (wasm-bindgen-test, Chromium)" \
  cargo test --target wasm32-unknown-unknown --test storage --test store

check "fuzz the file parsers (${FUZZ_SECONDS:-20}s each)" scripts/fuzz.sh

printf '\n==> release build\n'
if scripts/build.sh; then
  passed=$((passed + 1))
  check "size check (first use and loader, gzip)" node scripts/size-check.mjs
  printf '\n==> end-to-end tests (Playwright, Chromium)\n'
  node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  p=$(awk '/^# pass /{print $3}' "$log" | tail -1)
  f=$(awk '/^# fail /{print $3}' "$log" | tail -1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ "$status" != 0 ] && [ "${f:-0}" = 0 ]; then failed=$((failed + 1)); fi
else
  failed=$((failed + 1)); printf 'FAILED: release build (end-to-end tests not run)\n'
fi

printf '\n%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" = 0 ]
