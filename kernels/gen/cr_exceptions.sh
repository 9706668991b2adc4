#!/usr/bin/env bash
# Re-derives kernels/src/cr_exceptions.rs, the exceptions lists of the correctly rounded f32
# tier (kernels/src/cr.rs), on every backend this CPU runs (use a CPU with AVX-512, which runs
# all three), then checks the whole tier against core-math on all 2^32 inputs.
# About 10-20 s per function and backend on two cores, plus the exhaustive test.
# Arguments go to the derivation (e.g. --funcs exp,log).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo run --release --example derive_cr_exceptions -- "$@"
cargo fmt -p simdmath-kernels
SIMDMATH_TEST_ALL_ISAS=1 cargo test --release --test accuracy -- --ignored --nocapture exhaustive_f32
