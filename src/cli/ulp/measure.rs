//! `simdmath ulp`'s measurements: every input set of one function and type evaluated by the
//! reference, libm and each backend in chunks on the pool, accumulated into [`Stats`], and the
//! special values compared with libm bit for bit; one [`Row`] per backend and one for libm.

use super::report::{dec, describe};
use super::{Config, Set, Source};
use crate::cli::progress::Eta;
use simdmath::ulp::{self, Args, Exact, Float, Stats, Values, inputs};
use simdmath::{Accuracy, Arity, Func, Isa, Operands, Pool};
use std::io::IsTerminal;
use std::sync::Mutex;

/// One line of the report, type-erased for printing.
pub(super) struct Row {
    pub(super) func: Func,
    pub(super) dtype: &'static str,
    pub(super) backend: String,
    /// `None` for libm (reported, not checked).
    pub(super) bound: Option<u64>,
    pub(super) n: u64,
    pub(super) max_real: f64,
    pub(super) max_dist: u64,
    pub(super) mean: f64,
    pub(super) correct: f64,
    pub(super) hist: [u64; 7],
    pub(super) worst: Option<[String; 6]>,
    pub(super) special_total: usize,
    pub(super) special_mismatches: Vec<String>,
    pub(super) approximate: u64,
}

impl Row {
    pub(super) fn ok(&self) -> bool {
        match self.bound {
            None => true,
            Some(b) => self.max_dist <= b && self.special_mismatches.is_empty(),
        }
    }
    pub(super) fn status(&self) -> &'static str {
        match self.bound {
            None => "(ref)",
            Some(b) if self.max_dist > b => "OVER BOUND",
            Some(_) if !self.special_mismatches.is_empty() => "SPECIALS",
            Some(_) => "ok",
        }
    }
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

/// The arguments of input `i`: `xs[i]`, with `ys[i]` for a two-input function (`ys` is empty
/// for the others).
#[inline]
fn args_at<T: Float>(xs: &[T], ys: &[T], i: usize) -> Args<T> {
    match ys.get(i) {
        Some(&y) => Args::XY(xs[i], y),
        None => Args::X(xs[i]),
    }
}

/// The results of `f` by `isa` in tier `acc` on `xs` (and `ys`, for a two-input function),
/// one call for the whole slice.
fn eval_backend<T: Float>(isa: Isa, acc: Accuracy, f: Func, xs: &[T], ys: &[T]) -> Vec<Values<T>> {
    let (mut out, mut out1) = (vec![T::default(); xs.len()], Vec::new());
    let ops = match f.arity() {
        Arity::Binary => Operands::Binary(xs, ys, &mut out),
        Arity::UnaryPair => {
            out1 = vec![T::default(); xs.len()];
            Operands::Pair(xs, &mut out, &mut out1)
        }
        _ => Operands::Unary(xs, &mut out),
    };
    simdmath::apply(isa, acc, f, ops);
    match f.arity() {
        Arity::UnaryPair => out
            .into_iter()
            .zip(out1)
            .map(|(a, b)| Values::Two(a, b))
            .collect(),
        _ => out.into_iter().map(Values::One).collect(),
    }
}

/// Reference, libm and every backend on the inputs `xs` (and `ys`) of one chunk; every output
/// of a two-output function counts, each against its own correctly rounded value.
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
    let args = |i: usize| args_at(xs, ys, i);
    let want: Vec<Values<T>> = (0..n).map(|i| T::reference_of(f, args(i))).collect();
    let exact: Vec<Values<Exact>> = (0..n).map(|i| T::exact_of(f, args(i))).collect();
    for i in 0..n {
        let a = args(i);
        acc.libm.add_call(a, T::libm_of(f, a), want[i], exact[i]);
    }
    for (k, &isa) in isas.iter().enumerate() {
        for (i, got) in eval_backend(isa, acc_tier, f, xs, ys)
            .into_iter()
            .enumerate()
        {
            acc.isas[k].add_call(args(i), got, want[i], exact[i]);
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

pub(super) fn run_one<T: Float>(
    cfg: &Config,
    pool: &Pool,
    f: Func,
    dtype: &'static str,
) -> Vec<Row> {
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
    let args = |i: usize| args_at(&specials, &special_ys, i);
    // The results of every special input by libm (`None`) or a backend, one element per call.
    let call = |isa: Option<Isa>, i: usize| -> Values<T> {
        match isa {
            None => T::libm_of(f, args(i)),
            Some(isa) => {
                let ys = special_ys.get(i..=i).unwrap_or_default();
                eval_backend(isa, cfg.accuracy, f, &specials[i..=i], ys)[0]
            }
        }
    };
    let reference = |i: usize| T::reference_of(f, args(i));
    let same = |a: Values<T>, b: Values<T>| {
        a.into_iter()
            .zip(b)
            .all(|(p, q)| ulp::special_matches(p, q))
    };
    let show = |v: Values<T>| match v {
        Values::One(a) => dec(a),
        Values::Two(a, b) => format!("({}, {})", dec(a), dec(b)),
    };
    let args_str = |i: usize| match args(i) {
        Args::X(x) => dec(x),
        Args::XY(x, y) => format!("{}, {}", dec(x), dec(y)),
    };
    let libm_sp: Vec<Values<T>> = (0..specials.len()).map(|i| call(None, i)).collect();
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
                    [specials[i], b, libm_sp[i].first()]
                        .iter()
                        .any(|&v| is_special(v))
                });
                let bad = if strict {
                    !same(y, libm_sp[i])
                } else {
                    ulp::distance(y.first(), reference(i).first()) > bound
                };
                bad.then(|| {
                    format!(
                        "{f}({}) = {} (libm {})",
                        args_str(i),
                        show(y),
                        show(libm_sp[i])
                    )
                })
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
                args_str(i),
                show(libm_sp[i]),
                show(reference(i))
            )
        })
        .collect();
    rows.push(row("libm".into(), None, &acc.libm, libm_mism));
    rows
}
