//! `simdmath run`'s measurements: the warm-up, each mode's work (fill, compute) and limit
//! passes (floor, math in cache), best of `--repeat`, and the sampled accuracy check.

use super::{Config, Mode, SAMPLES, footprint};
use crate::cli::progress::Progress;
use simdmath::{Accuracy, Func, Input, Operands, Pool, Real, random};
use std::time::Instant;

/// The libm reference in f64 for one element (the registry line's libm function).
fn reference(f: Func, x: f64) -> f64 {
    <f64 as simdmath::ulp::Float>::libm(f, x)
}

/// Distance in representable values between `a` and `b` (as f32 values when `f32`), by
/// [`simdmath::ulp::distance`]: 0 for two NaNs, `u64::MAX` for a NaN and a number.
fn ulp_distance(a: f64, b: f64, f32: bool) -> u64 {
    if f32 {
        simdmath::ulp::distance(a as f32, b as f32)
    } else {
        simdmath::ulp::distance(a, b)
    }
}

/// The limit passes of one mode (best of `repeat`), measured with `--limits`.
#[derive(Clone, Copy)]
pub(super) struct Limits {
    /// The pass over the same bytes with no math (two-pass only).
    pub(super) floor: Option<f64>,
    /// The function with its data in L1.
    pub(super) math: f64,
}

/// One mode's measurements (best of `repeat`).
pub(super) struct ModeResult {
    pub(super) mode: Mode,
    pub(super) threads: usize,
    pub(super) cpus: Option<Vec<usize>>,
    pub(super) masks: Vec<Vec<usize>>,
    /// Fill and compute, two-pass only (the fused pass has no split).
    pub(super) fill: Option<f64>,
    pub(super) compute: Option<f64>,
    pub(super) total: f64,
    /// The fill's own page faults: the largest thread's time first-touching its pages,
    /// measured inside the fill (a lower bound of the fill by construction).
    pub(super) touch: f64,
    pub(super) limits: Option<Limits>,
    /// Max ulp, samples and digest of the sampled outputs; `None` with `--quick`.
    pub(super) accuracy: Option<(u64, usize, u64)>,
    /// Seconds spent in the work (every repetition), the limits and the accuracy check.
    pub(super) spent_work: f64,
    pub(super) spent_limits: f64,
    pub(super) spent_accuracy: f64,
}

/// Times `f` in seconds.
fn timed(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64()
}

pub(super) fn run_mode<T: Real>(
    cfg: &Config,
    mode: Mode,
    pool: Option<&Pool>,
    prog: &Progress,
) -> ModeResult {
    let n = cfg.n;
    let (lo, hi) = (T::from_f64(0.0), T::from_f64(1.0));
    let (mut fill, mut compute, mut total) = (f64::MAX, f64::MAX, f64::MAX);
    let (mut touch, mut floor, mut math) = (f64::MAX, f64::MAX, f64::MAX);
    let (mut spent_work, mut spent_limits, mut spent_accuracy) = (0.0, 0.0, 0.0);
    let mut accuracy = None;
    let mut sample = vec![T::default(); KERNEL_SAMPLE];
    random::fill_uniform_at(cfg.seed, 0, &mut sample, lo, hi);
    let label = |what: &str| format!("{}: {what} ({} x {})", mode.name(), cfg.n, T::NAME);
    for rep in 0..cfg.repeat {
        // Fresh arrays every repetition, as the tutorial allocates them: the fill includes
        // the page faults.
        let mut x: Vec<T> = Vec::new();
        let mut out: Vec<T> = Vec::new();
        if cfg.fused {
            prog.phase(label(&format!("fill + {} fused", cfg.func.name())));
            let mut faults = 0.0;
            let t = timed(|| {
                if cfg.in_place {
                    (x, faults) = random::uniform_vec_eval_timed(
                        pool, cfg.seed, n, lo, hi, cfg.isa, cfg.func,
                    );
                } else {
                    (x, out, faults) = random::uniform_vecs_eval_timed(
                        pool, cfg.seed, n, lo, hi, cfg.isa, cfg.func,
                    );
                }
            });
            total = total.min(t);
            touch = touch.min(faults);
            spent_work += t;
        } else {
            prog.phase(label("fill"));
            let mut faults = 0.0;
            let t_fill = timed(|| {
                (x, faults) = random::uniform_vec_timed(pool, cfg.seed, n, lo, hi);
                if !cfg.in_place {
                    // The output's first touch is part of the fill phase, and all touch.
                    let t = Instant::now();
                    out = simdmath::filled_vec(pool, n, T::default());
                    faults += t.elapsed().as_secs_f64();
                }
            });
            prog.phase(label(&cfg.what()));
            let (f, isa, y, acc) = (cfg.func, cfg.isa, T::from_f64(cfg.y), cfg.accuracy);
            let binary = f.arity() == simdmath::Arity::Binary;
            let t_compute = timed(|| {
                if let Some(e) = &cfg.expr {
                    let inputs = [("x", Input::from(&x))];
                    match pool {
                        Some(p) => p.eval_expr_with(isa, 0, e, &inputs, &mut out),
                        None => e.eval_with(isa, 0, &inputs, &mut out),
                    }
                    .expect("the expression's inputs were checked when parsing");
                    return;
                }
                // The shape of the call from the function's arity and --in-place.
                let ops = match (cfg.in_place, binary) {
                    (true, false) => Operands::UnaryInPlace(&mut x),
                    (false, false) => Operands::Unary(&x, &mut out),
                    (true, true) => Operands::BinaryScalarInPlace(&mut x, y),
                    (false, true) => Operands::BinaryScalar(&x, y, &mut out),
                };
                match pool {
                    Some(p) => p.apply(isa, acc, f, ops),
                    None => simdmath::apply(isa, acc, f, ops),
                }
            });
            fill = fill.min(t_fill);
            touch = touch.min(faults);
            compute = compute.min(t_compute);
            total = total.min(t_fill + t_compute);
            spent_work += t_fill + t_compute;
        }
        prog.end();
        if rep + 1 == cfg.repeat && !cfg.quick {
            prog.phase(label("accuracy check"));
            let t0 = Instant::now();
            accuracy = Some(check_accuracy(cfg, if cfg.in_place { &x } else { &out }));
            spent_accuracy += t0.elapsed().as_secs_f64();
        }
        if cfg.limits {
            let t0 = Instant::now();
            if !cfg.fused {
                // The floor on the work's own pages, just after the function ran on them.
                prog.phase(label("memory floor"));
                let t = timed(|| match (pool, cfg.in_place) {
                    (Some(p), true) => p.read_write_in_place(cfg.isa, &mut x),
                    (Some(p), false) => p.copy_with(cfg.isa, &x, &mut out),
                    (None, true) => simdmath::read_write_in_place(cfg.isa, &mut x),
                    (None, false) => simdmath::copy_with(cfg.isa, &x, &mut out),
                });
                floor = floor.min(t);
            }
            prog.phase(label("math in cache"));
            math = math.min(timed(|| kernel_in_cache(cfg, pool, &mut x, &sample)));
            spent_limits += t0.elapsed().as_secs_f64();
        }
        prog.end();
    }
    ModeResult {
        mode,
        threads: pool.map_or(1, Pool::threads),
        cpus: pool.and_then(|p| p.cpus().map(<[usize]>::to_vec)),
        masks: pool.map(Pool::worker_masks).unwrap_or_default(),
        fill: (!cfg.fused).then_some(fill),
        compute: (!cfg.fused).then_some(compute),
        total,
        touch,
        limits: cfg.limits.then_some(Limits {
            floor: (!cfg.fused).then_some(floor),
            math,
        }),
        accuracy,
        spent_work,
        spent_limits,
        spent_accuracy,
    }
}

/// Inputs in the L1-resident sample of [`kernel_in_cache`] (16 KiB of `f64`).
const KERNEL_SAMPLE: usize = 2048;

/// The function alone with its data in L1: the same threads and chunking as the compute
/// phase, each chunk's element count evaluated from `sample` (the first inputs of the run) into
/// a buffer on the stack; the chunk's own memory is never read or written. A lower bound on
/// compute wherever the math, not memory, is the limit.
fn kernel_in_cache<T: Real>(cfg: &Config, pool: Option<&Pool>, x: &mut [T], sample: &[T]) {
    let entry = match cfg.accuracy {
        Accuracy::Faithful => T::kernel(cfg.isa, cfg.func).unary(),
        _ => T::cr_kernel(cfg.isa, cfg.func).and_then(|k| k.unary()),
    }
    .expect("run applies one-input, one-output functions of the tier (checked when parsing)");
    let run = |_: usize, c: &mut [T]| {
        // Uninitialised: zeroing 16 KiB per 64 KiB chunk made this "limit" 8 % slower than the
        // compute it bounds.
        let mut out = [std::mem::MaybeUninit::<T>::uninit(); KERNEL_SAMPLE];
        let mut left = c.len();
        while left > 0 {
            let k = left.min(sample.len()).min(KERNEL_SAMPLE);
            // SAFETY: `sample` holds at least `k` elements and `out` `KERNEL_SAMPLE >= k`; the
            // entry point only writes `out`; `cfg.isa` was checked available when parsed.
            unsafe { entry(sample.as_ptr(), out.as_mut_ptr().cast::<T>(), k) };
            std::hint::black_box(&mut out);
            left -= k;
        }
    };
    match pool {
        Some(p) => p.for_each_chunk(x, run),
        None => run(0, x),
    }
}

/// Max ulp distance from libm over up to `SAMPLES` elements of `y` (100 evenly spaced runs;
/// the inputs are regenerated from the seed), and a digest of the sampled outputs.
fn check_accuracy<T: Real>(cfg: &Config, y: &[T]) -> (u64, usize, u64) {
    let n = y.len();
    let groups = if n <= SAMPLES { 1 } else { 100 };
    let len = (SAMPLES / groups).min(n / groups);
    let is_f32 = T::NAME == "f32";
    let (mut max, mut count, mut digest) = (0u64, 0usize, 0xcbf29ce484222325u64);
    let mut xs = vec![T::default(); len];
    for g in 0..groups {
        let start = g * (n / groups);
        random::fill_uniform_at(cfg.seed, start, &mut xs, T::from_f64(0.0), T::from_f64(1.0));
        for (k, &xv) in xs.iter().enumerate() {
            let got = y[start + k].to_f64();
            let want = if let Some(e) = &cfg.expr {
                e.eval_scalar(&[("x", xv.to_f64())], |f, x, y| {
                    if f.arity() == simdmath::Arity::Binary {
                        <f64 as simdmath::ulp::Float>::libm2(f, x, y)
                    } else {
                        reference(f, x)
                    }
                })
                .expect("the expression's inputs were checked when parsing")
            } else if cfg.func.arity() == simdmath::Arity::Binary {
                <f64 as simdmath::ulp::Float>::libm2(
                    cfg.func,
                    xv.to_f64(),
                    T::from_f64(cfg.y).to_f64(),
                )
            } else if cfg.accuracy == Accuracy::CorrectlyRounded {
                // The tier's promise: core-math's f32, bit for bit.
                <f32 as simdmath::ulp::Float>::reference(cfg.func, xv.to_f64() as f32) as f64
            } else {
                reference(cfg.func, xv.to_f64())
            };
            let want = if is_f32 { want as f32 as f64 } else { want };
            max = max.max(ulp_distance(got, want, is_f32));
            digest = (digest ^ got.to_bits()).wrapping_mul(0x100000001b3);
            count += 1;
        }
    }
    (max, count, digest)
}

/// The warm-up (see HELP): allocates the footprint of one mode, touches every page on a pool of
/// every allowed CPU and frees it, before any mode is timed, so that no mode pays the machine's
/// first touch of memory it had not mapped yet (a cost of the host, paid once, by whichever
/// mode came first). Returns its seconds.
pub(super) fn warm_up<T: Real>(cfg: &Config, prog: &Progress) -> f64 {
    let n = footprint(cfg);
    prog.phase(format!(
        "warm-up: first touch of {:.1} MB",
        (n * std::mem::size_of::<T>()) as f64 / 1e6
    ));
    let t = Instant::now();
    let pool = Pool::logical().ok();
    let v = simdmath::filled_vec(pool.as_ref(), n, T::default());
    std::hint::black_box(&v);
    drop(v);
    drop(pool);
    let s = t.elapsed().as_secs_f64();
    prog.end();
    s
}
