//! Uniform random fill, parallel and reproducible: the output depends only on the seed and the
//! element's index, never on the thread count, the chunking or the instruction set.
//!
//! # The generator
//! Element `i` belongs to block `b = i / BLOCK` ([`BLOCK`] = 8192 elements) and, inside it, to
//! lane `j = i % 8` at step `k = (i % BLOCK) / 8`. Each (block, lane) pair is its own stream:
//! `rand::rngs::Xoshiro256PlusPlus::seed_from_u64(key)` with `key` a bijective mix of
//! `(seed, 8 * b + j)`, and element `i` is that stream's `k`-th `u64`. The eight lanes of a
//! block are stepped in lockstep on plain `u64` arrays, which LLVM turns into SIMD (AVX-512 or
//! AVX2 when available, chosen with [`Isa::best`]); a test checks every lane against `rand`'s own
//! `Xoshiro256PlusPlus`.
//!
//! # From `u64` to a float
//! - `f64`: `(x >> 11) as f64 * 2^-53`: the 53 high bits, every multiple of 2^-53 in `[0, 1)`.
//! - `f32`: `(x >> 40) as f32 * 2^-24`: one `f32` per `u64`, every multiple of 2^-24 in `[0, 1)`.
//!
//! Fills of initialised slices ([`fill_uniform`], [`fill_uniform_at`]) of 32 MiB or more are
//! written with non-temporal stores (through a small L1 buffer), which skips reading each line
//! before overwriting it (800 MB refilled: 0.06 s instead of 0.09-0.10 s, one thread, here);
//! smaller ones stay in cache. Fills of fresh memory ([`fill_uniform_uninit`], [`uniform_vec`])
//! use ordinary stores: the page-fault handler has just zeroed those lines into the cache, and
//! streaming over them doubled the time (800 MB with its page faults: 0.28 s against 0.14 s).
//!
//! For a range, `lo + (hi - lo) * u` (a separate multiply and add, so the result is the same on
//! every instruction set), capped at the largest value below `hi`.
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

use crate::pool::{alloc_uninit, chunk_len, into_init};
use crate::{Isa, Pool, Real};
use std::mem::MaybeUninit;

/// Elements per independently seeded block (eight lockstep streams per block).
pub const BLOCK: usize = 8192;
const LANES: usize = 8;

const _: () = assert!(BLOCK.is_multiple_of(LANES));

/// SplitMix64's output function: a bijection on `u64`.
#[inline]
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

/// The `seed_from_u64` key of stream `stream = 8 * block + lane` (distinct for distinct streams
/// under one seed: both steps are bijections).
#[inline]
fn stream_key(seed: u64, stream: u64) -> u64 {
    seed ^ mix64(
        stream
            .wrapping_mul(0x9e3779b97f4a7c15)
            .wrapping_add(0x6a09e667f3bcc909),
    )
}

/// The state `Xoshiro256PlusPlus::seed_from_u64(key)` starts from (its SplitMix64 expansion).
#[inline]
fn xoshiro_state(mut key: u64) -> [u64; 4] {
    const PHI: u64 = 0x9e3779b97f4a7c15;
    let mut s = [0; 4];
    for w in &mut s {
        key = key.wrapping_add(PHI);
        *w = mix64(key);
    }
    s
}

/// Eight Xoshiro256++ generators as four `u64` arrays (structure of arrays for SIMD).
#[derive(Clone, Copy)]
struct Lanes {
    s: [[u64; LANES]; 4],
}

impl Lanes {
    fn for_block(seed: u64, block: u64) -> Lanes {
        let mut s = [[0; LANES]; 4];
        for j in 0..LANES {
            let st = xoshiro_state(stream_key(seed, block * LANES as u64 + j as u64));
            for (word, v) in s.iter_mut().zip(st) {
                word[j] = v;
            }
        }
        Lanes { s }
    }

    #[inline(always)]
    fn step(&mut self) -> [u64; LANES] {
        let [s0, s1, s2, s3] = &mut self.s;
        let mut r = [0u64; LANES];
        for j in 0..LANES {
            r[j] = s0[j]
                .wrapping_add(s3[j])
                .rotate_left(23)
                .wrapping_add(s0[j]);
            let t = s1[j] << 17;
            s2[j] ^= s0[j];
            s3[j] ^= s1[j];
            s1[j] ^= s2[j];
            s0[j] ^= s3[j];
            s2[j] ^= t;
            s3[j] = s3[j].rotate_left(45);
        }
        r
    }
}

/// Writes `out.len()` values from `st`, starting at a step boundary (lane 0).
#[inline(always)]
fn gen_run<T: Real>(st: &mut Lanes, out: &mut [MaybeUninit<T>], lo: T, hi: T, cap: T) {
    let mut local = *st;
    let mut groups = out.chunks_exact_mut(LANES);
    for g in &mut groups {
        let r = local.step();
        for j in 0..LANES {
            g[j].write(T::uniform_from_bits(r[j], lo, hi, cap));
        }
    }
    let rest = groups.into_remainder();
    if !rest.is_empty() {
        let r = local.step();
        for (j, o) in rest.iter_mut().enumerate() {
            o.write(T::uniform_from_bits(r[j], lo, hi, cap));
        }
    }
    *st = local;
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx2,fma")]
fn gen_run_avx512<T: Real>(st: &mut Lanes, out: &mut [MaybeUninit<T>], lo: T, hi: T, cap: T) {
    gen_run(st, out, lo, hi, cap)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn gen_run_avx2<T: Real>(st: &mut Lanes, out: &mut [MaybeUninit<T>], lo: T, hi: T, cap: T) {
    gen_run(st, out, lo, hi, cap)
}

fn gen_dispatch<T: Real>(st: &mut Lanes, out: &mut [MaybeUninit<T>], lo: T, hi: T, cap: T) {
    match Isa::best() {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `Isa::best()` only returns an instruction set this CPU runs; AVX-512 here
        // means F + DQ + AVX2 + FMA (see `Isa`'s detection).
        Isa::Avx512 => unsafe { gen_run_avx512(st, out, lo, hi, cap) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `Isa::best()` returned AVX2, so AVX2 and FMA are available.
        Isa::Avx2 => unsafe { gen_run_avx2(st, out, lo, hi, cap) },
        _ => gen_run(st, out, lo, hi, cap),
    }
}

#[track_caller]
fn check_range<T: Real>(lo: T, hi: T) -> T {
    let (l, h) = (lo.to_f64(), hi.to_f64());
    if !(l.is_finite() && h.is_finite() && l < h) {
        panic!("simdmath::random: the range must be finite with lo < hi (got lo = {l}, hi = {h})");
    }
    T::below(hi)
}

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
const STREAM_BYTES: usize = 32 << 20;
/// Elements generated into an L1-resident buffer before a streaming copy to the output.
const STAGE: usize = 512;

/// Copies `src` to `dst` with non-temporal 16-byte stores where `dst` is aligned (ordinary
/// stores for the unaligned head and the tail). The caller issues the store fence.
#[inline]
fn stream_copy<T>(src: &[MaybeUninit<T>], dst: &mut [MaybeUninit<T>]) {
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
fn store_fence() {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE is part of the x86-64 baseline; a fence has no other effect.
    unsafe {
        std::arch::x86_64::_mm_sfence()
    };
}

#[track_caller]
fn fill_at_uninit<T: Real>(seed: u64, start: usize, out: &mut [MaybeUninit<T>], lo: T, hi: T) {
    fill_at_uninit_s(
        seed,
        start,
        out,
        lo,
        hi,
        std::mem::size_of_val(out) >= STREAM_BYTES,
    )
}

/// The fill; `stream`: write through an L1 buffer with non-temporal stores.
#[track_caller]
fn fill_at_uninit_s<T: Real>(
    seed: u64,
    start: usize,
    out: &mut [MaybeUninit<T>],
    lo: T,
    hi: T,
    stream: bool,
) {
    let cap = check_range(lo, hi);
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
        let mut pos = i - start;
        let skip = off % LANES;
        if skip != 0 {
            // A partial first step: lanes `skip..` of it.
            let r = st.step();
            let take = (LANES - skip).min(block_end - i);
            for j in 0..take {
                out[pos + j].write(T::uniform_from_bits(r[skip + j], lo, hi, cap));
            }
            pos += take;
            i += take;
        }
        let len = block_end - i;
        if stream {
            // Full stages are multiples of 8 elements, so the lockstep groups are unchanged.
            let mut stage = [MaybeUninit::<T>::uninit(); STAGE];
            let mut done = 0;
            while done < len {
                let k = STAGE.min(len - done);
                gen_dispatch(&mut st, &mut stage[..k], lo, hi, cap);
                stream_copy(&stage[..k], &mut out[pos + done..pos + done + k]);
                done += k;
            }
        } else {
            gen_dispatch(&mut st, &mut out[pos..pos + len], lo, hi, cap);
        }
        i = block_end;
    }
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
fn fill_impl<T: Real>(
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
        let x = 0xdead_beef_0123_4567u64;
        assert_eq!(
            f64::uniform_from_bits(x, 0.0, 1.0, f64::below(1.0)),
            (x >> 11) as f64 * 2f64.powi(-53)
        );
        assert_eq!(
            f32::uniform_from_bits(x, 0.0, 1.0, f32::below(1.0)),
            (x >> 40) as f32 * 2f32.powi(-24)
        );
        assert_eq!(
            f64::uniform_from_bits(u64::MAX, 0.0, 1.0, f64::below(1.0)),
            1.0 - f64::EPSILON / 2.0
        );
    }

    #[test]
    fn every_isa_gives_the_same_bits() {
        let mut a = vec![MaybeUninit::<f64>::uninit(); 1003];
        let mut b = vec![MaybeUninit::<f64>::uninit(); 1003];
        let mut s1 = Lanes::for_block(5, 0);
        let mut s2 = s1;
        gen_run(&mut s1, &mut a, 0.0, 1.0, f64::below(1.0));
        gen_dispatch(&mut s2, &mut b, 0.0, 1.0, f64::below(1.0));
        let a = into_init(a);
        assert_eq!(a, into_init(b));
        #[cfg(target_arch = "x86_64")]
        if Isa::Avx2.is_available() {
            let mut c = vec![MaybeUninit::<f64>::uninit(); 1003];
            let mut s3 = Lanes::for_block(5, 0);
            // SAFETY: AVX2 and FMA are available (checked above).
            unsafe { gen_run_avx2(&mut s3, &mut c, 0.0, 1.0, f64::below(1.0)) };
            assert_eq!(a, into_init(c));
        }
    }
}
