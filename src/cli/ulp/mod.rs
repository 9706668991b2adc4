//! `simdmath ulp`: accuracy of every function × type × instruction set against the correctly
//! rounded reference (core-math), with the system libm on the same inputs beside it. Exits 1
//! when a backend exceeds the registry's bound or a special value differs from libm, so it can
//! gate a CI job; 2 on bad arguments.
//!
//! `args` parses the options into a `Config`, `measure` runs every function × type ×
//! instruction set on a pool into `Row`s, `report` prints them as a table, JSON or markdown.

mod args;
mod measure;
mod report;

use super::CliError;
use super::args::Dtype;
use measure::Row;
use simdmath::{Accuracy, Arity, Func, Isa, Pool};
use std::str::FromStr;

pub(crate) use report::json_str;

const HELP: &str = "\
simdmath ulp: accuracy against the correctly rounded reference (core-math), per function x type
x instruction set, with the system libm on the same inputs beside it

usage: simdmath ulp [options]
  --func exp,log|all        functions (default: all)
  --dtype f64,f32           element types (default: both; --exhaustive: f32)
  --isa portable,avx2|all   instruction sets (default/all: every one this CPU runs)
  --samples N               inputs per random set (default: 1e6; e.g. 100_000, 1e7)
  --inputs random,hard,special|all
                            input sets (default: all): random bit patterns over every
                            exponent and sign, the hard regions of each function, special values
  --range LO..HI            instead: N inputs uniform in [LO, HI] (e.g. --range -1..1)
  --exhaustive              instead: all 2^32 f32 inputs, on every core, with progress and ETA
  --accuracy faithful|cr    the tier to check (default faithful): cr is the correctly rounded
                            f32 tier, bound 0 (default --dtype f32; f64 has no such tier);
                            functions without the tier are skipped with a note
  --seed S                  seed of the random sets (default: 0x5eed2026 = 1592598566)
  --threads T               worker threads of a pinned pool (default: every logical CPU)
  --json                    one JSON object instead of tables
  --markdown                a complete docs/ACCURACY.md (header, definitions, tables)
  --markdown-section        only the tables, as a markdown section (to append to ACCURACY.md)

exit status: 0 every backend within the registry's bound and every special value as libm;
1 a bound exceeded or a special value differs; 2 bad arguments.
";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Set {
    Random,
    Hard,
    Special,
}

impl FromStr for Set {
    type Err = String;
    fn from_str(s: &str) -> Result<Set, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "random" => Ok(Set::Random),
            "hard" => Ok(Set::Hard),
            "special" | "specials" => Ok(Set::Special),
            _ => Err(format!(
                "unknown input set '{s}' (valid: random, hard, special, all)"
            )),
        }
    }
}

#[derive(Clone, Debug)]
enum Source {
    Sets(Vec<Set>),
    Range(f64, f64),
    Exhaustive,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Markdown { header: bool },
}

#[derive(Debug)]
struct Config {
    funcs: Vec<Func>,
    dtypes: Vec<Dtype>,
    isas: Vec<Isa>,
    samples: usize,
    source: Source,
    seed: u64,
    threads: usize,
    format: Format,
    invocation: String,
    accuracy: Accuracy,
}

/// `simdmath ulp [options]`: returns the exit code (0 within bounds, 1 over a bound).
pub fn main(argv: &[String]) -> Result<i32, CliError> {
    let Some(cfg) = args::config(argv)? else {
        return Ok(0);
    };
    let pool = Pool::with_threads(cfg.threads)
        .map_err(|e| CliError(format!("--threads {}: {e}", cfg.threads)))?;
    let mut rows = Vec::new();
    for &f in &cfg.funcs {
        if cfg.accuracy == Accuracy::CorrectlyRounded && f.info().max_ulp_f32_cr.is_none() {
            eprintln!("simdmath ulp: note: {f} has no correctly rounded tier; skipped");
            continue;
        }
        if matches!(cfg.source, Source::Exhaustive) && f.arity() == Arity::Binary {
            eprintln!(
                "simdmath ulp: note: --exhaustive covers one-input functions; {f} is skipped \
                 (check it with --samples 1000000000)"
            );
            continue;
        }
        for &d in &cfg.dtypes {
            rows.extend(match d {
                Dtype::F64 => measure::run_one::<f64>(&cfg, &pool, f, "f64"),
                Dtype::F32 => measure::run_one::<f32>(&cfg, &pool, f, "f32"),
            });
        }
    }
    let ok = rows.iter().all(Row::ok);
    let text = match cfg.format {
        Format::Table => report::print_table(&cfg, &rows),
        Format::Json => report::print_json(&cfg, &rows, ok),
        Format::Markdown { header } => report::print_markdown(&cfg, &rows, header),
    };
    print!("{text}");
    if !ok {
        for r in rows.iter().filter(|r| !r.ok()) {
            eprintln!(
                "simdmath ulp: {} {} on {}: {} (max dist {} > bound {}, {} special mismatches)",
                r.func,
                r.dtype,
                r.backend,
                r.status(),
                report::dist_str(r.max_dist),
                r.bound.unwrap_or(0),
                r.special_mismatches.len()
            );
        }
    }
    Ok(if ok { 0 } else { 1 })
}
