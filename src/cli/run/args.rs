//! `simdmath run`'s arguments: the options parsed and checked into a [`Config`], the memory
//! the run needs refused before anything is allocated.

use super::super::args;
use super::{Config, DEFAULT_N, Mode};
use crate::cli::args::Dtype;
use crate::cli::{CliError, bail};
use simdmath::{Accuracy, Expr, Func, Isa};

pub(super) fn parse(argv: &[String]) -> Result<Config, CliError> {
    let o = args::parse(
        argv,
        &[
            "--func",
            "--dtype",
            "--n",
            "--modes",
            "--threads",
            "--isa",
            "--seed",
            "--repeat",
            "--y",
            "--accuracy",
            "--expr",
        ],
        &[
            "--in-place",
            "--out-of-place",
            "--json",
            "--fused",
            "--limits",
            "--quick",
            "--cold",
        ],
    )?;
    let expr = match o.get("--expr") {
        None => None,
        Some(src) => {
            let e = Expr::parse(src).map_err(|e| CliError(format!("--expr: {e}")))?;
            if let Some(&(name, pos)) = e.input_positions().iter().find(|(n, _)| *n != "x") {
                bail!(
                    "--expr: the run fills one input, x; '{name}' (at position {pos}) has no values"
                );
            }
            for (opt, what) in [
                ("--func", "--func"),
                ("--y", "--y"),
                ("--accuracy", "--accuracy"),
            ] {
                if o.get(opt).is_some() {
                    bail!(
                        "--expr and {what} exclude each other (the expression names its functions)"
                    );
                }
            }
            for flag in ["--fused", "--limits", "--in-place"] {
                if o.flag(flag) {
                    bail!("--expr runs two passes out of place; drop {flag}");
                }
            }
            Some(e)
        }
    };
    let func = match o.get("--func") {
        None => Func::Exp,
        Some(s) => s.parse::<Func>().map_err(|e| CliError(e.to_string()))?,
    };
    let binary = func.arity() == simdmath::Arity::Binary;
    if !binary && func.arity() != simdmath::Arity::Unary {
        bail!("--func {func}: simdmath run applies functions with one output ({func} has two)");
    }
    let y = match o.get("--y") {
        Some(_) if !binary => {
            bail!("--y is the second input of a two-input function ({func} takes one)")
        }
        Some(s) => match s.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => bail!("--y '{s}' is not a finite number"),
        },
        None => 2.5,
    };
    if binary && (o.flag("--fused") || o.flag("--limits")) {
        bail!("--fused and --limits apply to one-input functions ({func} takes two)");
    }
    let dtype = match o.get("--dtype") {
        None => Dtype::F64,
        Some(s) => s.parse::<Dtype>().map_err(CliError)?,
    };
    let accuracy = match o.get("--accuracy") {
        None => Accuracy::Faithful,
        Some(s) => s
            .parse::<Accuracy>()
            .map_err(|e| CliError(format!("--accuracy: {e}")))?,
    };
    if accuracy == Accuracy::CorrectlyRounded {
        if dtype == Dtype::F64 {
            bail!(
                "--accuracy cr: no correctly rounded f64 kernel exists yet; use --dtype f32 (or --accuracy faithful)"
            );
        }
        if func.info().max_ulp_f32_cr.is_none() {
            bail!(
                "--accuracy cr: {func} has no correctly rounded tier (one-input f32 functions have one)"
            );
        }
        if o.flag("--fused") {
            bail!("--accuracy cr: --fused runs the faithful tier only; drop --fused");
        }
    }
    let n = match o.get("--n") {
        None => DEFAULT_N,
        Some(s) => args::parse_count(s).map_err(|e| CliError(format!("--n: {e}")))?,
    };
    if n == 0 {
        bail!("--n must be at least 1");
    }
    let Ok(n) = usize::try_from(n) else {
        bail!("--n {n} is too large for this machine")
    };
    let threads = match o.get("--threads") {
        None => None,
        Some(s) => {
            let t = args::parse_count(s).map_err(|e| CliError(format!("--threads: {e}")))?;
            if t == 0 {
                bail!("--threads must be at least 1 (got 0)");
            }
            if t > 4096 {
                bail!("--threads {t} is more than this tool allows (4096)");
            }
            Some(t as usize)
        }
    };
    let mut modes = match o.get("--modes") {
        None if threads.is_some() => vec![Mode::Sequential],
        None => vec![Mode::Sequential, Mode::Physical, Mode::Logical],
        Some(s) => args::parse_list(s, &[Mode::Sequential, Mode::Physical, Mode::Logical])
            .map_err(|e| CliError(format!("--modes: {e}")))?,
    };
    if modes.contains(&Mode::Threads) && threads.is_none() {
        bail!("--modes threads needs --threads N");
    }
    if threads.is_some() && !modes.contains(&Mode::Threads) {
        modes.push(Mode::Threads);
    }
    modes.dedup();
    let isa = match o.get("--isa") {
        Some(s) => s.parse::<Isa>().and_then(Isa::require_available),
        None => Isa::from_env().map(|e| e.unwrap_or_else(Isa::detected)),
    }
    .map_err(|e| CliError(format!("--isa: {e}")))?;
    if o.flag("--in-place") && o.flag("--out-of-place") {
        bail!("--in-place and --out-of-place exclude each other");
    }
    if o.flag("--limits") && o.flag("--quick") {
        bail!("--limits and --quick exclude each other (--quick skips the limits)");
    }
    let seed = o.parse_or("--seed", 1u64)?;
    let repeat = match o.get("--repeat") {
        None => 1,
        Some(s) => match args::parse_count(s) {
            Ok(r) if (1..=1000).contains(&r) => r as usize,
            _ => bail!("--repeat '{s}' must be a count from 1 to 1000"),
        },
    };
    let cfg = Config {
        func,
        dtype,
        n,
        modes,
        threads,
        isa,
        in_place: !o.flag("--out-of-place") && expr.is_none(),
        seed,
        repeat,
        json: o.flag("--json"),
        fused: o.flag("--fused"),
        limits: o.flag("--limits"),
        quick: o.flag("--quick"),
        cold: o.flag("--cold"),
        y,
        accuracy,
        expr,
    };
    check_memory(&cfg)?;
    Ok(cfg)
}

pub(super) fn elem_size(d: Dtype) -> usize {
    match d {
        Dtype::F64 => 8,
        Dtype::F32 => 4,
    }
}

/// Refuses, before anything is allocated, a size that would not fit in available memory.
fn check_memory(cfg: &Config) -> Result<(), CliError> {
    let arrays = if cfg.in_place { 1 } else { 2 };
    let name = if cfg.dtype == Dtype::F64 {
        "f64"
    } else {
        "f32"
    };
    let how = if cfg.in_place {
        "in place"
    } else {
        "out of place"
    };
    let need = (cfg.n as u128) * (elem_size(cfg.dtype) as u128) * arrays;
    if need > isize::MAX as u128 {
        bail!(
            "n = {} {name} {how} needs {need} bytes, more than this machine can address",
            cfg.n
        );
    }
    if let Some(avail) = mem_available()
        && need > avail as u128
    {
        bail!(
            "n = {} {name} {how} needs {need} bytes ({:.2} GB) but only {avail} bytes ({:.2} GB) are available",
            cfg.n,
            need as f64 / 1e9,
            avail as f64 / 1e9
        );
    }
    Ok(())
}

/// `MemAvailable` from `/proc/meminfo`, in bytes (Linux); `None` elsewhere.
fn mem_available() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = s.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
