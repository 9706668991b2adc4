#!/usr/bin/env bash
# Cross-builds for aarch64 Linux and runs the result under qemu-aarch64 (user mode): a cargo
# subcommand with `--target aarch64-unknown-linux-gnu` and cargo's runner and linker set.
#
#   scripts/aarch64.sh --install                 # apt: qemu-user, gcc-aarch64-linux-gnu; rustup target
#   scripts/aarch64.sh test --test golden        # any cargo subcommand and its arguments
#   scripts/aarch64.sh test --release --test accuracy -- --ignored --nocapture exhaustive
#
# core-math (the correctly rounded reference) is C, built by core-math-sys's build script with
# the cc crate, which takes the cross compiler from CC_aarch64_unknown_linux_gnu. Tests that
# spawn a binary go through the same runner (tests/common/spawn.rs reads the variable below).
set -euo pipefail
if [ "${1:-}" = "--install" ]; then
    if ! command -v qemu-aarch64 >/dev/null || ! command -v aarch64-linux-gnu-gcc >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross >/dev/null
    fi
    rustup target add aarch64-unknown-linux-gnu >/dev/null 2>&1
    exit 0
fi
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu"
export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc
sub="$1"
shift
exec cargo "$sub" --target aarch64-unknown-linux-gnu "$@"
