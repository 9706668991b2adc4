//! AVX2 + FMA backend, written with `core::arch`: 4 `f64` or 8 `f32` lanes, vector masks,
//! fused multiply-add.
//!
//! Every method is `#[inline(always)]` and only ever runs inside the entry points stamped at the
//! bottom of this file, which are compiled with the target features of [`isa!`] ([`FEATURES`]:
//! AVX2 and FMA) and only called after runtime detection (`isa!(detected)`, through the
//! `simdmath` crate's `Isa`). That is the safety argument of every `unsafe` block below.

use crate::lanes::{Lanes, Widen};
use core::arch::x86_64::*;
use core::ops::{Add, BitAnd, BitOr, BitXor, Div, Mul, Neg, Sub};

/// 4 `f64` lanes.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct F64x4(pub(crate) __m256d);
/// 8 `f32` lanes.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct F32x8(pub(crate) __m256);
/// 4 `u64` lanes.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct U64x4(pub(crate) __m256i);
/// 8 `u32` lanes.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct U32x8(pub(crate) __m256i);
/// Comparison mask of [`F64x4`] (all-ones lanes where true).
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct M64x4(pub(crate) __m256d);
/// Comparison mask of [`F32x8`] (all-ones lanes where true).
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct M32x8(pub(crate) __m256);

/// Implements a binary operator trait by one intrinsic.
macro_rules! op {
    ($T:ident, $Tr:ident, $m:ident, $intr:ident) => {
        impl $Tr for $T {
            type Output = $T;
            #[inline(always)]
            fn $m(self, o: $T) -> $T {
                // SAFETY: only reached inside AVX2 entry points after CPU detection (module doc).
                $T(unsafe { $intr(self.0, o.0) })
            }
        }
    };
}
op!(F64x4, Add, add, _mm256_add_pd);
op!(F64x4, Sub, sub, _mm256_sub_pd);
op!(F64x4, Mul, mul, _mm256_mul_pd);
op!(F64x4, Div, div, _mm256_div_pd);
op!(F32x8, Add, add, _mm256_add_ps);
op!(F32x8, Sub, sub, _mm256_sub_ps);
op!(F32x8, Mul, mul, _mm256_mul_ps);
op!(F32x8, Div, div, _mm256_div_ps);
op!(U64x4, Add, add, _mm256_add_epi64);
op!(U64x4, Sub, sub, _mm256_sub_epi64);
op!(U64x4, BitAnd, bitand, _mm256_and_si256);
op!(U64x4, BitOr, bitor, _mm256_or_si256);
op!(U64x4, BitXor, bitxor, _mm256_xor_si256);
op!(U32x8, Add, add, _mm256_add_epi32);
op!(U32x8, Sub, sub, _mm256_sub_epi32);
op!(U32x8, BitAnd, bitand, _mm256_and_si256);
op!(U32x8, BitOr, bitor, _mm256_or_si256);
op!(U32x8, BitXor, bitxor, _mm256_xor_si256);
op!(M64x4, BitAnd, bitand, _mm256_and_pd);
op!(M64x4, BitOr, bitor, _mm256_or_pd);
op!(M32x8, BitAnd, bitand, _mm256_and_ps);
op!(M32x8, BitOr, bitor, _mm256_or_ps);

impl Neg for F64x4 {
    type Output = F64x4;
    #[inline(always)]
    fn neg(self) -> F64x4 {
        F64x4::from_bits(self.to_bits() ^ F64x4::splat_bits(1 << 63))
    }
}
impl Neg for F32x8 {
    type Output = F32x8;
    #[inline(always)]
    fn neg(self) -> F32x8 {
        F32x8::from_bits(self.to_bits() ^ F32x8::splat_bits(1 << 31))
    }
}

/// The IEEE square root of each type (kept out of the `lanes!` argument lists).
trait RawSqrt {
    fn raw_sqrt(self) -> Self;
}
impl RawSqrt for F64x4 {
    #[inline(always)]
    fn raw_sqrt(self) -> Self {
        // SAFETY: only reached inside the entry points of this backend after CPU detection.
        F64x4(unsafe { _mm256_sqrt_pd(self.0) })
    }
}
impl RawSqrt for F32x8 {
    #[inline(always)]
    fn raw_sqrt(self) -> Self {
        // SAFETY: only reached inside the entry points of this backend after CPU detection.
        F32x8(unsafe { _mm256_sqrt_ps(self.0) })
    }
}

/// A comparison mask ANDed into a vector (kept out of the `lanes!` argument lists): `m ? a : +0`
/// and `m ? +0 : a` (the mask lanes are all ones or all zeros), one operation each where a
/// blend is three on Intel.
trait RawMask<F> {
    fn raw_and(self, a: F) -> F;
    fn raw_andnot(self, a: F) -> F;
}
impl RawMask<F64x4> for M64x4 {
    #[inline(always)]
    fn raw_and(self, a: F64x4) -> F64x4 {
        // SAFETY: only reached inside the entry points of this backend after CPU detection.
        F64x4(unsafe { _mm256_and_pd(self.0, a.0) })
    }
    #[inline(always)]
    fn raw_andnot(self, a: F64x4) -> F64x4 {
        // SAFETY: as above. `andnot(m, a)` is `!m & a`.
        F64x4(unsafe { _mm256_andnot_pd(self.0, a.0) })
    }
}
impl RawMask<F32x8> for M32x8 {
    #[inline(always)]
    fn raw_and(self, a: F32x8) -> F32x8 {
        // SAFETY: only reached inside the entry points of this backend after CPU detection.
        F32x8(unsafe { _mm256_and_ps(self.0, a.0) })
    }
    #[inline(always)]
    fn raw_andnot(self, a: F32x8) -> F32x8 {
        // SAFETY: as above. `andnot(m, a)` is `!m & a`.
        F32x8(unsafe { _mm256_andnot_ps(self.0, a.0) })
    }
}

/// Implements [`Lanes`] for one float/bits/mask triple.
macro_rules! lanes {
    ($F:ident, $U:ident, $M:ident, $S:ty, $N:literal, $ibits:ty,
     $set1:ident, $set1i:ident, $loadu:ident, $storeu:ident, $fmadd:ident, $andnot:ident,
     $min:ident, $max:ident, $sqrt:ident, $castfi:ident, $castif:ident, $sll:ident, $srl:ident,
     $cmp:ident, $cmpeqi:ident, $blendv:ident, $movemask:ident, $lookup:ident,
     $lookup2:ident, $round:ident, $add:ident, $setzero:ident) => {
        impl Lanes for $F {
            type Scalar = $S;
            type Bits = $U;
            type Mask = $M;
            const LANES: usize = $N;
            const FUSED: bool = true;
            const ROUND_NATIVE: bool = true;
            const CHECK_AFTER: bool = true;
            const SELECT_COSTLY: bool = true;

            #[inline(always)]
            fn rint(self) -> Self {
                // SAFETY: as above. `vround` to nearest, ties to even (imm 0x08: exceptions
                // suppressed); `+ 0` turns a `-0` result into `+0` and leaves the rest.
                $F(unsafe { $add($round::<0x08>(self.0), $setzero()) })
            }
            #[inline(always)]
            fn floor(self) -> Self {
                // SAFETY: as above. `vround` toward -inf (imm 0x09).
                $F(unsafe { $round::<0x09>(self.0) })
            }

            #[inline(always)]
            fn splat(x: $S) -> Self {
                // SAFETY: only reached inside AVX2 entry points after CPU detection.
                $F(unsafe { $set1(x) })
            }
            #[inline(always)]
            fn splat_bits(x: u64) -> $U {
                // SAFETY: as above.
                $U(unsafe { $set1i(x as $ibits) })
            }
            #[inline(always)]
            unsafe fn load(p: *const $S) -> Self {
                // SAFETY: the caller guarantees `p` is readable for LANES elements.
                $F(unsafe { $loadu(p) })
            }
            #[inline(always)]
            unsafe fn store(self, p: *mut $S) {
                // SAFETY: the caller guarantees `p` is writable for LANES elements.
                unsafe { $storeu(p, self.0) }
            }
            #[inline(always)]
            fn mul_add(self, b: Self, c: Self) -> Self {
                // SAFETY: as above.
                $F(unsafe { $fmadd(self.0, b.0, c.0) })
            }
            #[inline(always)]
            fn abs(self) -> Self {
                // SAFETY: as above; and-not with -0.0 clears the sign bit.
                $F(unsafe { $andnot($set1(-0.0), self.0) })
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                RawSqrt::raw_sqrt(self)
            }
            #[inline(always)]
            fn min(self, o: Self) -> Self {
                // SAFETY: as above.
                // `min(a, b)` returns `b` when either is NaN: keep `self`'s NaN.
                $F(unsafe { $min(o.0, self.0) })
            }
            #[inline(always)]
            fn max(self, o: Self) -> Self {
                // SAFETY: as above.
                $F(unsafe { $max(o.0, self.0) })
            }
            #[inline(always)]
            fn to_bits(self) -> $U {
                // SAFETY: as above.
                $U(unsafe { $castfi(self.0) })
            }
            #[inline(always)]
            fn from_bits(b: $U) -> Self {
                // SAFETY: as above.
                $F(unsafe { $castif(b.0) })
            }
            #[inline(always)]
            fn shl(b: $U, n: u32) -> $U {
                // SAFETY: as above.
                $U(unsafe { $sll(b.0, _mm_cvtsi32_si128(n as i32)) })
            }
            #[inline(always)]
            fn shr(b: $U, n: u32) -> $U {
                // SAFETY: as above.
                $U(unsafe { $srl(b.0, _mm_cvtsi32_si128(n as i32)) })
            }
            #[inline(always)]
            fn bits_eq(a: $U, b: $U) -> $M {
                // SAFETY: as above.
                $M(unsafe { $castif($cmpeqi(a.0, b.0)) })
            }
            #[inline(always)]
            fn lt(self, o: Self) -> $M {
                // SAFETY: as above.
                $M(unsafe { $cmp::<_CMP_LT_OQ>(self.0, o.0) })
            }
            #[inline(always)]
            fn le(self, o: Self) -> $M {
                // SAFETY: as above.
                $M(unsafe { $cmp::<_CMP_LE_OQ>(self.0, o.0) })
            }
            #[inline(always)]
            fn eq(self, o: Self) -> $M {
                // SAFETY: as above.
                $M(unsafe { $cmp::<_CMP_EQ_OQ>(self.0, o.0) })
            }
            #[inline(always)]
            fn ne(self, o: Self) -> $M {
                // SAFETY: as above.
                $M(unsafe { $cmp::<_CMP_NEQ_UQ>(self.0, o.0) })
            }
            #[inline(always)]
            fn is_nan(self) -> $M {
                // SAFETY: as above.
                $M(unsafe { $cmp::<_CMP_UNORD_Q>(self.0, self.0) })
            }
            /// Three instructions against the default's five: subtracting `MIN_POSITIVE`'s bits
            /// and clearing the sign moves every normal number onto `[+0, 2^emax)` and every
            /// other (±0, subnormal: onto inf or NaN; ±inf, NaN: onto `[2^emax, 2^(emax+1))`),
            /// so one unordered compare (true for NaN) separates them. The checked entry
            /// loops run it on every vector: on Zen 5 the default cost the checked `sin` `f32`
            /// loop 1.29x the plain one at n = 4096.
            #[inline(always)]
            fn not_normal(self) -> $M {
                let min = <$S>::MIN_POSITIVE.to_bits();
                let moved = (self.to_bits() - Self::splat_bits(min as u64))
                    & Self::splat_bits(!(-0.0 as $S).to_bits() as u64);
                let top = <$S>::from_bits(<$S>::INFINITY.to_bits() - min);
                // SAFETY: as above.
                $M(unsafe { $cmp::<_CMP_NLT_UQ>(Self::from_bits(moved).0, $set1(top)) })
            }
            #[inline(always)]
            fn select(m: $M, a: Self, b: Self) -> Self {
                // SAFETY: as above. `blendv(x, y, m)` takes `y` where `m` is set.
                $F(unsafe { $blendv(b.0, a.0, m.0) })
            }
            #[inline(always)]
            fn bitmask(m: $M) -> u32 {
                // SAFETY: as above.
                (unsafe { $movemask(m.0) }) as u32
            }
            #[inline(always)]
            fn and_mask(m: $M, a: Self) -> Self {
                RawMask::raw_and(m, a)
            }
            #[inline(always)]
            fn andnot_mask(m: $M, a: Self) -> Self {
                RawMask::raw_andnot(m, a)
            }
            #[inline(always)]
            fn lookup<const N: usize>(t: &[$S; N], i: $U) -> Self {
                $lookup(t, i)
            }
            #[inline(always)]
            fn lookup2<const N: usize>(
                hi: &[$S; N],
                lo: &[$S; N],
                pairs: &[[$S; 2]; N],
                i: $U,
            ) -> (Self, Self) {
                $lookup2(hi, lo, pairs, i)
            }
        }
    };
}

/// [`Lanes::lookup`] for 4 `f64` lanes: register permutes for up to 8 entries, four scalar
/// loads from 16 on.
///
/// Up to 8 entries the table is read as 4-entry chunks (one register each); every chunk is
/// permuted by one `vpermps` on the 32-bit halves (the pair `(2j, 2j + 1)` for `j` = the index's
/// low two bits, formed once per index), and two chunks are merged by `vblendvpd` on index bit
/// 2 (a blend reads only the sign bit of each lane, so its mask is the index shifted left).
/// For 16 entries the four indices go to general registers and the entries are loaded one by
/// one (`vmovsd`, `vmovhpd`, `vinsertf128`; the index extraction is shared by the lookups of one
/// index). Issue 18, measured per function on Zen 4: that beat both the `vgatherqpd` of earlier
/// versions and four permutes with a blend tree in the exp-family, `sinh`/`cosh`/`tanh` and
/// `atan` kernels (fewer vector operations: the exp family is bound by vector-pipe throughput),
/// though the permutes' shorter latency kept `asinh` `f64` about 10 % faster there. On an Intel
/// Xeon (family 6 model 167), where `vblendvpd` is 3 micro-ops, the loads won for that too
/// (`asinh`/`atanh` `f64` 4.24/3.13 -> 3.62/2.75 ns/element; one 16-byte pair per lane with
/// [`Lanes::lookup2`] 3.30/2.50, 2026-12-05), so the permute tree for 16 entries is gone. (An
/// 8-entry table keeps its two permutes: the loads were 2-5 % slower for `atan2` `f64` and
/// `pow` `f32` on that Xeon.) Larger tables (`pow`'s
/// 128 entries, the Payne–Hanek `2/pi` table) take the same four loads: `pow` `f64` 6.58 ->
/// 5.90 ns/element against `vgatherqpd` (2026-12-04, alternated 5 times, min).
#[inline(always)]
fn lookup_f64x4<const N: usize>(t: &[f64; N], i: U64x4) -> F64x4 {
    const { assert!(N.is_power_of_two() && N <= 4096) };
    // SAFETY: only reached inside AVX2 entry points after CPU detection (module doc); the
    // vector loads read 4 entries of `t` at offsets below N (or of its repeated copy), the
    // scalar loads read `t[i & (N - 1)]`.
    unsafe {
        if N <= 8 {
            let m = i.0;
            // 32-bit indices (2j, 2j + 1) in each 64-bit lane (`vpermps` reads the low 3 bits
            // of each): the low half of the index in both halves, doubled, plus (0, 1).
            let lo2 = _mm256_shuffle_epi32::<0b10_10_00_00>(m);
            let pair = _mm256_or_si256(
                _mm256_add_epi32(lo2, lo2),
                _mm256_set_epi32(1, 0, 1, 0, 1, 0, 1, 0),
            );
            if N < 4 {
                // The table repeated to 4 entries: the permute reads index bits 0-1 alone, so
                // no mask is needed.
                let p: [f64; 4] = super::repeated(t);
                return F64x4(permute4(p.as_ptr(), pair));
            }
            let t = t.as_ptr();
            let c0 = permute4(t, pair);
            if N == 4 {
                return F64x4(c0);
            }
            // Index bit 2 moved to the sign bit of its lane.
            let b2 = _mm256_castsi256_pd(_mm256_slli_epi64::<61>(m));
            F64x4(_mm256_blendv_pd(c0, permute4(t.add(4), pair), b2))
        } else {
            // N >= 16 (a power of two above 8): the index masked on the vector (one operation
            // for the four lanes, where an `and` per general register took four), moved to
            // general registers (shared by the lookups of one index: `atan` `f64` makes three;
            // stored and reloaded by `spill_indices` it measured 3 % slower, the volatile
            // reloads not being shared), each entry loaded at base + 8 index.
            let m = _mm256_and_si256(i.0, _mm256_set1_epi64x((N - 1) as i64));
            let lo = _mm256_castsi256_si128(m);
            let hi = _mm256_extracti128_si256::<1>(m);
            let t = t.as_ptr();
            let a = _mm_load_sd(t.add(_mm_cvtsi128_si64(lo) as usize));
            let a = _mm_loadh_pd(a, t.add(_mm_extract_epi64::<1>(lo) as usize));
            let b = _mm_load_sd(t.add(_mm_cvtsi128_si64(hi) as usize));
            let b = _mm_loadh_pd(b, t.add(_mm_extract_epi64::<1>(hi) as usize));
            F64x4(_mm256_set_m128d(b, a))
        }
    }
}

/// [`Lanes::lookup2`] for 4 `f64` lanes: from 16 entries on, one 16-byte load of the pair
/// `[hi[j], lo[j]]` per lane, two 128-bit inserts, then `vunpcklpd`/`vunpckhpd` give both
/// tables' vectors (the exp family on Zen 4: 2-8 % faster than two [`lookup_f64x4`]s, 2026-12-04);
/// below 16 entries, two [`lookup_f64x4`]s.
#[inline(always)]
fn lookup2_f64x4<const N: usize>(
    hi: &[f64; N],
    lo: &[f64; N],
    pairs: &[[f64; 2]; N],
    i: U64x4,
) -> (F64x4, F64x4) {
    if N < 16 {
        return (lookup_f64x4(hi, i), lookup_f64x4(lo, i));
    }
    // SAFETY: only reached inside AVX2 entry points after CPU detection (module doc); each
    // 16-byte load reads the pair `pairs[i & (N - 1)]` (the offset `16 (i & (N - 1))` is
    // below the table's `16 N` bytes), in bounds.
    unsafe {
        // The byte offsets 16 (i mod N), masked and scaled on the vector (two operations for
        // the four lanes, where a mask and a shift per general register took eight), so that
        // each load is a base plus an offset.
        let off = _mm256_slli_epi64::<4>(_mm256_and_si256(i.0, _mm256_set1_epi64x((N - 1) as i64)));
        let k = spill_indices(U64x4(off));
        let p = pairs.as_ptr().cast::<u8>();
        let p0 = _mm_loadu_pd(p.add(k[0] as usize).cast());
        let p1 = _mm_loadu_pd(p.add(k[1] as usize).cast());
        let p2 = _mm_loadu_pd(p.add(k[2] as usize).cast());
        let p3 = _mm_loadu_pd(p.add(k[3] as usize).cast());
        // [h0 l0 h2 l2] and [h1 l1 h3 l3].
        let a = _mm256_set_m128d(p2, p0);
        let b = _mm256_set_m128d(p3, p1);
        (
            F64x4(_mm256_unpacklo_pd(a, b)),
            F64x4(_mm256_unpackhi_pd(a, b)),
        )
    }
}

/// [`Lanes::lookup2`] for 8 `f32` lanes: two [`lookup_f32x8`]s (register permutes).
#[inline(always)]
fn lookup2_f32x8<const N: usize>(
    hi: &[f32; N],
    lo: &[f32; N],
    _pairs: &[[f32; 2]; N],
    i: U32x8,
) -> (F32x8, F32x8) {
    (lookup_f32x8(hi, i), lookup_f32x8(lo, i))
}

/// The four 64-bit lanes of `i` in general registers, by one 32-byte store and four scalar
/// loads (volatile, so that the compiler keeps them as loads rather than turning them back into
/// `vmovq`/`vpextrq`/`vextracti128`): the loads go to the load ports, which these kernels leave
/// mostly idle, where the extractions took five to seven operations of the vector pipes that
/// the arithmetic needs.
#[inline(always)]
fn spill_indices(i: U64x4) -> [i64; 4] {
    let mut k = [0i64; 4];
    // SAFETY: only reached inside AVX2 entry points after CPU detection (module doc); the
    // store writes the 32 bytes of `k` and each volatile read reads one initialized element.
    unsafe {
        _mm256_storeu_si256(k.as_mut_ptr().cast(), i.0);
        let p = k.as_ptr();
        [
            core::ptr::read_volatile(p),
            core::ptr::read_volatile(p.add(1)),
            core::ptr::read_volatile(p.add(2)),
            core::ptr::read_volatile(p.add(3)),
        ]
    }
}

/// The 4 `f64` at `p` permuted by the 32-bit indices `pair` (`vpermps`).
///
/// # Safety
/// AVX2 (module doc); `p` readable for 4 `f64`.
#[inline(always)]
unsafe fn permute4(p: *const f64, pair: __m256i) -> __m256d {
    // SAFETY: the caller's.
    unsafe {
        _mm256_castps_pd(_mm256_permutevar8x32_ps(
            _mm256_castpd_ps(_mm256_loadu_pd(p)),
            pair,
        ))
    }
}

/// [`Lanes::lookup`] for 8 `f32` lanes: `vpermps` for up to 8 entries, two and a masked XOR for
/// 16, a gather beyond.
#[inline(always)]
fn lookup_f32x8<const N: usize>(t: &[f32; N], i: U32x8) -> F32x8 {
    const { assert!(N.is_power_of_two() && N <= 4096) };
    // SAFETY: as for `lookup_f64x4`.
    unsafe {
        if N <= 8 {
            // The table repeated to 8 entries: `vpermps` reads the index's low three bits, so
            // no mask is needed.
            let rep: [f32; 8] = super::repeated(t);
            return F32x8(_mm256_permutevar8x32_ps(_mm256_loadu_ps(rep.as_ptr()), i.0));
        }
        if N == 16 {
            // `vpermps` reads the index's low three bits and the select below bit 3: no mask.
            let lo = _mm256_permutevar8x32_ps(_mm256_loadu_ps(t.as_ptr()), i.0);
            // The upper half as its bits XOR the lower half's, permuted and masked by index bit
            // 3 (and + xor: two operations where `vblendvps` is three micro-ops on Intel); the
            // XOR table is folded to a constant.
            let mut x = [0u32; 8];
            for k in 0..8 {
                x[k] = t[k].to_bits() ^ t[k + 8].to_bits();
            }
            let d = _mm256_permutevar8x32_epi32(_mm256_loadu_si256(x.as_ptr().cast()), i.0);
            let eight = _mm256_set1_epi32(8);
            let sel = _mm256_cmpeq_epi32(_mm256_and_si256(i.0, eight), eight);
            F32x8(_mm256_xor_ps(
                lo,
                _mm256_castsi256_ps(_mm256_and_si256(d, sel)),
            ))
        } else {
            let m = _mm256_and_si256(i.0, _mm256_set1_epi32((N - 1) as i32));
            F32x8(_mm256_i32gather_ps::<4>(t.as_ptr(), m))
        }
    }
}

lanes!(
    F64x4,
    U64x4,
    M64x4,
    f64,
    4,
    i64,
    _mm256_set1_pd,
    _mm256_set1_epi64x,
    _mm256_loadu_pd,
    _mm256_storeu_pd,
    _mm256_fmadd_pd,
    _mm256_andnot_pd,
    _mm256_min_pd,
    _mm256_max_pd,
    _mm256_sqrt_pd,
    _mm256_castpd_si256,
    _mm256_castsi256_pd,
    _mm256_sll_epi64,
    _mm256_srl_epi64,
    _mm256_cmp_pd,
    _mm256_cmpeq_epi64,
    _mm256_blendv_pd,
    _mm256_movemask_pd,
    lookup_f64x4,
    lookup2_f64x4,
    _mm256_round_pd,
    _mm256_add_pd,
    _mm256_setzero_pd
);
lanes!(
    F32x8,
    U32x8,
    M32x8,
    f32,
    8,
    i32,
    _mm256_set1_ps,
    _mm256_set1_epi32,
    _mm256_loadu_ps,
    _mm256_storeu_ps,
    _mm256_fmadd_ps,
    _mm256_andnot_ps,
    _mm256_min_ps,
    _mm256_max_ps,
    _mm256_sqrt_ps,
    _mm256_castps_si256,
    _mm256_castsi256_ps,
    _mm256_sll_epi32,
    _mm256_srl_epi32,
    _mm256_cmp_ps,
    _mm256_cmpeq_epi32,
    _mm256_blendv_ps,
    _mm256_movemask_ps,
    lookup_f32x8,
    lookup2_f32x8,
    _mm256_round_ps,
    _mm256_add_ps,
    _mm256_setzero_ps
);

/// The AVX2 backend's instruction-set facts, the one place they are written (see
/// [`isa_facts!`](crate::isa_facts)): `isa!(detected)` says whether this CPU has AVX2 and FMA;
/// `isa! { target_feature fn ... }` compiles functions for them.
///
/// ```
/// use simdmath_kernels::backend::avx2;
/// avx2::isa! { target_feature
///     fn sum(x: &[f64]) -> f64 { x.iter().sum() }
/// }
/// if avx2::isa!(detected) {
///     // SAFETY: the CPU has the features `sum` is compiled for.
///     assert_eq!(unsafe { sum(&[1.0, 2.0]) }, 3.0);
/// }
/// ```
#[macro_export]
macro_rules! avx2_isa {
    ($($t:tt)*) => {
        $crate::isa_facts! { {avx2 is_x86_feature_detected ["avx2" "fma"]} $($t)* }
    };
}
pub use crate::avx2_isa as isa;

isa!(stamp F64x4, F32x8);

impl Widen for F32x8 {
    type Wide = F64x4;
    #[inline(always)]
    fn widen(self) -> (F64x4, F64x4) {
        // SAFETY: only reached inside AVX2 entry points after CPU detection (module doc).
        unsafe {
            (
                F64x4(_mm256_cvtps_pd(_mm256_castps256_ps128(self.0))),
                F64x4(_mm256_cvtps_pd(_mm256_extractf128_ps::<1>(self.0))),
            )
        }
    }
    #[inline(always)]
    fn narrow(lo: F64x4, hi: F64x4) -> F32x8 {
        // SAFETY: as above.
        unsafe {
            F32x8(_mm256_set_m128(
                _mm256_cvtpd_ps(hi.0),
                _mm256_cvtpd_ps(lo.0),
            ))
        }
    }
}

impl crate::backend::Stream for F64x4 {
    const ALIGN: usize = 32;
    #[inline(always)]
    unsafe fn store_stream(self, p: *mut f64) {
        // SAFETY: the caller guarantees `p` is writable for 4 elements and 32-byte aligned;
        // only reached inside AVX2 entry points after CPU detection (module doc).
        unsafe { _mm256_stream_pd(p, self.0) }
    }
}
impl crate::backend::Stream for F32x8 {
    const ALIGN: usize = 32;
    #[inline(always)]
    unsafe fn store_stream(self, p: *mut f32) {
        // SAFETY: the caller guarantees `p` is writable for 8 elements and 32-byte aligned;
        // only reached inside AVX2 entry points after CPU detection (module doc).
        unsafe { _mm256_stream_ps(p, self.0) }
    }
}
