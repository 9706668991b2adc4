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
//! return the time the fill's own page faults took: each worker first touches a chunk's pages
//! just before filling them and times that (`simdmath run`'s `touch`).
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
use crate::{Func, Isa, Pool, Real};
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

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

/// `(x >> 11) * 2^-53` (the 53 high bits of `x` as a multiple of 2^-53 in `[0, 1)`), built
/// without an integer-to-float conversion: the high 52 bits go under the exponent of 1.0
/// (`[1, 2)`, minus 1 exactly), bit 11 under the exponent of 2^-52 (`2^-52` or `1.5 * 2^-52`,
/// minus 2^-52 exactly), and the exact sum of the two is the same value as the conversion.
#[inline(always)]
fn unit_f64(x: u64) -> f64 {
    const ONE: u64 = 0x3ff0_0000_0000_0000; // 1.0
    const TINY: u64 = 0x3cb0_0000_0000_0000; // 2^-52
    let hi = f64::from_bits((x >> 12) | ONE) - 1.0;
    let lo = f64::from_bits(((x << 40) & (1 << 51)) | TINY) - f64::from_bits(TINY);
    hi + lo
}

/// `(x >> 40) * 2^-24` (the 24 high bits of `x`), built the same way as [`unit_f64`]: bits
/// 41..64 under the exponent of 1.0, bit 40 under the exponent of 2^-23.
#[inline(always)]
fn unit_f32(x: u64) -> f32 {
    const ONE: u32 = 0x3f80_0000; // 1.0
    const TINY: u32 = 0x3400_0000; // 2^-23
    let y = (x >> 40) as u32;
    let hi = f32::from_bits((y >> 1) | ONE) - 1.0;
    let lo = f32::from_bits(((y & 1) << 22) | TINY) - f32::from_bits(TINY);
    hi + lo
}

macro_rules! gen_typed {
    ($name:ident, $T:ty, $unit:ident) => {
        /// Writes `out.len()` values from `st`, starting at a step boundary (lane 0).
        #[inline(always)]
        fn $name(st: &mut Lanes, out: &mut [MaybeUninit<$T>], lo: $T, hi: $T, cap: $T) {
            let mut local = *st;
            let span = hi - lo;
            let mut groups = out.chunks_exact_mut(LANES);
            if lo == 0.0 && hi == 1.0 {
                // `0 + 1 * u` is `u`, below `cap`: the same values with three operations fewer.
                for g in &mut groups {
                    let r = local.step();
                    for j in 0..LANES {
                        g[j].write($unit(r[j]));
                    }
                }
            }
            for g in &mut groups {
                let r = local.step();
                for j in 0..LANES {
                    let v = lo + span * $unit(r[j]);
                    g[j].write(if v > cap { cap } else { v });
                }
            }
            let rest = groups.into_remainder();
            if !rest.is_empty() {
                let r = local.step();
                for (j, o) in rest.iter_mut().enumerate() {
                    let v = lo + span * $unit(r[j]);
                    o.write(if v > cap { cap } else { v });
                }
            }
            *st = local;
        }
    };
}
gen_typed!(gen_f64, f64, unit_f64);
gen_typed!(gen_f32, f32, unit_f32);

/// `x`'s value in `[lo, hi)` (at most `cap`), as the fill maps it.
#[inline(always)]
fn map_one<T: Real>(x: u64, lo: T, hi: T, cap: T) -> T {
    let (lo, hi, cap) = (lo.to_f64(), hi.to_f64(), cap.to_f64());
    if T::NAME == "f64" {
        let r = lo + (hi - lo) * unit_f64(x);
        T::from_f64(if r > cap { cap } else { r })
    } else {
        // f32 values are exact in f64 and back; the arithmetic is done in f32.
        let (lo, hi, cap) = (lo as f32, hi as f32, cap as f32);
        let r = lo + (hi - lo) * unit_f32(x);
        T::from_f64(f64::from(if r > cap { cap } else { r }))
    }
}

/// `out` as `f64` or `f32` (the only two `Real` types).
enum Typed<'a> {
    F64(&'a mut [MaybeUninit<f64>]),
    F32(&'a mut [MaybeUninit<f32>]),
}

#[inline(always)]
fn typed<T: Real>(out: &mut [MaybeUninit<T>]) -> Typed<'_> {
    use std::any::TypeId;
    let (p, n) = (out.as_mut_ptr(), out.len());
    if TypeId::of::<T>() == TypeId::of::<f64>() {
        // SAFETY: `T` is `f64` (same `TypeId`), so this is the same slice with its own type.
        Typed::F64(unsafe { std::slice::from_raw_parts_mut(p.cast(), n) })
    } else {
        assert!(TypeId::of::<T>() == TypeId::of::<f32>());
        // SAFETY: `Real` is sealed to `f32` and `f64`; `T` is `f32` (checked above).
        Typed::F32(unsafe { std::slice::from_raw_parts_mut(p.cast(), n) })
    }
}

/// Writes `out.len()` values from `st`, starting at a step boundary (lane 0).
#[inline(always)]
fn gen_run<T: Real>(st: &mut Lanes, out: &mut [MaybeUninit<T>], lo: T, hi: T, cap: T) {
    match typed(out) {
        Typed::F64(o) => gen_f64(st, o, lo.to_f64(), hi.to_f64(), cap.to_f64()),
        Typed::F32(o) => gen_f32(
            st,
            o,
            lo.to_f64() as f32,
            hi.to_f64() as f32,
            cap.to_f64() as f32,
        ),
    }
}

#[cfg(target_arch = "x86_64")]
simdmath_kernels::backend::avx512::isa! { target_feature
    fn gen_run_avx512<T: Real>(st: &mut Lanes, out: &mut [MaybeUninit<T>], lo: T, hi: T, cap: T) {
        match typed(out) {
            Typed::F64(o) => x86::avx512_f64(st, o, lo.to_f64(), hi.to_f64(), cap.to_f64()),
            Typed::F32(o) => x86::avx512_f32(
                st,
                o,
                lo.to_f64() as f32,
                hi.to_f64() as f32,
                cap.to_f64() as f32,
            ),
        }
    }
}

#[cfg(target_arch = "x86_64")]
simdmath_kernels::backend::avx2::isa! { target_feature
    fn gen_run_avx2<T: Real>(st: &mut Lanes, out: &mut [MaybeUninit<T>], lo: T, hi: T, cap: T) {
        match typed(out) {
            Typed::F64(o) => x86::avx2_f64(st, o, lo.to_f64(), hi.to_f64(), cap.to_f64()),
            Typed::F32(o) => x86::avx2_f32(
                st,
                o,
                lo.to_f64() as f32,
                hi.to_f64() as f32,
                cap.to_f64() as f32,
            ),
        }
    }
}

/// The fill written with `core::arch`: eight Xoshiro256++ lanes in one 512-bit register per
/// state word (AVX-512: `vprolq` rotates) or two 256-bit registers (AVX2: a rotate is two
/// shifts and an OR, the best AVX2 has), and the floats built from the bits with integer
/// shifts, masks and ORs under a fixed exponent and two exact subtractions ([`unit_f64`],
/// [`unit_f32`]): no integer-to-float conversion, which AVX2 does not have for 64-bit lanes.
/// The last partial group goes through the portable code, which computes the same values.
#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::{LANES, Lanes, gen_f32, gen_f64};
    use std::arch::x86_64::*;
    use std::mem::MaybeUninit;

    const ONE64: i64 = 0x3ff0_0000_0000_0000;
    const TINY64: i64 = 0x3cb0_0000_0000_0000;
    const ONE32: i32 = 0x3f80_0000;
    const TINY32: i32 = 0x3400_0000;

    simdmath_kernels::backend::avx512::isa! { target_feature
        #[inline]
        fn load512(st: &Lanes) -> [__m512i; 4] {
            // SAFETY: each state word is 8 contiguous `u64` (64 bytes); unaligned loads.
            st.s.map(|w| unsafe { _mm512_loadu_si512(w.as_ptr().cast()) })
        }

        #[inline]
        fn store512(st: &mut Lanes, v: [__m512i; 4]) {
            for (w, x) in st.s.iter_mut().zip(v) {
                // SAFETY: as in `load512`, unaligned stores of 64 bytes.
                unsafe { _mm512_storeu_si512(w.as_mut_ptr().cast(), x) };
            }
        }

        #[inline]
        fn step512(s: &mut [__m512i; 4]) -> __m512i {
            let [s0, s1, s2, s3] = *s;
            let r = _mm512_add_epi64(_mm512_rol_epi64::<23>(_mm512_add_epi64(s0, s3)), s0);
            let t = _mm512_slli_epi64::<17>(s1);
            let s2 = _mm512_xor_si512(s2, s0);
            let s3 = _mm512_xor_si512(s3, s1);
            let s1 = _mm512_xor_si512(s1, s2);
            let s0 = _mm512_xor_si512(s0, s3);
            let s2 = _mm512_xor_si512(s2, t);
            let s3 = _mm512_rol_epi64::<45>(s3);
            *s = [s0, s1, s2, s3];
            r
        }

        pub(super) fn avx512_f64(
            st: &mut Lanes,
            out: &mut [MaybeUninit<f64>],
            lo: f64,
            hi: f64,
            cap: f64,
        ) {
            let groups = out.len() / LANES;
            let mut s = load512(st);
            let (vlo, vspan, vcap) = (
                _mm512_set1_pd(lo),
                _mm512_set1_pd(hi - lo),
                _mm512_set1_pd(cap),
            );
            let unit = lo == 0.0 && hi == 1.0;
            let scale = _mm512_set1_pd(1.0 / (1u64 << 53) as f64);
            let p = out.as_mut_ptr().cast::<f64>();
            for g in 0..groups {
                let r = step512(&mut s);
                // AVX-512 DQ converts 64-bit lanes in one instruction (exact below 2^53).
                let u = _mm512_mul_pd(_mm512_cvtepu64_pd(_mm512_srli_epi64::<11>(r)), scale);
                let v = if unit {
                    u
                } else {
                    _mm512_min_pd(_mm512_add_pd(vlo, _mm512_mul_pd(vspan, u)), vcap)
                };
                // SAFETY: `g < out.len() / 8`, so the 8 elements at `8 g` lie inside `out`.
                unsafe { _mm512_storeu_pd(p.add(g * LANES), v) };
            }
            store512(st, s);
            gen_f64(st, &mut out[groups * LANES..], lo, hi, cap);
        }

        pub(super) fn avx512_f32(
            st: &mut Lanes,
            out: &mut [MaybeUninit<f32>],
            lo: f32,
            hi: f32,
            cap: f32,
        ) {
            let groups = out.len() / LANES;
            let mut s = load512(st);
            let (vlo, vspan, vcap) = (
                _mm256_set1_ps(lo),
                _mm256_set1_ps(hi - lo),
                _mm256_set1_ps(cap),
            );
            let unit = lo == 0.0 && hi == 1.0;
            let scale = _mm256_set1_ps(1.0 / (1u32 << 24) as f32);
            let p = out.as_mut_ptr().cast::<f32>();
            for g in 0..groups {
                let r = step512(&mut s);
                // Exact: the value is below 2^24.
                let u = _mm256_mul_ps(_mm512_cvtepu64_ps(_mm512_srli_epi64::<40>(r)), scale);
                let v = if unit {
                    u
                } else {
                    _mm256_min_ps(_mm256_add_ps(vlo, _mm256_mul_ps(vspan, u)), vcap)
                };
                // SAFETY: `g < out.len() / 8`, so the 8 elements at `8 g` lie inside `out`.
                unsafe { _mm256_storeu_ps(p.add(g * LANES), v) };
            }
            store512(st, s);
            gen_f32(st, &mut out[groups * LANES..], lo, hi, cap);
        }
    }

    type S2 = [[__m256i; 2]; 4];

    simdmath_kernels::backend::avx2::isa! { target_feature
        #[inline]
        fn load256(st: &Lanes) -> S2 {
            // SAFETY: each state word is 8 contiguous `u64`: two unaligned 32-byte loads.
            st.s.map(|w| unsafe {
                [
                    _mm256_loadu_si256(w.as_ptr().cast()),
                    _mm256_loadu_si256(w.as_ptr().add(4).cast()),
                ]
            })
        }

        #[inline]
        fn store256(st: &mut Lanes, v: S2) {
            for (w, [a, b]) in st.s.iter_mut().zip(v) {
                // SAFETY: as in `load256`, two unaligned 32-byte stores inside the word.
                unsafe {
                    _mm256_storeu_si256(w.as_mut_ptr().cast(), a);
                    _mm256_storeu_si256(w.as_mut_ptr().add(4).cast(), b);
                }
            }
        }

        #[inline]
        fn rotl256<const L: i32, const R: i32>(x: __m256i) -> __m256i {
            _mm256_or_si256(_mm256_slli_epi64::<L>(x), _mm256_srli_epi64::<R>(x))
        }

        /// One step of four of the eight lanes (`h` = 0 or 1: lanes `4h..4h + 4`).
        #[inline]
        fn step256(s: &mut S2, h: usize) -> __m256i {
            let (s0, s1, s2, s3) = (s[0][h], s[1][h], s[2][h], s[3][h]);
            let r = _mm256_add_epi64(rotl256::<23, 41>(_mm256_add_epi64(s0, s3)), s0);
            let t = _mm256_slli_epi64::<17>(s1);
            let s2 = _mm256_xor_si256(s2, s0);
            let s3 = _mm256_xor_si256(s3, s1);
            let s1 = _mm256_xor_si256(s1, s2);
            let s0 = _mm256_xor_si256(s0, s3);
            let s2 = _mm256_xor_si256(s2, t);
            let s3 = rotl256::<45, 19>(s3);
            (s[0][h], s[1][h], s[2][h], s[3][h]) = (s0, s1, s2, s3);
            r
        }

        pub(super) fn avx2_f64(
            st: &mut Lanes,
            out: &mut [MaybeUninit<f64>],
            lo: f64,
            hi: f64,
            cap: f64,
        ) {
            let groups = out.len() / LANES;
            let mut s = load256(st);
            let (vlo, vspan, vcap) = (
                _mm256_set1_pd(lo),
                _mm256_set1_pd(hi - lo),
                _mm256_set1_pd(cap),
            );
            let (one, tiny) = (_mm256_set1_epi64x(ONE64), _mm256_set1_epi64x(TINY64));
            let bit = _mm256_set1_epi64x(1 << 51);
            let unit = lo == 0.0 && hi == 1.0;
            let p = out.as_mut_ptr().cast::<f64>();
            for g in 0..groups {
                for h in 0..2 {
                    let r = step256(&mut s, h);
                    let hh = _mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64::<12>(r), one));
                    let l =
                        _mm256_or_si256(_mm256_and_si256(_mm256_slli_epi64::<40>(r), bit), tiny);
                    let u = _mm256_add_pd(
                        _mm256_sub_pd(hh, _mm256_castsi256_pd(one)),
                        _mm256_sub_pd(_mm256_castsi256_pd(l), _mm256_castsi256_pd(tiny)),
                    );
                    let v = if unit {
                        u
                    } else {
                        _mm256_min_pd(_mm256_add_pd(vlo, _mm256_mul_pd(vspan, u)), vcap)
                    };
                    // SAFETY: `g < out.len() / 8`: elements `8 g + 4 h ..+ 4` lie inside `out`.
                    unsafe { _mm256_storeu_pd(p.add(g * LANES + 4 * h), v) };
                }
            }
            store256(st, s);
            gen_f64(st, &mut out[groups * LANES..], lo, hi, cap);
        }

        pub(super) fn avx2_f32(
            st: &mut Lanes,
            out: &mut [MaybeUninit<f32>],
            lo: f32,
            hi: f32,
            cap: f32,
        ) {
            let groups = out.len() / LANES;
            let mut s = load256(st);
            let (vlo, vspan, vcap) = (
                _mm256_set1_ps(lo),
                _mm256_set1_ps(hi - lo),
                _mm256_set1_ps(cap),
            );
            let (one, tiny) = (_mm256_set1_epi32(ONE32), _mm256_set1_epi32(TINY32));
            let bit = _mm256_set1_epi32(1);
            let unit = lo == 0.0 && hi == 1.0;
            let p = out.as_mut_ptr().cast::<f32>();
            for g in 0..groups {
                let a = _mm256_srli_epi64::<40>(step256(&mut s, 0));
                let b = _mm256_srli_epi64::<40>(step256(&mut s, 1));
                // The low 32 bits of a's and b's four lanes, in lane order: dwords
                // [a0 a1 b0 b1 | a2 a3 b2 b3], then 64-bit pairs reordered to [a0..a3 b0..b3].
                let ab = _mm256_castps_si256(_mm256_shuffle_ps::<0b10_00_10_00>(
                    _mm256_castsi256_ps(a),
                    _mm256_castsi256_ps(b),
                ));
                let y = _mm256_permute4x64_epi64::<0b11_01_10_00>(ab);
                let h = _mm256_castsi256_ps(_mm256_or_si256(_mm256_srli_epi32::<1>(y), one));
                let l = _mm256_or_si256(_mm256_slli_epi32::<22>(_mm256_and_si256(y, bit)), tiny);
                let u = _mm256_add_ps(
                    _mm256_sub_ps(h, _mm256_castsi256_ps(one)),
                    _mm256_sub_ps(_mm256_castsi256_ps(l), _mm256_castsi256_ps(tiny)),
                );
                let v = if unit {
                    u
                } else {
                    _mm256_min_ps(_mm256_add_ps(vlo, _mm256_mul_ps(vspan, u)), vcap)
                };
                // SAFETY: `g < out.len() / 8`, so the 8 elements at `8 g` lie inside `out`.
                unsafe { _mm256_storeu_ps(p.add(g * LANES), v) };
            }
            store256(st, s);
            gen_f32(st, &mut out[groups * LANES..], lo, hi, cap);
        }
    }
}

#[cfg(target_arch = "aarch64")]
simdmath_kernels::backend::neon::isa! { target_feature
    fn gen_run_neon<T: Real>(st: &mut Lanes, out: &mut [MaybeUninit<T>], lo: T, hi: T, cap: T) {
        match typed(out) {
            Typed::F64(o) => arm::neon_f64(st, o, lo.to_f64(), hi.to_f64(), cap.to_f64()),
            Typed::F32(o) => arm::neon_f32(
                st,
                o,
                lo.to_f64() as f32,
                hi.to_f64() as f32,
                cap.to_f64() as f32,
            ),
        }
    }
}

/// The fill on aarch64 NEON: the eight Xoshiro256++ lanes in four 128-bit registers per state
/// word (a rotate is two shifts and an OR), the 53 (24) high bits converted to a float exactly
/// (`ucvtf`: the integers are below 2^53 and 2^24) and scaled by a power of two, the range
/// applied with a separate multiply and add and capped by a compare and select: the same
/// values as the portable and x86 paths. The last partial group goes through the portable code.
#[cfg(target_arch = "aarch64")]
mod arm {
    use super::{LANES, Lanes, gen_f32, gen_f64};
    use std::arch::aarch64::*;
    use std::mem::MaybeUninit;

    type S4 = [[uint64x2_t; 4]; 4];

    simdmath_kernels::backend::neon::isa! { target_feature
        #[inline]
        fn load(st: &Lanes) -> S4 {
            // SAFETY: each state word is 8 contiguous `u64`: four 16-byte loads inside it.
            st.s.map(|w| unsafe { [0, 2, 4, 6].map(|k| vld1q_u64(w.as_ptr().add(k))) })
        }

        #[inline]
        fn store(st: &mut Lanes, v: S4) {
            for (w, q) in st.s.iter_mut().zip(v) {
                for (k, x) in q.into_iter().enumerate() {
                    // SAFETY: as in `load`, 16-byte stores inside the word.
                    unsafe { vst1q_u64(w.as_mut_ptr().add(2 * k), x) };
                }
            }
        }

        #[inline]
        fn rotl<const L: i32, const R: i32>(x: uint64x2_t) -> uint64x2_t {
            vorrq_u64(vshlq_n_u64::<L>(x), vshrq_n_u64::<R>(x))
        }

        /// One step of two of the eight lanes (`h` = 0..4: lanes `2h..2h + 2`).
        #[inline]
        fn step(s: &mut S4, h: usize) -> uint64x2_t {
            let (s0, s1, s2, s3) = (s[0][h], s[1][h], s[2][h], s[3][h]);
            let r = vaddq_u64(rotl::<23, 41>(vaddq_u64(s0, s3)), s0);
            let t = vshlq_n_u64::<17>(s1);
            let s2 = veorq_u64(s2, s0);
            let s3 = veorq_u64(s3, s1);
            let s1 = veorq_u64(s1, s2);
            let s0 = veorq_u64(s0, s3);
            let s2 = veorq_u64(s2, t);
            let s3 = rotl::<45, 19>(s3);
            (s[0][h], s[1][h], s[2][h], s[3][h]) = (s0, s1, s2, s3);
            r
        }

        pub(super) fn neon_f64(
            st: &mut Lanes,
            out: &mut [MaybeUninit<f64>],
            lo: f64,
            hi: f64,
            cap: f64,
        ) {
            let groups = out.len() / LANES;
            let mut s = load(st);
            let (vlo, vspan, vcap) = (vdupq_n_f64(lo), vdupq_n_f64(hi - lo), vdupq_n_f64(cap));
            let scale = vdupq_n_f64(1.0 / (1u64 << 53) as f64);
            let unit = lo == 0.0 && hi == 1.0;
            let p = out.as_mut_ptr().cast::<f64>();
            for g in 0..groups {
                for h in 0..4 {
                    let r = step(&mut s, h);
                    let u = vmulq_f64(vcvtq_f64_u64(vshrq_n_u64::<11>(r)), scale);
                    let v = if unit {
                        u
                    } else {
                        let v = vaddq_f64(vlo, vmulq_f64(vspan, u));
                        vbslq_f64(vcgtq_f64(v, vcap), vcap, v)
                    };
                    // SAFETY: `g < out.len() / 8`: elements `8 g + 2 h ..+ 2` lie inside `out`.
                    unsafe { vst1q_f64(p.add(g * LANES + 2 * h), v) };
                }
            }
            store(st, s);
            gen_f64(st, &mut out[groups * LANES..], lo, hi, cap);
        }

        pub(super) fn neon_f32(
            st: &mut Lanes,
            out: &mut [MaybeUninit<f32>],
            lo: f32,
            hi: f32,
            cap: f32,
        ) {
            let groups = out.len() / LANES;
            let mut s = load(st);
            let (vlo, vspan, vcap) = (vdupq_n_f32(lo), vdupq_n_f32(hi - lo), vdupq_n_f32(cap));
            let scale = vdupq_n_f32(1.0 / (1u32 << 24) as f32);
            let unit = lo == 0.0 && hi == 1.0;
            let p = out.as_mut_ptr().cast::<f32>();
            for g in 0..groups {
                for h in 0..2 {
                    // Lanes 4h..4h + 4: the 24 high bits of each, narrowed to 32-bit lanes.
                    let a = vmovn_u64(vshrq_n_u64::<40>(step(&mut s, 2 * h)));
                    let b = vmovn_u64(vshrq_n_u64::<40>(step(&mut s, 2 * h + 1)));
                    let u = vmulq_f32(vcvtq_f32_u32(vcombine_u32(a, b)), scale);
                    let v = if unit {
                        u
                    } else {
                        let v = vaddq_f32(vlo, vmulq_f32(vspan, u));
                        vbslq_f32(vcgtq_f32(v, vcap), vcap, v)
                    };
                    // SAFETY: `g < out.len() / 8`: elements `8 g + 4 h ..+ 4` lie inside `out`.
                    unsafe { vst1q_f32(p.add(g * LANES + 4 * h), v) };
                }
            }
            store(st, s);
            gen_f32(st, &mut out[groups * LANES..], lo, hi, cap);
        }
    }
}

fn gen_dispatch<T: Real>(st: &mut Lanes, out: &mut [MaybeUninit<T>], lo: T, hi: T, cap: T) {
    gen_with(Isa::best(), st, out, lo, hi, cap)
}

/// [`gen_run`] compiled for `isa` (which the caller has checked this CPU runs).
fn gen_with<T: Real>(isa: Isa, st: &mut Lanes, out: &mut [MaybeUninit<T>], lo: T, hi: T, cap: T) {
    match isa {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: callers pass `Isa::best()` or a checked `Isa`, which this CPU runs; AVX-512
        // here means F + DQ + AVX2 + FMA (see `Isa`'s detection).
        Isa::Avx512 => unsafe { gen_run_avx512(st, out, lo, hi, cap) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above: AVX2 and FMA are available.
        Isa::Avx2 => unsafe { gen_run_avx2(st, out, lo, hi, cap) },
        #[cfg(target_arch = "aarch64")]
        // SAFETY: as above: NEON is available.
        Isa::Neon => unsafe { gen_run_neon(st, out, lo, hi, cap) },
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
                out[pos + j].write(map_one(r[skip + j], lo, hi, cap));
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

/// Per-worker time spent faulting fresh pages in, for the `_timed` functions.
struct FaultClock {
    ns: Vec<AtomicU64>,
}

impl FaultClock {
    fn new(pool: Option<&Pool>) -> FaultClock {
        let t = pool.map_or(1, Pool::threads);
        FaultClock {
            ns: (0..t).map(|_| AtomicU64::new(0)).collect(),
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
        let w = rayon::current_thread_index().unwrap_or(0) % self.ns.len();
        self.ns[w].fetch_add(t0.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    /// The largest worker's total, in seconds: no worker, and so not the whole pass, took
    /// less.
    fn max_seconds(&self) -> f64 {
        let m = self.ns.iter().map(|a| a.load(Ordering::Relaxed)).max();
        m.unwrap_or(0) as f64 * 1e-9
    }
}

/// [`uniform_vec`], also returning its page faults' time: each worker first touches the
/// pages of a chunk (one write per 4 KiB page: the kernel faults the page in and zeroes it)
/// just before filling it, and times that; the second value is the largest worker's total in
/// seconds. It is measured inside the fill, on the same pages, threads and moment, so it is a
/// lower bound of the fill's wall time by construction. The same values as [`uniform_vec`].
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
            let r = st.step();
            let take = (LANES - skip).min(block_end - i);
            for j in 0..take {
                out[pos + j].write(map_one(r[skip + j], lo, hi, cap));
            }
            // SAFETY: the `take` elements at `pos` were written just above.
            then(pos, unsafe { assume_init(&mut out[pos..pos + take]) });
            pos += take;
            i += take;
        }
        while i < block_end {
            let k = piece.min(block_end - i);
            gen_dispatch(&mut st, &mut out[pos..pos + k], lo, hi, cap);
            // SAFETY: `gen_dispatch` wrote all `k` elements at `pos`.
            then(pos, unsafe { assume_init(&mut out[pos..pos + k]) });
            pos += k;
            i += k;
        }
    }
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
