//! The fill fused with a function (one pass per 16 KiB piece in L1) and the timed fills of
//! `simdmath run` (each thread times its first touch of a chunk's pages).

use super::*;

/// Per-thread time spent faulting fresh pages in, for the `_timed` functions: one account per
/// worker and one for the calling thread, which takes chunks too (see `crate::pool`).
struct FaultClock {
    ns: Vec<AtomicU64>,
}

impl FaultClock {
    fn new(pool: Option<&Pool>) -> FaultClock {
        let t = pool.map_or(0, Pool::threads);
        FaultClock {
            ns: (0..=t).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    /// Writes `T::default()` into the first element of each 4 KiB page of `c` (the first
    /// touch: the kernel faults the page in and zeroes it, a whole huge page at once where it
    /// grants one) and adds the time to the calling worker's account.
    fn touch<T: Real>(&self, c: &mut [MaybeUninit<T>]) {
        let step = (4096 / std::mem::size_of::<T>()).max(1);
        let t0 = Instant::now();
        for x in c.iter_mut().step_by(step) {
            x.write(T::default());
        }
        // A worker's own account, the last one for any other thread (the caller).
        let last = self.ns.len() - 1;
        let w = rayon::current_thread_index().map_or(last, |i| i.min(last));
        self.ns[w].fetch_add(t0.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    /// The largest thread's total, in seconds: no thread, and so not the whole pass, took
    /// less.
    fn max_seconds(&self) -> f64 {
        let m = self.ns.iter().map(|a| a.load(Ordering::Relaxed)).max();
        m.unwrap_or(0) as f64 * 1e-9
    }
}

/// [`uniform_vec`], also returning its page faults' time: each thread (a worker or the
/// caller) first touches the pages of a chunk (one write per 4 KiB page: the kernel faults
/// the page in and zeroes it) just before filling it, and times that; the second value is the
/// largest thread's total in seconds. It is measured inside the fill, on the same pages,
/// threads and moment, so it is a lower bound of the fill's wall time by construction. The
/// same values as [`uniform_vec`].
///
/// # Panics
/// If `lo`, `hi` are not finite with `lo < hi`.
///
/// ```
/// use std::time::Instant;
/// let t = Instant::now();
/// let (v, faults) = simdmath::random::uniform_vec_timed::<f64>(None, 5, 1 << 20, 0.0, 1.0);
/// assert!(faults >= 0.0 && faults <= t.elapsed().as_secs_f64());
/// assert_eq!(v, simdmath::random::uniform_vec::<f64>(None, 5, 1 << 20, 0.0, 1.0));
/// ```
#[track_caller]
pub fn uniform_vec_timed<T: Real>(
    pool: Option<&Pool>,
    seed: u64,
    n: usize,
    lo: T,
    hi: T,
) -> (Vec<T>, f64) {
    check_range(lo, hi);
    let clock = FaultClock::new(pool);
    let mut v = alloc_uninit::<T>(n);
    let chunk = |off: usize, c: &mut [MaybeUninit<T>]| {
        clock.touch(c);
        fill_at_uninit_s(seed, off, c, lo, hi, false)
    };
    match pool {
        Some(p) => p.for_each_chunk(&mut v, chunk),
        // The pool's chunks, in order: a timed first touch covers one chunk, not the array.
        None => {
            let len = chunk_len::<T>();
            for (k, c) in v.chunks_mut(len).enumerate() {
                chunk(k * len, c)
            }
        }
    }
    (into_init(v), clock.max_seconds())
}

/// Bytes of one piece of the fused pipeline: generated, then passed to the function while it
/// is still in L1 (16 KiB: a third of this Xeon's L1d, half of a Zen 1's).
const PIECE_BYTES: usize = 16 << 10;

fn piece_len<T>() -> usize {
    // A multiple of the lockstep group, so pieces continue a block's streams unchanged.
    (PIECE_BYTES / std::mem::size_of::<T>()).max(LANES) / LANES * LANES
}

/// `piece` as initialised.
///
/// # Safety
/// Every element of `piece` has been written.
unsafe fn assume_init<T>(piece: &mut [MaybeUninit<T>]) -> &mut [T] {
    // SAFETY: the caller wrote every element; `MaybeUninit<T>` and `T` have the same layout.
    unsafe { &mut *(piece as *mut [MaybeUninit<T>] as *mut [T]) }
}

/// The fill of `out` (the values at indices `start..` of a fill with `seed`), in pieces of at
/// most [`PIECE_BYTES`], calling `then(offset in out, piece)` on each piece right after it is
/// written, while it is in L1. The same values as [`fill_uniform_at`].
#[track_caller]
fn fill_at_then<T: Real>(
    seed: u64,
    start: usize,
    out: &mut [MaybeUninit<T>],
    lo: T,
    hi: T,
    mut then: impl FnMut(usize, &mut [T]),
) {
    let cap = check_range(lo, hi);
    let piece = piece_len::<T>();
    walk(
        seed,
        start,
        out,
        lo,
        hi,
        cap,
        |st, out, pos, len, written| {
            let mut done = 0;
            while done < len {
                let k = if written { len } else { piece.min(len - done) };
                let at = pos + done;
                if !written {
                    gen_dispatch(st, &mut out[at..at + k], lo, hi, cap);
                }
                // SAFETY: the `k` elements at `at` were written, by the walk or just above.
                then(at, unsafe { assume_init(&mut out[at..at + k]) });
                done += k;
            }
        },
    );
}

/// The fused pipeline: `n` uniform values in `[lo, hi)` from `seed` with `f` applied, in one
/// pass over fresh memory. Each worker of `pool` (or the calling thread for `None`) fills a
/// 16 KiB piece of its chunk and applies `f` to it with `isa` before the piece leaves L1, so
/// every page is written once (by the worker that first touches it). Bit for bit the same as
/// [`uniform_vec`] followed by [`Pool::eval_in_place_with`] (the kernels do not depend on an
/// element's position), without the second pass over memory.
///
/// # Panics
/// If `lo`, `hi` are not finite with `lo < hi`, or if this CPU cannot run `isa`.
///
/// ```
/// use simdmath::{Func, Isa, Pool, random};
/// let pool = Pool::with_threads(2)?;
/// let fused: Vec<f64> = random::uniform_vec_eval(Some(&pool), 7, 100_000, 0.0, 1.0, Isa::best(), Func::Exp);
/// let mut two_pass: Vec<f64> = random::uniform_vec(Some(&pool), 7, 100_000, 0.0, 1.0);
/// pool.eval_in_place_with(Isa::best(), Func::Exp, &mut two_pass);
/// assert_eq!(fused, two_pass);
/// # Ok::<(), simdmath::PoolError>(())
/// ```
#[track_caller]
pub fn uniform_vec_eval<T: Real>(
    pool: Option<&Pool>,
    seed: u64,
    n: usize,
    lo: T,
    hi: T,
    isa: Isa,
    f: Func,
) -> Vec<T> {
    fused(pool, seed, n, lo, hi, isa, f, None)
}

/// [`uniform_vec_eval`], also returning its page faults' time, measured as in
/// [`uniform_vec_timed`] (a lower bound of the pass's wall time by construction).
///
/// # Panics
/// If `lo`, `hi` are not finite with `lo < hi`, or if this CPU cannot run `isa`.
///
/// ```
/// use simdmath::{Func, Isa, random};
/// let (y, faults) = random::uniform_vec_eval_timed::<f32>(None, 1, 1 << 20, 0.0, 1.0, Isa::best(), Func::Exp);
/// assert!(faults >= 0.0);
/// assert_eq!(y, random::uniform_vec_eval::<f32>(None, 1, 1 << 20, 0.0, 1.0, Isa::best(), Func::Exp));
/// ```
#[track_caller]
pub fn uniform_vec_eval_timed<T: Real>(
    pool: Option<&Pool>,
    seed: u64,
    n: usize,
    lo: T,
    hi: T,
    isa: Isa,
    f: Func,
) -> (Vec<T>, f64) {
    let clock = FaultClock::new(pool);
    let v = fused(pool, seed, n, lo, hi, isa, f, Some(&clock));
    (v, clock.max_seconds())
}

#[allow(clippy::too_many_arguments)]
#[track_caller]
fn fused<T: Real>(
    pool: Option<&Pool>,
    seed: u64,
    n: usize,
    lo: T,
    hi: T,
    isa: Isa,
    f: Func,
    clock: Option<&FaultClock>,
) -> Vec<T> {
    check_range(lo, hi);
    crate::check_isa(isa);
    let mut v = alloc_uninit::<T>(n);
    let chunk = |off: usize, c: &mut [MaybeUninit<T>]| {
        if let Some(k) = clock {
            k.touch(c);
        }
        fill_at_then(seed, off, c, lo, hi, |_, p| {
            crate::eval_in_place_with(isa, f, p)
        })
    };
    match pool {
        Some(p) => p.for_each_chunk(&mut v, chunk),
        // The pool's chunks, in order: a timed first touch covers one chunk, not the array.
        None => {
            let len = chunk_len::<T>();
            for (k, c) in v.chunks_mut(len).enumerate() {
                chunk(k * len, c)
            }
        }
    }
    into_init(v)
}

/// [`uniform_vec_eval`] out of place: returns `(x, y)` with `x` the fill and `y[i] = f(x[i])`,
/// both fresh; each piece of `x` is passed to `f` while it is in L1, so `x` is never read back
/// from memory. The same values as [`uniform_vec`] followed by [`Pool::eval_with`].
///
/// # Panics
/// If `lo`, `hi` are not finite with `lo < hi`, or if this CPU cannot run `isa`.
///
/// ```
/// use simdmath::{Func, Isa, random};
/// let (x, y): (Vec<f32>, Vec<f32>) =
///     random::uniform_vecs_eval(None, 3, 50_000, 1.0, 2.0, Isa::best(), Func::Log);
/// let mut z = vec![0.0f32; x.len()];
/// simdmath::eval_with(Isa::best(), Func::Log, &x, &mut z);
/// assert_eq!(y, z);
/// assert_eq!(x, random::uniform_vec::<f32>(None, 3, 50_000, 1.0, 2.0));
/// ```
#[track_caller]
pub fn uniform_vecs_eval<T: Real>(
    pool: Option<&Pool>,
    seed: u64,
    n: usize,
    lo: T,
    hi: T,
    isa: Isa,
    f: Func,
) -> (Vec<T>, Vec<T>) {
    fused_pair(pool, seed, n, lo, hi, isa, f, None)
}

/// [`uniform_vecs_eval`], also returning the page faults' time of both arrays, measured as
/// in [`uniform_vec_timed`].
///
/// # Panics
/// If `lo`, `hi` are not finite with `lo < hi`, or if this CPU cannot run `isa`.
///
/// ```
/// use simdmath::{Func, Isa, random};
/// let (x, y, faults) =
///     random::uniform_vecs_eval_timed::<f64>(None, 1, 1000, 1.0, 2.0, Isa::best(), Func::Log);
/// assert!(faults >= 0.0);
/// let want = random::uniform_vecs_eval(None, 1, 1000, 1.0, 2.0, Isa::best(), Func::Log);
/// assert_eq!((x, y), want);
/// ```
#[track_caller]
pub fn uniform_vecs_eval_timed<T: Real>(
    pool: Option<&Pool>,
    seed: u64,
    n: usize,
    lo: T,
    hi: T,
    isa: Isa,
    f: Func,
) -> (Vec<T>, Vec<T>, f64) {
    let clock = FaultClock::new(pool);
    let (x, y) = fused_pair(pool, seed, n, lo, hi, isa, f, Some(&clock));
    (x, y, clock.max_seconds())
}

#[allow(clippy::too_many_arguments)]
#[track_caller]
fn fused_pair<T: Real>(
    pool: Option<&Pool>,
    seed: u64,
    n: usize,
    lo: T,
    hi: T,
    isa: Isa,
    f: Func,
    clock: Option<&FaultClock>,
) -> (Vec<T>, Vec<T>) {
    check_range(lo, hi);
    crate::check_isa(isa);
    // Fresh pages: ordinary stores (see the module docs on streaming over fresh memory).
    let entry = crate::unary_entry::<T>(isa, f, false);
    let mut x = alloc_uninit::<T>(n);
    let mut y = alloc_uninit::<T>(n);
    let chunk = |off: usize, xc: &mut [MaybeUninit<T>], yc: &mut [MaybeUninit<T>]| {
        if let Some(k) = clock {
            k.touch(xc);
            k.touch(yc);
        }
        fill_at_then(seed, off, xc, lo, hi, |pos, p| {
            let o = &mut yc[pos..pos + p.len()];
            // SAFETY: `p` and `o` hold `p.len()` elements and do not overlap (two
            // allocations); the entry point only writes `o`; the CPU runs `isa` (checked).
            unsafe { entry(p.as_ptr(), o.as_mut_ptr().cast::<T>(), p.len()) }
        })
    };
    match pool {
        Some(p) => p.for_each_chunk_pair(&mut x, &mut y, chunk),
        None => {
            let len = chunk_len::<T>();
            for (k, (a, b)) in x.chunks_mut(len).zip(y.chunks_mut(len)).enumerate() {
                chunk(k * len, a, b)
            }
        }
    }
    (into_init(x), into_init(y))
}
