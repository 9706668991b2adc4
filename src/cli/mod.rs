//! Subcommand dispatch and the one-line error convention: every bad argument is reported as
//! `simdmath: error: <what>` on stderr with exit code 2, before anything is allocated.

pub mod args;
pub mod functions;
mod progress;
pub mod run;
pub mod ulp;

use std::fmt;

/// A user error: printed as one line, exit code 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for CliError {
    fn from(s: String) -> CliError {
        CliError(s)
    }
}

/// Shorthand for building a [`CliError`].
macro_rules! bail {
    ($($t:tt)*) => { return Err($crate::cli::CliError(format!($($t)*))) };
}
pub(crate) use bail;

const USAGE: &str = "\
simdmath: elementary functions over large f32/f64 arrays on SIMD lanes

usage:
  simdmath run [options]   fill n random numbers and apply a function, sequentially and on
                           pinned pools (physical / logical cores); timings, memory floor, accuracy
  simdmath ulp [options]   accuracy against a correctly rounded reference (core-math), per
                           function x type x instruction set
  simdmath functions       every registered function: call shape, stated ulp bounds, domain
  simdmath help            this text; `simdmath <command> --help` for a command's options
";

/// Runs the command line; returns the process exit code.
pub fn main(args: &[String]) -> i32 {
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => {
            print!("{USAGE}");
            return 0;
        }
    };
    // A bad SIMDMATH_ISA is a user error too: say so before `Isa::best()` would panic.
    if let Err(e) = simdmath::Isa::from_env() {
        eprintln!("simdmath: error: {e}");
        return 2;
    }
    let result = match cmd {
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(0)
        }
        "--version" | "-V" => {
            println!("simdmath {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        "run" => run::main(rest),
        "ulp" => ulp::main(rest),
        "functions" => functions::main(rest),
        other => Err(CliError(format!(
            "unknown command '{other}' (valid: run, ulp, functions, help)"
        ))),
    };
    let _ = rest;
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("simdmath: error: {e}");
            2
        }
    }
}
