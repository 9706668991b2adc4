//! A persistent thread pool whose workers are pinned one per physical core or per logical CPU,
//! and the parallel slice operations on it.
//!
//! # How work is split
//! A slice is cut into chunks of 64 KiB (8192 `f64`, 16384 `f32`; always a multiple of 16
//! elements and of the random fill's block, [`crate::random::BLOCK`]). The chunks are divided
//! into one contiguous *part* per worker, in worker order, the same way for every call of the
//! same length and element size: worker `w` first works through its own part, so the worker
//! that fills a page (first touch) is the one that later computes on it. A worker that finishes
//! its part early then takes chunks from the others' parts, so one slow (shared) core does not
//! hold the whole job back. Every element goes through the same dispatched kernel whichever
//! worker runs it, so results are bit-identical to the one-thread [`crate::eval`] for any
//! thread count. Slices of one chunk or less run on the calling thread.
//!
//! No data is copied: each chunk is handed to the kernel as a sub-slice of the caller's slices.
//! A panic in a worker is re-raised on the calling thread once all workers are done.

use crate::streaming::streams;
use crate::topology::{self, Topology};
use crate::{Accuracy, Func, Isa, Operands, Real, check_isa, check_lengths};
use std::fmt;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Once};

/// Bytes per chunk handed to a kernel.
const CHUNK_BYTES: usize = 64 * 1024;

/// Chunk length in elements of type `U`: 64 KiB worth, a multiple of 16 (and of 8192 for
/// 4- and 8-byte elements).
pub(crate) fn chunk_len<U>() -> usize {
    let size = std::mem::size_of::<U>().max(1);
    ((CHUNK_BYTES / size).max(16) / 16) * 16
}

/// Why a pool could not be built.
///
/// ```
/// let e = simdmath::Pool::with_threads(0).unwrap_err();
/// assert_eq!(e, simdmath::PoolError::ZeroThreads);
/// assert!(e.to_string().contains("at least one"));
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PoolError {
    /// A pool needs at least one worker.
    ZeroThreads,
    /// The operating system refused to start the worker threads.
    Build(String),
}

impl fmt::Display for PoolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PoolError::ZeroThreads => f.write_str("a pool needs at least one thread (got 0)"),
            PoolError::Build(e) => write!(f, "could not start the pool's threads: {e}"),
        }
    }
}
impl std::error::Error for PoolError {}

/// A persistent pool of worker threads, each pinned to one CPU this process may run on.
///
/// Build it once and reuse it: starting threads costs far more than a call. Where CPU
/// affinity is not available the pool still works, unpinned, and a note is printed to stderr
/// once per process (see [`Topology::note`]).
///
/// ```
/// use simdmath::{Func, Pool};
/// let pool = Pool::with_threads(2)?;
/// let x: Vec<f64> = (0..100_000).map(|i| i as f64 * 1e-5).collect();
/// let mut y = vec![0.0; x.len()];
/// pool.eval(Func::Exp, &x, &mut y);
/// let mut z = vec![0.0; x.len()];
/// simdmath::eval(Func::Exp, &x, &mut z);
/// assert_eq!(y, z); // bit-identical to one thread
/// # Ok::<(), simdmath::PoolError>(())
/// ```
pub struct Pool {
    pool: rayon::ThreadPool,
    threads: usize,
    cpus: Option<Vec<usize>>,
}

impl fmt::Debug for Pool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pool")
            .field("threads", &self.threads)
            .field("cpus", &self.cpus)
            .finish()
    }
}

fn note_once(msg: &str) {
    static NOTE: Once = Once::new();
    NOTE.call_once(|| eprintln!("simdmath: note: {msg}"));
}

/// A raw pointer that may cross threads; each chunk derived from it is used by one worker.
struct SyncPtr<U>(*mut U);
// SAFETY: the pointer is only turned into disjoint sub-slices, each claimed by exactly one worker
// through an atomic counter, while the caller's exclusive borrow keeps the memory alive.
unsafe impl<U: Send> Sync for SyncPtr<U> {}
// SAFETY: as above.
unsafe impl<U: Send> Send for SyncPtr<U> {}
impl<U> SyncPtr<U> {
    fn get(&self) -> *mut U {
        self.0
    }
}

#[repr(align(128))]
struct Part {
    next: AtomicUsize,
    end: usize,
}

impl Pool {
    /// One worker per physical core this process may run on (hyper-thread siblings skipped),
    /// each pinned to that core.
    ///
    /// # Errors
    /// The operating system refused to start the threads.
    ///
    /// ```
    /// let pool = simdmath::Pool::physical()?;
    /// assert_eq!(pool.threads(), simdmath::Topology::get().physical());
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    pub fn physical() -> Result<Pool, PoolError> {
        let t = Topology::get();
        Pool::build(t.physical_cpus().to_vec(), t)
    }

    /// One worker per logical CPU this process may run on, each pinned to it.
    ///
    /// # Errors
    /// The operating system refused to start the threads.
    ///
    /// ```
    /// let pool = simdmath::Pool::logical()?;
    /// assert_eq!(pool.threads(), simdmath::Topology::get().logical());
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    pub fn logical() -> Result<Pool, PoolError> {
        let t = Topology::get();
        Pool::build(t.allowed_cpus().to_vec(), t)
    }

    /// `n` workers, pinned to the allowed physical cores first, then their siblings, then round
    /// again (more workers than CPUs share them).
    ///
    /// # Errors
    /// [`PoolError::ZeroThreads`] for `n == 0`; [`PoolError::Build`] if the threads cannot start.
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(3)?;
    /// assert_eq!(pool.threads(), 3);
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    pub fn with_threads(n: usize) -> Result<Pool, PoolError> {
        if n == 0 {
            return Err(PoolError::ZeroThreads);
        }
        let t = Topology::get();
        Pool::build(t.cpus_for(n), t)
    }

    fn build(cpus: Vec<usize>, topo: &Topology) -> Result<Pool, PoolError> {
        let threads = cpus.len();
        if threads == 0 {
            return Err(PoolError::ZeroThreads);
        }
        if let Some(note) = topo.note() {
            note_once(note);
        }
        let pin = topo.pinnable();
        let failed = Arc::new(AtomicUsize::new(0));
        let (cpus_h, failed_h) = (cpus.clone(), failed.clone());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("simdmath-{i}"))
            .start_handler(move |i| {
                if pin && !topology::pin_current(cpus_h[i]) {
                    failed_h.fetch_add(1, Ordering::Relaxed);
                }
            })
            .build()
            .map_err(|e| PoolError::Build(e.to_string()))?;
        // Every worker has run its start handler once it has taken part in a broadcast.
        pool.broadcast(|_| ());
        let pinned = pin && failed.load(Ordering::Relaxed) == 0;
        if pin && !pinned {
            note_once("pinning a worker to its CPU failed: the pool runs unpinned");
        }
        Ok(Pool {
            pool,
            threads,
            cpus: pinned.then_some(cpus),
        })
    }

    /// Number of workers.
    ///
    /// ```
    /// assert_eq!(simdmath::Pool::with_threads(1)?.threads(), 1);
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// The CPU each worker is pinned to, in worker order; `None` if the pool is unpinned.
    ///
    /// ```
    /// let pool = simdmath::Pool::logical()?;
    /// if let Some(cpus) = pool.cpus() {
    ///     assert!(cpus.iter().all(|c| simdmath::Topology::get().allowed_cpus().contains(c)));
    /// }
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    pub fn cpus(&self) -> Option<&[usize]> {
        self.cpus.as_deref()
    }

    /// Each worker's affinity mask as the OS reports it now, in worker order (a pinned worker
    /// shows exactly one CPU): a check that pinning took effect.
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let masks = pool.worker_masks();
    /// assert_eq!(masks.len(), 2);
    /// if let Some(cpus) = pool.cpus() {
    ///     assert_eq!(masks[0], vec![cpus[0]]);
    /// }
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    pub fn worker_masks(&self) -> Vec<Vec<usize>> {
        self.pool.broadcast(|_| topology::current_mask())
    }

    /// Runs `f(offset, chunk)` over `xs` cut into chunks (see the module docs), in parallel.
    /// `offset` is the index of `chunk[0]` in `xs`.
    ///
    /// # Panics
    /// Re-raises a panic of `f`, after all workers have stopped.
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let mut v = vec![0usize; 100_000];
    /// pool.for_each_chunk(&mut v, |off, c| {
    ///     for (i, x) in c.iter_mut().enumerate() { *x = off + i; }
    /// });
    /// assert!(v.iter().enumerate().all(|(i, &x)| x == i));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    pub fn for_each_chunk<U: Send>(&self, xs: &mut [U], f: impl Fn(usize, &mut [U]) + Sync) {
        let p = SyncPtr(xs.as_mut_ptr());
        self.run(xs.len(), chunk_len::<U>(), &|s, e| {
            // SAFETY: `s..e` lies within `xs` and is claimed by exactly one worker; `xs` is
            // borrowed exclusively for this call.
            let c = unsafe { std::slice::from_raw_parts_mut(p.get().add(s), e - s) };
            f(s, c)
        });
    }

    /// Runs `f(i)` once for every `i` in `0..count` on the pool's workers: each worker takes
    /// the next index of its share as it finishes one, then helps the others, so jobs of
    /// uneven size (the 65,536 chunks of `simdmath ulp --exhaustive`) keep every worker busy.
    /// Re-raises a panic of `f`.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let sum = AtomicUsize::new(0);
    /// pool.for_each_index(1000, |i| {
    ///     sum.fetch_add(i, Ordering::Relaxed);
    /// });
    /// assert_eq!(sum.into_inner(), 999 * 1000 / 2);
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    pub fn for_each_index(&self, count: usize, f: impl Fn(usize) + Sync) {
        self.run(count, 1, &|i, _| f(i));
    }

    /// Runs `f(offset, x_chunk, out_chunk)` over matching chunks of `x` and `out`, in parallel.
    ///
    /// # Panics
    /// If `x` and `out` differ in length (the message names both lengths); re-raises a panic
    /// of `f`.
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let x: Vec<u32> = (0..50_000).collect();
    /// let mut y = vec![0u32; x.len()];
    /// pool.for_each_chunk_zip(&x, &mut y, |_, a, b| {
    ///     for (o, i) in b.iter_mut().zip(a) { *o = 2 * i; }
    /// });
    /// assert_eq!(y[49_999], 99_998);
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn for_each_chunk_zip<A: Sync, B: Send>(
        &self,
        x: &[A],
        out: &mut [B],
        f: impl Fn(usize, &[A], &mut [B]) + Sync,
    ) {
        check_lengths("Pool::for_each_chunk_zip", x.len(), out.len());
        let p = SyncPtr(out.as_mut_ptr());
        self.run(out.len(), chunk_len::<B>(), &|s, e| {
            // SAFETY: `s..e` lies within `out` and is claimed by exactly one worker; `out` is
            // borrowed exclusively for this call.
            let o = unsafe { std::slice::from_raw_parts_mut(p.get().add(s), e - s) };
            f(s, &x[s..e], o)
        });
    }

    /// Runs `f(offset, a_chunk, b_chunk)` over matching chunks of two equally long slices
    /// (chunked as `a`), in parallel: the fused pipeline's fill and output.
    #[track_caller]
    pub(crate) fn for_each_chunk_pair<A: Send, B: Send>(
        &self,
        a: &mut [A],
        b: &mut [B],
        f: impl Fn(usize, &mut [A], &mut [B]) + Sync,
    ) {
        check_lengths("Pool::for_each_chunk_pair", a.len(), b.len());
        let (pa, pb) = (SyncPtr(a.as_mut_ptr()), SyncPtr(b.as_mut_ptr()));
        self.run(a.len(), chunk_len::<A>(), &|s, e| {
            // SAFETY: `s..e` lies within `a` and `b` (equal lengths) and is claimed by exactly
            // one worker; both are borrowed exclusively for this call.
            let (x, y) = unsafe {
                (
                    std::slice::from_raw_parts_mut(pa.get().add(s), e - s),
                    std::slice::from_raw_parts_mut(pb.get().add(s), e - s),
                )
            };
            f(s, x, y)
        });
    }

    /// The scheduler: chunk `c` covers `c*chunk .. min((c+1)*chunk, n)`; `job(start, end)`.
    fn run(&self, n: usize, chunk: usize, job: &(dyn Fn(usize, usize) + Sync)) {
        let nchunks = n.div_ceil(chunk);
        if nchunks <= 1 {
            if n > 0 {
                job(0, n);
            }
            return;
        }
        let t = self.threads;
        let parts: Vec<Part> = (0..t)
            .map(|w| Part {
                next: AtomicUsize::new(w * nchunks / t),
                end: (w + 1) * nchunks / t,
            })
            .collect();
        self.pool.broadcast(|ctx| {
            let w = ctx.index();
            for k in 0..t {
                let part = &parts[(w + k) % t];
                loop {
                    let c = part.next.fetch_add(1, Ordering::Relaxed);
                    if c >= part.end {
                        break;
                    }
                    job(c * chunk, ((c + 1) * chunk).min(n));
                }
            }
        });
    }

    /// [`crate::apply`] on the pool: the operands split into chunks of the same elements of
    /// every slice, each chunk evaluated by one worker; bit-identical to the one-thread call
    /// (the kernels are elementwise). Every `eval*` method of the pool is this call with its
    /// shape spelled out. An out-of-place output of at least [`crate::streaming_threshold`]
    /// bytes (the whole call's) is written with non-temporal stores.
    ///
    /// # Panics
    /// As [`crate::apply`], on the caller's thread before any work is split.
    ///
    /// ```
    /// use simdmath::{Accuracy, Func, Isa, Operands, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let (x, y) = (vec![2.0f64; 50_000], vec![0.5f64; 50_000]);
    /// let mut out = vec![0.0; 50_000];
    /// pool.apply(Isa::best(), Accuracy::Faithful, Func::Pow, Operands::Binary(&x, &y, &mut out));
    /// assert!(out.iter().all(|&v| v == 2f64.sqrt()));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn apply<T: Real>(&self, isa: Isa, acc: Accuracy, f: Func, ops: Operands<'_, T>) {
        self.apply_named("Pool::apply", isa, acc, f, ops)
    }

    /// [`Pool::apply`] for a named convenience call (`what`, in a length panic).
    #[track_caller]
    fn apply_named<T: Real>(
        &self,
        what: &str,
        isa: Isa,
        acc: Accuracy,
        f: Func,
        ops: Operands<'_, T>,
    ) {
        ops.check(what);
        check_isa(isa);
        let stream = ops.streams();
        let k = crate::tier_kernel::<T>(isa, acc, f, stream);
        crate::apply::check_shape(f, &k, &ops);
        let raw = ops.raw();
        self.run(raw.n, chunk_len::<T>(), &|s, e| {
            // SAFETY: `s..e` lies within the operands (`raw.n` elements, lengths checked) and
            // is claimed by exactly one worker; `ops` is borrowed for this call; the CPU runs
            // `isa` (checked) and `k` has the operands' shape (checked).
            unsafe { raw.part(s, e).call(k, f) }
        });
    }

    /// `out[i] = f(x[i])` on the pool with [`Isa::best`]; bit-identical to [`crate::eval`].
    ///
    /// # Panics
    /// If `x` and `out` differ in length (the message names both lengths), or if
    /// `SIMDMATH_ISA` names an unavailable instruction set.
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let x = vec![1.0f32; 40_000];
    /// let mut y = vec![0.0f32; 40_000];
    /// pool.eval(simdmath::Func::Log, &x, &mut y);
    /// assert!(y.iter().all(|&v| v == 0.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval<T: Real>(&self, f: Func, x: &[T], out: &mut [T]) {
        self.eval_with(Isa::best(), f, x, out)
    }

    /// `xs[i] = f(xs[i])` in place on the pool with [`Isa::best`].
    ///
    /// # Panics
    /// If `SIMDMATH_ISA` names an unavailable instruction set.
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let mut v = vec![0.0f64; 70_001];
    /// pool.eval_in_place(simdmath::Func::Exp, &mut v);
    /// assert!(v.iter().all(|&y| y == 1.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_in_place<T: Real>(&self, f: Func, xs: &mut [T]) {
        self.eval_in_place_with(Isa::best(), f, xs)
    }

    /// [`Pool::eval`] with the given instruction set.
    ///
    /// # Panics
    /// If `x` and `out` differ in length (the message names both lengths), or if this CPU
    /// cannot run `isa`.
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let x = vec![0.5f64; 20_000];
    /// let mut y = vec![0.0; 20_000];
    /// pool.eval_with(Isa::Portable, Func::Sin, &x, &mut y);
    /// assert!((y[19_999] - 0.5f64.sin()).abs() < 1e-15);
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_with<T: Real>(&self, isa: Isa, f: Func, x: &[T], out: &mut [T]) {
        self.apply_named(
            "Pool::eval_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::Unary(x, out),
        )
    }

    /// [`Pool::eval_in_place`] with the given instruction set.
    ///
    /// # Panics
    /// If this CPU cannot run `isa`.
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let mut v = vec![0.0f32; 20_000];
    /// pool.eval_in_place_with(Isa::Portable, Func::Cos, &mut v);
    /// assert!(v.iter().all(|&y| y == 1.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_in_place_with<T: Real>(&self, isa: Isa, f: Func, xs: &mut [T]) {
        self.apply_named(
            "Pool::eval_in_place_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::UnaryInPlace(xs),
        )
    }

    /// [`Pool::eval_with`] in the given accuracy tier ([`crate::eval_with_accuracy`]): chunk
    /// by chunk, bit-identical to the one-thread call.
    ///
    /// # Panics
    /// As [`crate::eval_with_accuracy`].
    ///
    /// ```
    /// use simdmath::{Accuracy, Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let x = vec![2.0f32; 50_000];
    /// let mut y = vec![0.0f32; 50_000];
    /// pool.eval_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, Func::Exp2, &x, &mut y);
    /// assert!(y.iter().all(|&v| v == 4.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_with_accuracy<T: Real>(
        &self,
        isa: Isa,
        acc: crate::Accuracy,
        f: Func,
        x: &[T],
        out: &mut [T],
    ) {
        self.apply_named(
            "Pool::eval_with_accuracy",
            isa,
            acc,
            f,
            Operands::Unary(x, out),
        )
    }

    /// [`Pool::eval_in_place_with`] in the given accuracy tier.
    ///
    /// # Panics
    /// As [`crate::eval_with_accuracy`].
    ///
    /// ```
    /// use simdmath::{Accuracy, Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let mut v = vec![0.0f32; 30_000];
    /// pool.eval_in_place_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, Func::Cos, &mut v);
    /// assert!(v.iter().all(|&y| y == 1.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_in_place_with_accuracy<T: Real>(
        &self,
        isa: Isa,
        acc: crate::Accuracy,
        f: Func,
        xs: &mut [T],
    ) {
        self.apply_named(
            "Pool::eval_in_place_with_accuracy",
            isa,
            acc,
            f,
            Operands::UnaryInPlace(xs),
        )
    }

    /// `out[i] = f(x[i], y[i])` for a two-input function (`pow`) on the pool with
    /// [`Isa::best`]; bit-identical to [`crate::eval2`].
    ///
    /// # Panics
    /// If the lengths differ (the message names them), if `f` takes one input, or if
    /// `SIMDMATH_ISA` names an unavailable instruction set.
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let (x, y) = (vec![2.0f64; 40_000], vec![3.0f64; 40_000]);
    /// let mut out = vec![0.0; 40_000];
    /// pool.eval2(simdmath::Func::Pow, &x, &y, &mut out);
    /// assert!(out.iter().all(|&v| v == 8.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval2<T: Real>(&self, f: Func, x: &[T], y: &[T], out: &mut [T]) {
        self.eval2_with(Isa::best(), f, x, y, out)
    }

    /// [`Pool::eval2`] with the given instruction set.
    ///
    /// # Panics
    /// As [`Pool::eval2`], or if this CPU cannot run `isa`.
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let (x, y) = (vec![4.0f32; 30_000], vec![0.5f32; 30_000]);
    /// let mut out = vec![0.0; 30_000];
    /// pool.eval2_with(Isa::Portable, Func::Pow, &x, &y, &mut out);
    /// assert!(out.iter().all(|&v| v == 2.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval2_with<T: Real>(&self, isa: Isa, f: Func, x: &[T], y: &[T], out: &mut [T]) {
        self.apply_named(
            "Pool::eval2_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::Binary(x, y, out),
        )
    }

    /// `xs[i] = f(xs[i], y[i])` in place (into the first input) on the pool.
    ///
    /// # Panics
    /// As [`Pool::eval2_with`].
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let mut v = vec![3.0f64; 50_000];
    /// pool.eval2_in_place_with(Isa::best(), Func::Pow, &mut v, &vec![2.0; 50_000]);
    /// assert!(v.iter().all(|&r| r == 9.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval2_in_place_with<T: Real>(&self, isa: Isa, f: Func, xs: &mut [T], y: &[T]) {
        self.apply_named(
            "Pool::eval2_in_place_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::BinaryInPlace(xs, y),
        )
    }

    /// `out[i] = f(x[i], y)` with one scalar second input (`pow(x, 2.5)`) on the pool with
    /// [`Isa::best`].
    ///
    /// # Panics
    /// As [`Pool::eval2`].
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let x = vec![16.0f64; 40_000];
    /// let mut out = vec![0.0; 40_000];
    /// pool.eval2_scalar(simdmath::Func::Pow, &x, 0.25, &mut out);
    /// assert!(out.iter().all(|&v| v == 2.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval2_scalar<T: Real>(&self, f: Func, x: &[T], y: T, out: &mut [T]) {
        self.eval2_scalar_with(Isa::best(), f, x, y, out)
    }

    /// [`Pool::eval2_scalar`] with the given instruction set.
    ///
    /// # Panics
    /// As [`Pool::eval2_with`].
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let x = vec![3.0f32; 30_000];
    /// let mut out = vec![0.0; 30_000];
    /// pool.eval2_scalar_with(Isa::Portable, Func::Pow, &x, 2.0, &mut out);
    /// assert!(out.iter().all(|&v| v == 9.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval2_scalar_with<T: Real>(&self, isa: Isa, f: Func, x: &[T], y: T, out: &mut [T]) {
        self.apply_named(
            "Pool::eval2_scalar_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::BinaryScalar(x, y, out),
        )
    }

    /// `xs[i] = f(xs[i], y)` in place with one scalar second input, on the pool.
    ///
    /// # Panics
    /// As [`Pool::eval2_with`].
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let mut v = vec![2.0f64; 50_000];
    /// pool.eval2_scalar_in_place_with(Isa::best(), Func::Pow, &mut v, 10.0);
    /// assert!(v.iter().all(|&r| r == 1024.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval2_scalar_in_place_with<T: Real>(&self, isa: Isa, f: Func, xs: &mut [T], y: T) {
        self.apply_named(
            "Pool::eval2_scalar_in_place_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::BinaryScalarInPlace(xs, y),
        )
    }

    /// `(out0[i], out1[i]) = f(x[i])` for a one-input, two-output function (`sincos`) on the
    /// pool with the given instruction set; bit-identical to [`crate::eval_pair_with`].
    ///
    /// # Panics
    /// As [`crate::eval_pair_with`].
    ///
    /// ```
    /// use simdmath::{Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let x = vec![0.0f64; 40_000];
    /// let (mut s, mut c) = (vec![1.0; 40_000], vec![0.0; 40_000]);
    /// pool.eval_pair_with(Isa::best(), Func::Sincos, &x, &mut s, &mut c);
    /// assert!(s.iter().all(|&v| v == 0.0) && c.iter().all(|&v| v == 1.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_pair_with<T: Real>(
        &self,
        isa: Isa,
        f: Func,
        x: &[T],
        out0: &mut [T],
        out1: &mut [T],
    ) {
        self.apply_named(
            "Pool::eval_pair_with",
            isa,
            Accuracy::Faithful,
            f,
            Operands::Pair(x, out0, out1),
        )
    }

    /// [`Pool::eval_pair_with`] in the given accuracy tier ([`crate::eval_pair_with_accuracy`]),
    /// bit-identical to the one-thread call.
    ///
    /// # Panics
    /// As [`crate::eval_pair_with_accuracy`].
    ///
    /// ```
    /// use simdmath::{Accuracy, Func, Isa, Pool};
    /// let pool = Pool::with_threads(2)?;
    /// let x = vec![0.0f32; 40_000];
    /// let (mut s, mut c) = (vec![1.0; 40_000], vec![0.0; 40_000]);
    /// pool.eval_pair_with_accuracy(Isa::best(), Accuracy::CorrectlyRounded, Func::Sincos, &x, &mut s, &mut c);
    /// assert!(s.iter().all(|&v| v == 0.0) && c.iter().all(|&v| v == 1.0));
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_pair_with_accuracy<T: Real>(
        &self,
        isa: Isa,
        acc: crate::Accuracy,
        f: Func,
        x: &[T],
        out0: &mut [T],
        out1: &mut [T],
    ) {
        self.apply_named(
            "Pool::eval_pair_with_accuracy",
            isa,
            acc,
            f,
            Operands::Pair(x, out0, out1),
        )
    }

    /// [`Pool::eval_pair_with`] with [`Isa::best`].
    ///
    /// # Panics
    /// As [`crate::eval_pair`].
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let x = vec![0.5f32; 40_000];
    /// let (mut s, mut c) = (vec![0.0; 40_000], vec![0.0; 40_000]);
    /// pool.eval_pair(simdmath::Func::Sincos, &x, &mut s, &mut c);
    /// assert_eq!(s[0], 0.5f32.sin());
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn eval_pair<T: Real>(&self, f: Func, x: &[T], out0: &mut [T], out1: &mut [T]) {
        self.eval_pair_with(Isa::best(), f, x, out0, out1)
    }

    /// `dst.copy_from_slice(src)` on the pool, with the same chunking as [`Pool::eval`]: the
    /// memory floor of an out-of-place function (the same bytes read and written, no math).
    ///
    /// # Panics
    /// If `src` and `dst` differ in length (the message names both lengths).
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let a = vec![3.0f64; 30_000];
    /// let mut b = vec![0.0; 30_000];
    /// pool.copy(&a, &mut b);
    /// assert_eq!(a, b);
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn copy<T: Copy + Send + Sync>(&self, src: &[T], dst: &mut [T]) {
        check_lengths("Pool::copy", src.len(), dst.len());
        self.for_each_chunk_zip(src, dst, |_, a, b| b.copy_from_slice(a));
    }

    /// Reads every element of `xs` and writes it back unchanged ([`read_write_in_place`] on
    /// every chunk, with `isa`'s entry loop and no math), on the pool: the memory floor of an
    /// in-place function (each cache line read once and written back once).
    ///
    /// # Panics
    /// If this CPU cannot run `isa`.
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let mut v: Vec<f32> = (0..50_000).map(|i| i as f32).collect();
    /// pool.read_write_in_place(simdmath::Isa::best(), &mut v);
    /// assert_eq!(v[49_999], 49_999.0);
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn read_write_in_place<T: Real>(&self, isa: Isa, xs: &mut [T]) {
        check_isa(isa);
        self.for_each_chunk(xs, |_, c| read_write_in_place(isa, c));
    }

    /// Copies `src` into `dst` on the pool with [`Pool::eval`]'s chunking, through `isa`'s
    /// entry loop with no math ([`copy_with`] on every chunk), writing with non-temporal stores
    /// exactly when an out-of-place function of the same size would ([`crate::streaming_threshold`],
    /// decided on the whole call): the memory floor of an out-of-place function.
    ///
    /// # Panics
    /// If `src` and `dst` differ in length (the message names both lengths), or if this CPU
    /// cannot run `isa`.
    ///
    /// ```
    /// let pool = simdmath::Pool::with_threads(2)?;
    /// let a: Vec<f64> = (0..70_001).map(|i| i as f64).collect();
    /// let mut b = vec![0.0; a.len()];
    /// pool.copy_with(simdmath::Isa::best(), &a, &mut b);
    /// assert_eq!(a, b);
    /// # Ok::<(), simdmath::PoolError>(())
    /// ```
    #[track_caller]
    pub fn copy_with<T: Real>(&self, isa: Isa, src: &[T], dst: &mut [T]) {
        check_lengths("Pool::copy_with", src.len(), dst.len());
        check_isa(isa);
        let stream = streams::<T>(dst.len());
        self.for_each_chunk_zip(src, dst, |_, a, b| copy_with_s(isa, a, b, stream));
    }
}

/// Copies `src` into `dst` on the calling thread through `isa`'s entry loop with no math (the
/// same loads, prefetches and stores as every function's entry point), with non-temporal
/// stores when `dst` is at least [`crate::streaming_threshold`] bytes, as an out-of-place
/// function of that size: the one-thread out-of-place memory floor.
///
/// # Panics
/// If `src` and `dst` differ in length, or if this CPU cannot run `isa`.
///
/// ```
/// let a = [1.5f32; 33];
/// let mut b = [0.0f32; 33];
/// simdmath::copy_with(simdmath::Isa::best(), &a, &mut b);
/// assert_eq!(a, b);
/// ```
#[track_caller]
pub fn copy_with<T: Real>(isa: Isa, src: &[T], dst: &mut [T]) {
    copy_with_s(isa, src, dst, streams::<T>(dst.len()))
}

#[track_caller]
fn copy_with_s<T: Real>(isa: Isa, src: &[T], dst: &mut [T], stream: bool) {
    check_lengths("copy_with", src.len(), dst.len());
    check_isa(isa);
    let entry = if stream {
        T::copy_stream_entry(isa)
    } else {
        T::copy_entry(isa)
    };
    // SAFETY: both slices hold `src.len()` elements, `dst` is a distinct `&mut` borrow, and the
    // CPU runs `isa` (checked above).
    unsafe { entry(src.as_ptr(), dst.as_mut_ptr(), src.len()) }
}

/// Reads every element of `xs` and writes it back unchanged on the calling thread, through
/// `isa`'s entry loop with no math: the same vector loads, stores and prefetches as every
/// function's entry point. The one-thread in-place memory floor; [`Pool::read_write_in_place`]
/// runs it on every chunk.
///
/// # Panics
/// If this CPU cannot run `isa`.
///
/// ```
/// let mut v: Vec<f64> = (0..10_000).map(|i| i as f64).collect();
/// simdmath::read_write_in_place(simdmath::Isa::best(), &mut v);
/// assert_eq!(v[9_999], 9_999.0);
/// ```
#[track_caller]
pub fn read_write_in_place<T: Real>(isa: Isa, xs: &mut [T]) {
    check_isa(isa);
    let p = xs.as_mut_ptr();
    // SAFETY: `p` is valid for `xs.len()` reads and writes and entry points allow `src == dst`;
    // the CPU runs `isa` (checked above).
    unsafe { T::copy_entry(isa)(p, p, xs.len()) }
}

/// A vector of `n` uninitialised elements, with transparent huge pages requested on Linux for
/// large sizes (faulting 800 MB in took 0.29 s with 4 KiB pages, 0.076 s with huge pages).
pub(crate) fn alloc_uninit<T>(n: usize) -> Vec<MaybeUninit<T>> {
    let mut v: Vec<MaybeUninit<T>> = Vec::with_capacity(n);
    // SAFETY: the capacity is `n` and `MaybeUninit` needs no initialisation.
    unsafe { v.set_len(n) };
    advise_huge_pages(v.as_mut_ptr().cast(), std::mem::size_of_val(v.as_slice()));
    v
}

#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
fn advise_huge_pages(ptr: *mut u8, bytes: usize) {
    const MADV_HUGEPAGE: i32 = 14;
    const PAGE: usize = 4096;
    unsafe extern "C" {
        fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: i32) -> i32;
    }
    if bytes < (4 << 20) {
        return;
    }
    let start = (ptr as usize).next_multiple_of(PAGE);
    let end = (ptr as usize + bytes) / PAGE * PAGE;
    if end > start {
        // SAFETY: `start..end` lies inside the caller's live allocation and is page-aligned;
        // MADV_HUGEPAGE is advice only (contents and validity unchanged); failure is ignored.
        unsafe { madvise(start as *mut std::ffi::c_void, end - start, MADV_HUGEPAGE) };
    }
}

#[cfg(not(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
fn advise_huge_pages(_ptr: *mut u8, _bytes: usize) {}

/// Writes `value` into every element of `v` (on `pool` if given, so each worker first-touches
/// the pages it will later work on) and returns it as initialised.
pub(crate) fn init_uninit<T: Copy + Send + Sync>(
    pool: Option<&Pool>,
    mut v: Vec<MaybeUninit<T>>,
    value: T,
) -> Vec<T> {
    let fill = |_: usize, c: &mut [MaybeUninit<T>]| {
        for x in c {
            x.write(value);
        }
    };
    match pool {
        Some(p) => p.for_each_chunk(&mut v, fill),
        None => fill(0, &mut v),
    }
    into_init(v)
}

/// Converts a fully written `Vec<MaybeUninit<T>>` into `Vec<T>` without copying.
pub(crate) fn into_init<T>(v: Vec<MaybeUninit<T>>) -> Vec<T> {
    let mut v = std::mem::ManuallyDrop::new(v);
    let (ptr, len, cap) = (v.as_mut_ptr(), v.len(), v.capacity());
    // SAFETY: every element was written by the caller; `MaybeUninit<T>` and `T` have the same
    // size and alignment, so the allocation's layout is unchanged.
    unsafe { Vec::from_raw_parts(ptr.cast::<T>(), len, cap) }
}

/// A vector of `n` copies of `value`, its pages first touched in parallel on `pool` (with the
/// same chunking as [`Pool::eval`]) or on the calling thread, with huge pages requested on
/// Linux: an output buffer ready for [`Pool::eval`] without page faults in the timed part.
///
/// ```
/// let pool = simdmath::Pool::with_threads(2)?;
/// let out: Vec<f64> = simdmath::filled_vec(Some(&pool), 100_000, 0.0);
/// assert_eq!(out.len(), 100_000);
/// # Ok::<(), simdmath::PoolError>(())
/// ```
pub fn filled_vec<T: Copy + Send + Sync>(pool: Option<&Pool>, n: usize, value: T) -> Vec<T> {
    init_uninit(pool, alloc_uninit::<T>(n), value)
}
