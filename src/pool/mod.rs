//! A persistent thread pool whose workers are pinned one per physical core or per logical CPU,
//! and the parallel slice operations on it: this module is the pool and its scheduler
//! (`run`, `for_each_*`); `eval` holds [`Pool::apply`] and the `eval*` methods (one call
//! shape each); `memory` the no-math passes (the copy and read-write floors) and the
//! allocation helpers (`filled_vec`, first touch on the pool).
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
//! The calling thread does not sleep while the workers run: it hands each worker the call
//! without waiting, takes the part of the worker pinned to its own CPU (that worker leaves it,
//! so the two never share a core) or, elsewhere, takes chunks only until every worker has
//! started, then spins and yields until the chunks are done. Waking a sleeping worker costs
//! 20-60 µs on a VM, as much as a whole 2^16-element call: the caller's work hides it, and no
//! second wake-up (the caller's) follows the last chunk (docs/PERFORMANCE.md, "the pool's
//! calling thread works").
//!
//! No data is copied: each chunk is handed to the kernel as a sub-slice of the caller's slices.
//! A panic in a worker is re-raised on the calling thread once every chunk taken is done.

mod eval;
mod memory;

pub(crate) use memory::{alloc_uninit, into_init};
pub use memory::{copy_with, filled_vec, read_write_in_place};

use crate::check_lengths;
use crate::topology::{self, Topology};
use std::any::Any;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once};

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

/// One call of [`Pool::run`], shared by the caller and the workers' broadcast jobs (which may
/// start after the call has returned: they then find no chunk to claim).
struct Shared {
    /// One contiguous part of the chunks per worker, claimed from the front.
    parts: Vec<Part>,
    n: usize,
    chunk: usize,
    /// The caller's job with its lifetime erased; called only for a claimed chunk.
    job: *const (dyn Fn(usize, usize) + Sync + 'static),
    /// Workers that have started on this call.
    started: AtomicUsize,
    /// Chunks claimed and finished (or panicked).
    done: AtomicUsize,
    /// The first panic of `job`, re-raised on the calling thread.
    panic: Mutex<Option<Box<dyn Any + Send>>>,
}

// SAFETY: `job` is `Sync` and is called only while the caller of `run` waits for the chunk
// (see there); the other fields are atomics, a mutex and plain data.
unsafe impl Send for Shared {}
// SAFETY: as above.
unsafe impl Sync for Shared {}

impl Shared {
    /// The next unclaimed chunk, looking through the parts from `first` on.
    fn claim(&self, first: usize) -> Option<usize> {
        let t = self.parts.len();
        (0..t).find_map(|k| {
            let part = &self.parts[(first + k) % t];
            if part.next.load(Ordering::Relaxed) >= part.end {
                return None;
            }
            let c = part.next.fetch_add(1, Ordering::Relaxed);
            (c < part.end).then_some(c)
        })
    }

    /// Runs the job on chunk `c` (claimed by this thread), keeps its panic, counts it done.
    fn run_chunk(&self, c: usize) {
        let (s, e) = (c * self.chunk, ((c + 1) * self.chunk).min(self.n));
        // SAFETY: `c` was claimed, so the caller of `run` is still waiting and `job` alive.
        let job = unsafe { &*self.job };
        if let Err(p) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(s, e))) {
            let mut slot = self.panic.lock().unwrap_or_else(|e| e.into_inner());
            slot.get_or_insert(p);
        }
        self.done.fetch_add(1, Ordering::Release);
    }
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
    /// Re-raises a panic of `f` once every chunk taken has finished.
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
    ///
    /// Every worker is handed the call at once (one broadcast job each, queued without
    /// waiting); the calling thread does not sleep meanwhile (waking a sleeping worker costs
    /// 20-60 µs on a VM, as much as the whole of a 2^16-element call). On the CPU of a pinned
    /// worker it takes that worker's part, and the worker leaves the call; elsewhere it claims
    /// chunks only until every worker has started, so it does not compete with them for their
    /// cores. Then it waits, spinning and yielding, for every claimed chunk to finish.
    fn run(&self, n: usize, chunk: usize, job: &(dyn Fn(usize, usize) + Sync)) {
        let nchunks = n.div_ceil(chunk);
        if nchunks <= 1 {
            if n > 0 {
                job(0, n);
            }
            return;
        }
        let t = self.threads;
        // SAFETY: only the lifetime is erased. `job` is called only for a chunk claimed from
        // `parts`, and this function does not return (or unwind) before every claimed chunk
        // has been counted in `done`: once all chunks are claimed, a worker that starts late
        // finds none and never touches `job`. So no call of `job` outlives this borrow.
        let job: *const (dyn Fn(usize, usize) + Sync + 'static) =
            unsafe { std::mem::transmute(job as *const (dyn Fn(usize, usize) + Sync + '_)) };
        let shared = Arc::new(Shared {
            parts: (0..t)
                .map(|w| Part {
                    next: AtomicUsize::new(w * nchunks / t),
                    end: (w + 1) * nchunks / t,
                })
                .collect(),
            n,
            chunk,
            job,
            started: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
            panic: Mutex::new(None),
        });
        // The worker pinned to the caller's CPU (if any) stays out: the caller takes its part,
        // so the two do not share a core.
        let home = self
            .cpus
            .as_ref()
            .zip(topology::current_cpu())
            .and_then(|(cpus, c)| cpus.iter().position(|&w| w == c));
        let worker = shared.clone();
        self.pool.spawn_broadcast(move |ctx| {
            worker.started.fetch_add(1, Ordering::Relaxed);
            if Some(ctx.index()) == home {
                return;
            }
            while let Some(c) = worker.claim(ctx.index()) {
                worker.run_chunk(c);
            }
        });
        match home {
            Some(w) => {
                while let Some(c) = shared.claim(w) {
                    shared.run_chunk(c);
                }
            }
            // Elsewhere the caller works only while the workers wake up.
            None => {
                while shared.started.load(Ordering::Relaxed) < t {
                    match shared.claim(0) {
                        Some(c) => shared.run_chunk(c),
                        None => break,
                    }
                }
            }
        }
        let mut spins = 0u32;
        while shared.done.load(Ordering::Acquire) < nchunks {
            if spins < 2000 {
                spins += 1;
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
        let payload = shared
            .panic
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(p) = payload {
            std::panic::resume_unwind(p);
        }
    }
}
