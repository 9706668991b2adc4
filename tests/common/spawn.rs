//! Spawning the `simdmath` binary (or a test binary) from a test, also when the tests run
//! under a cross-compilation runner such as `qemu-aarch64`: a foreign binary cannot be
//! executed directly there (no `binfmt_misc` registration), so the child goes through the
//! same runner, read from cargo's `CARGO_TARGET_<TRIPLE>_RUNNER` variable in the environment
//! the tests inherit (e.g. `CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L
//! /usr/aarch64-linux-gnu"`). Natively that variable is unset and the binary runs as is.

use std::ffi::OsStr;
use std::process::Command;

/// The cross-compilation runner's program and arguments (empty when there is none).
pub fn runner() -> Vec<String> {
    let var = format!(
        "CARGO_TARGET_{}_UNKNOWN_LINUX_GNU_RUNNER",
        std::env::consts::ARCH.to_ascii_uppercase()
    );
    let runner = std::env::var(var).unwrap_or_default();
    runner.split_whitespace().map(str::to_string).collect()
}

/// A `Command` that runs `exe`, through the cross-compilation runner if there is one.
pub fn command(exe: impl AsRef<OsStr>) -> Command {
    let r = runner();
    match r.split_first() {
        Some((prog, args)) => {
            let mut c = Command::new(prog);
            c.args(args).arg(exe);
            c
        }
        None => Command::new(exe),
    }
}

/// A `Command` that runs this package's `simdmath` binary.
#[allow(dead_code)]
pub fn simdmath() -> Command {
    command(env!("CARGO_BIN_EXE_simdmath"))
}
