//! `exp` for `f64` and `f32`.
//!
//! **Range reduction.** `x = k*ln2 + r` with `k = round(x/ln2)` (computed as
//! `x*log2(e) + 1.5*2^p - 1.5*2^p`, a multiply and an add on every backend so that all backends
//! agree on `k`) and `|r| <= ln2/2` (plus a rounding of `k`). `ln2` is split as `LN2_HI + LN2_LO`
//! where `LN2_HI` has few enough significant bits (32 for `f64`, 16 for `f32`) that `k*LN2_HI`
//! is exact and `x - k*LN2_HI` is exact (Sterbenz); `r = hi - k*LN2_LO` is kept with its
//! rounding error `rlo` (a fast two-sum).
//!
//! **Polynomial.** `e^r = 1 + r + r^2*q(r)`, `q` a minimax polynomial (degree 10 for `f64`,
//! 5 for `f32`) on `[-ln2/2, ln2/2]` fitted by Sollya's `fpminimax` in `kernels/gen/coeffs.sollya`
//! (`kernels/gen/gen.sh` regenerates `coeffs.rs`); `rlo` enters as `rlo*(1 + r)`. The sum is
//! `1 + (r + s)` with `s = r^2*q + rlo*(1 + r)`, so the only large rounding is the last one.
//!
//! **Scaling.** `2^k` is applied as two exact powers of two `2^floor(k/2) * 2^ceil(k/2)`,
//! built from the integer bits of `k`; the input is clamped to `[-746, 710]` (`[-104, 89]` for
//! `f32`), so overflow to `+inf`, gradual underflow to subnormals and the flush to `+0` all
//! happen in that last multiply, by the hardware's own rounding, at the exact thresholds.
//!
//! **Error bound.** Stated: at most 1 ulp integer distance from the correctly rounded result
//! (faithful) on every backend; measured maxima are in `docs/ACCURACY.md` (the analysis gives
//! about 0.5 ulp for the final rounding + 0.25 ulp for the rounding of `r + s` + the polynomial
//! error, below 2^-57 relative for `f64`).

use crate::coeffs::{EXP_F32_Q, EXP_F64_Q};
use crate::common::horner;
use crate::pio2_table::{LN2_F32_HI, LN2_F32_LO, LN2_F64_HI, LN2_F64_LO};
use crate::lanes::Lanes;

/// `e^x` on every lane of an `f64` vector.
#[inline(always)]
pub fn exp_f64<V: Lanes<Scalar = f64>>(x: V) -> V {
    let xc = x.max(V::splat(-746.0)).min(V::splat(710.0));
    // 1.5 * 2^52: adding it rounds to an integer, ties to even, and leaves k in the low bits.
    let magic = V::splat(f64::from_bits(0x4338_0000_0000_0000));
    let t = xc * V::splat(core::f64::consts::LOG2_E) + magic;
    let k = t - magic;
    let hi = xc - k * V::splat(LN2_F64_HI);
    let lo = k * V::splat(LN2_F64_LO);
    let r = hi - lo;
    let rlo = (hi - r) - lo;
    let q = horner(r, &EXP_F64_Q);
    let s = (r * r).mul_add(q, rlo.mul_add(r, rlo));
    let p = V::splat(1.0) + (r + s);
    // u = k + 2048 >= 0; 2^floor(k/2) has biased exponent (u >> 1) - 1, 2^ceil(k/2) u - (u >> 1) - 1.
    let u = V::to_bits(t) - V::splat_bits(0x4338_0000_0000_0000 - 2048);
    let k1 = V::shr(u, 1);
    let k2 = u - k1;
    let one = V::splat_bits(1);
    let s1 = V::from_bits(V::shl(k1 - one, 52));
    let s2 = V::from_bits(V::shl(k2 - one, 52));
    let y = p * s1 * s2;
    V::select(x.is_nan(), x + x, y)
}

/// `e^x` on every lane of an `f32` vector.
#[inline(always)]
pub fn exp_f32<V: Lanes<Scalar = f32>>(x: V) -> V {
    let xc = x.max(V::splat(-104.0)).min(V::splat(89.0));
    // 1.5 * 2^23.
    let magic = V::splat(f32::from_bits(0x4b40_0000));
    let t = xc * V::splat(core::f32::consts::LOG2_E) + magic;
    let k = t - magic;
    let hi = xc - k * V::splat(LN2_F32_HI);
    let lo = k * V::splat(LN2_F32_LO);
    let r = hi - lo;
    let rlo = (hi - r) - lo;
    let q = horner(r, &EXP_F32_Q);
    let s = (r * r).mul_add(q, rlo.mul_add(r, rlo));
    let p = V::splat(1.0) + (r + s);
    // u = k + 256 >= 0, as for f64 with a bias of 127.
    let u = V::to_bits(t) - V::splat_bits(0x4b40_0000 - 256);
    let k1 = V::shr(u, 1);
    let k2 = u - k1;
    let one = V::splat_bits(1);
    let s1 = V::from_bits(V::shl(k1 - one, 23));
    let s2 = V::from_bits(V::shl(k2 - one, 23));
    let y = p * s1 * s2;
    V::select(x.is_nan(), x + x, y)
}
