//! The pool's no-math passes (the copy and read-write floors of `simdmath run --limits`) and
//! the allocation helpers: uninitialised vectors, their first touch on the pool, huge pages.

use super::Pool;
use crate::streaming::streams_to;
use crate::{Isa, Real, check_isa, check_lengths};
use std::mem::MaybeUninit;

impl Pool {
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
        let stream = streams_to(dst.as_ptr(), dst.len(), 2);
        self.for_each_chunk_zip(src, dst, |_, a, b| copy_with_s(isa, a, b, stream));
    }
}

/// Copies `src` into `dst` on the calling thread through `isa`'s entry loop with no math (the
/// same loads, prefetches and stores as every function's entry point), with non-temporal
/// stores when `src` and `dst` together are at least [`crate::streaming_threshold`] bytes
/// and `dst` has been written before ([`crate::streams_to`]), as an out-of-place function of
/// that size: the one-thread out-of-place memory floor.
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
    copy_with_s(isa, src, dst, streams_to(dst.as_ptr(), dst.len(), 2))
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
