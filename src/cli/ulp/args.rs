//! `simdmath ulp`'s arguments: the options parsed and checked into a [`Config`] (or `None`
//! after `--help`).

use super::{Config, Format, HELP, Set, Source};
use crate::cli::CliError;
use crate::cli::args::{self, Dtype, parse_count, parse_list};
use simdmath::{Accuracy, Func, Isa};

fn parse_range(s: &str) -> Result<(f64, f64), CliError> {
    let bad = || {
        CliError(format!(
            "--range '{s}': expected LO..HI with finite LO < HI (e.g. -1..1)"
        ))
    };
    let (lo, hi) = s.split_once("..").ok_or_else(bad)?;
    let lo: f64 = lo.trim().parse().map_err(|_| bad())?;
    let hi: f64 = hi.trim().parse().map_err(|_| bad())?;
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(bad());
    }
    Ok((lo, hi))
}

fn parse_seed(s: &str) -> Result<u64, CliError> {
    let t = s.trim().replace('_', "");
    let v = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(h) => u64::from_str_radix(h, 16),
        None => t.parse(),
    };
    v.map_err(|_| {
        CliError(format!(
            "--seed '{s}' is not an unsigned 64-bit integer (decimal or 0x hex)"
        ))
    })
}

pub(super) fn config(argv: &[String]) -> Result<Option<Config>, CliError> {
    let o = args::parse(
        argv,
        &[
            "--func",
            "--dtype",
            "--isa",
            "--samples",
            "--inputs",
            "--range",
            "--seed",
            "--threads",
            "--accuracy",
        ],
        &[
            "--exhaustive",
            "--json",
            "--markdown",
            "--markdown-section",
            "--help",
            "-h",
        ],
    )?;
    if o.flag("--help") || o.flag("-h") {
        print!("{HELP}");
        return Ok(None);
    }
    let funcs = match o.get("--func") {
        Some(s) => parse_list(s, Func::ALL)?,
        None => Func::ALL.to_vec(),
    };
    let exhaustive = o.flag("--exhaustive");
    let accuracy = match o.get("--accuracy") {
        Some(s) => s
            .parse::<Accuracy>()
            .map_err(|e| CliError(format!("--accuracy: {e}")))?,
        None => Accuracy::Faithful,
    };
    let cr = accuracy == Accuracy::CorrectlyRounded;
    let dtypes = match o.get("--dtype") {
        Some(s) => parse_list(s, &[Dtype::F64, Dtype::F32])?,
        None if exhaustive || cr => vec![Dtype::F32],
        None => vec![Dtype::F64, Dtype::F32],
    };
    if cr && dtypes.contains(&Dtype::F64) {
        return Err(CliError(
            "--accuracy cr: no correctly rounded f64 kernel exists yet; use --dtype f32".into(),
        ));
    }
    if cr && !funcs.iter().any(|f| f.info().max_ulp_f32_cr.is_some()) {
        return Err(CliError(
            "--accuracy cr: none of these functions has a correctly rounded tier (the one-input f32 functions have one)".into(),
        ));
    }
    let isas = match o.get("--isa") {
        Some(s) if s.trim().eq_ignore_ascii_case("all") => Isa::available(),
        Some(s) => {
            let v = parse_list(s, Isa::ALL)?;
            for i in &v {
                i.require_available().map_err(|e| CliError(e.to_string()))?;
            }
            v
        }
        None => Isa::available(),
    };
    let samples = match o.get("--samples") {
        Some(s) => parse_count(s)?,
        None => 1_000_000,
    };
    if samples == 0 || samples > 1 << 32 {
        return Err(CliError(format!(
            "--samples {samples}: must be between 1 and 2^32"
        )));
    }
    let range = o.get("--range").map(parse_range).transpose()?;
    let sets = o
        .get("--inputs")
        .map(|s| parse_list(s, &[Set::Random, Set::Hard, Set::Special]))
        .transpose()?;
    let n_sources = range.is_some() as u8 + exhaustive as u8 + sets.is_some() as u8;
    if n_sources > 1 {
        return Err(CliError(
            "--inputs, --range and --exhaustive exclude each other".into(),
        ));
    }
    let source = if exhaustive {
        if dtypes.contains(&Dtype::F64) {
            return Err(CliError(
                "--exhaustive covers the 2^32 f32 inputs only: use --dtype f32".into(),
            ));
        }
        Source::Exhaustive
    } else if let Some((lo, hi)) = range {
        Source::Range(lo, hi)
    } else {
        Source::Sets(sets.unwrap_or_else(|| vec![Set::Random, Set::Hard, Set::Special]))
    };
    let seed = o
        .get("--seed")
        .map(parse_seed)
        .transpose()?
        .unwrap_or(0x5eed_2026);
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = match o.get("--threads") {
        Some(s) => match parse_count(s)? {
            0 => return Err(CliError("--threads 0: need at least one thread".into())),
            t => t as usize,
        },
        None => cpus,
    };
    let md = o.flag("--markdown") || o.flag("--markdown-section");
    if [o.flag("--json"), md].iter().all(|&b| b)
        || (o.flag("--markdown") && o.flag("--markdown-section"))
    {
        return Err(CliError(
            "choose one of --json, --markdown, --markdown-section".into(),
        ));
    }
    let format = if o.flag("--json") {
        Format::Json
    } else if md {
        Format::Markdown {
            header: o.flag("--markdown"),
        }
    } else {
        Format::Table
    };
    let invocation = std::iter::once("simdmath ulp".to_string())
        .chain(argv.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Some(Config {
        funcs,
        dtypes,
        isas,
        samples: samples as usize,
        source,
        seed,
        threads,
        format,
        invocation,
        accuracy,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_seeds() {
        assert_eq!(parse_range("-1..2.5").unwrap(), (-1.0, 2.5));
        assert!(parse_range("2..1").is_err());
        assert!(parse_range("1,2").is_err());
        assert_eq!(parse_seed("0x10").unwrap(), 16);
        assert!(parse_seed("-1").is_err());
    }
}
