//! `exp` for `f64` and `f32`.
//!
//! **Range reduction.** `x = k*ln2 + r` with `k = round(x/ln2)` (computed as
//! `x*log2(e) + 1.5*2^p - 1.5*2^p`, a multiply and an add on every backend so that all backends
//! agree on `k`) and `|r| <= ln2/2` (plus a rounding of `k`). `ln2` is split as `LN2_HI + LN2_LO`
//! where `LN2_HI` has few enough significant bits (32 for `f64`, 16 for `f32`) that `k*LN2_HI`
//! is exact and `x - k*LN2_HI` is exact (Sterbenz); `r = hi - k*LN2_LO` is kept with its
//! rounding error `rlo` (a fast two-sum). For `f32` on FMA backends `r` is one fused
//! `hi - k*LN2_LO` and `rlo` is dropped: that error is below 2^-25 |r| and the exhaustive test of
//! all 2^32 inputs still finds at most 1 ulp.
//!
//! **Polynomial.** `e^r = 1 + r + r^2*q(r)`, `q` a minimax polynomial (degree 10 for `f64`,
//! 5 for `f32`) on `[-ln2/2, ln2/2]` fitted by Sollya's `fpminimax` in `kernels/gen/coeffs.sollya`
//! (`kernels/gen/gen.sh` regenerates `coeffs.rs`); `rlo` enters as `rlo*(1 + r)`. The sum is
//! `1 + (r + s)` with `s = r^2*q + rlo*(1 + r)`, so the only large rounding is the last one.
//!
//! **Scaling.** `p * 2^k` by [`Lanes::mul_exp2`]: two exact powers of two
//! `2^floor(k/2) * 2^ceil(k/2)` built from the integer bits of `k`, or one `vscalef` on AVX-512
//! (the same single rounding). The input is clamped to `[-746, 710]` (`[-104, 89]` for `f32`),
//! so overflow to `+inf`, gradual underflow to subnormals and the flush to `+0` all happen in
//! that last step, by the hardware's own rounding, at the exact thresholds.
//!
//! **Error bound.** Stated: at most 1 ulp integer distance from the correctly rounded result
//! (faithful) on every backend; measured maxima are in `docs/ACCURACY.md` (the analysis gives
//! about 0.5 ulp for the final rounding + 0.25 ulp for the rounding of `r + s` + the polynomial
//! error, below 2^-57 relative for `f64`).

use crate::coeffs::{EXP_F32_Q, EXP_F64_Q};
use crate::common::horner;
use crate::lanes::{Lanes, Scalar};
use crate::pio2_table::{LN2_F32_HI, LN2_F32_LO, LN2_F64_HI, LN2_F64_LO};

/// `e^x` on every lane of an `f64` vector.
///
/// ```
/// use simdmath_kernels::exp::exp_f64;
/// use wide::f64x4;
/// let y = exp_f64(f64x4::from([0.0, 1.0, 710.0, -800.0])).to_array();
/// assert_eq!(y[0], 1.0);
/// assert_eq!(y[2], f64::INFINITY);
/// assert_eq!(y[3], 0.0);
/// ```
#[inline(always)]
pub fn exp_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    // The clamp keeps NaN lanes NaN (see `Lanes::max`), and NaN flows through to the result.
    let xc = x.max(V::splat(-746.0)).min(V::splat(710.0));
    let magic = V::splat(f64::ROUND_MAGIC);
    let k = (xc * V::splat(core::f64::consts::LOG2_E) + magic) - magic;
    let hi = xc - k * V::splat(LN2_F64_HI);
    let lo = k * V::splat(LN2_F64_LO);
    let r = hi - lo;
    let rlo = (hi - r) - lo;
    let q = horner(r, &EXP_F64_Q);
    let s = (r * r).mul_add(q, rlo.mul_add(r, rlo));
    let p = V::splat(1.0) + (r + s);
    p.mul_exp2(k)
}

/// `e^x` on every lane of an `f32` vector.
///
/// ```
/// use simdmath_kernels::exp::exp_f32;
/// use wide::f32x8;
/// let y = exp_f32(f32x8::splat(0.0)).to_array();
/// assert_eq!(y, [1.0; 8]);
/// ```
#[inline(always)]
pub fn exp_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let xc = x.max(V::splat(-104.0)).min(V::splat(89.0));
    let magic = V::splat(f32::ROUND_MAGIC);
    let k = (xc * V::splat(core::f32::consts::LOG2_E) + magic) - magic;
    let hi = xc - k * V::splat(LN2_F32_HI);
    let (r, rlo) = if V::FUSED {
        // One rounding for r = hi - k*LN2_LO; its error (below 2^-25 |r|) is left out.
        (k.mul_add(V::splat(-LN2_F32_LO), hi), V::splat(0.0))
    } else {
        let lo = k * V::splat(LN2_F32_LO);
        let r = hi - lo;
        (r, (hi - r) - lo)
    };
    let q = horner(r, &EXP_F32_Q);
    let s = (r * r).mul_add(q, rlo.mul_add(r, rlo));
    let p = V::splat(1.0) + (r + s);
    p.mul_exp2(k)
}
