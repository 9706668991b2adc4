//! The generator: element `i` of a fill is the `k`-th output of stream `(block, lane)` (see the
//! module docs of [`crate::random`]), stepped eight lanes in lockstep per instruction set.

use super::LANES;
use crate::{Isa, Real};
use std::mem::MaybeUninit;

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
pub(super) fn stream_key(seed: u64, stream: u64) -> u64 {
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
pub(super) struct Lanes {
    s: [[u64; LANES]; 4],
}

impl Lanes {
    pub(super) fn for_block(seed: u64, block: u64) -> Lanes {
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
    pub(super) fn step(&mut self) -> [u64; LANES] {
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
pub(super) fn unit_f64(x: u64) -> f64 {
    const ONE: u64 = 0x3ff0_0000_0000_0000; // 1.0
    const TINY: u64 = 0x3cb0_0000_0000_0000; // 2^-52
    let hi = f64::from_bits((x >> 12) | ONE) - 1.0;
    let lo = f64::from_bits(((x << 40) & (1 << 51)) | TINY) - f64::from_bits(TINY);
    hi + lo
}

/// `(x >> 40) * 2^-24` (the 24 high bits of `x`), built the same way as [`unit_f64`]: bits
/// 41..64 under the exponent of 1.0, bit 40 under the exponent of 2^-23.
#[inline(always)]
pub(super) fn unit_f32(x: u64) -> f32 {
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
pub(super) fn map_one<T: Real>(x: u64, lo: T, hi: T, cap: T) -> T {
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

pub(super) fn gen_dispatch<T: Real>(
    st: &mut Lanes,
    out: &mut [MaybeUninit<T>],
    lo: T,
    hi: T,
    cap: T,
) {
    gen_with(Isa::best(), st, out, lo, hi, cap)
}

/// [`gen_run`] compiled for `isa` (which the caller has checked this CPU runs).
pub(super) fn gen_with<T: Real>(
    isa: Isa,
    st: &mut Lanes,
    out: &mut [MaybeUninit<T>],
    lo: T,
    hi: T,
    cap: T,
) {
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
pub(super) fn check_range<T: Real>(lo: T, hi: T) -> T {
    let (l, h) = (lo.to_f64(), hi.to_f64());
    if !(l.is_finite() && h.is_finite() && l < h) {
        panic!("simdmath::random: the range must be finite with lo < hi (got lo = {l}, hi = {h})");
    }
    T::below(hi)
}
