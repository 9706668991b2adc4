//! `simdmath ulp`: accuracy of every function × type × instruction set against the correctly
//! rounded reference (core-math), with the system libm on the same inputs beside it. Exits 1
//! when a backend exceeds the registry's bound or a special value differs from libm, so it can
//! gate a CI job; 2 on bad arguments.

use super::CliError;
use super::args::{self, Dtype, parse_count, parse_list};
use super::progress::Eta;
use simdmath::ulp::{self, Float, HIST_LABELS, Stats, inputs};
use simdmath::{Accuracy, Arity, Func, Isa, Pool};
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::str::FromStr;
use std::sync::Mutex;

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

fn config(argv: &[String]) -> Result<Option<Config>, CliError> {
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

/// One line of the report, type-erased for printing.
struct Row {
    func: Func,
    dtype: &'static str,
    backend: String,
    /// `None` for libm (reported, not checked).
    bound: Option<u64>,
    n: u64,
    max_real: f64,
    max_dist: u64,
    mean: f64,
    correct: f64,
    hist: [u64; 7],
    worst: Option<[String; 6]>,
    special_total: usize,
    special_mismatches: Vec<String>,
    approximate: u64,
}

impl Row {
    fn ok(&self) -> bool {
        match self.bound {
            None => true,
            Some(b) => self.max_dist <= b && self.special_mismatches.is_empty(),
        }
    }
    fn status(&self) -> &'static str {
        match self.bound {
            None => "(ref)",
            Some(b) if self.max_dist > b => "OVER BOUND",
            Some(_) if !self.special_mismatches.is_empty() => "SPECIALS",
            Some(_) => "ok",
        }
    }
}

/// Hexadecimal floating point, as C's `%a` writes it (`0x1.8p+1`).
fn hexfloat<T: Float>(x: T) -> String {
    let b = x.bits();
    let sign = if b >> (T::BITS - 1) == 1 { "-" } else { "" };
    let ebits = T::BITS - 1 - T::MANT;
    let e = ((b >> T::MANT) & ((1 << ebits) - 1)) as i32;
    let m = b & ((1u64 << T::MANT) - 1);
    let emax = (1 << ebits) - 1;
    if e == emax {
        return if m == 0 {
            format!("{sign}inf")
        } else {
            "nan".into()
        };
    }
    if e == 0 && m == 0 {
        return format!("{sign}0x0p+0");
    }
    // Left-align the mantissa on a whole number of hex digits.
    let digits = T::MANT.div_ceil(4);
    let m = m << (digits * 4 - T::MANT);
    let mut hex = format!("{m:0width$x}", width = digits as usize);
    while hex.ends_with('0') {
        hex.pop();
    }
    let (lead, exp) = if e == 0 {
        (0, T::EMIN)
    } else {
        (1, e - (emax >> 1))
    };
    let frac = if hex.is_empty() {
        String::new()
    } else {
        format!(".{hex}")
    };
    format!("{sign}0x{lead}{frac}p{exp:+}")
}

fn dec<T: Float>(x: T) -> String {
    format!("{x:?}")
}

fn describe<T: Float>(x: T) -> [String; 2] {
    [dec(x), hexfloat(x)]
}

/// Per-chunk work: reference, libm and every backend on the same inputs.
struct Acc<T> {
    libm: Stats<T>,
    isas: Vec<Stats<T>>,
}

/// NaN, ±0 or ±inf.
fn is_special<T: Float>(v: T) -> bool {
    let w = v.widen();
    w.is_nan() || w == 0.0 || w.is_infinite()
}

fn eval_chunk<T: Float>(
    f: Func,
    isas: &[Isa],
    bound: u64,
    acc_tier: Accuracy,
    xs: &[T],
    ys: &[T],
) -> Acc<T> {
    let n = xs.len();
    let mut acc = Acc {
        libm: Stats::default(),
        isas: isas.iter().map(|_| Stats::with_bound(bound)).collect(),
    };
    if f.arity() == Arity::UnaryPair {
        // Both outputs count, each against its own correctly rounded value.
        let want: Vec<(T, T)> = xs.iter().map(|&x| T::reference_pair(f, x)).collect();
        let exact: Vec<_> = xs.iter().map(|&x| T::exact_pair(f, x)).collect();
        let add = |s: &mut Stats<T>, i: usize, got: (T, T)| {
            s.add(xs[i], got.0, want[i].0, exact[i].0);
            s.add(xs[i], got.1, want[i].1, exact[i].1);
        };
        for (i, &x) in xs.iter().enumerate() {
            add(&mut acc.libm, i, T::libm_pair(f, x));
        }
        let (mut o0, mut o1) = (vec![T::default(); n], vec![T::default(); n]);
        for (k, &isa) in isas.iter().enumerate() {
            simdmath::eval_pair_with_accuracy(isa, acc_tier, f, xs, &mut o0, &mut o1);
            for i in 0..n {
                add(&mut acc.isas[k], i, (o0[i], o1[i]));
            }
        }
        return acc;
    }
    let binary = f.arity() == Arity::Binary;
    let want: Vec<T> = if binary {
        xs.iter()
            .zip(ys)
            .map(|(&x, &y)| T::reference2(f, x, y))
            .collect()
    } else {
        xs.iter().map(|&x| T::reference(f, x)).collect()
    };
    let exact: Vec<ulp::Exact> = if binary {
        xs.iter()
            .zip(ys)
            .map(|(&x, &y)| T::exact2(f, x, y))
            .collect()
    } else {
        xs.iter().map(|&x| T::exact(f, x)).collect()
    };
    let add = |s: &mut Stats<T>, i: usize, got: T| {
        if binary {
            s.add2(xs[i], ys[i], got, want[i], exact[i]);
        } else {
            s.add(xs[i], got, want[i], exact[i]);
        }
    };
    for i in 0..n {
        let l = if binary {
            T::libm2(f, xs[i], ys[i])
        } else {
            T::libm(f, xs[i])
        };
        add(&mut acc.libm, i, l);
    }
    let mut out = vec![T::default(); n];
    for (k, &isa) in isas.iter().enumerate() {
        if binary {
            simdmath::eval2_with(isa, f, xs, ys, &mut out);
        } else {
            simdmath::eval_with_accuracy(isa, acc_tier, f, xs, &mut out);
        }
        for (i, &o) in out.iter().enumerate() {
            add(&mut acc.isas[k], i, o);
        }
    }
    acc
}

/// Runs `chunk(i)` for `i in 0..chunks` on `pool`, merging the statistics as it goes, with a
/// progress line and ETA on stderr when stderr is a terminal and the run is long.
#[allow(clippy::too_many_arguments)] // all plain inputs of one run; a struct would only rename them
fn run_chunks<T: Float>(
    label: &str,
    pool: &Pool,
    chunks: usize,
    inputs_total: u64,
    f: Func,
    isas: &[Isa],
    bound: u64,
    acc_tier: Accuracy,
    chunk: &(dyn Fn(usize) -> (Vec<T>, Vec<T>) + Sync),
) -> Acc<T> {
    let total = Mutex::new(Acc::<T> {
        libm: Stats::default(),
        isas: isas.iter().map(|_| Stats::with_bound(bound)).collect(),
    });
    let eta = Eta::start(
        label,
        inputs_total,
        std::io::stderr().is_terminal() && inputs_total >= 1 << 24,
    );
    pool.for_each_index(chunks, |i| {
        let (xs, ys) = chunk(i);
        let a = eval_chunk(f, isas, bound, acc_tier, &xs, &ys);
        // A chunk is 65,536 inputs: one merge per chunk costs nothing beside them.
        let mut t = total.lock().expect("no worker panicked");
        t.libm.merge(&a.libm);
        for (m, s) in t.isas.iter_mut().zip(&a.isas) {
            m.merge(s);
        }
        drop(t);
        eta.add(xs.len() as u64);
    });
    eta.finish();
    total.into_inner().expect("no worker panicked")
}

fn run_one<T: Float>(cfg: &Config, pool: &Pool, f: Func, dtype: &'static str) -> Vec<Row> {
    let bound = u64::from(
        cfg.accuracy
            .bound::<T>(f)
            .expect("functions without the tier are skipped before"),
    );
    let label = format!("{f} {dtype}");
    const CHUNK: usize = 1 << 16;
    let acc = match &cfg.source {
        Source::Exhaustive => {
            let chunks = (1usize << 32) / CHUNK;
            let make = |i: usize| -> (Vec<T>, Vec<T>) {
                let xs = (0..CHUNK as u64)
                    .map(|j| T::from_bits((i * CHUNK) as u64 + j))
                    .collect();
                (xs, Vec::new())
            };
            run_chunks(
                &label,
                pool,
                chunks,
                1 << 32,
                f,
                &cfg.isas,
                bound,
                cfg.accuracy,
                &make,
            )
        }
        src => {
            let binary = f.arity() == Arity::Binary;
            let (xs, ys): (Vec<T>, Vec<T>) = match src {
                Source::Range(lo, hi) if binary => (
                    inputs::uniform(cfg.samples, *lo, *hi, cfg.seed),
                    inputs::uniform(cfg.samples, *lo, *hi, cfg.seed ^ 0x5eed),
                ),
                Source::Range(lo, hi) => {
                    (inputs::uniform(cfg.samples, *lo, *hi, cfg.seed), Vec::new())
                }
                Source::Sets(sets) => {
                    let (mut v, mut w) = (Vec::new(), Vec::new());
                    for s in sets {
                        let (a, b) = match (s, binary) {
                            (Set::Random, false) => {
                                (inputs::random_bits::<T>(cfg.samples, cfg.seed), Vec::new())
                            }
                            (Set::Hard, false) => {
                                let mut v = inputs::hard::<T>(f, cfg.samples, cfg.seed);
                                v.extend(inputs::hard_regions::<T>(f, cfg.seed));
                                (v, Vec::new())
                            }
                            (Set::Special, false) => (inputs::specials::<T>(f), Vec::new()),
                            (Set::Random, true) => inputs::random_pairs::<T>(cfg.samples, cfg.seed),
                            (Set::Hard, true) => inputs::hard_pairs::<T>(f, cfg.samples, cfg.seed),
                            (Set::Special, true) => inputs::special_pairs::<T>(f),
                        };
                        v.extend(a);
                        w.extend(b);
                    }
                    (v, w)
                }
                Source::Exhaustive => unreachable!(),
            };
            let chunks = xs.len().div_ceil(CHUNK);
            let make = |i: usize| -> (Vec<T>, Vec<T>) {
                let r = i * CHUNK..((i + 1) * CHUNK).min(xs.len());
                let y = if ys.is_empty() {
                    Vec::new()
                } else {
                    ys[r.clone()].to_vec()
                };
                (xs[r].to_vec(), y)
            };
            run_chunks(
                &label,
                pool,
                chunks,
                xs.len() as u64,
                f,
                &cfg.isas,
                bound,
                cfg.accuracy,
                &make,
            )
        }
    };
    // Special values: bit for bit as libm, whatever the input set.
    let binary = f.arity() == Arity::Binary;
    let (specials, special_ys): (Vec<T>, Vec<T>) = if binary {
        inputs::special_pairs(f)
    } else {
        (inputs::specials(f), Vec::new())
    };
    // Results of every special input: (output, second output of a two-output function).
    let pair = f.arity() == Arity::UnaryPair;
    let call = |isa: Option<Isa>, i: usize| -> (T, Option<T>) {
        let (x, y) = (specials[i], special_ys.get(i).copied());
        match (isa, y) {
            (None, _) if pair => {
                let (a, b) = T::libm_pair(f, x);
                (a, Some(b))
            }
            (Some(isa), _) if pair => {
                let (mut a, mut b) = ([T::default()], [T::default()]);
                simdmath::eval_pair_with_accuracy(isa, cfg.accuracy, f, &[x], &mut a, &mut b);
                (a[0], Some(b[0]))
            }
            (None, None) => (T::libm(f, x), None),
            (None, Some(y)) => (T::libm2(f, x, y), None),
            (Some(isa), None) => {
                let mut o = [T::default()];
                simdmath::eval_with_accuracy(isa, cfg.accuracy, f, &[x], &mut o);
                (o[0], None)
            }
            (Some(isa), Some(y)) => {
                let mut o = [T::default()];
                simdmath::eval2_with(isa, f, &[x], &[y], &mut o);
                (o[0], None)
            }
        }
    };
    let reference = |i: usize| -> (T, Option<T>) {
        match special_ys.get(i) {
            _ if pair => {
                let (a, b) = T::reference_pair(f, specials[i]);
                (a, Some(b))
            }
            Some(&y) => (T::reference2(f, specials[i], y), None),
            None => (T::reference(f, specials[i]), None),
        }
    };
    let same = |a: (T, Option<T>), b: (T, Option<T>)| {
        ulp::special_matches(a.0, b.0)
            && match (a.1, b.1) {
                (Some(p), Some(q)) => ulp::special_matches(p, q),
                _ => true,
            }
    };
    let show = |v: (T, Option<T>)| match v.1 {
        Some(b) => format!("({}, {})", dec(v.0), dec(b)),
        None => dec(v.0),
    };
    let args = |i: usize| match special_ys.get(i) {
        Some(&y) => format!("{}, {}", dec(specials[i]), dec(y)),
        None => dec(specials[i]),
    };
    let libm_sp: Vec<(T, Option<T>)> = (0..specials.len()).map(|i| call(None, i)).collect();
    let row = |backend: String, bound: Option<u64>, s: &Stats<T>, mismatches: Vec<String>| Row {
        func: f,
        dtype,
        backend,
        bound,
        n: s.n,
        max_real: s.max_real,
        max_dist: s.max_dist,
        mean: s.mean(),
        correct: s.correct_share(),
        hist: s.hist,
        worst: s.worst.map(|w| {
            let [mut a, mut b] = describe(w.x);
            if let Some(y) = w.y {
                let [c, d] = describe(y);
                a = format!("{a}, {c}");
                b = format!("{b}, {d}");
            }
            let [c, d] = describe(w.got);
            let [e, g] = describe(w.want);
            [a, b, c, d, e, g]
        }),
        special_total: specials.len(),
        special_mismatches: mismatches,
        approximate: s.approximate,
    };
    let mut rows = Vec::new();
    for (k, &isa) in cfg.isas.iter().enumerate() {
        let mism = (0..specials.len())
            .filter_map(|i| {
                let y = call(Some(isa), i);
                // Special inputs or results (NaN, ±0, ±inf) must be libm's bit for bit; the
                // ordinary results among the special pairs (pow(2, 0.5)) only within the bound.
                let strict = special_ys.get(i).is_none_or(|&b| {
                    [specials[i], b, libm_sp[i].0]
                        .iter()
                        .any(|&v| is_special(v))
                });
                let bad = if strict {
                    !same(y, libm_sp[i])
                } else {
                    ulp::distance(y.0, reference(i).0) > bound
                };
                bad.then(|| format!("{f}({}) = {} (libm {})", args(i), show(y), show(libm_sp[i])))
            })
            .collect();
        let backend = match cfg.accuracy {
            Accuracy::Faithful => isa.name().to_string(),
            _ => format!("{} cr", isa.name()),
        };
        rows.push(row(backend, Some(bound), &acc.isas[k], mism));
    }
    let libm_mism = (0..specials.len())
        .filter(|&i| !same(reference(i), libm_sp[i]))
        .map(|i| {
            format!(
                "{f}({}): libm {} core-math {}",
                args(i),
                show(libm_sp[i]),
                show(reference(i))
            )
        })
        .collect();
    rows.push(row("libm".into(), None, &acc.libm, libm_mism));
    rows
}

fn source_words(cfg: &Config) -> String {
    match &cfg.source {
        Source::Exhaustive => "exhaustive: all 2^32 f32 inputs".into(),
        Source::Range(lo, hi) => format!(
            "{} inputs uniform in [{lo}, {hi}], seed {}",
            cfg.samples, cfg.seed
        ),
        Source::Sets(sets) => {
            let mut w = Vec::new();
            for s in sets {
                w.push(match s {
                    Set::Random => format!(
                        "{} random bit patterns (every exponent and sign)",
                        cfg.samples
                    ),
                    Set::Hard => format!(
                        "{} from the hard regions (one input: + their fixed point sets)",
                        cfg.samples
                    ),
                    Set::Special => "the special values".to_string(),
                });
            }
            format!("{}; seed {}", w.join(" + "), cfg.seed)
        }
    }
}

fn real_str(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.3}")
    } else {
        "inf".into()
    }
}

fn dist_str(d: u64) -> String {
    if d == u64::MAX {
        "NaN".into()
    } else {
        d.to_string()
    }
}

fn print_table(cfg: &Config, rows: &[Row]) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "simdmath ulp: {} (reference: core-math, correctly rounded)",
        source_words(cfg)
    );
    let head = [
        "func", "type", "backend", "bound", "max ulp", "max dist", "mean ulp", "correct",
        "specials", "status",
    ];
    let cells: Vec<[String; 10]> = rows
        .iter()
        .map(|r| {
            [
                r.func.to_string(),
                r.dtype.to_string(),
                r.backend.clone(),
                r.bound.map_or("-".into(), |b| b.to_string()),
                real_str(r.max_real),
                dist_str(r.max_dist),
                format!("{:.4}", r.mean),
                format!("{:.3}%", 100.0 * r.correct),
                format!(
                    "{}/{}",
                    r.special_total - r.special_mismatches.len(),
                    r.special_total
                ),
                r.status().to_string(),
            ]
        })
        .collect();
    let mut w = head.map(str::len);
    for c in &cells {
        for (k, s) in c.iter().enumerate() {
            w[k] = w[k].max(s.len());
        }
    }
    let line = |o: &mut String, c: &[&str]| {
        let parts: Vec<String> = c
            .iter()
            .enumerate()
            .map(|(k, s)| {
                if k < 3 || k == 9 {
                    format!("{s:<0$}", w[k])
                } else {
                    format!("{s:>0$}", w[k])
                }
            })
            .collect();
        let _ = writeln!(o, "{}", parts.join("  ").trim_end());
    };
    line(&mut o, &head);
    for c in &cells {
        line(&mut o, &c.iter().map(String::as_str).collect::<Vec<_>>());
    }
    let _ = writeln!(
        o,
        "\nhistogram: inputs per integer distance to the correctly rounded result"
    );
    let mut hw = HIST_LABELS.map(str::len);
    for r in rows {
        for (k, h) in r.hist.iter().enumerate() {
            hw[k] = hw[k].max(h.to_string().len());
        }
    }
    let lab = |r: &Row| format!("{} {} {}", r.func, r.dtype, r.backend);
    let lw = rows.iter().map(|r| lab(r).len()).max().unwrap_or(0);
    let hl: Vec<String> = HIST_LABELS
        .iter()
        .enumerate()
        .map(|(k, l)| format!("{l:>0$}", hw[k]))
        .collect();
    let _ = writeln!(o, "{:lw$}  {}", "", hl.join("  "));
    for r in rows {
        let h: Vec<String> = r
            .hist
            .iter()
            .enumerate()
            .map(|(k, v)| format!("{v:>0$}", hw[k]))
            .collect();
        let _ = writeln!(o, "{:lw$}  {}", lab(r), h.join("  "));
    }
    let _ = writeln!(
        o,
        "\nworst input (largest distance, then largest real error): x, result, correctly rounded"
    );
    for r in rows {
        if let Some(wst) = &r.worst {
            let _ = writeln!(
                o,
                "{:lw$}  x = {} ({})  got {} ({})  want {} ({})",
                lab(r),
                wst[0],
                wst[1],
                wst[2],
                wst[3],
                wst[4],
                wst[5]
            );
        }
    }
    let bad: Vec<&Row> = rows
        .iter()
        .filter(|r| !r.special_mismatches.is_empty())
        .collect();
    if !bad.is_empty() {
        let _ = writeln!(
            o,
            "\nspecial-value mismatches (result vs libm, bit for bit):"
        );
        for r in bad {
            for m in &r.special_mismatches {
                let _ = writeln!(o, "{:lw$}  {m}", lab(r));
            }
        }
    }
    let _ = writeln!(
        o,
        "\nmax ulp: |y - f(x)| / ulp(f(x)); f32: f(x) from core-math in f64 (exact to ~1e-9 ulp); f64: f(x) in \
         double-double (exact to ~2^-40 ulp), except sin/cos beyond 2^30 where the correctly rounded value stands \
         in: those inputs count in max dist but not in max ulp and mean ulp (--json: approximate). max dist: representable \
         values between y and the correctly rounded result; bound: the registry's stated max dist."
    );
    o
}

/// `s` as a JSON string literal (quotes, backslashes and control characters escaped); also
/// `run --json`'s.
pub(crate) fn json_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn json_num(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        "null".into()
    }
}

fn print_json(cfg: &Config, rows: &[Row], ok: bool) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "{{\"command\":{},\"inputs\":{},\"seed\":{},\"reference\":\"core-math\",\"ok\":{ok},\"results\":[",
        json_str(&cfg.invocation),
        json_str(&source_words(cfg)),
        cfg.seed
    );
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        let hist: Vec<String> = HIST_LABELS
            .iter()
            .zip(r.hist)
            .map(|(l, v)| format!("{}:{v}", json_str(l)))
            .collect();
        let worst = match &r.worst {
            None => "null".to_string(),
            Some(w) => format!(
                "{{\"x\":{},\"x_hex\":{},\"got\":{},\"got_hex\":{},\"want\":{},\"want_hex\":{}}}",
                json_str(&w[0]),
                json_str(&w[1]),
                json_str(&w[2]),
                json_str(&w[3]),
                json_str(&w[4]),
                json_str(&w[5])
            ),
        };
        let sm: Vec<String> = r.special_mismatches.iter().map(|s| json_str(s)).collect();
        let _ = write!(
            o,
            "{{\"func\":\"{}\",\"dtype\":\"{}\",\"backend\":\"{}\",\"bound\":{},\"n\":{},\"max_ulp\":{},\
             \"max_dist\":{},\"mean_ulp\":{},\"correctly_rounded\":{},\"histogram\":{{{}}},\"worst\":{worst},\
             \"approximate\":{},\"specials\":{},\"special_mismatches\":[{}],\"within_bound\":{}}}",
            r.func,
            r.dtype,
            r.backend,
            r.bound.map_or("null".into(), |b| b.to_string()),
            r.n,
            json_num(r.max_real),
            if r.max_dist == u64::MAX {
                "null".into()
            } else {
                r.max_dist.to_string()
            },
            json_num(r.mean),
            json_num(r.correct),
            hist.join(","),
            r.approximate,
            r.special_total,
            sm.join(","),
            r.ok()
        );
    }
    o.push_str("]}\n");
    o
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string())
}

fn print_markdown(cfg: &Config, rows: &[Row], header: bool) -> String {
    let mut o = String::new();
    if header {
        let _ = writeln!(o, "# Accuracy\n");
        let _ = writeln!(
            o,
            "<!-- Generated by `{}`; do not edit by hand: rerun it (`cargo run --release -- ulp ... > docs/ACCURACY.md`). -->\n",
            cfg.invocation
        );
        let _ = writeln!(
            o,
            "Generated by `{}` (simdmath {}, {}, instruction sets: {}). Exit status 0: every backend within \
             the registry's bound and every special value bit for bit as libm.\n",
            cfg.invocation,
            env!("CARGO_PKG_VERSION"),
            cpu_model(),
            cfg.isas
                .iter()
                .map(|i| i.name())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(
            o,
            "Reference: [core-math](https://core-math.gitlabpages.inria.fr/) (correctly rounded). `libm` is the \
             system libm (glibc through `std`) on the same inputs, shown for comparison, not checked.\n\n\
             * **max dist**: the largest number of representable values between a result and the correctly \
             rounded result (0 = correctly rounded); this is what the registry's **bound** states and what \
             the command checks.\n\
             * **max ulp**: the largest real-valued error `|y - f(x)| / ulp(f(x))`. For `f32` the exact \
             `f(x)` is core-math's `f64` result (its own error is below 2^-29 ulp of `f32`). For `f64`, \
             `f(x)` is evaluated in double-double (~106 bits; `simdmath::ulp`, checked against core-math), \
             exact to about 2^-40 ulp, except sin/cos beyond |x| = 2^30, where the correctly rounded value \
             stands in: those inputs count in max dist but not in max ulp and mean ulp (the JSON output \
             counts them as `approximate`).\n\
             * **mean ulp**, **correct** (share correctly rounded), the **histogram** of distances \
             (0 / 1 / 2 / 3-4 / 5-16 / >16 / NaN mismatch), and the **worst** input (decimal and C `%a` hex).\n\
             * **specials**: ±0, ±∞, NaN and the inputs with special results (exp overflow / underflow, log \
             of negatives and of 1), compared with libm bit for bit.\n\
             * Input sets: see `simdmath ulp --help`. Exhaustive `f32` results (all 2^32 inputs) are added \
             with `simdmath ulp --exhaustive --markdown-section >> docs/ACCURACY.md`.\n"
        );
    }
    let _ = writeln!(o, "## {}\n", source_words(cfg));
    let _ = writeln!(o, "Command: `{}`\n", cfg.invocation);
    let _ = writeln!(
        o,
        "| function | type | backend | bound | max dist | max ulp | mean ulp | correct | histogram {} | worst x | result | correctly rounded | specials |",
        HIST_LABELS.join(" / ")
    );
    let _ = writeln!(o, "|---|---|---|--:|--:|--:|--:|--:|---|---|---|---|---|");
    for r in rows {
        let h: Vec<String> = r.hist.iter().map(u64::to_string).collect();
        let (x, y, w) = match &r.worst {
            Some(w) => (
                format!("{} (`{}`)", w[0], w[1]),
                format!("{} (`{}`)", w[2], w[3]),
                format!("{} (`{}`)", w[4], w[5]),
            ),
            None => ("-".into(), "-".into(), "-".into()),
        };
        let be = if r.bound.is_none() {
            format!("*{}*", r.backend)
        } else {
            r.backend.clone()
        };
        let _ = writeln!(
            o,
            "| {} | {} | {be} | {} | {} | {} | {:.4} | {:.3}% | {} | {x} | {y} | {w} | {}/{} |",
            r.func,
            r.dtype,
            r.bound.map_or("-".into(), |b| b.to_string()),
            dist_str(r.max_dist),
            real_str(r.max_real),
            r.mean,
            100.0 * r.correct,
            h.join(" / "),
            r.special_total - r.special_mismatches.len(),
            r.special_total
        );
    }
    let sm: Vec<String> = rows
        .iter()
        .flat_map(|r| {
            r.special_mismatches
                .iter()
                .map(move |m| format!("* {} {} {}: {m}", r.func, r.dtype, r.backend))
        })
        .collect();
    if !sm.is_empty() {
        let _ = writeln!(o, "\nSpecial-value mismatches:\n\n{}", sm.join("\n"));
    }
    o.push('\n');
    o
}

/// `simdmath ulp [options]`: returns the exit code (0 within bounds, 1 over a bound).
pub fn main(argv: &[String]) -> Result<i32, CliError> {
    let Some(cfg) = config(argv)? else {
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
                Dtype::F64 => run_one::<f64>(&cfg, &pool, f, "f64"),
                Dtype::F32 => run_one::<f32>(&cfg, &pool, f, "f32"),
            });
        }
    }
    let ok = rows.iter().all(Row::ok);
    let text = match cfg.format {
        Format::Table => print_table(&cfg, &rows),
        Format::Json => print_json(&cfg, &rows, ok),
        Format::Markdown { header } => print_markdown(&cfg, &rows, header),
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
                dist_str(r.max_dist),
                r.bound.unwrap_or(0),
                r.special_mismatches.len()
            );
        }
    }
    Ok(if ok { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hexfloats() {
        assert_eq!(hexfloat(1.0f64), "0x1p+0");
        assert_eq!(hexfloat(-3.0f64), "-0x1.8p+1");
        assert_eq!(hexfloat(0.1f32), "0x1.99999ap-4");
        assert_eq!(hexfloat(f64::from_bits(1)), "0x0.0000000000001p-1022");
        assert_eq!(hexfloat(f32::from_bits(1)), "0x0.000002p-126");
        assert_eq!(hexfloat(f32::NEG_INFINITY), "-inf");
        assert_eq!(hexfloat(-0.0f64), "-0x0p+0");
    }

    #[test]
    fn ranges_and_seeds() {
        assert_eq!(parse_range("-1..2.5").unwrap(), (-1.0, 2.5));
        assert!(parse_range("2..1").is_err());
        assert!(parse_range("1,2").is_err());
        assert_eq!(parse_seed("0x10").unwrap(), 16);
        assert!(parse_seed("-1").is_err());
    }
}
