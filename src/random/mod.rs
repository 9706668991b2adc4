//! Uniform random fill, parallel and reproducible: the output depends only on the seed and the
//! element's index, never on the thread count, the chunking or the instruction set.
//!
//! # The generator
//! Element `i` belongs to block `b = i / BLOCK` ([`BLOCK`] = 8192 elements) and, inside it, to
//! lane `j = i % 8` at step `k = (i % BLOCK) / 8`. Each (block, lane) pair is its own stream:
//! `rand::rngs::Xoshiro256PlusPlus::seed_from_u64(key)` with `key` a bijective mix of
//! `(seed, 8 * b + j)`, and element `i` is that stream's `k`-th `u64`. The eight lanes of a
//! block are stepped in lockstep: with `core::arch` in one 512-bit register per state word
//! (AVX-512), two 256-bit ones (AVX2) or four 128-bit ones (aarch64 NEON), chosen with
//! [`Isa::best`] (so `SIMDMATH_ISA` applies), or on plain `u64` arrays (portable); a test
//! checks every lane against `rand`'s own `Xoshiro256PlusPlus`.
//!
//! # From `u64` to a float
//! - `f64`: `(x >> 11) * 2^-53`: the 53 high bits, every multiple of 2^-53 in `[0, 1)`.
//! - `f32`: `(x >> 40) * 2^-24`: one `f32` per `u64`, every multiple of 2^-24 in `[0, 1)`.
//!
//! Each instruction set computes these exact values the way it does best. AVX-512 (with DQ)
//! converts 64-bit lanes in one instruction (`vcvtuqq2pd`, `vcvtuqq2ps`: exact, the integers
//! are below 2^53 and 2^24) and rotates with `vprolq`. AVX2 has neither, so there the float is
//! built from the bits without a conversion: the high 52 (23) bits go under the exponent of
//! 1.0, giving `[1, 2)`, minus 1 exactly; the last bit goes under the exponent of 2^-52
//! (2^-23), minus 2^-52 exactly; and the sum of the two is exact, so the result is the same
//! value, bit for bit (a rotate is two shifts and an OR there). The portable backend does the
//! same in plain Rust. A test checks all three against each other and against the formula.
//! On this crate's 2-core Xeon (AVX-512), one thread, in L1: 0.29 ns per `f64` (AVX-512),
//! 0.57 (AVX2; 1.58 with the former per-lane conversion), 1.43 (portable).
//!
//! Fills of initialised slices ([`fill_uniform`], [`fill_uniform_at`]) of 32 MiB or more are
//! written with non-temporal stores (through a small L1 buffer), which skips reading each line
//! before overwriting it (800 MB refilled: 0.06 s instead of 0.09-0.10 s, one thread, here);
//! smaller ones stay in cache. Fills of fresh memory ([`fill_uniform_uninit`], [`uniform_vec`])
//! use ordinary stores: the page-fault handler has just zeroed those lines into the cache, and
//! streaming over them doubled the time (800 MB with its page faults: 0.28 s against 0.14 s).
//!
//! For a range, `lo + (hi - lo) * u` (a separate multiply and add, so the result is the same on
//! every instruction set), capped at the largest value below `hi`; for `[0, 1)` that is `u`
//! itself, and the fill skips the arithmetic.
//!
//! # One pass, and the page faults' time
//! [`uniform_vec_eval`] (in place) and [`uniform_vecs_eval`] (out of place) fill fresh memory
//! and apply a function in one pass: each worker fills a 16 KiB piece and passes it to the
//! function while it is in L1, the same values as the two passes. The `_timed` variants
//! ([`uniform_vec_timed`], [`uniform_vec_eval_timed`], [`uniform_vecs_eval_timed`]) also
//! return the time the fill's own page faults took: each thread (a worker or the caller)
//! first touches a chunk's pages just before filling them and times that (`simdmath run`'s
//! `touch`).
//!
//! ```
//! use simdmath::{Pool, random};
//! let pool = Pool::with_threads(2)?;
//! let a: Vec<f64> = random::uniform_vec(Some(&pool), 7, 100_000, 0.0, 1.0);
//! let b: Vec<f64> = random::uniform_vec(None, 7, 100_000, 0.0, 1.0);
//! assert_eq!(a, b); // same values on 2 threads and on 1
//! assert!(a.iter().all(|&u| (0.0..1.0).contains(&u)));
//! # Ok::<(), simdmath::PoolError>(())
//! ```
//!
//! # Layout
//! [`stream`](self): the generator (the lockstep Xoshiro256++ streams per block, the `u64` to
//! float conversion, one path per instruction set); this module: the fills of slices and fresh
//! vectors (with streaming stores for large initialised ones); `pipeline`: the fill fused with a
//! function, and the timed fills of `simdmath run`.

mod pipeline;
mod stream;

pub use pipeline::{
    uniform_vec_eval, uniform_vec_eval_timed, uniform_vec_timed, uniform_vecs_eval,
    uniform_vecs_eval_timed,
};
use stream::*;

use crate::pool::{alloc_uninit, chunk_len, into_init};
use crate::{Func, Isa, Pool, Real};
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Elements per independently seeded block (eight lockstep streams per block).
pub const BLOCK: usize = 8192;
const LANES: usize = 8;

const _: () = assert!(BLOCK.is_multiple_of(LANES));

/// Fills `out` with the values a whole fill with `seed` has at indices `start .. start +
/// out.len()`, on the calling thread.
///
/// # Panics
/// If `lo`, `hi` are not finite with `lo < hi`.
///
/// ```
/// use simdmath::random;
/// let mut all = vec![0.0f32; 20_000];
/// random::fill_uniform(None, 3, &mut all, 0.0, 1.0);
/// let mut part = vec![0.0f32; 100];
/// random::fill_uniform_at(3, 12_345, &mut part, 0.0, 1.0);
/// assert_eq!(part[..], all[12_345..12_445]);
/// ```
#[track_caller]
pub fn fill_uniform_at<T: Real>(seed: u64, start: usize, out: &mut [T], lo: T, hi: T) {
    // SAFETY: `T` and `MaybeUninit<T>` have the same layout; only initialised values are
    // written through the reinterpreted slice.
    let out = unsafe { &mut *(out as *mut [T] as *mut [MaybeUninit<T>]) };
    fill_at_uninit(seed, start, out, lo, hi);
}

/// Fills of at least this many bytes bypass the cache (non-temporal stores): the data would
/// not stay in cache anyway, and skipping the read-for-ownership of each line saves a third
/// of the memory traffic.
pub(super) const STREAM_BYTES: usize = 32 << 20;
/// Elements generated into an L1-resident buffer before a streaming copy to the output.
pub(super) const STAGE: usize = 512;

/// Copies `src` to `dst` with non-temporal 16-byte stores where `dst` is aligned (ordinary
/// stores for the unaligned head and the tail). The caller issues the store fence.
#[inline]
pub(super) fn stream_copy<T>(src: &[MaybeUninit<T>], dst: &mut [MaybeUninit<T>]) {
    debug_assert_eq!(src.len(), dst.len());
    let bytes = std::mem::size_of_val(src);
    let (s, d) = (src.as_ptr().cast::<u8>(), dst.as_mut_ptr().cast::<u8>());
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_stream_si128};
        let head = (d as usize).wrapping_neg() % 16;
        if head <= bytes {
            let body = (bytes - head) / 16 * 16;
            // SAFETY: `head + body <= bytes`, the size of both slices, which do not overlap
            // (`src` is the caller's stack buffer); `d + head` is 16-byte aligned as
            // `_mm_stream_si128` requires; SSE2 is part of the x86-64 baseline.
            unsafe {
                std::ptr::copy_nonoverlapping(s, d, head);
                let mut off = head;
                while off < head + body {
                    let v = _mm_loadu_si128(s.add(off).cast::<__m128i>());
                    _mm_stream_si128(d.add(off).cast::<__m128i>(), v);
                    off += 16;
                }
                std::ptr::copy_nonoverlapping(s.add(off), d.add(off), bytes - off);
            }
            return;
        }
    }
    // SAFETY: both slices hold `bytes` bytes and do not overlap.
    unsafe { std::ptr::copy_nonoverlapping(s, d, bytes) };
}

/// Orders the non-temporal stores before whatever the caller does next (e.g. signal another
/// thread that the data is ready).
pub(super) fn store_fence() {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE is part of the x86-64 baseline; a fence has no other effect.
    unsafe {
        std::arch::x86_64::_mm_sfence()
    };
}

#[track_caller]
pub(super) fn fill_at_uninit<T: Real>(
    seed: u64,
    start: usize,
    out: &mut [MaybeUninit<T>],
    lo: T,
    hi: T,
) {
    fill_at_uninit_s(
        seed,
        start,
        out,
        lo,
        hi,
        std::mem::size_of_val(out) >= STREAM_BYTES,
    )
}

/// The walk every fill takes over the elements at indices `start..start + out.len()` of a fill
/// with `seed`, block by block: each block's streams are set to the first element wanted;
/// where that is inside a lockstep step, the step's remaining lanes are mapped one by one into
/// `out` and reported as a span already written (`written = true`); then the rest of the block
/// is reported with the streams positioned at it (`written = false`: `each` generates it from
/// `st`, in whatever pieces it likes, as long as each is whole steps but the last). `each`
/// gets `(streams, out, offset in out, length, written)`.
#[track_caller]
fn walk<T: Real>(
    seed: u64,
    start: usize,
    out: &mut [MaybeUninit<T>],
    lo: T,
    hi: T,
    cap: T,
    mut each: impl FnMut(&mut Lanes, &mut [MaybeUninit<T>], usize, usize, bool),
) {
    let end = start + out.len();
    let mut i = start;
    while i < end {
        let block = i / BLOCK;
        let block_end = ((block + 1) * BLOCK).min(end);
        let mut st = Lanes::for_block(seed, block as u64);
        let off = i % BLOCK;
        for _ in 0..off / LANES {
            st.step();
        }
        let skip = off % LANES;
        if skip != 0 {
            // A partial first step: lanes `skip..` of it.
            let r = st.step();
            let take = (LANES - skip).min(block_end - i);
            let pos = i - start;
            for j in 0..take {
                out[pos + j].write(map_one(r[skip + j], lo, hi, cap));
            }
            each(&mut st, out, pos, take, true);
            i += take;
        }
        if i < block_end {
            each(&mut st, out, i - start, block_end - i, false);
        }
        i = block_end;
    }
}

/// The fill; `stream`: write through an L1 buffer with non-temporal stores.
#[track_caller]
pub(super) fn fill_at_uninit_s<T: Real>(
    seed: u64,
    start: usize,
    out: &mut [MaybeUninit<T>],
    lo: T,
    hi: T,
    stream: bool,
) {
    let cap = check_range(lo, hi);
    walk(
        seed,
        start,
        out,
        lo,
        hi,
        cap,
        |st, out, pos, len, written| {
            if written {
                // The walk mapped these lanes itself.
            } else if stream {
                // Full stages are multiples of 8 elements, so the lockstep groups are unchanged.
                let mut stage = [MaybeUninit::<T>::uninit(); STAGE];
                let mut done = 0;
                while done < len {
                    let k = STAGE.min(len - done);
                    gen_dispatch(st, &mut stage[..k], lo, hi, cap);
                    stream_copy(&stage[..k], &mut out[pos + done..pos + done + k]);
                    done += k;
                }
            } else {
                gen_dispatch(st, &mut out[pos..pos + len], lo, hi, cap);
            }
        },
    );
    if stream {
        store_fence();
    }
}

/// Fills `out` with uniform values in `[lo, hi)` from `seed`: on `pool` in parallel (with the
/// same chunking as [`Pool::eval`], so each worker first-touches what it will compute on), or
/// on the calling thread for `None`. The result depends only on `seed` and the index.
///
/// # Panics
/// If `lo`, `hi` are not finite with `lo < hi`.
///
/// ```
/// use simdmath::{Pool, random};
/// let pool = Pool::with_threads(2)?;
/// let mut a = vec![0.0f64; 50_001];
/// let mut b = vec![0.0f64; 50_001];
/// random::fill_uniform(Some(&pool), 42, &mut a, -1.0, 1.0);
/// random::fill_uniform(None, 42, &mut b, -1.0, 1.0);
/// assert_eq!(a, b);
/// assert!(a.iter().all(|&u| (-1.0..1.0).contains(&u)));
/// # Ok::<(), simdmath::PoolError>(())
/// ```
#[track_caller]
pub fn fill_uniform<T: Real>(pool: Option<&Pool>, seed: u64, out: &mut [T], lo: T, hi: T) {
    let stream = std::mem::size_of_val(out) >= STREAM_BYTES;
    // SAFETY: as in `fill_uniform_at`.
    let out = unsafe { &mut *(out as *mut [T] as *mut [MaybeUninit<T>]) };
    fill_impl(pool, seed, out, lo, hi, stream);
}

/// [`fill_uniform`] into uninitialised memory; returns the now initialised slice. Meant for
/// fresh memory, so it never uses non-temporal stores (see the module docs).
///
/// # Panics
/// If `lo`, `hi` are not finite with `lo < hi`.
///
/// ```
/// use std::mem::MaybeUninit;
/// let mut buf = vec![MaybeUninit::<f32>::uninit(); 1000];
/// let v = simdmath::random::fill_uniform_uninit(None, 1, &mut buf, 0.0f32, 1.0);
/// assert!(v.iter().all(|&u| (0.0..1.0).contains(&u)));
/// ```
#[track_caller]
pub fn fill_uniform_uninit<'a, T: Real>(
    pool: Option<&Pool>,
    seed: u64,
    out: &'a mut [MaybeUninit<T>],
    lo: T,
    hi: T,
) -> &'a mut [T] {
    fill_impl(pool, seed, out, lo, hi, false);
    // SAFETY: every element was written by `fill_impl`; same layout.
    unsafe { &mut *(out as *mut [MaybeUninit<T>] as *mut [T]) }
}

#[track_caller]
pub(super) fn fill_impl<T: Real>(
    pool: Option<&Pool>,
    seed: u64,
    out: &mut [MaybeUninit<T>],
    lo: T,
    hi: T,
    stream: bool,
) {
    check_range(lo, hi);
    debug_assert_eq!(chunk_len::<T>() % BLOCK, 0);
    match pool {
        Some(p) => p.for_each_chunk(out, |off, c| fill_at_uninit_s(seed, off, c, lo, hi, stream)),
        None => fill_at_uninit_s(seed, 0, out, lo, hi, stream),
    }
}

/// A new vector of `n` uniform values in `[lo, hi)` from `seed`, allocated uninitialised (with
/// huge pages requested on Linux) and filled on `pool`, so its pages are first touched by the
/// workers that will compute on them; the same values as [`fill_uniform`].
///
/// # Panics
/// If `lo`, `hi` are not finite with `lo < hi`.
///
/// ```
/// let v: Vec<f64> = simdmath::random::uniform_vec(None, 0, 10, 0.0, 1.0);
/// assert_eq!(v.len(), 10);
/// ```
#[track_caller]
pub fn uniform_vec<T: Real>(pool: Option<&Pool>, seed: u64, n: usize, lo: T, hi: T) -> Vec<T> {
    check_range(lo, hi);
    let mut v = alloc_uninit::<T>(n);
    fill_uniform_uninit(pool, seed, &mut v, lo, hi);
    into_init(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::Xoshiro256PlusPlus;
    use rand::{Rng, SeedableRng};

    #[test]
    fn lanes_match_rand_xoshiro() {
        for (seed, block) in [(0u64, 0u64), (42, 7), (u64::MAX, 123_456)] {
            let mut lanes = Lanes::for_block(seed, block);
            let mut refs: Vec<Xoshiro256PlusPlus> = (0..LANES as u64)
                .map(|j| Xoshiro256PlusPlus::seed_from_u64(stream_key(seed, block * 8 + j)))
                .collect();
            for _ in 0..100 {
                let r = lanes.step();
                for j in 0..LANES {
                    assert_eq!(r[j], refs[j].next_u64());
                }
            }
        }
    }

    #[test]
    fn mapping_is_the_documented_one() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        let edge = [
            0u64,
            1,
            1 << 11,
            1 << 12,
            1 << 40,
            1 << 41,
            u64::MAX,
            u64::MAX >> 1,
        ];
        let xs = edge.into_iter().chain((0..100_000).map(|_| rng.next_u64()));
        for x in xs {
            assert_eq!(unit_f64(x), (x >> 11) as f64 * 2f64.powi(-53), "{x:#x}");
            assert_eq!(unit_f32(x), (x >> 40) as f32 * 2f32.powi(-24), "{x:#x}");
            assert_eq!(
                map_one(x, 0.0f64, 1.0, f64::below(1.0)),
                (x >> 11) as f64 * 2f64.powi(-53)
            );
            // The former mapping of `Real::uniform_from_bits`: the stream is unchanged.
            assert_eq!(
                map_one(x, -3.0f64, 5.0, f64::below(5.0)),
                f64::uniform_from_bits(x, -3.0, 5.0, f64::below(5.0))
            );
            assert_eq!(
                map_one(x, -3.0f32, 5.0, f32::below(5.0)),
                f32::uniform_from_bits(x, -3.0, 5.0, f32::below(5.0))
            );
        }
        assert_eq!(unit_f64(u64::MAX), 1.0 - f64::EPSILON / 2.0);
        assert_eq!(unit_f32(u64::MAX), 1.0 - f32::EPSILON / 2.0);
    }

    fn run_isa<T: Real>(isa: Isa, lo: T, hi: T, n: usize) -> Vec<T> {
        let mut v = vec![MaybeUninit::<T>::uninit(); n];
        let mut st = Lanes::for_block(5, 3);
        // Two calls, so the state carried from one to the next is checked too.
        let (a, b) = v.split_at_mut(n / 3 / LANES * LANES);
        gen_with(isa, &mut st, a, lo, hi, T::below(hi));
        gen_with(isa, &mut st, b, lo, hi, T::below(hi));
        into_init(v)
    }

    #[test]
    fn every_isa_gives_the_same_bits() {
        for (lo, hi) in [(0.0, 1.0), (-3.0, 5.0), (1.0, 1.0 + 1e-6)] {
            for n in [0, 5, 8, 1003, 4096] {
                let want64 = run_isa::<f64>(Isa::Portable, lo, hi, n);
                let want32 = run_isa::<f32>(Isa::Portable, lo as f32, hi as f32, n);
                // The portable path against the per-element formula.
                let mut st = Lanes::for_block(5, 3);
                let mut k = 0;
                while k < n {
                    let r = st.step();
                    for j in 0..LANES.min(n - k) {
                        assert_eq!(want64[k + j], map_one(r[j], lo, hi, f64::below(hi)));
                        let (l, h) = (lo as f32, hi as f32);
                        assert_eq!(want32[k + j], map_one(r[j], l, h, f32::below(h)));
                    }
                    k += LANES;
                }
                for isa in Isa::available() {
                    assert!(run_isa::<f64>(isa, lo, hi, n) == want64, "{isa} f64 n={n}");
                    let got = run_isa::<f32>(isa, lo as f32, hi as f32, n);
                    assert!(got == want32, "{isa} f32 n={n}");
                }
            }
        }
    }
}
