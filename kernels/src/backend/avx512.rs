//! AVX-512 backend (`avx512f` + `avx512dq`), written with `core::arch`: 8 `f64` or 16 `f32`
//! lanes, `k`-register masks, fused multiply-add.
//!
//! Every method is `#[inline(always)]` and only ever runs inside the entry points stamped at the
//! bottom of this file, which are compiled with the target features of [`isa!`] ([`FEATURES`]:
//! AVX-512 F and DQ, and AVX2 and FMA, which every AVX-512 CPU has) and only called after
//! runtime detection (`isa!(detected)`, through the `simdmath` crate's `Isa`). That is the
//! safety argument of every `unsafe` block below.

use crate::lanes::{Lanes, Widen};
use core::arch::x86_64::*;
use core::ops::{Add, BitAnd, BitOr, BitXor, Div, Mul, Neg, Sub};

/// 8 `f64` lanes.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct F64x8(pub(crate) __m512d);
/// 16 `f32` lanes.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct F32x16(pub(crate) __m512);
/// 8 `u64` lanes.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct U64x8(pub(crate) __m512i);
/// 16 `u32` lanes.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct U32x16(pub(crate) __m512i);

/// Implements a binary operator trait by one intrinsic.
macro_rules! op {
    ($T:ident, $Tr:ident, $m:ident, $intr:ident) => {
        impl $Tr for $T {
            type Output = $T;
            #[inline(always)]
            fn $m(self, o: $T) -> $T {
                // SAFETY: only reached inside AVX-512 entry points after CPU detection (module doc).
                $T(unsafe { $intr(self.0, o.0) })
            }
        }
    };
}
op!(F64x8, Add, add, _mm512_add_pd);
op!(F64x8, Sub, sub, _mm512_sub_pd);
op!(F64x8, Mul, mul, _mm512_mul_pd);
op!(F64x8, Div, div, _mm512_div_pd);
op!(F32x16, Add, add, _mm512_add_ps);
op!(F32x16, Sub, sub, _mm512_sub_ps);
op!(F32x16, Mul, mul, _mm512_mul_ps);
op!(F32x16, Div, div, _mm512_div_ps);
op!(U64x8, Add, add, _mm512_add_epi64);
op!(U64x8, Sub, sub, _mm512_sub_epi64);
op!(U64x8, BitAnd, bitand, _mm512_and_si512);
op!(U64x8, BitOr, bitor, _mm512_or_si512);
op!(U64x8, BitXor, bitxor, _mm512_xor_si512);
op!(U32x16, Add, add, _mm512_add_epi32);
op!(U32x16, Sub, sub, _mm512_sub_epi32);
op!(U32x16, BitAnd, bitand, _mm512_and_si512);
op!(U32x16, BitOr, bitor, _mm512_or_si512);
op!(U32x16, BitXor, bitxor, _mm512_xor_si512);

impl Neg for F64x8 {
    type Output = F64x8;
    #[inline(always)]
    fn neg(self) -> F64x8 {
        F64x8::from_bits(self.to_bits() ^ F64x8::splat_bits(1 << 63))
    }
}
impl Neg for F32x16 {
    type Output = F32x16;
    #[inline(always)]
    fn neg(self) -> F32x16 {
        F32x16::from_bits(self.to_bits() ^ F32x16::splat_bits(1 << 31))
    }
}

/// The IEEE square root of each type (kept out of the `lanes!` argument lists).
trait RawSqrt: Sized {
    fn raw_sqrt(self) -> Self;
    /// `Lanes::sqrt_normal`; by default the IEEE square root.
    #[inline(always)]
    fn raw_sqrt_normal(self) -> Self {
        self.raw_sqrt()
    }
}
impl RawSqrt for F64x8 {
    #[inline(always)]
    fn raw_sqrt(self) -> Self {
        // SAFETY: only reached inside the entry points of this backend after CPU detection.
        F64x8(unsafe { _mm512_sqrt_pd(self.0) })
    }
    /// The correctly rounded square root of positive normal lanes without `vsqrtpd`, whose
    /// 512-bit form issues one vector per 16 cycles or so on Intel's Golden Cove cores (the
    /// bound of `hypot` there), from operations on the two FMA ports:
    ///
    /// 1. `y0 = vrsqrt14pd(s)`, `y0 = (1 + e0)/sqrt(s)` with `|e0| < 2^-14`.
    /// 2. One Goldschmidt step: `g = s*y0`, `h = y0/2`, `r = 1/2 - g*h`, `g += g*r`,
    ///    `h += h*r`. To first order `g = sqrt(s)(1 + e1)` and `h = (1 + e1)/(2 sqrt(s))` with
    ///    the same `e1 = -3/2 e0^2` (`|e1| < 2^-27.4`); the roundings add `2^-53` relative.
    /// 3. Newton's correction `z = g + (s - g^2)*h` (two FMAs): exactly
    ///    `sqrt(s)(1 - 3/2 e1^2 - e1^3/2)`, so within `2^-54.2` relative (0.43 ulp, as
    ///    `sqrt(s)/ulp < 2^53`) with the roundings of step 2 and of `s - g^2`; its rounding
    ///    `y` is within 0.93 ulp of `sqrt(s)`: the correctly rounded value or a neighbour.
    /// 4. The exact rounding test (Tuckerman's): with `y+` and `y-` the doubles above and below
    ///    `y` (one integer step on the bits), `sqrt(s)` lies above the midpoint `y + ulp/2`
    ///    exactly when `s - y*y+ > 0`, and below `y - ulp-/2` exactly when `s - y*y- <= 0`
    ///    (`s` and both products are multiples of the square of `y`'s smaller ulp, so the
    ///    `ulp^2/4` of the midpoint's square never decides, and a square root is never a
    ///    midpoint); each is one FMA, whose rounding keeps the sign. The result moves to `y+`
    ///    or `y-` accordingly. That is the correctly rounded `sqrt(s)` for `s` in `[2^-960,
    ///    2^1021]`. Below about `2^-970` the differences, multiples of `ulp(y)^2`, underflow
    ///    and the test fails (found so: the hardest cases at `2^-1018` came out one ulp low);
    ///    `hypot`'s usual path keeps its sums at `2^-960` and above.
    ///
    /// Steps 1-3 alone differ from `vsqrtpd` on about 5 % of random inputs and half of the
    /// hardest cases (square roots within about `2^-100` of a midpoint), nearly always one ulp
    /// low (`z` errs low to first order); `tests/isa.rs` runs those, every `s` at and just
    /// below a power of four, and random inputs against `vsqrtpd`. 16 operations per vector,
    /// all on the FMA ports.
    #[inline(always)]
    fn raw_sqrt_normal(self) -> Self {
        // SAFETY: only reached inside the entry points of this backend (AVX-512F) after CPU
        // detection; register operations only.
        unsafe {
            let s = self.0;
            let half = _mm512_set1_pd(0.5);
            let y0 = _mm512_rsqrt14_pd(s);
            let g = _mm512_mul_pd(s, y0);
            let h = _mm512_mul_pd(half, y0);
            let r = _mm512_fnmadd_pd(g, h, half);
            let g = _mm512_fmadd_pd(g, r, g);
            let h = _mm512_fmadd_pd(h, r, h);
            let y = _mm512_fmadd_pd(_mm512_fnmadd_pd(g, g, s), h, g);
            let yb = _mm512_castpd_si512(y);
            let one = _mm512_set1_epi64(1);
            let (up, dn) = (_mm512_add_epi64(yb, one), _mm512_sub_epi64(yb, one));
            let zero = _mm512_setzero_pd();
            let above = _mm512_fnmadd_pd(y, _mm512_castsi512_pd(up), s);
            let below = _mm512_fnmadd_pd(y, _mm512_castsi512_pd(dn), s);
            let yb = _mm512_mask_mov_epi64(yb, _mm512_cmp_pd_mask::<_CMP_GT_OQ>(above, zero), up);
            let yb = _mm512_mask_mov_epi64(yb, _mm512_cmp_pd_mask::<_CMP_LE_OQ>(below, zero), dn);
            F64x8(_mm512_castsi512_pd(yb))
        }
    }
}
impl RawSqrt for F32x16 {
    #[inline(always)]
    fn raw_sqrt(self) -> Self {
        // SAFETY: only reached inside the entry points of this backend after CPU detection.
        F32x16(unsafe { _mm512_sqrt_ps(self.0) })
    }
}

/// `vfpclass` for "not a normal finite number": quiet and signaling NaN, ±0, ±inf and
/// subnormals (imm8 bits 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x80; all but "finite negative").
/// `raw_not_positive_normal`: the same and negative finite numbers (imm8 0xFF, every class).
trait RawClass {
    type M;
    fn raw_not_normal(self) -> Self::M;
    fn raw_not_positive_normal(self) -> Self::M;
}
impl RawClass for F64x8 {
    type M = __mmask8;
    #[inline(always)]
    fn raw_not_normal(self) -> __mmask8 {
        // SAFETY: only reached inside the entry points of this backend (AVX-512F/DQ) after CPU
        // detection.
        unsafe { _mm512_fpclass_pd_mask::<0xBF>(self.0) }
    }
    #[inline(always)]
    fn raw_not_positive_normal(self) -> __mmask8 {
        // SAFETY: as above.
        unsafe { _mm512_fpclass_pd_mask::<0xFF>(self.0) }
    }
}
impl RawClass for F32x16 {
    type M = __mmask16;
    #[inline(always)]
    fn raw_not_normal(self) -> __mmask16 {
        // SAFETY: as above.
        unsafe { _mm512_fpclass_ps_mask::<0xBF>(self.0) }
    }
    #[inline(always)]
    fn raw_not_positive_normal(self) -> __mmask16 {
        // SAFETY: as above.
        unsafe { _mm512_fpclass_ps_mask::<0xFF>(self.0) }
    }
}

/// `vgetmant` (interval `[3/4, 3/2)`, the sign of the source) and `vgetexp`, with `e + 1`
/// where the mantissa fell below 1 (see [`Lanes::mant_exp_34`]); and with the interval `[1, 2)`
/// ([`Lanes::mant_exp_12`]).
trait RawMantExp: Sized {
    fn raw_mant_exp_34(self) -> (Self, Self);
    fn raw_mant_exp_12(self) -> (Self, Self);
}
impl RawMantExp for F64x8 {
    #[inline(always)]
    fn raw_mant_exp_34(self) -> (Self, Self) {
        // SAFETY: only reached inside the entry points of this backend (AVX-512F) after CPU
        // detection.
        unsafe {
            let m = _mm512_getmant_pd::<_MM_MANT_NORM_P75_1P5, _MM_MANT_SIGN_SRC>(self.0);
            let e = _mm512_getexp_pd(self.0);
            let below = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(m, _mm512_set1_pd(1.0));
            (
                F64x8(m),
                F64x8(_mm512_mask_add_pd(e, below, e, _mm512_set1_pd(1.0))),
            )
        }
    }
    #[inline(always)]
    fn raw_mant_exp_12(self) -> (Self, Self) {
        // SAFETY: as above.
        unsafe {
            let t = _mm512_getmant_pd::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_SRC>(self.0);
            (F64x8(t), F64x8(_mm512_getexp_pd(self.0)))
        }
    }
}
impl RawMantExp for F32x16 {
    #[inline(always)]
    fn raw_mant_exp_34(self) -> (Self, Self) {
        // SAFETY: as above.
        unsafe {
            let m = _mm512_getmant_ps::<_MM_MANT_NORM_P75_1P5, _MM_MANT_SIGN_SRC>(self.0);
            let e = _mm512_getexp_ps(self.0);
            let below = _mm512_cmp_ps_mask::<_CMP_LT_OQ>(m, _mm512_set1_ps(1.0));
            (
                F32x16(m),
                F32x16(_mm512_mask_add_ps(e, below, e, _mm512_set1_ps(1.0))),
            )
        }
    }
    #[inline(always)]
    fn raw_mant_exp_12(self) -> (Self, Self) {
        // SAFETY: as above.
        unsafe {
            let t = _mm512_getmant_ps::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_SRC>(self.0);
            (F32x16(t), F32x16(_mm512_getexp_ps(self.0)))
        }
    }
}

/// Implements [`Lanes`] for one float/bits/mask triple; `$s` is the intrinsic suffix.
macro_rules! lanes {
    ($F:ident, $U:ident, $M:ty, $S:ty, $N:literal, $bits:ty,
     $set1:ident, $set1i:ident, $loadu:ident, $storeu:ident, $fmadd:ident, $abs:ident,
     $min:ident, $max:ident, $sqrt:ident, $castfi:ident, $castif:ident, $sll:ident, $srl:ident,
     $cmp:ident, $cmpeqi:ident, $blend:ident, $scalef:ident,
     $and:ident, $permx:ident, $perm2:ident, $gather:ident, $rndscale:ident, $add:ident,
     $setzero:ident) => {
        impl Lanes for $F {
            type Scalar = $S;
            type Bits = $U;
            type Mask = $M;
            const LANES: usize = $N;
            const FUSED: bool = true;
            const MUL_EXP2_NATIVE: bool = true;
            const ROUND_NATIVE: bool = true;
            const CHECK_AFTER_BINARY: bool = true;

            #[inline(always)]
            fn rint(self) -> Self {
                // SAFETY: as above. `vrndscale` to integers, nearest, ties to even (imm 0x08:
                // scale 0, exceptions suppressed); `+ 0` turns a `-0` result into `+0`.
                $F(unsafe { $add($rndscale::<0x08>(self.0), $setzero()) })
            }
            #[inline(always)]
            fn floor(self) -> Self {
                // SAFETY: as above. `vrndscale` toward -inf (imm 0x09).
                $F(unsafe { $rndscale::<0x09>(self.0) })
            }

            #[inline(always)]
            fn splat(x: $S) -> Self {
                // SAFETY: only reached inside AVX-512 entry points after CPU detection.
                $F(unsafe { $set1(x) })
            }
            #[inline(always)]
            fn splat_bits(x: u64) -> $U {
                // SAFETY: as above.
                $U(unsafe { $set1i(x as $bits as _) })
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
                // SAFETY: as above.
                $F(unsafe { $abs(self.0) })
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                RawSqrt::raw_sqrt(self)
            }
            #[inline(always)]
            fn sqrt_normal(self) -> Self {
                RawSqrt::raw_sqrt_normal(self)
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
                unsafe { $cmpeqi(a.0, b.0) }
            }
            #[inline(always)]
            fn lt(self, o: Self) -> $M {
                // SAFETY: as above.
                unsafe { $cmp::<_CMP_LT_OQ>(self.0, o.0) }
            }
            #[inline(always)]
            fn le(self, o: Self) -> $M {
                // SAFETY: as above.
                unsafe { $cmp::<_CMP_LE_OQ>(self.0, o.0) }
            }
            #[inline(always)]
            fn eq(self, o: Self) -> $M {
                // SAFETY: as above.
                unsafe { $cmp::<_CMP_EQ_OQ>(self.0, o.0) }
            }
            #[inline(always)]
            fn ne(self, o: Self) -> $M {
                // SAFETY: as above.
                unsafe { $cmp::<_CMP_NEQ_UQ>(self.0, o.0) }
            }
            #[inline(always)]
            fn is_nan(self) -> $M {
                // SAFETY: as above.
                unsafe { $cmp::<_CMP_UNORD_Q>(self.0, self.0) }
            }
            #[inline(always)]
            fn not_normal(self) -> $M {
                self.raw_not_normal()
            }
            #[inline(always)]
            fn mant_exp_34(self) -> (Self, Self) {
                self.raw_mant_exp_34()
            }
            #[inline(always)]
            fn mant_exp_12(self) -> (Self, Self) {
                self.raw_mant_exp_12()
            }
            #[inline(always)]
            fn all_positive_normal(self) -> bool {
                self.raw_not_positive_normal() == 0
            }
            #[inline(always)]
            fn select(m: $M, a: Self, b: Self) -> Self {
                // SAFETY: as above. `blend(k, x, y)` takes `y` where `k` is set.
                $F(unsafe { $blend(m, b.0, a.0) })
            }
            #[inline(always)]
            fn bitmask(m: $M) -> u32 {
                m as u32
            }
            #[inline(always)]
            fn mul_exp2(self, k: Self) -> Self {
                // SAFETY: as above. `vscalef` is `self * 2^floor(k)` with one rounding.
                $F(unsafe { $scalef(self.0, k.0) })
            }
            #[inline(always)]
            fn lookup<const N: usize>(t: &[$S; N], i: $U) -> Self {
                const { assert!(N.is_power_of_two() && N <= 4096) };
                // SAFETY: as above; the loads read whole registers inside `t` (N >= one
                // register for the permutes; a repeated copy otherwise) and the gather reads
                // `t[i & (N - 1)]`, in bounds.
                unsafe {
                    if N < $N {
                        // The table repeated to a register: the permute reads the index's
                        // low bits, so no mask is needed.
                        let rep: [$S; $N] = super::repeated(t);
                        $F($permx(i.0, $loadu(rep.as_ptr())))
                    } else if N == $N {
                        $F($permx(i.0, $loadu(t.as_ptr())))
                    } else if N == 2 * $N {
                        let p = t.as_ptr();
                        $F($perm2($loadu(p), i.0, $loadu(p.add($N))))
                    } else {
                        let m = $and(i.0, $set1i((N - 1) as $bits as _));
                        $F($gather::<{ core::mem::size_of::<$S>() as i32 }>(
                            m,
                            t.as_ptr().cast(),
                        ))
                    }
                }
            }
        }
    };
}

lanes!(
    F64x8,
    U64x8,
    __mmask8,
    f64,
    8,
    u64,
    _mm512_set1_pd,
    _mm512_set1_epi64,
    _mm512_loadu_pd,
    _mm512_storeu_pd,
    _mm512_fmadd_pd,
    _mm512_abs_pd,
    _mm512_min_pd,
    _mm512_max_pd,
    _mm512_sqrt_pd,
    _mm512_castpd_si512,
    _mm512_castsi512_pd,
    _mm512_sll_epi64,
    _mm512_srl_epi64,
    _mm512_cmp_pd_mask,
    _mm512_cmpeq_epi64_mask,
    _mm512_mask_blend_pd,
    _mm512_scalef_pd,
    _mm512_and_si512,
    _mm512_permutexvar_pd,
    _mm512_permutex2var_pd,
    _mm512_i64gather_pd,
    _mm512_roundscale_pd,
    _mm512_add_pd,
    _mm512_setzero_pd
);
lanes!(
    F32x16,
    U32x16,
    __mmask16,
    f32,
    16,
    u32,
    _mm512_set1_ps,
    _mm512_set1_epi32,
    _mm512_loadu_ps,
    _mm512_storeu_ps,
    _mm512_fmadd_ps,
    _mm512_abs_ps,
    _mm512_min_ps,
    _mm512_max_ps,
    _mm512_sqrt_ps,
    _mm512_castps_si512,
    _mm512_castsi512_ps,
    _mm512_sll_epi32,
    _mm512_srl_epi32,
    _mm512_cmp_ps_mask,
    _mm512_cmpeq_epi32_mask,
    _mm512_mask_blend_ps,
    _mm512_scalef_ps,
    _mm512_and_si512,
    _mm512_permutexvar_ps,
    _mm512_permutex2var_ps,
    _mm512_i32gather_ps,
    _mm512_roundscale_ps,
    _mm512_add_ps,
    _mm512_setzero_ps
);

impl Widen for F32x16 {
    type Wide = F64x8;
    #[inline(always)]
    fn widen(self) -> (F64x8, F64x8) {
        // SAFETY: only reached inside AVX-512 entry points after CPU detection (module doc).
        unsafe {
            let lo = _mm512_castps512_ps256(self.0);
            let hi = _mm256_castpd_ps(_mm512_extractf64x4_pd::<1>(_mm512_castps_pd(self.0)));
            (F64x8(_mm512_cvtps_pd(lo)), F64x8(_mm512_cvtps_pd(hi)))
        }
    }
    #[inline(always)]
    fn narrow(lo: F64x8, hi: F64x8) -> F32x16 {
        // SAFETY: as above.
        unsafe {
            let l = _mm512_castps256_ps512(_mm512_cvtpd_ps(lo.0));
            let h = _mm256_castps_pd(_mm512_cvtpd_ps(hi.0));
            F32x16(_mm512_castpd_ps(_mm512_insertf64x4::<1>(
                _mm512_castps_pd(l),
                h,
            )))
        }
    }
}

/// The AVX-512 backend's instruction-set facts, the one place they are written (see
/// [`isa_facts!`](crate::isa_facts)): `isa!(detected)` says whether this CPU has AVX-512 F and
/// DQ, AVX2 and FMA; `isa! { target_feature fn ... }` compiles functions for them.
///
/// ```
/// use simdmath_kernels::backend::avx512;
/// avx512::isa! { target_feature
///     fn sum(x: &[f64]) -> f64 { x.iter().sum() }
/// }
/// if avx512::isa!(detected) {
///     // SAFETY: the CPU has the features `sum` is compiled for.
///     assert_eq!(unsafe { sum(&[1.0, 2.0]) }, 3.0);
/// }
/// ```
#[macro_export]
macro_rules! avx512_isa {
    ($($t:tt)*) => {
        $crate::isa_facts! {
            {avx512 is_x86_feature_detected ["avx512f" "avx512dq" "avx2" "fma"]} $($t)*
        }
    };
}
pub use crate::avx512_isa as isa;

isa!(stamp F64x8, F32x16);

impl crate::backend::Stream for F64x8 {
    const ALIGN: usize = 64;
    #[inline(always)]
    unsafe fn store_stream(self, p: *mut f64) {
        // SAFETY: the caller guarantees `p` is writable for 8 elements and 64-byte aligned;
        // only reached inside AVX-512 entry points after CPU detection (module doc).
        unsafe { _mm512_stream_pd(p, self.0) }
    }
}
impl crate::backend::Stream for F32x16 {
    const ALIGN: usize = 64;
    #[inline(always)]
    unsafe fn store_stream(self, p: *mut f32) {
        // SAFETY: the caller guarantees `p` is writable for 16 elements and 64-byte aligned;
        // only reached inside AVX-512 entry points after CPU detection (module doc).
        unsafe { _mm512_stream_ps(p, self.0) }
    }
}
