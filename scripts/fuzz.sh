#!/usr/bin/env bash
# Fuzzes each file parser (backup, encrypted backup, Daylio CSV) with
# cargo-fuzz and libFuzzer for FUZZ_SECONDS each (default 20). A crash
# fails the run and leaves the input in tests/fuzz/artifacts/<target>/.
#   scripts/fuzz.sh                 all targets
#   FUZZ_SECONDS=600 scripts/fuzz.sh daylio
#
# The machine has only the stable toolchain. RUSTC_BOOTSTRAP=1 lets it
# accept the few unstable flags cargo-fuzz passes; `-s none` skips the
# sanitizer (safe Rust needs none) so nothing nightly-only is required.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(backup encrypted_backup daylio packed_record)
export RUSTC_BOOTSTRAP=1
cargo fuzz build --fuzz-dir tests/fuzz -s none
for target in "${targets[@]}"; do
  mkdir -p "tests/fuzz/corpus/$target"
  echo "fuzzing $target for ${seconds}s"
  # grep hides libFuzzer's progress lines; the status that counts is cargo's.
  set +e
  cargo fuzz run --fuzz-dir tests/fuzz -s none "$target" \
    "tests/fuzz/corpus/$target" "tests/fuzz/seeds/$target" \
    -- -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 2>&1 \
    | grep -E '^(Done|stat::number_of_executed_units|==|SUMMARY|thread|panicked)'
  status=${PIPESTATUS[0]}
  set -e
  [ "$status" = 0 ] || { echo "FAILED: $target (see tests/fuzz/artifacts/$target)"; exit 1; }
done
