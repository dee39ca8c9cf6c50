# Sourced (not run) by scripts/build.sh, scripts/setup.sh and the bench's
# reference build: the environment of a release build.
#
# The standard library is compiled from its source (rustup's rust-src
# component; its own dependencies come from crates.io, fetched by
# scripts/setup.sh) with the release profile's size settings, and a panic
# aborts at once instead of formatting a message first: no panic messages,
# file names or formatting code in the wasm, about 24 KB gzip less
# (README, "Size and speed"). Both are unstable cargo features, allowed on
# the stable toolchain by RUSTC_BOOTSTRAP=1 for these builds only; cargo
# test, clippy and the browser tests keep rustup's prebuilt standard library
# and Cargo.toml's panic = "abort".
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT=true
# Overrides Cargo.toml's [profile.release] panic = "abort" for these builds.
export CARGO_PROFILE_RELEASE_PANIC=immediate-abort
