//! `simdmath ulp`'s measurements: every input set of one function and type evaluated by the
//! reference, libm and each backend in chunks on the pool, accumulated into [`Stats`], and the
//! special values compared with libm bit for bit; one [`Row`] per backend and one for libm.

use super::report::{dec, describe};
use super::{Config, Set, Source};
use crate::cli::progress::Eta;
use simdmath::ulp::{self, Float, Stats, inputs};
use simdmath::{Accuracy, Arity, Func, Isa, Pool};
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
